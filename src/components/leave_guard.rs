//! Asks before edits that are not saved are left behind: a click on a link of the console, a
//! tenant switch, or a reload or closed tab while a form holds changes.
//!
//! Forms say what they hold with [`use_unsaved_edits`]; the [`LeaveGuard`], mounted once in
//! the router, watches links and the browser's unload and asks "Leave without saving?" with
//! what would be lost. Saving (or a form that is not shown any more) clears it. Links are caught
//! in the capture phase on the document, before the router's own listener on the window, which
//! leaves a click whose default was prevented alone.

use std::sync::atomic::{AtomicU64, Ordering};

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::components::confirm_dialog::ConfirmDialog;

/// The forms on screen that may hold unsaved edits, and where the user asked to go.
#[derive(Clone, Copy)]
pub struct UnsavedEdits {
    /// Each form: its id, what it edits ("this role"), and whether it holds changes now.
    forms: RwSignal<Vec<(u64, &'static str, Signal<bool>)>>,
    /// The path (with the router's base) the user asked for while edits were unsaved.
    leaving_to: RwSignal<Option<String>>,
}

impl UnsavedEdits {
    pub fn new() -> UnsavedEdits {
        UnsavedEdits {
            forms: RwSignal::new(Vec::new()),
            leaving_to: RwSignal::new(None),
        }
    }

    /// What unsaved edits would be lost ("this role"), if any.
    fn at_stake(&self) -> Option<&'static str> {
        self.forms.with_untracked(|forms| {
            forms
                .iter()
                .find(|(_, _, dirty)| dirty.get_untracked())
                .map(|(_, what, _)| *what)
        })
    }

    /// Whether the console may go to `path` (with the router's base) now; when edits would be
    /// lost it asks first, and goes there itself if the user agrees.
    pub fn may_leave_for(&self, path: String) -> bool {
        let free = self.at_stake().is_none();
        if !free {
            self.leaving_to.set(Some(path));
        }
        free
    }
}

impl Default for UnsavedEdits {
    fn default() -> Self {
        UnsavedEdits::new()
    }
}

/// Registers the calling form while it is shown: `dirty` says whether it holds changes that
/// are not saved, `what` names them ("this role", "the new group").
pub fn use_unsaved_edits(what: &'static str, dirty: Signal<bool>) {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let Some(edits) = use_context::<UnsavedEdits>() else {
        return;
    };
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    edits.forms.update(|forms| forms.push((id, what, dirty)));
    on_cleanup(move || {
        edits
            .forms
            .try_update(|forms| forms.retain(|(form, ..)| *form != id));
    });
}

/// The unsaved edits of the page, as provided by the app.
pub fn use_leave_guard() -> UnsavedEdits {
    expect_context::<UnsavedEdits>()
}

/// Watches links and the unload while a form holds changes, and asks before leaving.
#[component]
pub fn LeaveGuard() -> impl IntoView {
    let edits = use_leave_guard();
    let navigate = use_navigate();
    catch_links(edits);
    let _unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if edits.at_stake().is_some() {
            // The browser asks in its own words; the text is not shown any more.
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });
    // The dialog shows while a destination waits; closing it (Stay, Escape) forgets it. Each
    // side is set only when it differs, or the two effects would wake each other forever.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        let asked = edits.leaving_to.with(Option::is_some);
        if open.get_untracked() != asked {
            open.set(asked);
        }
    });
    Effect::new(move |_| {
        if !open.get() && edits.leaving_to.with_untracked(Option::is_some) {
            edits.leaving_to.set(None);
        }
    });
    let message = Signal::derive(move || {
        edits.leaving_to.track();
        let what = edits.at_stake().unwrap_or("this page");
        format!("Your changes to {what} are not saved. Leaving loses them.")
    });
    view! {
        <ConfirmDialog open=open title="Leave without saving?" message=message
            confirm_label="Leave and lose changes" cancel_label="Stay on this page"
            on_confirm=Callback::new(move |()| {
                let Some(path) = edits.leaving_to.get_untracked() else { return };
                // The form goes with the page; until then it must not ask again.
                edits.forms.update(|forms| forms.clear());
                open.set(false);
                navigate(&path, NavigateOptions { resolve: false, ..Default::default() });
            })/>
    }
}

/// Stops a click on a console link while edits are unsaved, and asks instead. The listener
/// lives as long as the console, which mounts the guard once.
fn catch_links(edits: UnsavedEdits) {
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if edits.at_stake().is_none() || ev.default_prevented() || !plain_click(&ev) {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        else {
            return;
        };
        if !link.target().is_empty() || link.has_attribute("download") {
            return;
        }
        let location = window().location();
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if link.origin() != location.origin().unwrap_or_default()
            || format!("{}{}", link.pathname(), link.search()) == here
        {
            return;
        }
        ev.prevent_default();
        edits.leaving_to.set(Some(format!(
            "{}{}{}",
            link.pathname(),
            link.search(),
            link.hash()
        )));
    });
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}

/// A left click without a modifier: the others open a new tab or window, which loses nothing.
fn plain_click(ev: &web_sys::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key())
}
