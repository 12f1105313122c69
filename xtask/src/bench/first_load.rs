//! What a browser downloads before the first page (the release `dist/`: index.html, JS glue,
//! wasm, CSS), raw, gzip -9 and brotli -q 11, against the 250 KB brotli budget.

use std::fs;
use std::path::Path;

use xshell::{Shell, cmd};

use crate::{project_root, spa, step, tools};

/// The first-load budget, brotli-compressed, from issue #7.
const FIRST_LOAD_BUDGET: u64 = 250 * 1024;

/// Why the first load is over budget, and what would bring it under: kept next to the figures.
const OVER_BUDGET_WHY: &str = "Why over budget: the console is one wasm module holding every page. \
    Beyond what Leptos and its router cost (the 132 KB above), each page's views are generic code \
    instantiated per view, the JSON layer (serde, serde_json) is shared by every resource, and the \
    route chooser inlines every page. The lever that would bring the first load under 250 KB is \
    code splitting (Leptos 0.8's `#[lazy]` routes with `wasm-split`, which cargo-leptos runs but \
    trunk does not), so that the first page downloads only the shell and itself; that build \
    change is not made yet.";

/// Builds the release `dist/` and returns the "First-load transfer" section of BENCHMARKS.md.
pub fn measure_section(sh: &Shell) -> anyhow::Result<String> {
    tools::ensure_spa_tools(sh)?;
    tools::ensure_brotli(sh)?;
    spa::build_release(sh)?;
    step("Measuring the first load (release dist/)");
    let dist = project_root().join("dist");
    let mut rows = Vec::new();
    for entry in fs::read_dir(&dist)? {
        let path = entry?.path();
        // embed.js is only for portals that mount the console; /ui/ never loads it.
        let first_load = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("html" | "js" | "wasm" | "css")
        ) && path.file_name().is_some_and(|n| n != "embed.js");
        if first_load {
            rows.push(measure(sh, &path)?);
        }
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.brotli));
    let total = Size {
        name: "**first load, in all**".into(),
        raw: rows.iter().map(|r| r.raw).sum(),
        gzip: rows.iter().map(|r| r.gzip).sum(),
        brotli: rows.iter().map(|r| r.brotli).sum(),
    };

    let mut table = String::from("| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|\n");
    for row in rows.iter().chain([&total]) {
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            row.name,
            kb(row.raw),
            kb(row.gzip),
            kb(row.brotli)
        ));
    }
    let verdict = if total.brotli <= FIRST_LOAD_BUDGET {
        format!("Within the budget of {} brotli.", kb(FIRST_LOAD_BUDGET))
    } else {
        format!(
            "**Over the budget of {} brotli by {}.**",
            kb(FIRST_LOAD_BUDGET),
            kb(total.brotli - FIRST_LOAD_BUDGET)
        )
    };
    Ok(format!(
        "## First-load transfer\n\n\
         What a browser downloads for `/ui/` before the console is interactive: the release build in `dist/` \
         (`trunk build --release`, `opt-level = \"z\"`, LTO, one codegen unit, `panic = \"abort\"`, wasm-opt 132 `-Oz`), \
         each file compressed on its own as a server would send it. The favicon is left out (browsers fetch it after the page).\n\n\
         {table}\n{verdict}\n\n\
         The bar from the issue: Kestra's own UI downloads 1.93 MB (brotli) before its first page; a bare Leptos + router app is 132 KB.\n\n\
         {why}{weight}",
        why = if total.brotli > FIRST_LOAD_BUDGET {
            format!("{OVER_BUDGET_WHY}\n\n")
        } else {
            String::new()
        },
        weight = super::wasm_weight::section(sh),
    ))
}

struct Size {
    name: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
}

fn measure(sh: &Shell, path: &Path) -> anyhow::Result<Size> {
    let raw = fs::metadata(path)?.len();
    let gzip = cmd!(sh, "gzip -9 -c {path}").quiet().output()?.stdout.len() as u64;
    let brotli = cmd!(sh, "brotli -q 11 -c {path}")
        .quiet()
        .output()?
        .stdout
        .len() as u64;
    // Hashed names change every build; the table names files by kind.
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("wasm") => "the app (wasm)",
        Some("js") => "JS glue",
        Some("css") => "styles",
        _ => name,
    };
    Ok(Size {
        name: kind.to_string(),
        raw,
        gzip,
        brotli,
    })
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
