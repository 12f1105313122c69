//! The measurements themselves: each drives the browser like a user and returns raw timings;
//! `report` turns them into figures.

use fantoccini::Locator;
use serde_json::json;

use crate::probe::{self, Load, Memory, Timing};
use crate::setup::{BIG, Bench, SMALL};

const USERS: &str = "/ui/bench/admin/users";

/// Signs in without typing: stores an API token the way the console's "remember me" does
/// (`kestra-admin.credentials` in localStorage, see `src/session.rs`), on the console's origin.
pub async fn remember_sign_in(bench: &Bench, token: &str) -> anyhow::Result<()> {
    bench.open("/ui/floor.html").await?;
    let stored = json!({ "kind": "token", "token": token }).to_string();
    bench
        .client
        .execute(
            "localStorage.setItem('kestra-admin.credentials', arguments[0]);\
             localStorage.setItem('kestra-admin.last-tenant', arguments[1]);",
            vec![json!(stored), json!(BIG)],
        )
        .await?;
    Ok(())
}

/// Time from navigation start to the first user row, for the console's users page and for
/// the static floor page, alternating so both see the same machine noise. Each run starts
/// from `about:blank`, in the same browser (so the HTTP cache and compiled-code cache are as
/// warm as for a returning user; the sandbox sends no caching headers, so files are fetched
/// again every time).
pub async fn time_to_first_row(
    bench: &Bench,
    runs: usize,
) -> anyhow::Result<(Vec<Load>, Vec<Load>)> {
    let added = bench
        .cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": probe::FIRST_ROW_PROBE }),
        )
        .await?;
    let (mut console, mut floor) = (Vec::new(), Vec::new());
    // One unmeasured round first: the very first load also compiles the wasm from scratch.
    for run in 0..=runs {
        for (path, loads) in [(USERS, &mut console), ("/ui/floor.html", &mut floor)] {
            bench.client.goto("about:blank").await?;
            bench.open(path).await?;
            let load = probe::first_row(&bench.client).await?;
            if run > 0 {
                loads.push(load);
            }
        }
    }
    bench
        .cdp(
            "Page.removeScriptToEvaluateOnNewDocument",
            json!({ "identifier": added["identifier"] }),
        )
        .await?;
    Ok((console, floor))
}

/// Clicks "Next" under the users table `runs` times.
pub async fn next_page(bench: &Bench, runs: usize, size: u32) -> anyhow::Result<Vec<Timing>> {
    let path = if size == 25 {
        USERS.to_string()
    } else {
        format!("{USERS}?size={size}")
    };
    bench.open(&path).await?;
    probe::settled(&bench.client, &path, 20_000).await?;
    let mut timings = Vec::new();
    for run in 0..runs {
        let page = run + 2;
        let done = format!(
            "idle() && rows().length === {size} && firstRow() !== before.first \
             && (document.querySelector('nav.pager span') || {{}}).textContent.startsWith('Page {page} ')"
        );
        probe::arm(&bench.client, "click", &done).await?;
        bench
            .client
            .find(Locator::XPath(
                "//nav[@class='pager']/button[text()='Next']",
            ))
            .await?
            .click()
            .await?;
        timings.extend(probe::measured(&bench.client).await?);
    }
    Ok(timings)
}

/// Switches tenant with the tenant picker, from the users page, alternating between the
/// small tenant and the 10,000-user one; returns (to the small one, to the big one).
pub async fn switch_tenant(
    bench: &Bench,
    runs: usize,
) -> anyhow::Result<(Vec<Timing>, Vec<Timing>)> {
    bench.open(USERS).await?;
    probe::settled(&bench.client, USERS, 20_000).await?;
    let (mut to_small, mut to_big) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        for (tenant, domain, timings) in [
            (SMALL, "@small.test", &mut to_small),
            (BIG, "@big.test", &mut to_big),
        ] {
            bench
                .client
                .find(Locator::Css(".tenant-picker > button"))
                .await?
                .click()
                .await?;
            let option = bench
                .client
                .wait()
                .for_element(Locator::XPath(&format!(
                    "//ul[@id='tenant-options']/li[small[text()='{tenant}']]"
                )))
                .await?;
            let done = format!(
                "idle() && location.pathname.startsWith('/ui/{tenant}/') && firstRow().includes('{domain}')"
            );
            probe::arm(&bench.client, "click", &done).await?;
            option.click().await?;
            timings.extend(probe::measured(&bench.client).await?);
        }
    }
    Ok((to_small, to_big))
}

/// Opens the role's page (its permission matrix) from the roles list, then goes back.
pub async fn open_role(bench: &Bench, runs: usize) -> anyhow::Result<Vec<Timing>> {
    let roles = "/ui/bench/admin/roles";
    bench.open(roles).await?;
    let mut timings = Vec::new();
    for _ in 0..runs {
        probe::settled(&bench.client, roles, 20_000).await?;
        let link = bench
            .client
            .wait()
            .for_element(Locator::XPath(&format!(
                "//main//table//a[text()='{}']",
                crate::setup::ROLE_NAME
            )))
            .await?;
        probe::arm(
            &bench.client,
            "click",
            "document.querySelectorAll('main .permission-grid input[type=checkbox]').length > 0",
        )
        .await?;
        link.click().await?;
        timings.extend(probe::measured(&bench.client).await?);
        bench.client.back().await?;
    }
    Ok(timings)
}

/// Opens the role every big-tenant user holds (through one group), ticks a permission and
/// clicks Save: the clock stops when the save's preview says how many people gain it. Cancel
/// and untick put the page back for the next run.
pub async fn preview_role_change(bench: &Bench, runs: usize) -> anyhow::Result<Vec<Timing>> {
    let path = format!("/ui/bench/admin/roles/{}", bench.ids.everyones_role);
    bench.open(&path).await?;
    probe::settled(&bench.client, &path, 20_000).await?;
    let tick = bench
        .client
        .wait()
        .for_element(Locator::XPath("//input[@aria-label='Flows: Execute']"))
        .await?;
    let save = bench
        .client
        .find(Locator::XPath("//main//button[normalize-space(.)='Save']"))
        .await?;
    let mut timings = Vec::new();
    for _ in 0..runs {
        tick.click().await?;
        probe::arm(
            &bench.client,
            "click",
            "(document.querySelector('main dialog[open] .change-preview .effect') || {}).textContent?.includes('gain EXECUTE')",
        )
        .await?;
        save.click().await?;
        timings.extend(probe::measured(&bench.client).await?);
        bench
            .client
            .find(Locator::XPath(
                "//dialog[@open]//button[normalize-space(.)='Cancel']",
            ))
            .await?
            .click()
            .await?;
        tick.click().await?;
    }
    Ok(timings)
}

/// Types into the users search box (replacing what was there); the clock starts at the last
/// keystroke and includes the search debounce.
pub async fn search(bench: &Bench, runs: usize) -> anyhow::Result<Vec<Timing>> {
    bench.open(USERS).await?;
    probe::settled(&bench.client, USERS, 20_000).await?;
    let field = bench
        .client
        .find(Locator::Css("input[aria-label='Search users']"))
        .await?;
    let mut timings = Vec::new();
    for run in 0..runs {
        // Each term matches 10 users (user-0NNN0 to user-0NNN9) and differs from the last.
        let term = format!("user-0{:03}", 100 + run * 37);
        let done = format!(
            "idle() && rows().length === 10 && [...rows()].every(r => r.textContent.includes('{term}'))"
        );
        probe::arm(&bench.client, "input", &done).await?;
        // Ctrl+A, release the modifier, then the term: one replacement, then a keystroke each.
        field.send_keys(&format!("\u{E009}a\u{E000}{term}")).await?;
        timings.extend(probe::measured(&bench.client).await?);
    }
    Ok(timings)
}

/// Clicks the "Email" column header of a `size`-row page `runs` times (ascending,
/// descending...).
pub async fn sort(bench: &Bench, runs: usize, size: u32) -> anyhow::Result<Vec<Timing>> {
    // Starting from another order, so that the first click (ascending) changes the rows.
    let path = format!("{USERS}?size={size}&sort=username%3Adesc");
    bench.open(&path).await?;
    probe::settled(&bench.client, &path, 20_000).await?;
    let mut timings = Vec::new();
    for _ in 0..runs {
        let done = format!("idle() && rows().length === {size} && firstRow() !== before.first");
        probe::arm(&bench.client, "click", &done).await?;
        bench
            .client
            .find(Locator::XPath(
                "//main//table/thead//button[contains(., 'Email')]",
            ))
            .await?
            .click()
            .await?;
        timings.extend(probe::measured(&bench.client).await?);
    }
    Ok(timings)
}

/// The console's pages (each list, detail and create page of the tenant), for the tour.
pub fn every_page(bench: &Bench) -> Vec<String> {
    let ids = &bench.ids;
    let admin = format!("/ui/{BIG}/admin");
    let mut pages = vec![admin.clone()];
    for (list, detail) in [
        ("groups", Some(&ids.group)),
        ("users", Some(&ids.user)),
        ("service-accounts", Some(&ids.service_account)),
        ("roles", Some(&ids.role)),
        ("access", None),
        ("invitations", None),
        ("tenants", Some(&BIG.to_string())),
    ] {
        pages.push(format!("{admin}/{list}"));
        if let Some(id) = detail {
            pages.push(format!("{admin}/{list}/{id}"));
        }
        pages.push(format!("{admin}/{list}/new"));
    }
    pages.push(format!("{admin}/access/effective?subject={}", ids.user));
    pages.push(format!("{admin}/my-tokens"));
    pages
}

/// Memory after each round of visiting every page (in-app navigation, no reload), plus how
/// many visits did not settle within 10 s.
pub async fn tour(bench: &Bench, rounds: usize) -> anyhow::Result<(Vec<Memory>, usize)> {
    let pages = every_page(bench);
    bench.open(&pages[0]).await?;
    probe::settled(&bench.client, &pages[0], 20_000).await?;
    let mut memory = vec![probe::memory(&bench.client).await?];
    let mut unsettled = 0;
    for _ in 0..rounds {
        for page in pages.iter().skip(1).chain(&pages[..1]) {
            probe::follow_link(&bench.client, page).await?;
            if !probe::settled(&bench.client, page, 10_000).await? {
                unsettled += 1;
                eprintln!("  {page} did not settle");
            }
        }
        memory.push(probe::memory(&bench.client).await?);
    }
    Ok((memory, unsettled))
}

/// What round trips between one page and the overview left in memory.
pub struct Leak {
    pub page: String,
    /// Growth of the wasm memory's size (64 KiB pages; it never shrinks).
    pub wasm_bytes: f64,
    /// With a `--heap-stats` build: growth of the live heap, and the allocation sizes whose
    /// count grew by at least one a visit, as (size, count added), the most bytes first.
    pub live: Option<(f64, Vec<(usize, i64)>)>,
}

/// `--leak-hunt`: for each page (or those whose path contains `only`), `visits` round trips
/// with the overview after one unmeasured round. With `watch` (an allocation size, or
/// `usize::MAX` for all) and a `--heap-stats` build, prints to stderr the call stacks of the
/// allocations of that size made during a round trip other than the last and still live.
pub async fn leak_hunt(
    bench: &Bench,
    visits: usize,
    only: Option<&str>,
    watch: Option<usize>,
) -> anyhow::Result<Vec<Leak>> {
    let pages = every_page(bench);
    let overview = &pages[0];
    bench.open(overview).await?;
    probe::settled(&bench.client, overview, 20_000).await?;
    let mut leaks = Vec::new();
    for page in &pages[1..] {
        if only.is_some_and(|only| !page.contains(only)) {
            continue;
        }
        // One round first, so each page's one-off allocations (caches, first render) are out.
        for path in [page, overview] {
            probe::follow_link(&bench.client, path).await?;
            probe::settled(&bench.client, path, 10_000).await?;
        }
        if let Some(size) = watch {
            probe::watch_allocations(&bench.client, size).await?;
        }
        let before = probe::memory(&bench.client).await?;
        let live_before = probe::live_heap(&bench.client).await?;
        for visit in 0..visits {
            probe::set_round(&bench.client, visit).await?;
            for path in [page, overview] {
                probe::follow_link(&bench.client, path).await?;
                probe::settled(&bench.client, path, 10_000).await?;
            }
        }
        let after = probe::memory(&bench.client).await?;
        let live = match (live_before, probe::live_heap(&bench.client).await?) {
            (Some(before), Some(after)) => Some((
                after.bytes - before.bytes,
                after.sizes_grown_since(&before, visits as i64),
            )),
            _ => None,
        };
        if watch.is_some() {
            eprintln!("{page}:\n{}", probe::watched_stacks(&bench.client).await?);
        }
        let leak = Leak {
            page: page.clone(),
            wasm_bytes: after.wasm_bytes - before.wasm_bytes,
            live,
        };
        eprintln!(
            "  {page}: wasm memory {:+.0} KB{}",
            leak.wasm_bytes / 1024.0,
            leak.live
                .as_ref()
                .map(|(bytes, _)| format!(", live heap {:+.1} KB", bytes / 1024.0))
                .unwrap_or_default()
        );
        leaks.push(leak);
    }
    Ok(leaks)
}
