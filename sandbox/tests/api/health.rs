//! `GET /health`: what a load balancer or an orchestrator's probe sees.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Auth, spawn_app, spawn_app_with};

#[tokio::test]
async fn health_answers_up_without_credentials() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let res = app.get("/health", &Auth::None).await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, json!({"status": "UP"}));
}

#[tokio::test]
async fn health_is_at_the_same_path_without_multi_tenancy() {
    // Arrange: the tenant-less path rewriting must leave it alone.
    let app = spawn_app_with(|s| s.multi_tenancy = false).await;

    // Act
    let res = app.get("/health", &Auth::None).await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "UP");
}
