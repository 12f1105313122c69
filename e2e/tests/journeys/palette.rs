//! The command palette: one box, opened with Ctrl-K or the Search button, to go anywhere.

use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::Locator;

pub async fn the_command_palette_finds_a_group_and_starts_an_action_by_keyboard(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "lumon-mdr", "Lumon MDR").await?;
    seed::group(&b.origin, "lumon-mdr", "Severance Ops").await?;
    b.open(&ui(&routes::tenant_home("lumon-mdr"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Lumon MDR").await?;

    // The Search button opens it; typing finds the group on the server; Enter goes there.
    action::click(&b.client, "Search").await?;
    let search = find::field(
        &b.client,
        "Search pages, actions, people, groups, roles and service accounts",
    )
    .await?;
    search.send_keys("severance").await?;
    find::option(&b.client, "Severance Ops").await?;
    check::page_shows(&b.client, "1 result").await?;
    b.screenshot("palette-finds-the-group").await?;
    search.send_keys(action::key::ENTER).await?;
    check::heading_is(&b.client, "Severance Ops").await?;

    // Ctrl-K opens it anywhere, the last place first; arrows and Enter start an action.
    b.client
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'k', ctrlKey: true, bubbles: true}));",
            vec![],
        )
        .await?;
    // The kinds are upper-cased by the style sheet: the group's accessible name says it.
    b.client
        .wait()
        .for_element(Locator::XPath(
            "//*[@role='group'][@aria-label='Recent']/*[@role='option'][1][normalize-space(.)='Severance Ops']",
        ))
        .await?;
    b.screenshot("palette-recent-first").await?;
    let search = find::field(
        &b.client,
        "Search pages, actions, people, groups, roles and service accounts",
    )
    .await?;
    search.send_keys("create").await?;
    find::option(&b.client, "Create role").await?;
    search.send_keys(action::key::ARROW_DOWN).await?;
    check::page_shows(&b.client, "results").await?;
    search.send_keys(action::key::ARROW_UP).await?;
    search.send_keys(action::key::ENTER).await?;
    check::heading_is(&b.client, "Create group").await?;
    b.screenshot("palette-started-an-action").await
}
