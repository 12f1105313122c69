use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn creating_a_role_returns_its_permissions_and_search_counts_them() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let res = app
        .post(
            "/api/v1/dev/roles",
            &Auth::admin(),
            json!({"name": "Viewer", "description": "Reads", "permissions": {"FLOW": ["VIEW", "LIST"], "EXECUTION": ["VIEW"]}}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    let role = ok_json(res).await;
    assert_eq!(role["name"], "Viewer");
    assert_eq!(
        role["permissions"],
        json!({"FLOW": ["VIEW", "LIST"], "EXECUTION": ["VIEW"]})
    );
    assert_eq!(role["isDefault"], false);
    assert_eq!(role["isManaged"], false);
    let found = ok_json(
        app.get("/api/v1/dev/roles/search?q=view", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(ids_of(&found, "name"), ["Viewer"]);
    assert_eq!(found["results"][0]["permissionCount"], 3);
}

#[tokio::test]
async fn a_new_tenant_has_a_managed_admin_role_that_cannot_change() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    let roles = ok_json(app.get("/api/v1/dev/roles/search", &Auth::admin()).await).await;

    assert_eq!(ids_of(&roles, "name"), ["Admin"]);
    assert_eq!(roles["results"][0]["isManaged"], true);
    let path = format!(
        "/api/v1/dev/roles/{}",
        roles["results"][0]["id"].as_str().unwrap()
    );
    let update = app
        .put(
            &path,
            &Auth::admin(),
            json!({"name": "Boss", "permissions": {}}),
        )
        .await;
    assert_error(update, StatusCode::FORBIDDEN).await;
    assert_error(
        app.delete(&path, &Auth::admin()).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn invalid_permissions_return_422_naming_the_resource() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let cases = [
        (
            json!({"name": "x", "permissions": {"FLOWS": ["VIEW"]}}),
            "permissions.FLOWS",
            "an unknown resource",
        ),
        (
            json!({"name": "x", "permissions": {"FLOW": ["FLY"]}}),
            "permissions.FLOW",
            "an unknown action",
        ),
        (
            json!({"name": "x", "permissions": {"COPILOT": ["DELETE"]}}),
            "permissions.COPILOT",
            "an action the resource lacks",
        ),
        (
            json!({"name": "x", "permissions": {"FLOW": "VIEW"}}),
            "permissions.FLOW",
            "a string for a list",
        ),
        (json!({"name": "x"}), "permissions", "no permissions"),
        (
            json!({"name": "", "permissions": {}}),
            "name",
            "a blank name",
        ),
    ];
    for (body, path, description) in cases {
        let res = app.post("/api/v1/dev/roles", &Auth::admin(), body).await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_paths(&body), [path], "{description}: {body}");
    }
}

#[tokio::test]
async fn only_one_role_of_a_tenant_is_the_default() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let first = ok_json(
        app.post(
            "/api/v1/dev/roles",
            &Auth::admin(),
            json!({"name": "A", "permissions": {}, "isDefault": true}),
        )
        .await,
    )
    .await;
    let second = ok_json(
        app.post(
            "/api/v1/dev/roles",
            &Auth::admin(),
            json!({"name": "B", "permissions": {}, "isDefault": true}),
        )
        .await,
    )
    .await;

    let a = ok_json(
        app.get(
            &format!("/api/v1/dev/roles/{}", first["id"].as_str().unwrap()),
            &Auth::admin(),
        )
        .await,
    )
    .await;

    assert_eq!(a["isDefault"], false);
    assert_eq!(second["isDefault"], true);
}

#[tokio::test]
async fn a_role_is_updated_and_deleted_and_names_are_unique() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = ok_json(
        app.post(
            "/api/v1/dev/roles",
            &Auth::admin(),
            json!({"name": "Ops", "permissions": {}}),
        )
        .await,
    )
    .await;
    let path = format!("/api/v1/dev/roles/{}", role["id"].as_str().unwrap());

    let taken = app
        .post(
            "/api/v1/dev/roles",
            &Auth::admin(),
            json!({"name": "Ops", "permissions": {}}),
        )
        .await;
    assert_error(taken, StatusCode::CONFLICT).await;
    let updated = ok_json(
        app.put(
            &path,
            &Auth::admin(),
            json!({"name": "Operators", "permissions": {"FLOW": ["EXECUTE"]}}),
        )
        .await,
    )
    .await;
    assert_eq!(updated["permissions"], json!({"FLOW": ["EXECUTE"]}));

    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn deleting_a_bound_role_is_a_409_that_keeps_the_role_and_its_binding() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let user = app
        .create_user("ops@example.com", "ops-pass", &["dev"])
        .await;
    let role = app
        .create_role("dev", "Ops", json!({"FLOW": ["VIEW"]}))
        .await;
    let binding = app
        .bind("dev", "USER", user["id"].as_str().unwrap(), &role, None)
        .await;
    let path = format!("/api/v1/dev/roles/{role}");

    // Act
    let refused = app.delete(&path, &Auth::admin()).await;

    // Assert
    let body = assert_error(refused, StatusCode::CONFLICT).await;
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("Ops") && message.contains("bound"),
        "{message}"
    );
    assert_eq!(
        ok_json(app.get(&path, &Auth::admin()).await).await["name"],
        "Ops"
    );
    let binding_path = format!("/api/v1/dev/bindings/{}", binding["id"].as_str().unwrap());
    ok_json(app.get(&binding_path, &Auth::admin()).await).await;

    // Once its binding is gone, the role can be deleted.
    assert_eq!(
        app.delete(&binding_path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn the_permission_catalogue_lists_every_resource_with_its_actions() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    let catalogue = ok_json(
        app.get("/api/v1/dev/acls/permissions", &Auth::admin())
            .await,
    )
    .await;

    assert!(
        catalogue["FLOW"]
            .as_array()
            .unwrap()
            .contains(&json!("EXECUTE"))
    );
    assert_eq!(
        catalogue["BINDING"],
        json!(["VIEW", "LIST", "CREATE", "DELETE"])
    );
    assert!(catalogue.get("UNKNOWN").is_none());
}

#[tokio::test]
async fn autocomplete_and_ids_look_roles_up() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = ok_json(
        app.post(
            "/api/v1/dev/roles",
            &Auth::admin(),
            json!({"name": "Launcher", "permissions": {}}),
        )
        .await,
    )
    .await;

    let found = ok_json(
        app.post(
            "/api/v1/dev/roles/autocomplete",
            &Auth::admin(),
            json!({"q": "laun"}),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&found, "name"), ["Launcher"]);
    let by_id = ok_json(
        app.post(
            "/api/v1/dev/roles/ids",
            &Auth::admin(),
            json!({"ids": [role["id"]]}),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&by_id, "name"), ["Launcher"]);
    assert_eq!(by_id[0]["deleted"], false);
}

#[tokio::test]
async fn the_role_templates_are_kestras_five_presets_and_each_can_be_saved_as_a_role() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let templates = ok_json(app.get("/api/v1/dev/acls/templates", &Auth::admin()).await).await;

    // Assert: the document's five names, and each one a role the sandbox accepts as it is.
    let names: Vec<&String> = templates.as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        ["ADMIN", "DEVELOPER", "EDITOR", "LAUNCHER", "VIEWER"]
    );
    assert_eq!(templates["VIEWER"]["FLOW"], json!(["VIEW", "LIST"]));
    for (name, permissions) in templates.as_object().unwrap() {
        let body = json!({"name": format!("From {name}"), "permissions": permissions});
        let res = app.post("/api/v1/dev/roles", &Auth::admin(), body).await;
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "the {name} template is refused"
        );
    }
}
