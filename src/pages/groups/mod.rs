//! Groups of a tenant: the list, the create form, and a group's page with its members.

mod create;
mod detail;
mod list;
mod members;

pub use create::GroupCreate;
pub use detail::GroupDetailPage;
pub use list::GroupList;
