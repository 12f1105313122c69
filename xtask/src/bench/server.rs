//! The sandbox server under load: the lists the console reads (its users, groups, access and
//! roles pages), the instance's user search and a group's members, on a tenant of 100,000
//! people, measured from a second process over loopback.
//!
//! The server is the `server` profile build (what a deployment runs; debug numbers mean
//! nothing). The data is seeded offline (`kestra-admin-sandbox seed-users`), and the load comes
//! from `sandbox/examples/bench_load.rs`, which owns the scenarios and prints their table rows;
//! this module builds both, runs them, and writes the section around the rows.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use xshell::{Shell, cmd};

use crate::{project_root, step};

const USERS: &str = "100000";
const MEMBERS: &str = "10000";
/// Groups the people are spread over (100 each), each bound to a role; every tenth person is
/// also bound directly, so the tenant has about 11,000 bindings.
const TEAMS: &str = "1000";
/// Changes in the tenant's audit trail, over a year, for the audit log scenarios.
const AUDIT_LOGS: &str = "1000000";
const CONNECTIONS: &str = "8";
const WARMUP_SECONDS: &str = "3";
const SECONDS: &str = "20";
/// The p99 the issue asks for.
const P99_BUDGET_MS: &str = "20";
const P99_BUDGET: f64 = 20.0;
/// The aim for one bulk role grant of 1,000 people (issue #16), and how its row is told apart.
const BULK_BUDGET_MS: f64 = 1000.0;
const BULK_ROW: &str = "bindings/bulk";

/// Builds the server, seeds a database, serves it, loads it, and returns the "Sandbox server"
/// section of BENCHMARKS.md.
pub fn measure_section(sh: &Shell) -> anyhow::Result<String> {
    step("Building the sandbox server and its load generator (profile `server`)");
    cmd!(
        sh,
        "cargo build --profile server -p kestra-admin-sandbox --bin kestra-admin-sandbox --example bench_load"
    )
    .run()?;
    let build = project_root().join("target/server");
    let server = build.join("kestra-admin-sandbox");
    let load = build.join("examples/bench_load");

    let work = project_root().join("target/bench-server");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let db = work.join("bench.db");

    step(&format!(
        "Seeding {USERS} people in {TEAMS} teams, {MEMBERS} of them also in one group"
    ));
    let seeding = Instant::now();
    cmd!(
        sh,
        "{server} seed-users --db {db} --tenant bench --users {USERS} --group Everyone --members {MEMBERS} --teams {TEAMS}"
    )
    .run()?;
    let seed_seconds = seeding.elapsed().as_secs_f64();
    step(&format!(
        "Seeding {AUDIT_LOGS} audit logs in the same tenant"
    ));
    let seeding = Instant::now();
    cmd!(
        sh,
        "{server} seed-audit-logs --db {db} --tenant bench --logs {AUDIT_LOGS}"
    )
    .run()?;
    let audit_seconds = seeding.elapsed().as_secs_f64();

    step("Serving it and loading it from a second process");
    // A throwaway instance owner of a throwaway database on loopback; passed by environment
    // only, so it shows in no command line.
    let password = format!("bench-{}", std::process::id());
    let running = Server::start(&server, &db, &password)?;
    let url = &running.url;
    let rows = cmd!(
        sh,
        "{load} --url {url} --tenant bench --group Everyone --connections {CONNECTIONS} --warmup {WARMUP_SECONDS} --seconds {SECONDS}"
    )
    .env("KESTRA_BENCH_EMAIL", Server::EMAIL)
    .env("KESTRA_BENCH_PASSWORD", &password)
    .read()?;
    drop(running);
    let load_average = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into());

    Ok(format!(
        "## Sandbox server\n\n\
         The sandbox (`cargo build --profile server`: opt-level 3, thin LTO) on a tenant of {USERS} people \
         spread over {TEAMS} groups (teams of 100, each bound to a role), every tenth person also bound to a role on a namespace \
         (about 11,000 bindings), {MEMBERS} of them also in the group whose members are listed; \
         seeded offline in {seed_seconds:.1} s (`kestra-admin-sandbox seed-users --teams`); \
         and {AUDIT_LOGS} audit logs of changes to its groups and roles by its people over a year, \
         mostly updates, seeded in {audit_seconds:.1} s (`kestra-admin-sandbox seed-audit-logs`). \
         A second process (`sandbox/examples/bench_load.rs`) keeps {CONNECTIONS} keep-alive connections busy over loopback, \
         each sending its next request when the last is answered, for {SECONDS} s after {WARMUP_SECONDS} s of warm-up. \
         Every request carries a bearer API token. \
         Searches vary over 20 names, name parts, full names, email fragments and domains (three characters or more); \
         pages vary from 1 to 40; sizes are the console's 25. The aim is a p99 under {P99_BUDGET_MS} ms. \
         The bulk role grant row is a write, timed alone: a new role given to 1,000 of the people in one \
         `POST …/bindings/bulk` (1,000 bindings and their audit logs in one transaction), one request at a time, \
         10 times after one untimed round; its req/s is grants per second, and its aim is under 1 s. \
         Client and server share the machine's cores (1-minute load average {load_average} at the end, \
         other work included).\n\n\
         | scenario | req/s | p50 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|\n{rows}\n{verdict}\n{BEFORE}",
        verdict = verdict(&rows),
    ))
}

/// The lists as they were before they were paged in SQL (issue #15, item 4), measured once the
/// same way, kept here because the code that answered so is only reachable by a filter now.
const BEFORE: &str = "Before the console's lists were paged in SQL (issue #15), each of them built \
    and serialised every row of the tenant per request. Measured on 2026-12-02 with the same data, \
    load and binary, through `bench_load --general`, which adds a filter every row matches and so \
    sends every list down that general in-memory path (1-minute load average 4.8, other builds \
    running): users page p50 5,995 ms, p99 9,183 ms (1 request/s); users page searching p50 \
    5,388 ms, p99 11,003 ms; users page by name p50 5,686 ms, p99 18,664 ms; access page p50 \
    1,658 ms, p99 4,732 ms (4 requests/s); groups page p50 5.0 ms, p99 15.4 ms; roles page p50 \
    1.1 ms, p99 4.0 ms. The user search and group members rows were already answered in SQL.\n";

/// Whether each scenario's p99 (the fourth column of the load generator's rows) meets the aim,
/// and why a miss happens.
fn verdict(rows: &str) -> String {
    let p99 = |row: &str| -> Option<(String, f64)> {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        Some((cells.get(1)?.to_string(), cells.get(4)?.parse().ok()?))
    };
    let bulk = rows
        .lines()
        .filter(|row| row.contains(BULK_ROW))
        .filter_map(p99)
        .map(|(_, ms)| {
            if ms <= BULK_BUDGET_MS {
                format!("The bulk role grant of 1,000 people is within its aim of 1 s (slowest {ms} ms).\n")
            } else {
                format!("**The bulk role grant of 1,000 people is over its aim of 1 s** (slowest {ms} ms).\n")
            }
        })
        .collect::<String>();
    let missed: Vec<String> = rows
        .lines()
        .filter(|row| !row.contains(BULK_ROW))
        .filter_map(p99)
        .filter(|(_, ms)| *ms > P99_BUDGET)
        .map(|(name, ms)| format!("{name} (p99 {ms} ms)"))
        .collect();
    if missed.is_empty() {
        return format!("Every p99 is within the aim of {P99_BUDGET_MS} ms.\n{bulk}");
    }
    format!(
        "**Over the aim of {P99_BUDGET_MS} ms:** {}. Why: the load keeps {CONNECTIONS} requests in \
         flight on 2 cores that also run the load generator, so a request's time includes waiting \
         for the others (alone, a page of the users page takes about a millisecond); and a search \
         counts every match for the paged envelope's `total` (`sandbox/README.md`, on lists), so \
         a common fragment reads many index entries, and in a tenant each match is also looked up \
         in the tenant's access: a fragment matching 25,000 of the 100,000 people costs 25,000 \
         look-ups per request. Keeping users in username order inside the search index, so that \
         a page needs no sort, is the next step for both searches.\n",
        missed.join("; ")
    ) + &bulk
}

/// The server process, stopped when dropped (also when measuring fails half-way).
struct Server {
    child: Child,
    url: String,
}

impl Server {
    const EMAIL: &str = "bench-admin@example.com";

    fn start(
        binary: &std::path::Path,
        db: &std::path::Path,
        password: &str,
    ) -> anyhow::Result<Server> {
        let mut child = Command::new(binary)
            .args(["--listen", "127.0.0.1:0", "--admin-email", Server::EMAIL])
            .arg("--db")
            .arg(db)
            .env("KESTRA_SANDBOX_ADMIN_PASSWORD", password)
            .stdout(Stdio::piped())
            // One log line per request would cost the server more than some requests do.
            .stderr(Stdio::null())
            .spawn()?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped")).read_line(&mut line)?;
        let url = line
            .split("listening on ")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .map(str::to_owned);
        let Some(url) = url else {
            let _ = child.kill();
            anyhow::bail!("the sandbox did not say where it listens: {line:?}");
        };
        Ok(Server { child, url })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
