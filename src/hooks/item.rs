//! The item a detail page is about: loaded from the route's tenant and `:id`, and loaded again
//! whenever either changes (e.g. the tenant picker keeps the page but changes the tenant).

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::routes::{use_item_id, use_tenant};

/// The route's id and the item `load(tenant, id)` finds for it (`Ok(None)` when it does not
/// exist): what `DetailStates` shows.
pub struct Item<T: 'static> {
    pub id: Memo<String>,
    pub found: LocalResource<Result<Option<T>, ApiError>>,
}

impl<T: 'static> Clone for Item<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Item<T> {}

/// Loads the current page's item with `load(tenant, id)`.
pub fn use_item<T, Fut>(load: impl Fn(String, String) -> Fut + 'static) -> Item<T>
where
    T: 'static,
    Fut: Future<Output = Result<Option<T>, ApiError>> + 'static,
{
    let tenant = use_tenant();
    let id = use_item_id();
    let found = LocalResource::new(move || load(tenant.get(), id.get()));
    Item { id, found }
}
