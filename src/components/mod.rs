//! Reusable widgets. They take data and callbacks as props and never call `api` themselves.

pub mod loading_bar;
pub mod tenant_picker;
pub mod user_menu;
