//! The real `kestra-admin-sandbox` binary as a child process, for tests of what only a process
//! shows: a crash, a signal, a restart on the same database file.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD};

/// The binary, running; killed with SIGKILL when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    /// Every line it logged on stderr so far.
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts it on a free port with `db` and the instance owner, and waits for its
    /// "listening on" line.
    pub fn start(db: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kestra-admin-sandbox"))
            .args(["--listen", "127.0.0.1:0", "--admin-email", ADMIN_EMAIL])
            .arg("--db")
            .arg(db)
            .env("KESTRA_SANDBOX_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the sandbox binary starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let collected = log.clone();
        // A reader thread keeps the pipe drained, so a chatty server never blocks on it.
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                collected.lock().unwrap().push(line);
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("the sandbox prints its address");
        let url = line
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_else(|| panic!("no address in {line:?}; log: {:?}", log.lock().unwrap()))
            .to_owned();
        Server { child, url, log }
    }

    /// SIGKILL: no graceful shutdown, no chance to flush anything.
    pub fn kill_9(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGTERM, as a container runtime or systemd sends to stop a service.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -TERM failed: {status}");
    }

    /// Waits up to `timeout` for a logged line containing `needle`; panics with the log if none.
    pub fn wait_for_log(&self, needle: &str, timeout: Duration) {
        let started = Instant::now();
        while started.elapsed() < timeout {
            if self.log().iter().any(|line| line.contains(needle)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "no log line with {needle:?} within {timeout:?}: {:?}",
            self.log()
        );
    }

    /// Waits up to `timeout` for the process to exit; panics if it does not.
    pub fn wait_for_exit(&mut self, timeout: Duration) -> ExitStatus {
        let started = Instant::now();
        while started.elapsed() < timeout {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("still running after {timeout:?}: {:?}", self.log());
    }

    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A database path in the temp directory, removed (with its WAL files) when dropped.
pub struct TempDb(PathBuf);

impl TempDb {
    pub fn new(purpose: &str) -> TempDb {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        TempDb(std::env::temp_dir().join(format!(
            "kestra-sandbox-{purpose}-{}-{nanos}.db",
            std::process::id()
        )))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The database's write-ahead log, next to it.
    pub fn wal(&self) -> PathBuf {
        with_suffix(&self.0, "-wal")
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&self.0, suffix));
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut path = path.to_path_buf().into_os_string();
    path.push(suffix);
    PathBuf::from(path)
}
