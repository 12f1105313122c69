//! `spawn_app()`: a sandbox of one's own, and one method per endpoint the tests call.
#![allow(dead_code)] // Not every test module uses every helper.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use kestra_admin_sandbox::{Sandbox, Seed, Settings, start};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};

pub const ADMIN_EMAIL: &str = "root@example.com";
pub const ADMIN_PASSWORD: &str = "root-password";
/// The password of every `--seed demo` user.
pub const DEMO_PASSWORD: &str = "demo-password";

pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    sandbox: Option<Sandbox>,
    db: PathBuf,
}

/// Credentials for one request.
#[derive(Clone, Debug)]
pub enum Auth {
    None,
    Basic(String, String),
    Bearer(String),
}

impl Auth {
    pub fn admin() -> Auth {
        Auth::Basic(ADMIN_EMAIL.into(), ADMIN_PASSWORD.into())
    }

    /// A `--seed demo` user (see `spawn_demo_app`).
    pub fn demo(email: &str) -> Auth {
        Auth::Basic(email.into(), DEMO_PASSWORD.into())
    }
}

/// A sandbox with an instance owner (`Auth::admin()`) and nothing else.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// A sandbox with an instance owner and the `--seed demo` data.
pub async fn spawn_demo_app() -> TestApp {
    spawn_app_with(|s| s.seed = Some(Seed::Demo)).await
}

/// A sandbox on a fresh database file (or the one `configure` sets in `db`, which the app then
/// deletes when dropped).
pub async fn spawn_app_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = Settings::for_tests(temp_db());
    settings.admin_email = Some(ADMIN_EMAIL.into());
    settings.admin_password = Some(ADMIN_PASSWORD.into());
    configure(&mut settings);
    let db = settings.db.clone();
    let sandbox = start(settings).await.expect("the sandbox starts");
    TestApp {
        url: sandbox.url(),
        client: reqwest::Client::new(),
        sandbox: Some(sandbox),
        db,
    }
}

/// A database path of its own in the temporary directory; nothing is created there yet.
pub fn temp_db() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    std::env::temp_dir().join(format!(
        "kestra-sandbox-test-{}-{}-{nanos}.db",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

impl TestApp {
    /// The database file this sandbox runs on.
    pub fn db(&self) -> &std::path::Path {
        &self.db
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        drop(self.sandbox.take());
        for suffix in ["", "-wal", "-shm"] {
            let mut path = self.db.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
}

impl TestApp {
    /// Stops the server gracefully (tests of shutdown; dropping the app is enough otherwise).
    pub async fn stop(mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            sandbox.stop().await;
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        auth: &Auth,
        body: Option<Value>,
    ) -> Response {
        let mut req = self.client.request(method, format!("{}{path}", self.url));
        req = match auth {
            Auth::None => req,
            Auth::Basic(user, password) => req.basic_auth(user, Some(password)),
            Auth::Bearer(token) => req.bearer_auth(token),
        };
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("the request is sent")
    }

    pub async fn get(&self, path: &str, auth: &Auth) -> Response {
        self.request(Method::GET, path, auth, None).await
    }

    pub async fn post(&self, path: &str, auth: &Auth, body: Value) -> Response {
        self.request(Method::POST, path, auth, Some(body)).await
    }

    pub async fn put(&self, path: &str, auth: &Auth, body: Value) -> Response {
        self.request(Method::PUT, path, auth, Some(body)).await
    }

    pub async fn patch(&self, path: &str, auth: &Auth, body: Value) -> Response {
        self.request(Method::PATCH, path, auth, Some(body)).await
    }

    pub async fn delete(&self, path: &str, auth: &Auth) -> Response {
        self.request(Method::DELETE, path, auth, None).await
    }

    /// `POST /api/v1/tenants` as the instance owner; panics unless it succeeds.
    pub async fn create_tenant(&self, id: &str) -> Value {
        let res = self
            .post(
                "/api/v1/tenants",
                &Auth::admin(),
                json!({"id": id, "name": id}),
            )
            .await;
        ok_json(res).await
    }
}

impl TestApp {
    /// `POST /api/v1/users` as the instance owner with `password`; panics unless it succeeds.
    pub async fn create_user(&self, email: &str, password: &str, tenants: &[&str]) -> Value {
        let res = self
            .post(
                "/api/v1/users",
                &Auth::admin(),
                json!({"email": email, "password": password, "tenants": tenants}),
            )
            .await;
        ok_json(res).await
    }
}

impl TestApp {
    /// `POST /api/v1/{tenant}/groups` as the instance owner; returns the group's id.
    pub async fn create_group(&self, tenant: &str, name: &str) -> String {
        let res = self
            .post(
                &format!("/api/v1/{tenant}/groups"),
                &Auth::admin(),
                json!({"name": name}),
            )
            .await;
        ok_json(res).await["id"].as_str().unwrap().to_owned()
    }
}

impl TestApp {
    /// `POST /api/v1/{tenant}/roles` as the instance owner; returns the role's id.
    pub async fn create_role(&self, tenant: &str, name: &str, permissions: Value) -> String {
        let body = json!({"name": name, "permissions": permissions});
        let res = self
            .post(&format!("/api/v1/{tenant}/roles"), &Auth::admin(), body)
            .await;
        ok_json(res).await["id"].as_str().unwrap().to_owned()
    }

    /// `POST /api/v1/{tenant}/bindings` as the instance owner; returns the binding.
    pub async fn bind(
        &self,
        tenant: &str,
        kind: &str,
        external_id: &str,
        role: &str,
        namespace: Option<&str>,
    ) -> Value {
        let body = json!({"type": kind, "externalId": external_id, "roleId": role, "namespaceId": namespace});
        ok_json(
            self.post(&format!("/api/v1/{tenant}/bindings"), &Auth::admin(), body)
                .await,
        )
        .await
    }
}

/// The `id` field of each result of a page (`{"results": [...]}`) or of a plain array.
pub fn ids_of(body: &Value, field: &str) -> Vec<String> {
    let items = body.get("results").unwrap_or(body);
    items
        .as_array()
        .unwrap_or_else(|| panic!("no results in {body}"))
        .iter()
        .map(|item| item[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The JSON body of a 2xx response; panics with the status and body otherwise.
pub async fn ok_json(res: Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(
        status.is_success(),
        "expected success, got {status}: {text}"
    );
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts the status and that the body is Kestra's error body for `path`; returns the body.
pub async fn assert_error(res: Response, status: StatusCode) -> Value {
    let path = res.url().path().to_owned();
    let actual = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(actual, status, "body: {text}");
    let body: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    assert!(body["message"].is_string(), "no message: {body}");
    assert_eq!(body["_links"]["self"]["href"], path, "{body}");
    body
}

/// The `path` of each field error in a 422 body.
pub fn error_paths(body: &Value) -> Vec<String> {
    body["_embedded"]["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["path"].as_str().unwrap_or("").to_owned())
                .collect()
        })
        .unwrap_or_default()
}
