//! `cargo xtask`: the project's developer workflow, in Rust rather than shell scripts
//! (see <https://github.com/matklad/cargo-xtask>).
//!
//! - `cargo xtask demo [--listen ADDR] [--portal]`: install what is missing, build the console
//!   in release mode, and serve it with the sandbox server and demo data (and the example
//!   portal) until Ctrl-C.
//! - `cargo xtask build`: install what is missing and build the release console into `dist/`,
//!   split by area and precompressed (see `spa.rs`).
//! - `cargo xtask test`: formatting, clippy, native tests, browser tests (wasm-bindgen-test)
//!   and end-to-end journeys in headless Chromium; exactly what CI runs.
//! - `cargo xtask dist`: one statically linked `target/dist/kestra-admin-sandbox` (musl) with
//!   the release console embedded, ready for `deploy/`.
//! - `cargo xtask bench`: measures the console and the sandbox and writes
//!   BENCHMARKS.md; it reports, it never fails on a number.
//!
//! `cargo test -p xtask` runs the tidy checks (`tidy.rs`): the layers' import rules and no
//! import cycle in the sandbox.

mod bench;
mod conformance;
mod demo;
mod dist;
mod sandbox;
mod spa;
mod test;
/// Checks of the code itself (which module may import which, no import cycle in the
/// sandbox), run by `cargo test -p xtask`.
#[cfg(test)]
mod tidy;
mod tools;
mod visit;

use std::path::PathBuf;

use anyhow::bail;
use xshell::Shell;

fn main() {
    if let Err(error) = run() {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("demo") => demo::run(&sh, &args[1..]),
        Some("build") if args.len() == 1 => {
            tools::ensure_spa_tools(&sh)?;
            spa::build_release(&sh)
        }
        Some("build") if args.len() == 2 && args[1] == "--heap-stats" => {
            tools::ensure_spa_tools(&sh)?;
            spa::build(&sh, spa::Build::HeapStats)
        }
        Some("test") => test::run(&sh, &args[1..]),
        Some("dist") => dist::run(&sh, &args[1..]),
        Some("bench") => bench::run(&sh),
        _ => bail!(
            "usage: cargo xtask <task>\n\n  demo [--listen ADDR] [--portal]  serve the console with demo data (default 127.0.0.1:8080)\n  build [--heap-stats]             build the release console into dist/ (--heap-stats: for\n                                   browser_bench --leak-hunt, never to ship)\n  test                             run every check CI runs\n  dist                             build target/dist/kestra-admin-sandbox: static, console embedded\n  bench                            measure the console and write BENCHMARKS.md"
        ),
    }
}

/// The workspace root, from where xtask's own manifest lives.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Prints a step heading so long tasks show where they are.
pub fn step(message: &str) {
    eprintln!("\n==> {message}");
}
