//! `--seed demo`: the story a visitor clicks through, as the API tells it.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{Auth, ids_of, ok_json, spawn_demo_app};

#[tokio::test]
async fn the_demo_has_three_tenants_and_a_few_dozen_people_in_teams() {
    // Arrange
    let app = spawn_demo_app().await;

    // Act
    let tenants = ok_json(app.get("/api/v1/tenants/search", &Auth::admin()).await).await;
    let users = ok_json(app.get("/api/v1/users?size=100", &Auth::admin()).await).await;
    let groups = ok_json(
        app.get("/api/v1/prod/groups/search?size=50", &Auth::admin())
            .await,
    )
    .await;
    let roles = ok_json(
        app.get("/api/v1/staging/roles/search?size=50", &Auth::admin())
            .await,
    )
    .await;

    // Assert
    let mut tenant_ids = ids_of(&tenants, "id");
    tenant_ids.sort();
    assert_eq!(tenant_ids, ["dev", "prod", "staging"]);
    let people = users["total"].as_u64().unwrap();
    assert!(people >= 30, "only {people} users");
    let names: Vec<String> = ids_of(&users, "username");
    assert!(names.contains(&"chloe@example.com".to_owned()), "{names:?}");
    let mut group_names = ids_of(&groups, "name");
    group_names.sort();
    assert_eq!(
        group_names,
        [
            "Analytics",
            "Data Engineering",
            "Finance",
            "Operations",
            "Platform",
            "Security"
        ]
    );
    let mut role_names = ids_of(&roles, "name");
    role_names.sort();
    assert_eq!(role_names, ["Admin", "Developer", "Launcher", "Viewer"]);
}

#[tokio::test]
async fn an_analyst_sees_only_the_analytics_namespaces_in_dev() {
    // Arrange: Sofia's only binding in dev is Developer on `company.analytics`, through her
    // team.
    let app = spawn_demo_app().await;
    let sofia = Auth::demo("sofia@example.com");

    // Act
    let namespaces = ok_json(
        app.get("/api/v1/dev/namespaces/search?size=50", &sofia)
            .await,
    )
    .await;
    let me = ok_json(app.get("/api/v1/me", &sofia).await).await;
    let groups = app.get("/api/v1/dev/groups/search", &sofia).await;

    // Assert
    assert_eq!(
        ids_of(&namespaces, "id"),
        ["company.analytics", "company.analytics.reports"]
    );
    assert!(
        me["sandboxPermissions"]["dev"].get("FLOW").is_none(),
        "no tenant-wide flow rights: {}",
        me["sandboxPermissions"]
    );
    assert_eq!(groups.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn in_prod_everyone_may_look_but_analysts_run_flows_in_their_namespace_only() {
    // Arrange
    let app = spawn_demo_app().await;

    // Act
    let analyst = ok_json(
        app.get("/api/v1/me", &Auth::demo("kwame@example.com"))
            .await,
    )
    .await;
    let bindings = ok_json(
        app.get(
            "/api/v1/prod/bindings/search?namespace=company.analytics&size=50",
            &Auth::admin(),
        )
        .await,
    )
    .await;

    // Assert: Viewer, prod's default role, tenant-wide; Launcher only in company.analytics.
    assert_eq!(
        analyst["sandboxPermissions"]["prod"]["FLOW"],
        serde_json::json!(["VIEW", "LIST"])
    );
    let launchers: Vec<&Value> = bindings["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["role"]["name"] == "Launcher")
        .collect();
    assert_eq!(
        launchers.len(),
        2,
        "the Analytics group and reporting-sync: {bindings}"
    );
}

#[tokio::test]
async fn the_service_accounts_hold_tokens_nobody_can_read_back() {
    // Arrange
    let app = spawn_demo_app().await;
    let accounts = ok_json(
        app.get("/api/v1/service-accounts?size=50", &Auth::admin())
            .await,
    )
    .await;

    // Act
    let mut tokens = Vec::new();
    for account in accounts["results"].as_array().unwrap() {
        let id = account["id"].as_str().unwrap();
        let list = ok_json(
            app.get(
                &format!("/api/v1/service-accounts/{id}/api-tokens"),
                &Auth::admin(),
            )
            .await,
        )
        .await;
        tokens.push((account["username"].clone(), list));
    }

    // Assert
    assert_eq!(tokens.len(), 2, "{accounts}");
    for (account, list) in &tokens {
        let results = list["results"]
            .as_array()
            .unwrap_or_else(|| panic!("{list}"));
        assert_eq!(results.len(), 1, "{account}: {list}");
        let token = &results[0];
        assert!(token["prefix"].as_str().unwrap().starts_with("ksb_"));
        assert!(token.get("fullToken").is_none(), "{token}");
    }
}

#[tokio::test]
async fn some_invitations_are_pending_and_one_was_accepted() {
    // Arrange
    let app = spawn_demo_app().await;

    // Act
    let pending = ok_json(
        app.get(
            "/api/v1/dev/invitations/search?status=PENDING",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    let accepted = ok_json(
        app.get(
            "/api/v1/staging/invitations/search?status=ACCEPTED",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    let lucas = ok_json(
        app.get("/api/v1/me", &Auth::demo("lucas@example.com"))
            .await,
    )
    .await;

    // Assert
    assert_eq!(ids_of(&pending, "email"), ["zara@example.com"]);
    assert_eq!(ids_of(&accepted, "email"), ["lucas@example.com"]);
    let mut tenants: Vec<String> = lucas["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    tenants.sort();
    assert_eq!(
        tenants,
        ["dev", "staging"],
        "the invitation gave him staging"
    );
}
