//! The people who may use the current tenant: the list (with "Grant access" by email), the
//! create form (instance owners), and a person's page with its tabs.

mod access;
mod auth;
mod create;
mod detail;
mod grant;
mod groups;
mod list;
mod overview;

pub use create::UserCreate;
pub use detail::UserDetailPage;
pub use list::UserList;

/// The name to show for a person: the display name, else the username (their email).
pub fn shown_name(display_name: Option<&str>, username: Option<&str>) -> String {
    display_name
        .filter(|n| !n.trim().is_empty())
        .or(username)
        .unwrap_or_default()
        .to_string()
}
