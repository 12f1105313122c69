//! What a browser downloads before an entry page of the console shows, counted by the browser
//! itself: every script, wasm and stylesheet it fetched (Resource Timing's `encodedBodySize`,
//! the body as sent, so brotli where the server sent brotli) plus the page, from a cleared
//! cache, up to the moment the page's code was there (the console marks it with
//! `performance.mark("kestra-admin:first-page")`, see `src/areas/lazy_page.rs`). The areas
//! prefetched after that mark are not part of the first load, and the API's answers are not
//! code.

use std::fmt::Write;

use serde::Deserialize;
use serde_json::json;

use crate::setup::{BIG, Bench};

/// The first-load budgets of issue #15, brotli: the users page, and the largest page (so every
/// other page).
const USERS_BUDGET: f64 = 250.0 * 1024.0;
const ANY_PAGE_BUDGET: f64 = 300.0 * 1024.0;
/// Requests before the users page shows (issue #15).
const USERS_REQUESTS_BUDGET: usize = 8;

/// One file of a first load.
#[derive(Debug, Deserialize)]
pub struct Fetched {
    /// Its path, e.g. `/ui/split_people-0123456789abcdef.wasm`.
    pub path: String,
    pub bytes: f64,
}

const USERS_PAGE: &str = "the users list";

/// The entry pages of the issue, by name, and their paths.
pub fn entry_pages(bench: &Bench) -> [(&'static str, String); 4] {
    use e2e::routes;
    let ui = e2e::ui;
    [
        (USERS_PAGE, ui(&routes::users(BIG))),
        ("a tenant's overview", ui(&routes::tenant_home(BIG))),
        (
            "a role (permission matrix)",
            ui(&routes::role(BIG, &bench.ids.role)),
        ),
        (
            "the audit log",
            ui(&routes::audit_logs(BIG, &Default::default())),
        ),
    ]
}

/// Opens `path` with an empty cache and returns what was fetched before its code was there.
pub async fn measure(bench: &Bench, path: &str) -> anyhow::Result<Vec<Fetched>> {
    bench.cdp("Network.clearBrowserCache", json!({})).await?;
    bench.client.goto("about:blank").await?;
    bench.open(path).await?;
    let script = r#"
      const done = arguments[arguments.length - 1];
      const deadline = performance.now() + 20000;
      const code = /\.(js|wasm|css)$/;
      const poll = () => {
        const [shown] = performance.getEntriesByName('kestra-admin:first-page');
        if (!shown) {
          if (performance.now() > deadline) { done(null); } else { setTimeout(poll, 20); }
          return;
        }
        const page = performance.getEntriesByType('navigation')[0];
        const files = performance.getEntriesByType('resource')
          .filter(r => r.startTime < shown.startTime && code.test(new URL(r.name).pathname))
          .map(r => ({ path: new URL(r.name).pathname, bytes: r.encodedBodySize }));
        done([{ path: new URL(page.name).pathname, bytes: page.encodedBodySize }, ...files]);
      };
      poll();
    "#;
    let value = bench.client.execute_async(script, vec![]).await?;
    anyhow::ensure!(!value.is_null(), "{path} did not show its page within 20 s");
    Ok(serde_json::from_value(value)?)
}

/// The table of first loads, one row per entry page, with the budget's verdict.
pub fn report(out: &mut String, loads: &[(&str, anyhow::Result<Vec<Fetched>>)]) {
    out.push_str(
        "| page | requests | the shell | its area | in all (as sent) | budget | verdict |\n\
         |---|---:|---:|---:|---:|---|---|\n",
    );
    for (page, load) in loads {
        let files = match load {
            Ok(files) => files,
            Err(error) => {
                let _ = writeln!(out, "| {page} | not measured: {error:#} | | | | | |");
                continue;
            }
        };
        let area = total(files.iter().filter(|f| is_area(&f.path)));
        let all = total(files.iter());
        let budget = if *page == USERS_PAGE {
            USERS_BUDGET
        } else {
            ANY_PAGE_BUDGET
        };
        let verdict = crate::report::verdict(all, budget);
        let _ = writeln!(
            out,
            "| {page} | {} | {} | {} | {} | ≤ {} | {verdict} |",
            files.len(),
            kb(all - area),
            kb(area),
            kb(all),
            kb(budget),
        );
    }
    if let Some((_, Ok(files))) = loads.iter().find(|(page, _)| *page == USERS_PAGE) {
        let _ = writeln!(
            out,
            "\nRequests before the users list shows: {} (budget ≤ {USERS_REQUESTS_BUDGET}): {}.",
            files.len(),
            crate::report::verdict(files.len() as f64, USERS_REQUESTS_BUDGET as f64)
        );
    }
}

/// Whether the file is the code of an area or code areas share (`split_<area>-<hash>.wasm`,
/// `chunk_<n>-<hash>.wasm`), rather than the shell every page loads.
fn is_area(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.starts_with("split_") || name.starts_with("chunk_")
}

fn total<'a>(files: impl Iterator<Item = &'a Fetched>) -> f64 {
    files.map(|f| f.bytes).sum()
}

fn kb(bytes: f64) -> String {
    format!("{:.1} KB", bytes / 1024.0)
}
