//! Builds the console with trunk into `dist/`.

use xshell::{Shell, cmd};

use crate::step;

/// `trunk build --release --offline`: the optimised console that the sandbox serves at `/ui/`.
pub fn build_release(sh: &Shell) -> anyhow::Result<()> {
    step("Building the console (release, wasm-opt -Oz) into dist/");
    // --offline also stops trunk's start-up check for a newer trunk on crates.io.
    cmd!(sh, "trunk build --release --offline")
        .env("TRUNK_SKIP_VERSION_CHECK", "true")
        .run()?;
    Ok(())
}
