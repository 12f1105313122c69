//! The envelope every Kestra search returns.

use serde::{Deserialize, Serialize};

/// `{"results": [...], "total": N}`: one page of results and the total across all pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PagedResults<T> {
    pub results: Vec<T>,
    pub total: u64,
}
