//! Builds the release console into `dist/`, split by area, and compresses it once for every
//! server.
//!
//! trunk cannot split a wasm (trunk issue #1022), so the release build is this pipeline, as
//! cargo-leptos's `--split` runs it: `cargo build` of the console with the `split` feature and
//! the linker's relocations kept (`--emit-relocs`, which `wasm-split` reads to cut the module);
//! `wasm-split-cli`, which writes the shell, one file per area (`split_<area>.wasm`), the code
//! some areas share (`chunk_<n>.wasm`) and the loader that fetches them (`__wasm_split.js`);
//! `wasm-bindgen --keep-lld-exports` (the split-off files link against the main module's
//! exports); `wasm-opt -Oz` on every wasm file; content-hashed names (`names`); and the page
//! (`page`). `trunk serve` stays the unsplit development server.
//!
//! Beside each text or wasm file it writes `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip,
//! level 9). The sandbox (`--ui-dir`) sends them to browsers that accept them, the single-file
//! binary of `cargo xtask dist` embeds them, and nginx's `brotli_static` and `gzip_static` (or a
//! CDN) can serve the same `dist/` (see `deploy/README.md`): nothing compresses the console
//! again per request, and no server needs a compressor.

mod names;
mod page;

pub use names::{is_area, kind};

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use xshell::{Shell, cmd};

use crate::{project_root, step};

/// The optimised console that the sandbox serves at `/ui/`, in `dist/`, with the `.br` and
/// `.gz` siblings of its files.
pub fn build_release(sh: &Shell) -> anyhow::Result<()> {
    build(sh, Build::Release)
}

/// Which console `build` makes.
#[derive(Clone, Copy, PartialEq)]
pub enum Build {
    /// What users get.
    Release,
    /// The release build counting its live heap (the `heap-stats` feature) and keeping function
    /// names, for `browser_bench --leak-hunt` to say which page keeps memory and where it was
    /// allocated. Never shipped: counting costs every allocation a little.
    HeapStats,
}

/// Builds `which` console into `dist/`.
pub fn build(sh: &Shell, which: Build) -> anyhow::Result<()> {
    step("Building the console (release, split by area, wasm-opt -Oz) into dist/");
    let root = project_root();
    let work = root.join("target/split");
    split_build(sh, &work, which)?;
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(&work)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        files.insert(name, fs::read(&path)?);
    }
    let files = names::content_named(files)?;
    write_dist(&root, &root.join("dist"), &files)?;
    precompress(&root.join("dist"))
}

/// Where the console is served (`/ui/`): `public_url` in Trunk.toml, the one setting that
/// `trunk serve` and this build share.
fn public_url(root: &Path) -> anyhow::Result<String> {
    let trunk = fs::read_to_string(root.join("Trunk.toml"))?;
    trunk
        .lines()
        .find_map(|line| line.trim().strip_prefix("public_url"))
        .and_then(|rest| rest.split('"').nth(1))
        .map(str::to_owned)
        .context("Trunk.toml has no public_url = \"...\"")
}

const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// `cargo build`, `wasm-split-cli`, `wasm-bindgen` and `wasm-opt`: leaves in `work` the glue,
/// the main wasm, the split loader and the split-off wasm files, under their build names.
fn split_build(sh: &Shell, work: &Path, which: Build) -> anyhow::Result<()> {
    let (features, names) = match which {
        Build::Release => ("split", None),
        Build::HeapStats => ("split,heap-stats", Some("-g")),
    };
    // The relocations only for this build, through the wasm target's own variable: the host
    // (build scripts, proc macros) and the other builds keep their flags, and nothing else
    // builds the console's wasm in release mode, so no other build's artefacts are invalidated.
    // `erase_components` makes Leptos type-erase every component's view: fewer generic
    // copies of the rendering code, a smaller wasm (BENCHMARKS.md has before and after).
    cmd!(
        sh,
        "cargo build --release --target wasm32-unknown-unknown --package kestra-admin --bin kestra-admin --features {features}"
    )
    .env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        "-Clink-args=--emit-relocs --cfg erase_components",
    )
    .run()?;
    let linked = project_root().join("target/wasm32-unknown-unknown/release/kestra-admin.wasm");
    let _ = fs::remove_dir_all(work);
    fs::create_dir_all(work)?;
    cmd!(sh, "wasm-split-cli {linked} {work} --out-name kestra-admin").run()?;
    let split_main = work.join("kestra-admin.wasm");
    cmd!(
        sh,
        "wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript --out-dir {work} --out-name kestra-admin {split_main}"
    )
    .run()?;
    fs::remove_file(&split_main)?;
    for entry in fs::read_dir(work)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "wasm") {
            // The features rustc enables by default for wasm32; the split-off files carry no
            // target-features section to detect them from.
            cmd!(
                sh,
                "wasm-opt -Oz {names...} {WASM_FEATURES...} {path} -o {path}"
            )
            .run()
            .with_context(|| format!("wasm-opt on {}", path.display()))?;
        }
    }
    Ok(())
}

/// Empties `dist/` and writes the named build files, the stylesheets, the copied files and the
/// page, all as the project's `index.html` lists them.
fn write_dist(root: &Path, dist: &Path, files: &BTreeMap<String, Vec<u8>>) -> anyhow::Result<()> {
    let _ = fs::remove_dir_all(dist);
    fs::create_dir_all(dist)?;
    for (name, bytes) in files {
        fs::write(dist.join(name), bytes)?;
    }
    let named = |prefix: &str, ext: &str| {
        files
            .keys()
            .find(|n| n.starts_with(prefix) && n.ends_with(ext))
            .with_context(|| format!("no {prefix}*{ext} in the build"))
    };
    let loader = named("__wasm_split-", ".js")?.clone();
    let app = page::App {
        glue: named("kestra-admin-", ".js")?,
        wasm: named("kestra-admin-", "_bg.wasm")?,
        imports: &[loader],
    };
    let template = fs::read_to_string(root.join("index.html"))?;
    for link in page::trunk_links(&template)? {
        if let page::TrunkLink::CopyFile(path) = link {
            let from = root.join(&path);
            let name = from
                .file_name()
                .with_context(|| format!("{path} names no file"))?;
            fs::copy(&from, dist.join(name)).with_context(|| format!("copying {path}"))?;
        }
    }
    let css_name = |path: &str| -> anyhow::Result<String> {
        let bytes = fs::read(root.join(path)).with_context(|| format!("reading {path}"))?;
        let file = Path::new(path)
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        let name = names::hashed(&file, &names::hash_of(&[&bytes]))?;
        fs::write(dist.join(&name), bytes)?;
        Ok(name)
    };
    let html = page::render(&template, &public_url(root)?, &app, css_name)?;
    fs::write(dist.join("index.html"), html)?;
    Ok(())
}

/// The extensions worth compressing; images other than SVG and fonts already are.
const COMPRESSIBLE: &[&str] = &[
    "html", "js", "mjs", "wasm", "css", "svg", "json", "map", "txt",
];

/// Writes `NAME.br` and `NAME.gz` beside every compressible file of `dir` (`dist/` is emptied
/// on every build, so there are no stale ones). A variant that would not be smaller than
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

/// Whether the file is named after its content (`name-<hash>.js`, `name-<hash>_bg.wasm`):
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
