//! Paging lists of people in SQL, for the lists that can hold a whole instance: the instance's
//! users and a group's members.
//!
//! Every other list is paged in memory by `query::ListQuery::page`, which is simple and handles
//! any field, but reads every row first: at 100,000 people that is seconds per request. Here
//! the common queries (a page, optionally `q`, sorted by username either way) become a `COUNT`
//! and a `LIMIT`/`OFFSET` over indexes (`migrations/0003_people_search.sql`); anything else
//! (filters, another sort, a non-ASCII `q`, whose case folding SQLite does not share with Rust)
//! returns `None` and the caller pages in memory, so results never depend on the path taken.

use rusqlite::{Connection, ToSql};

use crate::error::Result;
use crate::query::ListQuery;

/// Whose list it is.
pub enum People<'a> {
    /// Standard users of the instance (not service accounts).
    Standard,
    /// Members of a group (people or service accounts).
    MembersOf(&'a str),
}

/// One page of ids, in order, and how many match in all.
pub struct Page {
    pub ids: Vec<String>,
    pub total: u64,
}

/// The username lists sort by; the expression of the `users_username` indexes.
const USERNAME: &str = "coalesce(u.email, u.name) COLLATE NOCASE";
/// The display name as `users::display_name` builds it, `NULL` when it is the username.
const DISPLAY_NAME: &str =
    "nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), '')";

/// The page `query` asks for, or `None` when only the in-memory path can answer it.
pub fn page(conn: &Connection, people: People, query: &ListQuery) -> Result<Option<Page>> {
    let ascending = match query.sort.as_slice() {
        [] => true,
        [(field, ascending)] if field == "username" => *ascending,
        _ => return Ok(None),
    };
    if !query.filters.is_empty() || query.q.as_deref().is_some_and(|q| !q.is_ascii()) {
        return Ok(None);
    }
    let (scope, group) = match people {
        People::Standard => ("u.type = 'STANDARD'", None),
        People::MembersOf(group) => (
            "EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = :group AND m.user_id = u.id)",
            Some(group),
        ),
    };
    let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
    if let Some(group) = &group {
        params.push((":group", group));
    }
    let q = query.q.clone();
    let (from, matching, pattern) = match &q {
        None => ("users u".to_owned(), String::new(), None),
        // The trigram index finds substrings of three characters or more: start from its
        // matches (CROSS JOIN keeps that order), not from every user.
        Some(q) if q.len() >= 3 => (
            "users_search s CROSS JOIN users u ON u.rowid = s.rowid".to_owned(),
            " AND users_search MATCH :q".to_owned(),
            Some(format!("\"{}\"", q.replace('"', "\"\""))),
        ),
        Some(q) => (
            "users u".to_owned(),
            format!(
                " AND (coalesce(u.email, u.name) LIKE :q ESCAPE '\\' OR {DISPLAY_NAME} LIKE :q ESCAPE '\\')"
            ),
            Some(format!("%{}%", escape_like(q))),
        ),
    };
    if let Some(pattern) = &pattern {
        params.push((":q", pattern));
    }
    let total = match (&people, &q) {
        // Without `q` a group's members are counted on the membership index alone.
        (People::MembersOf(_), None) => conn.query_row(
            "SELECT COUNT(*) FROM group_members WHERE group_id = :group",
            params.as_slice(),
            |r| r.get::<_, i64>(0),
        )?,
        _ => conn.query_row(
            &format!("SELECT COUNT(*) FROM {from} WHERE {scope}{matching}"),
            params.as_slice(),
            |r| r.get::<_, i64>(0),
        )?,
    };
    let limit = i64::try_from(query.size).unwrap_or(i64::MAX);
    let offset = i64::try_from((query.page - 1).saturating_mul(query.size)).unwrap_or(i64::MAX);
    params.push((":limit", &limit));
    params.push((":offset", &offset));
    let direction = if ascending { "ASC" } else { "DESC" };
    let ids = conn
        .prepare(&format!(
            "SELECT u.id FROM {from} WHERE {scope}{matching}
             ORDER BY {USERNAME} {direction} LIMIT :limit OFFSET :offset"
        ))?
        .query_map(params.as_slice(), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Some(Page {
        ids,
        total: total as u64,
    }))
}

/// `text` with LIKE's wildcards taken literally (escaped with `\`).
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
