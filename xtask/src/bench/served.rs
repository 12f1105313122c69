//! What the single-file binary of `cargo xtask dist` actually sends a browser for the users
//! page: every file of the first load requested over HTTP from the real binary with
//! `Accept-Encoding: br, gzip`, as Chromium asks, counting the bytes on the wire. Then a repeat
//! visit, as a browser makes it with what it cached: content-hashed files are not asked for
//! again (`immutable`), the page is revalidated by its `ETag`.

use std::path::Path;

use anyhow::Context;
use xshell::Shell;

use crate::sandbox::Sandbox;
use crate::{dist, project_root, step};

/// The budget of the issue for what the dist binary sends for the users page.
const BUDGET: u64 = 250 * 1024;

/// What the dist binary sent before it sent precompressed files (issue #15, item 2), measured
/// once the same way, kept here because that binary is gone.
const BEFORE: &str = "Before (main's dist binary, built at `236784b` with the same console, the \
    same requests sent with curl on 2026-12-02): 2083.3 KB, every file as it is whatever the browser \
    accepts (index.html 1.5 KB, JS glue 58.6 KB, the app 2005.7 KB, styles 17.5 KB), with no \
    cache headers but `no-cache` on the page, so a repeat visit downloaded all of it again.";

/// Builds the dist binary around `dist/` (built by the first-load section, which runs first),
/// measures it, and returns the section of BENCHMARKS.md.
pub fn measure_section(sh: &Shell) -> anyhow::Result<String> {
    dist::package(sh)?;
    step("Measuring what the dist binary sends for the users page");
    let binary = project_root().join("target/dist/kestra-admin-sandbox");
    let visit = measure(&binary)?;
    let mut table = String::from("| file | encoding | body | headers |\n|---|---|---:|---:|\n");
    for file in &visit.files {
        table.push_str(&format!(
            "| {} | {} | {} | {} B |\n",
            file.kind,
            file.coding.as_deref().unwrap_or("none"),
            kb(file.body),
            file.head
        ));
    }
    let total = visit.total();
    table.push_str(&format!(
        "| **the users page, in all** | | **{}** | {} B |\n",
        kb(total),
        visit.files.iter().map(|f| f.head).sum::<u64>()
    ));
    let verdict = if total <= BUDGET {
        format!("Within the budget of {}.", kb(BUDGET))
    } else {
        format!(
            "**Over the budget of {} by {}**: the files are sent compressed, so what is left is \
             the size of the console itself (see the first-load section).",
            kb(BUDGET),
            kb(total - BUDGET)
        )
    };
    Ok(format!(
        "## What the dist binary sends\n\n\
         The users page (`/ui/dev/admin/users`) and every file it loads first, requested over HTTP \
         from `target/dist/kestra-admin-sandbox` (the console embedded, `cargo xtask dist`) with \
         `Accept-Encoding: br, gzip`; \"body\" is the bytes after the headers, as sent. The \
         compressed files are made once at build time (`xtask/src/spa.rs`) and embedded.\n\n\
         {table}\n{verdict}\n\n\
         A repeat visit sends {repeat} of body in one request: the content-hashed files are cached \
         for a year (`Cache-Control: public, max-age=31536000, immutable`) and not asked for \
         again, and the page is revalidated with its `ETag` (`{status}`).\n\n{BEFORE}\n",
        repeat = kb(visit.repeat_body),
        status = visit.repeat_status,
    ))
}

/// One file of the first load, as sent.
pub struct SentFile {
    /// What it is (the names carry a hash that changes every build).
    pub kind: String,
    pub coding: Option<String>,
    pub cache_control: String,
    pub body: u64,
    pub head: u64,
}

/// A first visit and a repeat visit of the users page.
pub struct Visit {
    pub files: Vec<SentFile>,
    /// The status and body size of the page asked again with its `ETag`.
    pub repeat_status: u16,
    pub repeat_body: u64,
}

impl Visit {
    pub fn total(&self) -> u64 {
        self.files.iter().map(|f| f.body).sum()
    }
}

/// Starts `binary` (from an empty directory, so it serves its embedded console) and visits the
/// users page twice.
pub fn measure(binary: &Path) -> anyhow::Result<Visit> {
    let work = project_root().join("target/bench-served");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let sandbox = Sandbox::start_binary(binary, &work, "owner@example.com", &[])?;
    let visit = visit(&sandbox);
    drop(sandbox);
    let _ = std::fs::remove_dir_all(&work);
    visit
}

const ACCEPT: (&str, &str) = ("Accept-Encoding", "br, gzip");

pub fn visit(sandbox: &Sandbox) -> anyhow::Result<Visit> {
    let page = sandbox.request("/ui/dev/admin/users", &[ACCEPT])?;
    anyhow::ensure!(
        page.status == 200,
        "the users page answered {}",
        page.status
    );
    let html = String::from_utf8(decode(page.header("content-encoding"), &page.body)?)
        .context("the page is not UTF-8")?;
    let etag = page
        .header("etag")
        .context("the page came without an ETag")?
        .to_owned();
    let mut files = vec![sent("the page (index.html)", &page)];
    for path in first_load_paths(&html) {
        let answer = sandbox.request(&path, &[ACCEPT])?;
        anyhow::ensure!(answer.status == 200, "{path} answered {}", answer.status);
        let kind = match path.rsplit('.').next() {
            Some("wasm") => "the app (wasm)",
            Some("js") => "JS glue",
            Some("css") => "styles",
            _ => "other",
        };
        files.push(sent(kind, &answer));
    }
    let repeat = sandbox.request(
        "/ui/dev/admin/users",
        &[ACCEPT, ("If-None-Match", etag.as_str())],
    )?;
    Ok(Visit {
        files,
        repeat_status: repeat.status,
        repeat_body: repeat.body.len() as u64,
    })
}

fn sent(kind: &str, answer: &crate::sandbox::Answer) -> SentFile {
    SentFile {
        kind: kind.into(),
        coding: answer.header("content-encoding").map(str::to_owned),
        cache_control: answer.header("cache-control").unwrap_or_default().into(),
        body: answer.body.len() as u64,
        head: answer.head_len as u64,
    }
}

/// The scripts, wasm and stylesheets `index.html` loads before the console starts (trunk's
/// preload links and its module script), each once. `embed.js` is for portals only.
pub fn first_load_paths(html: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (start, _) in html.match_indices("/ui/") {
        let rest = &html[start..];
        let end = rest.find(['"', '\'', ' ', '>', ')']).unwrap_or(rest.len());
        let path = &rest[..end];
        let wanted = [".js", ".wasm", ".css"].iter().any(|e| path.ends_with(e))
            && !path.ends_with("/embed.js");
        if wanted && !paths.iter().any(|p| p == path) {
            paths.push(path.to_owned());
        }
    }
    paths
}

/// `body` decoded from `coding`.
pub fn decode(coding: Option<&str>, body: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    match coding {
        None => out.extend_from_slice(body),
        Some("br") => brotli::BrotliDecompress(&mut &body[..], &mut out)?,
        Some("gzip") => {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(body), &mut out)?;
        }
        Some(other) => anyhow::bail!("unexpected Content-Encoding {other}"),
    }
    Ok(out)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
