//! What a user does: each function is one user action, written with `find`.

use fantoccini::Client;

use crate::find;

/// Types `text` into the field labelled `label`, replacing what was there.
pub async fn fill(client: &Client, label: &str, text: &str) -> anyhow::Result<()> {
    let field = find::field(client, label).await?;
    field.clear().await?;
    field.send_keys(text).await?;
    Ok(())
}

/// Clicks the button named `name`.
pub async fn click(client: &Client, name: &str) -> anyhow::Result<()> {
    find::button(client, name).await?.click().await?;
    Ok(())
}

/// Signs in on the sign-in page with an email and a password.
pub async fn sign_in_with_password(
    client: &Client,
    email: &str,
    password: &str,
) -> anyhow::Result<()> {
    click(client, "Password").await?;
    fill(client, "Email", email).await?;
    fill(client, "Password", password).await?;
    click(client, "Sign in").await
}

/// WebDriver's codes for the keys a keyboard user presses (W3C WebDriver, "keyboard actions").
pub mod key {
    pub const ENTER: &str = "\u{E007}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const ARROW_DOWN: &str = "\u{E015}";
    pub const ARROW_UP: &str = "\u{E013}";
}

/// Switches tenant with the keyboard only: focus the tenant button, open it with the down
/// arrow, type to filter, pick with Enter.
pub async fn switch_tenant_with_keyboard(client: &Client, filter: &str) -> anyhow::Result<()> {
    let picker = find::tenant_picker(client).await?;
    picker.send_keys(key::ARROW_DOWN).await?;
    let input = find::field(client, "Filter tenants").await?;
    input.send_keys(filter).await?;
    input.send_keys(key::ENTER).await?;
    Ok(())
}

/// Ticks the "remember me" box on the sign-in page.
pub async fn tick_remember_me(client: &Client) -> anyhow::Result<()> {
    find::field(client, "Remember me on this device")
        .await?
        .click()
        .await?;
    Ok(())
}

/// Picks the suggestion `choice` after typing `text` into the type-ahead labelled `label`.
pub async fn pick(client: &Client, label: &str, text: &str, choice: &str) -> anyhow::Result<()> {
    let input = find::field(client, label).await?;
    input.send_keys(text).await?;
    // Suggestions are re-rendered as each keystroke's answer arrives, so the option found may
    // be replaced before the click lands: find it again until the click sticks.
    let mut attempts = 0;
    loop {
        let result = async {
            find::option(client, choice)
                .await?
                .click()
                .await
                .map_err(anyhow::Error::from)
        }
        .await;
        match result {
            Ok(()) => return Ok(()),
            Err(_) if attempts < 20 => {
                attempts += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(error) => return Err(error),
        }
    }
}

/// Signs in as the e2e instance owner from wherever the browser is.
pub async fn sign_in_as_admin(client: &Client) -> anyhow::Result<()> {
    sign_in_with_password(
        client,
        crate::harness::ADMIN_EMAIL,
        crate::harness::ADMIN_PASSWORD,
    )
    .await
}

/// Signs in on the sign-in page with an API token.
pub async fn sign_in_with_token(client: &Client, token: &str) -> anyhow::Result<()> {
    click(client, "API token").await?;
    fill(client, "API token", token).await?;
    click(client, "Sign in").await
}

/// Makes every request of the console fail as if the server were down (the page's `fetch`
/// rejects, which is what a browser does when nothing answers), until `restore_network`.
pub async fn cut_network(client: &Client) -> anyhow::Result<()> {
    client
        .execute(
            "if (!window.__e2eFetch) { window.__e2eFetch = window.fetch; } \
             window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));",
            vec![],
        )
        .await?;
    Ok(())
}

/// Undoes `cut_network`.
pub async fn restore_network(client: &Client) -> anyhow::Result<()> {
    client
        .execute(
            "if (window.__e2eFetch) { window.fetch = window.__e2eFetch; }",
            vec![],
        )
        .await?;
    Ok(())
}

/// Forgets the browser's sign-in and opens `path` as a new visitor would (credentials live in
/// memory and, with "remember me", in localStorage: a reload plus a cleared storage is a
/// fresh browser context for the console).
pub async fn start_afresh(client: &Client, origin: &str, path: &str) -> anyhow::Result<()> {
    client
        .execute("localStorage.clear(); sessionStorage.clear();", vec![])
        .await?;
    client.goto(&format!("{origin}{path}")).await?;
    Ok(())
}

/// Picks the option showing `option` in the drop-down labelled `label`.
pub async fn choose(client: &Client, label: &str, option: &str) -> anyhow::Result<()> {
    let select = find::field(client, label).await?;
    select
        .find(fantoccini::Locator::XPath(&format!(
            ".//option[normalize-space(.)='{option}']"
        )))
        .await?
        .click()
        .await?;
    Ok(())
}

/// Ticks or unticks the checkbox named `name` (its label or `aria-label`).
pub async fn toggle(client: &Client, name: &str) -> anyhow::Result<()> {
    find::field(client, name).await?.click().await?;
    Ok(())
}

/// Presses the button `name` in the open dialog (a page may show the same words outside it).
pub async fn confirm(client: &Client, name: &str) -> anyhow::Result<()> {
    find::dialog(client)
        .await?
        .find(fantoccini::Locator::XPath(&format!(
            ".//button[normalize-space(.)={}]",
            find::literal(name)
        )))
        .await?
        .click()
        .await?;
    Ok(())
}
