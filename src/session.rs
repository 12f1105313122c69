//! Who is signed in: signing in (with the checks and the sentences a failure shows), the
//! credentials and the `/api/v1/me` answer they map to ("who am I").
//!
//! Where credentials are kept, and why:
//! - "Remember me": in localStorage, as before (the user asked for it on a shared machine or not).
//! - Otherwise, for the tab: a password is exchanged at sign-in for a short-lived API token of
//!   the user's own (`POST /api/v1/me/api-tokens`, named `admin-console-tab-…`, valid
//!   [`TAB_TOKEN_MAX_AGE`]), kept in sessionStorage so a reload or a pasted console URL in the
//!   same tab stays signed in; the password itself is never stored. The page goes on with the
//!   password in memory until it is reloaded, as before (so a demo reset, which drops tokens
//!   but not the demo's passwords, does not sign the page out). Sign-out revokes the token.
//!   A pasted API token is kept in sessionStorage as it is (and not revoked: it is the user's).
//!   If the server refuses the exchange, only the page's memory holds the password, as before.
//! - Embedded in a portal: in memory only; the host owns the credentials.
//!
//! The current tenant is deliberately not here: it comes from the URL (`/ui/<tenant>/...`).

use kestra_model::{
    Action, Configuration, CreateApiTokenRequest, Edition, Me, MeWithPermissions, Resource,
    SandboxDemo, SandboxPermissions,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::{self, ApiError, Credentials};

const CREDENTIALS_KEY: &str = "kestra-admin.credentials";
const TAB_SESSION_KEY: &str = "kestra-admin.tab-session";
/// How long the tab's token lives: a working day. After it, the next request is refused and
/// the console asks to sign in again, back to the same page.
pub const TAB_TOKEN_MAX_AGE: &str = "PT8H";
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

/// Where a sign-in is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// In localStorage: "remember me".
    Remembered,
    /// For the browser tab, in sessionStorage (a password as a short-lived token of its own).
    Tab,
    /// In memory only: the host page of an embedded console owns the credentials.
    Memory,
}

/// The tab's sign-in in sessionStorage: a token, and its id when the console made it for this
/// tab (so sign-out revokes it).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TabSession {
    token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    token_id: Option<String>,
}

/// How credentials are kept in localStorage ("remember me"); never logged, never in a URL.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum Stored {
    Basic { username: String, password: String },
    Token { token: String },
}

impl Session {
    /// Creates the session, restoring remembered credentials, else the tab's, if any.
    pub fn restore() -> Session {
        let remembered = local_storage()
            .and_then(|s| s.get_item(CREDENTIALS_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
            .map(|stored| match stored {
                Stored::Basic { username, password } => Credentials::Basic { username, password },
                Stored::Token { token } => Credentials::Token(token),
            });
        let tab = || tab_session().map(|tab| Credentials::Token(tab.token));
        Session::with_credentials(remembered.or_else(tab))
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
    /// them where `keep` says. The error is the sentence to show.
    pub async fn sign_in(self, credentials: Credentials, keep: Keep) -> Result<(), String> {
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
        match self.keep_credentials(credentials, keep).await {
            Ok(_) => Ok(()),
            Err(ApiError::Unauthorized) if is_token => {
                Err("This API token is not valid, was revoked or has expired.".into())
            }
            Err(ApiError::Unauthorized) => Err("Wrong email or password.".into()),
            Err(error) => Err(error.user_message()),
        }
    }

    /// Checks the credentials against `/api/v1/me`, then keeps them where `keep` says (see
    /// the module's doc).
    async fn keep_credentials(self, credentials: Credentials, keep: Keep) -> Result<Me, ApiError> {
        let me = api::me::get_as(&credentials).await?;
        let credentials = match keep {
            Keep::Remembered => {
                remember(&credentials);
                credentials
            }
            Keep::Tab => {
                keep_for_the_tab(&credentials).await;
                credentials
            }
            Keep::Memory => credentials,
        };
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

    /// Whether the user may change who is in a group of `tenant` (`GROUP:MANAGE_MEMBERS`, or
    /// `GROUP:UPDATE`, which Kestra accepts too); true unless the server said neither.
    pub fn may_manage_members(self, tenant: &str) -> bool {
        [Action::ManageMembers, Action::Update]
            .into_iter()
            .any(|action| self.may(tenant, Resource::Group, action) != Some(false))
    }

    fn keep(self, answer: MeWithPermissions) -> Me {
        self.permissions.set(answer.sandbox_permissions);
        self.me.set(Some(answer.me.clone()));
        answer.me
    }

    /// After the user changed their own password: a password sign-in goes on with the new one
    /// (in memory, and in localStorage when remembered), so the next request is not refused.
    /// A token sign-in, the tab's included, is unaffected: a password change keeps tokens.
    pub fn password_changed(self, new_password: &str) {
        let Some(Credentials::Basic { username, .. }) = api::client::credentials() else {
            return;
        };
        let updated = Credentials::Basic {
            username,
            password: new_password.to_owned(),
        };
        let remembered = local_storage()
            .and_then(|s| s.get_item(CREDENTIALS_KEY).ok().flatten())
            .is_some();
        if remembered {
            remember(&updated);
        }
        api::client::set_credentials(Some(updated));
    }

    /// Forgets the credentials everywhere they were kept, and revokes the tab's token.
    pub fn sign_out(self) {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(CREDENTIALS_KEY);
        }
        if let Some(TabSession {
            token,
            token_id: Some(id),
        }) = tab_session()
        {
            // Sent with the token itself, so it goes out whatever the session holds next;
            // an expired token is refused, which is as good.
            leptos::task::spawn_local(async move {
                let _ = api::api_tokens::delete_mine_as(&id, &Credentials::Token(token)).await;
            });
        }
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(TAB_SESSION_KEY);
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

/// Keeps `credentials` in localStorage ("remember me").
fn remember(credentials: &Credentials) {
    let stored = match credentials {
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

/// Keeps a sign-in for the tab (for a reload): a pasted token as it is; a password as a token
/// of the tab's own, or not at all when the server will not issue one.
async fn keep_for_the_tab(credentials: &Credentials) {
    let tab = match credentials {
        Credentials::Token(token) => Some(TabSession {
            token: token.clone(),
            token_id: None,
        }),
        Credentials::Basic { .. } => {
            let request = CreateApiTokenRequest {
                name: tab_token_name(),
                description: Some(
                    "Signed in to the admin console in a browser tab; revoked at sign-out.".into(),
                ),
                max_age: Some(TAB_TOKEN_MAX_AGE.into()),
                extended: Some(false),
            };
            api::api_tokens::create_mine_as(&request, credentials)
                .await
                .ok()
                .filter(|created| !created.full_token.is_empty() && !created.id.is_empty())
                .map(|created| TabSession {
                    token: created.full_token,
                    token_id: Some(created.id),
                })
        }
    };
    if let (Some(tab), Some(storage)) = (tab, session_storage())
        && let Ok(json) = serde_json::to_string(&tab)
    {
        let _ = storage.set_item(TAB_SESSION_KEY, &json);
    }
}

/// `admin-console-tab-20261202-0915-3fa1`: says what it is in "My API tokens", follows
/// Kestra's token-name pattern, and differs between tabs.
fn tab_token_name() -> String {
    let now = js_sys::Date::new_0();
    let suffix = (js_sys::Math::random() * 65536.0) as u32;
    format!(
        "admin-console-tab-{:04}{:02}{:02}-{:02}{:02}-{suffix:04x}",
        now.get_utc_full_year(),
        now.get_utc_month() + 1,
        now.get_utc_date(),
        now.get_utc_hours(),
        now.get_utc_minutes(),
    )
}

fn tab_session() -> Option<TabSession> {
    let json = session_storage()?
        .get_item(TAB_SESSION_KEY)
        .ok()
        .flatten()?;
    serde_json::from_str(&json).ok()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
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
