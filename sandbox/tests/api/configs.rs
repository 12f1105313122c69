use serde_json::Value;

use crate::helpers::{Auth, ok_json, spawn_app, spawn_app_with};

#[tokio::test]
async fn configs_answer_without_credentials_and_say_this_is_ee_with_multi_tenancy() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let body: Value = ok_json(app.get("/api/v1/configs", &Auth::None).await).await;

    // Assert
    assert_eq!(body["edition"], "EE");
    assert!(
        body["version"]
            .as_str()
            .is_some_and(|v| v.starts_with("2."))
    );
    assert_eq!(body["isBasicAuthInitialized"], true);
    assert_eq!(body["tenants"]["enabled"], true);
    assert_eq!(body["tenants"]["defaultTenant"], false);
    assert_eq!(body["tenants"]["storageByTenant"], false);
    assert_eq!(body["tenants"]["secretByTenant"], false);
}

#[tokio::test]
async fn configs_report_the_tenancy_flags_the_server_was_started_with() {
    let app = spawn_app_with(|s| {
        s.multi_tenancy = false;
        s.default_tenant = true;
        s.admin_email = None;
        s.admin_password = None;
    })
    .await;

    let body: Value = ok_json(app.get("/api/v1/configs", &Auth::None).await).await;

    assert_eq!(body["tenants"]["enabled"], false);
    assert_eq!(body["tenants"]["defaultTenant"], true);
    assert_eq!(
        body["isBasicAuthInitialized"], false,
        "no user has a password yet"
    );
}

#[tokio::test]
async fn without_multi_tenancy_tenant_paths_work_without_a_tenant_segment() {
    let app = spawn_app_with(|s| s.multi_tenancy = false).await;

    let created = app
        .post(
            "/api/v1/groups",
            &Auth::admin(),
            serde_json::json!({"name": "Ops"}),
        )
        .await;
    assert_eq!(created.status(), reqwest::StatusCode::OK);
    let found = ok_json(app.get("/api/v1/groups/search?q=ops", &Auth::admin()).await).await;
    assert_eq!(found["total"], 1);
    let same = ok_json(app.get("/api/v1/main/groups/search", &Auth::admin()).await).await;
    assert_eq!(same["total"], 1, "the implicit tenant is `main`");
    let me = ok_json(app.get("/api/v1/me", &Auth::admin()).await).await;
    assert_eq!(me["tenants"][0]["id"], "main");
    let catalogue = app.get("/api/v1/acls/permissions", &Auth::admin()).await;
    assert_eq!(catalogue.status(), reqwest::StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_method_returns_405_with_kestras_body() {
    let app = spawn_app().await;
    let res = app.delete("/api/v1/configs", &Auth::admin()).await;
    crate::helpers::assert_error(res, reqwest::StatusCode::METHOD_NOT_ALLOWED).await;
}

#[tokio::test]
async fn a_stopped_sandbox_refuses_connections() {
    let app = spawn_app().await;
    let url = format!("{}/api/v1/configs", app.url);
    let client = reqwest::Client::new();
    assert!(client.get(&url).send().await.is_ok());

    app.stop().await;

    assert!(client.get(&url).send().await.is_err());
}
