//! What every handler shares: the database, the server's configuration, and the sign-in cache.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use rusqlite::OptionalExtension;

use crate::db::Db;
use crate::demo_schedule::Schedule;
use crate::settings::{FrameAncestors, Settings};
use crate::store::tenants;

/// Shared state of one running sandbox; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub db: Db,
    pub multi_tenancy: bool,
    pub default_tenant: bool,
    pub ui_dir: Option<PathBuf>,
    pub portal_dir: Option<PathBuf>,
    /// Who may frame the console and the portal (`--frame-ancestors`).
    pub frame_ancestors: FrameAncestors,
    /// Origins allowed to call the API from a browser (`*` for any).
    pub cors_allow_origins: Vec<String>,
    /// When `--demo-reset` restores the demo data, if it does.
    pub demo_schedule: Option<Schedule>,
    /// This instance's uuid, as `GET /api/v1/configs` reports it (stable per database).
    pub uuid: String,
    /// Verified Basic credentials, so that argon2 runs once per user and password rather than
    /// once per request. Keyed by a salted SHA-256 of `email:password`; each entry remembers the
    /// password hash it was checked against, so a password change invalidates it.
    pub basic_cache: Mutex<HashMap<[u8; 32], CachedLogin>>,
    /// A random salt for the cache keys, new at every start.
    pub cache_salt: [u8; 32],
}

#[derive(Clone)]
pub(crate) struct CachedLogin {
    pub user_id: String,
    pub password_hash: String,
}

impl AppState {
    /// Opens and migrates the database named by `settings`; does not bind any socket.
    pub async fn open(settings: &Settings) -> anyhow::Result<AppState> {
        let path = settings.db.clone();
        let db = tokio::task::spawn_blocking(move || Db::open(&path)).await??;
        let uuid = db
            .write(|tx| {
                let existing: Option<String> = tx
                    .query_row("SELECT value FROM meta WHERE key = 'uuid'", [], |r| {
                        r.get(0)
                    })
                    .optional()?;
                match existing {
                    Some(uuid) => Ok(uuid),
                    None => {
                        let uuid = crate::ids::new_id();
                        tx.execute("INSERT INTO meta (key, value) VALUES ('uuid', ?1)", [&uuid])?;
                        Ok(uuid)
                    }
                }
            })
            .await
            .map_err(|err| anyhow::anyhow!("reading the instance uuid: {err}"))?;
        let mut cache_salt = [0u8; 32];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut cache_salt);
        Ok(AppState {
            inner: Arc::new(Inner {
                db,
                multi_tenancy: settings.multi_tenancy,
                default_tenant: settings.default_tenant,
                ui_dir: settings.ui_dir.clone(),
                portal_dir: settings.portal_dir.clone(),
                frame_ancestors: settings.frame_ancestors.clone(),
                cors_allow_origins: settings.cors_allow_origins.clone(),
                demo_schedule: settings.demo_reset.map(Schedule::starting_now),
                uuid,
                basic_cache: Mutex::new(HashMap::new()),
                cache_salt,
            }),
        })
    }

    pub(crate) fn db(&self) -> &Db {
        &self.inner.db
    }

    /// Creates the tenant that tenant-less paths address (with its Admin role), when the
    /// settings call for one and it does not exist yet.
    pub(crate) async fn ensure_implicit_tenant(&self) -> anyhow::Result<()> {
        let Some(tenant) = self.inner.implicit_tenant() else {
            return Ok(());
        };
        self.db()
            .write(move |tx| tenants::create_implicit(tx, tenant))
            .await
            .map_err(|err| anyhow::anyhow!("creating the default tenant: {err}"))
    }
}

/// The id under which the sandbox keeps the tenant that tenant-less paths address, when
/// multi-tenancy is off or the default tenant is on (Kestra's open-source default id).
pub const IMPLICIT_TENANT: &str = "main";

impl Inner {
    /// The tenant that tenant-less paths address, if the settings call for one.
    pub fn implicit_tenant(&self) -> Option<&'static str> {
        (!self.multi_tenancy || self.default_tenant).then_some(IMPLICIT_TENANT)
    }
}
