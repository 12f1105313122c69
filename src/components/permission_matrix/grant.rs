//! What a role grants, as plain set operations on [`Permissions`]: the part of a catalogue a
//! tenant's role editor shows, ticking one permission or a resource's row, and keeping what the
//! editor does not show untouched, so a save never drops it.

use kestra_model::{Action, Permissions, Resource};

/// The catalogue a tenant's role shows, actions in the enum's order: every resource with at
/// least one action, except the instance-wide ones (`Resource::INSTANCE_WIDE`) and `UNKNOWN`
/// (a name this console does not know: it has nothing to say about it).
pub fn tenant_catalogue(catalogue: &Permissions) -> Permissions {
    keep(catalogue, |r, _| {
        r != Resource::Unknown && !r.is_instance_wide()
    })
}

/// Actions in the enum's order, each once, and no resource left with an empty list: the shape
/// the server answers with, so an unchanged role compares equal to what was loaded.
pub fn normalize(mut permissions: Permissions) -> Permissions {
    for actions in permissions.values_mut() {
        actions.sort();
        actions.dedup();
    }
    permissions.retain(|_, actions| !actions.is_empty());
    permissions
}

/// The permissions of `permissions` that `shown` also lists, normalised.
pub fn within(shown: &Permissions, permissions: &Permissions) -> Permissions {
    keep(permissions, |r, a| is_granted(shown, r, a))
}

/// The permissions of `permissions` that `shown` does not list: what the editor cannot show
/// (instance-wide resources, or names a newer server added) and must give back unchanged.
pub fn outside(shown: &Permissions, permissions: &Permissions) -> Permissions {
    keep(permissions, |r, a| !is_granted(shown, r, a))
}

/// `permissions` with what `shown` lists replaced by `replacement`, and the rest kept: how a
/// preset or "Clear" changes a role without touching what the editor does not show.
pub fn replace_shown(
    permissions: &Permissions,
    shown: &Permissions,
    replacement: &Permissions,
) -> Permissions {
    let mut next = outside(shown, permissions);
    for (r, actions) in within(shown, replacement) {
        next.entry(r).or_default().extend(actions);
    }
    normalize(next)
}

/// `VIEW` and `LIST` wherever `shown` has them.
pub fn read_only(shown: &Permissions) -> Permissions {
    keep(shown, |_, a| matches!(a, Action::View | Action::List))
}

/// How many actions are granted, over all resources.
pub fn count(permissions: &Permissions) -> usize {
    permissions.values().map(Vec::len).sum()
}

/// "12 permissions".
pub fn permissions_phrase(count: usize) -> String {
    match count {
        1 => "1 permission".to_string(),
        n => format!("{n} permissions"),
    }
}

/// "12 permissions granted".
pub fn count_label(count: usize) -> String {
    format!("{} granted", permissions_phrase(count))
}

pub fn is_granted(permissions: &Permissions, resource: Resource, action: Action) -> bool {
    permissions
        .get(&resource)
        .is_some_and(|a| a.contains(&action))
}

/// Grants `action` on `resource` if it was not granted, and takes it back if it was.
pub fn toggle(permissions: &Permissions, resource: Resource, action: Action) -> Permissions {
    let mut next = permissions.clone();
    let actions = next.entry(resource).or_default();
    if let Some(i) = actions.iter().position(|a| *a == action) {
        actions.remove(i);
    } else {
        actions.push(action);
    }
    normalize(next)
}

/// Grants (`on`) or takes back every action `shown` lists for `resource`.
pub fn set_row(
    permissions: &Permissions,
    shown: &Permissions,
    resource: Resource,
    on: bool,
) -> Permissions {
    let mut next = permissions.clone();
    let row = shown.get(&resource).cloned().unwrap_or_default();
    let actions = next.entry(resource).or_default();
    actions.retain(|a| !row.contains(a));
    if on {
        actions.extend(row);
    }
    normalize(next)
}

/// `Some(true)` when every action `shown` lists for `resource` is granted, `Some(false)` when
/// none is, `None` when some are (the row's toggle shows as indeterminate).
pub fn row_state(
    permissions: &Permissions,
    shown: &Permissions,
    resource: Resource,
) -> Option<bool> {
    let (mut any_on, mut any_off) = (false, false);
    for &action in shown.get(&resource).into_iter().flatten() {
        let on = is_granted(permissions, resource, action);
        any_on |= on;
        any_off |= !on;
    }
    match (any_on, any_off) {
        (true, true) => None,
        (on, _) => Some(on),
    }
}

/// The permissions of `permissions` for which `wanted` holds, normalised.
fn keep(permissions: &Permissions, wanted: impl Fn(Resource, Action) -> bool) -> Permissions {
    let kept = permissions.iter().map(|(&r, actions)| {
        let actions = actions.iter().copied().filter(|&a| wanted(r, a)).collect();
        (r, actions)
    });
    normalize(kept.collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Permissions {
        Permissions::from([
            (
                Resource::Flow,
                vec![Action::View, Action::List, Action::Execute],
            ),
            (
                Resource::Group,
                vec![Action::View, Action::List, Action::ManageMembers],
            ),
            (Resource::Banner, vec![Action::View, Action::Update]),
            (Resource::Tenant, vec![Action::View, Action::Create]),
            (Resource::Unknown, vec![Action::View]),
            (Resource::Copilot, vec![]),
        ])
    }

    #[test]
    fn a_tenant_role_shows_no_instance_wide_unknown_or_empty_resource() {
        let shown = tenant_catalogue(&catalogue());
        assert_eq!(
            shown.keys().copied().collect::<Vec<_>>(),
            [Resource::Flow, Resource::Group]
        );
    }

    #[test]
    fn what_the_editor_does_not_show_survives_presets_and_clear() {
        let shown = tenant_catalogue(&catalogue());
        let role = Permissions::from([
            (Resource::Flow, vec![Action::Execute]),
            (Resource::Banner, vec![Action::Update]),
        ]);
        assert_eq!(
            outside(&shown, &role),
            Permissions::from([(Resource::Banner, vec![Action::Update])])
        );
        let cleared = replace_shown(&role, &shown, &Permissions::new());
        assert_eq!(
            cleared,
            Permissions::from([(Resource::Banner, vec![Action::Update])])
        );
        let read = replace_shown(&role, &shown, &read_only(&shown));
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"{"FLOW":["VIEW","LIST"],"GROUP":["VIEW","LIST"],"BANNER":["UPDATE"]}"#
        );
    }

    #[test]
    fn a_row_toggle_touches_only_what_the_row_shows() {
        let shown = tenant_catalogue(&catalogue());
        let p = set_row(&Permissions::new(), &shown, Resource::Group, true);
        assert_eq!(row_state(&p, &shown, Resource::Group), Some(true));
        let p = toggle(&p, Resource::Group, Action::List);
        assert_eq!(row_state(&p, &shown, Resource::Group), None);
        assert_eq!(row_state(&p, &shown, Resource::Flow), Some(false));
        let p = set_row(&p, &shown, Resource::Group, false);
        assert_eq!(p, Permissions::new(), "an emptied row disappears");
    }

    #[test]
    fn toggled_permissions_are_in_the_servers_json_shape() {
        let p = toggle(&Permissions::new(), Resource::Flow, Action::Execute);
        let p = toggle(&p, Resource::Flow, Action::View);
        let p = toggle(
            &toggle(&p, Resource::Group, Action::List),
            Resource::Group,
            Action::List,
        );
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"FLOW":["VIEW","EXECUTE"]}"#
        );
        assert_eq!(count(&p), 2);
        assert_eq!(count_label(1), "1 permission granted");
        assert_eq!(count_label(2), "2 permissions granted");
    }
}
