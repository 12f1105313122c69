//! Kestra EE's IAM wire types, exactly as `shared/kestra-api.md` and Kestra's OpenAPI document
//! name them on the wire. Both the console (compiled to wasm) and the sandbox server use them,
//! so the two cannot drift apart; the contract tests in each crate keep both honest to Kestra.
//!
//! Conventions: field names are camelCase as Kestra emits them; optional fields are `Option`
//! and skipped when absent; dates stay RFC 3339 strings (no date library in the wasm bundle).
//! Decoding accepts the Kestra 1.x names (`superAdmin`) where 2.x renamed them.

pub mod configs;
pub mod error;
pub mod me;
pub mod paged;
pub mod tenant;

pub use configs::{Configuration, Edition, TenantConfigurationInfo};
pub use error::{ErrorBody, FieldError};
pub use me::{Me, MeProfile, MeTenant};
pub use paged::PagedResults;
pub use tenant::Tenant;
