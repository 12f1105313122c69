//! Runs the sandbox server as a separate process for the stages that test against it from
//! outside (the contract tests in Python, the browser tests of the fetch layer). The admin
//! password reaches it through its environment, never its command line, and the process is
//! killed whatever happens (a guard's `Drop`).

use std::fs::{self, File};
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::project_root;

/// Builds `target/debug/kestra-admin-sandbox` the way the native tests stage does (same
/// command, so the same feature set): right after that stage it is a no-op, where a plain
/// `cargo build -p kestra-admin-sandbox` would compile everything again with other features.
pub fn build(sh: &Shell) -> anyhow::Result<()> {
    cmd!(sh, "cargo test --quiet --workspace --exclude e2e --no-run").run()?;
    Ok(())
}

/// How long a fresh sandbox may take to answer its first request.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

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
pub struct Sandbox {
    child: Child,
    db: PathBuf,
    pub log: PathBuf,
    pub keep_log: bool,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// The instance owner's password, new for every sandbox.
    pub password: String,
}

impl Sandbox {
    /// Starts the already built `target/debug/kestra-admin-sandbox` on a free port with an
    /// empty database in `work`, an instance owner `admin_email` with a fresh password, and
    /// `extra` flags; returns once it answers.
    pub fn start(work: &Path, admin_email: &str, extra: &[&str]) -> anyhow::Result<Sandbox> {
        let binary = project_root().join("target/debug/kestra-admin-sandbox");
        Sandbox::start_binary(&binary, work, admin_email, extra)
    }

    /// Like [`Sandbox::start`], with another build of the sandbox (`cargo xtask dist`'s), run
    /// from `work` so it can find no file it was not given.
    pub fn start_binary(
        binary: &Path,
        work: &Path,
        admin_email: &str,
        extra: &[&str],
    ) -> anyhow::Result<Sandbox> {
        let port = free_port()?;
        let password = fresh_password();
        let db = work.join(format!("sandbox-{}.db", std::process::id()));
        let log = work.join(format!("sandbox-{}.log", std::process::id()));
        remove_db(&db);
        let mut command = Command::new(binary);
        command.current_dir(work);
        // Settings the developer's environment may carry must not change what is tested.
        for var in [
            "KESTRA_SANDBOX_LISTEN",
            "KESTRA_SANDBOX_DB",
            "KESTRA_SANDBOX_UI_DIR",
            "KESTRA_SANDBOX_ADMIN_EMAIL",
            "KESTRA_SANDBOX_MULTI_TENANCY",
            "KESTRA_SANDBOX_DEFAULT_TENANT",
            "KESTRA_SANDBOX_SEED",
            "KESTRA_SANDBOX_DEMO_RESET",
            "KESTRA_SANDBOX_PORTAL_DIR",
            "KESTRA_SANDBOX_FRAME_ANCESTORS",
        ] {
            command.env_remove(var);
        }
        let child = command
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--db")
            .arg(&db)
            .arg("--admin-email")
            .arg(admin_email)
            .args(extra)
            .env("KESTRA_SANDBOX_ADMIN_PASSWORD", &password)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&log)?)
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let mut sandbox = Sandbox {
            child,
            db,
            log,
            keep_log: false,
            url: format!("http://127.0.0.1:{port}"),
            password,
        };
        sandbox.wait_until_ready(port)?;
        Ok(sandbox)
    }

    /// `GET path` without credentials: the status and the body.
    pub fn get(&self, path: &str) -> anyhow::Result<(u16, Vec<u8>)> {
        let answer = self.request(path, &[])?;
        Ok((answer.status, answer.body))
    }

    /// `GET path` without credentials, with `headers`: the whole answer, the body as sent
    /// (still compressed, if it was).
    pub fn request(&self, path: &str, headers: &[(&str, &str)]) -> anyhow::Result<Answer> {
        let address = self.url.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut request =
            format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes())?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let end = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .context("no end of headers in the answer")?;
        let head = String::from_utf8_lossy(&response[..end]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .with_context(|| format!("no status in {head:?}"))?;
        let headers = head
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        // Content-Length bodies only: the sandbox never chunks a file it serves.
        Ok(Answer {
            status,
            headers,
            head_len: end + 4,
            body: response[end + 4..].to_vec(),
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

/// An HTTP answer as it came over the wire.
pub struct Answer {
    pub status: u16,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
    /// The bytes of the status line and headers.
    pub head_len: usize,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
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
