use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn an_instance_owner_creates_a_service_account_that_signs_in_with_a_token() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let res = app
        .post(
            "/api/v1/service-accounts",
            &Auth::admin(),
            json!({"name": "ci-bot", "description": "CI", "tenants": ["dev"]}),
        )
        .await;

    // Assert
    let account = ok_json(res).await;
    assert_eq!(account["name"], "ci-bot");
    assert_eq!(account["superAdmin"], false);
    assert_eq!(ids_of(&account["tenants"], "id"), ["dev"]);
    let id = account["id"].as_str().unwrap();
    let token = ok_json(
        app.post(
            &format!("/api/v1/service-accounts/{id}/api-tokens"),
            &Auth::admin(),
            json!({"name": "deploy"}),
        )
        .await,
    )
    .await;
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Bearer(token["fullToken"].as_str().unwrap().into()),
        )
        .await,
    )
    .await;
    assert_eq!(me["id"], id);
    assert_eq!(ids_of(&me["tenants"], "id"), ["dev"]);
    let list = ok_json(app.get("/api/v1/service-accounts", &Auth::admin()).await).await;
    assert_eq!(ids_of(&list, "name"), ["ci-bot"]);
}

#[tokio::test]
async fn service_account_names_follow_the_pattern_and_are_unique() {
    let app = spawn_app().await;
    ok_json(
        app.post(
            "/api/v1/service-accounts",
            &Auth::admin(),
            json!({"name": "ci-bot"}),
        )
        .await,
    )
    .await;

    let taken = app
        .post(
            "/api/v1/service-accounts",
            &Auth::admin(),
            json!({"name": "ci-bot"}),
        )
        .await;
    assert_error(taken, StatusCode::CONFLICT).await;
    for name in ["CI", "ci_bot", "-ci", "", "ci--bot"] {
        let res = app
            .post(
                "/api/v1/service-accounts",
                &Auth::admin(),
                json!({"name": name}),
            )
            .await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_paths(&body), ["name"], "{name}");
    }
}

#[tokio::test]
async fn a_service_account_is_renamed_promoted_and_deleted() {
    let app = spawn_app().await;
    let account = ok_json(
        app.post(
            "/api/v1/service-accounts",
            &Auth::admin(),
            json!({"name": "ci-bot"}),
        )
        .await,
    )
    .await;
    let path = format!(
        "/api/v1/service-accounts/{}",
        account["id"].as_str().unwrap()
    );

    let renamed = ok_json(
        app.patch(
            &path,
            &Auth::admin(),
            json!({"name": "cd-bot", "description": "CD"}),
        )
        .await,
    )
    .await;
    assert_eq!(renamed["name"], "cd-bot");
    let promoted = app
        .patch(
            &format!("{path}/superadmin"),
            &Auth::admin(),
            json!({"superAdmin": true}),
        )
        .await;
    assert_eq!(promoted.status(), StatusCode::OK);
    assert_eq!(
        ok_json(app.get(&path, &Auth::admin()).await).await["superAdmin"],
        true
    );

    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn the_tenant_view_creates_lists_updates_and_removes_service_accounts() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    let created = ok_json(
        app.post(
            "/api/v1/dev/service-accounts",
            &Auth::admin(),
            json!({"name": "dev-bot", "description": "Dev"}),
        )
        .await,
    )
    .await;
    let id = created["id"].as_str().unwrap();
    assert_eq!(created["groups"], json!([]));

    let list = ok_json(
        app.get("/api/v1/dev/service-accounts", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(ids_of(&list, "username"), ["dev-bot"]);
    assert_eq!(list["results"][0]["description"], "Dev");
    let people = ok_json(app.get("/api/v1/dev/tenant-access", &Auth::admin()).await).await;
    assert_eq!(
        people["total"], 0,
        "service accounts are not listed with people"
    );

    let path = format!("/api/v1/dev/service-accounts/{id}");
    let updated = ok_json(
        app.put(&path, &Auth::admin(), json!({"name": "dev-bot-2"}))
            .await,
    )
    .await;
    assert_eq!(updated["name"], "dev-bot-2");

    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::OK
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
    assert_error(
        app.get(&format!("/api/v1/service-accounts/{id}"), &Auth::admin())
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn a_service_account_of_another_tenant_is_not_found_in_this_one() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    let created = ok_json(
        app.post(
            "/api/v1/prod/service-accounts",
            &Auth::admin(),
            json!({"name": "prod-bot"}),
        )
        .await,
    )
    .await;

    let res = app
        .get(
            &format!(
                "/api/v1/dev/service-accounts/{}",
                created["id"].as_str().unwrap()
            ),
            &Auth::admin(),
        )
        .await;

    assert_error(res, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn service_accounts_of_the_instance_are_for_instance_owners_only() {
    let app = spawn_app().await;
    app.create_user("ada@example.com", "pw", &[]).await;
    let ada = Auth::Basic("ada@example.com".into(), "pw".into());

    assert_error(
        app.get("/api/v1/service-accounts", &ada).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let res = app
        .post("/api/v1/service-accounts", &ada, json!({"name": "x"}))
        .await;
    assert_error(res, StatusCode::FORBIDDEN).await;
}
