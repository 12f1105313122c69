//! API tokens: created with the full value shown once, used against the API, then revoked.

use e2e::{Browser, action, check, find, routes, ui};

pub async fn a_service_account_token_works_until_it_is_revoked(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "tyrell", "Tyrell").await?;
    b.open(&ui(&routes::service_account_new("tyrell"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Create service account").await?;
    action::fill(&b.client, "Name", "replicant-ci").await?;
    action::click(&b.client, "Create service account").await?;
    check::heading_is(&b.client, "replicant-ci").await?;

    action::click(&b.client, "New token").await?;
    find::dialog(&b.client).await?;
    action::fill(&b.client, "Token name", "deploy").await?;
    action::fill(&b.client, "Token description", "Deploys flows").await?;
    action::toggle(&b.client, "In 90 days").await?;
    check::page_shows(&b.client, "Sent as maxAge P90D.").await?;
    b.screenshot("create-token").await?;
    action::click(&b.client, "Create token").await?;
    check::page_shows(&b.client, "It will not be shown again.").await?;
    let token = find::field(&b.client, "Full token")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    if !token.starts_with("ksb_") {
        anyhow::bail!("the revealed token looks wrong: {} characters", token.len());
    }
    b.screenshot("token-revealed-once").await?;
    action::click(&b.client, "Copy token").await?;
    action::click(&b.client, "Done").await?;
    check::row_shows(&b.client, "Deploys flows").await?;
    check::row_shows(&b.client, "Active").await?;
    b.screenshot("token-listed").await?;

    let me = format!("{}/api/v1/me", b.origin);
    let status = reqwest::Client::new()
        .get(&me)
        .bearer_auth(&token)
        .send()
        .await?
        .status();
    if !status.is_success() {
        anyhow::bail!("the new token was refused: HTTP {status}");
    }

    action::click(&b.client, "Delete token deploy").await?;
    check::page_shows(&b.client, "Delete token “deploy”?").await?;
    b.screenshot("confirm-delete-token").await?;
    let dialog = find::dialog(&b.client).await?;
    dialog
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Delete token']",
        ))
        .await?
        .click()
        .await?;
    check::toast_says(&b.client, "Token “deploy” deleted").await?;
    check::page_shows(&b.client, "No tokens yet.").await?;
    let status = reqwest::Client::new()
        .get(&me)
        .bearer_auth(&token)
        .send()
        .await?
        .status();
    if status != reqwest::StatusCode::UNAUTHORIZED {
        anyhow::bail!("the revoked token still works: HTTP {status}");
    }
    b.screenshot("token-revoked").await
}

pub async fn admin_manages_their_own_tokens_from_the_user_menu(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "soylent", "Soylent").await?;
    b.open(&ui(&routes::tenant_home("soylent"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    find::link(&b.client, "My API tokens")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "My API tokens").await?;
    action::click(&b.client, "New token").await?;
    action::fill(&b.client, "Token name", "laptop").await?;
    action::toggle(&b.client, "In 7 days").await?;
    action::click(&b.client, "Create token").await?;
    check::page_shows(&b.client, "It will not be shown again.").await?;
    // A stray Escape before copying asks first, and going back keeps the token.
    find::dialog(&b.client)
        .await?
        .send_keys(e2e::action::key::ESCAPE)
        .await?;
    check::page_shows(&b.client, "You have not copied this token").await?;
    b.screenshot("escape-asks-first").await?;
    action::click(&b.client, "Back to the token").await?;
    action::click(&b.client, "Copy token").await?;
    action::click(&b.client, "Done").await?;
    check::row_shows(&b.client, "laptop").await?;
    b.screenshot("my-tokens").await
}
