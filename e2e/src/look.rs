//! How the console looks to a user: their system's light or dark setting, which Chromium takes
//! from DevTools' media emulation.

use fantoccini::Client;
use serde_json::json;

use crate::devtools;

/// Pages from now on see `prefers-color-scheme: dark` when `dark`, else light.
pub async fn prefer_dark(client: &Client, dark: bool) -> anyhow::Result<()> {
    let scheme = if dark { "dark" } else { "light" };
    let features = json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
    devtools::cdp(client, "Emulation.setEmulatedMedia", features).await?;
    Ok(())
}
