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

/// A release console as `xtask/src/spa.rs` leaves it: a content-hashed wasm, an
/// `index.html` and an `embed.js`, each with its brotli and gzip siblings.
const WASM: &str = "kestra-admin-5f3a9c0d12e4b6a7_bg.wasm";

fn built_console() -> (SiteDir, Vec<u8>) {
    let console = SiteDir::new("console");
    let wasm: Vec<u8> = (0..50_000u32)
        .flat_map(|i| (i % 251).to_le_bytes())
        .collect();
    console.precompressed(WASM, &wasm);
    console.precompressed(
        "index.html",
        b"<!doctype html><title>console page</title><body>console page, compressed</body>",
    );
    console.precompressed("embed.js", b"// the loader a portal uses, compressed too");
    (console, wasm)
}

#[tokio::test]
async fn the_wasm_comes_back_in_the_encoding_the_browser_accepts() {
    // Arrange
    let (console, wasm) = built_console();
    let app = spawn_app_with(|s| s.ui_dir = Some(console.path().into())).await;
    let path = format!("/ui/{WASM}");

    for (accept, coding) in [
        (Some("gzip, deflate, br, zstd"), Some("br")),
        (Some("br"), Some("br")),
        (Some("gzip"), Some("gzip")),
        (Some("gzip, br;q=0"), Some("gzip")),
        (None, None),
    ] {
        // Act
        let headers: Vec<(&str, &str)> =
            accept.map(|a| ("accept-encoding", a)).into_iter().collect();
        let res = get_with(&app, &path, &headers).await;

        // Assert
        assert_eq!(res.status(), StatusCode::OK, "{accept:?}");
        assert_eq!(
            res.headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            coding,
            "{accept:?}"
        );
        assert_eq!(res.headers()["content-type"], "application/wasm");
        assert_eq!(res.headers()["vary"], "accept-encoding");
        assert_eq!(
            res.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(frame_ancestors(&res), "'self'");
        let body = res.bytes().await.unwrap();
        assert_eq!(decoded(coding, &body), wasm, "{accept:?}");
    }
}

#[tokio::test]
async fn index_html_and_embed_js_are_revalidated_by_etag() {
    // Arrange
    let (console, _) = built_console();
    let app = spawn_app_with(|s| s.ui_dir = Some(console.path().into())).await;

    for (path, accept) in [
        ("/ui/", "br, gzip"),
        ("/ui/", ""),
        ("/ui/dev/admin/users", "br, gzip"),
        ("/ui/embed.js", "gzip"),
        ("/ui/embed.js", ""),
    ] {
        // Act
        let first = get_with(&app, path, &[("accept-encoding", accept)]).await;
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        let again = get_with(
            &app,
            path,
            &[("accept-encoding", accept), ("if-none-match", &etag)],
        )
        .await;
        let weakly = get_with(
            &app,
            path,
            &[
                ("accept-encoding", accept),
                ("if-none-match", &format!("\"other\", W/{etag}")),
            ],
        )
        .await;
        let stale = get_with(
            &app,
            path,
            &[("accept-encoding", accept), ("if-none-match", "\"other\"")],
        )
        .await;

        // Assert
        let case = format!("{path} with Accept-Encoding {accept:?}");
        assert_eq!(first.status(), StatusCode::OK, "{case}");
        assert_eq!(first.headers()["cache-control"], "no-cache", "{case}");
        assert_eq!(first.headers()["vary"], "accept-encoding", "{case}");
        assert!(
            etag.starts_with('"') && etag.ends_with('"'),
            "{case}: {etag}"
        );
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{case}");
        assert_eq!(again.headers()["etag"], etag.as_str(), "{case}");
        assert_eq!(again.headers()["cache-control"], "no-cache", "{case}");
        assert!(again.bytes().await.unwrap().is_empty(), "{case}");
        assert_eq!(weakly.status(), StatusCode::NOT_MODIFIED, "{case}");
        assert_eq!(stale.status(), StatusCode::OK, "{case}");
        let coding = first
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_owned());
        let expected_coding = match accept {
            "" => None,
            a if a.starts_with("br") => Some("br"),
            _ => Some("gzip"),
        };
        assert_eq!(coding.as_deref(), expected_coding, "{case}");
        let file = if path.ends_with(".js") {
            "embed.js"
        } else {
            "index.html"
        };
        let body = first.bytes().await.unwrap();
        assert_eq!(
            decoded(coding.as_deref(), &body),
            std::fs::read(console.path().join(file)).unwrap(),
            "{case}"
        );
    }
}

#[tokio::test]
async fn each_encoding_of_a_page_has_its_own_etag_and_a_new_build_a_new_one() {
    // Arrange
    let (console, _) = built_console();
    let app = spawn_app_with(|s| s.ui_dir = Some(console.path().into())).await;
    let etag = |res: &reqwest::Response| res.headers()["etag"].to_str().unwrap().to_owned();

    // Act
    let brotli = etag(&get_with(&app, "/ui/", &[("accept-encoding", "br")]).await);
    let gzip = etag(&get_with(&app, "/ui/", &[("accept-encoding", "gzip")]).await);
    let identity = etag(&get(&app, "/ui/").await);
    std::fs::write(
        console.path().join("index.html"),
        "<!doctype html><title>console page</title><body>the next build</body>",
    )
    .unwrap();
    let rebuilt = get_with(&app, "/ui/", &[("if-none-match", &identity)]).await;

    // Assert
    assert_ne!(brotli, gzip);
    assert_ne!(brotli, identity);
    assert_ne!(gzip, identity);
    assert_eq!(rebuilt.status(), StatusCode::OK);
    assert_ne!(etag(&rebuilt), identity);
    assert!(rebuilt.text().await.unwrap().contains("the next build"));
}

#[tokio::test]
async fn a_missing_asset_is_still_a_404_and_a_client_route_still_the_page() {
    // Arrange
    let (console, _) = built_console();
    let app = spawn_app_with(|s| s.ui_dir = Some(console.path().into())).await;

    // Act
    let missing = get_with(
        &app,
        "/ui/kestra-admin-0000000000000000_bg.wasm",
        &[("accept-encoding", "br")],
    )
    .await;
    let missing_variant = get(&app, "/ui/gone.js.br").await;
    let route = get(&app, "/ui/dev/admin/users").await;

    // Assert
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(missing_variant.status(), StatusCode::NOT_FOUND);
    assert_eq!(route.status(), StatusCode::OK);
    assert_eq!(route.headers()["content-type"], "text/html; charset=utf-8");
    assert!(
        route
            .text()
            .await
            .unwrap()
            .contains("console page, compressed")
    );
}

/// `body` decoded from `coding` (`None`: as it is).
fn decoded(coding: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match coding {
        None => out.extend_from_slice(body),
        Some("br") => {
            brotli::BrotliDecompress(&mut &body[..], &mut out).unwrap();
        }
        Some("gzip") => {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(body), &mut out).unwrap();
        }
        Some(other) => panic!("unexpected coding {other}"),
    }
    out
}

/// A GET that does not follow redirects, so a test sees them.
async fn get(app: &TestApp, path: &str) -> reqwest::Response {
    get_with(app, path, &[]).await
}

/// [`get`] with request headers (an empty value leaves the header out).
async fn get_with(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = reqwest::Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
        .get(format!("{}{path}", app.url));
    for (name, value) in headers.iter().filter(|(_, v)| !v.is_empty()) {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
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

    /// Writes `name` and, as the console's build does, `name.br` and `name.gz`.
    fn precompressed(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join(name), bytes).unwrap();
        let mut brotli = Vec::new();
        let params = brotli::enc::BrotliEncoderParams::default();
        brotli::BrotliCompress(&mut &bytes[..], &mut brotli, &params).unwrap();
        std::fs::write(self.0.join(format!("{name}.br")), brotli).unwrap();
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gzip, bytes).unwrap();
        std::fs::write(self.0.join(format!("{name}.gz")), gzip.finish().unwrap()).unwrap();
    }
}

impl Drop for SiteDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
