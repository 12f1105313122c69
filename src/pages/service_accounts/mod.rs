//! Service accounts: the list, the create form, and an account's page with its tokens.
//! Instance owners use the instance view (`/api/v1/service-accounts`), tenant admins the
//! tenant view (`/api/v1/{tenant}/service-accounts`), as the API allows each.

mod create;
mod detail;
mod list;

pub use create::ServiceAccountCreate;
pub use detail::ServiceAccountDetailPage;
pub use list::ServiceAccountList;

use crate::api::url::encode;
use crate::pages::admin_path;

/// `/<tenant>/admin/service-accounts`.
pub fn list_link(tenant: &str) -> String {
    format!("{}/service-accounts", admin_path(tenant))
}

/// `/<tenant>/admin/service-accounts/new`.
pub fn create_link(tenant: &str) -> String {
    format!("{}/new", list_link(tenant))
}

/// `/<tenant>/admin/service-accounts/<id>`.
pub fn detail_link(tenant: &str, id: &str) -> String {
    format!("{}/{}", list_link(tenant), encode(id))
}
