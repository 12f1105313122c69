//! Bad input: each mistake gets a clear message next to the field, and nothing typed is lost.

use e2e::{Browser, action, check, find, routes, ui};

pub async fn a_duplicate_email_is_explained_and_the_form_is_kept(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "acme-dup", "Acme").await?;
    e2e::seed::user(&b.origin, "wile@acme.test", "Wile", "Coyote", &["acme-dup"]).await?;
    b.open(&ui(&routes::user_new("acme-dup"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Create user").await?;
    action::fill(&b.client, "Email", "wile@acme.test").await?;
    action::fill(&b.client, "First name", "Wile E.").await?;
    action::click(&b.client, "Create user").await?;
    check::toast_says(&b.client, "Could not create the user").await?;
    check::alert_says(&b.client, "wile@acme.test").await?;
    check::field_holds(&b.client, "Email", "wile@acme.test").await?;
    check::field_holds(&b.client, "First name", "Wile E.").await?;
    b.screenshot("duplicate-email").await
}

pub async fn an_invalid_service_account_name_is_refused_as_typed(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "acme-sa", "Acme").await?;
    b.open(&ui(&routes::service_account_new("acme-sa"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Create service account").await?;
    action::fill(&b.client, "Name", "CI Bot").await?;
    action::fill(&b.client, "Description", "Runs the pipeline").await?;
    check::page_shows(&b.client, "Use lowercase letters and digits").await?;
    action::click(&b.client, "Create service account").await?;
    check::heading_is(&b.client, "Create service account").await?;
    check::field_holds(&b.client, "Name", "CI Bot").await?;
    check::field_holds(&b.client, "Description", "Runs the pipeline").await?;
    b.screenshot("invalid-name").await
}

pub async fn a_past_expiry_date_is_refused_as_picked(b: &mut Browser) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "acme-dur", "Acme").await?;
    b.open(&ui(&routes::my_tokens("acme-dur"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "My API tokens").await?;
    action::click(&b.client, "New token").await?;
    action::fill(&b.client, "Token name", "cron").await?;
    action::toggle(&b.client, "On a date").await?;
    // A date input takes typed digits in the browser's locale order: set it as a pick does.
    let date = find::field(&b.client, "Expiry date").await?;
    b.client
        .execute(
            "arguments[0].value = '2020-01-01'; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![serde_json::to_value(&date)?],
        )
        .await?;
    check::page_shows(&b.client, "Pick a date after today.").await?;
    action::click(&b.client, "Create token").await?;
    check::field_holds(&b.client, "Token name", "cron").await?;
    check::field_holds(&b.client, "Expiry date", "2020-01-01").await?;
    b.screenshot("past-expiry-date").await
}

pub async fn a_server_down_mid_submit_loses_nothing(b: &mut Browser) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "acme-down", "Acme").await?;
    b.open(&ui(&routes::user_new("acme-down"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Create user").await?;
    action::fill(&b.client, "Email", "road@acme.test").await?;
    action::fill(&b.client, "First name", "Road").await?;
    action::fill(&b.client, "Last name", "Runner").await?;
    action::cut_network(&b.client).await?;
    action::click(&b.client, "Create user").await?;
    check::toast_says(&b.client, "The server cannot be reached").await?;
    check::field_holds(&b.client, "Email", "road@acme.test").await?;
    check::field_holds(&b.client, "Last name", "Runner").await?;
    b.screenshot("server-down").await?;
    action::restore_network(&b.client).await?;
    action::click(&b.client, "Create user").await?;
    check::toast_says(&b.client, "User road@acme.test created").await?;
    check::heading_is(&b.client, "Road Runner").await
}

pub async fn a_name_with_markup_shows_as_text(b: &mut Browser) -> anyhow::Result<()> {
    const MARKUP: &str = "<img src=x onerror=alert(1)>";
    e2e::seed::tenant(&b.origin, "acme-xss", "Acme").await?;
    e2e::seed::user(&b.origin, "xss@acme.test", MARKUP, "Smith", &["acme-xss"]).await?;
    b.open(&ui(&routes::users("acme-xss"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::row_shows(&b.client, "onerror=alert(1)").await?;
    find::link(&b.client, &format!("{MARKUP} Smith"))
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, &format!("{MARKUP} Smith")).await?;
    let images = b.client.find_all(fantoccini::Locator::Css("img")).await?;
    if !images.is_empty() {
        anyhow::bail!("the name was rendered as markup");
    }
    b.screenshot("markup-as-text").await
}
