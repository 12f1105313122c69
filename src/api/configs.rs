//! `GET /api/v1/configs`: the server's edition and tenancy settings (no sign-in needed).

use kestra_model::Configuration;

use super::ApiError;
use super::client;

/// Reads the server's configuration.
pub async fn get() -> Result<Configuration, ApiError> {
    client::get(&client::instance(&["configs"])).await
}
