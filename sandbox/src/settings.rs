//! Command-line flags and environment variables: every setting the sandbox has.
//!
//! Each flag can also be given as an environment variable (`--listen` is `KESTRA_SANDBOX_LISTEN`),
//! which is how containers and the e2e harness usually configure it.

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use clap::{ArgAction, Parser, ValueEnum};

use crate::demo_schedule::parse_interval;

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

    /// A host portal (a directory with an `index.html`) to serve at `/portal/`, with the
    /// console's rules, so it shares its origin with the console and the API.
    #[arg(long, env = "KESTRA_SANDBOX_PORTAL_DIR")]
    pub portal_dir: Option<PathBuf>,

    /// Who may show the console and the portal in a frame: the `frame-ancestors` sources of
    /// their content security policy, space-separated (e.g. "'self' https://portal.example.com").
    #[arg(long, env = "KESTRA_SANDBOX_FRAME_ANCESTORS", default_value = "'self'")]
    pub frame_ancestors: FrameAncestors,

    /// Email of an instance owner (superadmin) to create on start if no user has it.
    #[arg(long, env = "KESTRA_SANDBOX_ADMIN_EMAIL", requires = "admin_password")]
    pub admin_email: Option<String>,

    /// Password of that instance owner. Only used when the user is created, and by
    /// --demo-reset, which gives it back to the owner at every reset.
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

    /// Restore the demo data on this schedule (e.g. 90s, 30m, 1h, 1h30m), in one transaction
    /// no request sees half of; the instance owner keeps the --admin-password. Needs --seed demo.
    #[arg(long, env = "KESTRA_SANDBOX_DEMO_RESET", requires = "seed", value_parser = parse_interval)]
    pub demo_reset: Option<Duration>,

    /// Keep audit logs this long (e.g. 90d, 12h), pruning older ones in the background once an
    /// hour; without it every log is kept.
    #[arg(long, env = "KESTRA_SANDBOX_AUDIT_RETENTION", value_parser = parse_interval)]
    pub audit_retention: Option<Duration>,

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
    /// Tenants `dev`, `staging` and `prod` with thirty people in six teams, roles, bindings,
    /// service accounts with tokens and invitations (see `sandbox/README.md`).
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
            portal_dir: None,
            frame_ancestors: FrameAncestors::default(),
            admin_email: None,
            admin_password: None,
            multi_tenancy: true,
            default_tenant: false,
            seed: None,
            demo_reset: None,
            audit_retention: None,
            cors_allow_origins: Vec::new(),
        }
    }
}

/// The sources of a `frame-ancestors` directive, checked so that the value can only ever be
/// that directive: no `;` or `,` (which would start another directive or policy), no line
/// breaks, nothing but CSP source expressions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameAncestors(String);

impl Default for FrameAncestors {
    /// Only pages of this origin may frame the console.
    fn default() -> FrameAncestors {
        FrameAncestors("'self'".into())
    }
}

impl fmt::Display for FrameAncestors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for FrameAncestors {
    type Err = String;

    /// Accepts `'self'`, `'none'` (alone), schemes (`https:`) and hosts with an optional
    /// scheme, port and path (`https://portal.example.com`, `*.example.com:8443`), separated by
    /// spaces.
    fn from_str(value: &str) -> Result<FrameAncestors, String> {
        const EXPECTED: &str = "expected space-separated CSP sources such as 'self', 'none', \
             https: or https://portal.example.com";
        let sources: Vec<&str> = value.split([' ', '\t']).filter(|s| !s.is_empty()).collect();
        if sources.is_empty() {
            return Err(format!("no source given; {EXPECTED}"));
        }
        for source in &sources {
            let keyword = source.starts_with('\'');
            let valid = if keyword {
                ["'self'", "'none'"].contains(&source.to_ascii_lowercase().as_str())
            } else {
                source.chars().all(|c| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, '-' | '.' | '_' | ':' | '/' | '*' | '%' | '+' | '~')
                })
            };
            if !valid {
                return Err(format!("{source:?} is not a CSP source; {EXPECTED}"));
            }
        }
        if sources.len() > 1 && sources.iter().any(|s| s.eq_ignore_ascii_case("'none'")) {
            return Err("'none' cannot be combined with other sources".into());
        }
        Ok(FrameAncestors(sources.join(" ")))
    }
}

/// Like the derived `Debug`, but never prints the admin password.
impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("listen", &self.listen)
            .field("db", &self.db)
            .field("ui_dir", &self.ui_dir)
            .field("portal_dir", &self.portal_dir)
            .field("frame_ancestors", &self.frame_ancestors)
            .field("admin_email", &self.admin_email)
            .field(
                "admin_password",
                &self.admin_password.as_ref().map(|_| "<redacted>"),
            )
            .field("multi_tenancy", &self.multi_tenancy)
            .field("default_tenant", &self.default_tenant)
            .field("seed", &self.seed)
            .field("demo_reset", &self.demo_reset)
            .field("audit_retention", &self.audit_retention)
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
    fn frame_ancestors_take_csp_sources_and_nothing_that_could_add_a_directive() {
        let ok = [
            ("'self'", "'self'"),
            (
                "'self'   https://portal.example.com",
                "'self' https://portal.example.com",
            ),
            ("'none'", "'none'"),
            (
                "https: *.example.com:8443/app",
                "https: *.example.com:8443/app",
            ),
        ];
        for (input, expected) in ok {
            let parsed: FrameAncestors = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(parsed.to_string(), expected);
        }
        let refused = [
            ("", "nothing"),
            ("'self'; script-src *", "a second directive"),
            ("'self'\nX-Evil: 1", "a line break"),
            ("https://a.example, https://b.example", "a second policy"),
            ("'unsafe-inline'", "a keyword frame-ancestors does not take"),
            ("'none' 'self'", "'none' with another source"),
            ("\"https://a.example\"", "double quotes"),
        ];
        for (input, description) in refused {
            assert!(
                input.parse::<FrameAncestors>().is_err(),
                "{description} was accepted"
            );
        }
        let flag = Settings::try_parse_from([
            "kestra-admin-sandbox",
            "--frame-ancestors",
            "'self'; script-src *",
        ]);
        let message = flag.expect_err("refused").to_string();
        assert!(message.contains("--frame-ancestors"), "{message}");
        assert!(message.contains("not a CSP source"), "{message}");
    }

    #[test]
    fn demo_reset_needs_the_demo_seed() {
        let alone = Settings::try_parse_from(["kestra-admin-sandbox", "--demo-reset", "1h"]);
        assert!(alone.is_err());
        let with_seed = Settings::try_parse_from([
            "kestra-admin-sandbox",
            "--seed",
            "demo",
            "--demo-reset",
            "1h30m",
        ])
        .unwrap();
        assert_eq!(with_seed.demo_reset, Some(Duration::from_secs(5_400)));
    }

    #[test]
    fn the_audit_retention_reads_days_and_keeps_everything_by_default() {
        let kept = Settings::try_parse_from(["kestra-admin-sandbox"]).unwrap();
        assert_eq!(kept.audit_retention, None);
        let pruned =
            Settings::try_parse_from(["kestra-admin-sandbox", "--audit-retention", "90d"]).unwrap();
        assert_eq!(
            pruned.audit_retention,
            Some(Duration::from_secs(90 * 86_400))
        );
        assert!(
            Settings::try_parse_from(["kestra-admin-sandbox", "--audit-retention", "soon"])
                .is_err()
        );
    }

    #[test]
    fn the_admin_email_needs_a_password() {
        let res = Settings::try_parse_from(["kestra-admin-sandbox", "--admin-email", "a@b.c"]);
        assert!(res.is_err());
    }
}
