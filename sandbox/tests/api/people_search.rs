//! Searching and paging the lists that can hold every person of the instance (users, a group's
//! members): they answer common queries from indexes, and must answer exactly as the general
//! search does (which a filter every row matches switches to).

use serde_json::{Value, json};

use crate::helpers::{Auth, TestApp, ok_json, spawn_app};

/// Each query, alone and with a filter every row matches: same results, same total.
async fn assert_same_answers(app: &TestApp, path: &str, queries: &[&str], match_all: &str) {
    for query in queries {
        let fast = ok_json(app.get(&format!("{path}?{query}"), &Auth::admin()).await).await;
        let general = ok_json(
            app.get(&format!("{path}?{query}&{match_all}"), &Auth::admin())
                .await,
        )
        .await;
        assert_eq!(fast["total"], general["total"], "{query}");
        assert_eq!(usernames(&fast), usernames(&general), "{query}");
    }
}

fn usernames(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["username"].as_str().unwrap().to_owned())
        .collect()
}

const QUERIES: &[&str] = &[
    "page=1&size=3",
    "page=2&size=3",
    "size=50&sort=username:desc",
    "q=ma&size=50",
    "q=mart&size=50",
    "q=Alice%20Mar&size=50",
    "q=ACME&size=2&page=2",
    "q=100%25&size=50",
    "q=no-one&size=50",
];

async fn seed_people(app: &TestApp) -> Vec<String> {
    app.create_tenant("dev").await;
    let mut ids = Vec::new();
    for (first, last, email) in [
        ("Alice", "Martin", "alice@acme.test"),
        ("Bob", "Marsh", "bob@example.com"),
        ("", "Smart", "x.smart@acme.test"),
        ("Carol", "", "carol@acme.test"),
        ("", "", "dmartinez@example.com"),
        ("Émile", "Zola", "emile@acme.test"),
        ("Hundred", "Percent", "100%@acme.test"),
    ] {
        let user = ok_json(
            app.post(
                "/api/v1/users",
                &Auth::admin(),
                json!({"email": email, "firstName": first, "lastName": last, "tenants": ["dev"]}),
            )
            .await,
        )
        .await;
        ids.push(user["id"].as_str().unwrap().to_owned());
    }
    // A service account matching the searches: a group member, but never in the users list.
    let account = ok_json(
        app.post(
            "/api/v1/service-accounts",
            &Auth::admin(),
            json!({"name": "smart-bot", "tenants": ["dev"]}),
        )
        .await,
    )
    .await;
    ids.push(account["id"].as_str().unwrap().to_owned());
    ids
}

#[tokio::test]
async fn searching_users_answers_as_the_general_search_does() {
    let app = spawn_app().await;
    seed_people(&app).await;

    assert_same_answers(
        &app,
        "/api/v1/users",
        QUERIES,
        "filters[id][NOT_EQUALS]=no-such-id",
    )
    .await;
}

#[tokio::test]
async fn searching_a_groups_members_answers_as_the_general_search_does() {
    let app = spawn_app().await;
    let ids = seed_people(&app).await;
    let group = app.create_group("dev", "Everyone").await;
    for id in &ids[1..] {
        app.put(
            &format!("/api/v1/dev/groups/{group}/members/{id}"),
            &Auth::admin(),
            json!({}),
        )
        .await;
    }

    assert_same_answers(
        &app,
        &format!("/api/v1/dev/groups/{group}/members"),
        QUERIES,
        "filters[id][NOT_EQUALS]=no-such-id",
    )
    .await;
}

#[tokio::test]
async fn a_renamed_user_is_found_by_the_new_name_only() {
    let app = spawn_app().await;
    let ids = seed_people(&app).await;

    let renamed = app
        .patch(
            &format!("/api/v1/users/{}", ids[0]),
            &Auth::admin(),
            json!({"lastName": "Durand"}),
        )
        .await;
    ok_json(renamed).await;

    let by_old = ok_json(
        app.get("/api/v1/users?q=Alice%20Martin", &Auth::admin())
            .await,
    )
    .await;
    let by_new = ok_json(
        app.get("/api/v1/users?q=Alice%20Durand", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(by_old["total"], 0);
    assert_eq!(usernames(&by_new), ["alice@acme.test"]);
}

/// The users page's list: the searches above, the console's other sort, and searches only the
/// names can answer (non-ASCII).
const TENANT_QUERIES: &[&str] = &[
    "sort=displayName:asc&size=50",
    "sort=displayName:desc&size=3&page=2",
    "sort=displayName:asc&q=mar&size=50",
    "sort=username:asc&sort=displayName:desc&size=50",
    "q=%C3%A9mile&size=50",
    "q=%C3%89MILE&size=50",
    "q=%C3%89&sort=displayName:desc&size=50",
    "page=9&size=10",
];

#[tokio::test]
async fn searching_a_tenants_people_answers_as_the_general_search_does() {
    // Arrange: the people of `dev`, one of them in a group, and someone who may use another
    // tenant only.
    let app = spawn_app().await;
    let ids = seed_people(&app).await;
    let group = app.create_group("dev", "Readers").await;
    app.put(
        &format!("/api/v1/dev/groups/{group}/members/{}", ids[0]),
        &Auth::admin(),
        json!({}),
    )
    .await;
    app.create_tenant("prod").await;
    app.create_user("martha@acme.test", "pw", &["prod"]).await;

    for query in QUERIES.iter().chain(TENANT_QUERIES) {
        // Act
        let fast = ok_json(
            app.get(
                &format!("/api/v1/dev/tenant-access?{query}"),
                &Auth::admin(),
            )
            .await,
        )
        .await;
        let general = ok_json(
            app.get(
                &format!("/api/v1/dev/tenant-access?{query}&filters[id][NOT_EQUALS]=no-such-id"),
                &Auth::admin(),
            )
            .await,
        )
        .await;

        // Assert: the same rows (groups included) in the same order, and the same total.
        assert_eq!(fast, general, "{query}");
        assert!(
            !usernames(&fast).contains(&"martha@acme.test".to_owned()),
            "{query}"
        );
    }
}

#[tokio::test]
async fn a_tenants_people_page_follows_renames_and_access_taken_away() {
    // Arrange
    let app = spawn_app().await;
    let ids = seed_people(&app).await;
    let all = |q: &'static str| {
        let app = &app;
        async move {
            ok_json(
                app.get(
                    &format!("/api/v1/dev/tenant-access?size=100{q}"),
                    &Auth::admin(),
                )
                .await,
            )
            .await
        }
    };
    let before = all("").await;

    // Act
    ok_json(
        app.patch(
            &format!("/api/v1/users/{}", ids[1]),
            &Auth::admin(),
            json!({"email": "zed@example.com"}),
        )
        .await,
    )
    .await;
    let revoked = app
        .delete(
            &format!("/api/v1/dev/tenant-access/{}", ids[0]),
            &Auth::admin(),
        )
        .await;
    assert!(revoked.status().is_success());
    let deleted = app
        .delete(&format!("/api/v1/users/{}", ids[2]), &Auth::admin())
        .await;
    assert!(deleted.status().is_success());
    let after = all("").await;
    let found = all("&q=zed@").await;
    let general = all("&filters[id][NOT_EQUALS]=none").await;

    // Assert: sorted by the new email, without the people who lost access or were deleted,
    // counted as the general path counts.
    assert_eq!(after["total"], before["total"].as_u64().unwrap() - 2);
    assert_eq!(after, general);
    assert!(!usernames(&after).contains(&"x.smart@acme.test".to_owned()));
    let names = usernames(&after);
    assert_eq!(names.last().map(String::as_str), Some("zed@example.com"));
    assert!(!names.contains(&"alice@acme.test".to_owned()));
    assert!(!names.contains(&"bob@example.com".to_owned()));
    assert_eq!(usernames(&found), ["zed@example.com"]);
}

#[tokio::test]
async fn a_tenant_deleted_and_created_again_starts_with_no_people() {
    // Arrange
    let app = spawn_app().await;
    seed_people(&app).await;
    let deleted = app.delete("/api/v1/tenants/dev", &Auth::admin()).await;
    assert!(deleted.status().is_success());

    // Act
    app.create_tenant("dev").await;
    let page = ok_json(app.get("/api/v1/dev/tenant-access", &Auth::admin()).await).await;
    let general = ok_json(
        app.get(
            "/api/v1/dev/tenant-access?filters[id][NOT_EQUALS]=none",
            &Auth::admin(),
        )
        .await,
    )
    .await;

    // Assert
    assert_eq!(page, general);
}
