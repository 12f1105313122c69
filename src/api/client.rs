//! Sends requests to Kestra's API: base URL, tenant prefix, credentials, JSON in and out, and
//! error decoding are written here once, so resource modules only name paths and types.

use std::cell::RefCell;
use std::rc::Rc;

pub use gloo_net::http::Method;
use gloo_net::http::{RequestBuilder, Response};
use leptos::prelude::{RwSignal, Update};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::url::{Scope, api_url};
use super::{ApiError, Credentials};
use crate::config::RuntimeConfig;

/// For requests without a body.
pub const NO_BODY: Option<&()> = None;

struct ClientState {
    api_base: String,
    multi_tenancy: bool,
    credentials: Option<Credentials>,
    in_flight: Option<RwSignal<usize>>,
    on_unauthorized: Option<Rc<dyn Fn()>>,
}

thread_local! {
    // The browser runs the console on one thread; the state lives as long as the page.
    static STATE: RefCell<ClientState> = const {
        RefCell::new(ClientState {
            api_base: String::new(),
            multi_tenancy: true,
            credentials: None,
            in_flight: None,
            on_unauthorized: None,
        })
    };
}

/// Sets the API base URL from the runtime configuration; called once at start-up.
pub fn configure(config: &RuntimeConfig) {
    STATE.with_borrow_mut(|s| s.api_base = config.api_base.clone());
}

/// Whether tenant-scoped paths carry the tenant segment (from `/api/v1/configs`).
pub fn set_multi_tenancy(enabled: bool) {
    STATE.with_borrow_mut(|s| s.multi_tenancy = enabled);
}

/// The credentials every later request is sent with; `None` after sign-out.
pub fn set_credentials(credentials: Option<Credentials>) {
    STATE.with_borrow_mut(|s| s.credentials = credentials);
}

/// The credentials requests are sent with now, if any.
pub fn credentials() -> Option<Credentials> {
    STATE.with_borrow(|s| s.credentials.clone())
}

/// A signal counting requests in flight, for the loading bar.
pub fn track_in_flight(counter: RwSignal<usize>) {
    STATE.with_borrow_mut(|s| s.in_flight = Some(counter));
}

/// What to do when the server refuses the session's credentials (401): the shell sends the
/// user to sign-in and back. Not called for `get_as`, whose credentials are being checked.
pub fn on_unauthorized(handler: impl Fn() + 'static) {
    STATE.with_borrow_mut(|s| s.on_unauthorized = Some(Rc::new(handler)));
}

/// The full URL of an API path.
pub fn url(scope: Scope<'_>, segments: &[&str], query: &[(String, String)]) -> String {
    STATE.with_borrow(|s| api_url(&s.api_base, s.multi_tenancy, scope, segments, query))
}

/// An instance-level URL: `/api/v1/<segments>`.
pub fn instance(segments: &[&str]) -> String {
    url(Scope::Instance, segments, &[])
}

/// A tenant-level URL: `/api/v1/<tenant>/<segments>`.
pub fn tenant(tenant: &str, segments: &[&str]) -> String {
    url(Scope::Tenant(tenant), segments, &[])
}

/// `GET` a JSON document with the session's credentials.
pub async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    send(Method::GET, url, NO_BODY).await
}

/// `GET` a JSON document that may not exist: `Ok(None)` on 404.
pub async fn get_optional<T: DeserializeOwned>(url: &str) -> Result<Option<T>, ApiError> {
    match get(url).await {
        Ok(value) => Ok(Some(value)),
        Err(ApiError::NotFound(_)) => Ok(None),
        Err(error) => Err(error),
    }
}

/// `GET` with explicit credentials, before they become the session's (sign-in checks them).
pub async fn get_as<T: DeserializeOwned>(
    url: &str,
    credentials: &Credentials,
) -> Result<T, ApiError> {
    let response = fetch(Method::GET, url, NO_BODY, Some(credentials)).await?;
    decode(response).await
}

/// Sends a request with an optional JSON body and decodes the JSON answer.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: Method,
    url: &str,
    body: Option<&B>,
) -> Result<T, ApiError> {
    decode(fetch(method, url, body, None).await?).await
}

/// [`send`] with explicit credentials instead of the session's (sign-in uses the password it
/// is checking to ask for the tab's own token).
pub async fn send_as<B: Serialize, T: DeserializeOwned>(
    method: Method,
    url: &str,
    body: Option<&B>,
    credentials: &Credentials,
) -> Result<T, ApiError> {
    decode(fetch(method, url, body, Some(credentials)).await?).await
}

/// [`send_empty`] with explicit credentials (sign-out revokes the tab's token with itself,
/// after the session has forgotten it).
pub async fn send_empty_as<B: Serialize>(
    method: Method,
    url: &str,
    body: Option<&B>,
    credentials: &Credentials,
) -> Result<u16, ApiError> {
    Ok(fetch(method, url, body, Some(credentials)).await?.status())
}

/// Sends a request whose answer has no body worth reading; returns the HTTP status (some
/// endpoints say different things with 201 and 204).
pub async fn send_empty<B: Serialize>(
    method: Method,
    url: &str,
    body: Option<&B>,
) -> Result<u16, ApiError> {
    Ok(fetch(method, url, body, None).await?.status())
}

/// `GET` a text document (a CSV export) with the session's credentials, asking for `accept`.
pub async fn get_text(url: &str, accept: &str) -> Result<String, ApiError> {
    fetch_accepting(Method::GET, url, NO_BODY, None, accept)
        .await?
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

async fn fetch<B: Serialize>(
    method: Method,
    url: &str,
    body: Option<&B>,
    credentials: Option<&Credentials>,
) -> Result<Response, ApiError> {
    fetch_accepting(method, url, body, credentials, "application/json").await
}

async fn fetch_accepting<B: Serialize>(
    method: Method,
    url: &str,
    body: Option<&B>,
    credentials: Option<&Credentials>,
    accept: &str,
) -> Result<Response, ApiError> {
    let _in_flight = InFlight::start();
    let authorization = credentials
        .map(Credentials::authorization)
        .or_else(|| STATE.with_borrow(|s| s.credentials.as_ref().map(Credentials::authorization)));
    let mut builder = RequestBuilder::new(url)
        .method(method)
        .header("Accept", accept);
    if let Some(value) = &authorization {
        builder = builder.header("Authorization", value);
    }
    let request = match body {
        Some(body) => builder
            .json(body)
            .map_err(|e| ApiError::Decode(e.to_string()))?,
        None => builder
            .build()
            .map_err(|e| ApiError::Network(e.to_string()))?,
    };
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if response.ok() {
        return Ok(response);
    }
    if response.status() == 401 && credentials.is_none() {
        // Cloned out first: the handler may itself change the client's state (sign-out).
        if let Some(handler) = STATE.with_borrow(|s| s.on_unauthorized.clone()) {
            handler();
        }
    }
    let text = response.text().await.unwrap_or_default();
    Err(ApiError::from_response(response.status(), &text))
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    serde_json::from_str(&text).map_err(|e| ApiError::Decode(e.to_string()))
}

/// Counts one request in flight for as long as it lives, even when its future is dropped
/// half-way (a navigation made it obsolete).
struct InFlight(Option<RwSignal<usize>>);

impl InFlight {
    fn start() -> InFlight {
        let counter = STATE.with_borrow(|s| s.in_flight);
        if let Some(counter) = counter {
            counter.update(|n| *n += 1);
        }
        InFlight(counter)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(counter) = self.0 {
            counter.try_update(|n| *n = n.saturating_sub(1));
        }
    }
}
