//! Managing the instance's tenants (instance owners).

use e2e::{Browser, action, check, find, routes, ui};

pub async fn admin_creates_a_tenant_and_switches_to_it(b: &mut Browser) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "umbrella-corp", "Umbrella").await?;
    b.open(&ui(&routes::tenants("umbrella-corp"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Tenants").await?;
    check::row_shows(&b.client, "umbrella-corp").await?;
    b.screenshot("tenant-list").await?;

    find::link(&b.client, "Create tenant")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Create tenant").await?;
    action::fill(&b.client, "Id", "Bad Id").await?;
    check::page_shows(&b.client, "Use lowercase letters, digits").await?;
    b.screenshot("id-rule-as-typed").await?;
    action::fill(&b.client, "Id", "cyberdyne").await?;
    action::fill(&b.client, "Name", "Cyberdyne Systems").await?;
    action::fill(&b.client, "Worker group", "gpu").await?;
    b.screenshot("create-form-filled").await?;
    action::click(&b.client, "Create tenant").await?;

    check::toast_says(&b.client, "Tenant “Cyberdyne Systems” created").await?;
    b.screenshot("tenant-created").await?;
    find::link(&b.client, "Switch to Cyberdyne Systems")
        .await?
        .click()
        .await?;
    check::path_becomes(&b.client, &b.origin, "the new tenant", |p| {
        p == ui(&routes::tenant_home("cyberdyne"))
    })
    .await?;
    check::page_shows(&b.client, "Cyberdyne Systems").await?;
    b.screenshot("switched-to-new-tenant").await?;

    // Deleting asks first, and only after typing the tenant's id.
    b.open(&ui(&routes::tenant("cyberdyne", "umbrella-corp")))
        .await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Umbrella").await?;
    action::click(&b.client, "Delete tenant").await?;
    check::page_shows(&b.client, "Delete tenant “Umbrella”?").await?;
    let confirm = find::dialog(&b.client).await?;
    let confirm_button = confirm
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Delete tenant']",
        ))
        .await?;
    if confirm_button.attr("disabled").await?.is_none() {
        anyhow::bail!("the delete button is enabled before the id is typed");
    }
    action::fill(&b.client, "Type umbrella-corp to confirm", "umbrella-corp").await?;
    b.screenshot("confirm-delete-tenant").await?;
    confirm_button.click().await?;
    check::toast_says(&b.client, "Tenant “Umbrella” deleted").await?;
    check::row_gone(&b.client, "umbrella-corp").await?;
    b.screenshot("tenant-deleted").await
}
