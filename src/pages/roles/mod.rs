//! Roles of a tenant: the list, the create form, and a role's page, each editing permissions
//! through the shared permission matrix.

mod create;
mod detail;
mod form;
mod list;

pub use create::RoleCreate;
pub use detail::RoleDetailPage;
pub use list::RoleList;

use crate::api::url::encode;
use crate::pages::admin_path;

/// `/<tenant>/admin/roles`.
pub fn list_link(tenant: &str) -> String {
    format!("{}/roles", admin_path(tenant))
}

/// `/<tenant>/admin/roles/new`.
pub fn create_link(tenant: &str) -> String {
    format!("{}/new", list_link(tenant))
}

/// `/<tenant>/admin/roles/<id>`.
pub fn detail_link(tenant: &str, id: &str) -> String {
    format!("{}/{}", list_link(tenant), encode(id))
}
