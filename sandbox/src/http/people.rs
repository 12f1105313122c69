//! Paging lists of people in SQL, for the lists that can hold a whole instance: the instance's
//! users, a group's members and a tenant's people (`/{tenant}/tenant-access`, the users page).
//!
//! Every other list is paged in memory by `query::ListQuery::page`, which is simple and handles
//! any field, but reads every row first: at 100,000 people that is seconds per request. Here
//! the common queries (a page, optionally `q`, sorted by username either way) become a `COUNT`
//! and a `LIMIT`/`OFFSET` over indexes (`migrations/0003_people_search.sql`,
//! `0007_list_indexes.sql`); anything else (filters, another sort, a non-ASCII `q`, whose case
//! folding SQLite does not share with Rust) returns `None` and the caller pages in memory, so
//! results never depend on the path taken. For a tenant's people, [`page_by_names`] answers
//! the other sort the console offers (display name) and any `q` from the names alone, in Rust
//! with the in-memory path's comparisons, before the caller builds rows for one page.

use rusqlite::{Connection, ToSql};

use crate::error::Result;
use crate::query::ListQuery;
use crate::store::identity::display_name;

/// Whose list it is.
pub enum People<'a> {
    /// Standard users of the instance (not service accounts).
    Standard,
    /// Members of a group (people or service accounts).
    MembersOf(&'a str),
    /// Standard users with access to a tenant.
    WithAccessTo(&'a str),
}

/// Every user of one type (`STANDARD` or `SERVICE_ACCOUNT`), for the in-memory path of the
/// instance's lists.
pub fn ids_of_type(conn: &Connection, kind: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare("SELECT id FROM users WHERE type = ?1")?
        .query_map([kind], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// One page of ids, in order, and how many match in all.
pub struct Page {
    pub ids: Vec<String>,
    pub total: u64,
}

/// The username lists sort by; the expression of the `users_username` indexes.
const USERNAME: &str = "coalesce(u.email, u.name) COLLATE NOCASE";
/// The display name as `store::identity::display_name` builds it, `NULL` when it is the username.
const DISPLAY_NAME: &str =
    "nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), '')";
/// The rowids of the people whose username or display name contains the phrase `:q`.
const MATCHES: &str = "(SELECT rowid FROM users_search WHERE users_search MATCH :q)";
/// Up to this many matches, sort them (about a microsecond each); beyond, walk the username
/// index until the page is full. The walk is quick when matches are dense and spread out, but
/// a search for a name matches people who sort together (`yusuf.…`), and reaching them can mean
/// walking most of the index: 10,000 matches out of 100,000 people sort in a few milliseconds.
const SORT_AT_MOST: u64 = 10_000;

/// The page `query` asks for, or `None` when only the in-memory path can answer it.
pub fn page(conn: &Connection, people: People, query: &ListQuery) -> Result<Option<Page>> {
    if let People::WithAccessTo(tenant) = people
        && let Some(page) = by_display_name(conn, tenant, query)?
    {
        return Ok(Some(page));
    }
    let ascending = match query.sort.as_slice() {
        [] => true,
        [(field, ascending)] if field == "username" => *ascending,
        _ => return Ok(None),
    };
    if !query.filters.is_empty() || query.q.as_deref().is_some_and(|q| !q.is_ascii()) {
        return Ok(None);
    }
    let window = Window {
        limit: i64::try_from(query.size).unwrap_or(i64::MAX),
        offset: i64::try_from((query.page - 1).saturating_mul(query.size)).unwrap_or(i64::MAX),
        direction: if ascending { "ASC" } else { "DESC" },
    };
    let page = match (&people, query.q.as_deref()) {
        (People::Standard, None) => Page {
            total: count(
                conn,
                "SELECT n FROM user_counts WHERE type = 'STANDARD'",
                &[],
            )?,
            ids: window.ids(
                conn,
                &format!("SELECT u.id FROM users u WHERE u.type = 'STANDARD' ORDER BY {USERNAME}"),
                &[],
            )?,
        },
        (People::MembersOf(group), None) => {
            let params: &[(&str, &dyn ToSql)] = &[(":group", group)];
            Page {
                total: count(
                    conn,
                    "SELECT COUNT(*) FROM group_members WHERE group_id = :group",
                    params,
                )?,
                ids: window.ids(
                    conn,
                    "SELECT user_id FROM group_members WHERE group_id = :group ORDER BY username",
                    params,
                )?,
            }
        }
        (People::WithAccessTo(tenant), None) => {
            let params: &[(&str, &dyn ToSql)] = &[(":tenant", tenant)];
            let from = "FROM tenant_people WHERE tenant_id = :tenant AND user_type = 'STANDARD'";
            Page {
                total: count(
                    conn,
                    "SELECT coalesce((SELECT n FROM tenant_people_counts
                     WHERE tenant_id = :tenant AND user_type = 'STANDARD'), 0)",
                    params,
                )?,
                ids: window.ids(
                    conn,
                    &format!("SELECT user_id {from} ORDER BY username"),
                    params,
                )?,
            }
        }
        // The trigram index finds substrings of three characters or more.
        (People::Standard, Some(q)) if q.len() >= 3 => {
            let phrase = format!("\"{}\"", q.replace('"', "\"\""));
            let params: &[(&str, &dyn ToSql)] = &[(":q", &phrase)];
            let accounts = count(
                conn,
                "SELECT n FROM user_counts WHERE type = 'SERVICE_ACCOUNT'",
                &[],
            )?;
            let mut total = count(
                conn,
                "SELECT COUNT(*) FROM users_search WHERE users_search MATCH :q",
                params,
            )?;
            if accounts > 0 {
                total -= count(
                    conn,
                    &format!(
                        "SELECT COUNT(*) FROM users u
                         WHERE u.type = 'SERVICE_ACCOUNT' AND +u.rowid IN {MATCHES}"
                    ),
                    params,
                )?;
            }
            // Few matches: sort them. Many: walk the people in username order (the unary `+`
            // keeps SQLite on the username index) until the page is full.
            let sql = if total <= SORT_AT_MOST {
                format!(
                    "SELECT u.id FROM users_search s CROSS JOIN users u ON u.rowid = s.rowid
                     WHERE u.type = 'STANDARD' AND users_search MATCH :q ORDER BY {USERNAME}"
                )
            } else {
                format!(
                    "SELECT u.id FROM users u WHERE u.type = 'STANDARD' AND +u.rowid IN {MATCHES}
                     ORDER BY {USERNAME}"
                )
            };
            Page {
                total,
                ids: window.ids(conn, &sql, params)?,
            }
        }
        (People::WithAccessTo(tenant), Some(q)) if q.len() >= 3 => {
            let phrase = format!("\"{}\"", q.replace('"', "\"\""));
            let params: &[(&str, &dyn ToSql)] = &[(":q", &phrase), (":tenant", tenant)];
            let total = count(
                conn,
                &format!(
                    "SELECT COUNT(*) FROM users_search s CROSS JOIN users u ON u.rowid = s.rowid
                     WHERE users_search MATCH :q AND u.type = 'STANDARD' AND {HAS_ACCESS}"
                ),
                params,
            )?;
            // As for the instance's users: few matches are sorted, many are found by walking
            // the tenant's people in username order until the page is full.
            let sql = if total <= SORT_AT_MOST {
                format!(
                    "SELECT u.id FROM users_search s CROSS JOIN users u ON u.rowid = s.rowid
                     WHERE users_search MATCH :q AND u.type = 'STANDARD' AND {HAS_ACCESS}
                     ORDER BY {USERNAME}"
                )
            } else {
                format!(
                    "SELECT p.user_id FROM tenant_people p CROSS JOIN users u ON u.id = p.user_id
                     WHERE p.tenant_id = :tenant AND p.user_type = 'STANDARD'
                     AND +u.rowid IN {MATCHES} ORDER BY p.username"
                )
            };
            Page {
                total,
                ids: window.ids(conn, &sql, params)?,
            }
        }
        (People::MembersOf(group), Some(q)) if q.len() >= 3 => {
            let phrase = format!("\"{}\"", q.replace('"', "\"\""));
            let params: &[(&str, &dyn ToSql)] = &[(":q", &phrase), (":group", group)];
            let from = format!(
                "FROM users_search s CROSS JOIN users u ON u.rowid = s.rowid
                 WHERE users_search MATCH :q AND {MEMBER}"
            );
            Page {
                total: count(conn, &format!("SELECT COUNT(*) {from}"), params)?,
                ids: window.ids(
                    conn,
                    &format!("SELECT u.id {from} ORDER BY {USERNAME}"),
                    params,
                )?,
            }
        }
        // Shorter ones are a LIKE over every row of the list.
        (people, Some(q)) => {
            let pattern = format!("%{}%", escape_like(q));
            let scope = match people {
                People::Standard => "u.type = 'STANDARD'".to_owned(),
                People::MembersOf(_) => MEMBER.to_owned(),
                People::WithAccessTo(_) => format!("u.type = 'STANDARD' AND {HAS_ACCESS}"),
            };
            let mut params: Vec<(&str, &dyn ToSql)> = vec![(":q", &pattern)];
            match &people {
                People::Standard => {}
                People::MembersOf(group) => params.push((":group", group)),
                People::WithAccessTo(tenant) => params.push((":tenant", tenant)),
            }
            let from = format!(
                "FROM users u WHERE {scope} AND (coalesce(u.email, u.name) LIKE :q ESCAPE '\\'
                 OR {DISPLAY_NAME} LIKE :q ESCAPE '\\')"
            );
            Page {
                total: count(conn, &format!("SELECT COUNT(*) {from}"), &params)?,
                ids: window.ids(
                    conn,
                    &format!("SELECT u.id {from} ORDER BY {USERNAME}"),
                    &params,
                )?,
            }
        }
    };
    Ok(Some(page))
}

/// A page of a tenant's people sorted by display name (then username, as the in-memory path
/// ends every sort), without `q` or filters: a range of the `tenant_people_display` index,
/// whose keys are the names in lower case as Rust makes them. (Two usernames equal in lower
/// case but for their bytes would tie here where the in-memory path orders them by bytes.)
fn by_display_name(conn: &Connection, tenant: &str, query: &ListQuery) -> Result<Option<Page>> {
    let direction = match query.sort.as_slice() {
        [(field, ascending)] if field == "displayName" => {
            if *ascending {
                "ASC"
            } else {
                "DESC"
            }
        }
        _ => return Ok(None),
    };
    if query.q.is_some() || !query.filters.is_empty() {
        return Ok(None);
    }
    let params: &[(&str, &dyn ToSql)] = &[(":tenant", &tenant)];
    let window = Window {
        limit: i64::try_from(query.size).unwrap_or(i64::MAX),
        offset: i64::try_from((query.page - 1).saturating_mul(query.size)).unwrap_or(i64::MAX),
        // The username breaks ties in ascending order whichever way the names go.
        direction: "",
    };
    let ids = window.ids(
        conn,
        &format!(
            "SELECT user_id FROM tenant_people
             WHERE tenant_id = :tenant AND user_type = 'STANDARD'
             ORDER BY display_key {direction}, username_key ASC"
        ),
        params,
    )?;
    let total = count(
        conn,
        "SELECT coalesce((SELECT n FROM tenant_people_counts
         WHERE tenant_id = :tenant AND user_type = 'STANDARD'), 0)",
        params,
    )?;
    Ok(Some(Page { ids, total }))
}

/// The page of a tenant's people `query` asks for, found from their names alone: for a sort by
/// display name with a `q`, or a `q` SQL cannot match (non-ASCII). It reads the
/// tenant's ids and names (no groups, no JSON) and filters and sorts them exactly as
/// `ListQuery::page` would (lower case, then the username, ties in the order read), so the
/// caller builds rows for one page only. `None` for filters or another sort.
pub fn page_by_names(conn: &Connection, tenant: &str, query: &ListQuery) -> Result<Option<Page>> {
    if !query.filters.is_empty() {
        return Ok(None);
    }
    // (display name first?, ascending) per key, then the username ascending, as the in-memory
    // path appends its default sort.
    let mut keys = Vec::new();
    for (field, ascending) in &query.sort {
        match field.as_str() {
            "username" => keys.push((false, *ascending)),
            "displayName" => keys.push((true, *ascending)),
            _ => return Ok(None),
        }
    }
    keys.push((false, true));
    let q = query.q.as_deref().map(str::to_lowercase);
    let mut people: Vec<(String, String, String)> = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT u.id, u.email, u.name, u.first_name, u.last_name
         FROM tenant_access a JOIN users u ON u.id = a.user_id
         WHERE a.tenant_id = ?1 AND u.type = 'STANDARD' ORDER BY coalesce(u.email, u.name)",
    )?;
    let mut rows = stmt.query([tenant])?;
    while let Some(r) = rows.next()? {
        let email: Option<String> = r.get(1)?;
        let name: Option<String> = r.get(2)?;
        let first: Option<String> = r.get(3)?;
        let last: Option<String> = r.get(4)?;
        let username = email.or(name).unwrap_or_default();
        let display = display_name(first.as_deref(), last.as_deref(), &username).to_lowercase();
        let username = username.to_lowercase();
        if q.as_ref()
            .is_none_or(|q| username.contains(q) || display.contains(q))
        {
            people.push((r.get(0)?, username, display));
        }
    }
    people.sort_by(|a, b| {
        keys.iter()
            .map(|(by_display, ascending)| {
                let order = if *by_display {
                    a.2.cmp(&b.2)
                } else {
                    a.1.cmp(&b.1)
                };
                if *ascending { order } else { order.reverse() }
            })
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let total = people.len() as u64;
    let ids = people
        .into_iter()
        .skip((query.page - 1).saturating_mul(query.size))
        .take(query.size)
        .map(|(id, _, _)| id)
        .collect();
    Ok(Some(Page { ids, total }))
}

/// `u` may use the tenant `:tenant`.
const HAS_ACCESS: &str =
    "EXISTS (SELECT 1 FROM tenant_access a WHERE a.tenant_id = :tenant AND a.user_id = u.id)";

/// `u` is a member of the group `:group`.
const MEMBER: &str =
    "EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = :group AND m.user_id = u.id)";

/// The slice of an ordered list a page covers.
struct Window {
    limit: i64,
    offset: i64,
    direction: &'static str,
}

impl Window {
    /// The ids `sql` (a query ending in its `ORDER BY` key) returns for this page.
    fn ids(
        &self,
        conn: &Connection,
        sql: &str,
        params: &[(&str, &dyn ToSql)],
    ) -> Result<Vec<String>> {
        let mut all = params.to_vec();
        all.push((":limit", &self.limit));
        all.push((":offset", &self.offset));
        let sql = format!("{sql} {} LIMIT :limit OFFSET :offset", self.direction);
        Ok(conn
            .prepare(&sql)?
            .query_map(all.as_slice(), |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }
}

fn count(conn: &Connection, sql: &str, params: &[(&str, &dyn ToSql)]) -> Result<u64> {
    let n: i64 = conn.query_row(sql, params, |r| r.get(0))?;
    Ok(n.max(0) as u64)
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
