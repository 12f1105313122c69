//! What a user sees: assertions that wait for the console to get there.

use std::time::{Duration, Instant};

use anyhow::bail;
use fantoccini::Client;

use crate::find::{self, WAIT};

/// Waits until the browser's path (without origin) satisfies `ok`; returns it.
pub async fn path_becomes(
    client: &Client,
    origin: &str,
    what: &str,
    ok: impl Fn(&str) -> bool,
) -> anyhow::Result<String> {
    let deadline = Instant::now() + WAIT;
    loop {
        let url = client.current_url().await?;
        let path = url.as_str().trim_start_matches(origin).to_string();
        if ok(&path) {
            return Ok(path);
        }
        if Instant::now() > deadline {
            bail!("expected the URL to become {what}, but it is {path}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until the page title (the `h1`) reads `expected`.
pub async fn heading_is(client: &Client, expected: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + WAIT;
    loop {
        let text = find::heading(client)
            .await?
            .text()
            .await
            .unwrap_or_default();
        if text.trim() == expected {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("expected the page title {expected:?}, but it is {text:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits for an alert and checks that it says `expected` (a substring).
pub async fn alert_says(client: &Client, expected: &str) -> anyhow::Result<()> {
    let text = find::alert(client).await?.text().await?;
    if !text.contains(expected) {
        bail!("expected an alert saying {expected:?}, but it says {text:?}");
    }
    Ok(())
}

/// Checks that the page's visible text contains `expected`.
pub async fn page_shows(client: &Client, expected: &str) -> anyhow::Result<()> {
    let deadline = Instant::now() + WAIT;
    loop {
        let body = client
            .find(fantoccini::Locator::Css("body"))
            .await?
            .text()
            .await?;
        if body.contains(expected) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("expected the page to show {expected:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until a table row contains `text`.
pub async fn row_shows(client: &Client, text: &str) -> anyhow::Result<()> {
    let path = format!("//tbody/tr[contains(normalize-space(.), '{text}')]");
    client
        .wait()
        .at_most(WAIT)
        .for_element(fantoccini::Locator::XPath(&path))
        .await?;
    Ok(())
}

/// Waits until no table row contains `text` any more.
pub async fn row_gone(client: &Client, text: &str) -> anyhow::Result<()> {
    let path = format!("//tbody/tr[contains(normalize-space(.), '{text}')]");
    let deadline = Instant::now() + WAIT;
    while !client
        .find_all(fantoccini::Locator::XPath(&path))
        .await?
        .is_empty()
    {
        if Instant::now() > deadline {
            bail!("expected no row showing {text:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// Waits for a toast saying `expected` (a substring).
pub async fn toast_says(client: &Client, expected: &str) -> anyhow::Result<()> {
    let path =
        format!("//*[contains(@class, 'toast')][contains(normalize-space(.), '{expected}')]");
    client
        .wait()
        .at_most(WAIT)
        .for_element(fantoccini::Locator::XPath(&path))
        .await?;
    Ok(())
}

/// Checks that the field labelled `label` still holds `expected` (nothing typed was lost).
pub async fn field_holds(client: &Client, label: &str, expected: &str) -> anyhow::Result<()> {
    let value = find::field(client, label)
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    if value != expected {
        bail!("expected the field {label:?} to hold {expected:?}, but it holds {value:?}");
    }
    Ok(())
}

/// Checks that nothing matches `xpath` on the page as it is now (call it after a wait that
/// proves the page has rendered); `why` says what the user should not see.
pub async fn absent(client: &Client, xpath: &str, why: &str) -> anyhow::Result<()> {
    if !client
        .find_all(fantoccini::Locator::XPath(xpath))
        .await?
        .is_empty()
    {
        bail!("{why}");
    }
    Ok(())
}

/// Checks that signing in as `email` with `password` is refused (401), as after deletion.
pub async fn password_is_refused(origin: &str, email: &str, password: &str) -> anyhow::Result<()> {
    let status = reqwest::Client::new()
        .get(format!("{origin}/api/v1/me"))
        .basic_auth(email, Some(password))
        .send()
        .await?
        .status();
    if status != reqwest::StatusCode::UNAUTHORIZED {
        bail!("{email} can still sign in ({status})");
    }
    Ok(())
}

/// Waits (up to 5 s) until `GET /api/v1/me` with `token` is refused with 401, as after a
/// sign-out that revokes it.
pub async fn token_stops_working(origin: &str, token: &str) -> anyhow::Result<()> {
    let http = reqwest::Client::new();
    for _ in 0..50 {
        let status = http
            .get(format!("{origin}/api/v1/me"))
            .bearer_auth(token)
            .send()
            .await?
            .status();
        if status == reqwest::StatusCode::UNAUTHORIZED {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    bail!("the token still works 5 s after sign-out")
}

/// Nothing may stick out sideways: a page wider than the screen scrolls horizontally.
pub async fn fits_the_screen(client: &Client) -> anyhow::Result<()> {
    let width = client
        .execute("return document.documentElement.scrollWidth", vec![])
        .await?;
    let width = width.as_u64().unwrap_or(u64::MAX);
    // The width the page can use, without the vertical scrollbar's.
    let viewport = client
        .execute("return document.documentElement.clientWidth", vec![])
        .await?;
    if Some(width) > viewport.as_u64() {
        bail!("the page is {width} px wide on a {viewport} px screen");
    }
    Ok(())
}
