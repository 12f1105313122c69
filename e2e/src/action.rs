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
