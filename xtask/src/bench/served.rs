//! What the single-file binary of `cargo xtask dist` actually sends a browser for the users
//! page: every file of the first load requested over HTTP from the real binary with
//! `Accept-Encoding: br, gzip`, as Chromium asks, counting the bytes on the wire. Then a repeat
//! visit, as a browser makes it with what it cached: content-hashed files are not asked for
//! again (`immutable`), the page is revalidated by its `ETag`.

use std::path::Path;

use xshell::Shell;

use crate::sandbox::Sandbox;
use crate::visit::{Visit, visit};
use crate::{dist, project_root, step};

/// The budget of the issue for what the dist binary sends for the users page.
const BUDGET: u64 = 250 * 1024;

/// What the dist binary sent before it sent precompressed files (issue #15, item 2), measured
/// once the same way, kept here because that binary is gone.
const BEFORE: &str = "Before (main's dist binary, built at `236784b` with the same console, the \
    same requests sent with curl on 2026-12-02): 2083.3 KB, every file as it is whatever the browser \
    accepts (index.html 1.5 KB, JS glue 58.6 KB, the app 2005.7 KB, styles 17.5 KB), with no \
    cache headers but `no-cache` on the page, so a repeat visit downloaded all of it again.";

/// Builds the dist binary around `dist/` (built by the first-load section, which runs first),
/// measures it, and returns the section of BENCHMARKS.md.
pub fn measure_section(sh: &Shell) -> anyhow::Result<String> {
    dist::package(sh)?;
    step("Measuring what the dist binary sends for the users page");
    let binary = project_root().join("target/dist/kestra-admin-sandbox");
    let visit = measure(&binary)?;
    let mut table = String::from("| file | encoding | body | headers |\n|---|---|---:|---:|\n");
    for file in &visit.files {
        table.push_str(&format!(
            "| {} | {} | {} | {} B |\n",
            file.kind,
            file.coding.as_deref().unwrap_or("none"),
            kb(file.body),
            file.head
        ));
    }
    let total = visit.total();
    table.push_str(&format!(
        "| **the shell, in all** | | **{}** | {} B |\n",
        kb(total),
        visit.files.iter().map(|f| f.head).sum::<u64>()
    ));
    let verdict = if total <= BUDGET {
        format!("Within the budget of {}.", kb(BUDGET))
    } else {
        format!(
            "**Over the budget of {} by {}**: the files are sent compressed, so what is left is \
             the size of the console itself (see the first-load section).",
            kb(BUDGET),
            kb(total - BUDGET)
        )
    };
    Ok(format!(
        "## What the dist binary sends\n\n\
         The users page (`/ui/dev/admin/users`) and every file its `index.html` loads (the shell; \
         the page's area, which the split loader fetches next, is in the browser section's first \
         loads), requested over HTTP from `target/dist/kestra-admin-sandbox` (the console \
         embedded, `cargo xtask dist`) with `Accept-Encoding: br, gzip`; \"body\" is the bytes \
         after the headers, as sent. The compressed files are made once at build time \
         (`xtask/src/spa.rs`) and embedded.\n\n\
         {table}\n{verdict}\n\n\
         A repeat visit sends {repeat} of body in one request: the content-hashed files are cached \
         for a year (`Cache-Control: public, max-age=31536000, immutable`) and not asked for \
         again, and the page is revalidated with its `ETag` (`{status}`).\n\n{BEFORE}\n",
        repeat = kb(visit.repeat_body),
        status = visit.repeat_status,
    ))
}

/// Starts `binary` (from an empty directory, so it serves its embedded console) and visits the
/// users page twice.
pub fn measure(binary: &Path) -> anyhow::Result<Visit> {
    let work = project_root().join("target/bench-served");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let sandbox = Sandbox::start_binary(binary, &work, "owner@example.com", &[])?;
    let visit = visit(&sandbox);
    drop(sandbox);
    let _ = std::fs::remove_dir_all(&work);
    visit
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
