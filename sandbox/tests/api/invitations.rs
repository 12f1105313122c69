use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn inviting_a_new_person_returns_201_and_signing_up_with_it_gives_the_roles() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = app
        .create_role("dev", "Group reader", json!({"GROUP": ["LIST"]}))
        .await;
    let group = app.create_group("dev", "Ops").await;

    // Act
    let res = app
        .post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "new@example.com", "roles": [{"id": role}], "groups": [group]}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::CREATED);
    let invitation = ok_json(res).await;
    assert_eq!(invitation["status"], "PENDING");
    assert_eq!(ids_of(&invitation["roles"], "name"), ["Group reader"]);
    assert_eq!(ids_of(&invitation["groups"], "name"), ["Ops"]);
    let id = invitation["id"].as_str().unwrap();
    let search = ok_json(
        app.get(
            "/api/v1/dev/invitations/search?status=PENDING",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&search, "email"), ["new@example.com"]);

    let signup = app
        .post(
            &format!("/api/v1/invitation/create/{id}"),
            &Auth::None,
            json!({"firstName": "New", "lastName": "Person", "password": "pw"}),
        )
        .await;
    assert_eq!(signup.status(), StatusCode::OK);
    let new = Auth::Basic("new@example.com".into(), "pw".into());
    assert_eq!(
        app.get("/api/v1/dev/groups/search", &new).await.status(),
        StatusCode::OK
    );
    let accepted = ok_json(
        app.get(&format!("/api/v1/dev/invitations/{id}"), &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(accepted["status"], "ACCEPTED");
    let again = app
        .post(
            &format!("/api/v1/invitation/create/{id}"),
            &Auth::None,
            json!({"firstName": "A", "lastName": "B", "password": "x"}),
        )
        .await;
    assert_error(again, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn inviting_an_existing_user_gives_access_at_once_with_204() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_user("ada@example.com", "pw", &[]).await;

    let res = app
        .post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "ada@example.com"}),
        )
        .await;

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
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "ada@example.com"}),
        )
        .await;
    assert_error(again, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn inviting_someone_twice_returns_409_until_the_invitation_is_deleted() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let first = ok_json(
        app.post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "new@example.com"}),
        )
        .await,
    )
    .await;

    let again = app
        .post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "NEW@example.com"}),
        )
        .await;
    assert_error(again, StatusCode::CONFLICT).await;

    let path = format!("/api/v1/dev/invitations/{}", first["id"].as_str().unwrap());
    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
    let res = app
        .post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "new@example.com"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_signed_in_user_sees_and_accepts_their_invitations() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = app
        .create_role("dev", "Reader", json!({"GROUP": ["LIST"]}))
        .await;
    let created = ok_json(
        app.post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "ada@example.com", "roles": [{"id": role, "namespaces": ["company"]}]}),
        )
        .await,
    )
    .await;
    app.create_user("ada@example.com", "pw", &[]).await;
    let ada = Auth::Basic("ada@example.com".into(), "pw".into());
    app.create_user("eve@example.com", "pw", &[]).await;
    let eve = Auth::Basic("eve@example.com".into(), "pw".into());

    let mine = ok_json(app.get("/api/v1/me/invitations", &ada).await).await;
    assert_eq!(mine[0]["tenantId"], "dev");
    assert_eq!(mine[0]["bindings"][0]["namespaceId"], "company");
    let path = format!(
        "/api/v1/invitation/accept/{}",
        created["id"].as_str().unwrap()
    );
    assert_error(
        app.post(&path, &eve, json!(null)).await,
        StatusCode::FORBIDDEN,
    )
    .await;

    assert_eq!(
        app.post(&path, &ada, json!(null)).await.status(),
        StatusCode::OK
    );
    let me = ok_json(app.get("/api/v1/me", &ada).await).await;
    assert_eq!(ids_of(&me["tenants"], "id"), ["dev"]);
    let bindings = ok_json(
        app.get(
            "/api/v1/dev/bindings/search?namespace=company",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(
        bindings["results"][0]["user"]["username"],
        "ada@example.com"
    );
}

#[tokio::test]
async fn invitations_are_checked_before_they_are_sent() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let res = app
        .post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "nope"}),
        )
        .await;
    let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_paths(&body), ["email"]);
    let res = app
        .post(
            "/api/v1/dev/invitations",
            &Auth::admin(),
            json!({"email": "a@b.io", "roles": [{"id": "x"}]}),
        )
        .await;
    assert_error(res, StatusCode::NOT_FOUND).await;

    let roles = ok_json(app.get("/api/v1/dev/roles/search", &Auth::admin()).await).await;
    let admin_role = roles["results"][0]["id"].as_str().unwrap().to_owned();
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    app.bind(
        "dev",
        "USER",
        ada["id"].as_str().unwrap(),
        &admin_role,
        None,
    )
    .await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());
    let res = app
        .post(
            "/api/v1/dev/invitations",
            &as_ada,
            json!({"email": "boss@example.com", "superAdmin": true}),
        )
        .await;
    assert_error(res, StatusCode::FORBIDDEN).await;
}
