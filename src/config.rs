//! Runtime settings, read once when the app starts, so that one built `dist/` works behind the
//! sandbox, next to a real Kestra behind a reverse proxy, or under another prefix in a portal.
//!
//! They come from `<meta name="kestra-admin-config" content="api-base=https://kestra.example.com;
//! base-path=/ui/">` in index.html: `key=value` pairs separated by `;`. Every key is optional.

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
}

impl Default for RuntimeConfig {
    fn default() -> Self {
        RuntimeConfig {
            api_base: String::new(),
            base_path: "/ui/".into(),
            product_name: "Kestra Admin".into(),
        }
    }
}

impl RuntimeConfig {
    /// Parses the meta tag's `content`; unknown keys are ignored so that older consoles accept
    /// newer deployments' settings.
    pub fn parse(content: &str) -> RuntimeConfig {
        let mut config = RuntimeConfig::default();
        for pair in content.split(';') {
            let Some((key, value)) = pair.split_once('=') else {
                continue;
            };
            let value = value.trim();
            match key.trim() {
                "api-base" => config.api_base = value.trim_end_matches('/').to_string(),
                "base-path" if !value.is_empty() => {
                    let trimmed = value.trim_matches('/');
                    config.base_path = if trimmed.is_empty() {
                        "/".into()
                    } else {
                        format!("/{trimmed}/")
                    };
                }
                "product-name" if !value.is_empty() => config.product_name = value.to_string(),
                _ => {}
            }
        }
        config
    }

    /// Reads the settings from the document's meta tag, or the defaults when there is none.
    pub fn from_document() -> RuntimeConfig {
        use wasm_bindgen::JsCast;
        let content = leptos::prelude::document()
            .query_selector("meta[name=\"kestra-admin-config\"]")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlMetaElement>().ok())
            .map(|meta| meta.content())
            .unwrap_or_default();
        RuntimeConfig::parse(&content)
    }

    /// The router's base: the base path without its trailing slash (`/ui`), empty at the root.
    pub fn router_base(&self) -> String {
        self.base_path.trim_end_matches('/').to_string()
    }
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
    fn a_root_mount_has_an_empty_router_base() {
        let config = RuntimeConfig::parse("base-path=/");
        assert_eq!(config.base_path, "/");
        assert_eq!(config.router_base(), "");
    }
}
