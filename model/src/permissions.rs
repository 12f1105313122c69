//! Kestra's RBAC vocabulary: the `Resource` and `Action` enums, and a role's permissions.
//!
//! A role's `permissions` is an object from resource name to action names, e.g.
//! `{"FLOW": ["VIEW", "LIST"], "EXECUTION": ["VIEW"]}`. Not every action applies to every
//! resource: `GET /api/v1/{tenant}/acls/permissions` says which do.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A role's permissions: resource to actions.
pub type Permissions = BTreeMap<Resource, Vec<Action>>;

/// `GET /api/v1/{tenant}/acls/permissions`: the catalogue of which actions apply to which
/// resource. The document makes each resource's list optional, so a `null` reads as no action.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Catalogue(pub Permissions);

impl<'de> Deserialize<'de> for Catalogue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Catalogue, D::Error> {
        let lists = BTreeMap::<Resource, Option<Vec<Action>>>::deserialize(d)?;
        Ok(Catalogue(
            lists
                .into_iter()
                .map(|(resource, actions)| (resource, actions.unwrap_or_default()))
                .collect(),
        ))
    }
}

/// A name that is not one of the enum's wire names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName(pub String);

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown name '{}'", self.0)
    }
}

impl std::error::Error for UnknownName {}

/// What a permission applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resource {
    Flow,
    Execution,
    Trigger,
    Namespace,
    Kvstore,
    ReusableInputs,
    Dashboard,
    Secret,
    Credential,
    Blueprint,
    App,
    Auditlog,
    SystemSettings,
    TenantSettings,
    Testsuite,
    Asset,
    User,
    Group,
    Role,
    Binding,
    ServiceAccount,
    Invitation,
    Copilot,
    McpServer,
    Support,
    Policy,
    Case,
    PromotionTarget,
    AppExecution,
    NamespaceFile,
    TestsuiteRun,
    TenantAccess,
    SecurityIntegration,
    CaseTemplate,
    Banner,
    KillSwitch,
    Tenant,
    VersionedPlugin,
    WorkerGroup,
    WorkerQueue,
    Instance,
    Unknown,
}

impl Resource {
    /// Every value, in Kestra's order (`Unknown` last).
    pub const ALL: &'static [Resource] = &[
        Resource::Flow,
        Resource::Execution,
        Resource::Trigger,
        Resource::Namespace,
        Resource::Kvstore,
        Resource::ReusableInputs,
        Resource::Dashboard,
        Resource::Secret,
        Resource::Credential,
        Resource::Blueprint,
        Resource::App,
        Resource::Auditlog,
        Resource::SystemSettings,
        Resource::TenantSettings,
        Resource::Testsuite,
        Resource::Asset,
        Resource::User,
        Resource::Group,
        Resource::Role,
        Resource::Binding,
        Resource::ServiceAccount,
        Resource::Invitation,
        Resource::Copilot,
        Resource::McpServer,
        Resource::Support,
        Resource::Policy,
        Resource::Case,
        Resource::PromotionTarget,
        Resource::AppExecution,
        Resource::NamespaceFile,
        Resource::TestsuiteRun,
        Resource::TenantAccess,
        Resource::SecurityIntegration,
        Resource::CaseTemplate,
        Resource::Banner,
        Resource::KillSwitch,
        Resource::Tenant,
        Resource::VersionedPlugin,
        Resource::WorkerGroup,
        Resource::WorkerQueue,
        Resource::Instance,
        Resource::Unknown,
    ];

    /// The resources of the whole instance rather than of one tenant: tenants themselves,
    /// the infrastructure (worker groups and queues, versioned plugins), the instance's
    /// settings, announcements and kill switch. Kestra manages them from its Instance Owner
    /// console (<https://kestra.io/docs/enterprise/instance/instance-owner>), so a tenant's
    /// role has no business granting them.
    pub const INSTANCE_WIDE: &'static [Resource] = &[
        Resource::SystemSettings,
        Resource::Banner,
        Resource::KillSwitch,
        Resource::Tenant,
        Resource::VersionedPlugin,
        Resource::WorkerGroup,
        Resource::WorkerQueue,
        Resource::Instance,
    ];

    /// Whether the resource belongs to the instance, not to a tenant (see [`Resource::INSTANCE_WIDE`]).
    pub fn is_instance_wide(self) -> bool {
        Resource::INSTANCE_WIDE.contains(&self)
    }

    /// The name on the wire, e.g. `FLOW`.
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Flow => "FLOW",
            Resource::Execution => "EXECUTION",
            Resource::Trigger => "TRIGGER",
            Resource::Namespace => "NAMESPACE",
            Resource::Kvstore => "KVSTORE",
            Resource::ReusableInputs => "REUSABLE_INPUTS",
            Resource::Dashboard => "DASHBOARD",
            Resource::Secret => "SECRET",
            Resource::Credential => "CREDENTIAL",
            Resource::Blueprint => "BLUEPRINT",
            Resource::App => "APP",
            Resource::Auditlog => "AUDITLOG",
            Resource::SystemSettings => "SYSTEM_SETTINGS",
            Resource::TenantSettings => "TENANT_SETTINGS",
            Resource::Testsuite => "TESTSUITE",
            Resource::Asset => "ASSET",
            Resource::User => "USER",
            Resource::Group => "GROUP",
            Resource::Role => "ROLE",
            Resource::Binding => "BINDING",
            Resource::ServiceAccount => "SERVICE_ACCOUNT",
            Resource::Invitation => "INVITATION",
            Resource::Copilot => "COPILOT",
            Resource::McpServer => "MCP_SERVER",
            Resource::Support => "SUPPORT",
            Resource::Policy => "POLICY",
            Resource::Case => "CASE",
            Resource::PromotionTarget => "PROMOTION_TARGET",
            Resource::AppExecution => "APP_EXECUTION",
            Resource::NamespaceFile => "NAMESPACE_FILE",
            Resource::TestsuiteRun => "TESTSUITE_RUN",
            Resource::TenantAccess => "TENANT_ACCESS",
            Resource::SecurityIntegration => "SECURITY_INTEGRATION",
            Resource::CaseTemplate => "CASE_TEMPLATE",
            Resource::Banner => "BANNER",
            Resource::KillSwitch => "KILL_SWITCH",
            Resource::Tenant => "TENANT",
            Resource::VersionedPlugin => "VERSIONED_PLUGIN",
            Resource::WorkerGroup => "WORKER_GROUP",
            Resource::WorkerQueue => "WORKER_QUEUE",
            Resource::Instance => "INSTANCE",
            Resource::Unknown => "UNKNOWN",
        }
    }
}

impl FromStr for Resource {
    type Err = UnknownName;

    /// Strict: only the exact wire names (including `UNKNOWN`).
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        Resource::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

/// What an answer that names no resource reads as.
impl Default for Resource {
    fn default() -> Resource {
        Resource::Unknown
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Lenient: a name this version does not know decodes as `Unknown`, so a newer Kestra
/// cannot break decoding.
impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(name.parse().unwrap_or(Resource::Unknown))
    }
}

/// What a permission allows on a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    View,
    List,
    Create,
    Update,
    Delete,
    Execute,
    Restart,
    Kill,
    Replay,
    Pause,
    Resume,
    Unqueue,
    ForceRun,
    Follow,
    Template,
    ChangeLabels,
    AccessLogs,
    AccessOutputs,
    AccessFiles,
    Export,
    Import,
    Disable,
    Enable,
    Validate,
    Unlock,
    Lock,
    Backfill,
    Promote,
    ManageFiles,
    ManageMembers,
    ManageGroupMembership,
    Use,
    Impersonate,
    Unknown,
}

impl Action {
    /// Every value, in Kestra's order (`Unknown` last).
    pub const ALL: &'static [Action] = &[
        Action::View,
        Action::List,
        Action::Create,
        Action::Update,
        Action::Delete,
        Action::Execute,
        Action::Restart,
        Action::Kill,
        Action::Replay,
        Action::Pause,
        Action::Resume,
        Action::Unqueue,
        Action::ForceRun,
        Action::Follow,
        Action::Template,
        Action::ChangeLabels,
        Action::AccessLogs,
        Action::AccessOutputs,
        Action::AccessFiles,
        Action::Export,
        Action::Import,
        Action::Disable,
        Action::Enable,
        Action::Validate,
        Action::Unlock,
        Action::Lock,
        Action::Backfill,
        Action::Promote,
        Action::ManageFiles,
        Action::ManageMembers,
        Action::ManageGroupMembership,
        Action::Use,
        Action::Impersonate,
        Action::Unknown,
    ];

    /// The name on the wire, e.g. `VIEW`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::View => "VIEW",
            Action::List => "LIST",
            Action::Create => "CREATE",
            Action::Update => "UPDATE",
            Action::Delete => "DELETE",
            Action::Execute => "EXECUTE",
            Action::Restart => "RESTART",
            Action::Kill => "KILL",
            Action::Replay => "REPLAY",
            Action::Pause => "PAUSE",
            Action::Resume => "RESUME",
            Action::Unqueue => "UNQUEUE",
            Action::ForceRun => "FORCE_RUN",
            Action::Follow => "FOLLOW",
            Action::Template => "TEMPLATE",
            Action::ChangeLabels => "CHANGE_LABELS",
            Action::AccessLogs => "ACCESS_LOGS",
            Action::AccessOutputs => "ACCESS_OUTPUTS",
            Action::AccessFiles => "ACCESS_FILES",
            Action::Export => "EXPORT",
            Action::Import => "IMPORT",
            Action::Disable => "DISABLE",
            Action::Enable => "ENABLE",
            Action::Validate => "VALIDATE",
            Action::Unlock => "UNLOCK",
            Action::Lock => "LOCK",
            Action::Backfill => "BACKFILL",
            Action::Promote => "PROMOTE",
            Action::ManageFiles => "MANAGE_FILES",
            Action::ManageMembers => "MANAGE_MEMBERS",
            Action::ManageGroupMembership => "MANAGE_GROUP_MEMBERSHIP",
            Action::Use => "USE",
            Action::Impersonate => "IMPERSONATE",
            Action::Unknown => "UNKNOWN",
        }
    }
}

impl FromStr for Action {
    type Err = UnknownName;

    /// Strict: only the exact wire names (including `UNKNOWN`).
    fn from_str(s: &str) -> Result<Self, UnknownName> {
        Action::ALL
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownName(s.to_owned()))
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Action {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Lenient: a name this version does not know decodes as `Unknown`, so a newer Kestra
/// cannot break decoding.
impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(name.parse().unwrap_or(Action::Unknown))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_round_trip_and_unknown_names_decode_as_unknown() {
        let json = r#"{"FLOW":["VIEW","LIST"],"EXECUTION":["VIEW"]}"#;
        let p: Permissions = serde_json::from_str(json).unwrap();
        assert_eq!(p[&Resource::Flow], [Action::View, Action::List]);
        assert_eq!(serde_json::to_string(&p).unwrap(), json);
        let newer: Vec<Action> = serde_json::from_str(r#"["TELEPORT"]"#).unwrap();
        assert_eq!(newer, [Action::Unknown]);
        assert!("TELEPORT".parse::<Action>().is_err());
        assert_eq!(
            "SERVICE_ACCOUNT".parse::<Resource>(),
            Ok(Resource::ServiceAccount)
        );
    }
}
