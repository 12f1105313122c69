//! API tokens of a user, of a service account, or of the signed-in user ("My API tokens"):
//! one section (list, create, reveal once, revoke) used by all three pages.

mod create;
mod expiry;
mod section;

pub use section::TokenSection;
