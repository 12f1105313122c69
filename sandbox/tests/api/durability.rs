//! Many writers at once, and a crash in the middle of writing: every write the server
//! acknowledged is there afterwards, and what the API reports stays consistent.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, Auth, ok_json, spawn_app};
use crate::process::{Server, TempDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_writers_at_once_on_one_tenant_all_land_with_distinct_ids() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let writers: Vec<_> = (0..20)
        .map(|i| {
            let client = client_for(&app.url);
            tokio::spawn(async move {
                let group = client
                    .post("/api/v1/dev/groups", json!({"name": format!("Group {i}")}))
                    .await;
                let user = client
                    .post(
                        "/api/v1/users",
                        json!({"email": format!("user{i}@example.com"), "tenants": ["dev"]}),
                    )
                    .await;
                (group, user)
            })
        })
        .collect();
    let mut answers = Vec::new();
    for writer in writers {
        answers.push(writer.await.unwrap());
    }

    // Assert
    let mut group_ids = Vec::new();
    let mut user_ids = Vec::new();
    for ((group_status, group), (user_status, user)) in &answers {
        assert!(group_status.is_success(), "{group_status}: {group}");
        assert!(user_status.is_success(), "{user_status}: {user}");
        group_ids.push(group["id"].as_str().unwrap().to_owned());
        user_ids.push(user["id"].as_str().unwrap().to_owned());
    }
    assert_distinct(&group_ids, "group ids");
    assert_distinct(&user_ids, "user ids");
    let groups = ok_json(
        app.get("/api/v1/dev/groups/search?size=100", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(groups["total"], 20, "{groups}");
    assert_eq!(sorted(ids(&groups)), sorted(group_ids));
    let access = ok_json(
        app.get("/api/v1/dev/tenant-access?size=100", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(access["total"], 20, "{access}");
    let users = ok_json(app.get("/api/v1/users?size=100", &Auth::admin()).await).await;
    assert_eq!(users["total"], 21, "the twenty and the instance owner");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_racing_for_one_name_get_one_success_and_409s() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;

    // Act
    let writers: Vec<_> = (0..10)
        .map(|_| {
            let client = client_for(&app.url);
            tokio::spawn(async move {
                client
                    .post("/api/v1/dev/groups", json!({"name": "Ops"}))
                    .await
                    .0
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for writer in writers {
        statuses.push(writer.await.unwrap());
    }

    // Assert
    let created = statuses.iter().filter(|s| s.is_success()).count();
    let conflicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, conflicts), (1, 9), "{statuses:?}");
    let groups = ok_json(app.get("/api/v1/dev/groups/search", &Auth::admin()).await).await;
    assert_eq!(groups["total"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_write_survives_a_kill_9_of_the_server() {
    // Arrange: the real binary, on a database of its own, with a tenant to write into.
    let db = TempDb::new("kill");
    let server = Server::start(db.path());
    let admin = client_for(&server.url);
    let (status, tenant) = admin
        .post("/api/v1/tenants", json!({"id": "dev", "name": "Dev"}))
        .await;
    assert!(status.is_success(), "{status}: {tenant}");

    // Act: eight writers create groups and users (a user with access is two rows in one
    // transaction) until the server dies under them; each records what was acknowledged.
    let acknowledged = Arc::new(Mutex::new(Vec::<Written>::new()));
    let refused = Arc::new(Mutex::new(Vec::<String>::new()));
    let writers: Vec<_> = (0..8)
        .map(|w| {
            let client = client_for(&server.url);
            let acknowledged = acknowledged.clone();
            let refused = refused.clone();
            tokio::spawn(async move {
                for i in 0.. {
                    let (path, body) = if i % 2 == 0 {
                        ("/api/v1/dev/groups", json!({"name": format!("g-{w}-{i}")}))
                    } else {
                        (
                            "/api/v1/users",
                            json!({"email": format!("u-{w}-{i}@example.com"), "tenants": ["dev"]}),
                        )
                    };
                    let Some((status, body)) = client.try_post(path, body).await else {
                        return; // The server is gone.
                    };
                    if status.is_success() {
                        let id = body["id"].as_str().unwrap().to_owned();
                        acknowledged.lock().unwrap().push(if i % 2 == 0 {
                            Written::Group(id, format!("g-{w}-{i}"))
                        } else {
                            Written::User(id, format!("u-{w}-{i}@example.com"))
                        });
                    } else {
                        refused.lock().unwrap().push(format!("{status}: {body}"));
                    }
                }
            })
        })
        .collect();
    let enough = async {
        while acknowledged.lock().unwrap().len() < 60 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(120), enough)
        .await
        .expect("sixty writes are acknowledged within two minutes");
    server.kill_9();
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        refused.lock().unwrap().is_empty(),
        "{:?}",
        refused.lock().unwrap()
    );

    // Assert: restarted on the same file, every acknowledged write reads back, and searches
    // agree with themselves and with each other.
    let server = Server::start(db.path());
    let admin = client_for(&server.url);
    for written in &acknowledged {
        let (path, field, expected) = match written {
            Written::Group(id, name) => (format!("/api/v1/dev/groups/{id}"), "name", name),
            Written::User(id, email) => (format!("/api/v1/users/{id}"), "email", email),
        };
        let (status, body) = admin.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path} was acknowledged: {body}");
        assert_eq!(&body[field], expected.as_str());
    }
    let groups = admin.get("/api/v1/dev/groups/search?size=10000").await.1;
    let users = admin.get("/api/v1/users?size=10000").await.1;
    let access = admin.get("/api/v1/dev/tenant-access?size=10000").await.1;
    for page in [&groups, &users, &access] {
        let results = page["results"].as_array().unwrap();
        assert_eq!(page["total"], results.len(), "{page}");
        assert_distinct(&ids(page), "ids in a search");
    }
    let acknowledged_groups = acknowledged
        .iter()
        .filter(|w| matches!(w, Written::Group(..)))
        .count();
    assert!(ids(&groups).len() >= acknowledged_groups);
    // Every user but the instance owner was created with access to `dev`, in the same
    // transaction: no user exists without it, and no access without its user.
    let people: Vec<&Value> = users["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["username"] != ADMIN_EMAIL)
        .collect();
    for user in &people {
        assert_eq!(user["tenants"][0]["id"], "dev", "{user}");
    }
    assert_eq!(access["total"], people.len(), "{access}");
}

/// One write the server acknowledged: the id it returned and the name or email sent.
#[derive(Clone, Debug)]
enum Written {
    Group(String, String),
    User(String, String),
}

/// Requests as the instance owner, answering `(status, JSON body)`.
struct Client {
    url: String,
    http: reqwest::Client,
}

fn client_for(url: &str) -> Client {
    Client {
        url: url.to_owned(),
        http: reqwest::Client::new(),
    }
}

impl Client {
    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.try_post(path, body)
            .await
            .expect("the request is sent")
    }

    /// `None` when no answer came (the server was killed mid-request).
    async fn try_post(&self, path: &str, body: Value) -> Option<(StatusCode, Value)> {
        let req = self.http.post(format!("{}{path}", self.url)).json(&body);
        answer(req).await
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        answer(self.http.get(format!("{}{path}", self.url)))
            .await
            .expect("the request is sent")
    }
}

async fn answer(req: reqwest::RequestBuilder) -> Option<(StatusCode, Value)> {
    let res = req
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await
        .ok()?;
    let status = res.status();
    let text = res.text().await.ok()?;
    Some((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

fn ids(page: &Value) -> Vec<String> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

fn assert_distinct(ids: &[String], what: &str) {
    let mut unique = ids.to_vec();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate {what}: {ids:?}");
}

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}
