//! Static sites: the built console at `/ui/` (`--ui-dir`, or the copy built into the binary
//! with the `embedded-ui` feature) and a host portal at `/portal/` (`--portal-dir`), so a
//! portal that embeds the console shares its origin with the API.
//!
//! Both follow one set of rules. Files are served as they are; any other path under the mount
//! gets the site's `index.html`, so deep links and reloads work (both route in the browser). A
//! missing asset (a path ending in a known asset extension) is a plain 404 instead, so a stale
//! page fails loudly rather than receiving HTML for its script. `/ui` and `/portal` redirect to
//! the path with a slash, and `/` to the console. Responses carry a content security policy
//! that allows only this origin, plus the inline module script and WebAssembly compilation
//! trunk's output needs; who may frame the pages is `--frame-ancestors`.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::error::Error;
use crate::settings::FrameAncestors;
use crate::state::AppState;

pub fn router(state: &AppState) -> Router<AppState> {
    let inner = &state.inner;
    let csp = content_security_policy(&inner.frame_ancestors);
    let mut router = Router::new();
    if let Some(console) = console_files(inner.ui_dir.as_ref()) {
        router = router
            .route("/", get(|| async { Redirect::temporary("/ui/") }))
            .merge(site("/ui", console, csp.clone()));
    }
    if let Some(dir) = &inner.portal_dir {
        router = router.merge(site("/portal", Files::Dir(dir.clone()), csp));
    }
    router
}

/// `--ui-dir` if given, else the embedded console if this build has one.
fn console_files(ui_dir: Option<&PathBuf>) -> Option<Files> {
    match ui_dir {
        Some(dir) => Some(Files::Dir(dir.clone())),
        #[cfg(feature = "embedded-ui")]
        None => Some(Files::Embedded(embedded::FILES)),
        #[cfg(not(feature = "embedded-ui"))]
        None => None,
    }
}

#[cfg(feature = "embedded-ui")]
mod embedded {
    //! The console `build.rs` embedded: `(path, bytes)`, sorted by path.
    include!(concat!(env!("OUT_DIR"), "/embedded_ui.rs"));
}

/// The policy of every page the sandbox serves. `frame-ancestors` is the deployment's choice;
/// the rest allows this origin only.
fn content_security_policy(frame_ancestors: &FrameAncestors) -> HeaderValue {
    let policy = format!(
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         frame-ancestors {frame_ancestors}; base-uri 'self'; form-action 'self'; object-src 'none'"
    );
    HeaderValue::from_str(&policy).expect("FrameAncestors admits only header-safe characters")
}

/// Where a site's files come from.
#[derive(Clone)]
enum Files {
    /// A directory on disk, read at each request (a rebuilt console shows without a restart).
    Dir(PathBuf),
    /// Files built into the binary: `(path with / separators, bytes)`, sorted by path.
    #[cfg(feature = "embedded-ui")]
    Embedded(&'static [(&'static str, &'static [u8])]),
}

impl Files {
    /// The file at `path` (relative, already checked by [`clean`]), or `None` if there is none.
    async fn get(&self, path: &Path) -> std::io::Result<Option<Bytes>> {
        match self {
            Files::Dir(dir) => {
                let file = dir.join(path);
                let is_file = tokio::fs::metadata(&file).await.is_ok_and(|m| m.is_file());
                if !is_file {
                    return Ok(None);
                }
                match tokio::fs::read(&file).await {
                    Ok(bytes) => Ok(Some(bytes.into())),
                    // Deleted between the two calls: as absent as it gets.
                    Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(err) => Err(err),
                }
            }
            #[cfg(feature = "embedded-ui")]
            Files::Embedded(files) => {
                let key: Vec<&str> = path.iter().filter_map(|part| part.to_str()).collect();
                let key = key.join("/");
                Ok(files
                    .binary_search_by(|(name, _)| (*name).cmp(key.as_str()))
                    .ok()
                    .map(|i| Bytes::from_static(files[i].1)))
            }
        }
    }
}

/// One mounted site.
struct Site {
    files: Files,
    csp: HeaderValue,
}

/// `{mount}` (redirect), `{mount}/` and everything below it.
fn site(mount: &str, files: Files, csp: HeaderValue) -> Router<AppState> {
    let with_slash = format!("{mount}/");
    let redirect_to = with_slash.clone();
    Router::new()
        .route(
            mount,
            get(move || async move { Redirect::permanent(&redirect_to) }),
        )
        .route(&with_slash, get(site_index))
        .route(&format!("{mount}/{{*path}}"), get(site_file))
        .with_state(Arc::new(Site { files, csp }))
}

async fn site_index(State(site): State<Arc<Site>>) -> Response {
    serve(&site, "").await
}

async fn site_file(State(site): State<Arc<Site>>, UrlPath(path): UrlPath<String>) -> Response {
    serve(&site, &path).await
}

async fn serve(site: &Site, path: &str) -> Response {
    let Some(path) = clean(path) else {
        return Error::not_found("Not Found").into_response();
    };
    let found = match site.files.get(&path).await {
        Ok(Some(bytes)) => Some((path, bytes)),
        Ok(None) if is_asset(&path) => None,
        Ok(None) => {
            let index = PathBuf::from("index.html");
            match site.files.get(&index).await {
                Ok(bytes) => bytes.map(|bytes| (index, bytes)),
                Err(err) => return read_error(&index, err),
            }
        }
        Err(err) => return read_error(&path, err),
    };
    let Some((served, bytes)) = found else {
        return Error::not_found("Not Found").into_response();
    };
    let mut res = bytes.into_response();
    let headers = res.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(content_type(&served)),
    );
    headers.insert("content-security-policy", site.csp.clone());
    if served.file_name().is_some_and(|n| n == "index.html") {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    res
}

fn read_error(path: &Path, err: std::io::Error) -> Response {
    Error::Internal(anyhow::anyhow!("reading {}: {err}", path.display())).into_response()
}

/// `path` as a relative path inside the site, or `None` when it tries to leave it (`..`,
/// absolute paths).
fn clean(path: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(out)
}

const ASSET_EXTENSIONS: &[&str] = &[
    "js", "mjs", "wasm", "css", "map", "png", "svg", "ico", "jpg", "jpeg", "webp", "woff", "woff2",
    "json", "txt",
];

fn is_asset(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ASSET_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        assert_eq!(clean("a/b.js"), Some(PathBuf::from("a/b.js")));
        assert_eq!(clean("../etc/passwd"), None);
        assert_eq!(clean("a/../../x"), None);
        assert_eq!(clean("/etc/passwd"), None);
    }

    #[test]
    fn deep_links_are_not_assets_but_scripts_are() {
        assert!(is_asset(Path::new("kestra-admin-abc123.js")));
        assert!(is_asset(Path::new("x_bg.wasm")));
        assert!(!is_asset(Path::new("dev/users/42")));
        assert!(!is_asset(Path::new("dev/namespaces/company.team")));
    }
}
