//! `browser_bench`: the browser figures of `cargo xtask bench` (issue #7), measured in headless
//! Chromium on loopback against an in-process sandbox serving the release console (`dist/`).
//!
//! It measures what the first load of each entry page downloads, the time to a signed-in
//! users page of a 10,000-user tenant next to a static floor page, the latency of everyday interactions, rendering and re-sorting the largest page
//! the console shows, and the wasm and JS heaps over 20 tours of every page; and writes the
//! markdown section to `--out` (default: stdout). It reports; it never fails on a number.
//!
//! Usage: `CHROMEDRIVER=/usr/bin/chromedriver KESTRA_ADMIN_DIST=dist cargo run -p e2e
//! --profile server --bin browser_bench -- [--out FILE] [--runs N] [--rounds N]`
//! (`cargo xtask bench` runs it; see `xtask/src/bench/browser.rs`).
//! `--leak-hunt VISITS` instead reports, for each page, how much wasm memory round trips
//! between it and the overview keep: a diagnosis for when the memory figure grows. Against a
//! build from `cargo xtask build --heap-stats` it also gives the live heap to the byte and the
//! allocation sizes that grew; `--page PATH` keeps the pages whose path contains PATH, and
//! `--watch SIZE` prints the call stacks of what allocations of SIZE bytes (or of any size,
//! with 18446744073709551615) a visit left behind.
//! `--big-table` measures only the 1,000-row page (next page and re-sort), for work on the
//! table's rendering; `--memory` only the tours of every page (with `--rounds 100`, whether the
//! wasm memory levels off).

mod first_load;
mod measure;
mod probe;
mod report;
mod setup;

use std::fmt::Write;
use std::path::PathBuf;

use anyhow::Context;
use setup::Bench;

/// Runs per measurement, and tours of every page for the memory figure.
const RUNS: usize = 15;
const ROUNDS: usize = 20;
/// The most rows the console shows at once: `?size=` is capped at 1,000
/// (`MAX_PAGE_SIZE` in `src/pages/list_url.rs`); the "Rows per page" picker offers at most 100.
const LARGEST_PAGE: u32 = 1000;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut out_file = None;
    let (mut runs, mut rounds) = (RUNS, ROUNDS);
    let mut leak_hunt = None;
    let mut big_table_only = false;
    let mut memory_only = false;
    let (mut only_page, mut watch) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().context("a value after each flag");
        match arg.as_str() {
            "--out" => out_file = Some(PathBuf::from(value()?)),
            "--runs" => runs = value()?.parse()?,
            "--rounds" => rounds = value()?.parse()?,
            "--leak-hunt" => leak_hunt = Some(value()?.parse()?),
            "--big-table" => big_table_only = true,
            "--memory" => memory_only = true,
            "--page" => only_page = Some(value()?),
            "--watch" => watch = Some(value()?.parse()?),
            _ => anyhow::bail!(
                "usage: browser_bench [--out FILE] [--runs N] [--rounds N] [--leak-hunt VISITS [--page PATH] [--watch SIZE]] [--big-table] [--memory]"
            ),
        }
    }

    eprintln!(
        "browser bench: starting the sandbox and seeding {} users",
        setup::BIG_USERS
    );
    let bench = Bench::start().await?;
    let result = match leak_hunt {
        Some(visits) => hunt_leaks(&bench, visits, only_page.as_deref(), watch).await,
        None if big_table_only || memory_only => {
            one_section(&bench, big_table_only, runs, rounds).await
        }
        None => measure_all(&bench, runs, rounds).await,
    };
    bench.stop().await;
    let section = result?;
    match out_file {
        Some(file) => {
            std::fs::write(&file, section).with_context(|| format!("writing {}", file.display()))?
        }
        None => print!("{section}"),
    }
    Ok(())
}

async fn measure_all(bench: &Bench, runs: usize, rounds: usize) -> anyhow::Result<String> {
    sign_in(bench).await?;
    let version = bench
        .cdp("Browser.getVersion", serde_json::json!({}))
        .await?;
    let browser = version["product"]
        .as_str()
        .map(|p| {
            p.replace("HeadlessChrome/", "Chromium ")
                .replace("Chrome/", "Chromium ")
        })
        .unwrap_or_else(|| "Chromium".into());
    let setup = report::Setup {
        browser,
        seed_seconds: bench.seed_time.as_secs_f64(),
        big_users: setup::BIG_USERS,
    };

    let mut out = String::from("## In the browser\n\n");
    report::how(&mut out, &setup, runs);

    out.push_str(
        "\n### First load per entry page\n\n\
         What the browser fetched before each page's code was there, from an empty cache: the \
         page, the shell (glue, split loader, main wasm, styles) and the page's area with the \
         code it shares with other areas, each as sent (brotli); the other areas follow while \
         the browser is idle and are not counted. Read in the page from Resource Timing \
         (`encodedBodySize`), up to the console's `kestra-admin:first-page` mark.\n\n",
    );
    step("first load of each entry page");
    let mut loads = Vec::new();
    for (page, path) in first_load::entry_pages(bench) {
        loads.push((page, first_load::measure(bench, &path).await));
    }
    first_load::report(&mut out, &loads);

    out.push_str("\n### Time to a signed-in users page\n\n");
    step("time to the first users row, console and floor");
    match measure::time_to_first_row(bench, runs).await {
        Ok((console, floor)) => report::first_row(&mut out, &console, &floor),
        Err(error) => not_measured(&mut out, &error),
    }

    out.push_str("### Interaction latency\n\n");
    out.push_str(report::LATENCY_HEADER);
    out.push('\n');
    step("switching tenant");
    match measure::switch_tenant(bench, runs.div_ceil(2).max(5)).await {
        Ok((small, big)) => {
            report::latency_row(
                &mut out,
                "switch tenant (picker), to the 50-user tenant",
                &small,
                Some(100.0),
            );
            report::latency_row(
                &mut out,
                "switch tenant (picker), to the 10,000-user tenant",
                &big,
                Some(100.0),
            );
        }
        Err(error) => failed_row(&mut out, "switch tenant", &error),
    }
    step("next page of users");
    match measure::next_page(bench, runs, 25).await {
        Ok(t) => report::latency_row(&mut out, "next page of users (25 rows)", &t, Some(100.0)),
        Err(error) => failed_row(&mut out, "next page of users", &error),
    }
    step("opening a role's permission matrix");
    match measure::open_role(bench, runs).await {
        Ok(t) => report::latency_row(
            &mut out,
            "open a role (permission matrix) from the roles list",
            &t,
            Some(100.0),
        ),
        Err(error) => failed_row(&mut out, "open a role", &error),
    }
    step("previewing a change to a role 10,000 people hold");
    match measure::preview_role_change(bench, runs).await {
        Ok(t) => report::latency_row(
            &mut out,
            &format!(
                "preview a change to a role {} people hold through one group (Save → who gains what)",
                setup::BIG_USERS
            ),
            &t,
            Some(1000.0),
        ),
        Err(error) => failed_row(&mut out, "preview a role change", &error),
    }
    step("searching users");
    let search = measure::search(bench, runs).await;
    match &search {
        Ok(t) => {
            report::latency_row(
                &mut out,
                &format!(
                    "search users, last keystroke → 10 matching rows (includes the {} ms debounce)",
                    search_debounce_ms()
                ),
                t,
                Some(100.0),
            );
            let without: Vec<probe::Timing> = t
                .iter()
                .map(|t| probe::Timing {
                    start: t.start + search_debounce_ms(),
                    ..t.clone()
                })
                .collect();
            report::latency_row(
                &mut out,
                &format!("the same, less the {} ms debounce", search_debounce_ms()),
                &without,
                Some(100.0),
            );
        }
        Err(error) => failed_row(&mut out, "search users", error),
    }
    let _ = writeln!(
        out,
        "\nThe search waits {} ms after the last keystroke before it asks the server \
         (`SEARCH_DEBOUNCE_MS` in `src/components/data_table.rs`), so the first line includes that \
         pause; the second line shows what follows it.",
        search_debounce_ms()
    );

    big_table_section(bench, &mut out, runs).await;
    memory_section(bench, &mut out, rounds).await;
    Ok(out)
}

/// The "Memory over N tours" section.
async fn memory_section(bench: &Bench, out: &mut String, rounds: usize) {
    let pages = measure::every_page(bench).len();
    let _ = write!(
        out,
        "\n### Memory over {rounds} tours of every page\n\n\
         Each tour visits the console's {pages} pages of the big tenant (overview; each list, detail and create page; \
         effective access; my API tokens) by in-app navigation, as links do, waiting on each until it has settled; \
         memory is read after a full garbage collection (`window.gc()`). The wasm memory is the size of the module's \
         linear memory (`memory.buffer.byteLength`, read through the exports the page's loader keeps as `window.wasmBindings`); \
         it never shrinks, so growth after the first tour is Rust heap the console did not give back.\n\n"
    );
    step("touring every page");
    match measure::tour(bench, rounds).await {
        Ok((memory, unsettled)) => report::memory(out, &memory, pages, unsettled),
        Err(error) => not_measured(out, &error),
    }
}

/// `--big-table` or `--memory`: that section alone, signed in as `measure_all` signs in.
async fn one_section(
    bench: &Bench,
    big_table: bool,
    runs: usize,
    rounds: usize,
) -> anyhow::Result<String> {
    sign_in(bench).await?;
    let mut out = String::new();
    if big_table {
        big_table_section(bench, &mut out, runs).await;
    } else {
        memory_section(bench, &mut out, rounds).await;
    }
    Ok(out)
}

/// The "Rendering the largest page" section: the next 1,000-row page and a re-sort of one.
async fn big_table_section(bench: &Bench, out: &mut String, runs: usize) {
    let _ = write!(out, "\n### Rendering the largest page\n\n");
    let _ = writeln!(
        out,
        "The console cannot show 1,000 rows at once: lists page on the server, the \"Rows per page\" picker offers 10, 25, 50 \
         and 100, and a list URL's `size` is capped at {LARGEST_PAGE} (`src/pages/list_url.rs`). \
         So these are {LARGEST_PAGE}-row pages, opened by URL (`?size={LARGEST_PAGE}`); sorting is done by the server, \
         so a re-sort is a request plus a render of {LARGEST_PAGE} new rows.\n"
    );
    out.push_str(report::LATENCY_HEADER);
    out.push('\n');
    let sort_runs = runs.min(10);
    step("next page of the largest page size");
    match measure::next_page(bench, sort_runs, LARGEST_PAGE).await {
        Ok(t) => report::latency_row(
            out,
            &format!("next page, {LARGEST_PAGE} new rows"),
            &t,
            Some(100.0),
        ),
        Err(error) => failed_row(out, "next page of the largest page size", &error),
    }
    step("re-sorting the largest page");
    match measure::sort(bench, sort_runs, LARGEST_PAGE).await {
        Ok(t) => report::latency_row(
            out,
            &format!("re-sort {LARGEST_PAGE} rows by email (click the column header)"),
            &t,
            Some(100.0),
        ),
        Err(error) => failed_row(out, "re-sort", &error),
    }
}

/// `--leak-hunt VISITS`: which page keeps memory, as a markdown table; with a build from
/// `cargo xtask build --heap-stats`, also the live heap to the byte and the allocation sizes
/// that grew.
async fn hunt_leaks(
    bench: &Bench,
    visits: usize,
    only: Option<&str>,
    watch: Option<usize>,
) -> anyhow::Result<String> {
    sign_in(bench).await?;
    step(&format!(
        "{visits} round trips between each page and the overview"
    ));
    let leaks = measure::leak_hunt(bench, visits, only, watch).await?;
    let mut out = format!(
        "| page | wasm memory growth over {visits} round trips with the overview | live heap growth | sizes that grew (bytes × added per visit) |\n|---|---:|---:|---|\n"
    );
    for leak in leaks {
        let (live, sizes) = match &leak.live {
            Some((bytes, sizes)) => (
                format!("{:+.1} KB", bytes / 1024.0),
                sizes
                    .iter()
                    .take(6)
                    .map(|(size, added)| format!("{size} × {:.1}", *added as f64 / visits as f64))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            None => ("(needs `--heap-stats`)".to_string(), String::new()),
        };
        let _ = writeln!(
            out,
            "| `{}` | {:+.0} KB | {live} | {sizes} |",
            leak.page,
            leak.wasm_bytes / 1024.0
        );
    }
    Ok(out)
}

/// Signs the browser in as the instance owner, as "remember me" keeps a sign-in.
async fn sign_in(bench: &Bench) -> anyhow::Result<()> {
    let token = e2e::seed::admin_token(&bench.origin, "browser-bench").await?;
    measure::remember_sign_in(bench, &token).await
}

fn step(what: &str) {
    eprintln!("browser bench: {what}");
}

fn not_measured(out: &mut String, error: &anyhow::Error) {
    eprintln!("  failed: {error:#}");
    let _ = writeln!(out, "Not measured: {error:#}.\n");
}

fn failed_row(out: &mut String, name: &str, error: &anyhow::Error) {
    eprintln!("  failed: {error:#}");
    let _ = writeln!(out, "| {name} | not measured: {error:#} | | | | | | |");
}

/// The console's search debounce, read from its source so the report follows any change.
fn search_debounce_ms() -> f64 {
    include_str!("../../../../src/components/data_table.rs")
        .lines()
        .find_map(|line| line.strip_prefix("const SEARCH_DEBOUNCE_MS: u64 = "))
        .and_then(|rest| rest.trim_end_matches(';').parse().ok())
        .unwrap_or(f64::NAN)
}
