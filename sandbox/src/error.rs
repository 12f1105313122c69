//! The one error type of every handler, and how it becomes Kestra's error body.
//!
//! Kestra answers every error with Micronaut's `JsonError` (`kestra_model::ErrorBody`): a
//! `message`, `_links.self.href` (the request path) and, for validation errors,
//! `_embedded.errors[]` of `{message, path}`. An error does not know the request path, so
//! `IntoResponse` attaches the body to the response and the request middleware in `http`
//! fills in the path, writes the body, and logs internal errors. The conversion itself has no
//! side effects.

use std::sync::Arc;

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kestra_model::{ErrorBody, FieldError};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 400: the query string or path cannot be understood (bad `page`, `sort`, `filters`).
    #[error("{0}")]
    BadRequest(String),
    /// 401: no credentials, or credentials that match no user or token.
    #[error("Unauthorized")]
    Unauthorized,
    /// 403: the caller is known but may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// 404: no such tenant, user, group, ... (or no such route).
    #[error("{0}")]
    NotFound(String),
    /// 405: the path exists but not with this method.
    #[error("Method Not Allowed")]
    MethodNotAllowed,
    /// 409: a duplicate id or name, or a state that forbids the change.
    #[error("{0}")]
    Conflict(String),
    /// 422: the body is not a valid entity (bad JSON, wrong type, unknown enum value, or a
    /// field that breaks a rule); each entry names the offending field.
    #[error("Invalid entity: {}", describe(.0))]
    Invalid(Vec<FieldError>),
    /// 500: anything else. Logged in full; the client only reads "Something went wrong".
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl Error {
    /// A 422 for one field.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error::Invalid(vec![field_error(path, message)])
    }

    pub fn not_found(what: impl Into<String>) -> Error {
        Error::NotFound(what.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// One entry of a 422's `_embedded.errors`: what is wrong with the field at `path`.
pub fn field_error(path: impl Into<String>, message: impl Into<String>) -> FieldError {
    FieldError {
        message: message.into(),
        path: Some(path.into()),
    }
}

fn describe(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| match &e.path {
            Some(path) => format!("{path}: {}", e.message),
            None => e.message.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Error {
        Error::Internal(err.into())
    }
}

/// The error body waiting for its `_links.self.href`; see the module comment.
#[derive(Clone)]
pub(crate) struct PendingErrorBody(pub ErrorBody);

/// The cause of a 500, for the request log only.
#[derive(Clone)]
pub(crate) struct InternalCause(pub Arc<anyhow::Error>);

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let (message, errors) = match &self {
            Error::Internal(_) => ("Something went wrong".to_owned(), Vec::new()),
            Error::Invalid(errors) => (self.to_string(), errors.clone()),
            other => (other.to_string(), Vec::new()),
        };
        let body = ErrorBody::new(message, "", errors);
        let mut response = (status, Json(body.clone())).into_response();
        response.extensions_mut().insert(PendingErrorBody(body));
        if let Error::Internal(err) = self {
            response
                .extensions_mut()
                .insert(InternalCause(Arc::new(err)));
        }
        response
    }
}

/// Maps a unique or primary-key violation to a domain error at the query that can cause it
/// (realworld-axum-sqlx's `on_constraint`, by SQLite's constraint message, `table.column`).
pub trait ResultExt<T> {
    fn on_unique(self, column: &str, to: impl FnOnce() -> Error) -> Result<T>;
}

impl<T, E: Into<Error>> ResultExt<T> for std::result::Result<T, E> {
    fn on_unique(self, column: &str, to: impl FnOnce() -> Error) -> Result<T> {
        self.map_err(|err| match err.into() {
            Error::Internal(inner) => match inner.downcast_ref::<rusqlite::Error>() {
                Some(rusqlite::Error::SqliteFailure(code, Some(msg)))
                    if code.code == rusqlite::ErrorCode::ConstraintViolation
                        && msg.starts_with("UNIQUE constraint failed")
                        && msg.contains(column) =>
                {
                    to()
                }
                _ => Error::Internal(inner),
            },
            other => other,
        })
    }
}
