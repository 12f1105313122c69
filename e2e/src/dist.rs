//! The single-file sandbox of `cargo xtask dist` (console embedded), run as a separate process
//! the way a deployment runs it, for the journeys about embedding and demo deployments.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::harness::{ADMIN_EMAIL, ADMIN_PASSWORD, TempDir};

/// A running `target/dist/kestra-admin-sandbox`; dropping it kills the process.
pub struct DistSandbox {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    _data: TempDir,
}

/// The binary: `$KESTRA_SANDBOX_DIST_BINARY`, else `target/dist/kestra-admin-sandbox`.
pub fn binary() -> PathBuf {
    std::env::var_os("KESTRA_SANDBOX_DIST_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/dist/kestra-admin-sandbox")
        })
}

/// The example portal (`examples/portal/`).
pub fn portal_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/portal")
}

impl DistSandbox {
    /// Starts the binary on a free port with a fresh database, the e2e instance owner and the
    /// given extra flags; returns once it prints the URL it listens on.
    pub async fn start(flags: &[&str]) -> anyhow::Result<DistSandbox> {
        let binary = binary();
        if !binary.exists() {
            bail!(
                "no single-file sandbox at {}: run `cargo xtask dist` first (cargo xtask test does)",
                binary.display()
            );
        }
        let data = TempDir::new()?;
        let mut command = Command::new(&binary);
        command
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--db")
            .arg(data.0.join("sandbox.db"))
            .args(flags)
            // The password goes through the environment, never the command line.
            .env("KESTRA_SANDBOX_ADMIN_EMAIL", ADMIN_EMAIL)
            .env("KESTRA_SANDBOX_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .env_remove("KESTRA_SANDBOX_UI_DIR")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdout = child.stdout.take().context("the sandbox's stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let url = tokio::time::timeout(Duration::from_secs(60), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(url) = line
                    .split_whitespace()
                    .find(|word| word.starts_with("http://"))
                {
                    return Ok(url.trim_end_matches('/').to_string());
                }
            }
            bail!("the sandbox exited before listening")
        })
        .await
        .context("the sandbox did not start within a minute")??;
        // Keep draining stdout so the sandbox never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(DistSandbox {
            child,
            url,
            _data: data,
        })
    }

    /// Stops the process.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }
}
