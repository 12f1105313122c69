//! Short notices after an action ("Group created", "Could not delete: ..."), announced to
//! screen readers and dismissed automatically or by the user.

use leptos::prelude::*;

/// How long a success stays on screen; errors stay twice as long.
const SHOW_MS: u64 = 5000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Success,
    Error,
}

#[derive(Clone)]
struct Toast {
    id: u32,
    kind: Kind,
    message: String,
}

/// The app's toasts, shared through context (`provide_context(Toasts::new())`).
#[derive(Clone, Copy)]
pub struct Toasts {
    items: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u32>,
}

impl Toasts {
    pub fn new() -> Toasts {
        Toasts {
            items: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    /// Tells the user something worked.
    pub fn success(self, message: impl Into<String>) {
        self.push(Kind::Success, message.into());
    }

    /// Tells the user something failed, and why.
    pub fn error(self, message: impl Into<String>) {
        self.push(Kind::Error, message.into());
    }

    fn push(self, kind: Kind, message: String) {
        self.next_id.update_value(|n| *n += 1);
        let id = self.next_id.get_value();
        self.items
            .update(|items| items.push(Toast { id, kind, message }));
        let ms = if kind == Kind::Error {
            SHOW_MS * 2
        } else {
            SHOW_MS
        };
        set_timeout(
            move || self.dismiss(id),
            std::time::Duration::from_millis(ms),
        );
    }

    fn dismiss(self, id: u32) {
        self.items.try_update(|items| items.retain(|t| t.id != id));
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Toasts::new()
    }
}

/// The toasts provided by `App`.
pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where toasts appear (bottom right), as a polite live region.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" role="status" aria-live="polite">
            <For each=move || toasts.items.get() key=|t| t.id let(toast)>
                <div class="toast" class:error=toast.kind == Kind::Error>
                    <span>{toast.message.clone()}</span>
                    <button type="button" class="ghost" aria-label="Dismiss" on:click=move |_| toasts.dismiss(toast.id)>"×"</button>
                </div>
            </For>
        </div>
    }
}
