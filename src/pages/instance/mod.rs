//! The instance section, for instance owners: every person of the instance, whatever their
//! tenants (`GET /api/v1/users`), and one person's page with their tenants, flags, ways to sign
//! in, tokens and deletion; every service account of the instance, those in no tenant
//! included (`GET /api/v1/service-accounts`), and one account's page. Its URLs sit below the current tenant (`/ui/<tenant>/admin/instance/
//! ...`) so the frame and the tenant picker stay; anybody else gets a clean "not allowed" page.

mod people;
mod person;
mod service_account;
mod service_accounts;

pub use people::InstancePeople;
pub use person::InstancePersonPage;
pub use service_account::InstanceServiceAccountPage;
pub use service_accounts::InstanceServiceAccounts;
