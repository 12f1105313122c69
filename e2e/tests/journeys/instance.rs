//! The instance section: every person of the instance, for instance owners only.

use e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD};
use e2e::{Browser, action, check, find, routes, seed, ui};
use serde_json::json;

pub async fn an_instance_owner_finds_a_person_without_tenant_grants_restricts_and_deletes_them(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "offboarding", "Offboarding Co")
        .await
        .ok();
    let email = "olga.offboard@example.com";
    seed::user(&b.origin, email, "Olga", "Offboard", &[]).await?;

    b.open(&ui(&routes::instance_people("offboarding"))).await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::heading_is(&b.client, "People of the instance").await?;
    action::fill(&b.client, "Search people", "olga.off").await?;
    check::row_shows(&b.client, "Olga Offboard").await?;
    check::row_gone(&b.client, ADMIN_EMAIL).await?;
    b.screenshot("people-of-the-instance").await?;

    find::link(&b.client, "Olga Offboard")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Olga Offboard").await?;
    action::click(&b.client, "Give access to Offboarding Co").await?;
    check::toast_says(&b.client, "Access given").await?;
    find::button(&b.client, "Take away access to Offboarding Co").await?;

    // An email another account uses is named at the field, and what was typed stays.
    action::fill(&b.client, "Email", ADMIN_EMAIL).await?;
    action::fill(&b.client, "Last name", "Offboarded").await?;
    action::click(&b.client, "Save").await?;
    check::page_shows(&b.client, "A user with this email already exists").await?;
    check::field_holds(&b.client, "Last name", "Offboarded").await?;
    b.screenshot("email-in-use").await?;
    action::fill(&b.client, "Email", email).await?;
    action::click(&b.client, "Save").await?;
    check::toast_says(&b.client, "User saved").await?;

    action::toggle(&b.client, "Restricted (what Kestra calls a demo account)").await?;
    action::click(&b.client, "Save restriction").await?;
    check::toast_says(&b.client, "Saved").await?;
    check::page_shows(&b.client, "· Restricted").await?;
    b.screenshot("person-with-access-and-restricted").await?;

    check::heading_is(&b.client, "Olga Offboarded").await?;
    action::click(&b.client, "Delete person").await?;
    let dialog = find::dialog(&b.client).await?;
    check::page_shows(&b.client, "They lose access to Offboarding Co.").await?;
    action::fill(&b.client, &format!("Type {email} to confirm"), email).await?;
    b.screenshot("delete-confirmation").await?;
    dialog
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Delete person']",
        ))
        .await?
        .click()
        .await?;
    check::toast_says(&b.client, "Person deleted").await?;
    check::heading_is(&b.client, "People of the instance").await?;
    check::password_is_refused(&b.origin, email, "User-pass-1").await?;
    b.screenshot("deleted").await
}

pub async fn a_tenant_admin_sees_no_instance_section_and_its_urls_are_not_allowed(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "no-instance", "No Instance")
        .await
        .ok();
    let tara = seed::user(
        &b.origin,
        "tara.tenant@example.com",
        "Tara",
        "Tenant",
        &["no-instance"],
    )
    .await?;
    let id = tara["id"].as_str().unwrap_or_default().to_owned();
    seed::make_tenant_admin(&b.origin, "no-instance", &id).await?;

    b.open(&ui(&routes::users("no-instance"))).await?;
    action::sign_in_with_password(&b.client, "tara.tenant@example.com", "User-pass-1").await?;
    check::heading_is(&b.client, "Users").await?;
    check::absent(
        &b.client,
        "//nav//a[normalize-space(.)='All people']",
        "the instance section in a tenant admin's navigation",
    )
    .await?;
    b.visit(&ui(&routes::instance_people("no-instance")))
        .await?;
    check::heading_is(&b.client, "Not allowed").await?;
    b.screenshot("not-allowed").await?;
    // Creating a person is the instance's business too: refused before any form.
    b.visit(&ui(&routes::user_new("no-instance"))).await?;
    check::heading_is(&b.client, "Not allowed").await?;
    check::absent(
        &b.client,
        "//input[@type='email']",
        "the create-user form for a tenant admin",
    )
    .await?;
    b.screenshot("create-user-not-allowed").await
}

pub async fn an_instance_owner_finds_a_service_account_no_tenant_uses_and_deletes_it(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "offboarding", "Offboarding Co")
        .await
        .ok();
    seed::Admin::new(&b.origin)
        .post(
            "service-accounts",
            json!({ "name": "orphan-bot", "description": "Left over from a migration" }),
        )
        .await?;

    b.open(&ui(&routes::instance_service_accounts("offboarding")))
        .await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::heading_is(&b.client, "Service accounts of the instance").await?;
    check::row_shows(&b.client, "orphan-bot").await?;
    b.screenshot("service-accounts-of-the-instance").await?;

    find::link(&b.client, "orphan-bot").await?.click().await?;
    check::heading_is(&b.client, "orphan-bot").await?;
    check::page_shows(&b.client, "No tenant uses it.").await?;
    b.screenshot("service-account-in-no-tenant").await?;

    action::click(&b.client, "Delete service account").await?;
    let dialog = find::dialog(&b.client).await?;
    action::fill(&b.client, "Type orphan-bot to confirm", "orphan-bot").await?;
    dialog
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Delete service account']",
        ))
        .await?
        .click()
        .await?;
    check::toast_says(&b.client, "Service account deleted").await?;
    check::heading_is(&b.client, "Service accounts of the instance").await?;
    check::row_gone(&b.client, "orphan-bot").await?;
    b.screenshot("service-account-deleted").await
}
