//! Pages whose code is downloaded when first needed: the mechanism behind the areas.
//!
//! A page of an area is a [`LazyRoute`](leptos_router::LazyRoute) whose view is built behind a
//! split point: with the `split` feature (the release build, post-processed by `wasm-split`),
//! the code of every page of one area goes into one file the browser fetches the first time
//! one of them is shown; without it (`trunk serve`, the component tests) the same code is
//! simply there. Which page is in which area is the parent module's business; this module owns how a page
//! is waited for, what a download that fails shows, and the prefetch once the first page is up.

use std::future::Future;
use std::pin::Pin;
use std::sync::Once;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

/// A page's view, once its area's code is there.
pub type Loaded = Result<AnyView, SplitLoaderError>;

/// Starts downloading a page's area (if it is not there yet) and builds the page's view.
pub type Load = fn() -> Pin<Box<dyn Future<Output = Loaded>>>;

/// Declares `async fn $name() -> Result<$ret, SplitLoaderError>` returning `Ok($value)`, where
/// the code computing `$value` lives in the code of `$area`. With the `split` feature it is a
/// `wasm_split` point that is `fallible`: a download that fails returns `Err` (without
/// `fallible` it panics, and with `panic = "abort"` the whole console would die). Without the
/// feature it is a plain `async fn` that cannot fail.
macro_rules! split_point {
    ($area:ident, fn $name:ident() -> $ret:ty = $value:expr) => {
        #[cfg(feature = "split")]
        #[::leptos::wasm_split::wasm_split($area, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $name() -> ::core::result::Result<$ret, ::leptos::wasm_split::SplitLoaderError> {
            Ok($value)
        }
        #[cfg(not(feature = "split"))]
        async fn $name() -> ::core::result::Result<$ret, ::leptos::wasm_split::SplitLoaderError> {
            Ok($value)
        }
    };
}
pub(crate) use split_point;

/// Declares an area: a module named `$area` with one [`LazyRoute`](leptos_router::LazyRoute)
/// type per page (named like the page's component in `crate::pages::$module`) and
/// `prefetch()`, which downloads the area's code without showing anything.
macro_rules! area {
    ($(#[$doc:meta])* $area:ident { $($module:ident :: $page:ident),+ $(,)? }) => {
        $(#[$doc])*
        // The split points are named after the pages they show.
        #[allow(non_snake_case)]
        pub mod $area {
            use ::leptos::prelude::{AnyView, IntoAny};

            $crate::areas::lazy_page::split_point!($area, fn download() -> () = ());

            /// Downloads this area's code if it is not there yet. A failure is not kept: the
            /// page that needs the code downloads it again, and says so if that fails too.
            pub async fn prefetch() {
                let _ = download().await;
            }

            $(
                #[doc = concat!("`", stringify!($page), "`, shown once this area's code is there.")]
                pub struct $page;

                impl ::leptos_router::LazyRoute for $page {
                    fn data() -> Self {
                        $page
                    }

                    async fn view(_: Self) -> AnyView {
                        $crate::areas::lazy_page::split_point!($area, fn $page() -> AnyView =
                            $crate::pages::$module::$page().into_any());
                        $crate::areas::lazy_page::show(|| Box::pin($page())).await
                    }
                }
            )+
        }
    };
}
pub(crate) use area;

/// The page, once its code is there; or, when the download failed, a message and a way to try
/// again that stays on the same URL.
pub async fn show(load: Load) -> AnyView {
    match load().await {
        Ok(page) => {
            prefetch_when_idle();
            page
        }
        Err(_) => unavailable(load),
    }
}

/// After the first page is up, downloads every other area while the browser is idle, so that
/// following a link never waits on the network. Once per visit: the areas remember what they
/// downloaded, and one that failed is downloaded again when a page of it is opened.
fn prefetch_when_idle() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // What the first load is made of ends here; the browser bench counts the files
        // fetched before this mark (`e2e/src/bin/browser_bench/first_load.rs`).
        performance_mark("kestra-admin:first-page");
        request_idle_callback(|| leptos::task::spawn_local(super::prefetch_all()));
    });
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `performance.mark(name)`: a named moment on the page's clock (User Timing).
    #[wasm_bindgen(js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str);
}

/// "This page could not be downloaded" with a "Try again" button, which downloads it again
/// and shows it in place.
fn unavailable(load: Load) -> AnyView {
    let attempts = RwSignal::new(0u32);
    let attempt = move || {
        let retried = attempts.get() > 0;
        Suspend::new(SendWrapper::new(async move {
            if retried && let Ok(page) = load().await {
                prefetch_when_idle();
                return page;
            }
            view! {
                <div class="card" role="alert">
                    <h1>"This page could not be downloaded"</h1>
                    <p>"The connection to the server was lost while this part of the console was loading. Check the connection, then try again."</p>
                    <button type="button" on:click=move |_| attempts.update(|n| *n += 1)>
                        "Try again"
                    </button>
                </div>
            }
            .into_any()
        }))
    };
    attempt.into_any()
}
