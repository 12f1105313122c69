//! Managing the people who may use a tenant.

use e2e::{Browser, action, check, find, routes, ui};

pub async fn admin_creates_a_user_sets_their_password_and_they_sign_in(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "wayne", "Wayne Enterprises").await?;
    b.open(&ui(&routes::users("wayne"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Users").await?;
    find::link(&b.client, "Create user").await?.click().await?;
    check::heading_is(&b.client, "Create user").await?;
    action::fill(&b.client, "Email", "lucius@wayne.test").await?;
    action::fill(&b.client, "First name", "Lucius").await?;
    action::fill(&b.client, "Last name", "Fox").await?;
    b.screenshot("create-user-form").await?;
    action::click(&b.client, "Create user").await?;
    check::toast_says(&b.client, "User lucius@wayne.test created").await?;
    check::heading_is(&b.client, "Lucius Fox").await?;
    b.screenshot("user-overview").await?;

    action::click(&b.client, "Authentication").await?;
    check::page_shows(&b.client, "cannot sign in until a password is set").await?;
    action::fill(&b.client, "New password", "Lucius-pass-1").await?;
    action::click(&b.client, "Set password").await?;
    check::toast_says(&b.client, "Password set").await?;
    check::page_shows(&b.client, "Basic authentication").await?;
    b.screenshot("password-set").await?;

    action::click(&b.client, "Access").await?;
    check::page_shows(&b.client, "Roles in this tenant").await?;
    b.screenshot("access-tab").await?;

    action::start_afresh(&b.client, &b.origin, &ui(&routes::tenant_home("wayne"))).await?;
    action::sign_in_with_password(&b.client, "lucius@wayne.test", "Lucius-pass-1").await?;
    check::path_becomes(&b.client, &b.origin, "the tenant's overview", |p| {
        p == ui(&routes::tenant_home("wayne"))
    })
    .await?;
    check::page_shows(&b.client, "Lucius Fox").await?;
    b.screenshot("signed-in-as-new-user").await
}

pub async fn admin_grants_and_revokes_access_and_invites_an_unknown_email(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "stark", "Stark Industries").await?;
    e2e::seed::user(&b.origin, "pepper@stark.test", "Pepper", "Potts", &[]).await?;
    b.open(&ui(&routes::users("stark"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Users").await?;
    action::fill(&b.client, "Give access by email", "pepper@stark.test").await?;
    action::click(&b.client, "Give access").await?;
    check::toast_says(&b.client, "pepper@stark.test may now use this tenant").await?;
    check::row_shows(&b.client, "Pepper Potts").await?;
    b.screenshot("access-granted").await?;

    find::link(&b.client, "Pepper Potts").await?.click().await?;
    check::heading_is(&b.client, "Pepper Potts").await?;
    action::click(&b.client, "Access").await?;
    action::click(&b.client, "Revoke access").await?;
    check::page_shows(&b.client, "Revoke Pepper Potts’s access to stark?").await?;
    b.screenshot("confirm-revoke").await?;
    let dialog = find::dialog(&b.client).await?;
    dialog
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Revoke access']",
        ))
        .await?
        .click()
        .await?;
    check::toast_says(&b.client, "Pepper Potts may no longer use this tenant").await?;
    check::heading_is(&b.client, "Users").await?;
    check::row_gone(&b.client, "Pepper Potts").await?;
    b.screenshot("access-revoked").await?;

    // An email without an account is offered an invitation in place.
    action::fill(&b.client, "Give access by email", "happy@stark.test").await?;
    action::click(&b.client, "Give access").await?;
    check::page_shows(
        &b.client,
        "No one has an account with happy@stark.test yet.",
    )
    .await?;
    check::field_holds(&b.client, "Give access by email", "happy@stark.test").await?;
    b.screenshot("unknown-email-offers-an-invitation").await?;
    action::click(&b.client, "Send an invitation").await?;
    check::toast_says(&b.client, "Invitation sent to happy@stark.test").await?;
    let invitations = e2e::seed::Admin::new(&b.origin)
        .get("stark/invitations/search?size=10")
        .await?;
    anyhow::ensure!(
        invitations["results"][0]["email"] == "happy@stark.test",
        "the invitation was sent: {invitations}"
    );
    Ok(())
}

pub async fn a_tenant_admin_sees_users_read_only_and_manages_service_accounts(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "pied-piper", "Pied Piper").await?;
    let gavin = e2e::seed::user(
        &b.origin,
        "gavin@piedpiper.test",
        "Gavin",
        "Belson",
        &["pied-piper"],
    )
    .await?;
    let gavin_id = gavin["id"].as_str().unwrap_or_default().to_string();
    e2e::seed::make_tenant_admin(&b.origin, "pied-piper", &gavin_id).await?;

    b.open(&ui(&routes::users("pied-piper"))).await?;
    action::sign_in_with_password(&b.client, "gavin@piedpiper.test", "User-pass-1").await?;
    check::heading_is(&b.client, "Users").await?;
    check::row_shows(&b.client, "Gavin Belson").await?;
    if !b
        .client
        .find_all(fantoccini::Locator::XPath(
            "//a[normalize-space(.)='Create user']",
        ))
        .await?
        .is_empty()
    {
        anyhow::bail!("a tenant admin is offered to create users, which only instance owners may");
    }
    if !b
        .client
        .find_all(fantoccini::Locator::XPath(
            "//nav//a[normalize-space(.)='Tenants']",
        ))
        .await?
        .is_empty()
    {
        anyhow::bail!("a tenant admin sees the instance's Tenants section");
    }
    find::row_link(&b.client, "Gavin Belson")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Gavin Belson").await?;
    check::page_shows(&b.client, "Only instance owners can change this").await?;
    b.screenshot("overview-read-only").await?;

    find::link(&b.client, "Service accounts")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Service accounts").await?;
    find::link(&b.client, "Create service account")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Create service account").await?;
    action::fill(&b.client, "Name", "piper-ci").await?;
    action::click(&b.client, "Create service account").await?;
    check::heading_is(&b.client, "piper-ci").await?;
    find::link(&b.client, "← Service accounts")
        .await?
        .click()
        .await?;
    check::row_shows(&b.client, "piper-ci").await?;
    b.screenshot("tenant-view-of-service-accounts").await
}

pub async fn admin_puts_a_user_in_a_group_and_removes_their_password(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "dunder", "Dunder Mifflin").await?;
    e2e::seed::group(&b.origin, "dunder", "Sales").await?;
    let jim = e2e::seed::user(&b.origin, "jim@dunder.test", "Jim", "Halpert", &["dunder"]).await?;
    let id = jim["id"].as_str().unwrap_or_default();
    b.open(&ui(&routes::user("dunder", id))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Jim Halpert").await?;

    action::click(&b.client, "Groups").await?;
    action::pick(&b.client, "Add group", "sal", "Sales").await?;
    action::click(&b.client, "Save groups").await?;
    check::toast_says(&b.client, "Groups saved").await?;
    b.screenshot("in-a-group").await?;

    action::click(&b.client, "Authentication").await?;
    action::click(&b.client, "Remove Basic authentication").await?;
    check::page_shows(&b.client, "Remove Basic authentication?").await?;
    b.screenshot("confirm-remove-password").await?;
    let dialog = find::dialog(&b.client).await?;
    dialog
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Remove']",
        ))
        .await?
        .click()
        .await?;
    check::toast_says(&b.client, "Basic authentication removed").await?;
    check::page_shows(&b.client, "cannot sign in until a password is set").await?;
    b.screenshot("password-removed").await
}

pub async fn a_reload_keeps_the_user_tab_that_was_open(b: &mut Browser) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "vance", "Vance Refrigeration").await?;
    let bob = e2e::seed::user(&b.origin, "bob@vance.test", "Bob", "Vance", &["vance"]).await?;
    let id = bob["id"].as_str().unwrap_or_default();
    b.open(&ui(&routes::user("vance", id))).await?;
    // Remembered, so the reload below keeps the session and shows the page straight away.
    action::tick_remember_me(&b.client).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Bob Vance").await?;
    find::selected_tab(&b.client, "Overview").await?;
    b.screenshot("overview-tab").await?;

    action::click(&b.client, "Groups").await?;
    find::selected_tab(&b.client, "Groups").await?;
    check::path_becomes(&b.client, &b.origin, "the groups tab's URL", |p| {
        p == ui(&routes::user_tab("vance", id, routes::UserTab::Groups))
    })
    .await?;
    b.screenshot("groups-tab").await?;

    b.client.refresh().await?;
    check::heading_is(&b.client, "Bob Vance").await?;
    find::selected_tab(&b.client, "Groups").await?;
    find::button(&b.client, "Save groups").await?;
    b.screenshot("groups-tab-after-reload").await
}
