use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ok_json, spawn_app, spawn_demo_app};

#[tokio::test]
async fn creating_a_tenant_returns_it_and_get_finds_it() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let res = app
        .post(
            "/api/v1/tenants",
            &Auth::admin(),
            json!({"id": "dev", "name": "Development", "storageType": "s3", "defaultWorkerSelector": {"tags": ["eu"]}}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    let created = ok_json(res).await;
    assert_eq!(created["id"], "dev");
    assert_eq!(created["name"], "Development");
    assert_eq!(created["deleted"], false);
    assert_eq!(
        created["storageType"], "s3",
        "fields the sandbox does not interpret are kept"
    );
    let fetched = ok_json(app.get("/api/v1/tenants/dev", &Auth::admin()).await).await;
    assert_eq!(fetched, created);
}

#[tokio::test]
async fn searching_tenants_pages_sorts_and_filters() {
    let app = spawn_app().await;
    for id in ["alpha", "bravo", "charlie"] {
        app.create_tenant(id).await;
    }

    let page = ok_json(
        app.get(
            "/api/v1/tenants/search?page=1&size=2&sort=id:desc",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(page["total"], 3);
    let ids: Vec<_> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(ids, ["charlie", "bravo"]);

    let found = ok_json(
        app.get("/api/v1/tenants/search?q=rav", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(found["total"], 1);
    assert_eq!(found["results"][0]["id"], "bravo");

    let filtered = ok_json(
        app.get(
            "/api/v1/tenants/search?filters[q][EQUALS]=char",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(filtered["results"][0]["id"], "charlie");
}

#[tokio::test]
async fn searching_tenants_with_a_bad_query_returns_400() {
    let app = spawn_app().await;
    for query in [
        "page=0",
        "size=abc",
        "sort=id:sideways",
        "filters[id][LIKE]=x",
    ] {
        let res = app
            .get(&format!("/api/v1/tenants/search?{query}"), &Auth::admin())
            .await;
        assert_error(res, StatusCode::BAD_REQUEST).await;
    }
}

#[tokio::test]
async fn updating_a_tenant_changes_its_name_and_keeps_its_id() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    let res = app
        .put(
            "/api/v1/tenants/dev",
            &Auth::admin(),
            json!({"id": "dev", "name": "Dev team"}),
        )
        .await;

    assert_eq!(ok_json(res).await["name"], "Dev team");
    let fetched = ok_json(app.get("/api/v1/tenants/dev", &Auth::admin()).await).await;
    assert_eq!(fetched["name"], "Dev team");

    let renamed = app
        .put(
            "/api/v1/tenants/dev",
            &Auth::admin(),
            json!({"id": "other", "name": "x"}),
        )
        .await;
    let body = assert_error(renamed, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_paths(&body), ["id"]);
}

#[tokio::test]
async fn deleting_a_tenant_makes_get_return_404() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    let res = app.delete("/api/v1/tenants/dev", &Auth::admin()).await;

    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_error(
        app.get("/api/v1/tenants/dev", &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    assert_error(
        app.delete("/api/v1/tenants/dev", &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let me = ok_json(app.get("/api/v1/me", &Auth::admin()).await).await;
    assert_eq!(me["tenants"], json!([]));
}

#[tokio::test]
async fn creating_a_tenant_with_a_taken_id_returns_409() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    let res = app
        .post(
            "/api/v1/tenants",
            &Auth::admin(),
            json!({"id": "dev", "name": "Again"}),
        )
        .await;

    let body = assert_error(res, StatusCode::CONFLICT).await;
    assert!(body["message"].as_str().unwrap().contains("dev"), "{body}");
}

#[tokio::test]
async fn creating_a_tenant_with_an_invalid_body_returns_422_naming_the_field() {
    let app = spawn_app().await;
    let cases = [
        (json!({"id": "Dev", "name": "x"}), "id", "an uppercase id"),
        (
            json!({"id": "-dev", "name": "x"}),
            "id",
            "an id starting with a dash",
        ),
        (
            json!({"id": "a b", "name": "x"}),
            "id",
            "an id with a space",
        ),
        (json!({"id": "users", "name": "x"}), "id", "a reserved id"),
        (json!({"name": "x"}), "id", "no id"),
        (json!({"id": 42, "name": "x"}), "id", "a numeric id"),
        (json!({"id": "dev"}), "name", "no name"),
        (json!({"id": "dev", "name": "  "}), "name", "a blank name"),
        (
            json!({"id": "dev", "name": "x", "deleted": "no"}),
            "deleted",
            "a string for a boolean",
        ),
    ];
    for (body, path, description) in cases {
        let res = app.post("/api/v1/tenants", &Auth::admin(), body).await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_paths(&body), [path], "{description}: {body}");
    }
}

#[tokio::test]
async fn a_tenant_setting_that_does_not_fit_the_document_is_422_on_create_and_update() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let cases = [
        (
            "requireExistingNamespace",
            json!("yes"),
            "requireExistingNamespace",
        ),
        ("storageIsolation", json!(5), "storageIsolation"),
        ("type", json!("BOGUS"), "type"),
        ("quotas", json!("many"), "quotas"),
        (
            "quotas",
            json!([{"duration": "P1D", "limit": 3, "behavior": "AAA"}]),
            "quotas[0].behavior",
        ),
        (
            "quotas",
            json!([{"limit": 3, "behavior": "FAIL"}]),
            "quotas[0].duration",
        ),
        (
            "sdkDefaultAuthentication",
            json!({"apiToken": false}),
            "sdkDefaultAuthentication.apiToken",
        ),
        (
            "concurrency",
            json!({"limit": 0, "behavior": "QUEUE"}),
            "concurrency.limit",
        ),
        (
            "defaultWorkerSelector",
            json!({"match": "SOME"}),
            "defaultWorkerSelector.match",
        ),
        (
            "storageConfiguration",
            json!({"bucket": "b"}),
            "storageConfiguration.bucket",
        ),
    ];
    for (field, value, path) in cases {
        let mut body = json!({"id": "dev", "name": "Dev", "deleted": false});
        body[field] = value.clone();

        // Act
        let created = app
            .post(
                "/api/v1/tenants",
                &Auth::admin(),
                json!({"id": "other", "name": "x", field: value}),
            )
            .await;
        let updated = app.put("/api/v1/tenants/dev", &Auth::admin(), body).await;

        // Assert
        for res in [created, updated] {
            let error = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
            assert_eq!(error_paths(&error), [path], "{field}: {error}");
        }
    }
    let search = ok_json(app.get("/api/v1/tenants/search", &Auth::admin()).await).await;
    assert_eq!(search["total"], 1, "nothing was stored: {search}");
    assert_eq!(
        search["results"][0],
        json!({"id": "dev", "name": "dev", "deleted": false})
    );
}

#[tokio::test]
async fn tenant_settings_that_fit_are_kept_and_unknown_fields_dropped() {
    // Arrange
    let app = spawn_app().await;
    let settings = json!({
        "storageIsolation": {"enabled": true, "deniedServices": ["WORKER"]},
        "type": "DEFAULT",
        "concurrency": {"limit": 2, "behavior": "QUEUE"},
        "storageType": "s3",
        "storageConfiguration": {"bucket": {"name": "b"}},
        "secretReadOnly": true,
        "workerSecretManagerMode": "CONTROLLER",
        "appCatalogConfig": {"title": "Apps"},
        "settings": {"dashboard": {"defaultHomeDashboard": "home"}},
        "quotas": [{"duration": "PT1H", "limit": 10, "behavior": "CANCEL"}],
    });
    let mut body = settings.clone();
    body["id"] = json!("dev");
    body["name"] = json!("Dev");
    body["notAKestraField"] = json!({"x": 1});

    // Act
    let created = ok_json(app.post("/api/v1/tenants", &Auth::admin(), body).await).await;

    // Assert
    let fetched = ok_json(app.get("/api/v1/tenants/dev", &Auth::admin()).await).await;
    assert_eq!(fetched, created);
    for (field, value) in settings.as_object().unwrap() {
        assert_eq!(&fetched[field], value, "{field}");
    }
    assert!(fetched.get("notAKestraField").is_none(), "{fetched}");
}

#[tokio::test]
async fn malformed_json_returns_422() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(format!("{}/api/v1/tenants", app.url))
        .basic_auth("root@example.com", Some("root-password"))
        .header("content-type", "application/json")
        .body("{\"id\": ")
        .send()
        .await
        .unwrap();
    assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
}

#[tokio::test]
async fn a_user_without_the_tenant_permission_cannot_manage_tenants() {
    let app = spawn_demo_app().await;
    let carol = Auth::demo("carol@example.com");

    let attempts = [
        app.post(
            "/api/v1/tenants",
            &carol,
            json!({"id": "mine", "name": "Mine"}),
        )
        .await,
        app.get("/api/v1/tenants/search", &carol).await,
        app.put(
            "/api/v1/tenants/dev",
            &carol,
            json!({"id": "dev", "name": "x"}),
        )
        .await,
        app.delete("/api/v1/tenants/dev", &carol).await,
    ];

    for res in attempts {
        assert_error(res, StatusCode::FORBIDDEN).await;
    }
}

#[tokio::test]
async fn a_tenant_admin_edits_their_tenant_but_cannot_create_or_delete_tenants() {
    let app = spawn_demo_app().await;
    let alice = Auth::demo("alice@example.com");

    let renamed = app
        .put(
            "/api/v1/tenants/dev",
            &alice,
            json!({"id": "dev", "name": "Dev"}),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    let create = app
        .post(
            "/api/v1/tenants",
            &alice,
            json!({"id": "mine", "name": "Mine"}),
        )
        .await;
    assert_error(create, StatusCode::FORBIDDEN).await;
    assert_error(
        app.delete("/api/v1/tenants/dev", &alice).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn tenants_need_credentials() {
    let app = spawn_app().await;
    assert_error(
        app.get("/api/v1/tenants/search", &Auth::None).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}

#[tokio::test]
async fn an_unknown_path_returns_kestras_404_body() {
    let app = spawn_app().await;
    assert_error(
        app.get("/api/v1/nothing/here/at/all", &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
