use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn creating_a_group_returns_it_and_search_finds_it() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let res = app
        .post(
            "/api/v1/dev/groups",
            &Auth::admin(),
            json!({"name": "Developers", "description": "Devs"}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    let group = ok_json(res).await;
    assert_eq!(group["name"], "Developers");
    assert_eq!(group["description"], "Devs");
    let fetched = ok_json(
        app.get(
            &format!("/api/v1/dev/groups/{}", group["id"].as_str().unwrap()),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(fetched, group);
    let found = ok_json(
        app.get("/api/v1/dev/groups/search?q=dev", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(ids_of(&found, "name"), ["Developers"]);
}

#[tokio::test]
async fn group_names_are_unique_in_a_tenant_but_not_across_tenants() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    app.create_group("dev", "Ops").await;

    let again = app
        .post("/api/v1/dev/groups", &Auth::admin(), json!({"name": "Ops"}))
        .await;
    assert_error(again, StatusCode::CONFLICT).await;
    app.create_group("prod", "Ops").await;

    let blank = app
        .post("/api/v1/dev/groups", &Auth::admin(), json!({"name": " "}))
        .await;
    let body = assert_error(blank, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_paths(&body), ["name"]);
}

#[tokio::test]
async fn a_group_is_renamed_and_deleted() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let id = app.create_group("dev", "Ops").await;
    let path = format!("/api/v1/dev/groups/{id}");

    let renamed = ok_json(
        app.put(&path, &Auth::admin(), json!({"name": "Operations"}))
            .await,
    )
    .await;
    assert_eq!(renamed["name"], "Operations");

    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::OK
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
    assert_error(
        app.get(&format!("/api/v1/dev/groups/{id}"), &Auth::admin())
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn adding_a_member_gives_access_to_the_tenant_and_lists_them() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let group = app.create_group("dev", "Ops").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let ada_id = ada["id"].as_str().unwrap();
    let path = format!("/api/v1/dev/groups/{group}/members/{ada_id}");

    let member = ok_json(app.put(&path, &Auth::admin(), json!(null)).await).await;

    assert_eq!(member["username"], "ada@example.com");
    assert_eq!(member["groups"][0]["name"], "Ops");
    assert_eq!(member["groups"][0]["membership"], "MEMBER");
    let members = ok_json(
        app.get(
            &format!("/api/v1/dev/groups/{group}/members"),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&members, "username"), ["ada@example.com"]);
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&me["tenants"], "id"), ["dev"]);
    assert_error(
        app.put(&path, &Auth::admin(), json!(null)).await,
        StatusCode::CONFLICT,
    )
    .await;
    let unknown = app
        .put(
            &format!("/api/v1/dev/groups/{group}/members/nobody"),
            &Auth::admin(),
            json!(null),
        )
        .await;
    assert_error(unknown, StatusCode::NOT_FOUND).await;

    let owner = app
        .put(
            &format!("/api/v1/dev/groups/{group}/members/membership/{ada_id}?membership=OWNER"),
            &Auth::admin(),
            json!(null),
        )
        .await;
    assert_eq!(ok_json(owner).await["groups"][0]["membership"], "OWNER");

    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::OK
    );
    let members = ok_json(
        app.get(
            &format!("/api/v1/dev/groups/{group}/members"),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(members["total"], 0);
    assert_error(
        app.delete(&path, &Auth::admin()).await,
        StatusCode::CONFLICT,
    )
    .await;
}

#[tokio::test]
async fn a_users_groups_in_a_tenant_are_replaced_as_a_whole() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ops = app.create_group("dev", "Ops").await;
    let devs = app.create_group("dev", "Devs").await;
    let ada = app.create_user("ada@example.com", "pw", &["dev"]).await;
    let ada_id = ada["id"].as_str().unwrap();
    let path = format!("/api/v1/dev/users/{ada_id}/groups");

    assert_eq!(
        app.put(&path, &Auth::admin(), json!({"groupIds": [ops]}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.put(&path, &Auth::admin(), json!({"groupIds": [devs]}))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );

    let access = ok_json(
        app.get(
            &format!("/api/v1/dev/tenant-access/{ada_id}"),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&access["groups"], "name"), ["Devs"]);
    let bad = app
        .put(&path, &Auth::admin(), json!({"groupIds": ["nope"]}))
        .await;
    assert_error(bad, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn autocomplete_and_ids_look_groups_up() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ops = app.create_group("dev", "Ops").await;
    app.create_group("dev", "Devs").await;

    let found = ok_json(
        app.post(
            "/api/v1/dev/groups/autocomplete",
            &Auth::admin(),
            json!({"q": "op"}),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&found, "name"), ["Ops"]);
    let by_id = ok_json(
        app.post(
            "/api/v1/dev/groups/ids",
            &Auth::admin(),
            json!({"ids": [ops]}),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&by_id, "name"), ["Ops"]);
}

#[tokio::test]
async fn groups_of_another_tenant_are_not_found() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    let ops = app.create_group("prod", "Ops").await;

    assert_error(
        app.get(&format!("/api/v1/dev/groups/{ops}"), &Auth::admin())
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn changing_the_membership_of_a_non_member_is_409_and_of_an_unknown_user_404() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let group = app.create_group("dev", "Ops").await;
    let ada = app.create_user("ada@example.com", "pw", &["dev"]).await;
    let ada_id = ada["id"].as_str().unwrap();

    for user in [ada_id, "nobody"] {
        let expected = if user == "nobody" {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::CONFLICT
        };
        // Act
        let removed = app
            .delete(
                &format!("/api/v1/dev/groups/{group}/members/{user}"),
                &Auth::admin(),
            )
            .await;
        let membership = app
            .put(
                &format!("/api/v1/dev/groups/{group}/members/membership/{user}?membership=OWNER"),
                &Auth::admin(),
                json!(null),
            )
            .await;

        // Assert
        assert_error(removed, expected).await;
        assert_error(membership, expected).await;
    }
}
