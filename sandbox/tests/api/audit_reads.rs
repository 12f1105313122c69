//! Reading the audit trail back beyond the search: a change's diff, a resource's history,
//! finding one log, the CSV export, and the sign-ins the trail records.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_EMAIL, Auth, TestApp, assert_error, ok_json, spawn_app};

/// The `auditLog`s of one resource in `tenant`, newest first.
async fn logs_of(app: &TestApp, tenant: &str, id: &str) -> Vec<Value> {
    let page = ok_json(
        app.get(
            &format!("/api/v1/{tenant}/auditlogs/search?size=100&filters[id][EQUALS]={id}"),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["auditLog"].clone())
        .collect()
}

/// `GET {path}` as the instance owner, with `before` and `after` parsed (`Null` for `""`).
async fn diff(app: &TestApp, path: &str) -> (Value, Value) {
    let body = ok_json(app.get(path, &Auth::admin()).await).await;
    let parse = |text: &Value| match text.as_str().unwrap() {
        "" => Value::Null,
        text => serde_json::from_str(text).unwrap(),
    };
    (parse(&body["before"]), parse(&body["after"]))
}

/// A tenant `dev` with role `Runner` (`FLOW: VIEW`) given `EXECUTE` too: its id and its logs
/// (the update first).
async fn role_changed_once(app: &TestApp) -> (String, Vec<Value>) {
    app.create_tenant("dev").await;
    let role = app
        .create_role("dev", "Runner", json!({"FLOW": ["VIEW"]}))
        .await;
    let body = json!({"name": "Runner", "permissions": {"FLOW": ["VIEW", "EXECUTE"]}});
    ok_json(
        app.put(&format!("/api/v1/dev/roles/{role}"), &Auth::admin(), body)
            .await,
    )
    .await;
    let logs = logs_of(app, "dev", &role).await;
    (role, logs)
}

#[tokio::test]
async fn a_diff_shows_the_resource_just_before_and_just_after_the_change() {
    // Arrange
    let app = spawn_app().await;
    let (_, logs) = role_changed_once(&app).await;
    let update = logs[0]["id"].as_str().unwrap();

    // Act
    let (before, after) = diff(&app, &format!("/api/v1/dev/auditlogs/{update}/diff")).await;

    // Assert
    assert_eq!(before["permissions"], json!({"FLOW": ["VIEW"]}));
    assert_eq!(after["permissions"], json!({"FLOW": ["VIEW", "EXECUTE"]}));
    assert_eq!(after["name"], "Runner");
}

#[tokio::test]
async fn a_created_resource_has_no_before_and_a_deleted_one_no_after() {
    // Arrange
    let app = spawn_app().await;
    let (role, _) = role_changed_once(&app).await;
    let res = app
        .delete(&format!("/api/v1/dev/roles/{role}"), &Auth::admin())
        .await;
    assert!(res.status().is_success());
    let logs = logs_of(&app, "dev", &role).await;
    let (delete, create) = (
        logs[0]["id"].as_str().unwrap(),
        logs[2]["id"].as_str().unwrap(),
    );

    // Act
    let created = diff(&app, &format!("/api/v1/dev/auditlogs/{create}/diff")).await;
    let deleted = diff(&app, &format!("/api/v1/dev/auditlogs/{delete}/diff")).await;

    // Assert
    assert_eq!(created.0, Value::Null);
    assert_eq!(created.1["permissions"], json!({"FLOW": ["VIEW"]}));
    assert_eq!(
        deleted.0["permissions"],
        json!({"FLOW": ["VIEW", "EXECUTE"]})
    );
    assert_eq!(deleted.1, Value::Null);
}

#[tokio::test]
async fn a_diff_since_a_previous_log_compares_the_two_versions() {
    // Arrange
    let app = spawn_app().await;
    let (role, _) = role_changed_once(&app).await;
    let body = json!({"name": "Launcher", "permissions": {"FLOW": ["VIEW", "EXECUTE"]}});
    ok_json(
        app.put(&format!("/api/v1/dev/roles/{role}"), &Auth::admin(), body)
            .await,
    )
    .await;
    let logs = logs_of(&app, "dev", &role).await;
    let (rename, create) = (
        logs[0]["id"].as_str().unwrap(),
        logs[2]["id"].as_str().unwrap(),
    );

    // Act
    let (before, after) = diff(
        &app,
        &format!("/api/v1/dev/auditlogs/{rename}/diff?previousId={create}"),
    )
    .await;

    // Assert
    assert_eq!(before["name"], "Runner");
    assert_eq!(before["permissions"], json!({"FLOW": ["VIEW"]}));
    assert_eq!(after["name"], "Launcher");
    assert_eq!(after["permissions"], json!({"FLOW": ["VIEW", "EXECUTE"]}));
}

#[tokio::test]
async fn a_previous_log_of_another_resource_is_refused_on_previous_id() {
    // Arrange
    let app = spawn_app().await;
    let (_, logs) = role_changed_once(&app).await;
    let other = app.create_group("dev", "Ops").await;
    let other_log = logs_of(&app, "dev", &other).await[0]["id"].clone();
    let update = logs[0]["id"].as_str().unwrap();

    // Act
    let res = app
        .get(
            &format!(
                "/api/v1/dev/auditlogs/{update}/diff?previousId={}",
                other_log.as_str().unwrap()
            ),
            &Auth::admin(),
        )
        .await;

    // Assert
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(body.to_string().contains("previousId"), "{body}");
}

#[tokio::test]
async fn another_tenants_log_is_not_found_and_the_instance_wide_diff_is_for_owners() {
    // Arrange
    let app = spawn_app().await;
    let (_, logs) = role_changed_once(&app).await;
    app.create_tenant("prod").await;
    app.create_user("pat@example.com", "pat-secret", &["dev"])
        .await;
    let pat = Auth::Basic("pat@example.com".into(), "pat-secret".into());
    let update = logs[0]["id"].as_str().unwrap();

    // Act
    let from_prod = app
        .get(
            &format!("/api/v1/prod/auditlogs/{update}/diff"),
            &Auth::admin(),
        )
        .await;
    let without_permission = app
        .get(&format!("/api/v1/dev/auditlogs/{update}/diff"), &pat)
        .await;
    let instance_wide = app
        .get(&format!("/api/v1/auditlogs/{update}/diff"), &pat)
        .await;

    // Assert
    assert_error(from_prod, StatusCode::NOT_FOUND).await;
    assert_error(without_permission, StatusCode::FORBIDDEN).await;
    assert_error(instance_wide, StatusCode::FORBIDDEN).await;
    let (before, _) = diff(&app, &format!("/api/v1/auditlogs/{update}/diff")).await;
    assert_eq!(before["permissions"], json!({"FLOW": ["VIEW"]}));
}

#[tokio::test]
async fn a_history_lists_a_resources_logs_newest_first_with_who_made_them() {
    // Arrange
    let app = spawn_app().await;
    let (role, logs) = role_changed_once(&app).await;
    app.create_tenant("prod").await;

    // Act
    let history = ok_json(
        app.get(
            &format!("/api/v1/dev/auditlogs/history/{role}"),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    let elsewhere = ok_json(
        app.get(
            &format!("/api/v1/prod/auditlogs/history/{role}"),
            &Auth::admin(),
        )
        .await,
    )
    .await;

    // Assert
    let options = history.as_array().unwrap();
    assert_eq!(options.len(), 2, "{history}");
    assert_eq!(options[0]["id"], logs[0]["id"]);
    assert_eq!(options[1]["id"], logs[1]["id"]);
    assert_eq!(options[0]["username"], ADMIN_EMAIL);
    assert_eq!(options[0]["date"], logs[0]["date"]);
    assert_eq!(elsewhere, json!([]));
}

#[tokio::test]
async fn find_answers_the_newest_log_matching_resource_action_and_detail() {
    // Arrange
    let app = spawn_app().await;
    let (role, logs) = role_changed_once(&app).await;

    // Act
    let created = app
        .post(
            "/api/v1/dev/auditlogs/find",
            &Auth::admin(),
            json!({"resource": "ROLE", "type": "CREATE", "detail": {"id": role}}),
        )
        .await;
    let newest = app
        .post(
            "/api/v1/dev/auditlogs/find",
            &Auth::admin(),
            json!({"detail": {"id": role, "resourceType": "ROLE"}}),
        )
        .await;
    let none = app
        .post(
            "/api/v1/dev/auditlogs/find",
            &Auth::admin(),
            json!({"resource": "ROLE", "type": "DELETE", "detail": {"id": role}}),
        )
        .await;
    let bad = app
        .post(
            "/api/v1/dev/auditlogs/find",
            &Auth::admin(),
            json!({"type": "RENAME"}),
        )
        .await;

    // Assert
    let created = ok_json(created).await;
    assert_eq!(created["auditLog"]["id"], logs[1]["id"]);
    assert_eq!(created["user"]["email"], ADMIN_EMAIL);
    assert_eq!(ok_json(newest).await["auditLog"]["id"], logs[0]["id"]);
    assert_error(none, StatusCode::NOT_FOUND).await;
    let bad = assert_error(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert!(bad.to_string().contains("type"), "{bad}");
}

/// The export's CSV as rows of fields, its header first.
async fn export(app: &TestApp, path: &str, auth: &Auth) -> Vec<Vec<String>> {
    let res = app.get(path, auth).await;
    assert_eq!(res.status(), StatusCode::OK);
    let kind = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/csv"), "{kind}");
    let text = res.text().await.unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_export_is_a_csv_of_the_filtered_logs_newest_first() {
    // Arrange
    let app = spawn_app().await;
    let (role, logs) = role_changed_once(&app).await;
    app.create_group("dev", "Ops").await;

    // Act
    let rows = export(
        &app,
        &format!("/api/v1/dev/auditlogs/export?id={role}&resources=ROLE,GROUP"),
        &Auth::admin(),
    )
    .await;
    let updates = export(
        &app,
        "/api/v1/dev/auditlogs/export?type=UPDATE",
        &Auth::admin(),
    )
    .await;

    // Assert
    assert_eq!(
        rows[0][..6],
        [
            "id",
            "tenantId",
            "type",
            "resourceType",
            "resourceId",
            "date"
        ]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][0], logs[0]["id"].as_str().unwrap());
    assert_eq!(rows[1][2], "UPDATE");
    assert_eq!(rows[1][3], "ROLE");
    assert_eq!(rows[1][7], ADMIN_EMAIL);
    let applied: Value = serde_json::from_str(&rows[1][10]).unwrap();
    assert_eq!(applied, logs[0]["appliedPatch"]);
    assert_eq!(rows[2][2], "CREATE");
    assert_eq!(updates.len(), 2, "only the role's update: {updates:?}");
}

#[tokio::test]
async fn an_export_longer_than_a_batch_streams_every_log_once() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let group = app.create_group("dev", "Ops").await;
    for n in 0..1_050 {
        let res = app
            .put(
                &format!("/api/v1/dev/groups/{group}"),
                &Auth::admin(),
                json!({"name": format!("Ops {n}")}),
            )
            .await;
        assert!(res.status().is_success());
    }

    // Act
    let rows = export(
        &app,
        &format!("/api/v1/dev/auditlogs/export?id={group}"),
        &Auth::admin(),
    )
    .await;

    // Assert
    assert_eq!(
        rows.len(),
        1 + 1_051,
        "the header, the create and every update"
    );
    let ids: std::collections::HashSet<&String> = rows[1..].iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), 1_051, "no log twice");
    assert_eq!(rows[1_051][2], "CREATE", "the oldest last");
}

#[tokio::test]
async fn the_export_needs_the_permission_and_refuses_unknown_parameters() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_user("pat@example.com", "pat-secret", &["dev"])
        .await;
    let pat = Auth::Basic("pat@example.com".into(), "pat-secret".into());

    // Act
    let tenant = app.get("/api/v1/dev/auditlogs/export", &pat).await;
    let everywhere = app.get("/api/v1/auditlogs/export", &pat).await;
    let unknown = app
        .get("/api/v1/dev/auditlogs/export?colour=red", &Auth::admin())
        .await;
    let bad_type = app
        .get("/api/v1/dev/auditlogs/export?type=RENAME", &Auth::admin())
        .await;

    // Assert
    assert_error(tenant, StatusCode::FORBIDDEN).await;
    assert_error(everywhere, StatusCode::FORBIDDEN).await;
    assert_error(unknown, StatusCode::BAD_REQUEST).await;
    assert_error(bad_type, StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn a_sign_in_and_a_wrong_password_are_logged_without_what_was_typed() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let pat = app
        .create_user("pat@example.com", "pat-secret", &["dev"])
        .await;
    let id = pat["id"].as_str().unwrap();

    // Act
    for _ in 0..3 {
        let auth = Auth::Basic("pat@example.com".into(), "pat-secret".into());
        assert!(app.get("/api/v1/me", &auth).await.status().is_success());
    }
    let wrong = Auth::Basic("pat@example.com".into(), "not-pats-password".into());
    assert_eq!(
        app.get("/api/v1/me", &wrong).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let nobody = Auth::Basic("nobody@example.com".into(), "typed-as-email".into());
    assert_eq!(
        app.get("/api/v1/me", &nobody).await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Assert
    let res = app
        .get(
            "/api/v1/auditlogs/search?size=100&filters[type][IN]=LOGIN,LOGIN_FAILURE",
            &Auth::admin(),
        )
        .await;
    let text = res.text().await.unwrap();
    for typed in [
        "pat-secret",
        "not-pats-password",
        "typed-as-email",
        "nobody@",
    ] {
        assert!(!text.contains(typed), "{typed} reached the log: {text}");
    }
    let page: Value = serde_json::from_str(&text).unwrap();
    let pats: Vec<&Value> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| &item["auditLog"])
        .filter(|log| log["userId"] == id)
        .collect();
    let kinds: Vec<&Value> = pats.iter().map(|log| &log["type"]).collect();
    assert_eq!(kinds, [&json!("LOGIN_FAILURE"), &json!("LOGIN")], "{page}");
    assert_eq!(pats[1]["detail"]["resourceType"], "USER");
    assert_eq!(pats[1]["ipAddress"], "127.0.0.1");
    assert!(pats[1].get("tenantId").is_none(), "{page}");
}
