//! The built console at `/ui/`, when `--ui-dir` names one.
//!
//! Files are served as they are; any other path under `/ui/` gets `index.html`, so deep links
//! and reloads work (the console routes in the browser). A missing asset (a path ending in a
//! known asset extension) is a plain 404 instead, so a stale page fails loudly rather than
//! receiving HTML for its script. `/` and `/ui` redirect to `/ui/`. Console responses carry a
//! content security policy that allows only this origin, plus the inline module script and
//! WebAssembly compilation trunk's output needs.

use std::path::{Component, Path, PathBuf};

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use crate::error::Error;
use crate::state::AppState;

const CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'";

pub fn router(state: &AppState) -> Router<AppState> {
    if state.inner.ui_dir.is_none() {
        return Router::new();
    }
    Router::new()
        .route("/", get(|| async { Redirect::temporary("/ui/") }))
        .route("/ui", get(|| async { Redirect::permanent("/ui/") }))
        .route("/ui/", get(ui_index))
        .route("/ui/{*path}", get(ui_file))
}

async fn ui_index(State(state): State<AppState>) -> Response {
    serve(&state, "").await
}

async fn ui_file(State(state): State<AppState>, UrlPath(path): UrlPath<String>) -> Response {
    serve(&state, &path).await
}

async fn serve(state: &AppState, path: &str) -> Response {
    let Some(dir) = &state.inner.ui_dir else {
        return Error::not_found("Not Found").into_response();
    };
    let Some(file) = resolve(dir, path) else {
        return Error::not_found("Not Found").into_response();
    };
    let is_file = tokio::fs::metadata(&file)
        .await
        .map(|m| m.is_file())
        .unwrap_or(false);
    let target = if is_file {
        file
    } else if is_asset(path) {
        return Error::not_found("Not Found").into_response();
    } else {
        dir.join("index.html")
    };
    match tokio::fs::read(&target).await {
        Ok(bytes) => {
            let mut res = bytes.into_response();
            let headers = res.headers_mut();
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static(content_type(&target)),
            );
            headers.insert("content-security-policy", HeaderValue::from_static(CSP));
            if target.file_name().is_some_and(|n| n == "index.html") {
                headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            }
            res
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            Error::not_found("Not Found").into_response()
        }
        Err(err) => {
            Error::Internal(anyhow::anyhow!("reading {}: {err}", target.display())).into_response()
        }
    }
}

/// `dir` joined with `path`, or `None` when `path` tries to leave `dir` (`..`, absolute paths).
fn resolve(dir: &Path, path: &str) -> Option<PathBuf> {
    let mut out = dir.to_path_buf();
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

fn is_asset(path: &str) -> bool {
    Path::new(path)
        .extension()
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
    fn paths_cannot_leave_the_ui_dir() {
        let dir = Path::new("/srv/dist");
        assert_eq!(
            resolve(dir, "a/b.js"),
            Some(PathBuf::from("/srv/dist/a/b.js"))
        );
        assert_eq!(resolve(dir, "../etc/passwd"), None);
        assert_eq!(resolve(dir, "a/../../x"), None);
        assert_eq!(resolve(dir, "/etc/passwd"), None);
    }

    #[test]
    fn deep_links_are_not_assets_but_scripts_are() {
        assert!(is_asset("kestra-admin-abc123.js"));
        assert!(is_asset("x_bg.wasm"));
        assert!(!is_asset("dev/users/42"));
        assert!(!is_asset("dev/namespaces/company.team"));
    }
}
