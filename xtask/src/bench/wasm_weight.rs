//! Which crates the console's wasm is made of: twiggy's list of every function and data item
//! of the release build before wasm-opt (which strips the names), summed by crate. It is an
//! attribution by symbol name, so approximate: a generic function counts for the crate that
//! defines it, even when another crate's types made it big.

use std::collections::BTreeMap;

use xshell::{Shell, cmd};

use crate::project_root;

/// The markdown paragraph and table, or a note saying how to get them when twiggy is missing.
pub fn section(sh: &Shell) -> String {
    let wasm = project_root().join("target/wasm32-unknown-unknown/release/kestra-admin.wasm");
    let listing = cmd!(sh, "twiggy top -n 1000000 --format csv {wasm}")
        .quiet()
        .ignore_stderr()
        .read();
    let Ok(listing) = listing else {
        return "Where the bytes go: install twiggy (`cargo install twiggy`) and run the bench again \
                for a table of the wasm's size by crate.\n"
            .into();
    };
    let by_crate = sum_by_crate(&listing);
    let code: u64 = by_crate.values().sum();
    let mut rows: Vec<(&String, &u64)> = by_crate.iter().collect();
    rows.sort_by_key(|(_, bytes)| std::cmp::Reverse(**bytes));
    let mut table = String::from("| crate | bytes before wasm-opt | share |\n|---|---:|---:|\n");
    for (krate, bytes) in rows.iter().take(14) {
        table.push_str(&format!(
            "| {krate} | {:.1} KB | {:.0}% |\n",
            **bytes as f64 / 1024.0,
            **bytes as f64 * 100.0 / code as f64
        ));
    }
    format!(
        "Where the bytes go, by crate (twiggy on the release wasm before wasm-opt, names and \
         custom sections left out; generic code counts for the crate that defines it):\n\n{table}"
    )
}

/// Sums twiggy's CSV rows (`Name,ShallowSize,...`) by crate, leaving out the custom sections
/// that never ship (function names, wasm-bindgen's metadata).
fn sum_by_crate(csv: &str) -> BTreeMap<String, u64> {
    let mut sums = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let Some((name, size)) = split_row(line) else {
            continue;
        };
        if name.contains("subsection") || name.starts_with("custom section") {
            continue;
        }
        *sums.entry(crate_of(&name)).or_insert(0) += size;
    }
    sums
}

/// The name and shallow size of a CSV row; the name may be quoted and hold commas.
fn split_row(line: &str) -> Option<(String, u64)> {
    let (name, rest) = if let Some(quoted) = line.strip_prefix('"') {
        let end = quoted.find("\",")?;
        (quoted[..end].replace("\"\"", "\""), &quoted[end + 2..])
    } else {
        let (name, rest) = line.split_once(',')?;
        (name.to_string(), rest)
    };
    let size = rest.split(',').next()?.parse().ok()?;
    Some((name, size))
}

/// The crate a symbol belongs to: `tachys::view::...` is tachys; `<F as tachys::Trait>::f` is
/// tachys (a blanket impl); `<either_of::Either<A,B> as leptos_router::Trait>::f` is either_of;
/// the standard library's crates are one; items without a path are data and tables.
fn crate_of(name: &str) -> String {
    let path = match name.strip_prefix('<') {
        Some(inner) => match inner.split_once(" as ") {
            Some((ty, tr)) if !ty.contains("::") => tr,
            Some((ty, _)) => ty,
            None => inner,
        },
        None => name,
    };
    let Some((krate, _)) = path.split_once("::") else {
        return "data, tables and unnamed code".into();
    };
    let krate = krate
        .trim_start_matches(['<', '&', '*', ' '])
        .trim_start_matches("mut ")
        .trim_start_matches("dyn ");
    let krate = krate.split('[').next().unwrap_or(krate);
    match krate {
        "core" | "alloc" | "std" => "std (core, alloc)".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_count_for_the_crate_that_defines_the_code() {
        assert_eq!(crate_of("tachys::view::add_attr::h1"), "tachys");
        assert_eq!(
            crate_of("<F as tachys::reactive_graph::ReactiveFunction>::invoke::h2"),
            "tachys"
        );
        assert_eq!(
            crate_of("<either_of::Either<A,B> as leptos_router::ChooseView>::choose::h3"),
            "either_of"
        );
        assert_eq!(crate_of("core::fmt::write::h4"), "std (core, alloc)");
        assert_eq!(
            crate_of("<alloc[3ca501edff3f0c7c]::string::String>::push.65"),
            "std (core, alloc)"
        );
        assert_eq!(
            crate_of("<&mut serde_json::de::Deserializer<R>>::f"),
            "serde_json"
        );
        assert_eq!(crate_of("elem[0]"), "data, tables and unnamed code");
    }

    #[test]
    fn rows_are_summed_by_crate_without_the_name_sections() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
                   \"\"\"function names\"\" subsection\",100,1,,\n\
                   custom section '__wasm_bindgen_unstable',50,1,,\n\
                   \"<F as tachys::A, B>::f\",7,1,,\n\
                   tachys::g,3,1,,\n\
                   serde_json::de::h,5,1,,\n";
        let sums = sum_by_crate(csv);
        assert_eq!(sums.get("tachys"), Some(&10));
        assert_eq!(sums.get("serde_json"), Some(&5));
        assert_eq!(sums.len(), 2);
    }
}
