//! `GET /api/v1/{tenant}/auditlogs/search` (permission `AUDITLOG:LIST` in the tenant) and
//! `GET /api/v1/auditlogs/search` (instance owners): the audit trail `store::audit` writes,
//! newest first, as the document's `PagedResults_AuditLogController.ApiAuditLogItem_`.
//!
//! A search is one SQL query over the indexes of `migrations/0005_audit_logs.sql`, paged with
//! LIMIT and OFFSET, so it never reads more than the page and what comes before it, however
//! long the trail. The filters are the document's `filters[field][OP]=value`:
//! `userId`, `type` (or `action`: the `AuditableAction`), `resources` (or `resourceType`: the
//! `Resource`), `id` (the changed resource's id), each with `EQUALS`, `NOT_EQUALS`, `IN` or
//! `NOT_IN`; and `startDate`/`endDate`, RFC 3339 bounds (inclusive) in UTC. Any other filter
//! is a 400 rather than silently ignored. The only sort is `date` (`sort=date:asc` or
//! `date:desc`, the default). A tenant's search reads only that tenant's logs.

use kestra_model::PagedResults;
use rusqlite::{Connection, OptionalExtension, params_from_iter};
use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::query::{Filter, ListQuery, Op};

/// A checked search: SQL conditions with their parameters, the order and the page.
pub(super) struct Search {
    conditions: Vec<String>,
    params: Vec<String>,
    /// Whether a condition reads the log's author (`u`): only then does counting join them,
    /// since the join makes the count read every matching log's row instead of an index.
    on_author: bool,
    newest_first: bool,
    limit: usize,
    offset: usize,
}

impl Search {
    pub(super) fn parse(query: &ListQuery) -> Result<Search> {
        let mut search = Search {
            conditions: Vec::new(),
            params: Vec::new(),
            on_author: false,
            newest_first: true,
            limit: query.size,
            offset: (query.page - 1).saturating_mul(query.size),
        };
        for (field, asc) in &query.sort {
            if field != "date" {
                return Err(Error::BadRequest(format!(
                    "Invalid sort '{field}': audit logs sort by date only"
                )));
            }
            search.newest_first = !asc;
        }
        for filter in &query.filters {
            search.add(filter)?;
        }
        Ok(search)
    }

    pub(super) fn add(&mut self, filter: &Filter) -> Result<()> {
        let column = match filter.field.as_str() {
            "userId" => "a.user_id",
            "type" | "action" => "a.type",
            "resources" | "resourceType" => "a.resource_type",
            "id" => "a.resource_id",
            // Dates grow with `seq`, so a bound on the date is a bound on `seq`, found in one
            // step of `audit_logs_date`, which the index of any other filter can then use.
            "startDate" => {
                self.conditions.push(
                    "a.seq >= coalesce((SELECT seq FROM audit_logs WHERE date >= ?
                     ORDER BY date, seq LIMIT 1), 1 << 62)"
                        .into(),
                );
                self.params.push(utc_date(&filter.value)?);
                return Ok(());
            }
            "endDate" => {
                self.conditions.push(
                    "a.seq <= coalesce((SELECT seq FROM audit_logs WHERE date <= ?
                     ORDER BY date DESC, seq DESC LIMIT 1), -1)"
                        .into(),
                );
                self.params.push(utc_date(&filter.value)?);
                return Ok(());
            }
            other => {
                return Err(Error::BadRequest(format!(
                    "Unsupported audit log filter '{other}'"
                )));
            }
        };
        let list = || -> Vec<String> {
            filter
                .value
                .split(',')
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
                .collect()
        };
        match filter.op {
            Op::Equals => {
                self.conditions.push(format!("{column} = ?"));
                self.params.push(filter.value.clone());
            }
            Op::NotEquals => {
                self.conditions.push(format!("{column} IS NOT ?"));
                self.params.push(filter.value.clone());
            }
            Op::In | Op::NotIn => {
                let values = list();
                let marks = vec!["?"; values.len()].join(", ");
                let not = if filter.op == Op::NotIn { "NOT " } else { "" };
                self.conditions.push(format!("{column} {not}IN ({marks})"));
                self.params.extend(values);
            }
            _ => {
                return Err(Error::BadRequest(format!(
                    "Unsupported operation on audit log filter '{}'",
                    filter.field
                )));
            }
        }
        Ok(())
    }

    /// A search with no condition yet, newest first: what `find` and the export build on.
    pub(super) fn newest_first() -> Search {
        Search {
            conditions: Vec::new(),
            params: Vec::new(),
            on_author: false,
            newest_first: true,
            limit: 1,
            offset: 0,
        }
    }

    /// Adds an SQL condition over `a` (the log) and `u` (its author) with its parameters.
    pub(super) fn condition(&mut self, sql: &str, params: impl IntoIterator<Item = String>) {
        self.conditions.push(sql.into());
        self.params.extend(params);
    }

    /// [`condition`](Self::condition) for one that reads the author's row (`u`).
    pub(super) fn condition_on_author(
        &mut self,
        sql: &str,
        params: impl IntoIterator<Item = String>,
    ) {
        self.on_author = true;
        self.condition(sql, params);
    }

    /// The page this search asks for, with the total of logs it matches.
    pub(super) fn run(
        &self,
        conn: &Connection,
        tenant: Option<&str>,
    ) -> Result<PagedResults<Value>> {
        let (filter, params) = self.filter(tenant, None);
        // Without a filter the total is kept by triggers (`audit_log_counts`).
        let total: i64 = match (self.conditions.is_empty(), tenant) {
            (true, Some(tenant)) => conn
                .query_row(
                    "SELECT n FROM audit_log_counts WHERE tenant_id = ?1",
                    [tenant],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0),
            (true, None) => conn.query_row(
                "SELECT coalesce(sum(n), 0) FROM audit_log_counts",
                [],
                |r| r.get(0),
            )?,
            (false, _) => conn.query_row(
                &format!(
                    "SELECT COUNT(*) FROM audit_logs a {} {filter}",
                    if self.on_author {
                        "LEFT JOIN users u ON u.id = a.user_id"
                    } else {
                        ""
                    }
                ),
                params_from_iter(&params),
                |r| r.get(0),
            )?,
        };
        let results = self
            .select(conn, &filter, &params, self.limit, self.offset)?
            .into_iter()
            .map(|(_, item)| item)
            .collect();
        Ok(PagedResults {
            results,
            total: total.max(0) as u64,
        })
    }

    /// The first log this search matches, without counting the others.
    pub(super) fn first(&self, conn: &Connection, tenant: Option<&str>) -> Result<Option<Value>> {
        let (filter, params) = self.filter(tenant, None);
        let mut rows = self.select(conn, &filter, &params, 1, 0)?;
        Ok(rows.pop().map(|(_, item)| item))
    }

    /// Up to `limit` logs, newest first, inserted before `before` (an insertion order, `seq`)
    /// when given, each with its `seq`: how the export walks the trail batch by batch without
    /// an OFFSET that grows with it.
    pub(super) fn batch(
        &self,
        conn: &Connection,
        tenant: Option<&str>,
        before: Option<i64>,
        limit: usize,
    ) -> Result<Vec<(i64, Value)>> {
        let (filter, params) = self.filter(tenant, before);
        self.select(conn, &filter, &params, limit, 0)
    }

    /// The WHERE clause and its parameters: the tenant's logs only when `tenant` is given.
    fn filter(&self, tenant: Option<&str>, before: Option<i64>) -> (String, Vec<String>) {
        let mut conditions = self.conditions.clone();
        let mut params = self.params.clone();
        if let Some(tenant) = tenant {
            conditions.insert(0, "a.tenant_id = ?".into());
            params.insert(0, tenant.to_owned());
        }
        if let Some(seq) = before {
            conditions.push("a.seq < ?".into());
            params.push(seq.to_string());
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        (filter, params)
    }

    fn select(
        &self,
        conn: &Connection,
        filter: &str,
        params: &[String],
        limit: usize,
        offset: usize,
    ) -> Result<Vec<(i64, Value)>> {
        let order = if self.newest_first { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT a.id, a.tenant_id, a.type, a.detail, a.date, a.user_id, a.ip_address,
                    a.applied_patch, a.revert_patch,
                    u.id, u.type, u.email, u.name, u.first_name, u.last_name, u.super_admin,
                    a.seq
             FROM audit_logs a LEFT JOIN users u ON u.id = a.user_id
             {filter} ORDER BY a.seq {order} LIMIT {limit} OFFSET {offset}"
        );
        Ok(conn
            .prepare(&sql)?
            .query_map(params_from_iter(params), |r| Ok((r.get(16)?, item(r)?)))?
            .collect::<Result<_, _>>()?)
    }
}

/// One row as `AuditLogController.ApiAuditLogItem`: the log, and who made it while they exist.
fn item(r: &rusqlite::Row<'_>) -> rusqlite::Result<Value> {
    let parse = |text: String| serde_json::from_str(&text).unwrap_or(Value::Null);
    let mut log = Map::new();
    log.insert("id".into(), Value::String(r.get(0)?));
    if let Some(tenant) = r.get::<_, Option<String>>(1)? {
        log.insert("tenantId".into(), Value::String(tenant));
    }
    log.insert("type".into(), Value::String(r.get(2)?));
    log.insert("detail".into(), parse(r.get(3)?));
    log.insert("date".into(), Value::String(r.get(4)?));
    log.insert("userId".into(), Value::String(r.get(5)?));
    if let Some(ip) = r.get::<_, Option<String>>(6)? {
        log.insert("ipAddress".into(), Value::String(ip));
    }
    log.insert("appliedPatch".into(), parse(r.get(7)?));
    log.insert("revertPatch".into(), parse(r.get(8)?));
    let mut item = json!({ "auditLog": log });
    if let Some(id) = r.get::<_, Option<String>>(9)? {
        let email: Option<String> = r.get(11)?;
        let name: Option<String> = r.get(12)?;
        let mut user = json!({
            "id": id,
            "type": r.get::<_, String>(10)?,
            "username": email.clone().or(name.clone()).unwrap_or_default(),
            "email": email.unwrap_or_default(),
            "superAdmin": r.get::<_, bool>(15)?,
        });
        for (key, at) in [("firstName", 13), ("lastName", 14)] {
            if let Some(text) = r.get::<_, Option<String>>(at)? {
                user[key] = Value::String(text);
            }
        }
        if let Some(name) = name {
            user["name"] = Value::String(name);
        }
        item["user"] = user;
    }
    Ok(item)
}

/// `2025-01-31T09:30:00Z` (or with fractions of a second) as the stored form, which compares
/// as text; a 400 for anything else.
pub(super) fn utc_date(value: &str) -> Result<String> {
    let bad = || {
        Error::BadRequest(format!(
            "Invalid date '{value}': expected RFC 3339 in UTC, like 2025-01-31T09:30:00Z"
        ))
    };
    let (seconds, rest) = value.split_at_checked(19).ok_or_else(bad)?;
    let shape_ok = seconds.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b'T',
        13 | 16 => b == b':',
        _ => b.is_ascii_digit(),
    });
    let rest_ok = rest == "Z"
        || rest
            .strip_prefix('.')
            .and_then(|f| f.strip_suffix('Z'))
            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()));
    if shape_ok && rest_ok {
        Ok(format!("{seconds}Z"))
    } else {
        Err(bad())
    }
}
