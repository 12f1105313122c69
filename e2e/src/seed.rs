//! Seeding data through the sandbox's HTTP API, as the instance owner, like any client would.
//!
//! Every call goes through [`Admin`], the instance owner's client, so the credentials and the
//! status check are written once.

use anyhow::bail;
use reqwest::RequestBuilder;
use serde_json::{Value, json};

use crate::harness::{ADMIN_EMAIL, ADMIN_PASSWORD};

/// The instance owner's HTTP client for the sandbox at one origin. Clones share one pool of
/// connections, so a bulk seeder can send many requests at once.
#[derive(Clone)]
pub struct Admin {
    http: reqwest::Client,
    origin: String,
}

impl Admin {
    pub fn new(origin: &str) -> Admin {
        Admin {
            http: reqwest::Client::new(),
            origin: origin.to_owned(),
        }
    }

    /// `GET /api/v1/{path}`: the answer's JSON.
    pub async fn get(&self, path: &str) -> anyhow::Result<Value> {
        let request = self.http.get(self.url(path));
        Ok(self.send("GET", path, request).await?.json().await?)
    }

    /// `POST` `body` to `/api/v1/{path}`: the answer's JSON.
    pub async fn post(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        let request = self.http.post(self.url(path)).json(&body);
        Ok(self.send("POST", path, request).await?.json().await?)
    }

    /// `PUT /api/v1/{path}` without a body: the answer's JSON.
    pub async fn put(&self, path: &str) -> anyhow::Result<Value> {
        let request = self.http.put(self.url(path));
        Ok(self.send("PUT", path, request).await?.json().await?)
    }

    /// `DELETE /api/v1/{path}`.
    pub async fn delete(&self, path: &str) -> anyhow::Result<()> {
        let request = self.http.delete(self.url(path));
        self.send("DELETE", path, request).await?;
        Ok(())
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1/{path}", self.origin)
    }

    /// Sends `request` with the instance owner's credentials; an error names the request and
    /// the status unless it succeeded.
    async fn send(
        &self,
        method: &str,
        path: &str,
        request: RequestBuilder,
    ) -> anyhow::Result<reqwest::Response> {
        let response = request
            .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
            .send()
            .await?;
        if !response.status().is_success() {
            bail!("{method} {path} failed: HTTP {}", response.status());
        }
        Ok(response)
    }
}

/// `POST /api/v1/tenants` as the instance owner.
pub async fn tenant(origin: &str, id: &str, name: &str) -> anyhow::Result<Value> {
    let body = json!({ "id": id, "name": name, "deleted": false });
    Admin::new(origin).post("tenants", body).await
}

/// `POST /api/v1/users` as the instance owner: a user with a password who may use `tenants`.
pub async fn user(
    origin: &str,
    email: &str,
    first: &str,
    last: &str,
    tenants: &[&str],
) -> anyhow::Result<Value> {
    let body = json!({ "email": email, "firstName": first, "lastName": last,
                       "password": "User-pass-1", "tenants": tenants });
    Admin::new(origin).post("users", body).await
}

/// `POST /api/v1/me/api-tokens` as the instance owner; returns the full token (shown once).
pub async fn admin_token(origin: &str, name: &str) -> anyhow::Result<String> {
    let body = json!({ "name": name, "maxAge": "P1D" });
    let created = Admin::new(origin).post("me/api-tokens", body).await?;
    created["fullToken"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("no fullToken in {created}"))
}

/// Makes the user `user_id` an admin of `tenant` by binding the tenant's managed Admin role.
pub async fn make_tenant_admin(origin: &str, tenant: &str, user_id: &str) -> anyhow::Result<()> {
    let admin = Admin::new(origin);
    let roles = admin.get(&format!("{tenant}/roles/search?q=Admin")).await?;
    let Some(role_id) = roles["results"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "Admin"))
        .and_then(|r| r["id"].as_str())
    else {
        bail!("tenant {tenant} has no Admin role: {roles}");
    };
    let body = json!({ "type": "USER", "externalId": user_id, "roleId": role_id });
    admin.post(&format!("{tenant}/bindings"), body).await?;
    Ok(())
}

/// `POST /api/v1/{tenant}/groups` as the instance owner.
pub async fn group(origin: &str, tenant: &str, name: &str) -> anyhow::Result<Value> {
    let body = json!({ "name": name });
    Admin::new(origin)
        .post(&format!("{tenant}/groups"), body)
        .await
}

/// `POST /api/v1/{tenant}/roles`: a role with `permissions` (`{"GROUP": ["LIST"]}`).
pub async fn role(
    origin: &str,
    tenant: &str,
    name: &str,
    permissions: Value,
) -> anyhow::Result<Value> {
    let body = json!({ "name": name, "permissions": permissions });
    Admin::new(origin)
        .post(&format!("{tenant}/roles"), body)
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
    Admin::new(origin)
        .post(&format!("{tenant}/bindings"), body)
        .await
}

/// `DELETE /api/v1/{tenant}/bindings/{id}`.
pub async fn remove_binding(origin: &str, tenant: &str, id: &str) -> anyhow::Result<()> {
    Admin::new(origin)
        .delete(&format!("{tenant}/bindings/{id}"))
        .await
}

/// Revokes the instance owner's token named `name` (`DELETE /api/v1/me/api-tokens/{id}`).
pub async fn revoke_admin_token(origin: &str, name: &str) -> anyhow::Result<()> {
    let admin = Admin::new(origin);
    let list = admin.get("me/api-tokens").await?;
    let id = list["results"]
        .as_array()
        .and_then(|tokens| tokens.iter().find(|t| t["name"] == name))
        .and_then(|t| t["id"].as_str())
        .ok_or_else(|| anyhow::anyhow!("no token named {name} in {list}"))?;
    admin.delete(&format!("me/api-tokens/{id}")).await
}

/// Creates `count` people without a password who may use `tenant`, 8 requests at a time:
/// `First NNN` named `Person NNN` (from 001), emailed `pNNN@<domain>`. Returns their ids in
/// that order.
pub async fn people(
    origin: &str,
    tenant: &str,
    count: usize,
    domain: &str,
) -> anyhow::Result<Vec<String>> {
    let admin = Admin::new(origin);
    let mut ids = Vec::with_capacity(count);
    let numbers: Vec<usize> = (1..=count).collect();
    for chunk in numbers.chunks(8) {
        let mut set = tokio::task::JoinSet::new();
        for (at, n) in chunk.iter().enumerate() {
            let body = json!({ "email": format!("p{n:03}@{domain}"), "firstName": "Person",
                               "lastName": format!("{n:03}"), "tenants": [tenant] });
            // Clones share one pool of connections.
            let admin = admin.clone();
            set.spawn(async move { (at, admin.post("users", body).await) });
        }
        let mut created = vec![String::new(); chunk.len()];
        while let Some(done) = set.join_next().await {
            let (at, user) = done?;
            let user = user?;
            created[at] = user["id"]
                .as_str()
                .ok_or_else(|| anyhow::anyhow!("no id in {user}"))?
                .to_string();
        }
        ids.extend(created);
    }
    Ok(ids)
}
