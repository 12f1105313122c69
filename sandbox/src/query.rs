//! Kestra's list query string, and paging a list by it.
//!
//! Every search takes `page` (1-based, default 1), `size` (default 10), a repeatable
//! `sort=field:asc|desc`, a plain `q`, and `filters[field][OP]=value`
//! (`filters[q][EQUALS]=alice` is the same as `q=alice`). Other plain parameters (`type`, `id`,
//! `namespace`, `email`, `status`) are kept for the endpoint to read.
//!
//! The sandbox holds few rows, so a search loads the candidate rows and [`ListQuery::page`]
//! filters, sorts and slices them in memory over their JSON form. That keeps one behaviour for
//! every endpoint and every field, where building SQL per endpoint would not.

use std::cmp::Ordering;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use kestra_model::PagedResults;
use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct ListQuery {
    pub page: usize,
    pub size: usize,
    pub sort: Vec<(String, bool)>,
    pub q: Option<String>,
    pub filters: Vec<Filter>,
    /// Every other parameter, in order.
    pub params: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub struct Filter {
    pub field: String,
    pub op: Op,
    pub value: String,
}

/// The subset of Kestra's `QueryFilter.Op` the sandbox implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    EndsWith,
    In,
    NotIn,
    /// The comparisons compare text, which orders the RFC 3339 dates in UTC the sandbox writes.
    GreaterThan,
    GreaterThanOrEqualTo,
    LessThan,
    LessThanOrEqualTo,
}

impl Op {
    fn parse(text: &str) -> Option<Op> {
        Some(match text {
            "EQUALS" => Op::Equals,
            "NOT_EQUALS" => Op::NotEquals,
            "CONTAINS" => Op::Contains,
            "STARTS_WITH" | "PREFIX" => Op::StartsWith,
            "ENDS_WITH" => Op::EndsWith,
            "IN" => Op::In,
            "NOT_IN" => Op::NotIn,
            "GREATER_THAN" => Op::GreaterThan,
            "GREATER_THAN_OR_EQUAL_TO" => Op::GreaterThanOrEqualTo,
            "LESS_THAN" => Op::LessThan,
            "LESS_THAN_OR_EQUAL_TO" => Op::LessThanOrEqualTo,
            _ => return None,
        })
    }
}

impl ListQuery {
    pub fn parse(query: &str) -> Result<ListQuery> {
        let mut out = ListQuery {
            page: 1,
            size: 10,
            sort: Vec::new(),
            q: None,
            filters: Vec::new(),
            params: Vec::new(),
        };
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let (key, value) = (key.into_owned(), value.into_owned());
            match key.as_str() {
                "page" => out.page = positive(&key, &value)?,
                "size" => out.size = positive(&key, &value)?,
                "sort" => {
                    for part in value.split(',').filter(|p| !p.is_empty()) {
                        let (field, dir) = part.split_once(':').unwrap_or((part, "asc"));
                        let asc = match dir.to_ascii_lowercase().as_str() {
                            "asc" => true,
                            "desc" => false,
                            _ => {
                                return Err(Error::BadRequest(format!(
                                    "Invalid sort '{part}': expected field:asc or field:desc"
                                )));
                            }
                        };
                        if field.is_empty() {
                            return Err(Error::BadRequest(format!("Invalid sort '{part}'")));
                        }
                        out.sort.push((field.to_owned(), asc));
                    }
                }
                "q" => out.q = Some(value).filter(|v| !v.is_empty()),
                k if k.starts_with("filters[") => {
                    let filter = parse_filter(k, value)?;
                    if filter.field == "q" && filter.op == Op::Equals {
                        out.q = Some(filter.value).filter(|v| !v.is_empty());
                    } else {
                        out.filters.push(filter);
                    }
                }
                _ => out.params.push((key, value)),
            }
        }
        // A bound that keeps one request from building a huge response.
        out.size = out.size.min(10_000);
        Ok(out)
    }

    /// The value of a plain parameter such as `type` or `namespace`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// Filters `items` by `q` (a case-insensitive substring of any of `search_fields`) and the
    /// `filters`, sorts them by `sort` (then by `default_sort`), and returns the asked page.
    pub fn page<T: Serialize>(
        &self,
        items: Vec<T>,
        search_fields: &[&str],
        default_sort: &str,
    ) -> Result<PagedResults<T>> {
        let mut rows: Vec<(Value, T)> = items
            .into_iter()
            .map(|item| {
                Ok((
                    serde_json::to_value(&item).map_err(anyhow::Error::from)?,
                    item,
                ))
            })
            .collect::<Result<_>>()?;
        if let Some(q) = &self.q {
            let q = q.to_lowercase();
            rows.retain(|(v, _)| {
                search_fields
                    .iter()
                    .any(|f| text(lookup(v, f)).to_lowercase().contains(&q))
            });
        }
        for filter in &self.filters {
            rows.retain(|(v, _)| filter.matches(lookup(v, &filter.field)));
        }
        let mut keys = self.sort.clone();
        keys.push((default_sort.to_owned(), true));
        rows.sort_by(|(a, _), (b, _)| {
            keys.iter()
                .map(|(field, asc)| {
                    let o = compare(lookup(a, field), lookup(b, field));
                    if *asc { o } else { o.reverse() }
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
        let total = rows.len() as u64;
        let results = rows
            .into_iter()
            .skip((self.page - 1).saturating_mul(self.size))
            .take(self.size)
            .map(|(_, item)| item)
            .collect();
        Ok(PagedResults { results, total })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ListQuery {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self> {
        ListQuery::parse(parts.uri.query().unwrap_or(""))
    }
}

fn positive(key: &str, value: &str) -> Result<usize> {
    value
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| {
            Error::BadRequest(format!("Invalid '{key}': expected a number of at least 1"))
        })
}

fn parse_filter(key: &str, value: String) -> Result<Filter> {
    let bad = || {
        Error::BadRequest(format!(
            "Invalid filter '{key}': expected filters[field][OPERATION]"
        ))
    };
    let rest = key.strip_prefix("filters[").ok_or_else(bad)?;
    let (field, rest) = rest.split_once(']').ok_or_else(bad)?;
    let rest = rest.strip_prefix('[').ok_or_else(bad)?;
    let (op, rest) = rest.split_once(']').ok_or_else(bad)?;
    if field.is_empty() || !(rest.is_empty() || rest == "[]") {
        return Err(bad());
    }
    let op = Op::parse(op).ok_or_else(|| {
        Error::BadRequest(format!("Invalid filter '{key}': unknown operation '{op}'"))
    })?;
    Ok(Filter {
        field: field.to_owned(),
        op,
        value,
    })
}

impl Filter {
    fn matches(&self, value: &Value) -> bool {
        let values: Vec<String> = match value {
            Value::Array(items) => items.iter().map(|i| text(i).to_lowercase()).collect(),
            other => vec![text(other).to_lowercase()],
        };
        let wanted = self.value.to_lowercase();
        let list = || wanted.split(',').map(str::trim).collect::<Vec<_>>();
        match self.op {
            Op::Equals => values.contains(&wanted),
            Op::NotEquals => values.iter().all(|v| *v != wanted),
            Op::Contains => values.iter().any(|v| v.contains(&wanted)),
            Op::StartsWith => values.iter().any(|v| v.starts_with(&wanted)),
            Op::EndsWith => values.iter().any(|v| v.ends_with(&wanted)),
            Op::In => values.iter().any(|v| list().contains(&v.as_str())),
            Op::NotIn => values.iter().all(|v| !list().contains(&v.as_str())),
            Op::GreaterThan => values.iter().any(|v| *v > wanted),
            Op::GreaterThanOrEqualTo => values.iter().any(|v| *v >= wanted),
            Op::LessThan => values.iter().any(|v| *v < wanted),
            Op::LessThanOrEqualTo => values.iter().any(|v| *v <= wanted),
        }
    }
}

/// `field` of `value`, where `role.id` reaches into nested objects; `Null` when absent.
fn lookup<'a>(value: &'a Value, field: &str) -> &'a Value {
    field
        .split('.')
        .try_fold(value, |v, key| v.get(key))
        .unwrap_or(&Value::Null)
}

fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Nulls last; strings without regard to case; numbers and booleans by value.
fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => text(a).to_lowercase().cmp(&text(b).to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names(q: &str) -> Vec<String> {
        let items = vec![
            json!({"id": "1", "name": "Bravo", "n": 2}),
            json!({"id": "2", "name": "alpha", "n": 3}),
            json!({"id": "3", "name": "Charlie", "n": 1}),
        ];
        let page = ListQuery::parse(q)
            .unwrap()
            .page(items, &["name"], "id")
            .unwrap();
        page.results
            .iter()
            .map(|v| v["name"].as_str().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn sorts_pages_and_searches() {
        assert_eq!(names("sort=name:asc"), ["alpha", "Bravo", "Charlie"]);
        assert_eq!(names("sort=n:desc&size=2"), ["alpha", "Bravo"]);
        assert_eq!(names("sort=n:desc&size=2&page=2"), ["Charlie"]);
        assert_eq!(names("q=AR"), ["Charlie"]);
        assert_eq!(names("filters[q][EQUALS]=br"), ["Bravo"]);
        assert_eq!(names("filters[name][STARTS_WITH]=c"), ["Charlie"]);
        assert_eq!(
            names("filters[id][IN]=1,3&sort=name:desc"),
            ["Charlie", "Bravo"]
        );
    }

    #[test]
    fn rejects_a_bad_query() {
        for (q, why) in [
            ("page=0", "page below 1"),
            ("size=x", "size not a number"),
            ("sort=name:up", "unknown direction"),
            ("filters[name]=x", "no operation"),
            ("filters[name][LIKE]=x", "unknown operation"),
        ] {
            assert!(ListQuery::parse(q).is_err(), "{why}");
        }
    }
}
