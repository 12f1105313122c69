//! `kestra-admin-sandbox seed-audit-logs`: fills a tenant's audit trail with many logs, for the
//! benchmark of the audit log search (`cargo xtask bench`).
//!
//! The API would take hours for 1,000,000 changes; this appends them in one transaction with a
//! prepared statement ([`store::audit::Backfill`]). The logs look like a busy tenant's year:
//! its people (the first thousand with access, else the system) change its groups and roles,
//! mostly updates, dated one after another over the past 365 days, each with a small patch.

use clap::Args;
use kestra_model::Resource;
use serde_json::json;

use crate::cli::DbFile;
use crate::ids;
use crate::store::audit::{Actor, AuditAction, Backfill, Change};

#[derive(Args)]
pub struct SeedAuditLogs {
    /// The tenant whose trail grows (it must exist: `seed-users` makes one).
    #[arg(long)]
    tenant: String,

    /// How many logs to add.
    #[arg(long)]
    logs: u32,

    #[command(flatten)]
    db: DbFile,
}

pub async fn run(args: SeedAuditLogs) -> anyhow::Result<()> {
    let db = args.db.open()?;
    let started = std::time::Instant::now();
    let (tenant, logs) = (args.tenant, args.logs);
    let report = tenant.clone();
    db.write(move |tx| {
        let authors: Vec<String> = tx
            .prepare("SELECT user_id FROM tenant_access WHERE tenant_id = ?1 LIMIT 1000")?
            .query_map([&tenant], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut targets: Vec<(Resource, String)> = Vec::new();
        for (table, resource) in [("groups", Resource::Group), ("roles", Resource::Role)] {
            let ids: Vec<String> = tx
                .prepare(&format!(
                    "SELECT id FROM {table} WHERE tenant_id = ?1 LIMIT 1000"
                ))?
                .query_map([&tenant], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            targets.extend(ids.into_iter().map(|id| (resource, id)));
        }
        if targets.is_empty() {
            return Err(crate::error::Error::not_found(format!(
                "Tenant '{tenant}' has no group or role to log changes of"
            )));
        }
        let year: i64 = 365 * 24 * 3600;
        let start = ids::now_secs() - year;
        let step = (year / i64::from(logs.max(1))).max(1);
        let mut backfill = Backfill::new(tx)?;
        for i in 0..logs as usize {
            let (resource, id) = &targets[(i * 7919) % targets.len()];
            let user_id = match authors.is_empty() {
                true => Actor::SYSTEM.to_owned(),
                false => authors[(i * 104_729) % authors.len()].clone(),
            };
            let action = match i % 10 {
                0 => AuditAction::Create,
                1 => AuditAction::Delete,
                _ => AuditAction::Update,
            };
            let name = format!("Name {}", i % 97);
            let actor = Actor {
                user_id,
                ip: Some("10.0.0.1".into()),
            };
            let change = Change {
                tenant: Some(&tenant),
                action,
                resource: *resource,
                id,
                before: (action != AuditAction::Create)
                    .then(|| json!({ "id": id, "name": "Before" })),
                after: (action != AuditAction::Delete).then(|| json!({ "id": id, "name": name })),
            };
            backfill.push(&actor, change, start + step * i as i64)?;
        }
        Ok(())
    })
    .await
    .map_err(|err| anyhow::anyhow!("{err}"))?;
    println!(
        "added {logs} audit logs to tenant '{report}' in {:.1?}",
        started.elapsed()
    );
    Ok(())
}
