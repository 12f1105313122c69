//! Inviting people into a tenant by email, and revoking an invitation.

use e2e::{Browser, action, check, find, routes, seed, ui};

pub async fn admin_invites_an_email_with_a_role_and_revokes_the_invitation(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "vandelay", "Vandelay Industries").await?;
    seed::role(
        &b.origin,
        "vandelay",
        "Importer",
        serde_json::json!({ "GROUP": ["LIST"] }),
    )
    .await?;

    b.open(&ui(&routes::invitations("vandelay"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::page_shows(&b.client, "There are no invitations yet.").await?;
    find::link(&b.client, "Invite someone")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Invite someone").await?;
    action::fill(&b.client, "Email", "not-an-email").await?;
    action::click(&b.client, "Send invitation").await?;
    check::page_shows(
        &b.client,
        "Enter an email address such as name@example.com.",
    )
    .await?;
    action::fill(&b.client, "Email", "art@vandelay.test").await?;
    action::pick(&b.client, "Add role", "Imp", "Importer").await?;
    b.screenshot("invite-form").await?;
    action::click(&b.client, "Send invitation").await?;
    check::toast_says(&b.client, "Invitation sent to art@vandelay.test").await?;
    check::row_shows(&b.client, "art@vandelay.test").await?;
    check::row_shows(&b.client, "Pending").await?;
    check::row_shows(&b.client, "Importer").await?;
    b.screenshot("pending-invitation").await?;

    action::choose(&b.client, "Status", "Accepted").await?;
    check::path_becomes(&b.client, &b.origin, "filtered by status", |p| {
        p.contains("status=ACCEPTED")
    })
    .await?;
    check::page_shows(&b.client, "There are no invitations yet.").await?;
    action::choose(&b.client, "Status", "Pending").await?;
    check::row_shows(&b.client, "art@vandelay.test").await?;

    action::click(&b.client, "Revoke the invitation to art@vandelay.test").await?;
    check::page_shows(&b.client, "Revoke the invitation to art@vandelay.test?").await?;
    b.screenshot("confirm-revoke").await?;
    action::click(&b.client, "Revoke invitation").await?;
    check::toast_says(&b.client, "Invitation to art@vandelay.test revoked").await?;
    check::row_gone(&b.client, "art@vandelay.test").await?;
    b.screenshot("invitation-revoked").await
}
