//! Whether a form holds edits that are not saved, for the leave guard
//! (`components::leave_guard`): what the form would send now, compared with what it was loaded
//! with or last saved.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::leave_guard::use_unsaved_edits;

/// Registers the form while it is shown, as editing `what` ("this role"). `current` builds
/// what the form would send; a submit that ends (`pending` back to false) without an `error`
/// makes that the saved state. Returns whether the form holds unsaved edits.
pub fn track_unsaved<T>(
    what: &'static str,
    current: impl Fn() -> T + Send + Sync + 'static,
    pending: Signal<bool>,
    error: Signal<Option<ApiError>>,
) -> Signal<bool>
where
    T: PartialEq + Clone + Send + Sync + 'static,
{
    let saved = RwSignal::new(untrack(&current));
    let current = Memo::new(move |_| current());
    Effect::new(move |was_pending: Option<bool>| {
        let pending = pending.get();
        if was_pending == Some(true) && !pending && error.get_untracked().is_none() {
            saved.set(current.get_untracked());
        }
        pending
    });
    let dirty = Signal::derive(move || current.with(|now| saved.with(|then| now != then)));
    use_unsaved_edits(what, dirty);
    dirty
}

/// [`track_unsaved`] for a form that sends what `current` builds with `action` (the
/// [`use_submit`](crate::hooks::submit::use_submit) action): saved once the action succeeds.
pub fn track_unsaved_action<T, O>(
    what: &'static str,
    current: impl Fn() -> T + Send + Sync + 'static,
    action: Action<T, Result<O, ApiError>>,
) -> Signal<bool>
where
    T: PartialEq + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    track_unsaved(what, current, action.pending().into(), error)
}
