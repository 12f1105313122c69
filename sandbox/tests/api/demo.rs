//! `--seed demo`: the story a visitor clicks through, as the API tells it.

use std::time::Duration;

use kestra_admin_sandbox::Seed;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    ADMIN_EMAIL, ADMIN_PASSWORD, Auth, DEMO_PASSWORD, TestApp, ids_of, ok_json, spawn_app_with,
    spawn_demo_app,
};

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

/// A demo sandbox that restores its data every `secs` seconds.
async fn spawn_resetting_demo(secs: u64) -> TestApp {
    spawn_app_with(|s| {
        s.seed = Some(Seed::Demo);
        s.demo_reset = Some(Duration::from_secs(secs));
    })
    .await
}

#[tokio::test]
async fn a_reset_restores_what_visitors_deleted_created_and_changed() {
    // Arrange: a visitor creates a tenant, deletes one, deletes a person, and changes the
    // instance owner's password.
    let app = spawn_resetting_demo(1).await;
    let visitor = app.create_tenant("visitor").await;
    assert_eq!(visitor["id"], "visitor");
    let deleted = app.delete("/api/v1/tenants/staging", &Auth::admin()).await;
    assert!(deleted.status().is_success(), "{}", deleted.status());
    let users = ok_json(app.get("/api/v1/users?q=carol", &Auth::admin()).await).await;
    let carol = users["results"][0]["id"].as_str().unwrap().to_owned();
    let gone = app
        .delete(&format!("/api/v1/users/{carol}"), &Auth::admin())
        .await;
    assert!(gone.status().is_success(), "{}", gone.status());
    let changed = app
        .put(
            "/api/v1/me/password",
            &Auth::admin(),
            json!({"oldPassword": ADMIN_PASSWORD, "newPassword": "visitor-was-here"}),
        )
        .await;
    assert!(changed.status().is_success(), "{}", changed.status());

    // Act: wait for a reset to have undone all of it.
    let restored = async {
        loop {
            let res = app.get("/api/v1/tenants/search", &Auth::admin()).await;
            if res.status() == StatusCode::OK {
                let mut ids = ids_of(&res.json::<Value>().await.unwrap(), "id");
                ids.sort();
                if ids == ["dev", "prod", "staging"] {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(10), restored)
        .await
        .expect("a reset restored the tenants and the owner's password within 10 s");

    // Assert: carol is back with the same id, so a page open on her still works.
    let carol_again = ok_json(
        app.get(&format!("/api/v1/users/{carol}"), &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(carol_again["username"], "carol@example.com");
    let me = ok_json(
        app.get("/api/v1/me", &Auth::demo("carol@example.com"))
            .await,
    )
    .await;
    assert_eq!(me["tenants"][0]["id"], "dev");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn readers_during_resets_always_see_the_whole_demo() {
    // Arrange: resets every second; readers as the instance owner and as a demo user.
    let app = spawn_resetting_demo(1).await;
    let deadline = tokio::time::Instant::now() + Duration::from_millis(3_500);

    // Act: read for three and a half seconds, through at least three resets.
    let readers: Vec<_> = (0..4)
        .map(|i| {
            let client = app.client.clone();
            let url = app.url.clone();
            tokio::spawn(async move {
                let mut seen = Vec::new();
                while tokio::time::Instant::now() < deadline {
                    let (path, auth) = if i % 2 == 0 {
                        ("/api/v1/tenants/search", (ADMIN_EMAIL, ADMIN_PASSWORD))
                    } else {
                        (
                            "/api/v1/dev/groups/search",
                            ("alice@example.com", DEMO_PASSWORD),
                        )
                    };
                    let res = client
                        .get(format!("{url}{path}"))
                        .basic_auth(auth.0, Some(auth.1))
                        .send()
                        .await
                        .unwrap();
                    let status = res.status();
                    let body: Value = res.json().await.unwrap();
                    seen.push((status, body["total"].clone()));
                }
                (i, seen)
            })
        })
        .collect();
    let mut results = Vec::new();
    for reader in readers {
        results.push(reader.await.unwrap());
    }

    // Assert: never a partial list, never a refused sign-in.
    let resets_logged = ok_json(app.get("/api/v1/configs", &Auth::None).await).await;
    assert!(resets_logged["sandboxDemo"].is_object());
    for (i, seen) in results {
        assert!(
            seen.len() > 10,
            "reader {i} made only {} requests",
            seen.len()
        );
        let expected = if i % 2 == 0 { 3 } else { 4 };
        for (status, total) in &seen {
            assert_eq!(*status, StatusCode::OK, "reader {i}: {seen:?}");
            assert_eq!(total, expected, "reader {i}: {seen:?}");
        }
    }
}

#[tokio::test]
async fn configs_show_the_reset_schedule() {
    // Arrange
    let app = spawn_resetting_demo(2).await;
    let before = std::time::SystemTime::now();

    // Act
    let first = ok_json(app.get("/api/v1/configs", &Auth::None).await).await;
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let later = ok_json(app.get("/api/v1/configs", &Auth::None).await).await;

    // Assert
    let demo = &first["sandboxDemo"];
    assert_eq!(demo["resetIntervalSeconds"], 2, "{first}");
    let next = demo["nextResetAt"].as_str().unwrap();
    assert_eq!(next.len(), "2026-11-22T23:00:00Z".len(), "{next}");
    assert!(next.ends_with('Z'), "{next}");
    let now_secs = before
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let expected_window = [now_secs + 1, now_secs + 2, now_secs + 3];
    assert!(
        expected_window.iter().any(|s| rfc3339_of(*s) == next),
        "{next} is not about two seconds after {}",
        rfc3339_of(now_secs)
    );
    assert!(
        later["sandboxDemo"]["nextResetAt"].as_str().unwrap() > next,
        "the schedule moved on: {later}"
    );
}

#[tokio::test]
async fn without_demo_reset_configs_have_no_schedule() {
    let app = spawn_demo_app().await;

    let configs = ok_json(app.get("/api/v1/configs", &Auth::None).await).await;

    assert!(configs.get("sandboxDemo").is_none(), "{configs}");
}

/// `secs` as `YYYY-MM-DDTHH:MM:SSZ`, computed with the test's own arithmetic (civil-from-days).
fn rfc3339_of(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}
