use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn namespaces_come_from_creation_bindings_and_their_parents() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let created = app
        .post(
            "/api/v1/dev/namespaces",
            &Auth::admin(),
            json!({"id": "company.data", "description": "Data"}),
        )
        .await;
    assert_eq!(ok_json(created).await["description"], "Data");
    let role = app.create_role("dev", "Viewer", json!({})).await;
    let group = app.create_group("dev", "Ops").await;
    app.bind("dev", "GROUP", &group, &role, Some("company.team.ops"))
        .await;

    // Act
    let all = ok_json(
        app.get("/api/v1/dev/namespaces/search?size=50", &Auth::admin())
            .await,
    )
    .await;
    let existing = ok_json(
        app.get(
            "/api/v1/dev/namespaces/search?existing=true",
            &Auth::admin(),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(
        ids_of(&all, "id"),
        [
            "company",
            "company.data",
            "company.team",
            "company.team.ops"
        ]
    );
    assert_eq!(ids_of(&existing, "id"), ["company.data"]);
    let found = ok_json(
        app.post(
            "/api/v1/dev/namespaces/autocomplete",
            &Auth::admin(),
            json!({"q": "team"}),
        )
        .await,
    )
    .await;
    assert_eq!(found, json!(["company.team", "company.team.ops"]));
    let one = ok_json(
        app.get("/api/v1/dev/namespaces/company.team", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(one["id"], "company.team");
}

#[tokio::test]
async fn a_namespace_is_created_once_and_deleted() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    ok_json(
        app.post(
            "/api/v1/dev/namespaces",
            &Auth::admin(),
            json!({"id": "company"}),
        )
        .await,
    )
    .await;

    let again = app
        .post(
            "/api/v1/dev/namespaces",
            &Auth::admin(),
            json!({"id": "company"}),
        )
        .await;
    assert_error(again, StatusCode::CONFLICT).await;
    let bad = app
        .post(
            "/api/v1/dev/namespaces",
            &Auth::admin(),
            json!({"id": "Company Team"}),
        )
        .await;
    assert_eq!(
        error_paths(&assert_error(bad, StatusCode::UNPROCESSABLE_ENTITY).await),
        ["id"]
    );

    assert_eq!(
        app.delete("/api/v1/dev/namespaces/company", &Auth::admin())
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_error(
        app.get("/api/v1/dev/namespaces/company", &Auth::admin())
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn a_namespace_limited_user_sees_only_their_namespaces() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    for id in ["company.team", "company.data"] {
        ok_json(
            app.post("/api/v1/dev/namespaces", &Auth::admin(), json!({"id": id}))
                .await,
        )
        .await;
    }
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let role = app
        .create_role(
            "dev",
            "Namespace reader",
            json!({"NAMESPACE": ["LIST", "VIEW"]}),
        )
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

    let seen = ok_json(app.get("/api/v1/dev/namespaces/search", &as_ada).await).await;

    assert_eq!(ids_of(&seen, "id"), ["company.team"]);
    assert_error(
        app.get("/api/v1/dev/namespaces/company.data", &as_ada)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[tokio::test]
async fn a_namespace_setting_that_does_not_fit_the_document_is_422_and_not_stored() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let cases = [
        ("concurrency", json!("lots"), "concurrency"),
        (
            "quotas",
            json!([{"duration": "P1D", "limit": 1, "behavior": "NOT_A_BEHAVIOR"}]),
            "quotas[0].behavior",
        ),
        ("allowedNamespaces", json!(3), "allowedNamespaces"),
        (
            "allowedNamespaces",
            json!([{}]),
            "allowedNamespaces[0].namespace",
        ),
        ("variables", json!({"a": 1}), "variables.a"),
    ];
    for (field, value, path) in cases {
        // Act
        let res = app
            .post(
                "/api/v1/dev/namespaces",
                &Auth::admin(),
                json!({"id": "company", "deleted": false, field: value}),
            )
            .await;

        // Assert
        let error = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_paths(&error), [path], "{field}: {error}");
    }
    assert_error(
        app.get("/api/v1/dev/namespaces/company", &Auth::admin())
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;

    let body = json!({
        "id": "company",
        "deleted": false,
        "description": "The company",
        "variables": {"env": {"name": "prod"}},
        "allowedNamespaces": [{"namespace": "other"}],
        "concurrency": {"limit": 1, "behavior": "FAIL"},
    });
    let created = ok_json(
        app.post("/api/v1/dev/namespaces", &Auth::admin(), body.clone())
            .await,
    )
    .await;
    assert_eq!(created, body);
}
