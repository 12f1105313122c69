//! A person's own profile: their name, their password, their invitations.

use e2e::{Browser, action, check, find, routes, seed, ui};
use serde_json::json;

pub async fn a_user_accepts_an_invitation_and_changes_their_own_password(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "profile", "Profile Co").await.ok();
    seed::tenant(&b.origin, "profile-two", "Profile Two")
        .await
        .ok();
    let email = "paula.profile@example.com";
    // Invited before the account exists, so the invitation waits for her.
    seed::Admin::new(&b.origin)
        .post("profile-two/invitations", json!({ "email": email }))
        .await?;
    seed::user(&b.origin, email, "Paula", "Profile", &["profile"]).await?;

    b.open(&ui(&routes::tenant_home("profile"))).await?;
    action::sign_in_with_password(&b.client, email, "User-pass-1").await?;
    check::heading_is(&b.client, "Profile Co").await?;
    find::link(&b.client, "Paula Profile")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "My profile").await?;
    check::page_shows(&b.client, "Profile Co").await?;
    b.screenshot("my-profile").await?;

    action::click(&b.client, "Accept the invitation to profile-two").await?;
    check::toast_says(&b.client, "Invitation accepted").await?;
    find::link(&b.client, "Profile Two").await?;
    check::page_shows(&b.client, "No invitation is waiting for you").await?;
    b.screenshot("invitation-accepted").await?;

    // A wrong current password is named next to its field; what was typed stays.
    action::fill(&b.client, "Current password", "not-my-password").await?;
    action::fill(&b.client, "New password", "Paula-new-2").await?;
    action::fill(&b.client, "New password again", "Paula-new-2").await?;
    action::click(&b.client, "Change password").await?;
    check::alert_says(&b.client, "This is not your current password").await?;
    check::field_holds(&b.client, "New password", "Paula-new-2").await?;
    b.screenshot("wrong-current-password").await?;

    action::fill(&b.client, "Current password", "User-pass-1").await?;
    action::click(&b.client, "Change password").await?;
    check::toast_says(&b.client, "Password changed").await?;
    // The page goes on with the new password: the next request is not refused.
    action::fill(&b.client, "First name", "Paulette").await?;
    action::click(&b.client, "Save name").await?;
    check::toast_says(&b.client, "Name saved").await?;
    find::link(&b.client, "Paulette Profile").await?;
    b.screenshot("password-changed").await?;

    action::click(&b.client, "Sign out").await?;
    b.open(&ui(&routes::tenant_home("profile"))).await?;
    action::sign_in_with_password(&b.client, email, "User-pass-1").await?;
    check::alert_says(&b.client, "Wrong email or password").await?;
    action::sign_in_with_password(&b.client, email, "Paula-new-2").await?;
    check::heading_is(&b.client, "Profile Co").await?;
    b.screenshot("signed-in-with-the-new-password").await
}
