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
//!
//! Served as a browser should get them: a file's `NAME.br` or `NAME.gz` sibling, made once when
//! the console was built (`xtask/src/spa.rs`), is sent instead of it to a browser whose
//! `Accept-Encoding` takes it (`Vary: Accept-Encoding`). Content-hashed files (trunk's
//! `name-<hash>.wasm/.js/.css`) may be cached for a year as they are (`immutable`): a new build
//! has new names. Every other file, `index.html` for deep links included, is `no-cache` with an
//! `ETag`, so a browser asks again each time and gets a bodiless 304 while it is unchanged.
//! Files on disk are served by tower-http's `ServeDir` (negotiation, ranges, streaming); the
//! embedded ones by the few lines of [`from_embedded`].

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, ETAG,
    HeaderMap, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH, IF_RANGE, IF_UNMODIFIED_SINCE,
    LAST_MODIFIED, RANGE, VARY,
};
use axum::http::{Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use sha2::{Digest, Sha256};
use tower_http::services::ServeDir;

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
    /// Files built into the binary: `(path with / separators, bytes)`, sorted by path, the
    /// `.br` and `.gz` siblings among them.
    #[cfg(feature = "embedded-ui")]
    Embedded(&'static [(&'static str, &'static [u8])]),
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

async fn site_index(State(site): State<Arc<Site>>, request: HeaderMap) -> Response {
    serve(&site, "", &request).await
}

async fn site_file(
    State(site): State<Arc<Site>>,
    UrlPath(path): UrlPath<String>,
    request: HeaderMap,
) -> Response {
    serve(&site, &path, &request).await
}

async fn serve(site: &Site, path: &str, request: &HeaderMap) -> Response {
    let Some(path) = clean(path) else {
        return Error::not_found("Not Found").into_response();
    };
    let found = match &site.files {
        Files::Dir(dir) => from_dir(dir, &path, request).await,
        #[cfg(feature = "embedded-ui")]
        Files::Embedded(files) => Ok(from_embedded(files, &path, request)),
    };
    let (served, mut res) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return Error::not_found("Not Found").into_response(),
        Err(err) => return read_error(&path, err),
    };
    let hashed = is_content_hashed(&served);
    let ok = res.status().is_success();
    let headers = res.headers_mut();
    if ok {
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static(content_type(&served)),
        );
    }
    headers.insert("content-security-policy", site.csp.clone());
    headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    if hashed {
        headers.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        );
        return res;
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    let unchanged = headers
        .get(ETAG)
        .is_some_and(|etag| if_none_match(request, etag));
    if res.status() == StatusCode::OK && unchanged {
        return not_modified(&res);
    }
    res
}

/// The file at `path` in `dir` (or its precompressed sibling), else `index.html` unless `path`
/// names an asset; with the file served. The `ETag` of a file that is not content-hashed comes
/// from what `ServeDir` reports of it: modification time, length and encoding.
async fn from_dir(
    dir: &Path,
    path: &Path,
    request: &HeaderMap,
) -> std::io::Result<Option<(PathBuf, Response)>> {
    let res = serve_dir(dir, path, request).await?;
    if res.status() != StatusCode::NOT_FOUND {
        return Ok(Some((path.to_owned(), res)));
    }
    if is_asset(path) {
        return Ok(None);
    }
    let index = PathBuf::from("index.html");
    let res = serve_dir(dir, &index, request).await?;
    Ok((res.status() != StatusCode::NOT_FOUND).then_some((index, res)))
}

async fn serve_dir(dir: &Path, path: &Path, request: &HeaderMap) -> std::io::Result<Response> {
    let hashed = is_content_hashed(path);
    // Content-hashed files keep every conditional and range header (ServeDir answers them by
    // date); the others are revalidated by ETag alone, here.
    let forwarded: &[_] = if hashed {
        &[
            ACCEPT_ENCODING,
            RANGE,
            IF_RANGE,
            IF_MODIFIED_SINCE,
            IF_UNMODIFIED_SINCE,
        ]
    } else {
        &[ACCEPT_ENCODING]
    };
    let mut uri = String::new();
    for part in path.iter() {
        uri.push('/');
        uri.extend(percent_encoding::utf8_percent_encode(
            &part.to_string_lossy(),
            percent_encoding::NON_ALPHANUMERIC,
        ));
    }
    if uri.is_empty() {
        uri.push('/');
    }
    let mut builder = Request::get(uri);
    for name in forwarded {
        for value in request.get_all(name) {
            builder = builder.header(name, value);
        }
    }
    let req = builder.body(Body::empty()).map_err(std::io::Error::other)?;
    let res = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
        .try_call(req)
        .await?;
    let mut res = res.map(Body::new);
    if !hashed && res.status() == StatusCode::OK {
        let mut version = Sha256::new();
        for name in [LAST_MODIFIED, CONTENT_LENGTH, CONTENT_ENCODING] {
            let value = res.headers().get(name);
            version.update(value.map_or(&b""[..], HeaderValue::as_bytes));
            version.update(b"\n");
        }
        res.headers_mut().insert(ETAG, etag(&version.finalize()));
    }
    Ok(res)
}

/// Like [`from_dir`] over the embedded files; the `ETag` is the served bytes' digest.
#[cfg(any(feature = "embedded-ui", test))]
fn from_embedded(
    files: &'static [(&'static str, &'static [u8])],
    path: &Path,
    request: &HeaderMap,
) -> Option<(PathBuf, Response)> {
    let find = |key: &str| {
        files
            .binary_search_by(|(name, _)| (*name).cmp(key))
            .ok()
            .map(|i| files[i].1)
    };
    let key = |path: &Path| {
        let parts: Vec<&str> = path.iter().filter_map(|part| part.to_str()).collect();
        parts.join("/")
    };
    let (served, identity) = match find(&key(path)) {
        Some(bytes) => (path.to_owned(), bytes),
        None if is_asset(path) => return None,
        None => (PathBuf::from("index.html"), find("index.html")?),
    };
    let served_key = key(&served);
    let (coding, bytes) = [("br", "br"), ("gzip", "gz")]
        .into_iter()
        .filter(|(coding, _)| accepts(request, coding))
        .find_map(|(coding, suffix)| {
            find(&format!("{served_key}.{suffix}")).map(|bytes| (Some(coding), bytes))
        })
        .unwrap_or((None, identity));
    let mut res = axum::body::Bytes::from_static(bytes).into_response();
    let headers = res.headers_mut();
    if let Some(coding) = coding {
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    if !is_content_hashed(&served) {
        headers.insert(ETAG, etag(&Sha256::digest(bytes)));
    }
    Some((served, res))
}

/// Whether `Accept-Encoding` takes `coding` (named, with no `q=0`).
#[cfg(any(feature = "embedded-ui", test))]
fn accepts(request: &HeaderMap, coding: &str) -> bool {
    request
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let named = parts
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case(coding));
            named
                && parts.all(|param| {
                    param
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_none_or(|q| q > 0.0)
                })
        })
}

/// A strong entity tag from a digest.
fn etag(digest: &[u8]) -> HeaderValue {
    let hex: String = digest[..10].iter().map(|b| format!("{b:02x}")).collect();
    HeaderValue::from_str(&format!("\"{hex}\"")).expect("hex is header-safe")
}

/// Whether `If-None-Match` names `etag` (or is `*`); weak comparison, as RFC 9110 asks.
fn if_none_match(request: &HeaderMap, etag: &HeaderValue) -> bool {
    let etag = etag.as_bytes();
    request
        .get_all(IF_NONE_MATCH)
        .iter()
        .flat_map(|value| value.as_bytes().split(|b| *b == b','))
        .map(|tag| tag.trim_ascii())
        .any(|tag| tag == b"*" || tag.strip_prefix(b"W/").unwrap_or(tag) == etag)
}

/// A bodiless 304 with the headers of `res` a cache needs to refresh its copy.
fn not_modified(res: &Response) -> Response {
    let mut out = StatusCode::NOT_MODIFIED.into_response();
    for name in [ETAG, CACHE_CONTROL, VARY] {
        if let Some(value) = res.headers().get(&name) {
            out.headers_mut().insert(name, value.clone());
        }
    }
    if let Some(csp) = res.headers().get("content-security-policy") {
        out.headers_mut()
            .insert("content-security-policy", csp.clone());
    }
    out
}

/// Whether the file is named after its content (`name-<hex hash>.ext`, `name-<hash>_bg.wasm`),
/// so that the bytes at this URL never change. The release build (`xtask/src/spa.rs`) writes 16
/// hex digits; trunk writes the hash with `{:x}`: up to 16, fewer when it starts with zeros.
fn is_content_hashed(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && (8..=16).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
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
    "json", "txt", "br", "gz",
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

    #[test]
    fn only_hashed_names_are_immutable() {
        for name in [
            "kestra-admin-5f3a9c0d12e4b6a7.js",
            "kestra-admin-5f3a9c0d12e4b6a7_bg.wasm",
            "kestra-admin-5f3a9c0d12e4b6a7_bg.wasm.br",
            "main-a9c0d12e4b6a7.css",
            // The split release build's loader, areas and shared code.
            "__wasm_split-5f3a9c0d12e4b6a7.js",
            "split_groups_and_roles-5f3a9c0d12e4b6a7.wasm",
            "chunk_3-5f3a9c0d12e4b6a7.wasm.gz",
        ] {
            assert!(is_content_hashed(Path::new(name)), "{name}");
        }
        for name in [
            "index.html",
            "embed.js",
            "favicon.svg",
            "kestra-admin.js",
            "dev/admin/users",
            "-5f3a9c0d12e4b6a7.js",
            "app-5F3A9C0D12E4B6A7.js",
        ] {
            assert!(!is_content_hashed(Path::new(name)), "{name}");
        }
    }

    fn asking(accept_encoding: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_ENCODING, accept_encoding.parse().unwrap());
        headers
    }

    #[test]
    fn accept_encoding_names_a_coding_unless_its_quality_is_zero() {
        assert!(accepts(&asking("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&asking("BR;q=0.5"), "br"));
        assert!(!accepts(&asking("gzip, br;q=0"), "br"));
        assert!(!accepts(&asking("gzip"), "br"));
        assert!(!accepts(&HeaderMap::new(), "gzip"));
    }

    static EMBEDDED: &[(&str, &[u8])] = &[
        ("app-0123456789abcdef_bg.wasm", b"wasm"),
        ("app-0123456789abcdef_bg.wasm.br", b"wasm in brotli"),
        ("app-0123456789abcdef_bg.wasm.gz", b"wasm in gzip"),
        ("index.html", b"page"),
        ("index.html.gz", b"page in gzip"),
    ];

    async fn embedded(path: &str, headers: &HeaderMap) -> (PathBuf, Option<String>, Vec<u8>) {
        let (served, res) = from_embedded(EMBEDDED, Path::new(path), headers).unwrap();
        let coding = res
            .headers()
            .get(CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap().to_owned());
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        (served, coding, body.to_vec())
    }

    #[tokio::test]
    async fn the_embedded_console_sends_the_variant_the_browser_takes() {
        let wasm = "app-0123456789abcdef_bg.wasm";
        let (_, coding, body) = embedded(wasm, &asking("gzip, br")).await;
        assert_eq!(
            (coding.as_deref(), &body[..]),
            (Some("br"), &b"wasm in brotli"[..])
        );
        let (_, coding, body) = embedded(wasm, &asking("gzip")).await;
        assert_eq!(
            (coding.as_deref(), &body[..]),
            (Some("gzip"), &b"wasm in gzip"[..])
        );
        let (_, coding, body) = embedded(wasm, &HeaderMap::new()).await;
        assert_eq!((coding, &body[..]), (None, &b"wasm"[..]));
        // index.html has no brotli sibling: gzip, then identity.
        let (served, coding, body) = embedded("dev/admin/users", &asking("br, gzip")).await;
        assert_eq!(served, PathBuf::from("index.html"));
        assert_eq!(
            (coding.as_deref(), &body[..]),
            (Some("gzip"), &b"page in gzip"[..])
        );
        assert!(
            from_embedded(
                EMBEDDED,
                Path::new("gone-0123456789abcdef.js"),
                &HeaderMap::new()
            )
            .is_none()
        );
    }
}
