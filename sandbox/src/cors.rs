//! Cross-origin requests: lets a console served from another origin (a portal, the browser
//! test runner) call the API, for the origins `--cors-allow-origin` names and no others.
//!
//! Kestra itself does this with Micronaut's `micronaut.server.cors` settings. Credentials go in
//! the `Authorization` header, never in cookies, so `Access-Control-Allow-Credentials` is not
//! needed; the allowed origin is echoed (never `*`) so caches keep answers per origin.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_MAX_AGE, ORIGIN, VARY,
};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

const ALLOWED_METHODS: &str = "GET, POST, PUT, PATCH, DELETE";
const ALLOWED_HEADERS: &str = "Authorization, Content-Type, Accept";

/// The allowed origins; empty allows none (same-origin only).
#[derive(Clone, Debug)]
pub struct Cors {
    origins: Vec<String>,
}

impl Cors {
    pub fn new(origins: Vec<String>) -> Cors {
        let origins = origins
            .into_iter()
            .map(|o| o.trim().trim_end_matches('/').to_string())
            .collect();
        Cors { origins }
    }

    fn allows(&self, origin: &str) -> bool {
        self.origins
            .iter()
            .any(|allowed| allowed == "*" || allowed == origin)
    }

    /// Answers preflights for allowed origins and marks their other answers as readable.
    pub async fn handle(self, request: Request, next: Next) -> Response {
        let origin = request
            .headers()
            .get(ORIGIN)
            .and_then(|o| o.to_str().ok())
            .filter(|o| self.allows(o))
            .and_then(|o| HeaderValue::from_str(o).ok());
        let Some(origin) = origin else {
            return next.run(request).await;
        };
        let preflight = request.method() == Method::OPTIONS
            && request
                .headers()
                .contains_key("access-control-request-method");
        let mut response = if preflight {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::NO_CONTENT;
            let headers = response.headers_mut();
            headers.insert(
                ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOWED_METHODS),
            );
            headers.insert(
                ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOWED_HEADERS),
            );
            headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
            response
        } else {
            next.run(request).await
        };
        let headers = response.headers_mut();
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.append(VARY, HeaderValue::from_static("Origin"));
        response
    }
}
