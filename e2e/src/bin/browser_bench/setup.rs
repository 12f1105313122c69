//! What the measurements run against: a copy of the built console plus the static floor page,
//! one sandbox seeded with a 10,000-user tenant, and one headless Chromium driven through
//! chromedriver, with a handle on the Chrome DevTools protocol for scripts that must run
//! before a page's own.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context;
use e2e::harness::{Chromedriver, TempDir, dist_dir, start_sandbox};
use e2e::seed::{self, Admin};
use fantoccini::Client;
use kestra_admin_sandbox::Sandbox;
use serde_json::{Value, json};
use tokio::task::JoinSet;

/// The tenant with many users, and how many.
pub const BIG: &str = "bench";
pub const BIG_USERS: usize = 10_000;
/// A second, small tenant to switch to.
pub const SMALL: &str = "bench-small";
pub const SMALL_USERS: usize = 50;
/// The role whose permission matrix is opened.
pub const ROLE_NAME: &str = "Bench operators";
/// A role every user of the big tenant holds, through one group of them all: its save preview
/// is measured.
pub const EVERYONES_ROLE: &str = "Everyone's role";

/// Everything one bench run shares.
pub struct Bench {
    pub client: Client,
    /// The sandbox's origin, e.g. `http://127.0.0.1:41234`.
    pub origin: String,
    /// Ids of seeded things the page tour visits.
    pub ids: SeededIds,
    pub seed_time: Duration,
    sandbox: Sandbox,
    driver: Chromedriver,
    _data: TempDir,
    _ui: TempDir,
}

/// Ids of seeded things, for detail pages.
pub struct SeededIds {
    pub user: String,
    pub group: String,
    pub role: String,
    pub service_account: String,
    /// [`EVERYONES_ROLE`].
    pub everyones_role: String,
}

impl Bench {
    /// Copies `dist/` and adds the floor page, starts and seeds the sandbox, then starts
    /// chromedriver (`$CHROMEDRIVER`) and a headless Chromium session.
    pub async fn start() -> anyhow::Result<Bench> {
        let data = TempDir::new()?;
        let ui = TempDir::new()?;
        copy_dir(&dist_dir()?, &ui.0)?;
        let ui_dir = ui.0.clone();
        let sandbox = start_sandbox(&data.0, move |s| s.ui_dir = Some(ui_dir)).await?;
        let origin = sandbox.url();

        let started = Instant::now();
        let ids = seed_all(&origin).await?;
        let seed_time = started.elapsed();
        write_floor_page(&origin, &ui.0).await?;

        let driver = Chromedriver::start()?;
        // Two switches the measurements need: unrounded `performance.memory` figures, and
        // `window.gc()` to collect before reading them.
        let client = driver
            .connect(&["--enable-precise-memory-info", "--js-flags=--expose-gc"])
            .await?;
        Ok(Bench {
            client,
            origin,
            ids,
            seed_time,
            sandbox,
            driver,
            _data: data,
            _ui: ui,
        })
    }

    /// Sends one Chrome DevTools protocol command and returns its result.
    pub async fn cdp(&self, command: &str, params: Value) -> anyhow::Result<Value> {
        e2e::devtools::cdp(&self.client, command, params).await
    }

    /// Opens `path` (e.g. `/ui/bench/admin/users`) with a full navigation.
    pub async fn open(&self, path: &str) -> anyhow::Result<()> {
        self.client
            .goto(&format!("{}{}", self.origin, path))
            .await?;
        Ok(())
    }

    /// Closes the browser and stops chromedriver and the sandbox.
    pub async fn stop(self) {
        let _ = self.client.close().await;
        self.driver.stop().await;
        self.sandbox.stop().await;
    }
}

/// Seeds the two tenants and their users (without passwords: hashing 10,000 passwords would
/// take minutes and sign-in is not measured), a group, a role, a service account, and a group
/// of every big-tenant user bound to [`EVERYONES_ROLE`].
async fn seed_all(origin: &str) -> anyhow::Result<SeededIds> {
    seed::tenant(origin, BIG, "Bench").await?;
    seed::tenant(origin, SMALL, "Bench small").await?;
    let group = seed::group(origin, BIG, "Bench group").await?;
    let role = seed::role(
        origin,
        BIG,
        ROLE_NAME,
        json!({ "GROUP": ["LIST", "VIEW"], "ROLE": ["LIST", "VIEW"] }),
    )
    .await?;
    let everyone = id_of(&seed::group(origin, BIG, "Everyone").await?)?;
    let everyones_role = seed::role(
        origin,
        BIG,
        EVERYONES_ROLE,
        json!({ "FLOW": ["LIST", "VIEW"] }),
    )
    .await?;
    let everyones_role = id_of(&everyones_role)?;
    seed::binding(origin, BIG, "GROUP", &everyone, &everyones_role, None).await?;
    let admin = Admin::new(origin);
    let service_account = admin
        .post(
            &format!("{BIG}/service-accounts"),
            json!({ "name": "bench-robot" }),
        )
        .await?;

    // Several requests in flight keep the sandbox busy while each waits on its single
    // SQLite writer; more would only queue.
    let big: Vec<(String, String)> = (0..BIG_USERS)
        .map(|i| (format!("user-{i:05}@big.test"), format!("{i:05}")))
        .collect();
    let small: Vec<(String, String)> = (0..SMALL_USERS)
        .map(|i| (format!("member-{i:03}@small.test"), format!("Small {i:03}")))
        .collect();
    let first_user = create_users(&admin, BIG, big, &[everyone]).await?;
    create_users(&admin, SMALL, small, &[]).await?;
    Ok(SeededIds {
        user: first_user,
        group: id_of(&group)?,
        role: id_of(&role)?,
        service_account: id_of(&service_account)?,
        everyones_role,
    })
}

/// Creates users with access to `tenant`, members of `groups`, 8 requests at a time; returns
/// one of their ids.
async fn create_users(
    admin: &Admin,
    tenant: &str,
    users: Vec<(String, String)>,
    groups: &[String],
) -> anyhow::Result<String> {
    let mut first = None;
    for chunk in users.chunks(8) {
        let mut set = JoinSet::new();
        for (email, last) in chunk {
            let body = json!({ "email": email, "firstName": "Bench", "lastName": last,
                               "tenants": [tenant], "groups": groups });
            // Clones share one pool of connections.
            let admin = admin.clone();
            set.spawn(async move { admin.post("users", body).await });
        }
        while let Some(created) = set.join_next().await {
            let created = created??;
            if first.is_none() {
                first = Some(id_of(&created)?);
            }
        }
    }
    first.context("no users to create")
}

fn id_of(value: &Value) -> anyhow::Result<String> {
    value["id"]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("no id in {value}"))
}

/// The floor: a static page at `/ui/floor.html` with the same first page of users as the
/// console shows, as plain HTML (and the console's stylesheet), served by the same server.
async fn write_floor_page(origin: &str, ui: &Path) -> anyhow::Result<()> {
    let page = Admin::new(origin)
        .get(&format!("{BIG}/tenant-access?page=1&size=25"))
        .await?;
    let mut rows = String::new();
    for user in page["results"].as_array().context("no results")? {
        let id = user["id"].as_str().unwrap_or_default();
        let email = user["username"].as_str().unwrap_or_default();
        let name = user["displayName"].as_str().unwrap_or(email);
        rows.push_str(&format!(
            "<tr><td><a href=\"/ui/{BIG}/admin/users/{id}\">{name}</a></td><td><span>{email}</span></td>\
             <td><span class=\"muted\"></span></td><td><span class=\"muted\">None yet</span></td></tr>\n"
        ));
    }
    let css = std::fs::read_dir(ui)?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".css"))
        .map(|name| format!("<link rel=\"stylesheet\" href=\"/ui/{name}\">"))
        .unwrap_or_default();
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Users</title>{css}</head>\
         <body><main class=\"content\"><h1>Users</h1><div class=\"data-table\"><table>\
         <thead><tr><th>Name</th><th>Email</th><th>Groups</th><th>Sign-in</th></tr></thead>\
         <tbody>\n{rows}</tbody></table></div></main></body></html>\n"
    );
    std::fs::write(ui.join("floor.html"), html)?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
