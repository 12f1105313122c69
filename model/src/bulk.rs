//! Changes made to many people, service accounts or groups at once (the lists' "bulk
//! changes"): what each change is, the one sentence a confirmation says about it ("Give
//! Developer on company.data to 37 people"), the all-or-nothing body of a role given to many
//! (`POST /{tenant}/bindings/bulk`), and the split of one-by-one results into what succeeded
//! and what failed, with why.
//!
//! Sending the requests, and how many at once, is the console's business; this module only
//! plans and describes, so all of it is tested natively.

use crate::bindings::{BindingType, CreateBindingRequest};

/// What a list's rows are, for the words a sentence uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subjects {
    People,
    ServiceAccounts,
    Groups,
}

impl Subjects {
    /// "1 person", "37 people", "2 service accounts".
    pub fn count(self, n: usize) -> String {
        let (one, many) = match self {
            Subjects::People => ("person", "people"),
            Subjects::ServiceAccounts => ("service account", "service accounts"),
            Subjects::Groups => ("group", "groups"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }

    /// How a binding names these subjects: a person and a service account are both users.
    pub fn binding_type(self) -> BindingType {
        match self {
            Subjects::Groups => BindingType::Group,
            Subjects::People | Subjects::ServiceAccounts => BindingType::User,
        }
    }
}

/// One change to every selected subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkChange {
    /// A role, on the whole tenant (no namespaces) or on each of `namespaces`.
    GiveRole {
        role_id: String,
        role_name: String,
        namespaces: Vec<String>,
    },
    AddToGroup {
        group_id: String,
        group_name: String,
    },
    RemoveFromGroup {
        group_id: String,
        group_name: String,
    },
    /// Takes away their access to the tenant (and with it their groups and roles there).
    RemoveAccess { tenant: String },
}

impl BulkChange {
    /// Whether the server takes the change in one all-or-nothing request (a role given to
    /// many); the others go out one request per subject.
    pub fn is_all_or_nothing(&self) -> bool {
        matches!(self, BulkChange::GiveRole { .. })
    }

    /// What happens, in one sentence: "Give Developer on company.data to 37 people".
    pub fn sentence(&self, subjects: Subjects, n: usize) -> String {
        let who = subjects.count(n);
        match self {
            BulkChange::GiveRole {
                role_name,
                namespaces,
                ..
            } => format!("Give {role_name} {} to {who}", scope(namespaces)),
            BulkChange::AddToGroup { group_name, .. } => format!("Add {who} to {group_name}"),
            BulkChange::RemoveFromGroup { group_name, .. } => {
                format!("Remove {who} from {group_name}")
            }
            BulkChange::RemoveAccess { tenant } => {
                format!("Remove the access of {who} to the tenant {tenant}")
            }
        }
    }

    /// The confirm button's words.
    pub fn verb(&self) -> &'static str {
        match self {
            BulkChange::GiveRole { .. } => "Give role",
            BulkChange::AddToGroup { .. } => "Add to group",
            BulkChange::RemoveFromGroup { .. } => "Remove from group",
            BulkChange::RemoveAccess { .. } => "Remove access",
        }
    }

    /// What the confirmation adds under the sentence: how the change is applied, and what it
    /// takes with it.
    pub fn consequence(&self, subjects: Subjects) -> String {
        match self {
            BulkChange::GiveRole { .. } => "All of them get it in one change, or none does if the server refuses any.".into(),
            BulkChange::AddToGroup { .. } if subjects != Subjects::Groups => {
                "They are added one by one; anyone without access to the tenant gets it by joining. Those already in the group stay as they are.".into()
            }
            BulkChange::RemoveAccess { .. } => "They are removed one by one and lose every group and role they hold in this tenant.".into(),
            _ => "They are changed one by one; the result lists any that failed.".into(),
        }
    }

    /// The past tense for a result: "Developer given on the whole tenant to 37 people".
    pub fn done(&self, subjects: Subjects, n: usize) -> String {
        let who = subjects.count(n);
        match self {
            BulkChange::GiveRole {
                role_name,
                namespaces,
                ..
            } => format!("{role_name} given {} to {who}", scope(namespaces)),
            BulkChange::AddToGroup { group_name, .. } => format!("{who} added to {group_name}"),
            BulkChange::RemoveFromGroup { group_name, .. } => {
                format!("{who} removed from {group_name}")
            }
            BulkChange::RemoveAccess { tenant } => format!("{who} may no longer use {tenant}"),
        }
    }
}

/// "on the whole tenant", "on company.data", "on company.data and company.ops", "on a, b and c".
fn scope(namespaces: &[String]) -> String {
    match namespaces {
        [] => "on the whole tenant".into(),
        [one] => format!("on {one}"),
        [rest @ .., last] => format!("on {} and {last}", rest.join(", ")),
    }
}

/// The body of `POST /{tenant}/bindings/bulk` for a role given to `ids`: one binding per
/// subject, or one per subject and namespace; the server creates all of them or none.
pub fn bindings_body(
    subjects: Subjects,
    ids: &[String],
    role_id: &str,
    namespaces: &[String],
) -> Vec<CreateBindingRequest> {
    let scopes: Vec<Option<String>> = if namespaces.is_empty() {
        vec![None]
    } else {
        namespaces.iter().cloned().map(Some).collect()
    };
    ids.iter()
        .flat_map(|id| {
            scopes.iter().map(move |namespace| CreateBindingRequest {
                binding_type: subjects.binding_type(),
                external_id: id.clone(),
                role_id: role_id.to_string(),
                namespace_id: namespace.clone(),
            })
        })
        .collect()
}

/// Reads the namespaces typed for a role (separated by commas, spaces or new lines), in the
/// order typed and without repeats; nothing typed means the whole tenant. Each must follow
/// Kestra's pattern `^[a-z0-9][a-z0-9._-]*`.
pub fn parse_namespaces(text: &str) -> Result<Vec<String>, String> {
    let mut found: Vec<String> = Vec::new();
    for ns in text.split(|c: char| c == ',' || c.is_whitespace()) {
        if ns.is_empty() {
            continue;
        }
        let mut chars = ns.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
        if !first_ok
            || !chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        {
            return Err(format!(
                "“{ns}” is not a namespace: use lowercase letters, digits, dots, dashes and underscores, starting with a letter or digit (e.g. company.team)."
            ));
        }
        if !found.iter().any(|f| f == ns) {
            found.push(ns.to_string());
        }
    }
    Ok(found)
}

/// One subject's result in a change sent one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub id: String,
    /// How the list names them ("Gavin Belson").
    pub label: String,
    /// Why, in the words the user reads.
    pub reason: String,
}

/// The results of a change sent one by one: who it worked for and who it failed for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The ids it worked for.
    pub succeeded: Vec<String>,
    /// Those it failed for, sorted by name.
    pub failed: Vec<Failure>,
}

impl Outcome {
    /// Splits `(id, label, result)` triples; failures are sorted by name so the list reads well.
    pub fn split(
        results: impl IntoIterator<Item = (String, String, Result<(), String>)>,
    ) -> Outcome {
        let mut outcome = Outcome::default();
        for (id, label, result) in results {
            match result {
                Ok(()) => outcome.succeeded.push(id),
                Err(reason) => outcome.failed.push(Failure { id, label, reason }),
            }
        }
        outcome.failed.sort_by_key(|f| f.label.to_lowercase());
        outcome
    }

    /// The subjects to send again with "Retry the failed ones": `(id, label)`.
    pub fn retry(&self) -> Vec<(String, String)> {
        self.failed
            .iter()
            .map(|f| (f.id.clone(), f.label.clone()))
            .collect()
    }

    /// The summary line: "35 people added to Ops; 2 failed." or just the first half.
    pub fn summary(&self, change: &BulkChange, subjects: Subjects) -> String {
        let done = change.done(subjects, self.succeeded.len());
        match self.failed.len() {
            0 => format!("{done}."),
            n => format!("{done}; {n} failed."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn developer(namespaces: &[&str]) -> BulkChange {
        BulkChange::GiveRole {
            role_id: "r1".into(),
            role_name: "Developer".into(),
            namespaces: namespaces.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_confirmation_says_exactly_what_happens() {
        let cases = [
            (
                developer(&["company.data"]),
                Subjects::People,
                37,
                "Give Developer on company.data to 37 people",
            ),
            (
                developer(&[]),
                Subjects::People,
                1,
                "Give Developer on the whole tenant to 1 person",
            ),
            (
                developer(&["a", "b", "c"]),
                Subjects::Groups,
                2,
                "Give Developer on a, b and c to 2 groups",
            ),
            (
                BulkChange::AddToGroup {
                    group_id: "g".into(),
                    group_name: "Ops".into(),
                },
                Subjects::ServiceAccounts,
                3,
                "Add 3 service accounts to Ops",
            ),
            (
                BulkChange::RemoveFromGroup {
                    group_id: "g".into(),
                    group_name: "Ops".into(),
                },
                Subjects::People,
                2,
                "Remove 2 people from Ops",
            ),
            (
                BulkChange::RemoveAccess {
                    tenant: "acme".into(),
                },
                Subjects::People,
                5,
                "Remove the access of 5 people to the tenant acme",
            ),
        ];
        for (change, subjects, n, expected) in cases {
            assert_eq!(change.sentence(subjects, n), expected);
        }
    }

    #[test]
    fn a_role_for_many_is_one_binding_per_subject_and_namespace() {
        let ids = vec!["u1".to_string(), "u2".to_string()];
        let whole = bindings_body(Subjects::People, &ids, "r1", &[]);
        assert_eq!(whole.len(), 2);
        assert!(whole.iter().all(|b| b.namespace_id.is_none()
            && b.binding_type == BindingType::User
            && b.role_id == "r1"));
        let namespaces = vec!["a".to_string(), "b".to_string()];
        let body = bindings_body(Subjects::Groups, &ids, "r1", &namespaces);
        let pairs: Vec<(&str, Option<&str>)> = body
            .iter()
            .map(|b| (b.external_id.as_str(), b.namespace_id.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("u1", Some("a")),
                ("u1", Some("b")),
                ("u2", Some("a")),
                ("u2", Some("b"))
            ]
        );
        assert!(body.iter().all(|b| b.binding_type == BindingType::Group));
        let json = serde_json::to_value(&whole[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type": "USER", "externalId": "u1", "roleId": "r1"})
        );
    }

    #[test]
    fn namespaces_are_read_from_commas_and_spaces_and_checked() {
        assert_eq!(parse_namespaces("  "), Ok(vec![]));
        assert_eq!(
            parse_namespaces("company.data, company.ops company.data\nx"),
            Ok(vec![
                "company.data".to_string(),
                "company.ops".to_string(),
                "x".to_string()
            ])
        );
        for bad in ["Company", ".company", "é", "ok, Bad"] {
            assert!(parse_namespaces(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn results_split_into_succeeded_and_failed_with_reasons_and_retry_the_failed() {
        let outcome = Outcome::split([
            ("1".to_string(), "Zoe".to_string(), Ok(())),
            (
                "2".to_string(),
                "bob".to_string(),
                Err("Not found".to_string()),
            ),
            (
                "3".to_string(),
                "Anna".to_string(),
                Err("Forbidden".to_string()),
            ),
            ("4".to_string(), "Carl".to_string(), Ok(())),
        ]);
        assert_eq!(outcome.succeeded, ["1", "4"]);
        let names: Vec<&str> = outcome.failed.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(names, ["Anna", "bob"]);
        assert_eq!(outcome.failed[0].reason, "Forbidden");
        assert_eq!(
            outcome.retry(),
            [
                ("3".to_string(), "Anna".to_string()),
                ("2".to_string(), "bob".to_string())
            ]
        );
        let ops = BulkChange::AddToGroup {
            group_id: "g".into(),
            group_name: "Ops".into(),
        };
        assert_eq!(
            outcome.summary(&ops, Subjects::People),
            "2 people added to Ops; 2 failed."
        );
        assert!(!ops.is_all_or_nothing() && developer(&[]).is_all_or_nothing());
    }
}
