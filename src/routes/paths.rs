//! Every console URL, below the router base (`/ui`): its path pattern beside the typed link
//! builder that fills it in, so each URL is written once.
//!
//! Plain Rust on purpose (no Leptos, no `crate::` paths): the e2e crate compiles this same file
//! (`e2e/src/lib.rs`), so the journeys open pages with the builders the console links with,
//! without building Leptos natively. The Leptos side (matching a [`Pattern`] in `<Route>`,
//! typed params) is in `routes/mod.rs`.

/// A path pattern as `<Route>` matches it: `/`-separated static segments and `:name` params.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pattern(pub &'static str);

impl Pattern {
    /// The pattern's segments, without the slashes.
    pub fn segments(self) -> impl Iterator<Item = &'static str> {
        self.0.split('/').filter(|s| !s.is_empty())
    }

    /// The path with each `:param` replaced, in order, by one of `values`, percent-encoded so
    /// an id with `/` or `?` stays one segment.
    pub fn fill(self, values: &[&str]) -> String {
        let mut values = values.iter();
        let mut path = String::new();
        for segment in self.segments() {
            path.push('/');
            if segment.starts_with(':') {
                let value = values.next().expect("a value for every param");
                path.push_str(&encode(value));
            } else {
                path.push_str(segment);
            }
        }
        debug_assert!(values.next().is_none(), "more values than params");
        path
    }
}

/// The sign-in page.
pub const LOGIN: Pattern = Pattern("/login");
/// The landing page, which picks a tenant.
pub const LANDING: Pattern = Pattern("/");
/// The tenant segment of every tenant page, with multi-tenancy.
pub const IN_TENANT: Pattern = Pattern("/:tenant");
/// Without multi-tenancy (from `/api/v1/configs`) tenant pages have no tenant segment.
pub const WITHOUT_TENANT: Pattern = Pattern("");
/// Below the tenant (or the base): the administration pages.
pub const ADMIN: Pattern = Pattern("/admin");

// Below `ADMIN`. Pages with a `new` path list it before their `:id` path in the route table.
pub const TENANT_HOME: Pattern = Pattern("");
pub const GROUPS: Pattern = Pattern("/groups");
pub const GROUP_NEW: Pattern = Pattern("/groups/new");
pub const GROUP: Pattern = Pattern("/groups/:id");
pub const ROLES: Pattern = Pattern("/roles");
pub const ROLE_NEW: Pattern = Pattern("/roles/new");
pub const ROLE: Pattern = Pattern("/roles/:id");
pub const ACCESS: Pattern = Pattern("/access");
pub const BINDING_NEW: Pattern = Pattern("/access/new");
pub const EFFECTIVE: Pattern = Pattern("/access/effective");
pub const ACCESS_EXPORT: Pattern = Pattern("/access/export");
pub const ACCESS_COPY: Pattern = Pattern("/access/copy");
pub const INVITATIONS: Pattern = Pattern("/invitations");
pub const INVITATION_NEW: Pattern = Pattern("/invitations/new");
pub const TENANTS: Pattern = Pattern("/tenants");
pub const TENANT_NEW: Pattern = Pattern("/tenants/new");
pub const TENANT: Pattern = Pattern("/tenants/:id");
pub const USERS: Pattern = Pattern("/users");
pub const USER_NEW: Pattern = Pattern("/users/new");
pub const USER: Pattern = Pattern("/users/:id");
pub const SERVICE_ACCOUNTS: Pattern = Pattern("/service-accounts");
pub const SERVICE_ACCOUNT_NEW: Pattern = Pattern("/service-accounts/new");
pub const SERVICE_ACCOUNT: Pattern = Pattern("/service-accounts/:id");
pub const MY_TOKENS: Pattern = Pattern("/my-tokens");
pub const AUDIT_LOGS: Pattern = Pattern("/audit-logs");
pub const AUDIT_LOG: Pattern = Pattern("/audit-logs/:id");
/// The instance-wide trail, for instance owners, kept inside a tenant's frame.
pub const INSTANCE_AUDIT_LOGS: Pattern = Pattern("/instance/audit-logs");
pub const INSTANCE_AUDIT_LOG: Pattern = Pattern("/instance/audit-logs/:id");
pub const MY_PROFILE: Pattern = Pattern("/profile");
// The instance section (instance owners): below the tenant too, so the frame stays.
pub const INSTANCE_PEOPLE: Pattern = Pattern("/instance/people");
pub const INSTANCE_PERSON: Pattern = Pattern("/instance/people/:id");
pub const INSTANCE_SERVICE_ACCOUNTS: Pattern = Pattern("/instance/service-accounts");
pub const INSTANCE_SERVICE_ACCOUNT: Pattern = Pattern("/instance/service-accounts/:id");

/// `/login`, remembering where to go back to afterwards (a path below the base).
pub fn login(redirect: Option<&str>) -> String {
    login_with(redirect, SignInMethod::Password)
}

/// `/login` on the tab of `method` (`?method=token`), so a reload keeps the chosen tab.
pub fn login_with(redirect: Option<&str>, method: SignInMethod) -> String {
    let method = (method != SignInMethod::Password).then(|| method.param());
    with_query(
        LOGIN.fill(&[]),
        &[("redirect", redirect), ("method", method)],
    )
}

/// `/`: the landing page.
pub fn landing() -> String {
    LANDING.0.to_string()
}

/// The start of every tenant page's path: `/<tenant>/admin`, or `/admin` when the server
/// has no multi-tenancy (the tenant is then empty).
pub fn tenant_home(tenant: &str) -> String {
    let tenant = if tenant.is_empty() {
        WITHOUT_TENANT.fill(&[])
    } else {
        IN_TENANT.fill(&[tenant])
    };
    format!("{tenant}{}", ADMIN.fill(&[]))
}

fn admin(tenant: &str, page: Pattern, values: &[&str]) -> String {
    format!("{}{}", tenant_home(tenant), page.fill(values))
}

pub fn groups(tenant: &str) -> String {
    admin(tenant, GROUPS, &[])
}

pub fn group_new(tenant: &str) -> String {
    admin(tenant, GROUP_NEW, &[])
}

pub fn group(tenant: &str, id: &str) -> String {
    admin(tenant, GROUP, &[id])
}

pub fn roles(tenant: &str) -> String {
    admin(tenant, ROLES, &[])
}

pub fn role_new(tenant: &str) -> String {
    admin(tenant, ROLE_NEW, &[])
}

pub fn role(tenant: &str, id: &str) -> String {
    admin(tenant, ROLE, &[id])
}

/// The create-role form filled in from a copy of role `id` (`?from=<id>`), so a reload keeps
/// the copy.
pub fn role_copy(tenant: &str, id: &str) -> String {
    with_query(role_new(tenant), &[("from", Some(id))])
}

/// The tenant's bindings, filtered by `(name, value)` pairs (`type`, `subject`, `namespace`,
/// `role`); pairs with no value are left out.
pub fn access(tenant: &str, filter: &[(&str, Option<&str>)]) -> String {
    with_query(admin(tenant, ACCESS, &[]), filter)
}

/// The give-a-role form; `subject` picks a subject of kind `kind` (`user`, `group`,
/// `service-account`) in advance.
pub fn binding_new(tenant: &str, subject: Option<(&str, &str)>) -> String {
    binding_for(tenant, subject, None, None)
}

/// The give-a-role form filled in: the subject (kind and id), the role (by id) and the
/// namespace, each when given (`?type=&subject=&role=&namespace=`).
pub fn binding_for(
    tenant: &str,
    subject: Option<(&str, &str)>,
    role: Option<&str>,
    namespace: Option<&str>,
) -> String {
    let (kind, id) = subject.unzip();
    with_query(
        admin(tenant, BINDING_NEW, &[]),
        &[
            ("type", kind),
            ("subject", id),
            ("role", role),
            ("namespace", namespace),
        ],
    )
}

/// What a user or service account may do, when `subject` is given.
pub fn effective(tenant: &str, subject: Option<&str>) -> String {
    effective_at(tenant, &EffectiveView::of(subject))
}

/// What the effective-access page shows: whose access, where, and beside whose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EffectiveView {
    /// The user or service account (its id).
    pub subject: Option<String>,
    /// The namespace looked at; the whole tenant when `None`.
    pub namespace: Option<String>,
    /// A second subject shown beside the first.
    pub compare: Option<String>,
}

impl EffectiveView {
    /// `subject` looked at on the whole tenant.
    pub fn of(subject: Option<&str>) -> EffectiveView {
        EffectiveView {
            subject: subject.map(str::to_string),
            ..EffectiveView::default()
        }
    }
}

/// The effective-access page showing `view` (`?subject=&namespace=&compare=`).
pub fn effective_at(tenant: &str, view: &EffectiveView) -> String {
    with_query(
        admin(tenant, EFFECTIVE, &[]),
        &[
            ("subject", view.subject.as_deref()),
            ("namespace", view.namespace.as_deref()),
            ("compare", view.compare.as_deref()),
        ],
    )
}

/// The tenant's access as code, in `format` (`terraform`, the default, or `kestractl`).
pub fn access_export(tenant: &str, format: Option<&str>) -> String {
    with_query(admin(tenant, ACCESS_EXPORT, &[]), &[("format", format)])
}

/// Copying the tenant's access to another tenant, `to` when chosen.
pub fn access_copy(tenant: &str, to: Option<&str>) -> String {
    with_query(admin(tenant, ACCESS_COPY, &[]), &[("to", to)])
}

pub fn invitations(tenant: &str) -> String {
    admin(tenant, INVITATIONS, &[])
}

/// The invite form, with `email` filled in when given.
pub fn invitation_new(tenant: &str, email: Option<&str>) -> String {
    with_query(admin(tenant, INVITATION_NEW, &[]), &[("email", email)])
}

pub fn tenants(tenant: &str) -> String {
    admin(tenant, TENANTS, &[])
}

pub fn tenant_new(tenant: &str) -> String {
    admin(tenant, TENANT_NEW, &[])
}

/// The page of tenant `id`, shown inside the current `tenant`'s frame.
pub fn tenant(tenant: &str, id: &str) -> String {
    admin(tenant, TENANT, &[id])
}

pub fn users(tenant: &str) -> String {
    admin(tenant, USERS, &[])
}

pub fn user_new(tenant: &str) -> String {
    admin(tenant, USER_NEW, &[])
}

/// A person's page on its first tab.
pub fn user(tenant: &str, id: &str) -> String {
    admin(tenant, USER, &[id])
}

/// A person's page on `tab` (`?tab=groups`), so a reload or a shared link opens that tab.
pub fn user_tab(tenant: &str, id: &str, tab: UserTab) -> String {
    let tab = (tab != UserTab::Overview).then(|| tab.param());
    with_query(user(tenant, id), &[("tab", tab)])
}

pub fn service_accounts(tenant: &str) -> String {
    admin(tenant, SERVICE_ACCOUNTS, &[])
}

pub fn service_account_new(tenant: &str) -> String {
    admin(tenant, SERVICE_ACCOUNT_NEW, &[])
}

pub fn service_account(tenant: &str, id: &str) -> String {
    admin(tenant, SERVICE_ACCOUNT, &[id])
}

pub fn my_tokens(tenant: &str) -> String {
    admin(tenant, MY_TOKENS, &[])
}

/// The tenant's audit trail, narrowed by `filter`.
pub fn audit_logs(tenant: &str, filter: &AuditQuery) -> String {
    filter.on(admin(tenant, AUDIT_LOGS, &[]))
}

/// Every tenant's and the instance's audit trail (instance owners), narrowed by `filter`.
pub fn instance_audit_logs(tenant: &str, filter: &AuditQuery) -> String {
    filter.on(admin(tenant, INSTANCE_AUDIT_LOGS, &[]))
}

/// One entry of the tenant's trail; `at` is its date, which the page searches by (the
/// document has no way to read one log by its id).
pub fn audit_log(tenant: &str, id: &str, at: &str) -> String {
    with_query(admin(tenant, AUDIT_LOG, &[id]), &[("at", Some(at))])
}

/// One entry of the instance-wide trail, as [`audit_log`].
pub fn instance_audit_log(tenant: &str, id: &str, at: &str) -> String {
    with_query(
        admin(tenant, INSTANCE_AUDIT_LOG, &[id]),
        &[("at", Some(at))],
    )
}

/// The filters of an audit trail page, as its URL keeps them (`?user=u1&action=UPDATE&
/// resource=ROLE&id=r1&from=2026-01-01&to=2026-01-31`): `from` and `to` are days in the
/// viewer's time zone, the rest the server's own names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditQuery {
    pub user: Option<String>,
    pub action: Option<String>,
    pub resource: Option<String>,
    pub id: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl AuditQuery {
    /// The query's names, in the URL's order.
    pub const NAMES: [&'static str; 6] = ["user", "action", "resource", "id", "from", "to"];

    /// Reads the filters from URL parameters (`param` looks one up); blanks are no filter.
    pub fn from_params(param: impl Fn(&str) -> Option<String>) -> AuditQuery {
        let get = |name| param(name).filter(|v| !v.trim().is_empty());
        AuditQuery {
            user: get("user"),
            action: get("action"),
            resource: get("resource"),
            id: get("id"),
            from: get("from"),
            to: get("to"),
        }
    }

    /// `(name, value)` for every filter set, in [`AuditQuery::NAMES`] order.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let values = [
            &self.user,
            &self.action,
            &self.resource,
            &self.id,
            &self.from,
            &self.to,
        ];
        AuditQuery::NAMES
            .into_iter()
            .zip(values)
            .filter_map(|(name, value)| Some((name, value.clone()?)))
            .collect()
    }

    /// Whether any filter is set.
    pub fn is_empty(&self) -> bool {
        self.params().is_empty()
    }

    fn on(&self, path: String) -> String {
        let params = self.params();
        let pairs: Vec<(&str, Option<&str>)> =
            params.iter().map(|(k, v)| (*k, Some(v.as_str()))).collect();
        with_query(path, &pairs)
    }
}

/// The signed-in person's own page: names, password, tenants, invitations.
pub fn my_profile(tenant: &str) -> String {
    admin(tenant, MY_PROFILE, &[])
}

/// Every person of the instance, whatever their tenants (instance owners).
pub fn instance_people(tenant: &str) -> String {
    admin(tenant, INSTANCE_PEOPLE, &[])
}

/// One person as the instance sees them: their tenants, flags, sign-in methods, deletion.
pub fn instance_person(tenant: &str, id: &str) -> String {
    admin(tenant, INSTANCE_PERSON, &[id])
}

/// Every service account of the instance, those in no tenant included (instance owners).
pub fn instance_service_accounts(tenant: &str) -> String {
    admin(tenant, INSTANCE_SERVICE_ACCOUNTS, &[])
}

/// One service account as the instance sees it.
pub fn instance_service_account(tenant: &str, id: &str) -> String {
    admin(tenant, INSTANCE_SERVICE_ACCOUNT, &[id])
}

/// The tabs of the sign-in form, as named in its URL's `method` query parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInMethod {
    Password,
    Token,
}

impl SignInMethod {
    /// The value in the URL.
    pub fn param(self) -> &'static str {
        match self {
            SignInMethod::Password => "password",
            SignInMethod::Token => "token",
        }
    }

    /// Reads [`SignInMethod::param`] back; anything else is the password tab.
    pub fn from_param(text: Option<&str>) -> SignInMethod {
        match text {
            Some("token") => SignInMethod::Token,
            _ => SignInMethod::Password,
        }
    }
}

/// The tabs of a person's page, as named in its URL's `tab` query parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserTab {
    Overview,
    Authentication,
    Groups,
    Access,
    Tokens,
    History,
}

impl UserTab {
    /// Every tab, in the order the page shows them.
    pub const ALL: [UserTab; 6] = [
        UserTab::Overview,
        UserTab::Authentication,
        UserTab::Groups,
        UserTab::Access,
        UserTab::Tokens,
        UserTab::History,
    ];

    /// The value in the URL.
    pub fn param(self) -> &'static str {
        match self {
            UserTab::Overview => "overview",
            UserTab::Authentication => "authentication",
            UserTab::Groups => "groups",
            UserTab::Access => "access",
            UserTab::Tokens => "tokens",
            UserTab::History => "history",
        }
    }

    /// Reads [`UserTab::param`] back; anything else is the first tab.
    pub fn from_param(text: Option<&str>) -> UserTab {
        UserTab::ALL
            .into_iter()
            .find(|t| Some(t.param()) == text)
            .unwrap_or(UserTab::Overview)
    }
}

/// `path` plus a query of the pairs that have a value, each percent-encoded.
pub fn with_query(mut path: String, pairs: &[(&str, Option<&str>)]) -> String {
    let present = pairs.iter().filter_map(|(k, v)| Some((k, (*v)?)));
    for (i, (key, value)) in present.enumerate() {
        path.push(if i == 0 { '?' } else { '&' });
        path.push_str(&format!("{key}={}", encode(value)));
    }
    path
}

/// Percent-encodes everything except RFC 3986's unreserved characters: for console paths here
/// and for API paths in `api::url`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_pages_have_a_tenant_segment_only_with_multi_tenancy() {
        assert_eq!(tenant_home("dev"), "/dev/admin");
        assert_eq!(tenant_home("a/b"), "/a%2Fb/admin");
        assert_eq!(tenant_home(""), "/admin");
        assert_eq!(group("", "g1"), "/admin/groups/g1");
    }

    #[test]
    fn builders_fill_their_own_pattern() {
        assert_eq!(group("dev", "x/y?z"), "/dev/admin/groups/x%2Fy%3Fz");
        assert_eq!(
            service_account_new("dev"),
            "/dev/admin/service-accounts/new"
        );
        assert_eq!(LANDING.fill(&[]), "");
        assert_eq!(landing(), "/");
    }

    #[test]
    fn queries_keep_only_given_values_encoded() {
        assert_eq!(login(Some("/dev/admin")), "/login?redirect=%2Fdev%2Fadmin");
        assert_eq!(login(None), "/login");
        assert_eq!(
            login_with(Some("/dev/admin"), SignInMethod::Token),
            "/login?redirect=%2Fdev%2Fadmin&method=token"
        );
        assert_eq!(SignInMethod::from_param(Some("token")), SignInMethod::Token);
        assert_eq!(SignInMethod::from_param(None), SignInMethod::Password);
        assert_eq!(
            binding_new("dev", Some(("group", "g 1"))),
            "/dev/admin/access/new?type=group&subject=g%201"
        );
        assert_eq!(
            access("dev", &[("role", Some("r1"))]),
            "/dev/admin/access?role=r1"
        );
        assert_eq!(effective("dev", None), "/dev/admin/access/effective");
        let view = EffectiveView {
            subject: Some("u1".into()),
            namespace: Some("company.data".into()),
            compare: Some("u 2".into()),
        };
        assert_eq!(
            effective_at("dev", &view),
            "/dev/admin/access/effective?subject=u1&namespace=company.data&compare=u%202"
        );
        assert_eq!(
            binding_for(
                "dev",
                Some(("user", "u1")),
                Some("r1"),
                Some("company.data")
            ),
            "/dev/admin/access/new?type=user&subject=u1&role=r1&namespace=company.data"
        );
    }

    #[test]
    fn the_user_tab_round_trips_and_the_first_tab_keeps_the_url_clean() {
        assert_eq!(
            user_tab("dev", "u1", UserTab::Overview),
            "/dev/admin/users/u1"
        );
        assert_eq!(
            user_tab("dev", "u1", UserTab::Groups),
            "/dev/admin/users/u1?tab=groups"
        );
        for tab in UserTab::ALL {
            assert_eq!(UserTab::from_param(Some(tab.param())), tab);
        }
        assert_eq!(UserTab::from_param(Some("nonsense")), UserTab::Overview);
    }

    #[test]
    fn audit_filters_round_trip_through_the_url() {
        let filter = AuditQuery {
            user: Some("u 1".into()),
            resource: Some("ROLE".into()),
            from: Some("2026-01-01".into()),
            ..Default::default()
        };
        assert_eq!(
            audit_logs("dev", &filter),
            "/dev/admin/audit-logs?user=u%201&resource=ROLE&from=2026-01-01"
        );
        assert_eq!(
            instance_audit_logs("dev", &AuditQuery::default()),
            "/dev/admin/instance/audit-logs"
        );
        let params = filter.params();
        let back = AuditQuery::from_params(|name| {
            params
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(back, filter);
        assert_eq!(
            audit_log("dev", "l1", "2026-01-01T10:00:00Z"),
            "/dev/admin/audit-logs/l1?at=2026-01-01T10%3A00%3A00Z"
        );
    }
}
