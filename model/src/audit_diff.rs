//! What an audit log's patches mean to a person: the change field by field (added, removed,
//! changed), a role's permissions as actions gained and lost per resource, a group's members
//! as people added, removed or given another membership, and a one-line summary ("added
//! EXECUTE on FLOW", "created role Developer").
//!
//! Plain logic over `serde_json::Value`, so native tests reach it and the console only renders
//! it. It reads RFC 6902 patches as the sandbox and Kestra write them: an `appliedPatch` takes
//! the resource's JSON from before to after and the `revertPatch` back, so the values a change
//! removed are in the revert patch. Array elements are compared as sets, whatever indexes a
//! patch happens to name: `[A, B, C] → [A, C]` may be written "replace /1 with C, remove /2",
//! and is read as "B removed". A whole version of a resource is rebuilt by applying the patches
//! in order ([`apply`], [`replay`]), which is how a restore finds the version to go back to.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::audit_logs::AuditableAction;
use crate::permissions::Resource;

/// One field's change (a field is a path with array indexes left out: `permissions.FLOW`).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The field's path, e.g. `["description"]` or `["settings", "limits", "cpu"]`.
    pub path: Vec<String>,
    pub kind: ChangeKind,
}

impl FieldChange {
    /// The field as a person reads it: `description`, `settings › worker group`.
    pub fn label(&self) -> String {
        label(&self.path)
    }
}

/// How a field changed.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    /// It had no value and now has this one.
    Added(Value),
    /// It had this value and now has none.
    Removed(Value),
    Changed {
        before: Value,
        after: Value,
    },
    /// A list whose elements were gained and lost.
    Items {
        gained: Vec<Value>,
        lost: Vec<Value>,
    },
}

/// A role's permissions on one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermissionChange {
    /// The resource, e.g. `FLOW`.
    pub resource: String,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
}

/// A group member's change, by user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberChange {
    pub user: String,
    /// The membership before (`MEMBER`, `OWNER`); `None` when the person joined.
    pub before: Option<String>,
    /// The membership after; `None` when the person left.
    pub after: Option<String>,
}

/// A change explained.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    /// The resource did not exist before (`created`) or does not after (`deleted`).
    pub created: bool,
    pub deleted: bool,
    /// The resource's `name` (else `displayName`, `username`, `email`) after the change, or
    /// before it when it was deleted or renamed away, when the patches say.
    pub name: Option<String>,
    pub permissions: Vec<PermissionChange>,
    pub members: Vec<MemberChange>,
    /// Every other field.
    pub fields: Vec<FieldChange>,
}

impl Diff {
    /// Whether the change shows nothing (a password change logs an empty patch).
    pub fn is_empty(&self) -> bool {
        !self.created
            && !self.deleted
            && self.permissions.is_empty()
            && self.members.is_empty()
            && self.fields.is_empty()
    }
}

/// The change an audit log's two patches describe.
pub fn from_patches(applied: &[Value], revert: &[Value]) -> Diff {
    let mut sides = Sides::default();
    for op in revert {
        sides.read(op, Side::Before);
    }
    for op in applied {
        sides.read(op, Side::After);
    }
    sides.into_diff()
}

/// The change from one whole version of a resource to another (`None`: it did not exist).
pub fn between(before: Option<&Value>, after: Option<&Value>) -> Diff {
    let mut sides = Sides::default();
    let root = |value: Option<&Value>| serde_json::json!({"op": "replace", "path": "", "value": value.cloned().unwrap_or(Value::Null)});
    sides.read(&root(before), Side::Before);
    sides.read(&root(after), Side::After);
    sides.into_diff()
}

/// The one-line summary of a change to a resource of kind `resource`: "created role
/// Developer", "added EXECUTE on FLOW", "removed bob from Platform", "changed name".
/// `name` is the resource's name when the caller knows it better than the patch does.
pub fn summary(
    action: AuditableAction,
    resource: Resource,
    diff: &Diff,
    name: Option<&str>,
) -> String {
    let noun = noun(resource);
    let name = name.map(str::to_string).or_else(|| diff.name.clone());
    let named = |verb: &str| match &name {
        Some(name) => format!("{verb} {noun} {name}"),
        None => format!("{verb} {noun}"),
    };
    match action {
        AuditableAction::Login => return "signed in".into(),
        AuditableAction::LoginFailure => return "failed to sign in".into(),
        AuditableAction::Logout => return "signed out".into(),
        _ => {}
    }
    if diff.created || (action == AuditableAction::Create && diff.is_empty()) {
        return named("created");
    }
    if diff.deleted || (action == AuditableAction::Delete && diff.is_empty()) {
        return named("deleted");
    }
    let mut phrases = Vec::new();
    for change in &diff.permissions {
        if !change.gained.is_empty() {
            phrases.push(format!(
                "added {} on {}",
                change.gained.join(", "),
                change.resource
            ));
        }
        if !change.lost.is_empty() {
            phrases.push(format!(
                "removed {} on {}",
                change.lost.join(", "),
                change.resource
            ));
        }
    }
    let group = name.clone().unwrap_or_else(|| format!("the {noun}"));
    for member in &diff.members {
        let user = &member.user;
        phrases.push(match (&member.before, &member.after) {
            (None, Some(_)) => format!("added {user} to {group}"),
            (Some(_), None) => format!("removed {user} from {group}"),
            (_, Some(after)) => format!("made {user} {} of {group}", after.to_lowercase()),
            (None, None) => continue,
        });
    }
    let fields: Vec<String> = diff.fields.iter().map(FieldChange::label).collect();
    if !fields.is_empty() {
        phrases.push(format!("changed {}", join_and(&fields)));
    }
    match phrases.len() {
        0 => match action {
            AuditableAction::Update => format!("updated {noun} (nothing shown changed)"),
            other => format!("{} {noun}", other.label().to_lowercase()),
        },
        1..=3 => phrases.join("; "),
        n => format!("{}; and {} more", phrases[..2].join("; "), n - 2),
    }
}

/// How a kind of resource is named in a sentence: "role", "service account".
pub fn noun(resource: Resource) -> String {
    match resource {
        Resource::Unknown => "resource".into(),
        Resource::Auditlog => "audit log".into(),
        Resource::Kvstore => "KV store".into(),
        other => other.as_str().replace('_', " ").to_lowercase(),
    }
}

/// A field path as a person reads it: `["settings", "workerGroup"]` is `settings › worker group`.
pub fn label(path: &[String]) -> String {
    if path.is_empty() {
        return "everything".into();
    }
    path.iter()
        .map(|part| words(part))
        .collect::<Vec<_>>()
        .join(" › ")
}

/// A JSON value as a short text: strings without quotes, `null` as "nothing".
pub fn show(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "nothing".into(),
        other => other.to_string(),
    }
}

/// Applies an RFC 6902 patch to `document` (all six operations); an operation that cannot
/// apply is an error naming it, and leaves nothing half-done (the input is not changed).
pub fn apply(document: &Value, patch: &[Value]) -> Result<Value, String> {
    let mut doc = document.clone();
    for op in patch {
        apply_one(&mut doc, op).map_err(|e| format!("{e} (in {op})"))?;
    }
    Ok(doc)
}

/// Every version of a resource, rebuilt from its logs oldest first: the JSON after each log
/// (`Value::Null` once deleted). The first log must bring the whole resource (its creation);
/// an error says which log does not apply.
pub fn replay<'a>(patches: impl IntoIterator<Item = &'a [Value]>) -> Result<Vec<Value>, String> {
    let mut current = Value::Null;
    let mut versions = Vec::new();
    for (i, patch) in patches.into_iter().enumerate() {
        current = apply(&current, patch).map_err(|e| format!("log {}: {e}", i + 1))?;
        versions.push(current.clone());
    }
    Ok(versions)
}

/// The keys of `object` named in `keys`, as an object (absent ones stay absent).
pub fn pick(object: &Value, keys: &[&str]) -> Value {
    let mut picked = Map::new();
    for key in keys {
        if let Some(value) = object.get(*key) {
            picked.insert((*key).to_string(), value.clone());
        }
    }
    Value::Object(picked)
}

// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Before,
    After,
}

/// The values each side of a change holds, per field.
#[derive(Default)]
struct Sides {
    fields: BTreeMap<Vec<String>, Field>,
    root_before: Option<bool>,
    root_after: Option<bool>,
    name_before: Option<String>,
    name_after: Option<String>,
}

#[derive(Default)]
struct Field {
    list: bool,
    before: Vec<Value>,
    after: Vec<Value>,
}

impl Sides {
    fn read(&mut self, op: &Value, side: Side) {
        let Some(path) = op.get("path").and_then(Value::as_str) else {
            return;
        };
        let path = pointer(path);
        let kind = op.get("op").and_then(Value::as_str).unwrap_or_default();
        // `copy` and `move` name no value; what they change shows on the other side.
        let value = match kind {
            "add" | "replace" => op.get("value"),
            _ => None,
        };
        if path.is_empty() {
            let exists = value.is_some_and(|v| !v.is_null());
            match side {
                Side::Before => self.root_before = Some(exists),
                Side::After => self.root_after = Some(exists),
            }
        }
        if let Some(value) = value {
            if path.is_empty() {
                let name = resource_name(value);
                match side {
                    Side::Before => self.name_before = name,
                    Side::After => self.name_after = name,
                }
            }
            self.leaves(path, value, side);
        } else {
            // A removal: the field is touched, its other side says what it was.
            let (key, list) = field_key(&path);
            self.fields.entry(key).or_default().list |= list;
        }
    }

    fn leaves(&mut self, path: Vec<Segment>, value: &Value, side: Side) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let mut inner = path.clone();
                    inner.push(Segment::Key(key.clone()));
                    self.leaves(inner, value, side);
                }
            }
            Value::Array(items) => {
                let (key, _) = field_key(&path);
                self.fields.entry(key).or_default().list = true;
                for item in items {
                    let mut inner = path.clone();
                    inner.push(Segment::Index);
                    self.leaves(inner, item, side);
                }
            }
            scalar => {
                if path.is_empty() {
                    return;
                }
                let (key, list) = field_key(&path);
                let field = self.fields.entry(key).or_default();
                field.list |= list;
                match side {
                    Side::Before => field.before.push(scalar.clone()),
                    Side::After => field.after.push(scalar.clone()),
                }
            }
        }
    }

    fn into_diff(self) -> Diff {
        let created = self.root_before == Some(false) && self.root_after == Some(true);
        let deleted = self.root_before == Some(true) && self.root_after == Some(false);
        let mut diff = Diff {
            created,
            deleted,
            ..Diff::default()
        };
        let mut name = if deleted {
            self.name_before.clone()
        } else {
            self.name_after.clone()
        };
        for (path, field) in self.fields {
            let (gained, lost) = if field.list {
                multiset_difference(&field.after, &field.before)
            } else {
                (Vec::new(), Vec::new())
            };
            match path.as_slice() {
                [first, resource] if first == "permissions" && field.list => {
                    if !gained.is_empty() || !lost.is_empty() {
                        diff.permissions.push(PermissionChange {
                            resource: resource.clone(),
                            gained: gained.iter().map(show).collect(),
                            lost: lost.iter().map(show).collect(),
                        });
                    }
                    continue;
                }
                [first, user] if first == "members" && !field.list => {
                    let before = field.before.last().map(show);
                    let after = field.after.last().map(show);
                    if before != after {
                        diff.members.push(MemberChange {
                            user: user.clone(),
                            before,
                            after,
                        });
                    }
                    continue;
                }
                _ => {}
            }
            let kind = if field.list {
                if gained.is_empty() && lost.is_empty() {
                    continue;
                }
                ChangeKind::Items { gained, lost }
            } else {
                match (field.before.last(), field.after.last()) {
                    (None, None) => continue,
                    (Some(b), Some(a)) if b == a => continue,
                    (None, Some(a)) if a.is_null() => continue,
                    (Some(b), None) if b.is_null() => continue,
                    (None, Some(a)) => ChangeKind::Added(a.clone()),
                    (Some(b), None) => ChangeKind::Removed(b.clone()),
                    (Some(b), Some(a)) => ChangeKind::Changed {
                        before: b.clone(),
                        after: a.clone(),
                    },
                }
            };
            diff.fields.push(FieldChange { path, kind });
        }
        if name.is_none() {
            // No whole version: a changed name field names the resource, best key first.
            name = NAME_KEYS.iter().find_map(|key| {
                diff.fields
                    .iter()
                    .find(|f| f.path == [*key])
                    .and_then(|f| match &f.kind {
                        ChangeKind::Added(v) | ChangeKind::Changed { after: v, .. } => {
                            Some(show(v))
                        }
                        ChangeKind::Removed(v) => Some(show(v)),
                        ChangeKind::Items { .. } => None,
                    })
            });
        }
        diff.name = name;
        diff
    }
}

/// The keys that name a resource, best first.
const NAME_KEYS: [&str; 4] = ["name", "displayName", "username", "email"];

fn resource_name(value: &Value) -> Option<String> {
    NAME_KEYS
        .iter()
        .find_map(|key| value.get(*key).and_then(Value::as_str))
        .map(str::to_string)
}

/// `after − before` and `before − after`, counting repeats, in the order the values came.
fn multiset_difference(after: &[Value], before: &[Value]) -> (Vec<Value>, Vec<Value>) {
    let minus = |from: &[Value], take: &[Value]| {
        let mut left: Vec<&Value> = take.iter().collect();
        let mut out = Vec::new();
        for value in from {
            match left.iter().position(|v| *v == value) {
                Some(i) => {
                    left.remove(i);
                }
                None => out.push(value.clone()),
            }
        }
        out
    };
    (minus(after, before), minus(before, after))
}

#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Key(String),
    Index,
}

/// A JSON pointer's segments; an all-digit segment (or `-`) is read as an array index.
fn pointer(path: &str) -> Vec<Segment> {
    if path.is_empty() {
        return Vec::new();
    }
    path.trim_start_matches('/')
        .split('/')
        .map(|raw| {
            let text = raw.replace("~1", "/").replace("~0", "~");
            if text == "-" || (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())) {
                Segment::Index
            } else {
                Segment::Key(text)
            }
        })
        .collect()
}

/// The field a path belongs to (its keys), and whether it goes through a list.
fn field_key(path: &[Segment]) -> (Vec<String>, bool) {
    let mut key = Vec::new();
    let mut list = false;
    for segment in path {
        match segment {
            Segment::Key(k) => key.push(k.clone()),
            Segment::Index => list = true,
        }
    }
    (key, list)
}

/// `isDefault` reads "is default", `tenant_id` "tenant id".
fn words(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c == '_' || c == '-' {
            out.push(' ');
        } else if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------
// RFC 6902.

/// The raw segments of a JSON pointer (`~1` is `/`, `~0` is `~`).
fn raw_pointer(path: &str) -> Result<Vec<String>, String> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let Some(rest) = path.strip_prefix('/') else {
        return Err(format!("'{path}' is not a JSON pointer"));
    };
    Ok(rest
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn field<'a>(op: &'a Value, name: &str) -> Result<&'a Value, String> {
    op.get(name).ok_or_else(|| format!("no '{name}'"))
}

fn apply_one(doc: &mut Value, op: &Value) -> Result<(), String> {
    let kind = field(op, "op")?.as_str().unwrap_or_default();
    let path = raw_pointer(field(op, "path")?.as_str().unwrap_or_default())?;
    match kind {
        "add" => add(doc, &path, field(op, "value")?.clone()),
        "remove" => remove(doc, &path).map(drop),
        "replace" => {
            let value = field(op, "value")?.clone();
            if path.is_empty() {
                *doc = value;
                return Ok(());
            }
            let target = get_mut(doc, &path)?;
            *target = value;
            Ok(())
        }
        "move" => {
            let from = raw_pointer(field(op, "from")?.as_str().unwrap_or_default())?;
            let value = remove(doc, &from)?;
            add(doc, &path, value)
        }
        "copy" => {
            let from = raw_pointer(field(op, "from")?.as_str().unwrap_or_default())?;
            let value = get_mut(doc, &from)?.clone();
            add(doc, &path, value)
        }
        "test" => {
            let expected = field(op, "value")?;
            match get_mut(doc, &path)? == expected {
                true => Ok(()),
                false => Err("test failed".into()),
            }
        }
        other => Err(format!("unknown operation '{other}'")),
    }
}

fn get_mut<'a>(doc: &'a mut Value, path: &[String]) -> Result<&'a mut Value, String> {
    let mut current = doc;
    for segment in path {
        current = match current {
            Value::Object(map) => map
                .get_mut(segment)
                .ok_or_else(|| format!("no '{segment}'"))?,
            Value::Array(items) => {
                let i: usize = segment
                    .parse()
                    .map_err(|_| format!("bad index '{segment}'"))?;
                items.get_mut(i).ok_or_else(|| format!("no index {i}"))?
            }
            _ => {
                return Err(format!(
                    "'{segment}' is below a value that is not a container"
                ));
            }
        };
    }
    Ok(current)
}

fn add(doc: &mut Value, path: &[String], value: Value) -> Result<(), String> {
    let Some((last, parent)) = path.split_last() else {
        *doc = value;
        return Ok(());
    };
    match get_mut(doc, parent)? {
        Value::Object(map) => {
            map.insert(last.clone(), value);
            Ok(())
        }
        Value::Array(items) => {
            let i = if last == "-" {
                items.len()
            } else {
                last.parse().map_err(|_| format!("bad index '{last}'"))?
            };
            if i > items.len() {
                return Err(format!("index {i} is past the end"));
            }
            items.insert(i, value);
            Ok(())
        }
        _ => Err("the parent is not a container".into()),
    }
}

fn remove(doc: &mut Value, path: &[String]) -> Result<Value, String> {
    let Some((last, parent)) = path.split_last() else {
        return Ok(std::mem::take(doc));
    };
    match get_mut(doc, parent)? {
        Value::Object(map) => map.remove(last).ok_or_else(|| format!("no '{last}'")),
        Value::Array(items) => {
            let i: usize = last.parse().map_err(|_| format!("bad index '{last}'"))?;
            if i >= items.len() {
                return Err(format!("no index {i}"));
            }
            Ok(items.remove(i))
        }
        _ => Err("the parent is not a container".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patch(value: Value) -> Vec<Value> {
        value.as_array().unwrap().clone()
    }

    #[test]
    fn an_action_added_to_a_role_reads_as_gained_on_its_resource() {
        let diff = from_patches(
            &patch(json!([{"op": "add", "path": "/permissions/FLOW/2", "value": "EXECUTE"}])),
            &patch(json!([{"op": "remove", "path": "/permissions/FLOW/2"}])),
        );
        assert_eq!(
            diff.permissions,
            [PermissionChange {
                resource: "FLOW".into(),
                gained: vec!["EXECUTE".into()],
                lost: vec![]
            }]
        );
        assert!(diff.fields.is_empty());
        assert_eq!(
            summary(AuditableAction::Update, Resource::Role, &diff, None),
            "added EXECUTE on FLOW"
        );
    }

    #[test]
    fn array_elements_compare_as_sets_whatever_indexes_the_patch_names() {
        // [VIEW, LIST, EXECUTE] → [VIEW, EXECUTE], as a diff tool may write it.
        let diff = from_patches(
            &patch(json!([
                {"op": "replace", "path": "/permissions/FLOW/1", "value": "EXECUTE"},
                {"op": "remove", "path": "/permissions/FLOW/2"}
            ])),
            &patch(json!([
                {"op": "replace", "path": "/permissions/FLOW/1", "value": "LIST"},
                {"op": "add", "path": "/permissions/FLOW/2", "value": "EXECUTE"}
            ])),
        );
        assert_eq!(diff.permissions[0].gained, Vec::<String>::new());
        assert_eq!(diff.permissions[0].lost, ["LIST"]);
        assert_eq!(
            summary(AuditableAction::Update, Resource::Role, &diff, None),
            "removed LIST on FLOW"
        );
    }

    #[test]
    fn a_resource_dropped_from_a_role_loses_every_action() {
        let diff = from_patches(
            &patch(json!([{"op": "remove", "path": "/permissions/SECRET"}])),
            &patch(
                json!([{"op": "add", "path": "/permissions/SECRET", "value": ["VIEW", "LIST"]}]),
            ),
        );
        assert_eq!(diff.permissions[0].resource, "SECRET");
        assert_eq!(diff.permissions[0].lost, ["VIEW", "LIST"]);
    }

    #[test]
    fn a_creation_names_the_resource_and_lists_what_it_was_made_with() {
        let role = json!({"id": "r1", "name": "Developer", "description": null,
                          "permissions": {"FLOW": ["VIEW"]}, "isDefault": 0});
        let diff = from_patches(
            &patch(json!([{"op": "replace", "path": "", "value": role}])),
            &patch(json!([{"op": "replace", "path": "", "value": null}])),
        );
        assert!(diff.created && !diff.deleted);
        assert_eq!(diff.name.as_deref(), Some("Developer"));
        assert_eq!(diff.permissions[0].gained, ["VIEW"]);
        // A null field is no value: the description is not "added".
        assert!(diff.fields.iter().all(|f| f.path != ["description"]));
        assert_eq!(
            summary(AuditableAction::Create, Resource::Role, &diff, None),
            "created role Developer"
        );
    }

    #[test]
    fn a_deletion_names_what_was_deleted() {
        let group = json!({"id": "g1", "name": "Platform", "members": {"u1": "OWNER"}});
        let diff = from_patches(
            &patch(json!([{"op": "replace", "path": "", "value": null}])),
            &patch(json!([{"op": "replace", "path": "", "value": group}])),
        );
        assert!(diff.deleted);
        assert_eq!(
            summary(AuditableAction::Delete, Resource::Group, &diff, None),
            "deleted group Platform"
        );
    }

    #[test]
    fn members_joining_leaving_and_changing_membership_read_as_such() {
        let diff = from_patches(
            &patch(json!([
                {"op": "remove", "path": "/members/bob"},
                {"op": "add", "path": "/members/cy", "value": "MEMBER"},
                {"op": "replace", "path": "/members/dee", "value": "OWNER"}
            ])),
            &patch(json!([
                {"op": "add", "path": "/members/bob", "value": "MEMBER"},
                {"op": "remove", "path": "/members/cy"},
                {"op": "replace", "path": "/members/dee", "value": "MEMBER"}
            ])),
        );
        let by_user: Vec<(&str, Option<&str>, Option<&str>)> = diff
            .members
            .iter()
            .map(|m| (m.user.as_str(), m.before.as_deref(), m.after.as_deref()))
            .collect();
        assert_eq!(
            by_user,
            [
                ("bob", Some("MEMBER"), None),
                ("cy", None, Some("MEMBER")),
                ("dee", Some("MEMBER"), Some("OWNER"))
            ]
        );
        assert_eq!(
            summary(
                AuditableAction::Update,
                Resource::Group,
                &diff,
                Some("Platform")
            ),
            "removed bob from Platform; added cy to Platform; made dee owner of Platform"
        );
    }

    #[test]
    fn plain_fields_are_added_removed_or_changed() {
        let diff = from_patches(
            &patch(json!([
                {"op": "replace", "path": "/name", "value": "Ops"},
                {"op": "add", "path": "/description", "value": "On call"},
                {"op": "remove", "path": "/email"}
            ])),
            &patch(json!([
                {"op": "replace", "path": "/name", "value": "Platform"},
                {"op": "remove", "path": "/description"},
                {"op": "add", "path": "/email", "value": "p@x"}
            ])),
        );
        let kinds: Vec<(String, ChangeKind)> = diff
            .fields
            .iter()
            .map(|f| (f.label(), f.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    "description".to_string(),
                    ChangeKind::Added(json!("On call"))
                ),
                ("email".to_string(), ChangeKind::Removed(json!("p@x"))),
                (
                    "name".to_string(),
                    ChangeKind::Changed {
                        before: json!("Platform"),
                        after: json!("Ops")
                    }
                ),
            ]
        );
        assert_eq!(diff.name.as_deref(), Some("Ops"));
        assert_eq!(
            summary(AuditableAction::Update, Resource::Group, &diff, None),
            "changed description, email and name"
        );
    }

    #[test]
    fn an_empty_patch_says_nothing_visible_changed_and_sign_ins_say_so() {
        let diff = from_patches(&[], &[]);
        assert!(diff.is_empty());
        assert_eq!(
            summary(AuditableAction::Update, Resource::User, &diff, None),
            "updated user (nothing shown changed)"
        );
        assert_eq!(
            summary(AuditableAction::Login, Resource::User, &diff, None),
            "signed in"
        );
    }

    #[test]
    fn whole_versions_compare_like_patches() {
        let before = json!({"name": "Dev", "permissions": {"FLOW": ["VIEW"], "SECRET": ["VIEW"]}, "isDefault": 0});
        let after =
            json!({"name": "Dev", "permissions": {"FLOW": ["VIEW", "EXECUTE"]}, "isDefault": 1});
        let diff = between(Some(&before), Some(&after));
        assert!(!diff.created && !diff.deleted);
        assert_eq!(diff.permissions.len(), 2);
        assert_eq!(diff.permissions[0].gained, ["EXECUTE"]);
        assert_eq!(diff.permissions[1].lost, ["VIEW"]);
        assert_eq!(diff.fields[0].label(), "is default");
        assert!(between(Some(&before), Some(&before)).is_empty());
        assert!(between(None, Some(&after)).created);
    }

    #[test]
    fn many_changes_are_summed_up() {
        let diff = between(
            Some(&json!({"a": 1, "b": 1, "c": 1, "d": 1})),
            Some(&json!({"a": 2, "b": 2, "c": 2, "d": 2})),
        );
        assert_eq!(
            summary(AuditableAction::Update, Resource::Tenant, &diff, None),
            "changed a, b, c and d"
        );
        assert_eq!(
            label(&["settings".into(), "workerGroup".into()]),
            "settings › worker group"
        );
    }

    #[test]
    fn patches_apply_as_rfc_6902_says() {
        let doc = json!({"a": [1, 2], "b": {"c": "x"}});
        let out = apply(
            &doc,
            &patch(json!([
                {"op": "add", "path": "/a/1", "value": 9},
                {"op": "add", "path": "/a/-", "value": 3},
                {"op": "remove", "path": "/b/c"},
                {"op": "replace", "path": "/d", "value": 1}
            ])),
        );
        assert_eq!(
            out,
            Err("no 'd' (in {\"op\":\"replace\",\"path\":\"/d\",\"value\":1})".into())
        );
        let out = apply(
            &doc,
            &patch(json!([
                {"op": "add", "path": "/a/1", "value": 9},
                {"op": "add", "path": "/a/-", "value": 3},
                {"op": "remove", "path": "/b/c"},
                {"op": "copy", "from": "/a/0", "path": "/e"},
                {"op": "move", "from": "/e", "path": "/f~1g"},
                {"op": "test", "path": "/f~1g", "value": 1}
            ])),
        )
        .unwrap();
        assert_eq!(out, json!({"a": [1, 9, 2, 3], "b": {}, "f/g": 1}));
    }

    #[test]
    fn replaying_a_history_rebuilds_every_version() {
        let create = patch(
            json!([{"op": "replace", "path": "", "value": {"name": "Dev", "permissions": {"FLOW": ["VIEW"]}}}]),
        );
        let update =
            patch(json!([{"op": "add", "path": "/permissions/FLOW/1", "value": "EXECUTE"}]));
        let delete = patch(json!([{"op": "replace", "path": "", "value": null}]));
        let versions = replay([create.as_slice(), update.as_slice(), delete.as_slice()]).unwrap();
        assert_eq!(
            versions[1]["permissions"]["FLOW"],
            json!(["VIEW", "EXECUTE"])
        );
        assert_eq!(versions[2], Value::Null);
        // A history that does not start with the creation cannot be rebuilt.
        assert!(replay([update.as_slice()]).is_err());
        assert_eq!(
            pick(&versions[1], &["name", "nope"]),
            json!({"name": "Dev"})
        );
    }
}
