//! Installs the tools the build and the tests need, once, saying what and why.
//!
//! Versions are pinned (see `../../shared/TOOLCHAIN.md` for the traps behind each pin):
//! wasm-bindgen-cli is installed without `--locked` and at exactly the version of the
//! `wasm-bindgen` crate, and wasm-opt comes from npm's binaryen (Debian's breaks release
//! builds). trunk is not needed: the release build is `spa.rs`'s pipeline, and `trunk serve`
//! is an optional development server (see the README).

use std::path::PathBuf;

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::{project_root, step};

pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const AXE_VERSION: &str = "4.10.3";
/// `wasm-split-cli`, which cuts the release wasm into the shell and its areas.
pub const WASM_SPLIT_VERSION: &str = "0.2.4";

/// Makes sure the wasm target, wasm-split-cli, wasm-bindgen and wasm-opt are installed, and puts
/// the project-local wasm-opt first on PATH.
pub fn ensure_spa_tools(sh: &Shell) -> anyhow::Result<()> {
    let binaryen = project_root().join("target/tools/binaryen");
    prepend_path(sh, binaryen.join("node_modules/.bin"));
    let targets = cmd!(sh, "rustup target list --installed").read()?;
    if !targets.lines().any(|t| t == "wasm32-unknown-unknown") {
        step("Installing the wasm32-unknown-unknown target (the console compiles to WebAssembly)");
        cmd!(sh, "rustup target add wasm32-unknown-unknown").run()?;
    }
    // wasm-split-cli has no --version: ask cargo what it installed.
    let installed = cmd!(sh, "cargo install --list").quiet().read()?;
    if !installed.contains(&format!("wasm_split_cli_support v{WASM_SPLIT_VERSION}:")) {
        step(&format!(
            "Installing wasm-split-cli {WASM_SPLIT_VERSION} (splits the release console by area; about 2 minutes, only once)"
        ));
        cmd!(
            sh,
            "cargo install --locked wasm_split_cli_support@{WASM_SPLIT_VERSION} --features build-binary"
        )
        .run()?;
    }
    if !version_is(sh, "wasm-bindgen", WASM_BINDGEN_VERSION) {
        step(&format!(
            "Installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} (the JS glue and the browser test runner; about 4 minutes, only once)"
        ));
        // Not --locked: its lock file names a crate version the registry mirror lacks.
        cmd!(sh, "cargo install wasm-bindgen-cli@{WASM_BINDGEN_VERSION}").run()?;
    }
    if !version_is(sh, "wasm-opt", "version_132") {
        step(&format!(
            "Installing wasm-opt from npm binaryen@{BINARYEN_VERSION} into target/tools (shrinks the release wasm)"
        ));
        let prefix = binaryen.display().to_string();
        cmd!(
            sh,
            "npm install --no-audit --no-fund --prefix {prefix} binaryen@{BINARYEN_VERSION}"
        )
        .run()
        .context("npm is needed to install wasm-opt; install Node.js and npm")?;
    }
    Ok(())
}

/// Makes sure headless Chromium and its chromedriver exist, installing them from Debian's
/// packages when running as root; returns the chromedriver path.
pub fn ensure_browser(sh: &Shell) -> anyhow::Result<PathBuf> {
    let chromium = PathBuf::from("/usr/bin/chromium");
    let driver = PathBuf::from("/usr/bin/chromedriver");
    if chromium.exists() && driver.exists() {
        return Ok(driver);
    }
    if cmd!(sh, "id -u").read()?.trim() != "0" {
        bail!(
            "the browser tests need Chromium and ChromeDriver at /usr/bin/chromium and /usr/bin/chromedriver.\n\
             Install them with: sudo apt-get update && sudo apt-get install -y chromium chromium-driver"
        );
    }
    step("Installing Chromium and ChromeDriver from Debian's packages (for the browser tests)");
    cmd!(sh, "apt-get update -q").run()?;
    cmd!(sh, "apt-get install -y -q chromium chromium-driver")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    Ok(driver)
}

/// Makes sure the `brotli` command exists (to measure compressed sizes), installing Debian's
/// package when running as root.
pub fn ensure_brotli(sh: &Shell) -> anyhow::Result<()> {
    if cmd!(sh, "brotli --version")
        .quiet()
        .ignore_stderr()
        .read()
        .is_ok()
    {
        return Ok(());
    }
    if cmd!(sh, "id -u").read()?.trim() != "0" {
        bail!("the benchmark needs the brotli command: sudo apt-get install -y brotli");
    }
    step("Installing brotli from Debian's packages (to measure compressed sizes)");
    cmd!(sh, "apt-get install -y -q brotli")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    Ok(())
}

/// Makes sure axe-core (the journeys' accessibility checker, `e2e::a11y`) is in
/// `target/tools/axe`, from npm.
pub fn ensure_axe(sh: &Shell) -> anyhow::Result<()> {
    let prefix = project_root().join("target/tools/axe");
    let installed = prefix.join("node_modules/axe-core/package.json");
    if std::fs::read_to_string(&installed)
        .is_ok_and(|package| package.contains(&format!("\"version\": \"{AXE_VERSION}\"")))
    {
        return Ok(());
    }
    step(&format!(
        "Installing axe-core {AXE_VERSION} from npm into target/tools (the journeys' accessibility checks)"
    ));
    let prefix = prefix.display().to_string();
    cmd!(
        sh,
        "npm install --no-audit --no-fund --prefix {prefix} axe-core@{AXE_VERSION}"
    )
    .run()
    .context("npm is needed to install axe-core; install Node.js and npm")?;
    Ok(())
}

/// Whether `tool --version` runs and mentions `version`.
fn version_is(sh: &Shell, tool: &str, version: &str) -> bool {
    cmd!(sh, "{tool} --version")
        .quiet()
        .ignore_stderr()
        .read()
        .is_ok_and(|out| out.contains(version))
}

fn prepend_path(sh: &Shell, dir: PathBuf) {
    let current = sh.var("PATH").unwrap_or_default();
    let mut paths = vec![dir];
    if let Some(home) = std::env::var_os("HOME") {
        // `cargo install` puts tools here; a fresh shell may not have it on PATH yet.
        paths.push(PathBuf::from(home).join(".cargo/bin"));
    }
    paths.extend(std::env::split_paths(&current));
    if let Ok(joined) = std::env::join_paths(paths) {
        sh.set_var("PATH", joined);
    }
}
