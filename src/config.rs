//! Runtime settings, read once when the app starts, so that one built `dist/` works behind the
//! sandbox, next to a real Kestra behind a reverse proxy, under another prefix, or mounted into
//! a portal's page.
//!
//! Every key is optional and comes, later sources winning, from:
//! 1. `<meta name="kestra-admin-config" content="api-base=https://kestra.example.com; base-path=/ui/">`
//!    in index.html: `key=value` pairs separated by `;`;
//! 2. the JSON object at `config-url`, when one of the other sources names it (`{"api-base": "..."}`);
//! 3. the mount element's `data-*` attributes (`<div id="kestra-admin" data-api-base="...">`).

/// The keys every source accepts (as `data-<key>` on the mount element).
pub const KEYS: &[&str] = &[
    "api-base",
    "base-path",
    "product-name",
    "embedded",
    "tenant-picker",
    "allowed-origins",
    "config-url",
];

/// Settings the console needs before its first request.
#[derive(Clone, Debug, PartialEq)]
pub struct RuntimeConfig {
    /// Origin (and optional prefix) of Kestra's API, without a trailing slash; empty means the
    /// page's own origin.
    pub api_base: String,
    /// Where the console is mounted, with leading and trailing slash (default `/ui/`).
    pub base_path: String,
    /// The product name shown in the header and the page title.
    pub product_name: String,
    /// Chrome-less mode for a portal: no header or sign-out of its own, and credentials come
    /// from the host page (see `host`). Always on inside an iframe.
    pub embedded: bool,
    /// Whether the tenant switcher is shown in embedded mode (a portal may switch tenants
    /// itself, by navigating).
    pub tenant_picker: bool,
    /// Origins besides the console's own whose `postMessage`s are trusted (a token from a
    /// portal framing the console); messages from anyone else are ignored.
    pub allowed_origins: Vec<String>,
    /// Where to read more settings from (a `config.json`), relative to the page.
    pub config_url: Option<String>,
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: String::new(),
            base_path: "/ui/".into(),
            product_name: "Kestra Admin".into(),
            embedded: false,
            tenant_picker: true,
            allowed_origins: Vec::new(),
            config_url: None,
        }
    }
}

impl RuntimeConfig {
    /// Parses the meta tag's `content`.
    pub fn parse(content: &str) -> RuntimeConfig {
        let mut config = RuntimeConfig::default();
        config.apply_pairs(content);
        config
    }

    /// Applies `key=value; key=value` pairs over the current settings.
    pub fn apply_pairs(&mut self, content: &str) {
        for pair in content.split(';') {
            if let Some((key, value)) = pair.split_once('=') {
                self.apply(key.trim(), value);
            }
        }
    }

    /// Applies one setting; unknown keys are ignored so that older consoles accept newer
    /// deployments' settings, and empty values keep the default.
    pub fn apply(&mut self, key: &str, value: &str) {
        let value = value.trim();
        match key {
            "api-base" => self.api_base = value.trim_end_matches('/').to_string(),
            "base-path" if !value.is_empty() => {
                let trimmed = value.trim_matches('/');
                self.base_path = if trimmed.is_empty() {
                    "/".into()
                } else {
                    format!("/{trimmed}/")
                };
            }
            "product-name" if !value.is_empty() => self.product_name = value.to_string(),
            "embedded" => self.embedded = is_on(value),
            "tenant-picker" => self.tenant_picker = value.is_empty() || is_on(value),
            "allowed-origins" => {
                self.allowed_origins = value
                    .split([' ', ','])
                    .filter(|origin| !origin.is_empty())
                    .map(|origin| origin.trim_end_matches('/').to_string())
                    .collect();
            }
            "config-url" => self.config_url = (!value.is_empty()).then(|| value.to_string()),
            _ => {}
        }
    }

    /// Applies a `config.json` object: strings as they are, booleans as `true`/`false`, lists
    /// of origins as a list. Anything else is ignored.
    pub fn apply_json(&mut self, json: &serde_json::Value) {
        let Some(object) = json.as_object() else {
            return;
        };
        for (key, value) in object {
            let value = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(|item| item.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => continue,
            };
            // `config.json` cannot point at yet another file.
            if key != "config-url" {
                self.apply(key, &value);
            }
        }
    }

    /// The meta tag's content, or empty when there is none.
    pub fn meta_content() -> String {
        use wasm_bindgen::JsCast;
        leptos::prelude::document()
            .query_selector("meta[name=\"kestra-admin-config\"]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlMetaElement>().ok())
            .map(|meta| meta.content())
            .unwrap_or_default()
    }

    /// Applies the mount element's `data-<key>` attributes.
    pub fn apply_attributes(&mut self, root: &web_sys::Element) {
        for key in KEYS {
            if let Some(value) = root.get_attribute(&format!("data-{key}")) {
                self.apply(key, &value);
            }
        }
    }

    /// The router's base: the base path without its trailing slash (`/ui`), empty at the root.
    pub fn router_base(&self) -> String {
        self.base_path.trim_end_matches('/').to_string()
    }
}

/// `data-embedded` (present, no value), `true`, `1`, `yes` and `on` all mean on.
fn is_on(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "" | "true" | "1" | "yes" | "on"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_meta_tag_gives_same_origin_under_ui() {
        assert_eq!(RuntimeConfig::parse(""), RuntimeConfig::default());
        assert_eq!(RuntimeConfig::default().router_base(), "/ui");
    }

    #[test]
    fn reads_api_base_and_normalises_the_base_path() {
        let config = RuntimeConfig::parse(
            " api-base = https://kestra.example.com/ ; base-path=portal/admin; colour=red",
        );
        assert_eq!(config.api_base, "https://kestra.example.com");
        assert_eq!(config.base_path, "/portal/admin/");
        assert_eq!(config.router_base(), "/portal/admin");
    }

    #[test]
    fn reads_the_embedding_settings() {
        let config = RuntimeConfig::parse(
            "embedded=true; tenant-picker=false; allowed-origins=https://portal.example.com/ https://b.example.com",
        );
        assert!(config.embedded);
        assert!(!config.tenant_picker);
        assert_eq!(
            config.allowed_origins,
            ["https://portal.example.com", "https://b.example.com"]
        );
        let defaults = RuntimeConfig::default();
        assert!(!defaults.embedded && defaults.tenant_picker);
        assert!(defaults.allowed_origins.is_empty());
    }

    #[test]
    fn a_config_file_overrides_the_meta_tag_but_cannot_chain_another_file() {
        let mut config = RuntimeConfig::parse("product-name=Meta; config-url=config.json");
        config.apply_json(&serde_json::json!({
            "product-name": "File",
            "embedded": true,
            "allowed-origins": ["https://portal.example.com"],
            "config-url": "other.json",
            "unknown": 3
        }));
        assert_eq!(config.product_name, "File");
        assert!(config.embedded);
        assert_eq!(config.allowed_origins, ["https://portal.example.com"]);
        assert_eq!(config.config_url.as_deref(), Some("config.json"));
    }

    #[test]
    fn a_root_mount_has_an_empty_router_base() {
        let config = RuntimeConfig::parse("base-path=/");
        assert_eq!(config.base_path, "/");
        assert_eq!(config.router_base(), "");
    }
}
