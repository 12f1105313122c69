//! The fetch layer: the only code that talks HTTP (and the only user of gloo-net).
//!
//! `url` builds paths and queries (pure, unit-tested natively), `client` sends requests with
//! the signed-in user's credentials and decodes responses or errors, `error` turns failures
//! into sentences, and one module per Kestra resource offers one typed function per endpoint.

pub mod api_tokens;
pub mod audit_logs;
pub mod bindings;
pub mod client;
pub mod config_file;
pub mod configs;
pub mod credentials;
pub mod error;
pub mod groups;
pub mod invitations;
pub mod me;
pub mod namespaces;
pub mod query;
pub mod roles;
pub mod service_accounts;
pub mod tenant_access;
pub mod tenants;
pub mod url;
pub mod users;
pub mod worker_selectors;

pub use credentials::Credentials;
pub use error::ApiError;
