//! The audit trail: every change leaves one log with its patches, which the search endpoints
//! find by filter, page by page, newest first, one tenant at a time.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{
    ADMIN_EMAIL, Auth, TestApp, assert_error, ok_json, spawn_app, spawn_app_with,
};

/// `GET /api/v1/{tenant}/auditlogs/search?{query}` as the instance owner.
async fn search(app: &TestApp, tenant: &str, query: &str) -> Value {
    ok_json(
        app.get(
            &format!("/api/v1/{tenant}/auditlogs/search?{query}"),
            &Auth::admin(),
        )
        .await,
    )
    .await
}

/// The `auditLog` of each result of a page.
fn logs(page: &Value) -> Vec<Value> {
    page["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results in {page}"))
        .iter()
        .map(|item| item["auditLog"].clone())
        .collect()
}

#[tokio::test]
async fn changing_a_role_logs_one_update_with_the_patches_of_the_change() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = app
        .create_role("dev", "Runner", json!({"FLOW": ["VIEW"]}))
        .await;

    // Act
    let body = json!({"name": "Runner", "permissions": {"FLOW": ["VIEW", "EXECUTE"]}});
    ok_json(
        app.put(&format!("/api/v1/dev/roles/{role}"), &Auth::admin(), body)
            .await,
    )
    .await;

    // Assert
    let page = search(&app, "dev", &format!("filters[id][EQUALS]={role}")).await;
    assert_eq!(page["total"], 2, "{page}");
    let logs = logs(&page);
    let (update, create) = (&logs[0], &logs[1]);
    assert_eq!(update["type"], "UPDATE");
    assert_eq!(create["type"], "CREATE");
    assert_eq!(update["tenantId"], "dev");
    assert_eq!(update["detail"]["resourceType"], "ROLE");
    assert_eq!(update["detail"]["id"], role.as_str());
    assert_eq!(update["ipAddress"], "127.0.0.1");
    assert_eq!(
        update["appliedPatch"],
        json!([{"op": "add", "path": "/permissions/FLOW/1", "value": "EXECUTE"}])
    );
    assert_eq!(
        update["revertPatch"],
        json!([{"op": "remove", "path": "/permissions/FLOW/1"}])
    );
    let who = &page["results"][0]["user"];
    assert_eq!(who["email"], ADMIN_EMAIL);
    assert_eq!(update["userId"], who["id"]);
    assert!(
        update["date"].as_str().is_some_and(|d| d.ends_with('Z')),
        "{update}"
    );
}

#[tokio::test]
async fn a_binding_made_and_removed_logs_a_create_and_a_delete_that_reverts_it() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let group = app.create_group("dev", "Ops").await;
    let role = app
        .create_role("dev", "Viewer", json!({"FLOW": ["VIEW"]}))
        .await;
    let binding = app
        .bind("dev", "GROUP", &group, &role, Some("company"))
        .await;
    let id = binding["id"].as_str().unwrap();

    // Act
    let res = app
        .delete(&format!("/api/v1/dev/bindings/{id}"), &Auth::admin())
        .await;
    assert!(res.status().is_success());

    // Assert
    let page = search(&app, "dev", &format!("filters[id][EQUALS]={id}")).await;
    let logs = logs(&page);
    assert_eq!(logs.len(), 2, "{page}");
    assert_eq!(logs[0]["type"], "DELETE");
    assert_eq!(logs[0]["detail"]["resourceType"], "BINDING");
    assert_eq!(
        logs[0]["appliedPatch"],
        json!([{"op": "replace", "path": "", "value": null}])
    );
    let restored = &logs[0]["revertPatch"][0]["value"];
    assert_eq!(restored["type"], "GROUP");
    assert_eq!(restored["externalId"], group.as_str());
    assert_eq!(restored["roleId"], role.as_str());
    assert_eq!(restored["namespaceId"], "company");
    assert_eq!(logs[1]["type"], "CREATE");
    assert_eq!(logs[1]["appliedPatch"][0]["value"], *restored);
}

#[tokio::test]
async fn a_write_that_fails_leaves_no_log() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_role("dev", "Runner", json!({"FLOW": ["VIEW"]}))
        .await;
    let before = search(&app, "dev", "").await["total"].clone();

    // Act
    let res = app
        .post(
            "/api/v1/dev/roles",
            &Auth::admin(),
            json!({"name": "Runner", "permissions": {}}),
        )
        .await;

    // Assert
    assert_error(res, StatusCode::CONFLICT).await;
    assert_eq!(search(&app, "dev", "").await["total"], before);
}

#[tokio::test]
async fn a_tenants_search_never_shows_another_tenants_logs() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    app.create_role("dev", "Dev role", json!({})).await;
    let prod_role = app.create_role("prod", "Prod role", json!({})).await;

    // Act
    let dev = search(&app, "dev", "size=100").await;
    let by_id = search(&app, "dev", &format!("filters[id][EQUALS]={prod_role}")).await;

    // Assert
    assert_eq!(dev["total"], 2, "the tenant and its role: {dev}");
    assert!(logs(&dev).iter().all(|l| l["tenantId"] == "dev"), "{dev}");
    assert_eq!(by_id["total"], 0, "{by_id}");
    let all = ok_json(
        app.get("/api/v1/auditlogs/search?size=100", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(
        all["total"], 5,
        "both tenants, their roles, the sign-in: {all}"
    );
}

#[tokio::test]
async fn filters_pick_logs_by_action_resource_user_and_date() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let group = app.create_group("dev", "Ops").await;
    let path = format!("/api/v1/dev/groups/{group}");
    ok_json(
        app.put(&path, &Auth::admin(), json!({"name": "Operations"}))
            .await,
    )
    .await;
    assert!(
        app.delete(&path, &Auth::admin())
            .await
            .status()
            .is_success()
    );
    let who = search(&app, "dev", "").await["results"][0]["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Act and assert
    let cases = [
        ("filters[type][EQUALS]=DELETE", 1, "the delete"),
        (
            "filters[action][IN]=CREATE,UPDATE",
            3,
            "the tenant, the group, the rename",
        ),
        (
            "filters[resources][EQUALS]=GROUP",
            3,
            "the group's three changes",
        ),
        ("filters[resources][NOT_EQUALS]=GROUP", 1, "the tenant"),
        (&format!("filters[userId][EQUALS]={who}"), 4, "everything"),
        ("filters[userId][EQUALS]=nobody", 0, "nothing"),
        (
            "filters[startDate][GREATER_THAN_OR_EQUAL_TO]=2999-01-01T00:00:00Z",
            0,
            "the future",
        ),
        (
            "filters[endDate][LESS_THAN_OR_EQUAL_TO]=2999-01-01T00:00:00.000Z",
            4,
            "the past",
        ),
        (
            "filters[startDate][GREATER_THAN_OR_EQUAL_TO]=2000-01-01T00:00:00Z",
            4,
            "since 2000",
        ),
    ];
    for (query, expected, what) in cases {
        let page = search(&app, "dev", query).await;
        assert_eq!(
            page["total"], expected,
            "{query} should find {what}: {page}"
        );
        assert_eq!(logs(&page).len(), expected, "{query}: {page}");
    }
    for query in [
        "filters[flowId][EQUALS]=x",
        "filters[startDate][EQUALS]=yesterday",
        "sort=type:asc",
    ] {
        let res = app
            .get(
                &format!("/api/v1/dev/auditlogs/search?{query}"),
                &Auth::admin(),
            )
            .await;
        assert_error(res, StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn the_search_pages_newest_first_and_sorts_oldest_first_on_request() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let mut roles = Vec::new();
    for i in 0..5 {
        roles.push(
            app.create_role("dev", &format!("Role {i}"), json!({}))
                .await,
        );
    }
    let ids = |page: &Value| -> Vec<String> {
        logs(page)
            .iter()
            .map(|l| l["detail"]["id"].as_str().unwrap().to_owned())
            .collect()
    };

    // Act
    let first = search(&app, "dev", "size=2").await;
    let third = search(&app, "dev", "size=2&page=3").await;
    let oldest = search(&app, "dev", "size=2&sort=date:asc").await;

    // Assert
    assert_eq!(first["total"], 6, "the tenant and five roles: {first}");
    assert_eq!(ids(&first), vec![roles[4].clone(), roles[3].clone()]);
    assert_eq!(ids(&third), vec![roles[0].clone(), "dev".to_owned()]);
    assert_eq!(ids(&oldest), vec!["dev".to_owned(), roles[0].clone()]);
}

#[tokio::test]
async fn searching_needs_auditlog_list_in_the_tenant_or_being_an_instance_owner() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &["dev"]).await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());

    // Act
    let without = app.get("/api/v1/dev/auditlogs/search", &as_ada).await;
    let instance = app.get("/api/v1/auditlogs/search", &as_ada).await;
    let anonymous = app.get("/api/v1/dev/auditlogs/search", &Auth::None).await;
    let role = app
        .create_role("dev", "Auditor", json!({"AUDITLOG": ["LIST"]}))
        .await;
    app.bind("dev", "USER", ada["id"].as_str().unwrap(), &role, None)
        .await;
    let with = app.get("/api/v1/dev/auditlogs/search", &as_ada).await;

    // Assert
    assert_error(without, StatusCode::FORBIDDEN).await;
    assert_error(instance, StatusCode::FORBIDDEN).await;
    assert_error(anonymous, StatusCode::UNAUTHORIZED).await;
    let page = ok_json(with).await;
    assert_eq!(
        page["results"][0]["auditLog"]["detail"]["resourceType"],
        "BINDING"
    );
}

#[tokio::test]
async fn adding_a_member_logs_an_update_of_the_group_naming_the_person() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let group = app.create_group("dev", "Ops").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let ada = ada["id"].as_str().unwrap();

    // Act
    let path = format!("/api/v1/dev/groups/{group}/members/{ada}");
    ok_json(app.put(&path, &Auth::admin(), json!({})).await).await;
    assert!(
        app.delete(&path, &Auth::admin())
            .await
            .status()
            .is_success()
    );

    // Assert
    let page = search(&app, "dev", &format!("filters[id][EQUALS]={group}")).await;
    let logs = logs(&page);
    assert_eq!(logs.len(), 3, "create, join, leave: {page}");
    let member = format!("/members/{ada}");
    assert_eq!(
        logs[1]["appliedPatch"],
        json!([{"op": "add", "path": member, "value": "MEMBER"}])
    );
    assert_eq!(
        logs[0]["appliedPatch"],
        json!([{"op": "remove", "path": member}])
    );
}

#[tokio::test]
async fn giving_and_taking_tenant_access_and_namespaces_are_logged() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let ada = ada["id"].as_str().unwrap();
    let access = format!("/api/v1/dev/tenant-access/{ada}");

    // Act
    assert!(
        app.put(&access, &Auth::admin(), json!({}))
            .await
            .status()
            .is_success()
    );
    assert!(
        app.delete(&access, &Auth::admin())
            .await
            .status()
            .is_success()
    );
    ok_json(
        app.post(
            "/api/v1/dev/namespaces",
            &Auth::admin(),
            json!({"id": "company.team"}),
        )
        .await,
    )
    .await;

    // Assert
    let access_logs = search(&app, "dev", "filters[resources][EQUALS]=TENANT_ACCESS").await;
    let kinds: Vec<Value> = logs(&access_logs)
        .iter()
        .map(|l| l["type"].clone())
        .collect();
    assert_eq!(kinds, [json!("DELETE"), json!("CREATE")], "{access_logs}");
    assert_eq!(access_logs["results"][0]["auditLog"]["detail"]["id"], ada);
    let ns = search(&app, "dev", "filters[resources][EQUALS]=NAMESPACE").await;
    assert_eq!(ns["total"], 1, "{ns}");
    assert_eq!(
        ns["results"][0]["auditLog"]["appliedPatch"][0]["value"]["id"],
        "company.team"
    );
}

#[tokio::test]
async fn an_api_token_is_logged_without_its_secret_or_hash() {
    // Arrange
    let app = spawn_app().await;
    let created = ok_json(
        app.post(
            "/api/v1/me/api-tokens",
            &Auth::admin(),
            json!({"name": "ci", "description": "for CI"}),
        )
        .await,
    )
    .await;
    let (id, secret) = (
        created["id"].as_str().unwrap(),
        created["fullToken"].as_str().unwrap(),
    );

    // Act
    let res = app
        .delete(&format!("/api/v1/me/api-tokens/{id}"), &Auth::admin())
        .await;
    assert!(res.status().is_success());
    let res = app
        .get(
            &format!("/api/v1/auditlogs/search?filters[id][EQUALS]={id}"),
            &Auth::admin(),
        )
        .await;

    // Assert
    let text = res.text().await.unwrap();
    assert!(!text.contains(secret), "the token leaked: {text}");
    assert!(
        !text.contains(&secret[10..]),
        "part of the token leaked: {text}"
    );
    assert!(
        !text.to_lowercase().contains("hash"),
        "a hash leaked: {text}"
    );
    let page: Value = serde_json::from_str(&text).unwrap();
    let logs = logs(&page);
    assert_eq!(logs.len(), 2, "{page}");
    assert_eq!(logs[1]["type"], "CREATE");
    assert_eq!(logs[1]["appliedPatch"][0]["value"]["name"], "ci");
    assert_eq!(logs[0]["type"], "DELETE");
}

#[tokio::test]
async fn a_person_and_their_password_are_logged_without_the_password_or_its_hash() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let ada = app
        .create_user("ada@example.com", "first-secret", &["dev"])
        .await;
    let id = ada["id"].as_str().unwrap();
    let res = app
        .patch(
            &format!("/api/v1/users/{id}/password"),
            &Auth::admin(),
            json!({"password": "second-secret"}),
        )
        .await;
    assert!(res.status().is_success());
    let res = app
        .get(
            &format!("/api/v1/auditlogs/search?filters[id][EQUALS]={id}"),
            &Auth::admin(),
        )
        .await;

    // Assert
    let text = res.text().await.unwrap();
    for secret in ["first-secret", "second-secret", "argon2", "passwordHash"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    let page: Value = serde_json::from_str(&text).unwrap();
    let logs = logs(&page);
    assert_eq!(logs.len(), 2, "one log per request: {page}");
    assert_eq!(logs[1]["type"], "CREATE");
    assert_eq!(logs[1]["detail"]["resourceType"], "USER");
    let created = &logs[1]["appliedPatch"][0]["value"];
    assert_eq!(created["email"], "ada@example.com");
    assert_eq!(created["basicAuth"], 1);
    assert_eq!(created["tenants"], json!(["dev"]));
    assert_eq!(logs[0]["type"], "UPDATE");
    assert_eq!(logs[0]["appliedPatch"], json!([]));
}

#[tokio::test]
async fn inviting_and_withdrawing_an_invitation_are_logged() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let invited = ok_json(
        app.post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "new@example.com"}),
        )
        .await,
    )
    .await;
    let id = invited["id"].as_str().unwrap();

    // Act
    let res = app
        .delete(&format!("/api/v1/dev/invitations/{id}"), &Auth::admin())
        .await;
    assert!(res.status().is_success());

    // Assert
    let page = search(&app, "dev", "filters[resources][EQUALS]=INVITATION").await;
    let kinds: Vec<Value> = logs(&page).iter().map(|l| l["type"].clone()).collect();
    assert_eq!(kinds, [json!("DELETE"), json!("CREATE")], "{page}");
    assert_eq!(
        logs(&page)[1]["appliedPatch"][0]["value"]["email"],
        "new@example.com"
    );
}

#[tokio::test]
async fn signing_up_with_an_invitation_logs_the_new_account_and_the_acceptance_as_theirs() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let invited = ok_json(
        app.post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "new@example.com"}),
        )
        .await,
    )
    .await;
    let id = invited["id"].as_str().unwrap();

    // Act
    let body = json!({"firstName": "New", "lastName": "Person", "password": "pw-of-new"});
    let res = app
        .post(
            &format!("/api/v1/invitation/create/{id}"),
            &Auth::None,
            body,
        )
        .await;
    assert!(res.status().is_success(), "{}", res.text().await.unwrap());

    // Assert
    let all = ok_json(
        app.get(
            "/api/v1/auditlogs/search?filters[resources][IN]=USER,INVITATION\
             &filters[type][NOT_IN]=LOGIN",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    let logs = logs(&all);
    let kinds: Vec<(Value, Value)> = logs
        .iter()
        .map(|l| (l["detail"]["resourceType"].clone(), l["type"].clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (json!("INVITATION"), json!("UPDATE")),
            (json!("USER"), json!("CREATE")),
            (json!("INVITATION"), json!("CREATE")),
        ],
        "{all}"
    );
    assert_eq!(logs[0]["userId"], logs[1]["detail"]["id"]);
    assert_eq!(logs[1]["userId"], logs[1]["detail"]["id"]);
    assert!(!all.to_string().contains("pw-of-new"));
}

#[tokio::test]
async fn with_a_retention_logs_older_than_it_are_pruned_and_newer_ones_kept() {
    // Arrange: a retention of 3 s, pruned every 3 s.
    let app = spawn_app_with(|settings| {
        settings.audit_retention = Some(std::time::Duration::from_secs(3));
    })
    .await;
    app.create_tenant("dev").await;
    assert_eq!(
        search(&app, "dev", "").await["total"],
        1,
        "the new log is kept"
    );

    // Act: wait past the retention and the pruner's next round, then change something else.
    tokio::time::sleep(std::time::Duration::from_millis(7_500)).await;
    app.create_group("dev", "Platform").await;

    // Assert: only the fresh log is left.
    let page = search(&app, "dev", "").await;
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(logs(&page)[0]["detail"]["resourceType"], "GROUP");
}
