//! How the console looks to a user: their system's light or dark setting, which Chromium takes
//! from DevTools' media emulation (chromedriver passes DevTools commands through
//! `goog/cdp/execute`).

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

/// Pages from now on see `prefers-color-scheme: dark` when `dark`, else light.
pub async fn prefer_dark(client: &Client, dark: bool) -> anyhow::Result<()> {
    let scheme = if dark { "dark" } else { "light" };
    client
        .issue_cmd(DevTools {
            method: "Emulation.setEmulatedMedia",
            params: json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        })
        .await?;
    Ok(())
}

/// A DevTools command.
#[derive(Debug)]
struct DevTools {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}
