//! A change explained field by field: what was added, removed or changed, a role's
//! permissions as actions gained and lost per resource, a group's members as people who
//! joined, left or got another membership. It renders an `audit_diff::Diff` and computes
//! nothing itself. Every value is shown as text.

use kestra_model::audit_diff::{ChangeKind, Diff, show};
use leptos::prelude::*;

/// The lines of one change.
#[component]
pub fn DiffView(
    /// The change.
    diff: Diff,
    /// What to call a member: a name for a user id, when the page knows one.
    #[prop(optional)]
    member_name: Option<Callback<String, String>>,
) -> impl IntoView {
    let name = move |id: &str| match member_name {
        Some(lookup) => lookup.run(id.to_string()),
        None => id.to_string(),
    };
    let mut lines: Vec<(Mark, String)> = Vec::new();
    for change in &diff.permissions {
        for action in &change.gained {
            lines.push((
                Mark::Added,
                format!("{action} on {} added", change.resource),
            ));
        }
        for action in &change.lost {
            lines.push((
                Mark::Removed,
                format!("{action} on {} removed", change.resource),
            ));
        }
    }
    for member in &diff.members {
        let who = name(&member.user);
        let role = |m: &str| m.to_lowercase();
        lines.push(match (&member.before, &member.after) {
            (None, Some(after)) => (Mark::Added, format!("{who} added as {}", role(after))),
            (Some(before), None) => (
                Mark::Removed,
                format!("{who} removed (was {})", role(before)),
            ),
            (Some(before), Some(after)) => (
                Mark::Changed,
                format!("{who}: {} → {}", role(before), role(after)),
            ),
            (None, None) => continue,
        });
    }
    for field in &diff.fields {
        let label = field.label();
        match &field.kind {
            ChangeKind::Added(value) => {
                lines.push((Mark::Added, format!("{label}: {}", quoted(value))))
            }
            ChangeKind::Removed(value) => lines.push((
                Mark::Removed,
                format!("{label} removed (was {})", quoted(value)),
            )),
            ChangeKind::Changed { before, after } => lines.push((
                Mark::Changed,
                format!("{label}: {} → {}", quoted(before), quoted(after)),
            )),
            ChangeKind::Items { gained, lost } => {
                for value in gained {
                    lines.push((Mark::Added, format!("{} added to {label}", quoted(value))));
                }
                for value in lost {
                    lines.push((
                        Mark::Removed,
                        format!("{} removed from {label}", quoted(value)),
                    ));
                }
            }
        }
    }
    let heading = match (diff.created, diff.deleted) {
        (true, _) => Some("Created with:"),
        (_, true) => Some("Deleted; it had:"),
        _ => None,
    };
    let empty = lines.is_empty();
    view! {
        <div class="diff">
            {heading.map(|h| view! { <p class="diff-note">{h}</p> })}
            {empty.then(|| view! { <p class="muted">"No visible change."</p> })}
            <ul class="diff-lines">
                {lines.into_iter().map(|(mark, text)| view! {
                    <li class=mark.class()>
                        <span class="diff-mark" aria-hidden="true">{mark.symbol()}</span>
                        {text}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[derive(Clone, Copy)]
enum Mark {
    Added,
    Removed,
    Changed,
}

impl Mark {
    fn class(self) -> &'static str {
        match self {
            Mark::Added => "diff-added",
            Mark::Removed => "diff-removed",
            Mark::Changed => "diff-changed",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Mark::Added => "+",
            Mark::Removed => "−",
            Mark::Changed => "~",
        }
    }
}

/// A value in quotes when it is text, as it is otherwise (`true`, `3`, `[…]`).
fn quoted(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(_) => format!("“{}”", show(value)),
        other => show(other),
    }
}
