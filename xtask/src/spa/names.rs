//! Content-hashed names for the files of the split build, and the references between them.
//!
//! A name that changes whenever the bytes change lets every server send the file with
//! `immutable` (the sandbox's `ui.rs` recognises `name-<hex>.ext` and `name-<hex>_bg.wasm`).
//! Each wasm file is named after its own bytes, so an area that did not change keeps its name
//! (and the browser's cached copy) from one build to the next. The two scripts name each other
//! (wasm-bindgen's glue imports the split loader, which imports the glue back for its exports),
//! so neither can be named after its own final bytes: both take one hash of everything they
//! are made from.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use anyhow::{Context, bail, ensure};

/// wasm-bindgen's glue and the main wasm, as wasm-bindgen names them (`--out-name`).
pub const GLUE: &str = "kestra-admin.js";
pub const MAIN_WASM: &str = "kestra-admin_bg.wasm";
/// The loader of the split-off files, as wasm-split names it.
pub const LOADER: &str = "__wasm_split.js";

/// The build's files (name → bytes) under their content-hashed names, with every reference
/// between them rewritten.
pub fn content_named(
    mut files: BTreeMap<String, Vec<u8>>,
) -> anyhow::Result<BTreeMap<String, Vec<u8>>> {
    let glue = files.remove(GLUE).context("no wasm-bindgen glue")?;
    let loader = files.remove(LOADER).context("no split loader")?;
    let mut glue = String::from_utf8(glue).context("the glue is not UTF-8")?;
    let mut loader = String::from_utf8(loader).context("the split loader is not UTF-8")?;
    ensure!(files.contains_key(MAIN_WASM), "no main wasm");

    let mut named = BTreeMap::new();
    for (name, bytes) in files {
        let new_name = hashed(&name, &hash_of(&[&bytes]))?;
        if name != MAIN_WASM {
            // The loader fetches each split-off file by its name next to itself.
            replace_once(
                &mut loader,
                &format!("\"./{name}\""),
                &format!("\"./{new_name}\""),
            )
            .with_context(|| format!("the split loader does not fetch {name}"))?;
        }
        named.insert(new_name, bytes);
    }

    let scripts = hash_of(&[
        glue.as_bytes(),
        loader.as_bytes(),
        named_list(&named).as_bytes(),
    ]);
    let glue_name = hashed(GLUE, &scripts)?;
    let loader_name = hashed(LOADER, &scripts)?;
    // Only the `import` statements: the glue also uses "./__wasm_split.js" as the key of the
    // wasm's imports, which must stay what the wasm asks for.
    replace_import(&mut glue, LOADER, &loader_name)?;
    replace_import(&mut loader, GLUE, &glue_name)?;
    named.insert(glue_name, glue.into_bytes());
    named.insert(loader_name, loader.into_bytes());
    Ok(named)
}

/// `name-<hash>.ext`, or `name-<hash>_bg.wasm` for wasm-bindgen's `name_bg.wasm` (trunk's
/// shape, which the servers' "content-hashed" rule knows).
pub fn hashed(name: &str, hash: &str) -> anyhow::Result<String> {
    let (stem, ext) = name
        .split_once('.')
        .with_context(|| format!("{name} has no extension"))?;
    Ok(match stem.strip_suffix("_bg") {
        Some(base) => format!("{base}-{hash}_bg.{ext}"),
        None => format!("{stem}-{hash}.{ext}"),
    })
}

/// 16 hex digits of a 64-bit hash of `parts`. The standard library's hasher with its fixed
/// keys gives the same digits in every run; a new Rust release may change them, which only
/// costs browsers one download.
pub fn hash_of(parts: &[&[u8]]) -> String {
    #[allow(deprecated)] // SipHasher is deprecated only in favour of an unspecified algorithm.
    let mut hasher = std::hash::SipHasher::new();
    for part in parts {
        part.hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

/// What a file of `dist/` is, for reports (its name changes with every build): "the shell
/// (wasm)", "area `people` (wasm)", "JS glue"...
pub fn kind(name: &str) -> String {
    let base = name.rsplit_once('-').map_or(name, |(base, _)| base);
    if let Some(area) = base.strip_prefix("split_") {
        format!("area `{area}` (wasm)")
    } else if base.starts_with("chunk_") {
        format!("code shared by areas, `{base}` (wasm)")
    } else if base == "__wasm_split" {
        "split loader (JS)".into()
    } else if name.ends_with("_bg.wasm") {
        "the shell (wasm)".into()
    } else if name.ends_with(".js") {
        "JS glue".into()
    } else if name.ends_with(".css") {
        "styles".into()
    } else {
        name.into()
    }
}

/// Whether a file of `dist/` is an area's code (or code areas share), which a first load
/// downloads only for the page's own area.
pub fn is_area(name: &str) -> bool {
    name.starts_with("split_") || name.starts_with("chunk_")
}

fn named_list(files: &BTreeMap<String, Vec<u8>>) -> String {
    files.keys().cloned().collect::<Vec<_>>().join("\n")
}

fn replace_once(text: &mut String, from: &str, to: &str) -> anyhow::Result<()> {
    let count = text.matches(from).count();
    if count != 1 {
        bail!("expected {from} once, found it {count} times");
    }
    *text = text.replacen(from, to, 1);
    Ok(())
}

/// Rewrites every `from './<old>'` (either quote; wasm-bindgen writes one import per wasm
/// import of the module) to import `<new>`.
fn replace_import(text: &mut String, old: &str, new: &str) -> anyhow::Result<()> {
    let mut found = false;
    for quote in ['\'', '"'] {
        let from = format!("from {quote}./{old}{quote}");
        found |= text.contains(&from);
        *text = text.replace(&from, &format!("from {quote}./{new}{quote}"));
    }
    ensure!(found, "no import of ./{old}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(chunk: &str) -> BTreeMap<String, Vec<u8>> {
        BTreeMap::from([
            (
                GLUE.to_string(),
                b"import * as s from './__wasm_split.js';\nimports['./__wasm_split.js'] = s;"
                    .to_vec(),
            ),
            (
                LOADER.to_string(),
                b"import { initSync } from \"./kestra-admin.js\";\nfetch(\"./split_people.wasm\");"
                    .to_vec(),
            ),
            (MAIN_WASM.to_string(), b"main".to_vec()),
            ("split_people.wasm".to_string(), chunk.as_bytes().to_vec()),
        ])
    }

    fn named_like<'a>(files: &'a BTreeMap<String, Vec<u8>>, prefix: &str, ext: &str) -> &'a str {
        files
            .keys()
            .find(|n| n.starts_with(prefix) && n.ends_with(ext))
            .unwrap()
    }

    #[test]
    fn every_file_gets_a_hashed_name_and_the_references_follow() {
        let named = content_named(build("people v1")).unwrap();
        let glue = named_like(&named, "kestra-admin-", ".js");
        let loader = named_like(&named, "__wasm_split-", ".js");
        let chunk = named_like(&named, "split_people-", ".wasm");
        named_like(&named, "kestra-admin-", "_bg.wasm");
        let glue_text = String::from_utf8(named[glue].clone()).unwrap();
        assert!(
            glue_text.contains(&format!("from './{loader}'")),
            "{glue_text}"
        );
        // The wasm's import key stays as the wasm names it.
        assert!(
            glue_text.contains("imports['./__wasm_split.js']"),
            "{glue_text}"
        );
        let loader_text = String::from_utf8(named[loader].clone()).unwrap();
        assert!(
            loader_text.contains(&format!("\"./{chunk}\"")),
            "{loader_text}"
        );
        assert!(
            loader_text.contains(&format!("from \"./{glue}\"")),
            "{loader_text}"
        );
    }

    #[test]
    fn a_changed_area_renames_itself_and_the_scripts_but_not_the_main_wasm() {
        let before = content_named(build("people v1")).unwrap();
        let after = content_named(build("people v2")).unwrap();
        let name = |files, prefix, ext| named_like(files, prefix, ext).to_string();
        assert_eq!(
            name(&before, "kestra-admin-", "_bg.wasm"),
            name(&after, "kestra-admin-", "_bg.wasm")
        );
        for (prefix, ext) in [
            ("split_people-", ".wasm"),
            ("__wasm_split-", ".js"),
            ("kestra-admin-", ".js"),
        ] {
            assert_ne!(
                name(&before, prefix, ext),
                name(&after, prefix, ext),
                "{prefix}"
            );
        }
    }

    #[test]
    fn reports_name_files_by_what_they_are() {
        let kinds = [
            ("kestra-admin-0123456789abcdef_bg.wasm", "the shell (wasm)"),
            ("kestra-admin-0123456789abcdef.js", "JS glue"),
            ("__wasm_split-0123456789abcdef.js", "split loader (JS)"),
            (
                "split_groups_and_roles-0123456789abcdef.wasm",
                "area `groups_and_roles` (wasm)",
            ),
            (
                "chunk_3-0123456789abcdef.wasm",
                "code shared by areas, `chunk_3` (wasm)",
            ),
            ("main-0123456789abcdef.css", "styles"),
        ];
        for (name, kind) in kinds {
            assert_eq!(super::kind(name), kind);
            assert_eq!(is_area(name), kind.contains("area"), "{name}");
        }
    }

    #[test]
    fn hashed_names_have_the_shape_servers_cache_for_good() {
        assert_eq!(
            hashed("kestra-admin_bg.wasm", "0123456789abcdef").unwrap(),
            "kestra-admin-0123456789abcdef_bg.wasm"
        );
        assert_eq!(
            hashed("chunk_3.wasm", "0123456789abcdef").unwrap(),
            "chunk_3-0123456789abcdef.wasm"
        );
        assert_eq!(hash_of(&[b"x"]).len(), 16);
    }
}
