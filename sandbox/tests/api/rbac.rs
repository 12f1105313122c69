//! What people who are not instance owners may do: exactly what their bindings grant.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn a_role_bound_to_a_user_allows_exactly_its_actions() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let role = app
        .create_role("dev", "Group reader", json!({"GROUP": ["LIST", "VIEW"]}))
        .await;
    app.bind("dev", "USER", ada["id"].as_str().unwrap(), &role, None)
        .await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());

    // Act
    let search = app.get("/api/v1/dev/groups/search", &as_ada).await;
    let create = app
        .post("/api/v1/dev/groups", &as_ada, json!({"name": "Mine"}))
        .await;
    let roles = app.get("/api/v1/dev/roles/search", &as_ada).await;

    // Assert
    assert_eq!(search.status(), StatusCode::OK);
    assert_error(create, StatusCode::FORBIDDEN).await;
    assert_error(roles, StatusCode::FORBIDDEN).await;
    let me = ok_json(app.get("/api/v1/me", &as_ada).await).await;
    assert_eq!(
        me["sandboxPermissions"]["dev"],
        json!({"GROUP": ["VIEW", "LIST"]})
    );
}

#[tokio::test]
async fn a_role_bound_to_a_group_applies_to_its_members() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let group = app.create_group("dev", "Role managers").await;
    app.put(
        &format!(
            "/api/v1/dev/groups/{group}/members/{}",
            ada["id"].as_str().unwrap()
        ),
        &Auth::admin(),
        json!(null),
    )
    .await;
    let role = app
        .create_role("dev", "Role admin", json!({"ROLE": ["LIST", "CREATE"]}))
        .await;
    app.bind("dev", "GROUP", &group, &role, None).await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());

    let created = app
        .post(
            "/api/v1/dev/roles",
            &as_ada,
            json!({"name": "New", "permissions": {}}),
        )
        .await;

    assert_eq!(created.status(), StatusCode::OK);
    let access = ok_json(
        app.get(
            &format!("/api/v1/dev/tenant-access/{}", ada["id"].as_str().unwrap()),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(access["roles"][0]["origin"], "GROUP");
    assert_eq!(access["roles"][0]["sourceId"], group);
}

#[tokio::test]
async fn a_binding_limited_to_a_namespace_does_not_grant_tenant_administration() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let role = app
        .create_role("dev", "Group admin", json!({"GROUP": ["LIST", "CREATE"]}))
        .await;
    app.bind(
        "dev",
        "USER",
        ada["id"].as_str().unwrap(),
        &role,
        Some("company.team"),
    )
    .await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());

    assert_error(
        app.get("/api/v1/dev/groups/search", &as_ada).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let me = ok_json(app.get("/api/v1/me", &as_ada).await).await;
    assert_eq!(ids_of(&me["tenants"], "id"), ["dev"]);
    assert_eq!(me["sandboxPermissions"]["dev"], json!({}));
}

#[tokio::test]
async fn a_user_with_no_access_to_a_tenant_gets_403_on_every_path_of_it() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_user("ada@example.com", "pw", &[]).await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());

    for path in [
        "/api/v1/dev/groups/search",
        "/api/v1/dev/roles/search",
        "/api/v1/dev/bindings/search",
        "/api/v1/dev/tenant-access",
        "/api/v1/dev/service-accounts",
        "/api/v1/dev/acls/permissions",
    ] {
        assert_error(app.get(path, &as_ada).await, StatusCode::FORBIDDEN).await;
    }
    assert_error(
        app.get("/api/v1/elsewhere/groups/search", &as_ada).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn a_tenant_admin_manages_their_tenant_but_not_the_instance() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let roles = ok_json(
        app.get("/api/v1/dev/roles/search?q=Admin", &Auth::admin())
            .await,
    )
    .await;
    let admin_role = roles["results"][0]["id"].as_str().unwrap().to_owned();
    app.bind(
        "dev",
        "USER",
        ada["id"].as_str().unwrap(),
        &admin_role,
        None,
    )
    .await;
    app.create_user("grace@example.com", "pw", &[]).await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());

    let grant = app
        .post(
            "/api/v1/dev/tenant-access",
            &as_ada,
            json!({"email": "grace@example.com"}),
        )
        .await;
    assert_eq!(grant.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.post("/api/v1/dev/groups", &as_ada, json!({"name": "Ops"}))
            .await
            .status(),
        StatusCode::OK
    );

    assert_error(
        app.get("/api/v1/prod/groups/search", &as_ada).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    assert_error(
        app.get("/api/v1/users", &as_ada).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let tenants = ok_json(app.get("/api/v1/tenants/search", &as_ada).await).await;
    assert_eq!(
        ids_of(&tenants, "id"),
        ["dev"],
        "the Admin role holds TENANT:LIST in its tenant"
    );
}

#[tokio::test]
async fn a_user_allowed_to_create_tenants_becomes_admin_of_the_new_one() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let role = app
        .create_role("dev", "Tenant creator", json!({"TENANT": ["CREATE"]}))
        .await;
    app.bind("dev", "USER", ada["id"].as_str().unwrap(), &role, None)
        .await;
    let as_ada = Auth::Basic("ada@example.com".into(), "pw".into());

    let res = app
        .post(
            "/api/v1/tenants",
            &as_ada,
            json!({"id": "ada-lab", "name": "Ada's lab"}),
        )
        .await;

    assert_eq!(res.status(), StatusCode::OK);
    let me = ok_json(app.get("/api/v1/me", &as_ada).await).await;
    assert_eq!(ids_of(&me["tenants"], "id"), ["ada-lab", "dev"]);
    assert_eq!(
        app.post("/api/v1/ada-lab/groups", &as_ada, json!({"name": "Lab"}))
            .await
            .status(),
        StatusCode::OK
    );
    let access = ok_json(
        app.get(
            &format!(
                "/api/v1/ada-lab/tenant-access/{}",
                ada["id"].as_str().unwrap()
            ),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(access["roles"][0]["name"], "Admin");
}

#[tokio::test]
async fn the_default_role_is_bound_to_people_given_access() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let body = json!({"name": "Reader", "permissions": {"GROUP": ["LIST"]}, "isDefault": true});
    ok_json(app.post("/api/v1/dev/roles", &Auth::admin(), body).await).await;
    app.create_user("ada@example.com", "pw", &["dev"]).await;

    let res = app
        .get(
            "/api/v1/dev/groups/search",
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await;

    assert_eq!(res.status(), StatusCode::OK);
}
