//! The people who may use the current tenant: the list (with "Give access" by email, or an invitation), the
//! create form (instance owners), and a person's page with its tabs.

mod access;
mod create;
mod detail;
mod grant;
mod groups;
mod list;
mod overview;

pub use create::UserCreate;
pub use detail::UserDetailPage;
pub use list::UserList;
