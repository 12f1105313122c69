//! A browser's visit to the users page of a served console, over real HTTP: the page, every
//! file of its first load asked with `Accept-Encoding: br, gzip` as Chromium asks, then the
//! page again with its `ETag`, as a repeat visit revalidates it. The dist smoke check asserts
//! on it; the bench counts its bytes.

use anyhow::Context;

use crate::sandbox::Sandbox;

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
        let kind = crate::spa::kind(path.rsplit('/').next().unwrap_or_default());
        files.push(sent(&kind, &answer));
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

/// The scripts, wasm and stylesheets `index.html` loads before the console starts (its
/// preload links and its module script), each once. `embed.js` is for portals only.
fn first_load_paths(html: &str) -> Vec<String> {
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
fn decode(coding: Option<&str>, body: &[u8]) -> anyhow::Result<Vec<u8>> {
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
