//! Groups of a tenant: the list, the create form, and a group's page with its members.

mod create;
mod detail;
mod list;
mod members;

pub use create::GroupCreate;
pub use detail::GroupDetailPage;
pub use list::GroupList;

use crate::api::url::encode;
use crate::pages::admin_path;

/// `/<tenant>/admin/groups`.
pub fn list_link(tenant: &str) -> String {
    format!("{}/groups", admin_path(tenant))
}

/// `/<tenant>/admin/groups/new`.
pub fn create_link(tenant: &str) -> String {
    format!("{}/new", list_link(tenant))
}

/// `/<tenant>/admin/groups/<id>`.
pub fn detail_link(tenant: &str, id: &str) -> String {
    format!("{}/{}", list_link(tenant), encode(id))
}
