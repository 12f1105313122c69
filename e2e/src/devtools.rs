//! Chromium's DevTools protocol through chromedriver (`POST /session/{id}/goog/cdp/execute`),
//! for what WebDriver cannot do: losing the network for some files only (the journeys), the
//! browser's version and its own figures (the browser bench).

use fantoccini::Client;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

/// One DevTools command, sent to the page of the WebDriver session.
#[derive(Debug)]
struct Cdp {
    method: String,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Sends one DevTools command (e.g. `Browser.getVersion`) and returns its result.
pub async fn cdp(client: &Client, method: &str, params: Value) -> anyhow::Result<Value> {
    let method = method.to_string();
    Ok(client.issue_cmd(Cdp { method, params }).await?)
}

/// From now on every request whose URL matches one of `patterns` (`*` matches anything) fails
/// as if the network were down, and nothing comes from the browser's cache instead, until
/// `unblock`. An empty list unblocks.
pub async fn block(client: &Client, patterns: &[&str]) -> anyhow::Result<()> {
    cdp(client, "Network.enable", json!({})).await?;
    let cache_disabled = json!({ "cacheDisabled": !patterns.is_empty() });
    cdp(client, "Network.setCacheDisabled", cache_disabled).await?;
    cdp(
        client,
        "Network.setBlockedURLs",
        json!({ "urls": patterns }),
    )
    .await?;
    Ok(())
}

/// Undoes `block`.
pub async fn unblock(client: &Client) -> anyhow::Result<()> {
    block(client, &[]).await
}
