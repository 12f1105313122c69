//! Kestra's permissions in plain words: each tenant resource's name, a one-line description,
//! and the group it is shown in; actions read as sentences ("Force run"). The wire names stay
//! what is saved; this is only what a person reads.

use kestra_model::{Action, Permissions, Resource};

use super::presets::sentence_case;

/// The headings the role editor sorts resources under, in the order it shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    FlowsAndExecutions,
    NamespacesAndData,
    PeopleAndAccess,
    Governance,
    Assistants,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::FlowsAndExecutions,
        Group::NamespacesAndData,
        Group::PeopleAndAccess,
        Group::Governance,
        Group::Assistants,
    ];

    /// The group's heading.
    pub fn label(self) -> &'static str {
        match self {
            Group::FlowsAndExecutions => "Flows & executions",
            Group::NamespacesAndData => "Namespaces & data",
            Group::PeopleAndAccess => "People & access",
            Group::Governance => "Governance",
            Group::Assistants => "AI & support",
        }
    }

    /// The group's resources, in reading order.
    pub fn resources(self) -> &'static [Resource] {
        use Resource::*;
        match self {
            Self::FlowsAndExecutions => &[
                Flow,
                Execution,
                Trigger,
                Blueprint,
                Dashboard,
                App,
                AppExecution,
                Testsuite,
                TestsuiteRun,
            ],
            Self::NamespacesAndData => &[
                Namespace,
                NamespaceFile,
                Kvstore,
                Secret,
                Credential,
                ReusableInputs,
                Asset,
            ],
            Self::PeopleAndAccess => &[
                User,
                Group,
                Role,
                Binding,
                ServiceAccount,
                Invitation,
                TenantAccess,
                SecurityIntegration,
            ],
            Self::Governance => &[
                Auditlog,
                Policy,
                PromotionTarget,
                Case,
                CaseTemplate,
                TenantSettings,
            ],
            Self::Assistants => &[Copilot, McpServer, Support],
        }
    }
}

/// The groups with the resources of `shown` in each, leaving out empty groups. Every tenant
/// resource has a group (see the tests), so nothing `shown` lists is left out.
pub fn sections(shown: &Permissions) -> Vec<(Group, Vec<Resource>)> {
    Group::ALL
        .iter()
        .map(|&g| {
            let resources = g.resources().iter().copied();
            (
                g,
                resources
                    .filter(|r| shown.contains_key(r))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, resources)| !resources.is_empty())
        .collect()
}

/// A resource's name in plain words, e.g. "Key-value store" for `KVSTORE`.
pub fn resource_label(resource: Resource) -> &'static str {
    about(resource).0
}

/// What a permission on `resource` is about, in one line.
pub fn resource_description(resource: Resource) -> &'static str {
    about(resource).1
}

/// An action as a person reads it, e.g. "Force run" for `FORCE_RUN`.
pub fn action_label(action: Action) -> String {
    sentence_case(action.as_str())
}

fn about(resource: Resource) -> (&'static str, &'static str) {
    use Resource::*;
    match resource {
        Flow => (
            "Flows",
            "Flow definitions: read, write, run, import and export them.",
        ),
        Execution => (
            "Executions",
            "Runs of flows: follow, restart, kill or replay them, read their logs and outputs.",
        ),
        Trigger => (
            "Triggers",
            "Schedules and events that start flows; backfill, lock and unlock them.",
        ),
        Blueprint => (
            "Blueprints",
            "The tenant's own flow blueprints, to start new flows from.",
        ),
        Dashboard => (
            "Dashboards",
            "Custom dashboards of charts over executions and logs.",
        ),
        App => (
            "Apps",
            "Forms and pages built on flows, for people who do not use Kestra.",
        ),
        AppExecution => ("App runs", "Executions started from an app."),
        Testsuite => ("Test suites", "Unit tests of flows."),
        TestsuiteRun => ("Test runs", "Results of running test suites."),
        Namespace => (
            "Namespaces",
            "The namespaces flows live in, and their settings.",
        ),
        NamespaceFile => (
            "Namespace files",
            "Scripts and other files stored in a namespace for its flows.",
        ),
        Kvstore => (
            "Key-value store",
            "Values that flows read and write between runs.",
        ),
        Secret => ("Secrets", "Passwords, keys and tokens that flows use."),
        Credential => ("Credentials", "Stored sign-ins to outside services."),
        ReusableInputs => ("Reusable inputs", "Input definitions shared between flows."),
        Asset => (
            "Assets",
            "Tables, files and other data that flows produce and use.",
        ),
        User => ("People", "The people of the tenant and their accounts."),
        Resource::Group => ("Groups", "Groups of people, and who is in them."),
        Role => ("Roles", "Named sets of permissions, like this one."),
        Binding => (
            "Role bindings",
            "Who holds which role, tenant-wide or in a namespace.",
        ),
        ServiceAccount => (
            "Service accounts",
            "Accounts for programs and CI, with their API tokens.",
        ),
        Invitation => ("Invitations", "Invitations to join the tenant, by email."),
        TenantAccess => ("Tenant access", "Which people may use this tenant at all."),
        SecurityIntegration => (
            "Security integrations",
            "Single sign-on and user provisioning (SCIM).",
        ),
        Auditlog => (
            "Audit logs",
            "The record of every change made in the tenant.",
        ),
        Policy => ("Policies", "Rules that flows and executions must follow."),
        PromotionTarget => (
            "Promotion targets",
            "Where flows are promoted to, e.g. from development to production.",
        ),
        Case => (
            "Cases",
            "Follow-ups of failed executions and other incidents.",
        ),
        CaseTemplate => ("Case templates", "Templates new cases start from."),
        TenantSettings => ("Tenant settings", "This tenant's own settings."),
        Copilot => (
            "AI Copilot",
            "The assistant that writes and explains flows.",
        ),
        McpServer => (
            "MCP servers",
            "Servers through which AI agents use Kestra's tools.",
        ),
        Support => ("Support", "Requests to Kestra's support."),
        SystemSettings => ("System settings", "The instance's settings."),
        Banner => (
            "Announcements",
            "Banners shown to everyone on the instance.",
        ),
        KillSwitch => ("Kill switch", "Stopping executions across the instance."),
        Tenant => ("Tenants", "Creating, editing and deleting tenants."),
        VersionedPlugin => (
            "Versioned plugins",
            "Plugin versions installed on the instance.",
        ),
        WorkerGroup => ("Worker groups", "Groups of workers that run tasks."),
        WorkerQueue => ("Worker queues", "Queues that dispatch tasks to workers."),
        Instance => ("Instance", "The Kestra instance itself."),
        Unknown => ("Unknown", "A resource this console does not know."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tenant_resource_is_in_exactly_one_group_and_no_instance_one_is() {
        for &resource in Resource::ALL {
            let groups = Group::ALL
                .iter()
                .filter(|g| g.resources().contains(&resource))
                .count();
            let tenant = resource != Resource::Unknown && !resource.is_instance_wide();
            assert_eq!(groups, usize::from(tenant), "{resource}");
        }
    }

    #[test]
    fn sections_follow_the_groups_and_skip_empty_ones() {
        let shown = Permissions::from([
            (Resource::Role, vec![Action::View]),
            (Resource::Execution, vec![Action::View]),
            (Resource::Flow, vec![Action::View]),
        ]);
        assert_eq!(
            sections(&shown),
            [
                (
                    Group::FlowsAndExecutions,
                    vec![Resource::Flow, Resource::Execution]
                ),
                (Group::PeopleAndAccess, vec![Resource::Role]),
            ]
        );
    }

    #[test]
    fn resources_and_actions_read_in_plain_words() {
        assert_eq!(resource_label(Resource::Kvstore), "Key-value store");
        assert!(resource_description(Resource::Secret).starts_with("Passwords"));
        assert_eq!(action_label(Action::ForceRun), "Force run");
    }
}
