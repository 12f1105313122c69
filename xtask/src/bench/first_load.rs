//! The files of the release `dist/`, raw, gzip -9 and brotli -q 11: the shell every first load
//! downloads (index.html, JS glue, split loader, main wasm, CSS) and each area's file. What
//! each entry page downloads in all, against the budgets, is measured in the browser
//! (`browser.rs`), which sees the shared code an area pulls in.

use std::fs;
use std::path::Path;

use xshell::{Shell, cmd};

use crate::{project_root, spa, step, tools};

/// What the first load was before the console was split by area (issue #15), measured the same
/// way on the last unsplit build, kept here because that build is gone.
const BEFORE_SPLIT: &str = "Before the split (main at `5274ff1`, one wasm holding every page, \
    `trunk build --release`): 642.9 KB brotli for every page (the app 629.7 KB, JS glue 8.3 KB, \
    styles 4.1 KB, index.html 0.7 KB).";

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
    rows.sort_by_key(|r| (!r.shell, std::cmp::Reverse(r.brotli)));
    let shell: Vec<&Size> = rows.iter().filter(|r| r.shell).collect();
    let total = Size {
        name: "**the shell, in all**".into(),
        shell: true,
        raw: shell.iter().map(|r| r.raw).sum(),
        gzip: shell.iter().map(|r| r.gzip).sum(),
        brotli: shell.iter().map(|r| r.brotli).sum(),
    };

    let mut table = String::from("| file | raw | gzip -9 | brotli -q 11 |\n|---|---:|---:|---:|\n");
    let (shell_rows, area_rows) = rows.split_at(shell.len());
    for row in shell_rows.iter().chain([&total]).chain(area_rows) {
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            row.name,
            kb(row.raw),
            kb(row.gzip),
            kb(row.brotli)
        ));
    }
    Ok(format!(
        "## First-load transfer\n\n\
         The release build in `dist/` (`cargo xtask dist` and `cargo xtask test` build it: `cargo build --release` with \
         `opt-level = \"z\"`, LTO, one codegen unit, `panic = \"abort\"`, split by area with `wasm-split-cli`, \
         wasm-bindgen, wasm-opt 132 `-Oz` on every wasm file; see `xtask/src/spa.rs`), each file compressed on its own as \
         a server would send it. Every first load downloads the shell; the page's area and the code it shares with other \
         areas come next (what each entry page downloads in all is measured in the browser, below); the other areas \
         follow while the browser is idle. The favicon and `embed.js` (for portals) are left out.\n\n\
         {table}\n{BEFORE_SPLIT}\n\n\
         The bar from the issue: Kestra's own UI downloads 1.93 MB (brotli) before its first page; a bare Leptos + router app is 132 KB.\n\n\
         {weight}",
        weight = super::wasm_weight::section(sh),
    ))
}

struct Size {
    name: String,
    /// Whether every first load downloads it (not an area's code).
    shell: bool,
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
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    Ok(Size {
        name: spa::kind(name),
        shell: !spa::is_area(name),
        raw,
        gzip,
        brotli,
    })
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
