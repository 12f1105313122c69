//! The command line: the server (the default, flags in `settings`) or an offline command that
//! works on the database file directly, like Kestra's own `kestra tenants create`.
//!
//! Offline commands open the same SQLite file the server uses (migrating it first), and do all
//! their writes in one transaction, so they are safe while a server runs on that file too:
//! SQLite's lock makes them wait for the server's writes, and a failure leaves nothing behind.
//! They print what they did on stdout; errors go to stderr with a non-zero exit code (`main.rs`).

mod seed_audit_logs;
mod seed_users;
mod tenants;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::db::Db;
use crate::settings::{DEFAULT_DB, Settings};

/// Everything `kestra-admin-sandbox` accepts: the server's settings, or a command.
#[derive(Parser)]
#[command(
    name = "kestra-admin-sandbox",
    version,
    about = "A Kestra-EE-compatible IAM API server with SQLite persistence, for demos and tests"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,

    /// Without a command, the server runs.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Manage tenants on the database file (the server need not run).
    Tenants {
        #[command(subcommand)]
        command: tenants::TenantsCommand,
    },
    /// Bulk-add people to a tenant, for benchmarks (see `sandbox/README.md`).
    SeedUsers(seed_users::SeedUsers),
    /// Bulk-add audit logs to a tenant, for benchmarks (see `sandbox/README.md`).
    SeedAuditLogs(seed_audit_logs::SeedAuditLogs),
}

/// The database file an offline command works on; the same default as the server's `--db`.
#[derive(Args)]
pub struct DbFile {
    /// The SQLite database file; created and migrated if needed.
    #[arg(long, env = "KESTRA_SANDBOX_DB", default_value = DEFAULT_DB)]
    db: PathBuf,
}

impl DbFile {
    fn open(&self) -> anyhow::Result<Db> {
        Db::open(&self.db)
    }
}

/// Runs an offline command to the end.
pub async fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Tenants { command } => tenants::run(command).await,
        Command::SeedUsers(args) => seed_users::run(args).await,
        Command::SeedAuditLogs(args) => seed_audit_logs::run(args).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_flags_alone_run_the_server() {
        let cli =
            Cli::try_parse_from(["kestra-admin-sandbox", "--listen", "127.0.0.1:9000"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.settings.listen.port(), 9000);
    }

    #[test]
    fn tenants_create_needs_an_id_and_a_name() {
        let missing = Cli::try_parse_from([
            "kestra-admin-sandbox",
            "tenants",
            "create",
            "--tenant",
            "dev",
        ]);
        assert!(missing.is_err());
        let given = Cli::try_parse_from([
            "kestra-admin-sandbox",
            "tenants",
            "create",
            "--tenant",
            "dev",
            "--name",
            "Development",
        ]);
        assert!(matches!(
            given.unwrap().command,
            Some(Command::Tenants { .. })
        ));
    }
}
