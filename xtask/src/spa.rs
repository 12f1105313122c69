//! Builds the console with trunk into `dist/`, and compresses it once for every server.
//!
//! Beside each text or wasm file of the release build it writes `NAME.br` (brotli, quality 11)
//! and `NAME.gz` (gzip, level 9). The sandbox (`--ui-dir`) sends them to browsers that accept
//! them, the single-file binary of `cargo xtask dist` embeds them, and nginx's `brotli_static`
//! and `gzip_static` (or a CDN) can serve the same `dist/` (see `deploy/README.md`): nothing
//! compresses the console again per request, and no server needs a compressor.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use xshell::{Shell, cmd};

use crate::{project_root, step};

/// `trunk build --release --offline`: the optimised console that the sandbox serves at `/ui/`,
/// with its `.br` and `.gz` siblings.
pub fn build_release(sh: &Shell) -> anyhow::Result<()> {
    step("Building the console (release, wasm-opt -Oz) into dist/");
    // --offline also stops trunk's start-up check for a newer trunk on crates.io.
    cmd!(sh, "trunk build --release --offline")
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .run()?;
    precompress(&project_root().join("dist"))
}

/// The extensions worth compressing; images other than SVG and fonts already are.
const COMPRESSIBLE: &[&str] = &[
    "html", "js", "mjs", "wasm", "css", "svg", "json", "map", "txt",
];

/// Writes `NAME.br` and `NAME.gz` beside every compressible file of `dir` (trunk empties
/// `dist/` on every build, so there are no stale ones). A variant that would not be smaller than
/// the file is not written: servers then send the file as it is.
pub fn precompress(dir: &Path) -> anyhow::Result<()> {
    step("Compressing dist/ once (brotli -q 11, gzip -9) for the servers that send it");
    let started = Instant::now();
    let mut files: Vec<_> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for path in files {
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !path.is_file() || !compressible {
            continue;
        }
        let raw = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        // A content-hashed name means the same bytes: their compressed forms are kept from one
        // build to the next (brotli -q 11 takes about 15 s for the wasm), so `cargo xtask demo`
        // starts again in seconds.
        let cached = is_content_hashed(&name).then(|| project_root().join("target/precompressed"));
        let (brotli, gzip) = match cached.as_ref().map(|dir| read_cached(dir, &name)) {
            Some(Some(both)) => both,
            _ => {
                let both = (brotli(&raw)?, gzip(&raw)?);
                if let Some(dir) = &cached {
                    fs::create_dir_all(dir)?;
                    fs::write(dir.join(format!("{name}.br")), &both.0)?;
                    fs::write(dir.join(format!("{name}.gz")), &both.1)?;
                }
                both
            }
        };
        for (suffix, packed) in [("br", &brotli), ("gz", &gzip)] {
            let mut target = path.clone().into_os_string();
            target.push(format!(".{suffix}"));
            if packed.len() < raw.len() {
                fs::write(&target, packed)?;
            } else {
                let _ = fs::remove_file(&target);
            }
        }
        eprintln!(
            "  {}: {} bytes, brotli {}, gzip {}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            raw.len(),
            brotli.len(),
            gzip.len()
        );
    }
    eprintln!("  compressed in {:.1?}", started.elapsed());
    Ok(())
}

/// The brotli and gzip forms of `name` kept by an earlier build, if both are there.
fn read_cached(dir: &Path, name: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let brotli = fs::read(dir.join(format!("{name}.br"))).ok()?;
    let gzip = fs::read(dir.join(format!("{name}.gz"))).ok()?;
    Some((brotli, gzip))
}

/// Whether trunk named the file after its content (`name-<hash>.js`, `name-<hash>_bg.wasm`):
/// a dash and up to 16 hex digits (`{:x}` of a 64-bit hash) before `_bg` or the extension. The
/// sandbox's `ui.rs` applies the same rule to its cache headers.
fn is_content_hashed(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && (8..=16).contains(&hash.len())
            && hash
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    })
}

/// Brotli at its best quality with the largest window browsers accept (`brotli -q 11 -w 24`).
fn brotli(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        size_hint: raw.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params)?;
    Ok(out)
}

/// Gzip at level 9 (`gzip -9`).
fn gzip(raw: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(raw)?;
    Ok(encoder.finish()?)
}
