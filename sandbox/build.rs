//! With the `embedded-ui` feature, embeds the built console named by `KESTRA_SANDBOX_EMBED_UI`
//! (trunk's `dist/`) in the binary, so one file serves `/ui/` with nothing beside it
//! (`cargo xtask dist`). Without the feature it does nothing.
//!
//! It writes `$OUT_DIR/embedded_ui.rs`: a list of `(path, include_bytes!(file))`, sorted by
//! path. A build script rather than a crate such as include_dir keeps the sandbox's
//! dependencies as they are.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_EMBEDDED_UI").is_none() {
        return;
    }
    println!("cargo:rerun-if-env-changed=KESTRA_SANDBOX_EMBED_UI");
    let Some(dir) = std::env::var_os("KESTRA_SANDBOX_EMBED_UI").map(PathBuf::from) else {
        panic!(
            "the embedded-ui feature needs KESTRA_SANDBOX_EMBED_UI=<a built console, e.g. dist/>; \
             `cargo xtask dist` sets it"
        );
    };
    let dir = dir
        .canonicalize()
        .unwrap_or_else(|err| panic!("KESTRA_SANDBOX_EMBED_UI={}: {err}", dir.display()));
    assert!(
        dir.join("index.html").is_file(),
        "KESTRA_SANDBOX_EMBED_UI={} has no index.html: build the console first",
        dir.display()
    );
    // A directory is watched recursively: any file added, changed or removed rebuilds.
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    collect(&dir, &dir, &mut files);
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (path, file) in &files {
        writeln!(
            code,
            "    ({path:?}, include_bytes!({:?})),",
            file.display()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap()).join("embedded_ui.rs");
    std::fs::write(&out, code).unwrap_or_else(|err| panic!("writing {}: {err}", out.display()));
}

/// Every file under `dir`, as (path relative to `root` with `/` separators, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap();
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push((parts.join("/"), path));
        }
    }
}
