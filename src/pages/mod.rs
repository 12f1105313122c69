//! One module per screen. A page reads its route, asks `api` for data and wires components;
//! each exports its component; the URLs that lead to it are in `routes`.

pub mod access;
pub mod access_code;
pub mod audit_logs;
pub mod groups;
pub mod home;
pub mod instance;
pub mod invitations;
pub mod my_tokens;
pub mod not_found;
pub mod profile;
pub mod roles;
pub mod service_accounts;
pub mod sign_in;
pub mod tenant_home;
pub mod tenant_shell;
pub mod tenants;
pub mod users;
