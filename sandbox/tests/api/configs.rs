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
