//! The browser figures (issue #7): time to a signed-in users page, interaction latency,
//! rendering the largest page, and memory over tours of every page, in headless Chromium.
//!
//! The measuring is done by the e2e crate's `browser_bench` binary (it reuses the journeys'
//! harness: an in-process sandbox, chromedriver, one browser); this module builds and runs it
//! against the release `dist/` and returns the section it wrote.

use std::fs;

use xshell::{Shell, cmd};

use crate::{project_root, step, tools};

/// Runs `browser_bench` against `dist/` (built by the first-load section, which runs first) and
/// returns its section; a run that breaks is reported in the section, never as a failure.
pub fn measure_section(sh: &Shell) -> anyhow::Result<String> {
    let driver = tools::ensure_browser(sh)?;
    let dist = project_root().join("dist");
    let out = project_root().join("target/bench/browser.md");
    fs::create_dir_all(project_root().join("target/bench"))?;
    let _ = fs::remove_file(&out);
    // The `server` profile (the sandbox's optimised build): the sandbox answering the browser
    // runs in-process, and a debug build would time unoptimised server code.
    step("Measuring in headless Chromium (browser_bench: about 3 minutes)");
    let ran = cmd!(
        sh,
        "cargo run --quiet --package e2e --profile server --bin browser_bench -- --out {out}"
    )
    .env("CHROMEDRIVER", &driver)
    .env("KESTRA_ADMIN_DIST", &dist)
    .run();
    match (ran, fs::read_to_string(&out)) {
        (Ok(()), Ok(section)) => Ok(section),
        (Err(error), _) => Ok(format!(
            "## In the browser\n\nNot measured: `browser_bench` failed ({error}); see its output above.\n"
        )),
        (Ok(()), Err(error)) => Ok(format!(
            "## In the browser\n\nNot measured: no section at {} ({error}).\n",
            out.display()
        )),
    }
}
