//! `dist/index.html` from the project's `index.html`, in the shape trunk gives it.
//!
//! The project's `index.html` stays trunk's input (for `trunk serve`) and is also the one list
//! of what the page loads: its `<link data-trunk ...>` tags name the app (`rel="rust"`), the
//! stylesheets (`rel="css"`) and the files copied as they are (`rel="copy-file"`). Each tag
//! becomes what the release page needs in its place, with the content-hashed names under the
//! public URL; everything else of the page is kept as it is.

use anyhow::{Context, bail};

/// One `<link data-trunk ...>` of the template.
#[derive(Debug, PartialEq)]
pub enum TrunkLink {
    /// The console itself (`rel="rust"`).
    App,
    /// A stylesheet to serve under a content-hashed name (`rel="css"`), by its path.
    Css(String),
    /// A file copied to `dist/` under its own name (`rel="copy-file"`), by its path.
    CopyFile(String),
}

/// What the app's tag becomes: its scripts and wasm, by their names in `dist/`.
pub struct App<'a> {
    /// wasm-bindgen's glue, which the page imports and starts.
    pub glue: &'a str,
    /// The main wasm, which the glue instantiates.
    pub wasm: &'a str,
    /// Scripts the glue imports (the split loader), preloaded beside it.
    pub imports: &'a [String],
}

/// The `<link data-trunk ...>` tags of `template`, in order.
pub fn trunk_links(template: &str) -> anyhow::Result<Vec<TrunkLink>> {
    tags(template)?
        .into_iter()
        .map(|(_, link)| Ok(link))
        .collect()
}

/// The page with each `<link data-trunk ...>` replaced: the app by its preloads and start-up
/// script, a stylesheet by a `<link rel="stylesheet">` to `css_name(path)`, a copied file by
/// nothing (it is only copied).
pub fn render(
    template: &str,
    public_url: &str,
    app: &App,
    css_name: impl Fn(&str) -> anyhow::Result<String>,
) -> anyhow::Result<String> {
    let mut page = String::new();
    let mut rest = 0;
    for (range, link) in tags(template)? {
        page.push_str(&template[rest..range.start]);
        match link {
            TrunkLink::App => page.push_str(&app_tags(public_url, app)),
            TrunkLink::Css(path) => page.push_str(&format!(
                r#"<link rel="stylesheet" href="{public_url}{}">"#,
                css_name(&path)?
            )),
            TrunkLink::CopyFile(_) => {
                // Drop the whole line, not only the tag, so the page keeps no blank line.
                let line_start = page.trim_end_matches([' ', '\t']).len();
                page.truncate(line_start);
                rest = range.end + usize::from(template[range.end..].starts_with('\n'));
                continue;
            }
        }
        rest = range.end;
    }
    page.push_str(&template[rest..]);
    Ok(page)
}

/// The preloads (the glue, what it imports, the wasm, fetched in parallel rather than one
/// after the other) and the script that starts the console. `window.wasmBindings` keeps the
/// module's exports reachable as trunk's loader does (the browser bench reads the wasm memory
/// there).
fn app_tags(public_url: &str, app: &App) -> String {
    let mut tags = format!(
        r#"<link rel="modulepreload" href="{public_url}{glue}" crossorigin="anonymous">"#,
        glue = app.glue
    );
    for import in app.imports {
        tags.push_str(&format!(
            "\n    <link rel=\"modulepreload\" href=\"{public_url}{import}\" crossorigin=\"anonymous\">"
        ));
    }
    tags.push_str(&format!(
        r#"
    <link rel="preload" href="{public_url}{wasm}" crossorigin="anonymous" as="fetch" type="application/wasm">
    <script type="module">
import init, * as bindings from '{public_url}{glue}';
await init({{ module_or_path: '{public_url}{wasm}' }});
window.wasmBindings = bindings;
    </script>"#,
        wasm = app.wasm,
        glue = app.glue,
    ));
    tags
}

/// Every `<link data-trunk ...>` with where it is in `template`.
fn tags(template: &str) -> anyhow::Result<Vec<(std::ops::Range<usize>, TrunkLink)>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = template[from..].find("<link data-trunk") {
        let start = from + offset;
        let end = start
            + template[start..]
                .find('>')
                .context("a <link data-trunk> tag is not closed")?
            + 1;
        let tag = &template[start..end];
        let href = || attribute(tag, "href").with_context(|| format!("{tag} has no href"));
        let link = match attribute(tag, "rel").as_deref() {
            Some("rust") => TrunkLink::App,
            Some("css") => TrunkLink::Css(href()?),
            Some("copy-file") => TrunkLink::CopyFile(href()?),
            _ => bail!("the release build does not know {tag}"),
        };
        found.push((start..end, link));
        from = end;
    }
    Ok(found)
}

/// The value of `name="..."` in `tag`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"<head>
    <meta name="kestra-admin-config" content="">
    <link data-trunk rel="rust" data-bin="kestra-admin" data-wasm-opt="z">
    <link data-trunk rel="css" href="style/main.css">
    <link data-trunk rel="copy-file" href="public/favicon.svg">
    <link rel="icon" href="favicon.svg" type="image/svg+xml">
</head>"#;

    #[test]
    fn the_template_names_the_app_its_styles_and_its_copied_files() {
        assert_eq!(
            trunk_links(TEMPLATE).unwrap(),
            [
                TrunkLink::App,
                TrunkLink::Css("style/main.css".into()),
                TrunkLink::CopyFile("public/favicon.svg".into()),
            ]
        );
    }

    #[test]
    fn the_page_loads_the_hashed_files_under_the_public_url_and_keeps_the_rest() {
        let app = App {
            glue: "kestra-admin-1.js",
            wasm: "kestra-admin-2_bg.wasm",
            imports: &["__wasm_split-1.js".into()],
        };
        let page = render(TEMPLATE, "/ui/", &app, |path| {
            assert_eq!(path, "style/main.css");
            Ok("main-3.css".into())
        })
        .unwrap();
        assert!(!page.contains("data-trunk"), "{page}");
        assert!(page.contains(r#"<meta name="kestra-admin-config" content="">"#));
        assert!(page.contains(r#"<link rel="modulepreload" href="/ui/kestra-admin-1.js""#));
        assert!(page.contains(r#"<link rel="modulepreload" href="/ui/__wasm_split-1.js""#));
        assert!(page.contains(r#"<link rel="preload" href="/ui/kestra-admin-2_bg.wasm""#));
        assert!(page.contains("import init, * as bindings from '/ui/kestra-admin-1.js';"));
        assert!(page.contains("module_or_path: '/ui/kestra-admin-2_bg.wasm'"));
        assert!(page.contains(r#"<link rel="stylesheet" href="/ui/main-3.css">"#));
        assert!(
            page.contains(
                "    <link rel=\"stylesheet\" href=\"/ui/main-3.css\">\n    <link rel=\"icon\""
            ),
            "{page}"
        );
        // The glue comes first: embed.js takes the first modulepreload for the glue.
        assert!(page.find("kestra-admin-1.js").unwrap() < page.find("__wasm_split-1.js").unwrap());
    }

    #[test]
    fn an_unknown_trunk_tag_is_refused() {
        assert!(trunk_links(r#"<link data-trunk rel="sass" href="a.scss">"#).is_err());
    }
}
