//! Roles of a tenant: the list, the create form, and a role's page, each editing permissions
//! through the shared permission matrix.

mod create;
mod detail;
mod form;
mod list;

pub use create::RoleCreate;
pub use detail::RoleDetailPage;
pub use list::RoleList;
