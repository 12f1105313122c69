//! Bindings (who holds which role where), as the access pages and every subject's page show
//! them: the filterable table with delete, a subject's own roles, and the vocabulary both use
//! (the kind of subject, the filters kept in the URL, a binding's subject by name).

mod effect;
mod role_holders;
mod subject_bindings;
mod table;

pub use effect::{BindingEffect, BindingSketch, MembershipEffect};
pub use role_holders::RoleHolders;
pub use subject_bindings::SubjectBindings;
pub use table::{BindingsTable, describe};

use kestra_model::{BindingDetail, BindingType, UserType};

use crate::api::bindings::BindingFilter;
use crate::routes;

/// Who a binding gives its role to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectKind {
    User,
    Group,
    ServiceAccount,
}

impl SubjectKind {
    /// Every kind, in the order the filters offer them.
    pub const ALL: [SubjectKind; 3] = [
        SubjectKind::User,
        SubjectKind::Group,
        SubjectKind::ServiceAccount,
    ];

    /// The value in console URLs (`?type=service-account`).
    pub fn param(self) -> &'static str {
        match self {
            SubjectKind::User => "user",
            SubjectKind::Group => "group",
            SubjectKind::ServiceAccount => "service-account",
        }
    }

    /// Reads [`SubjectKind::param`] back.
    pub fn from_param(text: &str) -> Option<SubjectKind> {
        SubjectKind::ALL.into_iter().find(|k| k.param() == text)
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            SubjectKind::User => "User",
            SubjectKind::Group => "Group",
            SubjectKind::ServiceAccount => "Service account",
        }
    }

    /// The binding's kind: Kestra binds service accounts as users of type `SERVICE_ACCOUNT`.
    pub fn of(binding: &BindingDetail) -> SubjectKind {
        match (
            binding.binding_type,
            binding.user.as_ref().and_then(|u| u.user_type),
        ) {
            (Some(BindingType::Group), _) => SubjectKind::Group,
            (_, Some(UserType::ServiceAccount)) => SubjectKind::ServiceAccount,
            _ => SubjectKind::User,
        }
    }

    /// The type Kestra's create and search calls take.
    pub fn binding_type(self) -> BindingType {
        match self {
            SubjectKind::Group => BindingType::Group,
            SubjectKind::User | SubjectKind::ServiceAccount => BindingType::User,
        }
    }
}

/// The filters of a binding list, as kept in the URL (`?type=group&subject=<id>&namespace=<ns>`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccessFilter {
    pub kind: Option<SubjectKind>,
    /// The user's, group's or service account's id.
    pub subject: Option<String>,
    pub namespace: Option<String>,
    /// The role's id (from a role's "Who holds it").
    pub role: Option<String>,
}

impl AccessFilter {
    /// Reads the filters from URL parameters; unknown values are ignored.
    pub fn from_params(param: impl Fn(&str) -> Option<String>) -> AccessFilter {
        let present = |name| param(name).filter(|v| !v.trim().is_empty());
        AccessFilter {
            kind: param("type").as_deref().and_then(SubjectKind::from_param),
            subject: present("subject"),
            namespace: present("namespace"),
            role: present("role"),
        }
    }

    /// The URL parameters, to append to the list's own (`page`, `sort`, `q`).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        pairs.extend(self.kind.map(|k| ("type", k.param().to_string())));
        pairs.extend(self.subject.clone().map(|s| ("subject", s)));
        pairs.extend(self.namespace.clone().map(|n| ("namespace", n)));
        pairs.extend(self.role.clone().map(|r| ("role", r)));
        pairs
    }

    /// The search: Kestra's own filters, and the person's kind and the role, which the fetch
    /// layer applies itself.
    pub fn search(&self) -> BindingFilter {
        BindingFilter {
            binding_type: self.kind.map(SubjectKind::binding_type),
            subject_id: self.subject.clone(),
            namespace: self.namespace.clone(),
            user_type: match self.kind {
                Some(SubjectKind::User) => Some(UserType::Standard),
                Some(SubjectKind::ServiceAccount) => Some(UserType::ServiceAccount),
                _ => None,
            },
            role_id: self.role.clone(),
        }
    }
}

/// The name shown for a binding's subject: the group's name, or the person's display name
/// (else username).
pub fn subject_label(binding: &BindingDetail) -> String {
    if let Some(group) = &binding.group {
        return group
            .name
            .clone()
            .or_else(|| group.id.clone())
            .unwrap_or_default();
    }
    binding
        .user
        .as_ref()
        .and_then(|u| {
            u.display_name
                .clone()
                .filter(|n| !n.is_empty())
                .or_else(|| u.username.clone())
                .or_else(|| u.id.clone())
        })
        .unwrap_or_default()
}

/// The subject's id.
pub fn subject_id(binding: &BindingDetail) -> String {
    binding
        .group
        .as_ref()
        .and_then(|g| g.id.clone())
        .or_else(|| binding.user.as_ref().and_then(|u| u.id.clone()))
        .unwrap_or_default()
}

/// The console page of a subject.
pub fn subject_link(tenant: &str, kind: SubjectKind, id: &str) -> String {
    match kind {
        SubjectKind::Group => routes::group(tenant, id),
        SubjectKind::User => routes::user(tenant, id),
        SubjectKind::ServiceAccount => routes::service_account(tenant, id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_through_the_url_and_map_to_kestras_search() {
        let filter = AccessFilter {
            kind: Some(SubjectKind::ServiceAccount),
            subject: Some("sa1".into()),
            namespace: Some("company.team".into()),
            role: None,
        };
        let params = filter.params();
        let back = AccessFilter::from_params(|name| {
            params
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        });
        assert_eq!(back, filter);
        let search = filter.search();
        assert_eq!(search.binding_type, Some(BindingType::User));
        assert_eq!(search.user_type, Some(UserType::ServiceAccount));
        assert_eq!(
            AccessFilter::from_params(|_| Some("nonsense".into())).kind,
            None
        );
    }
}
