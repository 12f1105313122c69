//! The fetch layer: the only code that talks HTTP (and the only user of gloo-net).
//!
//! `url` builds paths and queries (pure, unit-tested natively), `client` sends requests with
//! the signed-in user's credentials and decodes responses or errors, `error` turns failures
//! into sentences, and one module per Kestra resource offers one typed function per endpoint.

pub mod client;
pub mod configs;
pub mod credentials;
pub mod error;
pub mod me;
pub mod url;

pub use credentials::Credentials;
pub use error::ApiError;
