//! The matrix: one table, resources as rows (under the role editor's group headings, in its
//! words) and actions as columns: the five every resource has, then "Other actions" holding
//! each resource's own. Every cell that applies is a button marked granted (✓), granted
//! elsewhere only (◐) or not (·), with one mark per subject when two are compared; hovering
//! says where it comes from, and focusing or pressing it shows that (or why not) beside the
//! table. The table is one Tab stop; arrow keys, Home and End move inside it.

use kestra_model::effective::{Matrix, Scope};
use kestra_model::{Action, Permissions, Resource};
use leptos::html;
use leptos::prelude::*;

use crate::components::permission_matrix::roving::{self, Cell as Place, cell_attr};
use crate::components::permission_matrix::vocabulary::{
    action_label, resource_description, resource_label, sections,
};

/// The actions with a column of their own.
pub const COLUMNS: [Action; 5] = [
    Action::View,
    Action::List,
    Action::Create,
    Action::Update,
    Action::Delete,
];

/// One subject whose access the matrix shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    pub id: String,
    pub name: String,
    pub matrix: Matrix,
}

/// How one subject holds one permission where the matrix looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Granted,
    Elsewhere,
    None,
}

impl Mark {
    pub fn of(matrix: &Matrix, resource: Resource, action: Action) -> Mark {
        if matrix.granted(resource, action) {
            Mark::Granted
        } else if !matrix.cell(resource, action).elsewhere.is_empty() {
            Mark::Elsewhere
        } else {
            Mark::None
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Mark::Granted => "✓",
            Mark::Elsewhere => "◐",
            Mark::None => "·",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Mark::Granted => "mark granted",
            Mark::Elsewhere => "mark elsewhere",
            Mark::None => "mark none",
        }
    }

    /// What a screen reader says, e.g. "granted".
    pub fn words(self) -> &'static str {
        match self {
            Mark::Granted => "granted",
            Mark::Elsewhere => "not granted here, granted elsewhere",
            Mark::None => "not granted",
        }
    }
}

/// The matrix of `subjects` in `at`, over the resources and actions of `shown`.
#[component]
pub fn AccessMatrix(
    /// The resources and the actions that apply to each (the tenant's catalogue).
    shown: Permissions,
    /// One subject, or two compared.
    subjects: Vec<Subject>,
    /// Where the matrix looks.
    at: Scope,
    /// The cell whose detail is shown beside the table.
    selected: RwSignal<Option<(Resource, Action)>>,
) -> impl IntoView {
    let container = NodeRef::<html::Div>::new();
    let groups = sections(&shown);
    // Each row's buttons, in reading order: the columns' actions, then the others.
    let mut widths = Vec::new();
    let mut row = 0;
    let bodies = groups
        .into_iter()
        .map(|(group, resources)| {
            let rows = resources
                .into_iter()
                .map(|resource| {
                    let actions = shown.get(&resource).cloned().unwrap_or_default();
                    widths.push(actions.len());
                    row += 1;
                    (row - 1, resource, actions)
                })
                .collect::<Vec<_>>();
            (group, rows)
        })
        .collect::<Vec<_>>();
    let widths = StoredValue::new(widths);
    // The button in the Tab order: the one last focused, else the first.
    let active = RwSignal::new((0, 0));
    let subjects = StoredValue::new(subjects);
    let cell = move |index: Place, resource: Resource, action: Action, text: bool| {
        let marks = subjects.with_value(|s| {
            s.iter()
                .map(|s| (s.name.clone(), Mark::of(&s.matrix, resource, action)))
                .collect::<Vec<_>>()
        });
        let name = format!("{}: {}", resource_label(resource), action_label(action));
        let label = match marks.as_slice() {
            [(_, mark)] => format!("{name}, {}", mark.words()),
            _ => format!(
                "{name}, {}",
                marks
                    .iter()
                    .map(|(who, mark)| format!("{who}: {}", mark.words()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        };
        let hover = subjects.with_value(|s| hover_text(s, resource, action));
        let any_granted = marks.iter().any(|(_, m)| *m == Mark::Granted);
        let symbols = marks
            .iter()
            .map(|(_, m)| view! { <span class=m.class()>{m.symbol()}</span> })
            .collect_view();
        let pick = move || selected.set(Some((resource, action)));
        view! {
            <button type="button" class="cell" class:granted=any_granted
                class:selected=move || selected.get() == Some((resource, action))
                aria-label=label title=hover aria-controls="effective-cell-detail"
                data-cell=cell_attr(index)
                tabindex=move || if active.get() == index { "0" } else { "-1" }
                on:focus=move |_| pick() on:click=move |_| pick()>
                <span aria-hidden="true" class="marks">{symbols}</span>
                {text.then(|| view! { <span class="action">{action_label(action)}</span> })}
            </button>
        }
    };
    let row_view = move |(index, resource, actions): (usize, Resource, Vec<Action>)| {
        let mut col = 0;
        let mut next = || {
            col += 1;
            (index, col - 1)
        };
        let columns = COLUMNS
            .iter()
            .map(|&action| {
                if actions.contains(&action) {
                    view! { <td>{cell(next(), resource, action, false)}</td> }.into_any()
                } else {
                    view! { <td class="na"><span class="visually-hidden">"Does not apply"</span></td> }.into_any()
                }
            })
            .collect_view();
        let others = actions
            .iter()
            .filter(|a| !COLUMNS.contains(a))
            .map(|&action| cell(next(), resource, action, true))
            .collect_view();
        view! {
            <tr>
                <th scope="row" title=resource_description(resource)>{resource_label(resource)}</th>
                {columns}
                <td class="others">{others}</td>
            </tr>
        }
    };
    let bodies = bodies
        .into_iter()
        .map(|(group, rows)| {
            view! {
                <tbody>
                    <tr class="group"><th scope="rowgroup" colspan="7">{group.label()}</th></tr>
                    {rows.into_iter().map(row_view).collect_view()}
                </tbody>
            }
        })
        .collect_view();
    let caption = subjects.with_value(|s| {
        let names = s.iter().map(|s| s.name.as_str()).collect::<Vec<_>>();
        format!(
            "Effective access of {} in {}",
            names.join(" and "),
            at.describe()
        )
    });
    let legend = subjects.with_value(|s| {
        (s.len() > 1).then(|| {
            format!(
                "Each cell has two marks: {} first, {} second.",
                s[0].name, s[1].name
            )
        })
    });

    view! {
        <div class="access-matrix-wrap">
            <p class="muted legend" id="effective-legend">
                "✓ granted here · ◐ granted elsewhere only · “·” not granted; a blank cell does not apply. "
                {legend.map(|l| format!("{l} "))}
                "Hover over a cell, or move to it (one Tab stop, then the arrow keys), to see where it comes from, or why not."
            </p>
            <div class="matrix-scroll" node_ref=container
                on:focusin=move |ev| {
                    if let Some(place) = roving::cell_of(ev.target()) {
                        active.set(place);
                    }
                }
                on:keydown=move |ev| {
                    if let Some(container) = container.get_untracked() {
                        widths.with_value(|w| roving::on_keydown(&container, &ev, w));
                    }
                }>
                <table class="access-matrix" aria-describedby="effective-legend">
                    <caption class="visually-hidden">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Resource"</th>
                            {COLUMNS.iter().map(|&a| view! { <th scope="col">{action_label(a)}</th> }).collect_view()}
                            <th scope="col">"Other actions"</th>
                        </tr>
                    </thead>
                    {bodies}
                </table>
            </div>
        </div>
    }
}

/// What hovering a cell says: each subject's sources, or that it is not granted.
fn hover_text(subjects: &[Subject], resource: Resource, action: Action) -> String {
    subjects
        .iter()
        .map(|s| {
            let cell = s.matrix.cell(resource, action);
            let what = if s.matrix.instance_owner {
                "instance owner".to_string()
            } else if cell.granted() {
                cell.applies
                    .iter()
                    .map(|source| source.describe())
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                "not granted: choose the cell to see why not".to_string()
            };
            if subjects.len() > 1 {
                format!("{}: {what}", s.name)
            } else {
                what
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
