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

/// Makes the user `user_id` an admin of `tenant` by binding the tenant's managed Admin role.
pub async fn make_tenant_admin(origin: &str, tenant: &str, user_id: &str) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    let roles: Value = client
        .get(format!("{origin}/api/v1/{tenant}/roles/search?q=Admin"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await?
        .json()
        .await?;
    let Some(role_id) = roles["results"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "Admin"))
        .and_then(|r| r["id"].as_str())
    else {
        bail!("tenant {tenant} has no Admin role: {roles}");
    };
    let response = client
        .post(format!("{origin}/api/v1/{tenant}/bindings"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .json(&json!({ "type": "USER", "externalId": user_id, "roleId": role_id }))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!(
            "binding Admin in {tenant} failed: HTTP {}",
            response.status()
        );
    }
    Ok(())
}

/// `POST /api/v1/{tenant}/groups` as the instance owner.
pub async fn group(origin: &str, tenant: &str, name: &str) -> anyhow::Result<Value> {
    let response = reqwest::Client::new()
        .post(format!("{origin}/api/v1/{tenant}/groups"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .json(&json!({ "name": name }))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("creating group {name} failed: HTTP {}", response.status());
    }
    Ok(response.json().await?)
}
/// `GET /api/v1/<path>` as the instance owner; the answer's JSON.
pub async fn get(origin: &str, path: &str) -> anyhow::Result<Value> {
    let response = reqwest::Client::new()
        .get(format!("{origin}/api/v1/{path}"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("GET {path} failed: HTTP {}", response.status());
    }
    Ok(response.json().await?)
}

/// `POST` `body` to `/api/v1/<path>` as the instance owner; returns the answer's JSON.
pub async fn post(origin: &str, path: &str, body: Value) -> anyhow::Result<Value> {
    post_with(&reqwest::Client::new(), origin, path, body).await
}

/// `POST /api/v1/{path}` as the instance owner on `http` (a bulk seeder reuses one client's
/// connections); the JSON answer, or an error naming the path and the status.
pub async fn post_with(
    http: &reqwest::Client,
    origin: &str,
    path: &str,
    body: Value,
) -> anyhow::Result<Value> {
    let response = http
        .post(format!("{origin}/api/v1/{path}"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .json(&body)
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("POST {path} failed: HTTP {}", response.status());
    }
    Ok(response.json().await?)
}

/// `POST /api/v1/{tenant}/roles`: a role with `permissions` (`{"GROUP": ["LIST"]}`).
pub async fn role(
    origin: &str,
    tenant: &str,
    name: &str,
    permissions: Value,
) -> anyhow::Result<Value> {
    post(
        origin,
        &format!("{tenant}/roles"),
        json!({ "name": name, "permissions": permissions }),
    )
    .await
}

/// `POST /api/v1/{tenant}/bindings`: gives `role_id` to a user (`USER`) or group (`GROUP`),
/// tenant-wide or on `namespace`.
pub async fn binding(
    origin: &str,
    tenant: &str,
    kind: &str,
    subject_id: &str,
    role_id: &str,
    namespace: Option<&str>,
) -> anyhow::Result<Value> {
    let body = json!({ "type": kind, "externalId": subject_id, "roleId": role_id, "namespaceId": namespace });
    post(origin, &format!("{tenant}/bindings"), body).await
}

/// `DELETE /api/v1/{tenant}/bindings/{id}`.
pub async fn remove_binding(origin: &str, tenant: &str, id: &str) -> anyhow::Result<()> {
    let response = reqwest::Client::new()
        .delete(format!("{origin}/api/v1/{tenant}/bindings/{id}"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("removing binding {id} failed: HTTP {}", response.status());
    }
    Ok(())
}

/// Revokes the instance owner's token named `name` (`DELETE /api/v1/me/api-tokens/{id}`).
pub async fn revoke_admin_token(origin: &str, name: &str) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    let list: Value = http
        .get(format!("{origin}/api/v1/me/api-tokens"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await?
        .json()
        .await?;
    let id = list["results"]
        .as_array()
        .and_then(|tokens| tokens.iter().find(|t| t["name"] == name))
        .and_then(|t| t["id"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no token named {name} in {list}"))?;
    let response = http
        .delete(format!("{origin}/api/v1/me/api-tokens/{id}"))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await?;
    if !response.status().is_success() {
        bail!("revoking token {name} failed: HTTP {}", response.status());
    }
    Ok(())
}
