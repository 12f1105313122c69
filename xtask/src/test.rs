//! `cargo xtask test`: every check CI runs, one summary line per stage.
//!
//! Stages run in order and all of them run even when one fails (so one run reports every
//! problem), except the single-file sandbox and the end-to-end journeys, which need the console
//! that the build stage makes.

use std::time::Instant;

use xshell::{Shell, cmd};

use crate::sandbox::Sandbox;
use crate::{conformance, dist, project_root, spa, tools};

pub fn run(sh: &Shell, args: &[String]) -> anyhow::Result<()> {
    if !args.is_empty() {
        anyhow::bail!("usage: cargo xtask test");
    }
    let started = Instant::now();
    tools::ensure_spa_tools(sh)?;
    let driver = tools::ensure_browser(sh)?;
    let mut stages = Stages::default();

    stages.run("format", || cmd!(sh, "cargo fmt --all -- --check").run());
    stages.run("clippy (native)", || {
        cmd!(sh, "cargo clippy --workspace --all-targets -- -D warnings").run()
    });
    stages.run("clippy (wasm32)", || {
        // With `split`, as the release build ships it (native clippy checks it without).
        cmd!(sh, "cargo clippy --package kestra-admin --target wasm32-unknown-unknown --all-targets --features split -- -D warnings")
            .run()
    });
    stages.run("native tests", || {
        cmd!(sh, "cargo test --workspace --exclude e2e").run()
    });
    stages.run("contract tests (kestrapy, schemathesis)", || {
        conformance::run(sh)
    });
    stages.run("browser tests (wasm-bindgen-test)", || {
        browser_tests(sh, &driver)
    });
    let built = stages.run("build console (release, split)", || spa::build_release(sh));
    if built {
        // The embedding and demo journeys run against the binary a deployment ships; when it
        // does not build they fail and say so, and the other journeys still run.
        stages.run("single-file sandbox (cargo xtask dist)", || {
            dist::package(sh)
        });
        stages.run(
            "end-to-end journeys (Chromium)",
            || -> anyhow::Result<()> {
                tools::ensure_axe(sh)?;
                cmd!(sh, "cargo test --package e2e --test journeys")
                    .env("CHROMEDRIVER", &driver)
                    .env("KESTRA_ADMIN_DIST", project_root().join("dist"))
                    .env(
                        "KESTRA_SANDBOX_DIST_BINARY",
                        project_root().join("target/dist/kestra-admin-sandbox"),
                    )
                    .run()?;
                Ok(())
            },
        );
    } else {
        stages.skip(
            "end-to-end journeys (Chromium)",
            "the console did not build",
        );
    }

    eprintln!("\n{}", stages.summary());
    eprintln!("total {:.0?}", started.elapsed());
    if stages.failed() {
        anyhow::bail!("some stages failed");
    }
    Ok(())
}

/// The component tests and the fetch layer's tests, in headless Chromium. The fetch layer
/// talks to a real sandbox, which must let the test runner's page (another origin) call it.
fn browser_tests(sh: &Shell, driver: &std::path::Path) -> anyhow::Result<()> {
    crate::sandbox::build(sh)?;
    let work = project_root().join("target/browser-tests");
    std::fs::create_dir_all(&work)?;
    let sandbox = Sandbox::start(&work, BROWSER_TEST_ADMIN, &["--cors-allow-origin", "*"])?;
    cmd!(
        sh,
        "cargo test --package kestra-admin --target wasm32-unknown-unknown --test browser"
    )
    .env("CHROMEDRIVER", driver)
    // Without DWARF: with it the test module passed 1.9 GB and Chromium no longer loaded it
    // ("Failed to detect test as having been run"). A wasm stack trace names functions from
    // the name section, which stays.
    .env("CARGO_PROFILE_DEV_DEBUG", "0")
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        "wasm-bindgen-test-runner",
    )
    // Read at compile time by tests/browser/client.rs (the wasm cannot read the environment).
    .env("KESTRA_SANDBOX_URL", &sandbox.url)
    .env("KESTRA_SANDBOX_EMAIL", BROWSER_TEST_ADMIN)
    .env("KESTRA_SANDBOX_PASSWORD", &sandbox.password)
    .run()?;
    Ok(())
}

const BROWSER_TEST_ADMIN: &str = "browser-tests@example.com";

#[derive(Default)]
struct Stages {
    lines: Vec<String>,
    failures: usize,
}

impl Stages {
    /// Runs one stage and records its outcome; returns whether it passed.
    fn run<E: std::fmt::Display>(
        &mut self,
        name: &str,
        stage: impl FnOnce() -> Result<(), E>,
    ) -> bool {
        crate::step(name);
        let started = Instant::now();
        let result = stage();
        let elapsed = started.elapsed().as_secs_f32();
        let outcome = match &result {
            Ok(()) => "ok".to_string(),
            Err(error) => {
                self.failures += 1;
                format!("FAILED ({error})")
            }
        };
        self.lines
            .push(format!("{name:<40} {outcome:<8} {elapsed:>6.1}s"));
        result.is_ok()
    }

    fn skip(&mut self, name: &str, why: &str) {
        self.failures += 1;
        self.lines.push(format!("{name:<40} skipped: {why}"));
    }

    fn summary(&self) -> String {
        self.lines.join("\n")
    }

    fn failed(&self) -> bool {
        self.failures > 0
    }
}
