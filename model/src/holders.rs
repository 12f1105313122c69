//! Who holds a role: the people and service accounts behind its bindings, each with every way
//! they hold it (directly, or through a group, on which namespace). A binding to a group counts
//! its members, so "who holds Developer" answers with people, not with bindings.

use std::collections::BTreeMap;

use crate::UserType;
use crate::bindings::{BindingDetail, BindingType};
use crate::groups::GroupMember;
use crate::users::shown_name;

/// One way a holder holds the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// A binding names them; `None`: on the whole tenant.
    Directly { namespace: Option<String> },
    /// They are in group `name` (`id`), which a binding names.
    Group {
        id: String,
        name: String,
        namespace: Option<String>,
    },
}

/// Someone who holds the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub id: String,
    pub name: String,
    pub service_account: bool,
    pub via: Vec<Via>,
}

/// The holders of a role from its `bindings` and the `members` of each group they name (group
/// id → members; a group not in the map adds nobody). Sorted by name.
pub fn holders(
    bindings: &[BindingDetail],
    members: &BTreeMap<String, Vec<GroupMember>>,
) -> Vec<Holder> {
    let mut by_id: BTreeMap<String, Holder> = BTreeMap::new();
    let mut add = |id: String, name: String, service_account: bool, via: Via| {
        let holder = by_id.entry(id.clone()).or_insert(Holder {
            id,
            name,
            service_account,
            via: Vec::new(),
        });
        if !holder.via.contains(&via) {
            holder.via.push(via);
        }
    };
    for binding in bindings {
        let namespace = binding.namespace.clone().filter(|n| !n.is_empty());
        match (binding.binding_type, &binding.group, &binding.user) {
            (Some(BindingType::Group), Some(group), _) => {
                let Some(id) = group.id.clone() else { continue };
                let name = group.name.clone().unwrap_or_else(|| id.clone());
                for member in members.get(&id).into_iter().flatten() {
                    let Some(member_id) = member.id.clone() else {
                        continue;
                    };
                    let shown =
                        shown_name(member.display_name.as_deref(), member.username.as_deref());
                    let via = Via::Group {
                        id: id.clone(),
                        name: name.clone(),
                        namespace: namespace.clone(),
                    };
                    add(member_id, shown, false, via);
                }
            }
            (_, _, Some(user)) => {
                let Some(id) = user.id.clone() else { continue };
                let shown = shown_name(user.display_name.as_deref(), user.username.as_deref());
                let service_account = user.user_type == Some(UserType::ServiceAccount);
                add(id, shown, service_account, Via::Directly { namespace });
            }
            _ => {}
        }
    }
    let mut holders: Vec<Holder> = by_id.into_values().collect();
    holders.sort_by_key(|h| h.name.to_lowercase());
    holders
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn binding(value: serde_json::Value) -> BindingDetail {
        serde_json::from_value(value).unwrap()
    }

    fn member(id: &str, name: &str) -> GroupMember {
        serde_json::from_value(json!({"id": id, "displayName": name})).unwrap()
    }

    #[test]
    fn groups_count_their_members_and_each_way_is_kept_once() {
        let bindings = [
            binding(json!({"type": "USER", "user": {"id": "u1", "displayName": "Ada"}})),
            binding(json!({"type": "GROUP", "namespace": "company.data",
                "group": {"id": "g1", "name": "Ops"}})),
            binding(
                json!({"type": "USER", "user": {"id": "sa", "username": "ci-bot",
                "type": "SERVICE_ACCOUNT"}}),
            ),
        ];
        let members = BTreeMap::from([(
            "g1".to_string(),
            vec![member("u1", "Ada"), member("u2", "Bob")],
        )]);
        let found = holders(&bindings, &members);
        let names: Vec<&str> = found.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, ["Ada", "Bob", "ci-bot"]);
        assert_eq!(
            found[0].via,
            [
                Via::Directly { namespace: None },
                Via::Group {
                    id: "g1".into(),
                    name: "Ops".into(),
                    namespace: Some("company.data".into())
                }
            ]
        );
        assert!(found[2].service_account);
    }

    #[test]
    fn a_group_whose_members_were_not_read_adds_nobody() {
        let bindings = [binding(
            json!({"type": "GROUP", "group": {"id": "g9", "name": "Big"}}),
        )];
        assert!(holders(&bindings, &BTreeMap::new()).is_empty());
    }
}
