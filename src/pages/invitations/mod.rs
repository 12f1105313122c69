//! Invitations to a tenant: the list (by status and email) with revoke, and the invite form.

mod create;
mod list;

pub use create::InvitationCreate;
pub use list::InvitationList;
