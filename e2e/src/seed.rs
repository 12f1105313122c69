//! Seeding data through the sandbox's HTTP API, as the instance owner, like any client would.

use anyhow::bail;
use serde_json::{Value, json};

use crate::harness::{ADMIN_EMAIL, ADMIN_PASSWORD};

/// `POST /api/v1/tenants` as the instance owner.
pub async fn tenant(origin: &str, id: &str, name: &str) -> anyhow::Result<Value> {
    let response = reqwest::Client::new()
        .post(format!("{origin}/api/v1/tenants"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .json(&json!({ "id": id, "name": name, "deleted": false }))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("creating tenant {id} failed: HTTP {}", response.status());
    }
    Ok(response.json().await?)
}

/// `POST /api/v1/users` as the instance owner: a user with a password who may use `tenants`.
pub async fn user(
    origin: &str,
    email: &str,
    first: &str,
    last: &str,
    tenants: &[&str],
) -> anyhow::Result<Value> {
    let response = reqwest::Client::new()
        .post(format!("{origin}/api/v1/users"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .json(
            &json!({ "email": email, "firstName": first, "lastName": last,
                       "password": "User-pass-1", "tenants": tenants }),
        )
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("creating user {email} failed: HTTP {}", response.status());
    }
    Ok(response.json().await?)
}

/// `POST /api/v1/me/api-tokens` as the instance owner; returns the full token (shown once).
pub async fn admin_token(origin: &str, name: &str) -> anyhow::Result<String> {
    let response = reqwest::Client::new()
        .post(format!("{origin}/api/v1/me/api-tokens"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .json(&json!({ "name": name, "maxAge": "P1D" }))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("creating token {name} failed: HTTP {}", response.status());
    }
    let body: Value = response.json().await?;
    body["fullToken"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("no fullToken in {body}"))
}
