//! Who is signed in: signing in (with the checks and the sentences a failure shows), the
//! credentials (in memory, and in localStorage only when the user asked to be remembered) and
//! the `/api/v1/me` answer they map to ("who am I").
//!
//! The current tenant is deliberately not here: it comes from the URL (`/ui/<tenant>/...`).

use kestra_model::{
    Action, Configuration, Edition, Me, MeWithPermissions, Resource, SandboxDemo,
    SandboxPermissions,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{self, ApiError, Credentials};

const CREDENTIALS_KEY: &str = "kestra-admin.credentials";
const LAST_TENANT_KEY: &str = "kestra-admin.last-tenant";

/// The signed-in user, shared through context.
#[derive(Clone, Copy)]
pub struct Session {
    /// `/api/v1/me` for the current credentials, once known.
    pub me: RwSignal<Option<Me>>,
    /// Whether there are credentials to send (they themselves live in the api client).
    pub has_credentials: RwSignal<bool>,
    /// Per-tenant permissions, when the server volunteers them (the sandbox does, Kestra
    /// does not): a hint for hiding what the user may not do, never a security boundary.
    pub permissions: RwSignal<Option<SandboxPermissions>>,
    /// Whether the server has multi-tenancy (URLs then carry the tenant), from `/api/v1/configs`.
    pub multi_tenancy: RwSignal<bool>,
    /// A demo sandbox's reset schedule, from `/api/v1/configs` (never set by real Kestra).
    pub demo: RwSignal<Option<SandboxDemo>>,
}

/// How credentials are kept in localStorage ("remember me"); never logged, never in a URL.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Stored {
    Basic { username: String, password: String },
    Token { token: String },
}

impl Session {
    /// Creates the session, restoring remembered credentials if there are any.
    pub fn restore() -> Session {
        let remembered = local_storage()
            .and_then(|s| s.get_item(CREDENTIALS_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
            .map(|stored| match stored {
                Stored::Basic { username, password } => Credentials::Basic { username, password },
                Stored::Token { token } => Credentials::Token(token),
            });
        Session::with_credentials(remembered)
    }

    /// Creates the session with the given credentials (an embedded console's come from the
    /// host page and are kept in memory only).
    pub fn with_credentials(credentials: Option<Credentials>) -> Session {
        let has_credentials = credentials.is_some();
        api::client::set_credentials(credentials);
        Session {
            me: RwSignal::new(None),
            has_credentials: RwSignal::new(has_credentials),
            permissions: RwSignal::new(None),
            multi_tenancy: RwSignal::new(true),
            demo: RwSignal::new(None),
        }
    }

    /// Signs in: checks that the server is Kestra EE, then that the credentials work, and keeps
    /// them (in localStorage too when `remember` is set). The error is the sentence to show.
    pub async fn sign_in(self, credentials: Credentials, remember: bool) -> Result<(), String> {
        match api::configs::get().await {
            Ok(config) if config.edition == Some(Edition::Ee) => self.learn_server(&config),
            Ok(_) | Err(ApiError::Decode(_)) | Err(ApiError::NotFound(_)) => {
                return Err(
                    "This server is not a Kestra Enterprise server: the console needs Kestra EE."
                        .into(),
                );
            }
            Err(error) => return Err(error.user_message()),
        }
        let is_token = matches!(credentials, Credentials::Token(_));
        match self.keep_credentials(credentials, remember).await {
            Ok(_) => Ok(()),
            Err(ApiError::Unauthorized) if is_token => {
                Err("This API token is not valid, was revoked or has expired.".into())
            }
            Err(ApiError::Unauthorized) => Err("Wrong email or password.".into()),
            Err(error) => Err(error.user_message()),
        }
    }

    /// Checks the credentials against `/api/v1/me`, then keeps them (in localStorage too
    /// when `remember` is set).
    async fn keep_credentials(
        self,
        credentials: Credentials,
        remember: bool,
    ) -> Result<Me, ApiError> {
        let me = api::me::get_as(&credentials).await?;
        if remember {
            let stored = match &credentials {
                Credentials::Basic { username, password } => Stored::Basic {
                    username: username.clone(),
                    password: password.clone(),
                },
                Credentials::Token(token) => Stored::Token {
                    token: token.clone(),
                },
            };
            if let (Some(storage), Ok(json)) = (local_storage(), serde_json::to_string(&stored)) {
                let _ = storage.set_item(CREDENTIALS_KEY, &json);
            }
        }
        api::client::set_credentials(Some(credentials));
        self.has_credentials.set(true);
        Ok(self.keep(me))
    }

    /// The signed-in user, asking the server (and learning its tenancy mode) on first use.
    /// `Err(Unauthorized)` when there are no credentials or they no longer work.
    pub async fn load(self) -> Result<Me, ApiError> {
        if let Some(me) = self.me.get_untracked() {
            return Ok(me);
        }
        if !self.has_credentials.get_untracked() {
            return Err(ApiError::Unauthorized);
        }
        // Both at once: `/me` does not depend on the configuration, and the first page waits
        // for both.
        let (config, me) = futures::future::join(api::configs::get(), api::me::get()).await;
        self.learn_server(&config?);
        Ok(self.keep(me?))
    }

    /// Asks `/api/v1/me` again, e.g. so the tenant picker lists a created tenant and drops a
    /// deleted one; the previous answer stays when this one fails.
    pub async fn refresh(self) {
        if let Ok(answer) = api::me::get().await {
            self.keep(answer);
        }
    }

    /// Records what kind of server this is: its tenancy mode (for URLs and API paths) and
    /// whether it is a demo sandbox.
    pub fn learn_server(self, config: &Configuration) {
        let enabled = config.multi_tenancy();
        api::client::set_multi_tenancy(enabled);
        self.multi_tenancy.set(enabled);
        self.demo.set(config.sandbox_demo.clone());
    }

    /// Whether the signed-in user is an instance owner (Kestra's `superAdmin`), who alone may
    /// use the instance-wide APIs (`/api/v1/users`, `/api/v1/tenants`, ...).
    pub fn instance_owner(self) -> bool {
        self.me
            .with(|me| me.as_ref().is_some_and(|me| me.super_admin))
    }

    /// Whether the user may do `action` on `resource` in `tenant`: `Some` when the server
    /// said so (or the user is an instance owner), `None` when only trying will tell.
    pub fn may(self, tenant: &str, resource: Resource, action: Action) -> Option<bool> {
        if self.instance_owner() {
            return Some(true);
        }
        self.permissions.with(|hint| {
            let hint = hint.as_ref()?;
            // Without multi-tenancy the route has no tenant: the hint's only entry applies.
            let in_tenant = if tenant.is_empty() {
                hint.values().next()
            } else {
                hint.get(tenant)
            };
            let granted = in_tenant.and_then(|p| p.get(&resource));
            Some(granted.is_some_and(|actions| actions.contains(&action)))
        })
    }

    fn keep(self, answer: MeWithPermissions) -> Me {
        self.permissions.set(answer.sandbox_permissions);
        self.me.set(Some(answer.me.clone()));
        answer.me
    }

    /// Forgets the credentials everywhere they were kept.
    pub fn sign_out(self) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(CREDENTIALS_KEY);
        }
        api::client::set_credentials(None);
        self.has_credentials.set(false);
        self.me.set(None);
        self.permissions.set(None);
    }

    /// The tenant to open when the user arrives at the console's root: the last one used if
    /// still allowed, else the first allowed one.
    pub fn landing_tenant(me: &Me) -> Option<String> {
        let last = local_storage().and_then(|s| s.get_item(LAST_TENANT_KEY).ok().flatten());
        pick_tenant(me, last.as_deref())
    }

    /// Remembers the tenant the user is working in, for their next visit.
    pub fn remember_tenant(tenant: &str) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(LAST_TENANT_KEY, tenant);
        }
    }
}

/// The session provided by `App`.
pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn pick_tenant(me: &Me, last: Option<&str>) -> Option<String> {
    let allowed = |id: &str| me.tenants.iter().any(|t| t.id == id);
    match last {
        Some(last) if allowed(last) => Some(last.to_string()),
        _ => me.tenants.first().map(|t| t.id.clone()),
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kestra_model::MeTenant;

    fn me_with(tenants: &[&str]) -> Me {
        Me {
            tenants: tenants
                .iter()
                .map(|id| MeTenant {
                    id: id.to_string(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        }
    }

    fn session(me: Me, hint: Option<SandboxPermissions>) -> Session {
        Session {
            me: RwSignal::new(Some(me)),
            has_credentials: RwSignal::new(true),
            permissions: RwSignal::new(hint),
            multi_tenancy: RwSignal::new(true),
            demo: RwSignal::new(None),
        }
    }

    #[test]
    fn permissions_are_known_only_from_the_servers_hint_or_instance_ownership() {
        let owner = Me {
            super_admin: true,
            ..Default::default()
        };
        assert_eq!(
            session(owner, None).may("dev", Resource::Role, Action::Delete),
            Some(true)
        );

        let hint = SandboxPermissions::from([(
            "dev".to_string(),
            [(Resource::Group, vec![Action::List, Action::View])]
                .into_iter()
                .collect(),
        )]);
        let member = session(Me::default(), Some(hint));
        assert_eq!(member.may("dev", Resource::Group, Action::List), Some(true));
        assert_eq!(
            member.may("dev", Resource::Group, Action::Delete),
            Some(false)
        );
        assert_eq!(
            member.may("prod", Resource::Group, Action::List),
            Some(false)
        );

        let against_kestra = session(Me::default(), None);
        assert_eq!(
            against_kestra.may("dev", Resource::Group, Action::List),
            None
        );
    }

    #[test]
    fn lands_on_the_last_tenant_while_it_is_still_allowed() {
        assert_eq!(
            pick_tenant(&me_with(&["dev", "prod"]), Some("prod")).as_deref(),
            Some("prod")
        );
        assert_eq!(
            pick_tenant(&me_with(&["dev", "prod"]), Some("gone")).as_deref(),
            Some("dev")
        );
        assert_eq!(
            pick_tenant(&me_with(&["dev"]), None).as_deref(),
            Some("dev")
        );
        assert_eq!(pick_tenant(&me_with(&[]), Some("dev")), None);
    }
}
