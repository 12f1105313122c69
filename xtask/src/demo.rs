//! `cargo xtask demo`: a working console in one command.
//!
//! Installs what is missing, builds the console in release mode and the sandbox server, then
//! runs the sandbox on `--listen` (default 127.0.0.1:8080) with a persistent SQLite file under
//! `target/demo/` and demo data, until Ctrl-C. A second run reuses everything. With `--portal`
//! it also serves the example portal (`examples/portal/`) at `/portal/`, embedding the console.

use anyhow::bail;
use xshell::{Shell, cmd};

use crate::{project_root, spa, step, tools};

/// The demo instance owner. The sandbox is a local demo, so a fixed, printed password is the
/// point: it is passed by environment variable, never on a command line `ps` can show.
const ADMIN_EMAIL: &str = "admin@kestra.io";
const ADMIN_PASSWORD: &str = "Kestra-Demo-1";

pub fn run(sh: &Shell, args: &[String]) -> anyhow::Result<()> {
    let mut listen = "127.0.0.1:8080".to_string();
    let mut portal = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.as_slice().first()) {
            ("--listen", Some(addr)) => {
                listen = addr.clone();
                args.next();
            }
            ("--portal", _) => portal = true,
            _ => bail!("usage: cargo xtask demo [--listen HOST:PORT] [--portal]"),
        }
    }
    tools::ensure_spa_tools(sh)?;
    spa::build_release(sh)?;
    step("Building the sandbox server");
    cmd!(sh, "cargo build --quiet --package kestra-admin-sandbox").run()?;

    let data = project_root().join("target/demo");
    sh.create_dir(&data)?;
    let db = data.join("kestra-sandbox.db");
    let dist = project_root().join("dist");
    let server = project_root().join("target/debug/kestra-admin-sandbox");
    let port_shown = listen.replace("0.0.0.0", "127.0.0.1");
    eprintln!(
        "\n  Open http://{port_shown}/ui/ and sign in as {ADMIN_EMAIL} with password {ADMIN_PASSWORD}"
    );
    let mut portal_flags = Vec::new();
    if portal {
        portal_flags.push("--portal-dir".into());
        portal_flags.push(project_root().join("examples/portal").display().to_string());
        eprintln!(
            "  The example portal, embedding the console: http://{port_shown}/portal/admin/ (same sign-in)"
        );
    }
    eprintln!(
        "  Data is kept in {}; delete it to start over. Ctrl-C stops the server.\n",
        db.display()
    );
    cmd!(sh, "{server} --listen {listen} --db {db} --ui-dir {dist} --seed demo --admin-email {ADMIN_EMAIL} {portal_flags...}")
        .env("KESTRA_SANDBOX_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .run()?;
    Ok(())
}
