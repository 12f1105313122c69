//! `cargo xtask dist`: the sandbox as one file to deploy, `target/dist/kestra-admin-sandbox`.
//!
//! It builds the console in release mode, then the sandbox for `x86_64-unknown-linux-musl`
//! (statically linked, so it runs on any x86-64 Linux and in a `FROM scratch` image) with the
//! `server` profile and the console embedded (`embedded-ui`), checks that the result is static
//! and serves `/ui/` with no other file beside it, and copies it to `target/dist/`, which is
//! also the build context of `deploy/Containerfile`. See `deploy/README.md` for running it.

use std::path::Path;

use anyhow::{Context, bail};
use xshell::{Shell, cmd};

use crate::sandbox::Sandbox;
use crate::{project_root, spa, step, tools};

const TARGET: &str = "x86_64-unknown-linux-musl";
const BINARY: &str = "kestra-admin-sandbox";

pub fn run(sh: &Shell, args: &[String]) -> anyhow::Result<()> {
    if !args.is_empty() {
        bail!("usage: cargo xtask dist");
    }
    tools::ensure_spa_tools(sh)?;
    spa::build_release(sh)?;
    package(sh)
}

/// Builds, checks and ships the binary around the console already built in `dist/` (the test
/// run builds the console once and reuses it here).
pub fn package(sh: &Shell) -> anyhow::Result<()> {
    ensure_musl_target(sh)?;
    let root = project_root();
    let built = root.join(format!("target/{TARGET}/server/{BINARY}"));
    step(&format!(
        "Building the sandbox for {TARGET} (server profile) with the console embedded"
    ));
    // The C compiler builds SQLite (rusqlite's `bundled`). musl-gcc (Debian's musl-tools) is
    // made for it. Plain cc is tried when there is none, but with glibc's headers SQLite
    // asks for `open64`, `fstat64`... which musl does not have, and the link fails: then
    // musl-tools is installed and the build runs again.
    if has_musl_gcc(sh) {
        build(sh, "musl-gcc")?;
    } else if build(sh, "cc").is_err() {
        step("Building SQLite for musl with plain cc failed; trying musl-gcc");
        install_musl_gcc(sh)?;
        build(sh, "musl-gcc")?;
    }
    check_static(sh, &built)?;
    let out = root.join("target/dist");
    sh.create_dir(&out)?;
    let shipped = out.join(BINARY);
    sh.copy_file(&built, &shipped)?;
    // deploy/Containerfile builds from target/dist/ and copies this empty folder to /data, so
    // that the data directory exists in a scratch image, owned by its unprivileged user.
    sh.create_dir(out.join("data"))?;
    smoke_test(&shipped)?;
    let size = std::fs::metadata(&shipped)?.len();
    eprintln!(
        "\n  {} ({:.1} MB): statically linked, console embedded.\n  \
         Try it: {} --seed demo --admin-email you@example.com (password in KESTRA_SANDBOX_ADMIN_PASSWORD)\n",
        shipped.display(),
        size as f64 / 1e6,
        shipped.display()
    );
    Ok(())
}

/// `cargo build` of the static binary, SQLite compiled with `cc`.
fn build(sh: &Shell, cc: &str) -> anyhow::Result<()> {
    let dist = project_root().join("dist");
    cmd!(
        sh,
        "cargo build --profile server --target {TARGET} --package kestra-admin-sandbox --features embedded-ui"
    )
    .env("KESTRA_SANDBOX_EMBED_UI", &dist)
    .env("CC_x86_64_unknown_linux_musl", cc)
    .run()?;
    Ok(())
}

fn ensure_musl_target(sh: &Shell) -> anyhow::Result<()> {
    let targets = cmd!(sh, "rustup target list --installed").read()?;
    if !targets.lines().any(|t| t == TARGET) {
        step(&format!(
            "Installing the {TARGET} target (a statically linked Linux binary)"
        ));
        cmd!(sh, "rustup target add {TARGET}").run()?;
    }
    Ok(())
}

fn has_musl_gcc(sh: &Shell) -> bool {
    cmd!(sh, "musl-gcc --version")
        .quiet()
        .ignore_stderr()
        .read()
        .is_ok()
}

/// Installs Debian's musl-tools (`musl-gcc`) when running as root; otherwise says how.
fn install_musl_gcc(sh: &Shell) -> anyhow::Result<()> {
    if cmd!(sh, "id -u").read()?.trim() != "0" {
        bail!("building SQLite for musl needs musl-gcc: sudo apt-get install -y musl-tools");
    }
    step("Installing musl-tools from Debian's packages (musl-gcc, to build SQLite for musl)");
    cmd!(sh, "apt-get update -q").run()?;
    cmd!(sh, "apt-get install -y -q musl-tools")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    Ok(())
}

/// Fails unless `file` calls the binary statically linked and `ldd` finds nothing to load.
fn check_static(sh: &Shell, binary: &Path) -> anyhow::Result<()> {
    step("Checking that the binary is statically linked");
    let described = cmd!(sh, "file {binary}").read()?;
    eprintln!("{described}");
    if !described.contains("statically linked") && !described.contains("static-pie linked") {
        bail!("{} is not statically linked: {described}", binary.display());
    }
    // ldd exits 1 for a static binary; what it prints is the check.
    let loader = cmd!(sh, "ldd {binary}")
        .ignore_status()
        .ignore_stderr()
        .output()?;
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&loader.stdout),
        String::from_utf8_lossy(&loader.stderr)
    );
    if said.contains("=>") {
        bail!(
            "ldd lists shared libraries for {}:\n{said}",
            binary.display()
        );
    }
    Ok(())
}

/// Runs the binary from an empty directory, without `--ui-dir`, and checks that `/health` is
/// UP and `/ui/` and a deep link serve the embedded `index.html`, and its script is there.
fn smoke_test(binary: &Path) -> anyhow::Result<()> {
    step("Serving /ui/ from the binary alone");
    let work = project_root().join("target/dist/smoke");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let sandbox = Sandbox::start_binary(binary, &work, "owner@example.com", &["--seed", "demo"])?;
    let index = std::fs::read(project_root().join("dist/index.html"))?;
    let (status, body) = sandbox.get("/health")?;
    anyhow::ensure!(
        status == 200 && body == br#"{"status":"UP"}"#,
        "/health answered {status}"
    );
    for path in ["/ui/", "/ui/dev/admin/users"] {
        let (status, body) = sandbox.get(path)?;
        anyhow::ensure!(
            status == 200 && body == index,
            "{path} answered {status} without dist/index.html"
        );
    }
    let script = std::fs::read_dir(project_root().join("dist"))?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .find(|name| name.ends_with(".js"))
        .context("dist/ has no script")?;
    let (status, _) = sandbox.get(&format!("/ui/{script}"))?;
    anyhow::ensure!(status == 200, "/ui/{script} answered {status}");
    let visit = crate::visit::visit(&sandbox)?;
    drop(sandbox);
    std::fs::remove_dir_all(&work)?;
    eprintln!("  /health, /ui/, a deep link and /ui/{script} answer from the binary alone");
    // What the binary sends: compressed at build time, cached by hash, the page revalidated.
    for file in &visit.files {
        let hashed = file.kind != "the page (index.html)";
        let cache = if hashed {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        anyhow::ensure!(
            file.coding.as_deref() == Some("br") && file.cache_control == cache,
            "{} came with Content-Encoding {:?} and Cache-Control {:?}",
            file.kind,
            file.coding,
            file.cache_control
        );
    }
    anyhow::ensure!(
        visit.repeat_status == 304 && visit.repeat_body == 0,
        "the page asked again with its ETag answered {}",
        visit.repeat_status
    );
    eprintln!(
        "  the users page sends {:.1} KB in brotli; asked again with its ETag, a 304",
        visit.total() as f64 / 1024.0
    );
    Ok(())
}
