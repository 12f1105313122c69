//! Managing the people who may use a tenant.

use e2e::{Browser, action, check, find};

pub async fn admin_creates_a_user_sets_their_password_and_they_sign_in(
    b: &mut Browser,
) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "wayne", "Wayne Enterprises").await?;
    b.open("/ui/wayne/admin/users").await?;
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

    action::start_afresh(&b.client, &b.origin, "/ui/wayne/admin").await?;
    action::sign_in_with_password(&b.client, "lucius@wayne.test", "Lucius-pass-1").await?;
    check::path_becomes(&b.client, &b.origin, "the tenant's overview", |p| {
        p == "/ui/wayne/admin"
    })
    .await?;
    check::page_shows(&b.client, "Lucius Fox").await?;
    b.screenshot("signed-in-as-new-user").await
}

pub async fn admin_grants_and_revokes_access_to_the_tenant(b: &mut Browser) -> anyhow::Result<()> {
    e2e::seed::tenant(&b.origin, "stark", "Stark Industries").await?;
    e2e::seed::user(&b.origin, "pepper@stark.test", "Pepper", "Potts", &[]).await?;
    b.open("/ui/stark/admin/users").await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Users").await?;
    action::fill(&b.client, "Grant access by email", "pepper@stark.test").await?;
    action::click(&b.client, "Grant access").await?;
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
    b.screenshot("access-revoked").await
}
