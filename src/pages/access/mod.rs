//! Access: the tenant's bindings (filterable, with create and delete), giving a role, and the
//! effective permissions of one user or service account. The tables themselves are in
//! `sections::bindings`, shared with the subjects' pages.

mod create;
mod effective;
mod list;

pub use create::BindingCreate;
pub use effective::EffectivePermissions;
pub use list::AccessList;
