//! Invitations to a tenant: the list (by status and email) with revoke, and the invite form.

mod create;
mod list;

pub use create::InvitationCreate;
pub use list::InvitationList;

use crate::pages::admin_path;

/// `/<tenant>/admin/invitations`.
pub fn list_link(tenant: &str) -> String {
    format!("{}/invitations", admin_path(tenant))
}

/// `/<tenant>/admin/invitations/new`.
pub fn create_link(tenant: &str) -> String {
    format!("{}/new", list_link(tenant))
}
