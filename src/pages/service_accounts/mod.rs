//! Service accounts: the list, the create form, and an account's page with its tokens.
//! Instance owners use the instance view (`/api/v1/service-accounts`), tenant admins the
//! tenant view (`/api/v1/{tenant}/service-accounts`), as the API allows each.

mod create;
mod detail;
mod list;

pub use create::ServiceAccountCreate;
pub use detail::ServiceAccountDetailPage;
pub use list::ServiceAccountList;
