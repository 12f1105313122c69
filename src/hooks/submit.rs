//! The one way a page sends a change: run the request, keep the form as it is when it fails,
//! and tell the user the outcome in a toast ("User saved", "Could not save the user: ...").

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::toasts::use_toasts;

/// What a failure toasts.
#[derive(Clone, Copy)]
pub enum OnFailure {
    /// Nothing: the form shows every failure itself.
    FormShows,
    /// "Could not <what>: <reason>", unless `shown_by_form` says the form shows this one next
    /// to a field.
    Toast {
        what: &'static str,
        shown_by_form: fn(&ApiError) -> bool,
    },
}

impl OnFailure {
    /// Toasts every failure as "Could not <what>: <reason>".
    pub const fn toast(what: &'static str) -> OnFailure {
        OnFailure::Toast {
            what,
            shown_by_form: |_| false,
        }
    }

    /// Toasts failures except field errors (`422`), which the form shows next to the field.
    pub const fn toast_unless_invalid(what: &'static str) -> OnFailure {
        OnFailure::Toast {
            what,
            shown_by_form: |error| matches!(error, ApiError::Invalid { .. }),
        }
    }

    /// Toasts failures except field errors (`422`) and conflicts (`409`: the name is taken),
    /// which the form shows next to its name field.
    pub const fn toast_unless_named(what: &'static str) -> OnFailure {
        OnFailure::Toast {
            what,
            shown_by_form: |error| {
                matches!(error, ApiError::Invalid { .. } | ApiError::Conflict(_))
            },
        }
    }

    /// The toast for `error`, if any.
    pub fn message(self, error: &ApiError) -> Option<String> {
        match self {
            OnFailure::Toast {
                what,
                shown_by_form,
            } if !shown_by_form(error) => {
                Some(format!("Could not {what}: {}", error.user_message()))
            }
            _ => None,
        }
    }
}

/// An action sending `send(input)`; once it succeeds, `done(value)` does what follows (refresh,
/// navigate) and returns the success toast. The form's signals are left alone either way, so a
/// failure loses nothing the user typed; `action.value()` holds the error for the form.
pub fn use_submit<I, T, Fut>(
    send: impl Fn(&I) -> Fut + 'static,
    done: impl Fn(T) -> String + 'static,
    on_failure: OnFailure,
) -> Action<I, Result<T, ApiError>>
where
    I: 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let toasts = use_toasts();
    let action = Action::new_local(send);
    Effect::new(move |_| match action.value().get() {
        Some(Ok(value)) => toasts.success(done(value)),
        Some(Err(error)) => {
            if let Some(message) = on_failure.message(&error) {
                toasts.error(message);
            }
        }
        None => {}
    });
    action
}

/// A destructive action behind a confirm dialog: `open` shows the dialog, `action` runs once the
/// user confirms, and the dialog closes on either outcome.
pub struct Confirmed<I: 'static> {
    pub open: RwSignal<bool>,
    pub action: Action<I, Result<(), ApiError>>,
}

impl<I: 'static> Clone for Confirmed<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: 'static> Copy for Confirmed<I> {}

/// "Confirm, then delete, then go on": `open` is the dialog's state (the page's, so it can look
/// something up while the dialog shows, e.g. who still holds a role); `done()` runs after a
/// success (go back to the list, or load it again) and returns the toast; a failure toasts
/// `failure(error)`.
pub fn use_confirmed<I, Fut>(
    open: RwSignal<bool>,
    send: impl Fn(&I) -> Fut + 'static,
    done: impl Fn() -> String + 'static,
    failure: impl Fn(ApiError) -> String + 'static,
) -> Confirmed<I>
where
    I: 'static,
    Fut: Future<Output = Result<(), ApiError>> + 'static,
{
    let toasts = use_toasts();
    let action = Action::new_local(send);
    Effect::new(move |_| {
        let Some(outcome) = action.value().get() else {
            return;
        };
        open.set(false);
        match outcome {
            Ok(()) => toasts.success(done()),
            Err(error) => toasts.error(failure(error)),
        }
    });
    Confirmed { open, action }
}

/// The usual failure toast of [`use_confirmed`]: "Could not <what>: <reason>".
pub fn could_not(what: &'static str) -> impl Fn(ApiError) -> String {
    move |error| format!("Could not {what}: {}", error.user_message())
}
