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
            let (scope, group) = match people {
                People::Standard => ("u.type = 'STANDARD'", None),
                People::MembersOf(group) => (MEMBER, Some(group)),
            };
            let mut params: Vec<(&str, &dyn ToSql)> = vec![(":q", &pattern)];
            if let Some(group) = &group {
                params.push((":group", group));
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
