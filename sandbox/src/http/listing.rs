//! Paging a tenant's groups, roles, invitations and service accounts in SQL: a `COUNT` and a
//! `LIMIT`/`OFFSET` with the search, sort and filters the console sends, so that only the
//! page's rows are built and serialised.
//!
//! The answers are those of the in-memory path (`query::ListQuery::page`), which the caller
//! still takes for what this cannot express (`filters[...]`, a sort on a field not listed
//! here): text is compared and searched in lower case as Rust makes it (the `fold` function
//! `db.rs` gives every connection, where SQLite's `NOCASE` and `lower()` fold ASCII only), the
//! default sort follows the asked ones, and what remains tied keeps the order the in-memory path
//! reads rows in.

use rusqlite::{Connection, ToSql};

use crate::error::Result;
use crate::http::people::Page;
use crate::query::ListQuery;

/// One list, as SQL.
pub struct Listing<'a> {
    /// The selected id, e.g. `id` or `u.id`.
    pub id: &'a str,
    /// `FROM … WHERE …`: every row of the list, before `q`; the named parameters are `params`.
    pub from: &'a str,
    pub params: Vec<(&'a str, &'a dyn ToSql)>,
    /// The text expressions `q` is a case-insensitive substring of (any of them).
    pub search: &'a [&'a str],
    /// Sortable fields of the JSON rows and the expression each is (text, compared in lower
    /// case); `None` for a field the rows do not have, which sorts nothing.
    pub sorts: &'a [(&'a str, Option<&'a str>)],
    /// The field every sort ends with (one of `sorts`).
    pub default_sort: &'a str,
    /// The order the in-memory path reads rows in, which breaks the remaining ties.
    pub read_order: &'a str,
}

/// The page `query` asks for, or `None` when only the in-memory path can answer it.
pub fn page(conn: &Connection, listing: &Listing, query: &ListQuery) -> Result<Option<Page>> {
    if !query.filters.is_empty() {
        return Ok(None);
    }
    let mut order = Vec::new();
    let asked = query.sort.iter().map(|(f, a)| (f.as_str(), *a));
    for (field, ascending) in asked.chain([(listing.default_sort, true)]) {
        let Some((_, expression)) = listing.sorts.iter().find(|(f, _)| *f == field) else {
            return Ok(None);
        };
        if let Some(expression) = expression {
            let direction = if ascending { "ASC" } else { "DESC" };
            order.push(format!("fold({expression}) {direction}"));
        }
    }
    order.push(listing.read_order.to_owned());
    let mut params = listing.params.clone();
    let mut from = listing.from.to_owned();
    let q = query.q.as_deref().map(str::to_lowercase);
    if let Some(q) = &q {
        let any: Vec<String> = listing
            .search
            .iter()
            .map(|e| format!("instr(fold({e}), :q) > 0"))
            .collect();
        from.push_str(&format!(" AND ({})", any.join(" OR ")));
        params.push((":q", q));
    }
    let total: i64 =
        conn.query_row(&format!("SELECT COUNT(*) {from}"), params.as_slice(), |r| {
            r.get(0)
        })?;
    let limit = i64::try_from(query.size).unwrap_or(i64::MAX);
    let offset = i64::try_from((query.page - 1).saturating_mul(query.size)).unwrap_or(i64::MAX);
    params.push((":limit", &limit));
    params.push((":offset", &offset));
    let ids = conn
        .prepare(&format!(
            "SELECT {} {from} ORDER BY {} LIMIT :limit OFFSET :offset",
            listing.id,
            order.join(", ")
        ))?
        .query_map(params.as_slice(), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Some(Page {
        ids,
        total: total.max(0) as u64,
    }))
}
