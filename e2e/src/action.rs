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
