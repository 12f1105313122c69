//! The contract stage of `cargo xtask test`: does the sandbox speak Kestra EE's API to the letter?
//!
//! Starts a sandbox of its own on a free port with an empty database and an instance owner, then
//! runs `conformance/` (pytest) against it: Kestra's Python SDK kestrapy drives every endpoint,
//! and schemathesis fuzzes the server with Kestra's OpenAPI document (`../shared/`). See
//! `conformance/README.md` for what is checked and how to run it alone.
//!
//! Python tools live in a virtualenv under `target/venv`; `pip` runs only when
//! `conformance/requirements.txt` changed since the last install (a copy of it is kept in the
//! virtualenv as a stamp).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::sandbox::Sandbox;
use crate::{project_root, step};

const ADMIN_EMAIL: &str = "conformance-admin@example.com";
const REQUIREMENTS: &str = "conformance/requirements.txt";

pub fn run(sh: &Shell) -> anyhow::Result<()> {
    let root = project_root();
    let target = target_dir(&root);
    let python = ensure_venv(sh, &root, &target)?;

    crate::sandbox::build(sh)?;
    let work = target.join("conformance");
    fs::create_dir_all(&work)?;
    let mut sandbox = Sandbox::start(&work, ADMIN_EMAIL, &[])?;

    let hypothesis_dir = work.join("hypothesis");
    let result = cmd!(sh, "{python} -m pytest conformance -q --no-header")
        .env("CONFORMANCE_URL", &sandbox.url)
        .env("CONFORMANCE_EMAIL", ADMIN_EMAIL)
        .env("CONFORMANCE_PASSWORD", &sandbox.password)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("HYPOTHESIS_STORAGE_DIRECTORY", &hypothesis_dir)
        .run();
    if result.is_err() {
        sandbox.keep_log = true;
        eprintln!("the sandbox's log: {}", sandbox.log.display());
    }
    drop(sandbox);
    result.context("contract tests failed")?;
    Ok(())
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else `target/`.
fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// Makes `target/venv` exist with `conformance/requirements.txt` installed; returns its python.
fn ensure_venv(sh: &Shell, root: &Path, target: &Path) -> anyhow::Result<PathBuf> {
    let venv = target.join("venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        step("Creating a Python virtualenv in target/venv (for the contract tests)");
        let target = venv.display().to_string();
        if cmd!(sh, "python3 -m venv {target}").run().is_err() {
            install_venv_support(sh)?;
            cmd!(sh, "python3 -m venv {target}").run()?;
        }
    }
    let wanted = fs::read_to_string(root.join(REQUIREMENTS)).context(REQUIREMENTS)?;
    let stamp = venv.join("conformance-requirements.txt");
    if fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        step(
            "Installing conformance/requirements.txt into target/venv (kestrapy, schemathesis, pytest)",
        );
        cmd!(
            sh,
            "{python} -m pip install -q --disable-pip-version-check -r {REQUIREMENTS}"
        )
        .run()?;
        fs::write(&stamp, wanted)?;
    }
    Ok(python)
}

/// `python3 -m venv` needs Debian's python3-venv; installs it when running as root.
fn install_venv_support(sh: &Shell) -> anyhow::Result<()> {
    if cmd!(sh, "id -u").read()?.trim() != "0" {
        bail!(
            "`python3 -m venv` failed. Install Python 3 with venv support, e.g.: sudo apt-get install -y python3-venv"
        );
    }
    step("Installing python3-venv from Debian's packages (for the contract tests)");
    cmd!(sh, "apt-get update -q").run()?;
    cmd!(sh, "apt-get install -y -q python3-venv")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    Ok(())
}
