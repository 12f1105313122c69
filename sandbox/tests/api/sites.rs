//! The static sites: the console at `/ui/` and a host portal at `/portal/`, with the headers a
//! browser enforces.

use std::path::{Path, PathBuf};

use reqwest::StatusCode;
use reqwest::redirect::Policy;

use crate::helpers::{TestApp, spawn_app_with};

#[tokio::test]
async fn the_console_may_be_framed_by_its_own_origin_only_by_default() {
    // Arrange
    let console = SiteDir::new("console");
    let app = spawn_app_with(|s| s.ui_dir = Some(console.path().into())).await;

    // Act
    let res = get(&app, "/ui/").await;

    // Assert
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(frame_ancestors(&res), "'self'");
    assert!(res.text().await.unwrap().contains("console page"));
}

#[tokio::test]
async fn frame_ancestors_lets_the_named_portal_frame_the_console() {
    // Arrange
    let console = SiteDir::new("console");
    let app = spawn_app_with(|s| {
        s.ui_dir = Some(console.path().into());
        s.frame_ancestors = "'self' https://portal.example.com".parse().unwrap();
    })
    .await;

    // Act
    let page = get(&app, "/ui/dev/admin/users").await;
    let script = get(&app, "/ui/app.js").await;

    // Assert
    assert_eq!(
        frame_ancestors(&page),
        "'self' https://portal.example.com",
        "the deep link's page"
    );
    assert_eq!(
        frame_ancestors(&script),
        "'self' https://portal.example.com"
    );
}

#[tokio::test]
async fn the_binary_refuses_frame_ancestors_that_would_add_a_directive() {
    // Act
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kestra-admin-sandbox"))
        .args([
            "--frame-ancestors",
            "'self'; script-src *",
            "--db",
            "unused.db",
        ])
        .output()
        .unwrap();

    // Assert
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--frame-ancestors"), "{stderr}");
    assert!(stderr.contains("is not a CSP source"), "{stderr}");
}

#[tokio::test]
async fn the_portal_is_served_at_portal_with_the_consoles_rules() {
    // Arrange
    let console = SiteDir::new("console");
    let portal = SiteDir::new("portal");
    let app = spawn_app_with(|s| {
        s.ui_dir = Some(console.path().into());
        s.portal_dir = Some(portal.path().into());
    })
    .await;

    // Act
    let index = get(&app, "/portal/").await;
    let deep_link = get(&app, "/portal/teams/data/members").await;
    let script = get(&app, "/portal/app.js").await;
    let missing = get(&app, "/portal/gone-1234.js").await;
    let escape = get(&app, "/portal/..%2F..%2Fetc%2Fpasswd").await;
    let bare = get(&app, "/portal").await;
    let console_page = get(&app, "/ui/").await;

    // Assert
    assert_eq!(index.status(), StatusCode::OK);
    assert_eq!(frame_ancestors(&index), "'self'");
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert_eq!(index.headers()["x-content-type-options"], "nosniff");
    assert!(index.text().await.unwrap().contains("portal page"));
    assert_eq!(deep_link.status(), StatusCode::OK);
    assert!(deep_link.text().await.unwrap().contains("portal page"));
    assert_eq!(script.status(), StatusCode::OK);
    assert_eq!(
        script.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert!(script.text().await.unwrap().contains("portal script"));
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(escape.status(), StatusCode::NOT_FOUND);
    assert_eq!(bare.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(bare.headers()["location"], "/portal/");
    assert!(console_page.text().await.unwrap().contains("console page"));
}

#[tokio::test]
async fn without_portal_dir_there_is_no_portal() {
    // Arrange
    let console = SiteDir::new("console");
    let app = spawn_app_with(|s| s.ui_dir = Some(console.path().into())).await;

    // Act
    let res = get(&app, "/portal/").await;

    // Assert
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// A GET that does not follow redirects, so a test sees them.
async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
        .get(format!("{}{path}", app.url))
        .send()
        .await
        .unwrap()
}

/// The sources of the `frame-ancestors` directive of the response's content security policy.
fn frame_ancestors(res: &reqwest::Response) -> String {
    let policy = res.headers()["content-security-policy"].to_str().unwrap();
    policy
        .split(';')
        .map(str::trim)
        .find_map(|directive| directive.strip_prefix("frame-ancestors "))
        .unwrap_or_else(|| panic!("no frame-ancestors in {policy}"))
        .to_owned()
}

/// A built site in the temp directory: an `index.html` and an `app.js` naming `what`; removed
/// when dropped.
struct SiteDir(PathBuf);

impl SiteDir {
    fn new(what: &str) -> SiteDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!(
            "kestra-sandbox-{what}-{}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            format!("<!doctype html><title>{what} page</title>"),
        )
        .unwrap();
        std::fs::write(dir.join("app.js"), format!("// {what} script")).unwrap();
        SiteDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for SiteDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
