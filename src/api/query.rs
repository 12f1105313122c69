//! The query of Kestra's list endpoints: `page` (1-based), `size`, repeatable
//! `sort=field:asc|desc`, and `filters[field][OPERATION]=value`.

use kestra_model::PagedResults;

use super::ApiError;

/// Sort direction of one sort key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Asc,
    Desc,
}

/// One page of a list, sorted and filtered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// 1-based page number.
    pub page: u32,
    pub size: u32,
    pub sort: Vec<(String, Direction)>,
    /// Free-text search, sent as Kestra's `filters[q][EQUALS]`.
    pub search: Option<String>,
    /// Other filters: field, operation (`EQUALS`, `IN`, ...), value.
    pub filters: Vec<(String, String, String)>,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            page: 1,
            size: 25,
            sort: Vec::new(),
            search: None,
            filters: Vec::new(),
        }
    }
}

impl ListQuery {
    /// The query pairs, in a stable order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("page".to_string(), self.page.max(1).to_string()),
            ("size".to_string(), self.size.to_string()),
        ];
        for (field, direction) in &self.sort {
            let dir = match direction {
                Direction::Asc => "asc",
                Direction::Desc => "desc",
            };
            pairs.push(("sort".into(), format!("{field}:{dir}")));
        }
        if let Some(q) = self
            .search
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            pairs.push(("filters[q][EQUALS]".into(), q.to_string()));
        }
        for (field, operation, value) in &self.filters {
            pairs.push((format!("filters[{field}][{operation}]"), value.clone()));
        }
        pairs
    }
}

/// Every result of a search, read in pages of [`WHOLE_PAGE`] up to `limit` results:
/// `Ok((results, total))`, where `total` above `results.len()` says the limit cut the list.
pub async fn every_page<T, F, Fut>(limit: u32, mut search: F) -> Result<(Vec<T>, u64), ApiError>
where
    F: FnMut(ListQuery) -> Fut,
    Fut: Future<Output = Result<PagedResults<T>, ApiError>>,
{
    let mut all = Vec::new();
    let mut page = 1;
    loop {
        let query = ListQuery {
            page,
            size: WHOLE_PAGE,
            ..ListQuery::default()
        };
        let answer = search(query).await?;
        let last = answer.results.len() < WHOLE_PAGE as usize;
        all.extend(answer.results);
        if last || all.len() as u64 >= answer.total || all.len() as u32 >= limit {
            all.truncate(limit as usize);
            return Ok((all, answer.total));
        }
        page += 1;
    }
}

/// The page size of [`every_page`]: few requests, answers of a few hundred kilobytes.
pub const WHOLE_PAGE: u32 = 500;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_query_asks_for_the_first_page() {
        assert_eq!(
            ListQuery::default().pairs(),
            [
                ("page".to_string(), "1".to_string()),
                ("size".into(), "25".into())
            ]
        );
    }

    #[test]
    fn sorts_repeat_and_search_becomes_the_q_filter() {
        let query = ListQuery {
            page: 3,
            size: 50,
            sort: vec![
                ("name".into(), Direction::Asc),
                ("id".into(), Direction::Desc),
            ],
            search: Some("  ada ".into()),
            filters: vec![("type".into(), "EQUALS".into(), "GROUP".into())],
        };
        let pairs: Vec<String> = query
            .pairs()
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        assert_eq!(
            pairs,
            [
                "page=3",
                "size=50",
                "sort=name:asc",
                "sort=id:desc",
                "filters[q][EQUALS]=ada",
                "filters[type][EQUALS]=GROUP"
            ]
        );
    }

    #[test]
    fn a_blank_search_and_page_zero_are_not_sent_as_such() {
        let query = ListQuery {
            page: 0,
            search: Some("   ".into()),
            ..Default::default()
        };
        assert_eq!(query.pairs()[0], ("page".to_string(), "1".to_string()));
        assert!(query.pairs().iter().all(|(k, _)| !k.starts_with("filters")));
    }
}
