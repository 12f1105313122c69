//! `/api/v1/{tenant}/auditlogs` and `/api/v1/auditlogs` (instance owners): the audit trail's
//! search (which a resource's History reads too: it carries the patches), a log's before and
//! after, and the CSV export.

use kestra_model::{AuditLogDiff, AuditLogItem, AuditableAction, PagedResults, Resource};

use super::ApiError;
use super::client;
use super::query::{Direction, ListQuery};
use super::url::Scope;

/// Whose logs: one tenant's, or (for instance owners) every tenant's and the instance-level
/// ones (people, API tokens).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trail<'a> {
    Tenant(&'a str),
    Instance,
}

impl<'a> Trail<'a> {
    fn scope(self) -> Scope<'a> {
        match self {
            Trail::Tenant(tenant) => Scope::Tenant(tenant),
            Trail::Instance => Scope::Instance,
        }
    }
}

/// What a search or an export narrows to; every part is optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditFilter {
    /// Who made the change (a user's id, or `system`).
    pub user_id: Option<String>,
    pub action: Option<AuditableAction>,
    /// Changes of these kinds of resource.
    pub resources: Vec<Resource>,
    /// The changed resource's id.
    pub id: Option<String>,
    /// Inclusive bounds, RFC 3339.
    pub start: Option<String>,
    pub end: Option<String>,
}

impl AuditFilter {
    /// The document's `filters[field][OPERATION]=value` for a search.
    fn filters(&self) -> Vec<(String, String, String)> {
        let mut filters = Vec::new();
        let mut push = |field: &str, op: &str, value: String| {
            filters.push((field.to_string(), op.to_string(), value));
        };
        if let Some(user) = &self.user_id {
            push("userId", "EQUALS", user.clone());
        }
        if let Some(action) = self.action {
            push("type", "EQUALS", action.as_str().to_string());
        }
        match self.resources.as_slice() {
            [] => {}
            [one] => push("resources", "EQUALS", one.as_str().to_string()),
            many => push("resources", "IN", names(many)),
        }
        if let Some(id) = &self.id {
            push("id", "EQUALS", id.clone());
        }
        if let Some(start) = &self.start {
            push("startDate", "GREATER_THAN_OR_EQUAL_TO", start.clone());
        }
        if let Some(end) = &self.end {
            push("endDate", "LESS_THAN_OR_EQUAL_TO", end.clone());
        }
        filters
    }

    /// The export's query parameters, which the document names one by one.
    fn export_pairs(&self) -> Vec<(String, String)> {
        let pairs = [
            ("userId", self.user_id.clone()),
            ("id", self.id.clone()),
            (
                "resources",
                (!self.resources.is_empty()).then(|| names(&self.resources)),
            ),
            ("startDate", self.start.clone()),
            ("endDate", self.end.clone()),
            ("type", self.action.map(|a| a.as_str().to_string())),
        ];
        pairs
            .into_iter()
            .filter_map(|(name, value)| Some((name.to_string(), value?)))
            .collect()
    }
}

fn names(resources: &[Resource]) -> String {
    resources
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// `GET .../auditlogs/search`, newest first, with `filter` on top of the page's query.
pub async fn search(
    trail: Trail<'_>,
    page: u32,
    size: u32,
    filter: &AuditFilter,
) -> Result<PagedResults<AuditLogItem>, ApiError> {
    let query = ListQuery {
        page,
        size,
        sort: vec![("date".into(), Direction::Desc)],
        search: None,
        filters: filter.filters(),
    };
    client::get(&client::url(
        trail.scope(),
        &["auditlogs", "search"],
        &query.pairs(),
    ))
    .await
}

/// `GET .../auditlogs/{id}/diff`: the resource's JSON text before and right after log `id`
/// (`before` is right after `previous` when given).
pub async fn diff(
    trail: Trail<'_>,
    id: &str,
    previous: Option<&str>,
) -> Result<AuditLogDiff, ApiError> {
    let query: Vec<(String, String)> = previous
        .map(|p| vec![("previousId".to_string(), p.to_string())])
        .unwrap_or_default();
    client::get(&client::url(
        trail.scope(),
        &["auditlogs", id, "diff"],
        &query,
    ))
    .await
}

/// `GET .../auditlogs/export`: the logs `filter` matches, as CSV text. The credentials go in
/// the header as for every request, never in a URL, so the page saves the text itself.
pub async fn export(trail: Trail<'_>, filter: &AuditFilter) -> Result<String, ApiError> {
    let url = client::url(
        trail.scope(),
        &["auditlogs", "export"],
        &filter.export_pairs(),
    );
    client::get_text(&url, "text/csv").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_becomes_the_documents_query_filters() {
        let filter = AuditFilter {
            user_id: Some("u1".into()),
            action: Some(AuditableAction::Update),
            resources: vec![Resource::Role, Resource::Group],
            id: Some("r1".into()),
            start: Some("2026-01-01T00:00:00Z".into()),
            end: None,
        };
        let filters: Vec<String> = filter
            .filters()
            .into_iter()
            .map(|(f, op, v)| format!("{f}:{op}:{v}"))
            .collect();
        assert_eq!(
            filters,
            [
                "userId:EQUALS:u1",
                "type:EQUALS:UPDATE",
                "resources:IN:ROLE,GROUP",
                "id:EQUALS:r1",
                "startDate:GREATER_THAN_OR_EQUAL_TO:2026-01-01T00:00:00Z"
            ]
        );
        assert_eq!(
            filter.export_pairs(),
            [
                ("userId".to_string(), "u1".to_string()),
                ("id".into(), "r1".into()),
                ("resources".into(), "ROLE,GROUP".into()),
                ("startDate".into(), "2026-01-01T00:00:00Z".into()),
                ("type".into(), "UPDATE".into()),
            ]
        );
    }
}
