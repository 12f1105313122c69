//! Reusable widgets. They take data and callbacks as props and never call `api` themselves.

pub mod chip_picker;
pub mod confirm_dialog;
pub mod data_table;
pub mod demo_banner;
pub mod detail_states;
pub mod diff_view;
pub mod field;
pub mod instance_only;
pub mod leave_guard;
pub mod load_state;
pub mod loading_bar;
pub mod local_time;
pub mod owners_only;
pub mod permission_matrix;
pub mod submit_button;
pub mod tenant_checklist;
pub mod tenant_picker;
pub mod toasts;
pub mod token_reveal;
pub mod type_ahead;
pub mod user_menu;
