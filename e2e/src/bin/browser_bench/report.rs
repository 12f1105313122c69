//! Turns raw timings into the "In the browser" section of BENCHMARKS.md: each figure with its
//! budget and a verdict, and how it was taken. It reports; it never fails on a number.

use std::fmt::Write;

use crate::probe::{Load, Memory, Timing};

/// Median and 95th percentile (nearest rank) of `values`, in ms.
pub struct Stats {
    pub median: f64,
    pub p95: f64,
    pub runs: usize,
}

impl Stats {
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Stats> {
        let mut values: Vec<f64> = values.into_iter().collect();
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let median = if n % 2 == 1 {
            values[n / 2]
        } else {
            (values[n / 2 - 1] + values[n / 2]) / 2.0
        };
        let rank = ((0.95 * n as f64).ceil() as usize).clamp(1, n);
        Some(Stats {
            median,
            p95: values[rank - 1],
            runs: n,
        })
    }
}

/// A verdict on a figure against a budget, saying by how much it misses.
pub fn verdict(value: f64, budget: f64) -> String {
    if value <= budget {
        "within budget".into()
    } else {
        let ratio = value / budget;
        if ratio < 1.01 {
            format!("**over budget** by {:.1}%", (ratio - 1.0) * 100.0)
        } else if ratio < 1.5 {
            format!("**over budget** by {:.0}%", (ratio - 1.0) * 100.0)
        } else {
            format!("**over budget**, {ratio:.1}× the budget")
        }
    }
}

fn ms(value: f64) -> String {
    format!("{value:.0} ms")
}

fn mb(bytes: f64) -> String {
    format!("{:.2} MB", bytes / (1024.0 * 1024.0))
}

/// What the section's "how" paragraph needs.
pub struct Setup {
    pub browser: String,
    pub seed_seconds: f64,
    pub big_users: usize,
}

/// The first-load section: the console against the floor.
pub fn first_row(out: &mut String, console: &[Load], floor: &[Load]) {
    let (Some(app), Some(base)) = (
        Stats::of(console.iter().map(|l| l.row)),
        Stats::of(floor.iter().map(|l| l.row)),
    ) else {
        out.push_str("Not measured: no run finished.\n\n");
        return;
    };
    let ratio = app.median / base.median.max(0.1);
    let _ = writeln!(
        out,
        "| page | median | p95 | runs | budget | verdict |\n|---|---:|---:|---:|---|---|\n\
         | the console's users page, signed in, first 25 of 10,000 users | {} | {} | {} | 300 ms (median) | {} |\n\
         | the floor: a static HTML page with the same 25 rows | {} | {} | {} | | |\n\
         | console ÷ floor (medians) | {ratio:.1}× | | | 3× | {} |\n",
        ms(app.median),
        ms(app.p95),
        app.runs,
        verdict(app.median, 300.0),
        ms(base.median),
        ms(base.p95),
        base.runs,
        verdict(ratio, 3.0),
    );
    let median_of = |f: &dyn Fn(&Load) -> Option<f64>| {
        Stats::of(console.iter().filter_map(f)).map_or("–".to_string(), |s| ms(s.median))
    };
    // The requests as the first run made them; each one's times are medians over all runs.
    let requests: Vec<String> = console[0]
        .api
        .iter()
        .enumerate()
        .map(|(i, request)| {
            let nth = |l: &Load| l.api.get(i).filter(|r| r.path == request.path).cloned();
            format!(
                "`{}` from {} to {}",
                request.path,
                median_of(&|l| nth(l).map(|r| r.start)),
                median_of(&|l| nth(l).map(|r| r.end)),
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "Where the console's time goes (medians, ms since navigation start): the HTML has arrived at {}, \
         the wasm at {}; then the app's API requests, in the order they start: {}; the first row is in the DOM at {}.\n",
        median_of(&|l| Some(l.html)),
        median_of(&|l| l.wasm),
        requests.join(", "),
        median_of(&|l| Some(l.row)),
    );
    if ratio > 3.0 {
        out.push_str(
            "Why the ratio is over budget: the floor is one small HTML file, so 3× of it leaves the \
             console less time than downloading and compiling its wasm takes on its own. After the \
             wasm, the console must learn who is signed in (`configs` and `me`, sent together) \
             before the page asks for its list, and the list answers from the sandbox's database. \
             Code splitting (see the first-load section) would shorten the first part; starting \
             the page's list request before `me` answers would overlap the other two.\n\n",
        );
    }
}

/// One row of a latency table.
pub fn latency_row(out: &mut String, name: &str, timings: &[Timing], budget: Option<f64>) {
    let Some(total) = Stats::of(timings.iter().map(Timing::total)) else {
        let _ = writeln!(out, "| {name} | not measured | | | | | | |");
        return;
    };
    let network = Stats::of(timings.iter().map(Timing::network)).map_or(0.0, |s| s.median);
    let after = Stats::of(timings.iter().map(Timing::after_response)).map_or(0.0, |s| s.median);
    let (budget_text, verdict_text) = match budget {
        Some(b) => (format!("{} (median)", ms(b)), verdict(total.median, b)),
        None => (String::new(), String::new()),
    };
    let _ = writeln!(
        out,
        "| {name} | {} | {} | {} | {} | {} | {budget_text} | {verdict_text} |",
        ms(total.median),
        ms(total.p95),
        total.runs,
        ms(network),
        ms(after),
    );
}

pub const LATENCY_HEADER: &str = "| interaction | median | p95 | runs | in API requests (median) | last response → DOM (median) | budget | verdict |\n\
     |---|---:|---:|---:|---:|---:|---|---|";

/// The round after which the budget allows no growth: the first rounds may still fill caches
/// and the allocator's free lists.
const SETTLED_ROUND: usize = 5;

/// The memory table: the first, settled and last rounds and the growth, judged from the
/// settled round on.
pub fn memory(out: &mut String, rounds: &[Memory], pages: usize, unsettled: usize) {
    let (Some(first), Some(after_one), Some(last)) = (rounds.first(), rounds.get(1), rounds.last())
    else {
        out.push_str("Not measured.\n\n");
        return;
    };
    let tours = rounds.len() - 1;
    let settled_round = SETTLED_ROUND.min(tours);
    let settled = &rounds[settled_round];
    let growth = last.wasm_bytes - after_one.wasm_bytes;
    let js_growth = last.js_heap_bytes - after_one.js_heap_bytes;
    let growth_settled = last.wasm_bytes - settled.wasm_bytes;
    let _ = writeln!(
        out,
        "| after | wasm memory | JS heap in use |\n|---|---:|---:|\n\
         | the first page | {} | {} |\n\
         | round 1 ({pages} pages) | {} | {} |\n\
         | round {settled_round} | {} | {} |\n\
         | round {tours} | {} | {} |\n\
         | growth, round 1 → {tours} | {} | {} |\n\
         | growth, round {settled_round} → {tours} | {} | {} |\n",
        mb(first.wasm_bytes),
        mb(first.js_heap_bytes),
        mb(after_one.wasm_bytes),
        mb(after_one.js_heap_bytes),
        mb(settled.wasm_bytes),
        mb(settled.js_heap_bytes),
        mb(last.wasm_bytes),
        mb(last.js_heap_bytes),
        mb(growth),
        mb(js_growth),
        mb(growth_settled),
        mb(last.js_heap_bytes - settled.js_heap_bytes),
    );
    let wasm_verdict = if growth_settled <= 0.0 {
        format!(
            "No growth of the wasm memory after round {settled_round}: within the budget, at this resolution (64 KiB pages)."
        )
    } else {
        let per_round = growth_settled / (tours - settled_round).max(1) as f64;
        format!(
            "**over budget**: the wasm memory grew by {} from round {settled_round} to {tours} (about {:.1} KB a round). \
             `cargo xtask build --heap-stats`, then `browser_bench --leak-hunt 20`, tells which page keeps it, \
             in allocations of which size; `--watch SIZE` adds where they were made.",
            mb(growth_settled),
            per_round / 1024.0
        )
    };
    let series: Vec<String> = rounds[1..]
        .iter()
        .map(|m| format!("{:.2}", m.wasm_bytes / (1024.0 * 1024.0)))
        .collect();
    let _ = writeln!(
        out,
        "The wasm memory after each round, in MB: {}.\n",
        series.join(", ")
    );
    let _ = writeln!(
        out,
        "{wasm_verdict} Budget: no growth after round {settled_round}.{}\n",
        if unsettled > 0 {
            format!(" ({unsettled} page visits did not settle within 10 s and were moved past.)")
        } else {
            String::new()
        }
    );
}

pub fn how(out: &mut String, setup: &Setup, runs: usize) {
    let _ = writeln!(
        out,
        "How: {} (`--headless=new`, 1280×800, through chromedriver) on loopback against the in-process sandbox \
         (built with `--profile server`) serving the release `dist/` (the first-load section's build), with a tenant of {} users \
         (seeded through the API in {:.0} s, without passwords) and a second tenant of 50. \
         The browser is signed in without typing: an API token of the instance owner is put in localStorage \
         under `kestra-admin.credentials`, exactly as the console's \"remember me\" keeps it. \
         Every figure is read inside the page on its own clock (`performance.now()`), so WebDriver's round trips are not in it: \
         a load is timed from navigation start (`performance.timeOrigin`); an interaction from the `timeStamp` of the user's \
         click, or of the last keystroke when typing (the event as WebDriver delivered it, captured on `document` before the \
         console's handlers). The clock stops in a `MutationObserver` callback at the first DOM change after which the result \
         is shown (e.g. the first user row, the new page's rows with the table no longer dimmed), before the browser paints it; \
         the paint follows within a frame (≤ 16.7 ms). \"In API requests\" is from the first request's start to the last \
         response's end (Resource Timing), the rest is the console's own work. {} runs each unless said, after one unmeasured \
         warm-up load; p95 is the nearest rank (with 10–20 runs it is the slowest or second slowest). \
         The browser, the sandbox and this program share the machine's cores, as a developer's laptop would; \
         figures from a busy machine are noisy, so judge verdicts on a quiet one.\n",
        setup.browser,
        group_thousands(setup.big_users),
        setup.seed_seconds,
        runs,
    );
}

fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_nearest_rank_p95() {
        let stats = Stats::of((1..=20).map(f64::from)).unwrap();
        assert_eq!(stats.median, 10.5);
        assert_eq!(stats.p95, 19.0);
        let stats = Stats::of([3.0, 1.0, 2.0]).unwrap();
        assert_eq!((stats.median, stats.p95), (2.0, 3.0));
        assert!(Stats::of([]).is_none());
    }

    fn rounds(wasm_mb: &[f64]) -> Vec<Memory> {
        wasm_mb
            .iter()
            .map(|mb| Memory {
                wasm_bytes: mb * 1024.0 * 1024.0,
                js_heap_bytes: 0.0,
            })
            .collect()
    }

    #[test]
    fn memory_is_judged_from_the_settled_round() {
        // The first page, then 8 rounds: growth until round 5 only is within the budget.
        let mut out = String::new();
        memory(
            &mut out,
            &rounds(&[1.0, 2.0, 2.1, 2.2, 2.3, 2.5, 2.5, 2.5, 2.5]),
            22,
            0,
        );
        assert!(
            out.contains("No growth of the wasm memory after round 5"),
            "{out}"
        );
        assert!(out.contains("| growth, round 5 → 8 | 0.00 MB |"), "{out}");

        let mut out = String::new();
        memory(
            &mut out,
            &rounds(&[1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.3]),
            22,
            0,
        );
        assert!(out.contains("**over budget**: the wasm memory grew by 0.30 MB from round 5 to 8 (about 102.4 KB a round)"), "{out}");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(group_thousands(10_000), "10,000");
        assert_eq!(group_thousands(999), "999");
    }
}
