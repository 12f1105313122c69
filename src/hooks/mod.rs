//! Logic that pages share and that is not a view: the list query kept in the URL, a list's
//! row selection, the type-ahead lookups, the submit and delete actions with their toasts, and
//! a form's unsaved edits. Hooks may call `api`; they never import a page.

pub mod choices;
pub mod download;
pub mod item;
pub mod list_query;
pub mod selection;
pub mod submit;
pub mod unsaved;
