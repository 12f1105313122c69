//! `kestra-admin-sandbox`: run the sandbox server until Ctrl-C or SIGTERM, or run one offline
//! command on its database (`tenants create`, `seed-users`).
//!
//! `kestra-admin-sandbox --help` lists the flags and commands; each flag also reads an
//! environment variable.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use kestra_admin_sandbox::{Cli, Settings, cli, start};

#[tokio::main]
async fn main() -> ExitCode {
    // Logs go to stderr, so stdout carries only the "listening on" line a harness may wait for.
    tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    let Cli { settings, command } = Cli::parse();
    let outcome = match command {
        None => run(settings).await,
        Some(command) => cli::run(command).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kestra-admin-sandbox: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(settings: Settings) -> anyhow::Result<()> {
    let shutdown = shutdown_signal();
    let sandbox = start(settings).await?;
    let url = sandbox.url();
    println!("kestra-admin-sandbox listening on {url} (console at {url}/ui/)");
    shutdown.await;
    tracing::info!("shutting down");
    sandbox.stop().await;
    Ok(())
}

/// Resolves on Ctrl-C, or on SIGTERM where there is one (how containers and CI stop services).
/// The handlers are installed when this is called, not when it is first awaited: a SIGTERM
/// that arrives right after the "listening" line must stop the server gracefully, not kill it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
