//! Managing the instance's tenants (instance owners).

use e2e::{Browser, action, check, find, routes, ui};
use serde_json::json;

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
    action::pick(&b.client, "Add worker tag", "gpu", "gpu").await?;
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

/// Every field Kestra's document defines for a tenant, with a realistic value each.
fn tenant_with_every_field(id: &str) -> serde_json::Value {
    json!({
        "id": id, "name": "Acme EU", "deleted": false,
        "storageIsolation": {"enabled": true, "deniedServices": ["WORKER"]},
        "secretIsolation": {"enabled": false, "deniedServices": []},
        "defaultWorkerSelector": {"tags": ["eu", "gpu"], "match": "ANY", "fallback": "WAIT"},
        "concurrency": {"limit": 20, "behavior": "QUEUE"},
        "storageType": "s3",
        "storageConfiguration": {"bucket": {"name": "acme-eu"}, "region": {"id": "eu-west-1"}},
        "secretType": "vault", "secretReadOnly": true,
        "secretConfiguration": {"address": {"url": "https://vault.acme:8200"}},
        "requireExistingNamespace": true, "outputsInInternalStorage": true,
        "appCatalogConfig": {"title": "Acme apps", "titleColor": "#111111", "primaryColor": "#0b7a75",
            "backgroundColor": "#ffffff", "tileColor": "#eeeeee", "buttonTextColor": "#000000"},
        "settings": {"dashboard": {}},
        "sdkDefaultAuthentication": {"username": "acme-sdk"},
        "quotas": [{"duration": "P1D", "limit": 500, "behavior": "FAIL"}]
    })
}

pub async fn renaming_a_tenant_keeps_every_other_setting(b: &mut Browser) -> anyhow::Result<()> {
    let sent = tenant_with_every_field("acme-eu");
    let admin = e2e::seed::Admin::new(&b.origin);
    admin.post("tenants", sent.clone()).await?;
    b.open(&ui(&routes::tenant("acme-eu", "acme-eu"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Acme EU").await?;
    check::page_shows(&b.client, "gpu").await?;
    check::field_holds(&b.client, "Concurrency limit", "20").await?;
    check::field_holds(&b.client, "Storage backend type", "s3").await?;
    b.screenshot("tenant-settings").await?;

    action::fill(&b.client, "Name", "Acme Europe").await?;
    action::click(&b.client, "Save").await?;
    check::toast_says(&b.client, "Tenant saved").await?;
    b.screenshot("tenant-renamed").await?;

    let saved = admin.get("tenants/acme-eu").await?;
    let mut expected = sent;
    expected["name"] = json!("Acme Europe");
    if saved != expected {
        anyhow::bail!("the save changed more than the name:\nsent  {expected}\nsaved {saved}");
    }

    // Bad input is named at its field, keeps what was typed, and sends nothing.
    action::fill(&b.client, "At most", "0").await?;
    check::page_shows(&b.client, "A quota must allow at least 1 execution.").await?;
    action::pick(&b.client, "Add worker tag", "Not_A_Label", "not_a_label").await?;
    check::page_shows(&b.client, "is not a valid tag").await?;
    // A blank type (WebDriver's clear() alone sends no input event, so a space stands for it).
    action::fill(&b.client, "Secret backend type", " ").await?;
    check::page_shows(&b.client, "Choose the backend's type").await?;
    action::click(&b.client, "Save").await?;
    check::field_holds(&b.client, "At most", "0").await?;
    b.screenshot("tenant-bad-input").await?;
    let unchanged = admin.get("tenants/acme-eu").await?;
    if unchanged != expected {
        anyhow::bail!("a save with bad input changed the tenant: {unchanged}");
    }
    Ok(())
}
