//! Starts and always stops what the journeys need: the sandbox, chromedriver and one browser.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, bail};
use fantoccini::{Client, ClientBuilder};
use kestra_admin_sandbox::{Sandbox, Settings};
use tokio::process::{Child, Command};

/// The instance owner every run starts with.
pub const ADMIN_EMAIL: &str = "admin@e2e.test";
pub const ADMIN_PASSWORD: &str = "E2e-admin-pass-1";

/// Everything a run shares: one sandbox, one chromedriver, one browser session.
pub struct Harness {
    pub sandbox: Sandbox,
    pub browser: Browser,
    driver: Chromedriver,
    _data: TempDir,
}

/// The browser session plus where its screenshots go.
pub struct Browser {
    pub client: Client,
    /// The sandbox's origin, e.g. `http://127.0.0.1:41234`.
    pub origin: String,
    shots: PathBuf,
    journey: String,
    step: usize,
}

impl Harness {
    /// Starts the sandbox (serving `$KESTRA_ADMIN_DIST`), chromedriver (`$CHROMEDRIVER`) and a
    /// headless Chromium session.
    pub async fn start() -> anyhow::Result<Harness> {
        let data = TempDir::new()?;
        let sandbox = start_sandbox(&data.0, |_| {}).await?;

        let driver = Chromedriver::start()?;
        let client = driver.connect(&[]).await?;
        let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e");
        let browser = Browser {
            client,
            origin: sandbox.url(),
            shots,
            journey: String::new(),
            step: 0,
        };
        Ok(Harness {
            sandbox,
            browser,
            driver,
            _data: data,
        })
    }

    /// Closes the browser and stops chromedriver and the sandbox.
    pub async fn stop(self) {
        let _ = self.browser.client.close().await;
        self.driver.stop().await;
        self.sandbox.stop().await;
    }
}

impl Browser {
    /// Starts a journey: a clean browser (no remembered sign-in) and a fresh screenshot folder.
    pub async fn begin(&mut self, journey: &str) -> anyhow::Result<()> {
        self.journey = journey.to_string();
        self.step = 0;
        let dir = self.shots.join(journey);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        self.client.goto(&format!("{}/ui/", self.origin)).await?;
        self.client
            .execute("localStorage.clear(); sessionStorage.clear();", vec![])
            .await?;
        Ok(())
    }

    /// Opens a console URL, e.g. `/ui/dev/admin`, as pasted into a new tab: the tab's own
    /// sign-in (sessionStorage) does not come along, a remembered one (localStorage) does.
    /// `reload` keeps the tab.
    pub async fn open(&self, path: &str) -> anyhow::Result<()> {
        self.client
            .execute("sessionStorage.clear();", vec![])
            .await?;
        self.client
            .goto(&format!("{}{}", self.origin, path))
            .await?;
        Ok(())
    }

    /// Goes to a console URL in the same tab, as typed into its address bar: the tab's own
    /// sign-in comes along.
    pub async fn visit(&self, path: &str) -> anyhow::Result<()> {
        self.client
            .goto(&format!("{}{}", self.origin, path))
            .await?;
        Ok(())
    }

    /// Reloads the page in the same tab, as the browser's reload button does.
    pub async fn reload(&self) -> anyhow::Result<()> {
        self.client.refresh().await?;
        Ok(())
    }

    /// The current path and query, without the origin.
    pub async fn path(&self) -> anyhow::Result<String> {
        let url = self.client.current_url().await?;
        Ok(url.as_str().trim_start_matches(&self.origin).to_string())
    }

    /// Saves a screenshot as `target/e2e/<journey>/<nn>-<name>.png`.
    pub async fn screenshot(&mut self, name: &str) -> anyhow::Result<()> {
        self.step += 1;
        let png = self.client.screenshot().await?;
        let file = self
            .shots
            .join(&self.journey)
            .join(format!("{:02}-{name}.png", self.step));
        std::fs::write(&file, png).with_context(|| format!("writing {}", file.display()))?;
        Ok(())
    }
}

/// The built console the sandbox serves: `$KESTRA_ADMIN_DIST`, else `dist/`.
pub fn dist_dir() -> anyhow::Result<PathBuf> {
    let dist = PathBuf::from(
        std::env::var("KESTRA_ADMIN_DIST")
            .unwrap_or_else(|_| format!("{}/../dist", env!("CARGO_MANIFEST_DIR"))),
    );
    if !dist.join("index.html").exists() {
        bail!(
            "no built console at {}: run `cargo xtask build` first (cargo xtask test does)",
            dist.display()
        );
    }
    Ok(dist)
}

/// Starts a sandbox serving the console, with the e2e instance owner and a database in `dir`;
/// `configure` adjusts its settings (e.g. multi-tenancy off) before it starts.
pub async fn start_sandbox(
    dir: &std::path::Path,
    configure: impl FnOnce(&mut Settings),
) -> anyhow::Result<Sandbox> {
    let mut settings = Settings::for_tests(dir.join("sandbox.db"));
    settings.ui_dir = Some(dist_dir()?);
    settings.admin_email = Some(ADMIN_EMAIL.into());
    settings.admin_password = Some(ADMIN_PASSWORD.into());
    configure(&mut settings);
    kestra_admin_sandbox::start(settings).await
}

/// A chromedriver (`$CHROMEDRIVER`, else `/usr/bin/chromedriver`) listening on a free loopback
/// port: the one way the journeys and the browser bench start it. Killed when dropped.
pub struct Chromedriver {
    process: Child,
    /// Where it listens, e.g. `http://127.0.0.1:41235`.
    pub url: String,
}

impl Chromedriver {
    pub fn start() -> anyhow::Result<Chromedriver> {
        let path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port()?;
        let process = Command::new(&path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {path}"))?;
        Ok(Chromedriver {
            process,
            url: format!("http://127.0.0.1:{port}"),
        })
    }

    /// A headless Chromium session with the journeys' switches plus `extra_args` (the browser
    /// bench adds memory switches), retried while chromedriver starts listening.
    pub async fn connect(&self, extra_args: &[&str]) -> anyhow::Result<Client> {
        let mut args = vec![
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--window-size=1280,800",
        ];
        args.extend_from_slice(extra_args);
        let capabilities = serde_json::json!({
            "goog:chromeOptions": { "binary": "/usr/bin/chromium", "args": args }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("a JSON object literal")
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        // chromedriver takes a moment to listen; retry for a few seconds.
        let mut last_error = None;
        for _ in 0..50 {
            match ClientBuilder::new(connector.clone())
                .capabilities(capabilities.clone())
                .connect(&self.url)
                .await
            {
                Ok(client) => return Ok(client),
                Err(error) => last_error = Some(error),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(last_error
            .map(anyhow::Error::from)
            .unwrap_or_else(|| anyhow::anyhow!("chromedriver did not start")))
    }

    /// Stops it and waits until it has exited.
    pub async fn stop(mut self) {
        let _ = self.process.kill().await;
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// A directory removed when dropped, for throw-away databases.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> anyhow::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("kestra-admin-e2e-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
