//! `cargo xtask bench`: measures the console and the sandbox and reports; it never fails on a
//! number. Each section measures one thing and returns its part of BENCHMARKS.md; this module
//! adds the machine and the commit, prints the report and writes the file.

mod browser;
mod first_load;
mod served;
mod server;
mod wasm_weight;

use std::fs;

use xshell::{Shell, cmd};

use crate::project_root;

pub fn run(sh: &Shell) -> anyhow::Result<()> {
    let sections = [
        first_load::measure_section(sh)?,
        include_str!("levers.md").to_string(),
        served::measure_section(sh)?,
        browser::measure_section(sh)?,
        server::measure_section(sh)?,
    ];
    let report = format!(
        "# Benchmarks\n\nWritten by `cargo xtask bench` (see `xtask/src/bench/`); do not edit by hand.\n\n\
         - commit: `{}`\n- machine: {} cores, {}\n\n{}",
        cmd!(sh, "git rev-parse --short HEAD")
            .read()
            .unwrap_or_else(|_| "unknown".into()),
        num_cpus(),
        cpu_model(),
        sections.join("\n"),
    );
    println!("\n{report}");
    fs::write(project_root().join("BENCHMARKS.md"), report)?;
    println!("written to BENCHMARKS.md");
    Ok(())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
}

fn cpu_model() -> String {
    fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}
