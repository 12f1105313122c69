//! Tidy checks: rules about the code that the compiler does not enforce, run by
//! `cargo test -p xtask` (as rust-analyzer's `xtask/src/tidy.rs`).
//!
//! Today they are about imports. Each crate's modules are read from its source files, and each
//! file's `use crate::…`, `crate::…` and `super::…` paths are resolved to the module they name.
//! Then [`RULES`] says which module may not import which, and the sandbox must have no import
//! cycle at all: a cycle means one module does two jobs (`docs/ARCHITECTURE.md`).
//!
//! The reading is plain text, not a parser: comment lines are skipped, a file is read up to its
//! first top-level `#[cfg(test)]` (tests may reach anywhere), and a parent naming its own child
//! modules (`users::router()` in `http/mod.rs`) is the module tree itself, not an import.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::project_root;

/// One direction imports must not take.
struct Rule {
    /// The crate's source directory, from the workspace root.
    src: &'static str,
    /// The modules the rule applies to, by path prefix (`""` is every module).
    from: &'static str,
    /// Modules under `from` that the rule leaves out, by path prefix (`""` is the crate root,
    /// `lib.rs`, alone).
    except: &'static [&'static str],
    /// What they must not import, by path prefix.
    forbidden: &'static str,
    /// Why, for the failure message.
    why: &'static str,
}

/// Which module may not import which. A module path is the file's path below `src` with `::`
/// (`http/users.rs` is `http::users`); a prefix covers the module and every module below it.
const RULES: &[Rule] = &[
    Rule {
        src: "sandbox/src",
        from: "",
        except: &["", "main", "http"],
        forbidden: "http",
        why: "only `http` (and `lib.rs`, `main.rs`, which serve it) may import `http`: \
              the handlers are the top layer (http → store → db), so below them call the store",
    },
    Rule {
        src: "sandbox/src",
        from: "store",
        except: &[],
        forbidden: "auth",
        why: "the store knows no request: `auth` turns credentials into a `store::grants::Caller`",
    },
    Rule {
        src: "sandbox/src",
        from: "store",
        except: &[],
        forbidden: "rbac",
        why: "the store knows no request: `rbac` refuses requests with the store's grants",
    },
    Rule {
        src: "sandbox/src",
        from: "store",
        except: &[],
        forbidden: "state",
        why: "store functions take a connection or a transaction, not the server's state",
    },
    Rule {
        src: "src",
        from: "components",
        except: &[],
        forbidden: "pages",
        why: "components are reusable pieces: a page passes them what they need",
    },
    Rule {
        src: "src",
        from: "api",
        except: &[],
        forbidden: "components",
        why: "the fetch layer knows no view code",
    },
    Rule {
        src: "src",
        from: "api",
        except: &[],
        forbidden: "pages",
        why: "the fetch layer knows no view code",
    },
];

/// The crates whose modules must not import each other in a circle.
const ACYCLIC: &[&str] = &["sandbox/src"];

#[test]
fn imports_follow_the_layers() {
    let mut broken = Vec::new();
    for rule in RULES {
        let graph = Graph::read(rule.src);
        for import in &graph.imports {
            let applies = within(&import.from, rule.from)
                && !rule.except.iter().any(|e| covers(&import.from, e));
            if applies
                && within(&import.to, rule.forbidden)
                && !within(&import.from, rule.forbidden)
            {
                broken.push(format!(
                    "{}:{}: `{}` imports `{}`: {}",
                    import.file, import.line, import.from, import.to, rule.why
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "imports against the layers:\n{}",
        broken.join("\n")
    );
}

#[test]
fn the_sandbox_has_no_import_cycle() {
    let mut found = Vec::new();
    for src in ACYCLIC {
        let graph = Graph::read(src);
        for cycle in graph.cycles() {
            found.push(format!("a cycle of {} modules in {src}:", cycle.len()));
            found.extend(cycle.iter().map(|import| {
                format!(
                    "  {}:{}: `{}` imports `{}`",
                    import.file, import.line, import.from, import.to
                )
            }));
        }
    }
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn use_trees_are_expanded() {
    assert_eq!(
        expand("crate::store::{access::{grant, revoke}, tokens, self}"),
        [
            "crate::store::access::grant",
            "crate::store::access::revoke",
            "crate::store::tokens",
            "crate::store::self",
        ]
    );
    assert_eq!(expand("super::*"), ["super::*"]);
}

/// An import of one module by another: the first place `from` names `to`.
#[derive(Clone)]
struct Import {
    from: String,
    to: String,
    /// The file and line, from the workspace root.
    file: String,
    line: usize,
}

/// The modules of one crate and the imports between them.
struct Graph {
    imports: Vec<Import>,
}

impl Graph {
    fn read(src: &str) -> Graph {
        let root = project_root().join(src);
        let mut files = Vec::new();
        rust_files(&root, &mut files);
        let modules: BTreeMap<String, String> = files
            .iter()
            .map(|file| {
                let relative = file.strip_prefix(&root).unwrap().to_str().unwrap();
                (module_of(relative), format!("{src}/{relative}"))
            })
            .collect();
        let mut imports = Vec::new();
        for (module, file) in &modules {
            let text = fs::read_to_string(project_root().join(file)).unwrap();
            let mut seen = BTreeSet::new();
            for (line, path) in paths(&text) {
                let Some(to) = resolve(&path, module, &modules) else {
                    continue;
                };
                if to != *module && !within(&to, module) && seen.insert(to.clone()) {
                    imports.push(Import {
                        from: module.clone(),
                        to,
                        file: file.clone(),
                        line,
                    });
                }
            }
        }
        Graph { imports }
    }

    /// One cycle through each group of modules that import each other (directly or not), as
    /// its imports: one is enough to show that the group must be untangled.
    fn cycles(&self) -> Vec<Vec<Import>> {
        let mut edges: BTreeMap<&str, Vec<&Import>> = BTreeMap::new();
        for import in &self.imports {
            edges.entry(&import.from).or_default().push(import);
        }
        let mut cycles = Vec::new();
        let mut grouped = BTreeSet::new();
        for start in edges.keys() {
            if grouped.contains(*start) {
                continue;
            }
            if let Some(cycle) = path_back(start, start, &edges, &mut BTreeSet::new()) {
                let reached = reachable(start, &edges);
                grouped.extend(
                    reached
                        .into_iter()
                        .filter(|module| reachable(module, &edges).contains(*start)),
                );
                cycles.push(cycle.into_iter().cloned().collect());
            }
        }
        cycles
    }
}

/// Every module `from` imports, directly or not.
fn reachable(from: &str, edges: &BTreeMap<&str, Vec<&Import>>) -> BTreeSet<String> {
    let mut reached = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(module) = todo.pop() {
        for import in edges.get(module.as_str()).into_iter().flatten() {
            if reached.insert(import.to.clone()) {
                todo.push(import.to.clone());
            }
        }
    }
    reached
}

/// A path of imports from `at` back to `target`, if there is one (depth-first).
fn path_back<'a>(
    at: &str,
    target: &str,
    edges: &BTreeMap<&str, Vec<&'a Import>>,
    visited: &mut BTreeSet<String>,
) -> Option<Vec<&'a Import>> {
    for import in edges.get(at).into_iter().flatten() {
        if import.to == target {
            return Some(vec![import]);
        }
        if visited.insert(import.to.clone())
            && let Some(mut rest) = path_back(&import.to, target, edges, visited)
        {
            rest.insert(0, import);
            return Some(rest);
        }
    }
    None
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `http/users.rs` is `http::users`, `http/mod.rs` is `http`, `lib.rs` is the root, `""`.
fn module_of(relative: &str) -> String {
    let path = relative.strip_suffix(".rs").unwrap();
    let path = path.strip_suffix("/mod").unwrap_or(path);
    match path {
        "lib" => String::new(),
        other => other.replace('/', "::"),
    }
}

/// Every `crate::…` and `super::…` path in `text` with its line number, `use` trees expanded.
fn paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut statement: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("#[cfg(test)]") {
            break;
        }
        let code = line.trim();
        if code.starts_with("//") {
            continue;
        }
        if let Some((start, mut tree)) = statement.take() {
            tree.push_str(code);
            match tree.strip_suffix(';') {
                Some(done) => out.extend(expand(done).into_iter().map(|p| (start, p))),
                None => statement = Some((start, tree)),
            }
            continue;
        }
        let used = code
            .strip_prefix("pub use ")
            .or_else(|| code.strip_prefix("pub(crate) use "))
            .or_else(|| code.strip_prefix("use "));
        if let Some(tree) = used {
            match tree.strip_suffix(';') {
                Some(done) => out.extend(expand(done).into_iter().map(|p| (i + 1, p))),
                None => statement = Some((i + 1, tree.to_owned())),
            }
            continue;
        }
        for keyword in ["crate::", "super::"] {
            let mut rest = code;
            while let Some(at) = rest.find(keyword) {
                let before = rest[..at].chars().next_back();
                let path: String = rest[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                if !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    out.push((i + 1, path.clone()));
                }
                rest = &rest[at + path.len().max(1)..];
            }
        }
    }
    out
}

/// The paths of a `use` tree: `a::{b, c::{d}}` is `a::b` and `a::c::d`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap().trim().to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.trim().is_empty())
        .flat_map(|part| expand(part))
        .map(|path| format!("{prefix}{path}"))
        .collect()
}

/// The module a path names, from `module`: the longest known module it starts with.
/// `None` for paths outside the crate (`std::…`, `axum::…`).
fn resolve(path: &str, module: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let absolute = if let Some(rest) = path.strip_prefix("crate::") {
        rest.to_owned()
    } else if let Some(rest) = path.strip_prefix("super::") {
        // `module_of` already made `a/b/mod.rs` the module `a::b`, so `super` is `a` for both.
        let parent = module.rsplit_once("::").map_or("", |(parent, _)| parent);
        if parent.is_empty() {
            rest.to_owned()
        } else {
            format!("{parent}::{rest}")
        }
    } else {
        return None;
    };
    let segments: Vec<&str> = absolute.split("::").collect();
    (1..=segments.len())
        .rev()
        .map(|n| segments[..n].join("::"))
        .find(|candidate| modules.contains_key(candidate))
}

/// Whether `module` is `prefix` or below it; every module is within `""`.
fn within(module: &str, prefix: &str) -> bool {
    prefix.is_empty()
        || module == prefix
        || module
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with("::"))
}

/// Like [`within`], except that `""` covers only the crate root (for [`Rule::except`]).
fn covers(module: &str, prefix: &str) -> bool {
    if prefix.is_empty() {
        module.is_empty()
    } else {
        within(module, prefix)
    }
}
