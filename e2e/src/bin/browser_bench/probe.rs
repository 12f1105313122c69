//! The JavaScript the measurements inject, and the clocks they read.
//!
//! Every figure is taken inside the page, on its own high-resolution clock
//! (`performance.now()`, zero at `performance.timeOrigin`, the start of the navigation), so
//! WebDriver's round trips never land in a figure. The clock stops in a `MutationObserver`
//! callback, i.e. right after the DOM change that shows the result and before the browser
//! paints it (the paint follows within one frame, at most 16.7 ms at 60 Hz).

use fantoccini::Client;
use serde::Deserialize;
use serde_json::{Value, json};

/// Installed with CDP's `Page.addScriptToEvaluateOnNewDocument`, so it runs in every new
/// document before the page's own scripts: it records when the first user row (a link to a
/// user's page inside a table body in `main`) enters the DOM.
pub const FIRST_ROW_PROBE: &str = r#"
(() => {
  const probe = window.__kaFirstRow = { at: null };
  const found = () => document.querySelector('main table tbody tr td a[href*="/admin/users/"]');
  const observer = new MutationObserver(() => {
    if (probe.at === null && found()) { probe.at = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
"#;

/// One navigation's milestones, in ms since its start.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Load {
    /// The first user row is in the DOM.
    pub row: f64,
    /// The HTML document has arrived.
    pub html: f64,
    /// The wasm file has arrived (none for the floor).
    pub wasm: Option<f64>,
    /// The API requests, in the order they started.
    pub api: Vec<Request>,
}

/// One API request of a load: its path (without `/api/v1/` and the query) and when it
/// started and ended, in ms since navigation start.
#[derive(Debug, Clone, Deserialize)]
pub struct Request {
    pub path: String,
    pub start: f64,
    pub end: f64,
}

/// Waits (up to 20 s) for the first-row probe of the current document and reads the
/// navigation's milestones from Navigation and Resource Timing.
pub async fn first_row(client: &Client) -> anyhow::Result<Load> {
    let script = r#"
      const done = arguments[arguments.length - 1];
      const t0 = performance.now();
      (function poll() {
        const probe = window.__kaFirstRow;
        if (probe && probe.at !== null) {
          const nav = performance.getEntriesByType('navigation')[0];
          const res = performance.getEntriesByType('resource');
          const wasm = res.find(e => e.name.endsWith('.wasm'));
          const api = res.filter(e => e.name.includes('/api/v1/'));
          done({ row: probe.at, html: nav ? nav.responseEnd : 0,
                 wasm: wasm ? wasm.responseEnd : null,
                 api: api.sort((a, b) => a.startTime - b.startTime).map(e => ({
                   path: new URL(e.name).pathname.replace('/api/v1/', ''),
                   start: e.startTime, end: e.responseEnd })) });
        } else if (performance.now() - t0 > 20000) {
          done(null);
        } else {
          setTimeout(poll, 2);
        }
      })();
    "#;
    let value = client.execute_async(script, vec![]).await?;
    if value.is_null() {
        anyhow::bail!("no user row within 20 s");
    }
    Ok(serde_json::from_value(value)?)
}

/// One interaction's clock, in ms on the page's clock.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Timing {
    /// The `timeStamp` of the (last) triggering event: the click, or the last keystroke.
    pub start: f64,
    /// The DOM shows the result.
    pub end: f64,
    /// The API requests made in between: first start, last end.
    pub api_start: Option<f64>,
    pub api_end: Option<f64>,
}

impl Timing {
    pub fn total(&self) -> f64 {
        self.end - self.start
    }

    /// Time spent in requests (first request start to last response end).
    pub fn network(&self) -> f64 {
        match (self.api_start, self.api_end) {
            (Some(start), Some(end)) => end - start,
            _ => 0.0,
        }
    }

    /// From the last response to the DOM showing it (decoding and rendering).
    pub fn after_response(&self) -> f64 {
        self.api_end.map_or(self.total(), |end| self.end - end)
    }
}

/// Arms a measurement: the clock starts at the `timeStamp` of the last `event` (captured on
/// `document`, before the page's handlers) and stops at the first DOM change after which
/// `done` (a JS expression) holds. `done` may use `rows()`, `firstRow()` (the first row's
/// text), `idle()` (no table busy or dimmed), and `before` (`first` and `path` when armed).
pub async fn arm(client: &Client, event: &str, done: &str) -> anyhow::Result<()> {
    let script = format!(
        r#"
      const [type] = arguments;
      const rows = () => document.querySelectorAll('main table tbody tr');
      const firstRow = () => {{ const r = document.querySelector('main table tbody tr'); return r ? r.textContent : ''; }};
      const idle = () => !document.querySelector('main table[aria-busy="true"], main tbody.stale');
      const before = {{ first: firstRow(), path: location.pathname + location.search }};
      const previous = window.__kaMeasure;
      if (previous && previous.stop) previous.stop();
      performance.clearResourceTimings();
      const m = window.__kaMeasure = {{ start: null, end: null }};
      const onEvent = e => {{ if (m.end === null) m.start = e.timeStamp; }};
      const observer = new MutationObserver(() => {{
        if (m.start !== null && m.end === null && ({done})) {{ m.end = performance.now(); m.stop(); }}
      }});
      m.stop = () => {{ observer.disconnect(); document.removeEventListener(type, onEvent, true); }};
      document.addEventListener(type, onEvent, true);
      observer.observe(document, {{ childList: true, subtree: true, attributes: true, characterData: true }});
    "#
    );
    client.execute(&script, vec![json!(event)]).await?;
    Ok(())
}

/// Waits (up to 15 s) for the armed measurement to stop; `None` when it never did.
pub async fn measured(client: &Client) -> anyhow::Result<Option<Timing>> {
    let script = r#"
      const done = arguments[arguments.length - 1];
      const t0 = performance.now();
      (function poll() {
        const m = window.__kaMeasure;
        if (m && m.end !== null && m.start !== null) {
          const api = performance.getEntriesByType('resource').filter(e =>
            e.name.includes('/api/v1/') && e.startTime >= m.start && e.responseEnd <= m.end);
          done({ start: m.start, end: m.end,
                 apiStart: api.length ? Math.min(...api.map(e => e.startTime)) : null,
                 apiEnd: api.length ? Math.max(...api.map(e => e.responseEnd)) : null });
        } else if (performance.now() - t0 > 15000) {
          if (m && m.stop) m.stop();
          done(null);
        } else {
          setTimeout(poll, 5);
        }
      })();
    "#;
    let value = client.execute_async(script, vec![]).await?;
    Ok(serde_json::from_value::<Option<Timing>>(value)?)
}

/// Navigates inside the console (no reload) to `path`, the way a link does: the router
/// intercepts the click on an anchor.
pub async fn follow_link(client: &Client, path: &str) -> anyhow::Result<()> {
    let script = r#"
      const a = document.createElement('a');
      a.href = arguments[0];
      document.body.appendChild(a);
      a.click();
      a.remove();
    "#;
    client.execute(script, vec![json!(path)]).await?;
    Ok(())
}

/// Waits (up to `timeout_ms`) until the console shows `path` settled: a heading or an alert in
/// `main`, no table busy or dimmed, no "Loading…" status; `false` if it never did.
pub async fn settled(client: &Client, path: &str, timeout_ms: u32) -> anyhow::Result<bool> {
    let script = r#"
      const [path, timeout] = arguments;
      const done = arguments[arguments.length - 1];
      const t0 = performance.now();
      const ok = () => location.pathname + location.search === path
        && document.querySelector('main h1, main [role="alert"]')
        && !document.querySelector('main table[aria-busy="true"], main tbody.stale')
        && ![...document.querySelectorAll('main [role="status"], main td.placeholder')]
             .some(e => e.textContent.trim().startsWith('Loading'));
      (function poll() {
        if (ok()) done(true);
        else if (performance.now() - t0 > timeout) done(false);
        else setTimeout(poll, 5);
      })();
    "#;
    let value = client
        .execute_async(script, vec![json!(path), json!(timeout_ms)])
        .await?;
    Ok(value == Value::Bool(true))
}

/// Memory after a full garbage collection (`window.gc()`, from `--js-flags=--expose-gc`):
/// the wasm linear memory's size (it only grows, so it is the high-water mark of the Rust
/// heap) and the JS heap in use.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    pub wasm_bytes: f64,
    pub js_heap_bytes: f64,
}

pub async fn memory(client: &Client) -> anyhow::Result<Memory> {
    // The page's loader keeps wasm-bindgen's module as `window.wasmBindings`; its init function
    // hands back the already-instantiated exports (including `memory`) without re-running.
    let script = r#"
      const done = arguments[arguments.length - 1];
      if (window.gc) { window.gc(); window.gc(); }
      setTimeout(async () => {
        const wasm = await window.wasmBindings.default();
        done({ wasmBytes: wasm.memory.buffer.byteLength,
               jsHeapBytes: performance.memory ? performance.memory.usedJSHeapSize : 0 });
      }, 50);
    "#;
    let value = client.execute_async(script, vec![]).await?;
    Ok(serde_json::from_value(value)?)
}

/// The live heap of a `--heap-stats` build (`src/heap_stats.rs`), after a full garbage
/// collection; `None` from any other build.
pub struct LiveHeap {
    pub bytes: f64,
    /// Live allocations by size.
    pub by_size: std::collections::BTreeMap<usize, i64>,
}

impl LiveHeap {
    /// The allocation sizes whose count grew by at least `least` since `before`, as (size,
    /// count added), the most bytes first.
    pub fn sizes_grown_since(&self, before: &LiveHeap, least: i64) -> Vec<(usize, i64)> {
        let mut grown: Vec<(usize, i64)> = self
            .by_size
            .iter()
            .map(|(size, n)| (*size, n - before.by_size.get(size).copied().unwrap_or(0)))
            .filter(|(_, added)| *added >= least)
            .collect();
        grown.sort_by_key(|(size, added)| std::cmp::Reverse(*size as i64 * added));
        grown
    }
}

pub async fn live_heap(client: &Client) -> anyhow::Result<Option<LiveHeap>> {
    let script = r#"
      const done = arguments[arguments.length - 1];
      const stats = window.wasmBindings;
      if (!stats || !stats.ka_heap_live) { done(null); return; }
      if (window.gc) { window.gc(); window.gc(); }
      // Let dropped futures and effects run their last poll first.
      setTimeout(() => done({ bytes: stats.ka_heap_live(), sizes: stats.ka_heap_sizes() }), 300);
    "#;
    let value = client.execute_async(script, vec![]).await?;
    if value.is_null() {
        return Ok(None);
    }
    let by_size = value["sizes"]
        .as_str()
        .unwrap_or_default()
        .split(',')
        .filter_map(|pair| pair.split_once(':'))
        .filter_map(|(size, n)| Some((size.parse().ok()?, n.parse().ok()?)))
        .collect();
    Ok(Some(LiveHeap {
        bytes: value["bytes"].as_f64().unwrap_or_default(),
        by_size,
    }))
}

/// Starts keeping the JS call stack of every allocation of `size` bytes (`usize::MAX`: all)
/// until it is freed, tagged with the round it was made in (`set_round`).
pub async fn watch_allocations(client: &Client, size: usize) -> anyhow::Result<()> {
    let script = r#"
      const stats = window.wasmBindings;
      if (!stats || !stats.ka_heap_watch) return;
      Error.stackTraceLimit = 200;
      window.kaHeapRound = 0;
      window.kaHeapLive = new Map();
      window.kaHeapAllocated = (address, size) =>
        window.kaHeapLive.set(address, [window.kaHeapRound, size + ' bytes ' + new Error().stack]);
      window.kaHeapFreed = (address) => window.kaHeapLive.delete(address);
      stats.ka_heap_watch(arguments[0]);
    "#;
    client.execute(script, vec![json!(size)]).await?;
    Ok(())
}

pub async fn set_round(client: &Client, round: usize) -> anyhow::Result<()> {
    client
        .execute("window.kaHeapRound = arguments[0];", vec![json!(round)])
        .await?;
    Ok(())
}

/// Stops watching; the stacks of watched allocations made before the last round and still
/// live (so not the page now shown), most frequent first, with how many of each.
pub async fn watched_stacks(client: &Client) -> anyhow::Result<String> {
    let script = r#"
      const stats = window.wasmBindings;
      if (!stats || !stats.ka_heap_watch || !window.kaHeapLive) return '';
      stats.ka_heap_watch(0);
      const last = window.kaHeapRound, counts = new Map();
      for (const [round, stack] of window.kaHeapLive.values()) {
        if (round < last) counts.set(stack, (counts.get(stack) || 0) + 1);
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20)
        .map(([stack, n]) => n + ' × ' + stack.replace(/\(http[^)]*\)/g, '')).join('\n');
    "#;
    let value = client.execute(script, vec![]).await?;
    Ok(value.as_str().unwrap_or_default().to_string())
}
