//! Command-line flags and environment variables: every setting the sandbox has.
//!
//! Each flag can also be given as an environment variable (`--listen` is `KESTRA_SANDBOX_LISTEN`),
//! which is how containers and the e2e harness usually configure it.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use clap::{ArgAction, Parser, ValueEnum};

/// The database file when neither `--db` nor `KESTRA_SANDBOX_DB` names one (the server and the
/// offline commands share it, so both find the same data).
pub const DEFAULT_DB: &str = "kestra-sandbox.db";

/// How to start the sandbox. `main.rs` parses it from the command line; tests build it with
/// [`Settings::for_tests`].
#[derive(Parser, Clone)]
#[command(
    name = "kestra-admin-sandbox",
    version,
    about = "A Kestra-EE-compatible IAM API server with SQLite persistence, for demos and tests"
)]
pub struct Settings {
    /// Address and port to listen on (port 0 picks a free port).
    #[arg(long, env = "KESTRA_SANDBOX_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The SQLite database file; created and migrated on start.
    #[arg(long, env = "KESTRA_SANDBOX_DB", default_value = DEFAULT_DB)]
    pub db: PathBuf,

    /// A built console (trunk's `dist/`) to serve at `/ui/`.
    #[arg(long, env = "KESTRA_SANDBOX_UI_DIR")]
    pub ui_dir: Option<PathBuf>,

    /// Email of an instance owner (superadmin) to create on start if no user has it.
    #[arg(long, env = "KESTRA_SANDBOX_ADMIN_EMAIL", requires = "admin_password")]
    pub admin_email: Option<String>,

    /// Password of that instance owner. Only used when the user is created.
    #[arg(
        long,
        env = "KESTRA_SANDBOX_ADMIN_PASSWORD",
        hide_env_values = true,
        requires = "admin_email"
    )]
    pub admin_password: Option<String>,

    /// Whether multi-tenancy is enabled (tenant-scoped paths carry a tenant id).
    #[arg(long, env = "KESTRA_SANDBOX_MULTI_TENANCY", default_value_t = true, action = ArgAction::Set)]
    pub multi_tenancy: bool,

    /// Whether the default (null) tenant exists: tenant-scoped paths without a tenant segment.
    #[arg(long, env = "KESTRA_SANDBOX_DEFAULT_TENANT", default_value_t = false, action = ArgAction::Set)]
    pub default_tenant: bool,

    /// Demo data to add on start (only once per database).
    #[arg(long, env = "KESTRA_SANDBOX_SEED", value_enum)]
    pub seed: Option<Seed>,

    /// A web origin (e.g. `https://portal.example.com`) whose pages may call the API from the
    /// browser (CORS). Repeatable; `*` allows any origin, for local development only.
    #[arg(
        long = "cors-allow-origin",
        env = "KESTRA_SANDBOX_CORS_ALLOW_ORIGIN",
        value_delimiter = ','
    )]
    pub cors_allow_origins: Vec<String>,
}

/// Data sets `--seed` can add.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seed {
    /// Tenants `dev`, `staging` and `prod` with users, groups, roles, bindings and a service
    /// account (see `sandbox/README.md`).
    Demo,
}

impl Settings {
    /// Settings for a test: listen on `127.0.0.1:0`, use `db`, and leave everything else at its
    /// default (no instance owner, no seed, multi-tenancy on, no default tenant, no UI).
    /// Environment variables are not read.
    pub fn for_tests(db: PathBuf) -> Settings {
        Settings {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            db,
            ui_dir: None,
            admin_email: None,
            admin_password: None,
            multi_tenancy: true,
            default_tenant: false,
            seed: None,
            cors_allow_origins: Vec::new(),
        }
    }
}

/// Like the derived `Debug`, but never prints the admin password.
impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("db", &self.db)
            .field("ui_dir", &self.ui_dir)
            .field("admin_email", &self.admin_email)
            .field(
                "admin_password",
                &self.admin_password.as_ref().map(|_| "<redacted>"),
            )
            .field("multi_tenancy", &self.multi_tenancy)
            .field("default_tenant", &self.default_tenant)
            .field("seed", &self.seed)
            .field("cors_allow_origins", &self.cors_allow_origins)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_flag() {
        let s = Settings::try_parse_from([
            "kestra-admin-sandbox",
            "--listen",
            "0.0.0.0:9000",
            "--db",
            "x.db",
            "--ui-dir",
            "dist",
            "--admin-email",
            "root@example.com",
            "--admin-password",
            "secret",
            "--multi-tenancy",
            "false",
            "--default-tenant",
            "true",
            "--seed",
            "demo",
        ])
        .unwrap();
        assert_eq!(s.listen.port(), 9000);
        assert!(!s.multi_tenancy);
        assert!(s.default_tenant);
        assert_eq!(s.seed, Some(Seed::Demo));
        assert!(!format!("{s:?}").contains("secret"));
    }

    #[test]
    fn the_admin_email_needs_a_password() {
        let res = Settings::try_parse_from(["kestra-admin-sandbox", "--admin-email", "a@b.c"]);
        assert!(res.is_err());
    }
}
