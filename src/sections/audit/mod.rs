//! The audit trail where pages show it: an entity's History (role, group, tenant, user,
//! service account) with its diffs and "Restore this version", the overview's recent changes,
//! and what the audit pages share about one entry (its summary, who made it, the link to
//! what it changed).
//!
//! What a change means is `kestra_model::audit_diff`'s (plain, unit-tested logic); how it looks
//! is `components::diff_view`'s; this module wires them to the API.

mod history;
mod recent;
mod recreate;
mod restore;

pub use history::History;
pub use recent::RecentChanges;
pub use recreate::PutBack;

use std::collections::BTreeMap;

use kestra_model::audit_diff::{self, Diff};
use kestra_model::{AuditLog, AuditLogItem, AuditableAction, Resource};
use leptos::prelude::*;

use crate::api::audit_logs::Trail;
use crate::routes::{self, href};
use crate::session::Session;

/// One log, explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub log: AuditLog,
    /// Who made the change, as [`AuditLogItem::who`] names them.
    pub who: String,
    /// Their id, when their account still exists (the search sends it along).
    pub who_id: Option<String>,
    pub diff: Diff,
    pub summary: String,
    /// The resource's name now, and whether it still exists, when [`name_resources`] could
    /// ask (roles and groups of the current tenant).
    pub current: Option<Option<String>>,
}

impl Entry {
    /// The entries of a search page, newest first; an item without its log is left out.
    pub fn all(items: &[AuditLogItem]) -> Vec<Entry> {
        items.iter().filter_map(Entry::new).collect()
    }

    pub fn new(item: &AuditLogItem) -> Option<Entry> {
        let log = item.audit_log.clone()?;
        let diff = audit_diff::from_patches(&log.applied_patch, &log.revert_patch);
        // A namespace's id is its name.
        let name = match log.detail.kind() {
            Resource::Namespace => log.detail.id.as_deref(),
            _ => None,
        };
        let summary = audit_diff::summary(log.action, log.detail.kind(), &diff, name);
        Some(Entry {
            who: item.who(),
            who_id: item.user.as_ref().and_then(|u| u.id.clone()),
            diff,
            summary,
            log,
            current: None,
        })
    }

    /// Names the group members this change is about (user id → name) where `names` knows
    /// them, in the diff and the summary.
    pub fn name_members(&mut self, names: &BTreeMap<String, String>) {
        let mut renamed = false;
        for member in &mut self.diff.members {
            if let Some(name) = names.get(&member.user) {
                member.user = name.clone();
                renamed = true;
            }
        }
        if renamed {
            self.summary =
                audit_diff::summary(self.log.action, self.log.detail.kind(), &self.diff, None);
        }
    }

    /// The changed resource's id, if the log names one.
    pub fn resource_id(&self) -> Option<&str> {
        self.log.detail.id.as_deref()
    }

    /// "role Developer", "group g1": the resource, named as well as the log allows.
    pub fn resource_label(&self) -> String {
        let noun = audit_diff::noun(self.log.detail.kind());
        let now = self.current.clone().flatten();
        match (now.or_else(|| self.diff.name.clone()), self.resource_id()) {
            (Some(name), _) => format!("{noun} {name}"),
            (None, Some(id)) => format!("{noun} {id}"),
            (None, None) => noun,
        }
    }

    /// The console page of the changed resource, shown in `frame`'s tenant; `None` for kinds
    /// the console has no page for, and after the resource was deleted.
    pub fn resource_link(&self, frame: &str) -> Option<String> {
        let gone = matches!(self.current, Some(None));
        if self.log.action == AuditableAction::Delete || self.diff.deleted || gone {
            return None;
        }
        let id = self.resource_id()?;
        let tenant = self.log.tenant_id.as_deref().unwrap_or(frame);
        match self.log.detail.kind() {
            Resource::Role => Some(routes::role(tenant, id)),
            Resource::Group => Some(routes::group(tenant, id)),
            Resource::Tenant => Some(routes::tenant(frame, id)),
            Resource::User => Some(routes::user(frame, id)),
            Resource::ServiceAccount => Some(routes::service_account(frame, id)),
            _ => None,
        }
    }

    /// This entry's own page.
    pub fn link(&self, frame: &str, trail: Trail<'_>) -> String {
        match trail {
            Trail::Tenant(_) => routes::audit_log(frame, &self.log.id, &self.log.date),
            Trail::Instance => routes::instance_audit_log(frame, &self.log.id, &self.log.date),
        }
    }
}

/// Looks up the roles and groups of `tenant` that `entries` changed (one request per kind),
/// so each entry names the resource as it is called now and links to it only while it
/// exists. A failed lookup leaves the entries as they were.
pub async fn name_resources(tenant: &str, entries: &mut [Entry]) {
    let ids = |kind: Resource, entries: &[Entry]| {
        let mut ids: Vec<String> = entries
            .iter()
            .filter(|e| e.log.detail.kind() == kind)
            .filter(|e| e.log.tenant_id.as_deref().is_none_or(|t| t == tenant))
            .filter_map(|e| e.resource_id().map(str::to_string))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let (role_ids, group_ids) = (ids(Resource::Role, entries), ids(Resource::Group, entries));
    let mut names: Vec<(Resource, BTreeMap<String, String>, Vec<String>)> = Vec::new();
    if !role_ids.is_empty()
        && let Ok(roles) = crate::api::roles::by_ids(tenant, role_ids.clone()).await
    {
        let found = roles
            .into_iter()
            .filter(|r| !r.deleted)
            .filter_map(|r| Some((r.id?, r.name)))
            .collect();
        names.push((Resource::Role, found, role_ids));
    }
    if !group_ids.is_empty()
        && let Ok(groups) = crate::api::groups::by_ids(tenant, group_ids.clone()).await
    {
        let found = groups.into_iter().map(|g| (g.id, g.name)).collect();
        names.push((Resource::Group, found, group_ids));
    }
    let names_of_members = member_names(tenant, entries).await;
    for entry in entries.iter_mut() {
        entry.name_members(&names_of_members);
        let kind = entry.log.detail.kind();
        let Some(id) = entry.resource_id().map(str::to_string) else {
            continue;
        };
        for (known_kind, found, asked) in &names {
            if *known_kind == kind && asked.contains(&id) {
                entry.current = Some(found.get(&id).cloned());
                // "added bob to Platform" rather than "to the group".
                if let (false, Some(name)) = (entry.diff.members.is_empty(), found.get(&id)) {
                    entry.summary =
                        audit_diff::summary(entry.log.action, kind, &entry.diff, Some(name));
                }
            }
        }
    }
}

/// The names of the people whose group membership `entries` changed (user id → name), in
/// one request; empty when there are none or the lookup fails (the ids stay shown).
pub async fn member_names(tenant: &str, entries: &[Entry]) -> BTreeMap<String, String> {
    let mut ids: Vec<String> = entries
        .iter()
        .flat_map(|e| e.diff.members.iter().map(|m| m.user.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        return BTreeMap::new();
    }
    crate::api::tenant_access::names(tenant, ids)
        .await
        .unwrap_or_default()
}

/// Whether the signed-in user may read this trail: instance owners read the instance-wide
/// one; a tenant's needs `AUDITLOG:LIST` there (unknown against Kestra: shown, and a 403 says so).
pub fn may_read(session: Session, tenant: &str, instance: bool) -> bool {
    if instance {
        session.instance_owner()
    } else {
        session.may(tenant, Resource::Auditlog, kestra_model::Action::List) != Some(false)
    }
}

/// Who made a change: a link to their page while their account exists, else their id
/// (`system` for the seed and the command line).
#[component]
pub fn Who(entry: Entry, #[prop(into)] frame: String) -> impl IntoView {
    match entry.who_id {
        Some(id) if entry.log.user_id != "system" => {
            let link = href(&routes::user(&frame, &id));
            view! { <a href=link>{entry.who}</a> }.into_any()
        }
        _ => view! { <span>{entry.who}</span> }.into_any(),
    }
}

/// The changed resource: a link to it while it exists, else its name or id.
#[component]
pub fn WhatChanged(entry: Entry, #[prop(into)] frame: String) -> impl IntoView {
    let label = entry.resource_label();
    match entry.resource_link(&frame) {
        Some(link) => view! { <a href=href(&link)>{label}</a> }.into_any(),
        None => view! { <span>{label}</span> }.into_any(),
    }
}

/// The patches as JSON, folded away: for whoever needs the exact record.
#[component]
pub fn RawPatch(log: AuditLog) -> impl IntoView {
    let pretty =
        |patch: &[serde_json::Value]| serde_json::to_string_pretty(patch).unwrap_or_default();
    let applied = pretty(&log.applied_patch);
    let revert = pretty(&log.revert_patch);
    view! {
        <details class="raw">
            <summary>"Raw patches (JSON)"</summary>
            <p class="raw-label">"Applied"</p>
            <pre>{applied}</pre>
            <p class="raw-label">"Revert"</p>
            <pre>{revert}</pre>
        </details>
    }
}
