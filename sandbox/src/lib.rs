//! The sandbox: a small server that speaks the IAM and multi-tenancy part of Kestra EE's REST API,
//! stores everything in one SQLite file, and serves the built console at `/ui/`.
//!
//! It exists so the console can be developed, demonstrated and tested end to end without a Kestra
//! EE licence. It answers with Kestra's paths, field names, status codes and error bodies (see
//! `shared/kestra-api.md` and `sandbox/README.md` for where the contract is silent); it does not
//! run flows, and it implements no part of Kestra that the console does not use.
//!
//! Entry points: [`start`] (used by `main.rs`, the integration tests and the e2e harness),
//! [`app`] (the router alone, for tests that need no socket) and [`cli`] (the command line,
//! with the offline commands).

/// `--audit-retention`: deleting old audit logs in the background.
mod audit_retention;
/// Who is calling: the `Caller` extractor, with Basic and Bearer sign-in.
mod auth;
/// The command line and its offline commands (`tenants create`, `seed-users`).
pub mod cli;
/// Browsers on other origins (`--cors-allow-origin`).
mod cors;
/// The SQLite file: connections, the one writer, migrations.
mod db;
/// `--demo-reset`: restoring the demo data on a schedule.
mod demo_reset;
/// When the next demo reset is due, and the flag's interval.
mod demo_schedule;
/// The one error type and Kestra's error body.
mod error;
/// The HTTP API: the top layer, which only `lib.rs` wires in.
mod http;
/// Ids and timestamps.
mod ids;
/// Decoding JSON with Kestra's 422 naming the field.
mod json;
/// Paging, sorting and filtering lists.
mod query;
/// The `TenantScope` extractor: refusing a request its caller may not make.
mod rbac;
/// `--seed demo`: the demo company.
mod seed;
/// Every flag and environment variable.
mod settings;
/// The domain: every read and write of the data, below `http`.
mod store;
/// Serving the console at `/ui/` and the portal at `/portal/`.
mod ui;

use std::net::{Ipv4Addr, SocketAddr};

use anyhow::Context;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use cli::Cli;
pub use error::Error;
pub use http::app;
pub use settings::{FrameAncestors, Seed, Settings};
pub use state::AppState;

/// What every handler shares: the database, the settings, the sign-in cache.
mod state;

/// A running sandbox: where it listens, and how to stop it.
pub struct Sandbox {
    addr: SocketAddr,
    shutdown: oneshot::Sender<()>,
    serving: JoinHandle<std::io::Result<()>>,
    /// Kept to checkpoint the database once the last request is done.
    state: AppState,
    /// The `--demo-reset` task, if any.
    resetting: Option<JoinHandle<()>>,
    /// The `--audit-retention` task, if any.
    pruning: Option<JoinHandle<()>>,
}

/// Opens (and migrates) the database, creates the instance owner given by the settings, seeds
/// demo data if asked, binds the listening socket and serves in a background task.
///
/// Returns once the socket is bound, so the caller can use [`Sandbox::url`] at once.
pub async fn start(settings: Settings) -> anyhow::Result<Sandbox> {
    let state = AppState::open(&settings).await?;
    state.ensure_implicit_tenant().await?;
    if let (Some(email), Some(password)) = (&settings.admin_email, &settings.admin_password) {
        auth::bootstrap_admin(&state, email, password)
            .await
            .context("creating the instance owner")?;
    }
    let mut resetting = None;
    if let Some(Seed::Demo) = settings.seed {
        let demo_hash = seed::demo_password_hash().await?;
        seed::demo(&state, demo_hash.clone())
            .await
            .context("seeding demo data")?;
        let owner = settings
            .admin_email
            .clone()
            .zip(settings.admin_password.clone());
        resetting = demo_reset::spawn(state.clone(), demo_hash, owner).await?;
    }
    let pruning = audit_retention::spawn(state.clone(), settings.audit_retention);
    let listener = tokio::net::TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("binding {}", settings.listen))?;
    let addr = listener.local_addr()?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let router = app(state.clone());
    let serving = tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = stopped.await;
        })
        .await
    });
    Ok(Sandbox {
        addr,
        shutdown,
        serving,
        state,
        resetting,
        pruning,
    })
}

impl Sandbox {
    /// The address the server is bound to (the real port when the settings asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to reach the server at, e.g. `http://127.0.0.1:8080`. A wildcard listen
    /// address (`0.0.0.0`) is reported as the loopback address, which is what a local client uses.
    pub fn url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(Ipv4Addr::LOCALHOST.into());
        }
        format!("http://{addr}")
    }

    /// Stops accepting connections, lets requests in flight finish (for up to five seconds),
    /// then checkpoints the database and returns.
    ///
    /// The checkpoint moves every committed write from the write-ahead log into the database
    /// file and empties the log, so the file alone is a complete copy once the process is gone
    /// (what an operator backs up or moves). SQLite would also checkpoint when its last
    /// connection closes, but silently and only if nothing else still holds the connection.
    pub async fn stop(self) {
        let _ = self.shutdown.send(());
        let mut serving = self.serving;
        match tokio::time::timeout(std::time::Duration::from_secs(5), &mut serving).await {
            Ok(Ok(Ok(()))) => tracing::info!("every request in flight has been answered"),
            Ok(Ok(Err(err))) => tracing::warn!("server stopped with an error: {err}"),
            Ok(Err(err)) => tracing::warn!("server task failed: {err}"),
            Err(_) => {
                tracing::warn!("requests still running after 5 s; stopping anyway");
                serving.abort();
            }
        }
        if let Some(pruning) = self.pruning {
            // Each batch is one transaction: aborting between or inside them loses nothing.
            pruning.abort();
            let _ = pruning.await;
        }
        if let Some(resetting) = self.resetting {
            // A reset under way finishes or never starts: it is one transaction.
            resetting.abort();
            let _ = resetting.await;
        }
        match checkpoint(&self.state).await {
            Ok(()) => tracing::info!("database checkpointed; the write-ahead log is empty"),
            Err(err) => tracing::error!("checkpointing the database: {err:#}"),
        }
    }
}

/// `PRAGMA wal_checkpoint(TRUNCATE)`: copies the log into the database file and empties it.
async fn checkpoint(state: &AppState) -> anyhow::Result<()> {
    let busy: i64 = state
        .db()
        .read(|conn| Ok(conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?))
        .await?;
    anyhow::ensure!(busy == 0, "another connection kept the log busy");
    Ok(())
}
