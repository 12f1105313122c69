//! Load for `cargo xtask bench` (`xtask/src/bench/server.rs`): a separate process that drives a
//! running sandbox over loopback and prints one markdown table row per scenario: the lists the
//! console's users, groups, access and roles pages read, the instance's user search and a
//! group's members; and one write, the users list's bulk change that gives a role to 1,000
//! people in one request (timed request by request, [`BULK_ROUNDS`] times, each with a new role
//! so every binding is new). `--only` picks scenarios; `--general` sends every list down the in-memory
//! path, as all lists were answered before issue #15.
//!
//! It signs in once with Basic credentials from `KESTRA_BENCH_EMAIL` / `KESTRA_BENCH_PASSWORD`
//! to create an API token, then sends every request with that bearer token (a SHA-256 and one
//! lookup per request, where Basic would cost an argon2 check or a cache lookup). Each of
//! `--connections` tasks keeps one keep-alive connection and sends its next request when the
//! last one is answered, varying the query; after `--warmup` seconds, latencies are recorded
//! for `--seconds`. The token is never printed.
//!
//! ```sh
//! KESTRA_BENCH_EMAIL=... KESTRA_BENCH_PASSWORD=... cargo run --profile server -p kestra-admin-sandbox \
//!     --example bench_load -- --url http://127.0.0.1:8080 --tenant bench --group Everyone
//! ```

use std::time::{Duration, Instant};

use clap::Parser;
use serde_json::{Value, json};

#[derive(Parser)]
struct Args {
    /// The sandbox's base URL.
    #[arg(long)]
    url: String,
    /// The tenant holding the group.
    #[arg(long)]
    tenant: String,
    /// The name of the group whose members are listed.
    #[arg(long)]
    group: String,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 8)]
    connections: usize,
    /// Seconds of load before measuring, per scenario.
    #[arg(long, default_value_t = 3)]
    warmup: u64,
    /// Seconds measured, per scenario.
    #[arg(long, default_value_t = 20)]
    seconds: u64,
    /// Only the scenarios whose name contains this.
    #[arg(long)]
    only: Option<String>,
    /// Adds a filter every row matches to each request, which makes every list take the
    /// general in-memory path: how every list was answered before issue #15.
    #[arg(long)]
    general: bool,
}

/// Searches typed into the console's user search: first and last names, parts of them, a full
/// name, email fragments and domains, from frequent to rare matches.
const SEARCHES: &[&str] = &[
    "alice",
    "mart",
    "Kowalski",
    "nguyen",
    "Priya Patel",
    "ohn",
    "zoe.m",
    "acme",
    "globex",
    "tanaka",
    "dub",
    "Okafor",
    "lena",
    "1234",
    "99-",
    "rossi",
    "Yusuf",
    "weber",
    "sil",
    "xin.k",
];

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let token = create_token(&args).await?;
    let group = group_id(&args, &token).await?;
    let authors = people_ids(&args, &token).await?;
    let tenant = args.tenant.clone();
    let scenarios: Vec<(&str, PathFor)> = vec![
        (
            "users page, a tenant-access page of 25 of 100,000 people: `GET /api/v1/{tenant}/tenant-access?page=…&size=25`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    format!("/api/v1/{tenant}/tenant-access?page={}&size=25", 1 + i % 40)
                })
            },
        ),
        (
            "users page, searching: `GET /api/v1/{tenant}/tenant-access?filters[q][EQUALS]=…&page=1&size=25`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    let q = SEARCHES[i % SEARCHES.len()].replace(' ', "%20");
                    format!(
                        "/api/v1/{tenant}/tenant-access?filters%5Bq%5D%5BEQUALS%5D={q}&page=1&size=25"
                    )
                })
            },
        ),
        (
            "users page by name: `GET /api/v1/{tenant}/tenant-access?sort=displayName:asc&page=…&size=25`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    format!(
                        "/api/v1/{tenant}/tenant-access?sort=displayName:asc&page={}&size=25",
                        1 + i % 40
                    )
                })
            },
        ),
        (
            "groups page: `GET /api/v1/{tenant}/groups/search?page=…&size=25`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    format!("/api/v1/{tenant}/groups/search?page={}&size=25", 1 + i % 40)
                })
            },
        ),
        (
            "access page: `GET /api/v1/{tenant}/bindings/search?page=…&size=25`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    format!(
                        "/api/v1/{tenant}/bindings/search?page={}&size=25",
                        1 + i % 40
                    )
                })
            },
        ),
        (
            "roles page: `GET /api/v1/{tenant}/roles/search?page=1&size=25`",
            {
                let tenant = tenant.clone();
                Box::new(move |_| format!("/api/v1/{tenant}/roles/search?page=1&size=25"))
            },
        ),
        (
            "user search: `GET /api/v1/users?q=…&page=1&size=25`",
            Box::new(|i| {
                let q = SEARCHES[i % SEARCHES.len()].replace(' ', "%20");
                format!("/api/v1/users?q={q}&page=1&size=25")
            }),
        ),
        (
            "group members: `GET /api/v1/{tenant}/groups/{id}/members?page=…&size=25`",
            {
                let (tenant, group) = (tenant.clone(), group.clone());
                Box::new(move |i| {
                    format!(
                        "/api/v1/{tenant}/groups/{group}/members?page={}&size=25",
                        1 + i % 40
                    )
                })
            },
        ),
        (
            "audit log page of 1,000,000, newest first: `GET /api/v1/{tenant}/auditlogs/search?page=…&size=25`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    format!(
                        "/api/v1/{tenant}/auditlogs/search?page={}&size=25",
                        1 + i % 40
                    )
                })
            },
        ),
        (
            "audit log, what one person did: `…/auditlogs/search?filters[userId][EQUALS]=…`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    let who = &authors[i % authors.len()];
                    format!(
                        "/api/v1/{tenant}/auditlogs/search?filters%5BuserId%5D%5BEQUALS%5D={who}&page=1&size=25"
                    )
                })
            },
        ),
        (
            "audit log, one resource's history: `…/auditlogs/search?filters[id][EQUALS]=…`",
            {
                let tenant = tenant.clone();
                Box::new(move |i| {
                    format!(
                        "/api/v1/{tenant}/auditlogs/search?filters%5Bid%5D%5BEQUALS%5D={group}&page={}&size=25",
                        1 + i % 4
                    )
                })
            },
        ),
        (
            "audit log, deletions in a 30-day range: `…?filters[type][EQUALS]=DELETE&filters[startDate]…&filters[endDate]…`",
            Box::new(move |i| {
                let month = 1 + i % 11;
                format!(
                    "/api/v1/{tenant}/auditlogs/search?filters%5Btype%5D%5BEQUALS%5D=DELETE\
                     &filters%5BstartDate%5D%5BGREATER_THAN_OR_EQUAL_TO%5D={start}\
                     &filters%5BendDate%5D%5BLESS_THAN_OR_EQUAL_TO%5D={end}&page=1&size=25",
                    start = month_start(month),
                    end = month_start(month + 1),
                )
            }),
        ),
    ];
    let chosen = scenarios
        .iter()
        .filter(|(name, _)| args.only.as_deref().is_none_or(|only| name.contains(only)));
    for (name, path) in chosen {
        let result = run(&args, &token, path.as_ref()).await?;
        println!(
            "| {name} | {:.0} | {:.1} | {:.1} | {} |",
            result.count as f64 / args.seconds as f64,
            result.percentile(0.50),
            result.percentile(0.99),
            result.errors,
        );
    }
    if args
        .only
        .as_deref()
        .is_none_or(|only| BULK_GRANT.contains(only))
    {
        let result = bulk_grant(&args, &token).await?;
        let seconds: f64 = result.latencies.iter().sum::<f64>() / 1000.0;
        println!(
            "| {BULK_GRANT} | {:.1} | {:.1} | {:.1} | {} |",
            result.count as f64 / seconds,
            result.percentile(0.50),
            result.percentile(0.99),
            result.errors,
        );
    }
    Ok(())
}

/// The bulk write scenario's name (its row in the table).
const BULK_GRANT: &str = "bulk role grant to 1,000 people, the users list's \"Give a role\": `POST /api/v1/{tenant}/bindings/bulk` with 1,000 bindings, all or nothing";

/// How many times the bulk grant is timed (after one untimed round).
const BULK_ROUNDS: usize = 10;

/// Gives a new role to the tenant's first 1,000 people in one `POST …/bindings/bulk`, one
/// request at a time, [`BULK_ROUNDS`] times after one round of warm-up: what the console's
/// "Give a role" sends for a selection of 1,000.
async fn bulk_grant(args: &Args, token: &str) -> anyhow::Result<Measured> {
    let client = reqwest::Client::new();
    let mut people = Vec::new();
    for page in 1..=2 {
        let answer: Value = client
            .get(format!(
                "{}/api/v1/{}/tenant-access?page={page}&size=500",
                args.url, args.tenant
            ))
            .bearer_auth(token)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        people.extend(
            answer["results"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u["id"].as_str().map(str::to_owned)),
        );
    }
    anyhow::ensure!(
        people.len() == 1000,
        "the tenant has fewer than 1,000 people"
    );
    let mut measured = Measured {
        latencies: Vec::new(),
        count: 0,
        errors: 0,
    };
    for round in 0..=BULK_ROUNDS {
        let role: Value = client
            .post(format!("{}/api/v1/{}/roles", args.url, args.tenant))
            .bearer_auth(token)
            .json(&json!({
                "name": format!("bench-bulk-{}-{round}", std::process::id()),
                "permissions": {"FLOW": ["VIEW"]},
            }))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let role_id = role["id"].as_str().unwrap_or_default();
        let body: Vec<Value> = people
            .iter()
            .map(|id| json!({"type": "USER", "externalId": id, "roleId": role_id}))
            .collect();
        let sent = Instant::now();
        let res = client
            .post(format!("{}/api/v1/{}/bindings/bulk", args.url, args.tenant))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await?;
        let ok = res.status().is_success()
            && res
                .json::<Value>()
                .await
                .is_ok_and(|created| created.as_array().is_some_and(|c| c.len() == 1000));
        let took = sent.elapsed().as_secs_f64() * 1000.0;
        if round > 0 {
            measured.latencies.push(took);
            measured.errors += usize::from(!ok);
        }
    }
    measured.count = measured.latencies.len();
    measured.latencies.sort_by(f64::total_cmp);
    Ok(measured)
}

/// The path of a scenario's `i`-th request.
type PathFor = Box<dyn Fn(usize) -> String>;

struct Measured {
    /// Latencies in milliseconds, sorted.
    latencies: Vec<f64>,
    count: usize,
    errors: usize,
}

impl Measured {
    fn percentile(&self, p: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank =
            ((self.latencies.len() as f64 * p).ceil() as usize).clamp(1, self.latencies.len());
        self.latencies[rank - 1]
    }
}

async fn run(args: &Args, token: &str, path: &dyn Fn(usize) -> String) -> anyhow::Result<Measured> {
    let start = Instant::now();
    let measure_from = start + Duration::from_secs(args.warmup);
    let until = measure_from + Duration::from_secs(args.seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..args.connections {
        // One client per connection, so each task keeps its own keep-alive connection.
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(1)
            .build()?;
        let general = if args.general {
            "&filters%5Bid%5D%5BNOT_EQUALS%5D=none"
        } else {
            ""
        };
        let urls: Vec<String> = (0..400)
            .map(|i| format!("{}{}{general}", args.url, path(c * 7 + i)))
            .collect();
        let token = token.to_owned();
        tasks.spawn(async move {
            let (mut latencies, mut errors) = (Vec::new(), 0usize);
            for url in urls.iter().cycle() {
                let sent = Instant::now();
                if sent >= until {
                    break;
                }
                let ok = match client.get(url).bearer_auth(&token).send().await {
                    Ok(res) => res.status().is_success() && res.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if sent >= measure_from {
                    latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
                    errors += usize::from(!ok);
                }
            }
            (latencies, errors)
        });
    }
    let mut measured = Measured {
        latencies: Vec::new(),
        count: 0,
        errors: 0,
    };
    while let Some(outcome) = tasks.join_next().await {
        let (latencies, errors) = outcome?;
        measured.latencies.extend(latencies);
        measured.errors += errors;
    }
    measured.count = measured.latencies.len();
    measured.latencies.sort_by(f64::total_cmp);
    Ok(measured)
}

async fn create_token(args: &Args) -> anyhow::Result<String> {
    let email = std::env::var("KESTRA_BENCH_EMAIL")?;
    let password = std::env::var("KESTRA_BENCH_PASSWORD")?;
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/me/api-tokens", args.url))
        .basic_auth(email, Some(password))
        // Token names are unique per owner, and each run makes one.
        .json(&json!({"name": format!("bench-{}", std::process::id())}))
        .send()
        .await?;
    anyhow::ensure!(
        res.status().is_success(),
        "creating the API token: {}",
        res.status()
    );
    let body: Value = res.json().await?;
    body["fullToken"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no fullToken in the API token response"))
}

/// The first day of the `n`-th month back from now, as an RFC 3339 date in UTC (30-day months:
/// the seeded trail spreads evenly over a year, so any 30 days hold as many logs).
fn month_start(n: usize) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let secs = now.saturating_sub(n as u64 * 30 * 24 * 3600);
    let days = secs / 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T00:00:00Z")
}

/// Ids of some people of the tenant: the authors the seeded audit trail names.
async fn people_ids(args: &Args, token: &str) -> anyhow::Result<Vec<String>> {
    let page: Value = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/{}/tenant-access?page=1&size=50",
            args.url, args.tenant
        ))
        .bearer_auth(token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let ids: Vec<String> = page["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect();
    anyhow::ensure!(!ids.is_empty(), "no people in '{}'", args.tenant);
    Ok(ids)
}

async fn group_id(args: &Args, token: &str) -> anyhow::Result<String> {
    let found: Value = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/{}/groups/search?q={}&size=100",
            args.url, args.tenant, args.group
        ))
        .bearer_auth(token)
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    found["results"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|g| g["name"] == args.group.as_str())
        .and_then(|g| g["id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no group named '{}' in '{}'", args.group, args.tenant))
}
