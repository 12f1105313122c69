//! Accessibility checks in the journeys' browser: axe-core (the engine behind most
//! accessibility audits) run on the page as it is (`look::prefer_dark` switches the colour
//! scheme for the dark runs).
//!
//! axe-core comes from npm (`cargo xtask test` installs it into `target/tools/axe`; set
//! `KESTRA_AXE` to another `axe.min.js`). It is read once and injected into each page that
//! does not hold it yet.

use std::path::PathBuf;
use std::sync::OnceLock;

use anyhow::{Context, bail};
use fantoccini::Client;
use serde_json::Value;

/// The WCAG rules checked: levels A and AA of WCAG 2.0 and 2.1.
const RULES: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']";

/// Fails with every axe-core violation of the page as it is now (rule, help, where), `what`
/// naming the page and mode in the message.
pub async fn no_violations(client: &Client, what: &str) -> anyhow::Result<()> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await?;
    if loaded != Value::Bool(true) {
        client.execute(axe_source()?, vec![]).await?;
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {RULES} }} }})
           .then(r => done(r.violations.map(v => `${{v.id}} (${{v.impact}}): ${{v.help}} at ${{
             v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}}`)))
           .catch(e => done(['axe-core could not run: ' + e]));"
    );
    let found = client.execute_async(&script, vec![]).await?;
    let violations: Vec<String> = serde_json::from_value(found)?;
    if !violations.is_empty() {
        bail!(
            "{what}: {} accessibility violation(s):\n  {}",
            violations.len(),
            violations.join("\n  ")
        );
    }
    Ok(())
}

/// axe-core's source, read once.
fn axe_source() -> anyhow::Result<&'static str> {
    static SOURCE: OnceLock<String> = OnceLock::new();
    if let Some(source) = SOURCE.get() {
        return Ok(source);
    }
    let path = std::env::var_os("KESTRA_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target/tools/axe/node_modules/axe-core/axe.min.js")
        });
    let source = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "reading axe-core at {} (`cargo xtask test` installs it; or set KESTRA_AXE)",
            path.display()
        )
    })?;
    Ok(SOURCE.get_or_init(|| source))
}
