use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ok_json, spawn_app};

#[tokio::test]
async fn a_new_token_is_shown_once_and_signs_in_as_its_owner() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let res = app
        .post(
            "/api/v1/me/api-tokens",
            &Auth::admin(),
            json!({"name": "ci", "maxAge": "P30D"}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    let created = ok_json(res).await;
    let token = created["fullToken"].as_str().unwrap().to_owned();
    assert_eq!(created["name"], "ci");
    let me = ok_json(app.get("/api/v1/me", &Auth::Bearer(token.clone())).await).await;
    assert_eq!(me["superAdmin"], true);

    let list = ok_json(app.get("/api/v1/me/api-tokens", &Auth::admin()).await).await;
    assert_eq!(list["total"], 1);
    let listed = &list["results"][0];
    assert_eq!(listed["id"], created["id"]);
    assert!(token.starts_with(listed["prefix"].as_str().unwrap()));
    assert!(
        !list.to_string().contains(&token),
        "the full token is never listed"
    );
    assert_eq!(listed["expired"], false);
    assert!(listed["exp"].as_str().unwrap() > listed["iat"].as_str().unwrap());
}

#[tokio::test]
async fn deleting_a_token_revokes_it_at_once() {
    let app = spawn_app().await;
    let created = ok_json(
        app.post(
            "/api/v1/me/api-tokens",
            &Auth::admin(),
            json!({"name": "ci"}),
        )
        .await,
    )
    .await;
    let token = Auth::Bearer(created["fullToken"].as_str().unwrap().to_owned());
    assert_eq!(app.get("/api/v1/me", &token).await.status(), StatusCode::OK);

    let path = format!("/api/v1/me/api-tokens/{}", created["id"].as_str().unwrap());
    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::OK
    );

    assert_error(
        app.get("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_error(
        app.delete(&path, &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn an_expired_token_is_refused_and_listed_as_expired() {
    let app = spawn_app().await;
    let created = ok_json(
        app.post(
            "/api/v1/me/api-tokens",
            &Auth::admin(),
            json!({"name": "short", "maxAge": "PT1S"}),
        )
        .await,
    )
    .await;
    let token = Auth::Bearer(created["fullToken"].as_str().unwrap().to_owned());

    tokio::time::sleep(Duration::from_millis(2100)).await;

    assert_error(
        app.get("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let list = ok_json(app.get("/api/v1/me/api-tokens", &Auth::admin()).await).await;
    assert_eq!(list["results"][0]["expired"], true);
}

#[tokio::test]
async fn creating_a_token_with_a_bad_name_or_max_age_returns_422() {
    let app = spawn_app().await;
    let cases = [
        (json!({"name": "CI"}), "name", "an uppercase name"),
        (json!({"name": "ci--x"}), "name", "a double dash"),
        (json!({"name": ""}), "name", "an empty name"),
        (json!({}), "name", "no name"),
        (
            json!({"name": "ci", "maxAge": "30 days"}),
            "maxAge",
            "a duration that is not ISO-8601",
        ),
    ];
    for (body, path, description) in cases {
        let res = app
            .post("/api/v1/me/api-tokens", &Auth::admin(), body)
            .await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_paths(&body), [path], "{description}: {body}");
    }
}

#[tokio::test]
async fn two_tokens_of_one_user_cannot_share_a_name() {
    let app = spawn_app().await;
    ok_json(
        app.post(
            "/api/v1/me/api-tokens",
            &Auth::admin(),
            json!({"name": "ci"}),
        )
        .await,
    )
    .await;

    let res = app
        .post(
            "/api/v1/me/api-tokens",
            &Auth::admin(),
            json!({"name": "ci"}),
        )
        .await;

    assert_error(res, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn an_instance_owner_manages_another_users_tokens() {
    let app = spawn_app().await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let base = format!("/api/v1/users/{}/api-tokens", ada["id"].as_str().unwrap());

    let res = app
        .post(&base, &Auth::admin(), json!({"name": "ada-ci"}))
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created = ok_json(res).await;
    let token = Auth::Bearer(created["fullToken"].as_str().unwrap().to_owned());
    let me = ok_json(app.get("/api/v1/me", &token).await).await;
    assert_eq!(me["profile"]["email"], "ada@example.com");

    let ada_auth = Auth::Basic("ada@example.com".into(), "pw".into());
    assert_error(app.get(&base, &ada_auth).await, StatusCode::FORBIDDEN).await;

    let path = format!("{base}/{}", created["id"].as_str().unwrap());
    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(
        app.get("/api/v1/me", &token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    assert_error(
        app.get("/api/v1/users/nobody/api-tokens", &Auth::admin())
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
