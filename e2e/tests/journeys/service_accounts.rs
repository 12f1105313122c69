//! Managing service accounts.

use e2e::{Browser, action, check, find, routes, ui};

pub async fn admin_creates_edits_and_deletes_a_service_account(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "oscorp", "Oscorp").await?;
    b.open(&ui(&routes::service_accounts("oscorp"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Service accounts").await?;
    find::link(&b.client, "Create service account")
        .await?
        .click()
        .await?;
    action::fill(&b.client, "Name", "nightly-build").await?;
    action::fill(&b.client, "Description", "Builds at night").await?;
    action::click(&b.client, "Create service account").await?;
    check::toast_says(&b.client, "Service account “nightly-build” created").await?;
    check::heading_is(&b.client, "nightly-build").await?;
    action::fill(&b.client, "Description", "Builds every night").await?;
    action::click(&b.client, "Save").await?;
    check::toast_says(&b.client, "Service account saved").await?;
    b.screenshot("service-account-saved").await?;

    action::click(&b.client, "Delete service account").await?;
    check::page_shows(&b.client, "Delete service account “nightly-build”?").await?;
    b.screenshot("confirm-delete").await?;
    let dialog = find::dialog(&b.client).await?;
    dialog
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Delete service account']",
        ))
        .await?
        .click()
        .await?;
    check::toast_says(&b.client, "Service account “nightly-build” deleted").await?;
    check::heading_is(&b.client, "Service accounts").await?;
    check::row_gone(&b.client, "nightly-build").await?;
    b.screenshot("deleted").await
}
