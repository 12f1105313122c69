//! The contract stage of `cargo xtask test`: does the sandbox speak Kestra EE's API to the letter?
//!
//! Starts a sandbox of its own on a free port with an empty database and an instance owner, then
//! runs `conformance/` (pytest) against it: Kestra's Python SDK kestrapy drives every endpoint,
//! and schemathesis fuzzes the server with Kestra's OpenAPI document (`../shared/`). See
//! `conformance/README.md` for what is checked and how to run it alone.
//!
//! Python tools live in a virtualenv under `target/venv`; `pip` runs only when
//! `conformance/requirements.txt` changed since the last install (a copy of it is kept in the
//! virtualenv as a stamp). The admin password reaches the sandbox through its environment, never
//! its command line, and the sandbox is killed whatever happens (a guard's `Drop`).

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::{project_root, step};

const ADMIN_EMAIL: &str = "conformance-admin@example.com";
const REQUIREMENTS: &str = "conformance/requirements.txt";
/// How long a fresh sandbox may take to answer its first request.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

pub fn run(sh: &Shell) -> anyhow::Result<()> {
    let root = project_root();
    let python = ensure_venv(sh, &root)?;

    cmd!(sh, "cargo build --package kestra-admin-sandbox").run()?;
    let work = root.join("target/conformance");
    fs::create_dir_all(&work)?;
    let port = free_port()?;
    let password = fresh_password();
    let mut sandbox = Sandbox::start(&root, &work, port, &password)?;
    let url = format!("http://127.0.0.1:{port}");
    sandbox.wait_until_ready(port)?;

    let hypothesis_dir = work.join("hypothesis");
    let result = cmd!(
        sh,
        "{python} -m pytest conformance -p no:cacheprovider -q -rfEX --no-header -W ignore::UserWarning"
    )
    .env("CONFORMANCE_URL", &url)
    .env("CONFORMANCE_EMAIL", ADMIN_EMAIL)
    .env("CONFORMANCE_PASSWORD", &password)
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

/// Makes `target/venv` exist with `conformance/requirements.txt` installed; returns its python.
fn ensure_venv(sh: &Shell, root: &Path) -> anyhow::Result<PathBuf> {
    let venv = root.join("target/venv");
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

/// A port nobody listens on right now (the OS picks it; the sandbox binds it right after).
fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    Ok(listener.local_addr()?.port())
}

/// A password no earlier run used; it only lives as long as the sandbox.
fn fresh_password() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("Cf-{:x}-{}-Pass", nanos, std::process::id())
}

/// A running sandbox; dropping it kills the process and removes its database (and its log,
/// unless `keep_log`).
struct Sandbox {
    child: Child,
    db: PathBuf,
    log: PathBuf,
    keep_log: bool,
}

impl Sandbox {
    fn start(root: &Path, work: &Path, port: u16, password: &str) -> anyhow::Result<Sandbox> {
        let binary = root.join("target/debug/kestra-admin-sandbox");
        let db = work.join(format!("sandbox-{}.db", std::process::id()));
        let log = work.join(format!("sandbox-{}.log", std::process::id()));
        remove_db(&db);
        let mut command = Command::new(&binary);
        // Settings the developer's environment may carry must not change what is tested.
        for var in [
            "KESTRA_SANDBOX_LISTEN",
            "KESTRA_SANDBOX_DB",
            "KESTRA_SANDBOX_UI_DIR",
            "KESTRA_SANDBOX_ADMIN_EMAIL",
            "KESTRA_SANDBOX_MULTI_TENANCY",
            "KESTRA_SANDBOX_DEFAULT_TENANT",
            "KESTRA_SANDBOX_SEED",
        ] {
            command.env_remove(var);
        }
        let child = command
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--db")
            .arg(&db)
            .arg("--admin-email")
            .arg(ADMIN_EMAIL)
            .env("KESTRA_SANDBOX_ADMIN_PASSWORD", password)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&log)?)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        Ok(Sandbox {
            child,
            db,
            log,
            keep_log: false,
        })
    }

    /// Waits until `GET /api/v1/configs` gets an HTTP answer, or the sandbox exits.
    fn wait_until_ready(&mut self, port: u16) -> anyhow::Result<()> {
        let started = Instant::now();
        while started.elapsed() < READY_TIMEOUT {
            if answers(port) {
                return Ok(());
            }
            if let Some(status) = self.child.try_wait()? {
                let log = fs::read_to_string(&self.log).unwrap_or_default();
                bail!("the sandbox exited ({status}) before answering; its log:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        bail!(
            "the sandbox did not answer GET /api/v1/configs within {READY_TIMEOUT:?}; its log:\n{log}"
        )
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        remove_db(&self.db);
        if !self.keep_log {
            let _ = fs::remove_file(&self.log);
        }
    }
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = fs::remove_file(PathBuf::from(path));
    }
}

/// Whether `GET /api/v1/configs` on the port gets any HTTP response.
fn answers(port: u16) -> bool {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let Ok(mut stream) = TcpStream::connect_timeout(&address, Duration::from_secs(1)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!(
        "GET /api/v1/configs HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}
