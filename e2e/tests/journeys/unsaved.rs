//! Unsaved edits are never lost without a word: leaving a role with changes (a link of the
//! console, or a tenant switch) asks first; staying keeps every edit, saving clears it.

use e2e::{Browser, action, check, find, routes, seed, ui};
use serde_json::json;

pub async fn leaving_a_role_with_unsaved_edits_asks_and_staying_keeps_them(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "vought", "Vought").await?;
    seed::tenant(&b.origin, "vought-labs", "Vought Labs").await?;
    let role = seed::role(&b.origin, "vought", "Supe", json!({"FLOW": ["VIEW"]})).await?;
    let id = role["id"].as_str().unwrap_or_default().to_string();

    b.open(&ui(&routes::role("vought", &id))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Supe").await?;
    action::fill(&b.client, "Description", "Flies, mostly").await?;

    // A link of the console asks; staying keeps the edit.
    find::link(&b.client, "Users").await?.click().await?;
    check::page_shows(&b.client, "Leave without saving?").await?;
    check::page_shows(&b.client, "Your changes to this role are not saved.").await?;
    b.screenshot("leaving-asks").await?;
    action::confirm(&b.client, "Stay on this page").await?;
    check::heading_is(&b.client, "Supe").await?;
    check::field_holds(&b.client, "Description", "Flies, mostly").await?;

    // So does a tenant switch.
    action::switch_tenant_with_keyboard(&b.client, "Vought Labs").await?;
    check::page_shows(&b.client, "Leave without saving?").await?;
    action::confirm(&b.client, "Stay on this page").await?;
    check::field_holds(&b.client, "Description", "Flies, mostly").await?;
    b.screenshot("switch-asks-too").await?;

    // Once saved, nothing is at stake: the link goes at once.
    action::click(&b.client, "Save").await?;
    check::toast_says(&b.client, "Role saved").await?;
    find::link(&b.client, "Users").await?.click().await?;
    check::heading_is(&b.client, "Users").await?;

    // Leaving anyway loses the edit, as it said.
    b.client
        .goto(&format!("{}{}", b.origin, ui(&routes::role("vought", &id))))
        .await?;
    check::heading_is(&b.client, "Supe").await?;
    action::fill(&b.client, "Description", "Lasers").await?;
    find::link(&b.client, "Groups").await?.click().await?;
    action::confirm(&b.client, "Leave and lose changes").await?;
    check::heading_is(&b.client, "Groups").await?;
    let saved = seed::Admin::new(&b.origin)
        .get(&format!("vought/roles/{id}"))
        .await?;
    anyhow::ensure!(
        saved["description"] == "Flies, mostly",
        "the saved description stays: {saved}"
    );
    b.screenshot("left-without-the-second-edit").await
}
