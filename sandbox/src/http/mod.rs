//! The HTTP API: the router, the request middleware, and the extractors every handler shares.
//!
//! Each resource module owns its routes (`router()`), request and response types and handlers.
//! A handler parses the request, checks that the caller may make it, calls the store and shapes
//! the answer: the queries that only shape an answer stay inline, but every write, and every
//! rule shared with the seed, the command line or sign-in, is a `store` function. Paths are
//! Kestra's, in full, so a module reads like the contract. Nothing outside `http` but `lib.rs`
//! imports it (`cargo test -p xtask` checks).

use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::header::{CONTENT_LENGTH, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use kestra_model::error::{ErrorLinks, Link};
use serde::de::DeserializeOwned;

use crate::error::{Error, InternalCause, PendingErrorBody, Result};
use crate::json::parse_json;
use crate::state::AppState;

/// API tokens of users and service accounts.
mod api_tokens;
/// `/api/v1/{tenant}/auditlogs/...` and `/api/v1/auditlogs/...`: reading the audit trail.
mod audit_logs;
/// `/api/v1/{tenant}/bindings`: roles given to users and groups.
mod bindings;
/// `GET /api/v1/configs`: what kind of server this is; no sign-in needed.
mod configs;
/// `/api/v1/{tenant}/groups`: groups and their members.
mod groups;
/// `GET /health`: for probes; no sign-in needed.
mod health;
/// Invitations to join a tenant, and accepting them.
mod invitations;
/// Paging a tenant's small lists (groups, roles, invitations, service accounts) in SQL.
mod listing;
/// `/api/v1/me`: the signed-in user and the tenants they may use.
mod me;
/// `/api/v1/{tenant}/namespaces`: namespaces bindings can be limited to.
mod namespaces;
/// Paging the lists that can hold every person of the instance in SQL rather than in memory.
mod people;
/// `/api/v1/{tenant}/roles` and the permission catalogue.
mod roles;
/// Service accounts, instance-wide and per tenant.
mod service_accounts;
/// `/api/v1/{tenant}/tenant-access`: who may use a tenant.
mod tenant_access;
/// `/api/v1/tenants`: instance-level tenant management.
mod tenants;
/// `/api/v1/users`: every person of the instance.
mod users;
/// `GET /api/v1/{tenant}/worker-selectors/tags`: the tags worker selectors can name.
mod worker_selectors;

/// The whole application: the API, the console at `/ui/`, and the shared middleware.
pub fn app(state: AppState) -> Router {
    let ui = crate::ui::router(&state);
    let implicit_tenant = state.inner.implicit_tenant();
    let cors = crate::cors::Cors::new(state.inner.cors_allow_origins.clone());
    let routes = Router::new()
        .merge(api_tokens::router())
        .merge(audit_logs::router())
        .merge(configs::router())
        .merge(health::router())
        .merge(me::router())
        .merge(tenants::router())
        .merge(users::router())
        .merge(service_accounts::router())
        .merge(groups::router())
        .merge(roles::router())
        .merge(bindings::router())
        .merge(invitations::router())
        .merge(namespaces::router())
        .merge(tenant_access::router())
        .merge(worker_selectors::router())
        .merge(ui)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state);
    // The tenant-less paths are rewritten before routing, so they go through an outer router
    // whose only route is the inner one; its layers run first, and log the original path.
    let routes = match implicit_tenant {
        None => routes,
        Some(tenant) => Router::new()
            .fallback_service(routes)
            .layer(middleware::from_fn(
                move |mut req: Request, next: Next| async move {
                    if let Some(uri) = with_tenant(req.uri(), tenant) {
                        *req.uri_mut() = uri;
                    }
                    next.run(req).await
                },
            )),
    };
    routes
        .layer(middleware::from_fn(finish_response))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            cors.clone().handle(req, next)
        }))
}

/// The first path segments after `/api/v1/` that are tenant-scoped resources. Without
/// multi-tenancy, or with the default tenant, Kestra serves them without a tenant segment.
pub const TENANT_SCOPED: &[&str] = &[
    "groups",
    "roles",
    "bindings",
    "invitations",
    "tenant-access",
    "namespaces",
    "acls",
];

/// `/api/v1/groups/search?q=x` as `/api/v1/{tenant}/groups/search?q=x`; `None` for any other
/// path (`/api/v1/{tenant}/users/{id}/groups` is the one tenant path under `users`).
fn with_tenant(uri: &axum::http::Uri, tenant: &str) -> Option<axum::http::Uri> {
    let rest = uri.path().strip_prefix("/api/v1/")?;
    let first = rest.split('/').next()?;
    let is_user_groups = {
        let parts: Vec<&str> = rest.split('/').collect();
        parts.len() == 3 && parts[0] == "users" && parts[2] == "groups"
    };
    if !TENANT_SCOPED.contains(&first) && !is_user_groups {
        return None;
    }
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    format!("/api/v1/{tenant}/{rest}{query}").parse().ok()
}

async fn not_found() -> Error {
    Error::not_found("Not Found")
}

async fn method_not_allowed() -> Error {
    Error::MethodNotAllowed
}

/// Writes error bodies (with the request path as `_links.self.href`), logs internal errors, sets
/// the headers every response carries, and logs one line per request. The line names the
/// method, the path without its query string (which can hold emails and search text), the
/// status and the duration.
async fn finish_response(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;

    if let Some(PendingErrorBody(mut body)) = res.extensions_mut().remove::<PendingErrorBody>() {
        body.links = Some(ErrorLinks {
            self_link: Link {
                href: path.clone(),
                templated: false,
            },
        });
        match serde_json::to_vec(&body) {
            Ok(bytes) => {
                res.headers_mut().remove(CONTENT_LENGTH);
                *res.body_mut() = Body::from(bytes);
            }
            Err(err) => tracing::error!("encoding an error body: {err}"),
        }
    }
    if let Some(InternalCause(err)) = res.extensions().get::<InternalCause>() {
        tracing::error!("{method} {path} failed: {err:#}");
    }
    let headers = res.headers_mut();
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));

    tracing::info!(
        "{method} {path} {} {}ms",
        res.status().as_u16(),
        started.elapsed().as_millis()
    );
    res
}

/// A JSON request body whose rejections are Kestra's 422 naming the field (malformed JSON, a
/// missing required field, a wrong type, an unknown enum value). Unknown fields are ignored, as
/// Kestra's Jackson setup does.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| Error::BadRequest(rejection.body_text()))?;
        parse_json(&bytes).map(JsonBody)
    }
}
