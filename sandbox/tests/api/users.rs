use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{
    ADMIN_EMAIL, Auth, assert_error, error_paths, ids_of, ok_json, spawn_app, spawn_demo_app,
};

#[tokio::test]
async fn creating_a_user_returns_201_and_the_user_can_sign_in() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let res = app
        .post(
            "/api/v1/users",
            &Auth::admin(),
            json!({"email": "ada@example.com", "password": "pw-ada", "firstName": "Ada",
                   "lastName": "Lovelace", "tenants": ["dev"]}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::CREATED);
    let user = ok_json(res).await;
    assert_eq!(user["username"], "ada@example.com");
    assert_eq!(user["displayName"], "Ada Lovelace");
    assert_eq!(user["superAdmin"], false);
    assert_eq!(ids_of(&user["tenants"], "id"), ["dev"]);
    let fetched = ok_json(
        app.get(
            &format!("/api/v1/users/{}", user["id"].as_str().unwrap()),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(fetched, user);
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.com".into(), "pw-ada".into()),
        )
        .await,
    )
    .await;
    assert_eq!(me["id"], user["id"]);
    assert_eq!(ids_of(&me["tenants"], "id"), ["dev"]);
}

#[tokio::test]
async fn creating_a_user_with_a_taken_email_returns_409() {
    let app = spawn_app().await;
    app.create_user("ada@example.com", "pw", &[]).await;

    let res = app
        .post(
            "/api/v1/users",
            &Auth::admin(),
            json!({"email": "ADA@example.com"}),
        )
        .await;

    assert_error(res, StatusCode::CONFLICT).await;
}

#[tokio::test]
async fn creating_a_user_with_an_invalid_body_returns_422_naming_the_field() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({"email": "not-an-email"}),
            "email",
            "an email without @",
        ),
        (json!({"email": ""}), "email", "an empty email"),
        (json!({}), "email", "no email"),
        (
            json!({"email": "a@b.io", "superAdmin": "yes"}),
            "superAdmin",
            "a string for a boolean",
        ),
        (
            json!({"email": "a@b.io", "tenants": "dev"}),
            "tenants",
            "a string for a list",
        ),
    ];
    for (body, path, description) in cases {
        let res = app.post("/api/v1/users", &Auth::admin(), body).await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_paths(&body), [path], "{description}: {body}");
    }
}

#[tokio::test]
async fn creating_a_user_in_an_unknown_tenant_returns_404_and_creates_nothing() {
    let app = spawn_app().await;

    let res = app
        .post(
            "/api/v1/users",
            &Auth::admin(),
            json!({"email": "a@b.io", "tenants": ["nope"]}),
        )
        .await;

    assert_error(res, StatusCode::NOT_FOUND).await;
    let list = ok_json(app.get("/api/v1/users?q=a@b.io", &Auth::admin()).await).await;
    assert_eq!(list["total"], 0);
}

#[tokio::test]
async fn listing_users_pages_sorts_and_searches() {
    let app = spawn_app().await;
    for email in ["b@example.com", "a@example.com", "c@example.com"] {
        app.create_user(email, "pw", &[]).await;
    }

    let page = ok_json(
        app.get("/api/v1/users?size=2&sort=username:asc", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(page["total"], 4, "three users and the instance owner");
    assert_eq!(
        ids_of(&page, "username"),
        ["a@example.com", "b@example.com"]
    );

    let found = ok_json(app.get("/api/v1/users?q=C@EX", &Auth::admin()).await).await;
    assert_eq!(ids_of(&found, "username"), ["c@example.com"]);
}

#[tokio::test]
async fn updating_a_user_replaces_their_details_and_tenants() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    let user = app.create_user("ada@example.com", "pw", &["dev"]).await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());

    let res = app
        .put(
            &path,
            &Auth::admin(),
            json!({"email": "ada@example.org", "firstName": "Ada", "tenants": ["prod"]}),
        )
        .await;

    let updated = ok_json(res).await;
    assert_eq!(updated["email"], "ada@example.org");
    assert_eq!(updated["firstName"], "Ada");
    assert_eq!(ids_of(&updated["tenants"], "id"), ["prod"]);
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.org".into(), "pw".into()),
        )
        .await,
    )
    .await;
    assert_eq!(
        ids_of(&me["tenants"], "id"),
        ["prod"],
        "the password is kept"
    );
}

#[tokio::test]
async fn patching_a_user_changes_only_the_fields_sent() {
    let app = spawn_app().await;
    let user = app.create_user("ada@example.com", "pw", &[]).await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());
    app.patch(
        &path,
        &Auth::admin(),
        json!({"firstName": "Ada", "lastName": "L"}),
    )
    .await;

    let patched = ok_json(
        app.patch(&path, &Auth::admin(), json!({"lastName": "Lovelace"}))
            .await,
    )
    .await;

    assert_eq!(patched["firstName"], "Ada");
    assert_eq!(patched["lastName"], "Lovelace");
    assert_eq!(patched["email"], "ada@example.com");
}

#[tokio::test]
async fn changing_a_users_password_makes_the_old_one_fail() {
    let app = spawn_app().await;
    let user = app.create_user("ada@example.com", "old-pw", &[]).await;
    let old = Auth::Basic("ada@example.com".into(), "old-pw".into());
    assert_eq!(app.get("/api/v1/me", &old).await.status(), StatusCode::OK);

    let path = format!("/api/v1/users/{}/password", user["id"].as_str().unwrap());
    ok_json(
        app.patch(&path, &Auth::admin(), json!({"password": "new-pw"}))
            .await,
    )
    .await;

    assert_error(app.get("/api/v1/me", &old).await, StatusCode::UNAUTHORIZED).await;
    let new = Auth::Basic("ada@example.com".into(), "new-pw".into());
    assert_eq!(app.get("/api/v1/me", &new).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_user_changes_their_own_password_with_the_old_one() {
    let app = spawn_app().await;
    app.create_user("ada@example.com", "old-pw", &[]).await;
    let old = Auth::Basic("ada@example.com".into(), "old-pw".into());

    let wrong = app
        .put(
            "/api/v1/me/password",
            &old,
            json!({"oldPassword": "nope", "newPassword": "x"}),
        )
        .await;
    let body = assert_error(wrong, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_paths(&body), ["oldPassword"]);

    let res = app
        .put(
            "/api/v1/me/password",
            &old,
            json!({"oldPassword": "old-pw", "newPassword": "new-pw"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_error(app.get("/api/v1/me", &old).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn a_user_edits_their_own_profile() {
    let app = spawn_app().await;
    app.create_user("ada@example.com", "pw", &[]).await;
    let ada = Auth::Basic("ada@example.com".into(), "pw".into());

    let me = ok_json(
        app.patch("/api/v1/me", &ada, json!({"firstName": "Ada"}))
            .await,
    )
    .await;

    assert_eq!(me["profile"]["firstName"], "Ada");
    assert_eq!(me["profile"]["email"], "ada@example.com");
}

#[tokio::test]
async fn making_a_user_instance_owner_shows_in_me() {
    let app = spawn_app().await;
    let user = app.create_user("ada@example.com", "pw", &[]).await;
    let path = format!("/api/v1/users/{}/superadmin", user["id"].as_str().unwrap());

    let res = app
        .patch(&path, &Auth::admin(), json!({"superAdmin": true}))
        .await;

    assert_eq!(res.status(), StatusCode::OK);
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await,
    )
    .await;
    assert_eq!(me["superAdmin"], true);
    let again = app
        .patch(&path, &Auth::admin(), json!({"instanceOwner": false}))
        .await;
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "the 2.x name is accepted too"
    );
}

#[tokio::test]
async fn the_instance_owner_flag_may_be_sent_under_both_names_if_they_agree() {
    // Arrange
    let app = spawn_app().await;
    let user = app.create_user("ada@example.com", "pw", &[]).await;
    let id = user["id"].as_str().unwrap();
    let path = format!("/api/v1/users/{id}/superadmin");

    // Act
    let both = app
        .patch(
            &path,
            &Auth::admin(),
            json!({"superAdmin": true, "instanceOwner": true}),
        )
        .await;
    let disagreeing = app
        .patch(
            &path,
            &Auth::admin(),
            json!({"superAdmin": false, "instanceOwner": true}),
        )
        .await;
    let created = app
        .post(
            "/api/v1/users",
            &Auth::admin(),
            json!({"email": "bob@example.com", "superAdmin": null, "instanceOwner": true}),
        )
        .await;

    // Assert
    assert_eq!(both.status(), StatusCode::OK);
    let error = assert_error(disagreeing, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_paths(&error), ["instanceOwner"]);
    let fetched = ok_json(
        app.get(&format!("/api/v1/users/{id}"), &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(
        fetched["superAdmin"], true,
        "the refused request changed nothing"
    );
    assert_eq!(ok_json(created).await["superAdmin"], true);
}

#[tokio::test]
async fn the_last_instance_owner_can_be_neither_demoted_nor_deleted() {
    let app = spawn_app().await;
    let me = ok_json(app.get("/api/v1/me", &Auth::admin()).await).await;
    let id = me["id"].as_str().unwrap();

    let demote = app
        .patch(
            &format!("/api/v1/users/{id}/superadmin"),
            &Auth::admin(),
            json!({"superAdmin": false}),
        )
        .await;
    assert_error(demote, StatusCode::CONFLICT).await;
    let delete = app
        .delete(&format!("/api/v1/users/{id}"), &Auth::admin())
        .await;
    assert_error(delete, StatusCode::CONFLICT).await;
    assert_eq!(
        app.get("/api/v1/me", &Auth::admin()).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn deleting_a_user_makes_get_return_404_and_their_sign_in_fail() {
    let app = spawn_app().await;
    let user = app.create_user("ada@example.com", "pw", &[]).await;
    let path = format!("/api/v1/users/{}", user["id"].as_str().unwrap());

    let res = app.delete(&path, &Auth::admin()).await;

    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
    let ada = Auth::Basic("ada@example.com".into(), "pw".into());
    assert_error(app.get("/api/v1/me", &ada).await, StatusCode::UNAUTHORIZED).await;
}

#[tokio::test]
async fn users_are_managed_by_instance_owners_only() {
    let app = spawn_demo_app().await;
    let alice = Auth::demo("alice@example.com");

    assert_error(
        app.get("/api/v1/users", &alice).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let create = app
        .post("/api/v1/users", &alice, json!({"email": "x@y.io"}))
        .await;
    assert_error(create, StatusCode::FORBIDDEN).await;
    assert_error(
        app.get("/api/v1/users/whatever", &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let _ = ADMIN_EMAIL;
}

#[tokio::test]
async fn removing_a_users_password_method_stops_their_password_sign_in() {
    // Arrange
    let app = spawn_app().await;
    let user = app.create_user("ada@example.com", "pw", &[]).await;
    let id = user["id"].as_str().unwrap();
    assert_eq!(user["auths"][0]["id"], "basic-auth");
    let path = format!("/api/v1/users/{id}/auths/basic-auth");

    // Act
    let res = app.delete(&path, &Auth::admin()).await;

    // Assert
    let returned = ok_json(res).await;
    assert_eq!(returned["id"], id);
    assert_eq!(returned["auths"], json!([]));
    let fetched = ok_json(
        app.get(&format!("/api/v1/users/{id}"), &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(fetched["auths"], json!([]));
    assert_error(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await,
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
async fn removing_an_unknown_sign_in_method_or_of_an_unknown_user_is_404() {
    // Arrange
    let app = spawn_app().await;
    let user = app.create_user("ada@example.com", "pw", &[]).await;
    let id = user["id"].as_str().unwrap();

    for path in [
        format!("/api/v1/users/{id}/auths/oidc"),
        "/api/v1/users/nobody/auths/basic-auth".to_owned(),
    ] {
        // Act
        let res = app.delete(&path, &Auth::admin()).await;

        // Assert
        assert_error(res, StatusCode::NOT_FOUND).await;
    }
    let fetched = ok_json(
        app.get(&format!("/api/v1/users/{id}"), &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(
        fetched["auths"][0]["id"], "basic-auth",
        "nothing was removed"
    );
}

#[tokio::test]
async fn only_instance_owners_remove_sign_in_methods_and_the_last_one_keeps_theirs() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &["dev"]).await;
    let ada_id = ada["id"].as_str().unwrap();
    let me = ok_json(app.get("/api/v1/me", &Auth::admin()).await).await;
    let admin_id = me["id"].as_str().unwrap();

    // Act
    let by_ada = app
        .delete(
            &format!("/api/v1/users/{admin_id}/auths/basic-auth"),
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await;
    let own = app
        .delete(
            &format!("/api/v1/users/{admin_id}/auths/basic-auth"),
            &Auth::admin(),
        )
        .await;

    // Assert
    assert_error(by_ada, StatusCode::FORBIDDEN).await;
    assert_error(own, StatusCode::CONFLICT).await;
    assert_eq!(
        app.get("/api/v1/me", &Auth::admin()).await.status(),
        StatusCode::OK,
        "the last instance owner still signs in"
    );
    let fetched = ok_json(
        app.get(&format!("/api/v1/users/{ada_id}"), &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(fetched["auths"][0]["id"], "basic-auth");
}
