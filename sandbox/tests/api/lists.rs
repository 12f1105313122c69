//! The lists of a tenant that are paged in SQL (groups, roles, invitations, service accounts):
//! each query answers exactly as the general in-memory search does, which a filter every row
//! matches switches to.

use serde_json::json;

use crate::helpers::{Auth, TestApp, ok_json, spawn_app};

/// Each query, alone and with a filter every row matches: the same page and total.
async fn assert_same_answers(app: &TestApp, path: &str, queries: &[&str]) {
    for query in queries {
        // Act
        let fast = ok_json(app.get(&format!("{path}?{query}"), &Auth::admin()).await).await;
        let general = ok_json(
            app.get(
                &format!("{path}?{query}&filters[id][NOT_EQUALS]=no-such-id"),
                &Auth::admin(),
            )
            .await,
        )
        .await;

        // Assert
        assert_eq!(fast, general, "{path}?{query}");
    }
}

/// Names that differ only by case, or only beyond ASCII, where SQLite's own case folding would
/// sort them otherwise than the in-memory path.
const NAMES: &[(&str, Option<&str>)] = &[
    ("Team", Some("The platform team")),
    ("team-b", None),
    ("Équipe données", Some("data")),
    ("équipe Bleue", Some("Les bleus")),
    ("alpha", Some("first TEAM")),
    ("Zulu", Some("last")),
    ("ÉQUIPE A", None),
    ("100% ops", Some("all of it")),
];

const QUERIES: &[&str] = &[
    "",
    "size=3",
    "size=3&page=2",
    "size=3&page=4",
    "sort=name:desc",
    "sort=name:asc&size=2&page=3",
    "q=team",
    "q=%C3%A9quipe",
    "q=%C3%89QUIPE&sort=name:desc",
    "q=100%25",
    "q=x",
    "filters[q][EQUALS]=e&size=2&page=2",
];

#[tokio::test]
async fn groups_and_roles_pages_are_the_general_searchs_pages() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    for (name, description) in NAMES {
        ok_json(
            app.post(
                "/api/v1/dev/groups",
                &Auth::admin(),
                json!({"name": name, "description": description}),
            )
            .await,
        )
        .await;
        ok_json(
            app.post(
                "/api/v1/dev/roles",
                &Auth::admin(),
                json!({"name": name, "description": description, "permissions": {"FLOW": ["VIEW"]}}),
            )
            .await,
        )
        .await;
    }
    app.create_group("prod", "Team in prod").await;

    // Act and assert
    assert_same_answers(&app, "/api/v1/dev/groups/search", QUERIES).await;
    let role_queries: Vec<&str> = QUERIES
        .iter()
        .copied()
        .chain(["sort=permissionCount:desc&size=3"])
        .collect();
    assert_same_answers(&app, "/api/v1/dev/roles/search", &role_queries).await;
    let all = ok_json(
        app.get("/api/v1/dev/groups/search?size=100", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(all["total"], NAMES.len());
}

#[tokio::test]
async fn invitations_pages_are_the_general_searchs_pages() {
    // Arrange: invitations to varied emails, one of them accepted.
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    for email in [
        "Zoe@example.com",
        "adam@acme.test",
        "bea@example.com",
        "CHLOE@acme.test",
        "dan@example.org",
    ] {
        ok_json(
            app.post(
                "/api/v1/dev/invitations",
                &Auth::admin(),
                json!({"email": email}),
            )
            .await,
        )
        .await;
    }

    // Act and assert
    assert_same_answers(
        &app,
        "/api/v1/dev/invitations/search",
        &[
            "",
            "size=2&page=2",
            "sort=email:desc",
            "sort=sentAt:desc&size=3",
            "sort=sentAt:asc&sort=email:desc",
            "q=ACME",
            "email=example&sort=email:desc",
            "status=PENDING&size=2",
            "status=ACCEPTED",
            "status=EXPIRED",
            "email=EXAMPLE.COM&status=PENDING&q=o",
        ],
    )
    .await;
}

#[tokio::test]
async fn a_tenants_service_accounts_pages_are_the_general_searchs_pages() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    for (name, description) in [
        ("ci-deployer", Some("Deploys from CI")),
        ("reporting-sync", None),
        ("backup", Some("nightly ci")),
        ("zz-top", Some("Z")),
    ] {
        ok_json(
            app.post(
                "/api/v1/dev/service-accounts",
                &Auth::admin(),
                json!({"name": name, "description": description}),
            )
            .await,
        )
        .await;
    }

    // Act and assert
    assert_same_answers(
        &app,
        "/api/v1/dev/service-accounts",
        &[
            "",
            "size=2&page=2",
            "sort=name:asc",
            "sort=name:desc&size=3",
            "sort=username:desc",
            "q=CI",
            "q=sync&sort=username:asc",
        ],
    )
    .await;
}
