use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ids_of, ok_json, spawn_app};

#[tokio::test]
async fn binding_a_role_to_a_user_returns_200_and_search_finds_it_by_user_and_namespace() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = app
        .create_role("dev", "Viewer", json!({"FLOW": ["VIEW"]}))
        .await;
    let ada = app.create_user("ada@example.com", "pw", &[]).await;
    let ada_id = ada["id"].as_str().unwrap();

    // Act
    let res = app
        .post(
            "/api/v1/dev/bindings",
            &Auth::admin(),
            json!({"type": "USER", "externalId": ada_id, "roleId": role, "namespaceId": "company.team"}),
        )
        .await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    let binding = ok_json(res).await;
    assert_eq!(binding["type"], "USER");
    assert_eq!(binding["namespace"], "company.team");
    assert_eq!(binding["role"]["name"], "Viewer");
    assert_eq!(binding["user"]["username"], "ada@example.com");
    assert_eq!(binding["user"]["type"], "STANDARD");
    assert_eq!(binding["group"], json!(null));
    let by_user = ok_json(
        app.get(
            &format!("/api/v1/dev/bindings/search?type=USER&id={ada_id}"),
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(ids_of(&by_user, "id"), [binding["id"].as_str().unwrap()]);
    let by_ns = ok_json(
        app.get(
            "/api/v1/dev/bindings/search?namespace=company.team",
            &Auth::admin(),
        )
        .await,
    )
    .await;
    assert_eq!(by_ns["total"], 1);
    let groups_only = ok_json(
        app.get("/api/v1/dev/bindings/search?type=GROUP", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(groups_only["total"], 0);
    let me = ok_json(
        app.get(
            "/api/v1/me",
            &Auth::Basic("ada@example.com".into(), "pw".into()),
        )
        .await,
    )
    .await;
    assert_eq!(
        ids_of(&me["tenants"], "id"),
        ["dev"],
        "a binding gives access to the tenant"
    );
}

#[tokio::test]
async fn a_binding_is_read_and_deleted_but_creating_it_twice_returns_the_same_one() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = app.create_role("dev", "Viewer", json!({})).await;
    let group = app.create_group("dev", "Ops").await;
    let first = app.bind("dev", "GROUP", &group, &role, None).await;
    let second = app.bind("dev", "GROUP", &group, &role, None).await;
    assert_eq!(first["id"], second["id"]);
    assert_eq!(first["group"]["name"], "Ops");
    let path = format!("/api/v1/dev/bindings/{}", first["id"].as_str().unwrap());

    assert_eq!(ok_json(app.get(&path, &Auth::admin()).await).await, first);
    assert_eq!(
        app.delete(&path, &Auth::admin()).await.status(),
        StatusCode::NO_CONTENT
    );
    assert_error(app.get(&path, &Auth::admin()).await, StatusCode::NOT_FOUND).await;
}

#[tokio::test]
async fn binding_to_something_unknown_returns_404_and_a_bad_body_422() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = app.create_role("dev", "Viewer", json!({})).await;
    let group = app.create_group("dev", "Ops").await;

    for (body, what) in [
        (
            json!({"type": "USER", "externalId": "nobody", "roleId": role}),
            "an unknown user",
        ),
        (
            json!({"type": "GROUP", "externalId": "nothing", "roleId": role}),
            "an unknown group",
        ),
        (
            json!({"type": "GROUP", "externalId": group, "roleId": "norole"}),
            "an unknown role",
        ),
    ] {
        let res = app.post("/api/v1/dev/bindings", &Auth::admin(), body).await;
        let body = assert_error(res, StatusCode::NOT_FOUND).await;
        assert!(!body["message"].as_str().unwrap().is_empty(), "{what}");
    }
    for (body, path) in [
        (
            json!({"type": "TEAM", "externalId": group, "roleId": role}),
            "type",
        ),
        (json!({"type": "GROUP", "roleId": role}), "externalId"),
        (
            json!({"type": "GROUP", "externalId": group, "roleId": role, "namespaceId": "Bad NS"}),
            "namespaceId",
        ),
    ] {
        let res = app.post("/api/v1/dev/bindings", &Auth::admin(), body).await;
        let body = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(error_paths(&body), [path]);
    }
}

#[tokio::test]
async fn bulk_binding_creates_all_or_nothing() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    let role = app.create_role("dev", "Viewer", json!({})).await;
    let ops = app.create_group("dev", "Ops").await;
    let devs = app.create_group("dev", "Devs").await;

    let failed = app
        .post(
            "/api/v1/dev/bindings/bulk",
            &Auth::admin(),
            json!([{"type": "GROUP", "externalId": ops, "roleId": role}, {"type": "GROUP", "externalId": "nope", "roleId": role}]),
        )
        .await;
    assert_error(failed, StatusCode::NOT_FOUND).await;
    let none = ok_json(app.get("/api/v1/dev/bindings/search", &Auth::admin()).await).await;
    assert_eq!(none["total"], 0);

    let res = app
        .post(
            "/api/v1/dev/bindings/bulk",
            &Auth::admin(),
            json!([{"type": "GROUP", "externalId": ops, "roleId": role}, {"type": "GROUP", "externalId": devs, "roleId": role}]),
        )
        .await;
    assert_eq!(ok_json(res).await.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_page_of_bindings_by_role_is_the_general_searchs_page() {
    // Arrange: three roles (two of them named alike but for case), people and groups bound to
    // them tenant-wide and on namespaces, and another tenant's binding.
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    let viewer = app
        .create_role("dev", "Viewer", json!({"FLOW": ["VIEW"]}))
        .await;
    let lower = app
        .create_role("dev", "viewer", json!({"FLOW": ["LIST"]}))
        .await;
    let admin = app
        .create_role("dev", "Auditor", json!({"FLOW": ["VIEW"]}))
        .await;
    let elsewhere = app
        .create_role("prod", "Auditor", json!({"FLOW": ["VIEW"]}))
        .await;
    let mut people = Vec::new();
    for name in ["ada", "bob", "cy", "di"] {
        let user = app
            .create_user(&format!("{name}@example.com"), "pw", &[])
            .await;
        people.push(user["id"].as_str().unwrap().to_owned());
    }
    let team = app.create_group("dev", "Team").await;
    for (i, person) in people.iter().enumerate() {
        app.bind("dev", "USER", person, &viewer, None).await;
        let ns = ["company", "company.data"][i % 2];
        app.bind("dev", "USER", person, &lower, Some(ns)).await;
    }
    app.bind("dev", "GROUP", &team, &viewer, Some("company"))
        .await;
    app.bind("dev", "GROUP", &team, &admin, None).await;
    app.bind("dev", "USER", &people[0], &admin, Some("company.data"))
        .await;
    app.bind("prod", "USER", &people[0], &elsewhere, None).await;

    let queries = [
        String::new(),
        "size=3".into(),
        "size=3&page=2".into(),
        "size=4&page=3".into(),
        "size=5&page=9".into(),
        "sort=role.name:desc&size=4&page=2".into(),
        "sort=role.name:asc".into(),
        "type=USER&size=3&page=2".into(),
        "type=GROUP".into(),
        format!("id={}", people[0]),
        format!("id={team}&type=GROUP"),
        "namespace=company&sort=role.name:desc".into(),
        "namespace=company.data&type=USER&size=1&page=2".into(),
        "namespace=nowhere".into(),
    ];
    for query in &queries {
        // Act
        let fast = ok_json(
            app.get(
                &format!("/api/v1/dev/bindings/search?size=100&{query}"),
                &Auth::admin(),
            )
            .await,
        )
        .await;
        let general = ok_json(
            app.get(
                &format!(
                    "/api/v1/dev/bindings/search?size=100&{query}&filters[id][NOT_EQUALS]=no-such-id"
                ),
                &Auth::admin(),
            )
            .await,
        )
        .await;

        // Assert: the same bindings in the same order, and the same total.
        assert_eq!(fast, general, "{query}");
    }
    let all = ok_json(
        app.get("/api/v1/dev/bindings/search?size=100", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(all["total"], 11);
    let roles: Vec<&str> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["role"]["name"].as_str().unwrap())
        .collect();
    assert_eq!(roles[..2], ["Auditor", "Auditor"]);
}
