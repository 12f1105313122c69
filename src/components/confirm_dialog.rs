//! Asks before anything destructive, naming what will be lost. A native modal `<dialog>`:
//! focus stays inside, Escape cancels.

use leptos::html;
use leptos::prelude::*;

/// A confirmation dialog, shown while `open` is true.
#[component]
pub fn ConfirmDialog(
    /// Whether the dialog is shown; set to false on cancel.
    open: RwSignal<bool>,
    /// The question, e.g. "Delete group “Ops”?".
    #[prop(into)]
    title: Signal<String>,
    /// What happens if the user confirms.
    #[prop(into)]
    message: Signal<String>,
    /// The confirm button's text, e.g. "Delete group".
    #[prop(into)]
    confirm_label: Signal<String>,
    /// The button that closes the dialog without acting ("Cancel" unless given).
    #[prop(optional, into)]
    cancel_label: MaybeProp<String>,
    /// When set, the user must type this text before confirming (for the most destructive actions).
    #[prop(optional, into)]
    require_typing: MaybeProp<String>,
    /// True while the confirmed action runs.
    #[prop(optional, into)]
    pending: Signal<bool>,
    /// Called when the user confirms.
    on_confirm: Callback<()>,
    /// More to show under the message (what a restore would change).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    // Unique per dialog: a page may hold several (delete, restore).
    let title_id = format!("confirm-title-{}", next_id());
    let labelled_by = title_id.clone();
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        let Some(dialog) = dialog.get() else { return };
        if open.get() {
            typed.set(String::new());
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        } else if dialog.open() {
            dialog.close();
        }
    });
    let typed_ok = move || {
        require_typing
            .get()
            .is_none_or(|expected| typed.get() == expected)
    };
    view! {
        <dialog node_ref=dialog class="confirm" aria-labelledby=labelled_by
            on:close=move |_| open.set(false)>
            <form method="dialog" on:submit=move |ev| {
                ev.prevent_default();
                if typed_ok() { on_confirm.run(()) }
            }>
                <h2 id=title_id>{move || title.get()}</h2>
                <p>{move || message.get()}</p>
                {children.map(|children| children())}
                {move || require_typing.get().map(|expected| view! {
                    <label class="field">
                        {format!("Type {expected} to confirm")}
                        <input type="text" autocomplete="off" bind:value=typed/>
                    </label>
                })}
                <div class="actions">
                    <button type="button" on:click=move |_| open.set(false)>
                        {move || cancel_label.get().unwrap_or_else(|| "Cancel".into())}
                    </button>
                    <button type="submit" class="danger" disabled=move || !typed_ok() || pending.get()>
                        {move || confirm_label.get()}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

fn next_id() -> u32 {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
