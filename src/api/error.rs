//! `ApiError`: every way a request can fail, each with a sentence a person can act on.

use kestra_model::{ErrorBody, FieldError};

/// A failed API call, decoded from the HTTP status and Kestra's `JsonError` body.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// 401: no credentials, wrong credentials, or an expired token.
    Unauthorized,
    /// 403: signed in, but not allowed to do this.
    Forbidden(String),
    /// 404: the thing (or the tenant) does not exist.
    NotFound(String),
    /// 409: a duplicate id or an illegal state.
    Conflict(String),
    /// 400 or 422: the request was refused as invalid; `fields` name the offending inputs.
    Invalid {
        message: String,
        fields: Vec<FieldError>,
    },
    /// 5xx or any other unexpected status.
    Server { status: u16, message: String },
    /// The server could not be reached at all.
    Network(String),
    /// The server answered with something that is not what Kestra sends.
    Decode(String),
}

impl ApiError {
    /// Maps a non-2xx response to an error, reading Kestra's error body when there is one.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        let parsed: Option<ErrorBody> = serde_json::from_str(body).ok();
        let message = parsed
            .as_ref()
            .map(|b| b.message.clone())
            .unwrap_or_default();
        match status {
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden(message),
            404 => ApiError::NotFound(message),
            409 => ApiError::Conflict(message),
            400 | 422 => ApiError::Invalid {
                fields: parsed
                    .map(|b| b.field_errors().to_vec())
                    .unwrap_or_default(),
                message,
            },
            _ => ApiError::Server { status, message },
        }
    }

    /// The sentence shown to the user.
    pub fn user_message(&self) -> String {
        let or = |message: &str, fallback: &str| {
            if message.trim().is_empty() {
                fallback.to_string()
            } else {
                message.to_string()
            }
        };
        match self {
            ApiError::Unauthorized => "Your session has expired or the credentials are wrong. Please sign in again.".into(),
            ApiError::Forbidden(m) => forbidden(m),
            ApiError::NotFound(m) => or(m, "This item does not exist (any more)."),
            ApiError::Conflict(m) => or(m, "This conflicts with something that already exists."),
            ApiError::Invalid { message, fields } => match (message.trim(), fields.as_slice()) {
                ("", [first, ..]) => first.message.clone(),
                ("", []) => "The server refused the input as invalid.".into(),
                (m, _) => m.to_string(),
            },
            ApiError::Server { status, .. } => {
                format!("The server failed to answer (HTTP {status}). Try again in a moment.")
            }
            ApiError::Network(_) => {
                "The server cannot be reached. Check your connection and try again.".into()
            }
            ApiError::Decode(_) => {
                "The server sent an answer this console does not understand. Is it a Kestra Enterprise server?".into()
            }
        }
    }

    /// What to show next to the field that names the item (its email or name): a 409 says the
    /// name is taken, which belongs there as much as the field's own validation message.
    pub fn naming_field_message(&self, field: &str) -> Option<String> {
        match self {
            ApiError::Conflict(_) => Some(self.user_message()),
            other => other.field_message(field),
        }
    }

    /// The server's message for one input field, for display next to that field.
    pub fn field_message(&self, field: &str) -> Option<String> {
        let ApiError::Invalid { fields, .. } = self else {
            return None;
        };
        fields
            .iter()
            .find(|f| {
                f.path
                    .as_deref()
                    .is_some_and(|p| p == field || p.ends_with(&format!(".{field}")))
            })
            .map(|f| f.message.clone())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.user_message())
    }
}

impl std::error::Error for ApiError {}

/// A 403 in words: what is missing (Kestra says `Missing permission GROUP:UPDATE in tenant
/// 'prod'`) and who can give it.
fn forbidden(message: &str) -> String {
    const WHO: &str = "An admin of this tenant can give you a role that allows it.";
    let missing = message
        .trim()
        .strip_prefix("Missing permission ")
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|permission| permission.split_once(':'));
    match missing {
        Some((resource, action)) => format!(
            "You may not {} {} here (it needs the {resource}:{action} permission). {WHO}",
            action.to_lowercase().replace('_', " "),
            plural(&resource.to_lowercase().replace('_', " ")),
        ),
        None if message.trim().is_empty() => {
            format!("You do not have permission to do this. {WHO}")
        }
        None => format!("{} {WHO}", message.trim()),
    }
}

/// "group" → "groups", "tenant access" → "tenant access" (uncountable words stay).
fn plural(noun: &str) -> String {
    match noun {
        n if n.ends_with("access") || n.ends_with('s') || n == "kv store" => n.to_string(),
        n => format!("{n}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVALID: &str = r#"{"message":"Invalid entity: name: must not be blank",
        "_embedded":{"errors":[{"message":"must not be blank","path":"create.request.name"}]}}"#;

    #[test]
    fn statuses_map_to_their_kind() {
        assert_eq!(ApiError::from_response(401, ""), ApiError::Unauthorized);
        assert!(matches!(
            ApiError::from_response(403, "{}"),
            ApiError::Forbidden(_)
        ));
        assert!(matches!(
            ApiError::from_response(404, "not json"),
            ApiError::NotFound(_)
        ));
        assert!(matches!(
            ApiError::from_response(409, ""),
            ApiError::Conflict(_)
        ));
        assert!(matches!(
            ApiError::from_response(400, ""),
            ApiError::Invalid { .. }
        ));
        assert!(matches!(
            ApiError::from_response(502, ""),
            ApiError::Server { status: 502, .. }
        ));
    }

    #[test]
    fn validation_errors_name_their_field() {
        let error = ApiError::from_response(422, INVALID);
        assert_eq!(
            error.field_message("name").as_deref(),
            Some("must not be blank")
        );
        assert_eq!(error.field_message("email"), None);
        assert!(error.user_message().contains("must not be blank"));
    }

    #[test]
    fn a_taken_name_is_shown_at_the_naming_field() {
        let taken = ApiError::Conflict("This email is already used.".into());
        assert_eq!(
            taken.naming_field_message("email").as_deref(),
            Some(taken.user_message().as_str())
        );
        let invalid = ApiError::from_response(422, INVALID);
        assert_eq!(
            invalid.naming_field_message("name").as_deref(),
            Some("must not be blank")
        );
        assert_eq!(ApiError::Unauthorized.naming_field_message("name"), None);
    }

    #[test]
    fn the_servers_message_wins_and_a_generic_sentence_fills_in() {
        let conflict = ApiError::from_response(409, r#"{"message":"Group 'ops' already exists"}"#);
        assert_eq!(conflict.user_message(), "Group 'ops' already exists");
        assert!(
            ApiError::from_response(403, "")
                .user_message()
                .starts_with("You do not have permission to do this.")
        );
    }

    #[test]
    fn a_refusal_says_what_is_missing_and_who_can_give_it() {
        let refused = ApiError::Forbidden(
            "Missing permission SERVICE_ACCOUNT:UPDATE in tenant 'prod'".into(),
        );
        assert_eq!(
            refused.user_message(),
            "You may not update service accounts here (it needs the SERVICE_ACCOUNT:UPDATE \
             permission). An admin of this tenant can give you a role that allows it."
        );
        let access = ApiError::Forbidden("Missing permission TENANT_ACCESS:DELETE".into());
        assert!(
            access
                .user_message()
                .starts_with("You may not delete tenant access here")
        );
    }

    #[test]
    fn server_faults_do_not_leak_internals() {
        let error = ApiError::from_response(500, r#"{"message":"NullPointerException at ..."}"#);
        assert!(!error.user_message().contains("NullPointer"));
    }
}
