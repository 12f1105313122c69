use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn giving_access_by_email_returns_204_and_the_tenant_appears_in_me() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_user("ada@example.com", "pw", &[]).await;

    // Act
    let res = app
        .post(
            "/api/v1/dev/tenant-access",
            &Auth::admin(),
            json!({"email": "ada@example.com"}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&me["tenants"], "id"), ["dev"]);
    let again = app
        .post(
            "/api/v1/dev/tenant-access",
            &Auth::admin(),
            json!({"email": "ada@example.com"}),
        )
        .await;
    assert_error(again, StatusCode::CONFLICT).await;
    let unknown = app
        .post(
            "/api/v1/dev/tenant-access",
            &Auth::admin(),
            json!({"email": "x@example.com"}),
        )
        .await;
    assert_error(unknown, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn access_given_by_id_is_listed_shown_and_can_be_taken_away() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let id = ada["id"].as_str().unwrap();
    let path = format!("/api/v1/dev/tenant-access/{id}");

    let res = app.put(&path, &Auth::admin(), json!(null)).await;
    assert_eq!(res.status(), StatusCode::CREATED);

    let list = ok_json(app.get("/api/v1/dev/tenant-access", &Auth::admin()).await).await;
    assert_eq!(ids_of(&list, "username"), ["ada@example.com"]);
    let detail = ok_json(app.get(&path, &Auth::admin()).await).await;
    assert_eq!(detail["tenantId"], "dev");
    assert_eq!(detail["userId"], id);
    assert_eq!(detail["roles"], json!([]));

    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
    assert_error(
        app.delete(&path, &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await,
    )
    .await;
    assert_eq!(me["tenants"], json!([]));
}

#[tokio::test]
async fn autocomplete_finds_people_by_part_of_their_email() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_user("ada@example.com", "pw", &["dev"]).await;
    app.create_user("grace@example.com", "pw", &[]).await;

    let all = ok_json(
        app.post(
            "/api/v1/dev/tenant-access/autocomplete",
            &Auth::admin(),
            json!({"q": "GRA"}),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&all, "username"), ["grace@example.com"]);

    let existing = ok_json(
        app.post(
            "/api/v1/dev/tenant-access/autocomplete",
            &Auth::admin(),
            json!({"q": "example", "existingOnly": true}),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&existing, "username"), ["ada@example.com"]);
}

#[tokio::test]
async fn a_tenant_path_answers_404_for_an_unknown_tenant_and_403_without_access() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    app.create_user("ada@example.com", "pw", &["dev"]).await;
    let ada = Auth::Basic("ada@example.com".into(), "pw".into());

    assert_error(
        app.get("/api/v1/nope/tenant-access", &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_error(
        app.get("/api/v1/prod/tenant-access", &ada).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_error(
        app.get("/api/v1/dev/tenant-access", &ada).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_error(
        app.get("/api/v1/dev/tenant-access", &Auth::None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}
