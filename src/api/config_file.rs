//! The optional `config.json` a deployment may point the console at (`config-url`): static
//! settings read before the first API call, so without credentials.

use gloo_net::http::Request;

use super::ApiError;

/// Reads the JSON document at `url` (relative to the page).
pub async fn get(url: &str) -> Result<serde_json::Value, ApiError> {
    let response = Request::get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        let text = response.text().await.unwrap_or_default();
        return Err(ApiError::from_response(response.status(), &text));
    }
    response
        .json()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}
