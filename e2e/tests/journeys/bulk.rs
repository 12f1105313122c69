//! Changing many people at once from the users list: a role to a selection made across two
//! pages (one all-or-nothing request), then group membership and access one by one, with
//! a failure listed and retried.

use std::collections::BTreeSet;

use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::Client;
use serde_json::json;

/// WebDriver's Shift key (held until the null key) and Space.
const SHIFT_SPACE: &str = "\u{E008} \u{E000}";

pub async fn admin_gives_a_role_to_30_of_200_people_selected_across_two_pages(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let t = "bulk-grants";
    seed::tenant(&b.origin, t, "Bulk grants").await?;
    seed::people(&b.origin, t, 200, "grants.test").await?;
    seed::role(
        &b.origin,
        t,
        "Developer",
        json!({"FLOW": ["VIEW", "EXECUTE"]}),
    )
    .await?;

    b.open(&ui(&format!("{}?sort=username%3Aasc", routes::users(t))))
        .await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Users").await?;
    check::page_shows(&b.client, "200 users").await?;

    // Page 1: Person 001 by mouse, then Shift+Space on Person 020 takes the range between.
    tick(&b.client, "Select Person 001").await?;
    find::field(&b.client, "Select Person 020")
        .await?
        .send_keys(SHIFT_SPACE)
        .await?;
    check::page_shows(&b.client, "20 people selected").await?;
    check::page_shows(&b.client, "Select all 200 matching").await?;
    b.screenshot("range-on-page-one").await?;

    // Page 2: the selection stays, and ten more join it.
    action::click(&b.client, "Next").await?;
    check::row_shows(&b.client, "Person 030").await?;
    tick(&b.client, "Select Person 030").await?;
    find::field(&b.client, "Select Person 039")
        .await?
        .send_keys(SHIFT_SPACE)
        .await?;
    check::page_shows(&b.client, "30 people selected").await?;
    b.screenshot("thirty-selected-across-two-pages").await?;

    action::click(&b.client, "Give a role").await?;
    action::pick(&b.client, "Role", "Dev", "Developer").await?;
    action::fill(&b.client, "Namespaces", "company.data").await?;
    b.screenshot("role-and-namespace").await?;
    action::click(&b.client, "Review the change").await?;
    find::dialog(&b.client).await?;
    check::page_shows(&b.client, "Give Developer on company.data to 30 people?").await?;
    b.screenshot("confirmation").await?;
    action::confirm(&b.client, "Give role").await?;
    check::toast_says(&b.client, "Developer given on company.data to 30 people").await?;
    b.screenshot("given").await?;

    // Through the API: exactly those 30 hold Developer on company.data.
    let found = seed::Admin::new(&b.origin)
        .get(&format!(
            "{t}/bindings/search?size=500&namespace=company.data"
        ))
        .await?;
    let holders: BTreeSet<String> = found["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|binding| binding["role"]["name"] == "Developer")
        .filter_map(|binding| binding["user"]["username"].as_str().map(str::to_string))
        .collect();
    let expected: BTreeSet<String> = (1..=20)
        .chain(30..=39)
        .map(|n| format!("p{n:03}@grants.test"))
        .collect();
    anyhow::ensure!(
        holders == expected,
        "expected Developer on company.data for {expected:?}, the server has {holders:?}"
    );

    // "Select all N matching" takes every match of the search, beyond the page.
    b.visit(&ui(&format!(
        "{}?sort=username%3Aasc&q=p1",
        routes::users(t)
    )))
    .await?;
    check::page_shows(&b.client, "100 users").await?;
    tick(&b.client, "Select all on this page").await?;
    check::page_shows(&b.client, "25 people selected").await?;
    action::click(&b.client, "Select all 100 matching").await?;
    check::page_shows(&b.client, "100 people selected").await?;
    b.screenshot("all-matching-selected").await?;
    action::click(&b.client, "Clear selection").await?;
    bar_gone(&b.client).await
}

pub async fn admin_adds_people_to_a_group_removes_them_retrying_the_failed_and_removes_access(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let t = "bulk-groups";
    let admin = seed::Admin::new(&b.origin);
    seed::tenant(&b.origin, t, "Bulk groups").await?;
    let ids = seed::people(&b.origin, t, 12, "groups.test").await?;
    let ops = seed::group(&b.origin, t, "Ops").await?;
    let ops_id = ops["id"].as_str().unwrap_or_default().to_string();

    b.open(&ui(&format!("{}?sort=username%3Aasc", routes::users(t))))
        .await?;
    action::sign_in_as_admin(&b.client).await?;
    check::row_shows(&b.client, "Person 012").await?;
    tick(&b.client, "Select all on this page").await?;
    check::page_shows(&b.client, "12 people selected").await?;
    action::click(&b.client, "Add to group").await?;
    action::pick(&b.client, "Group", "Op", "Ops").await?;
    action::click(&b.client, "Review the change").await?;
    check::page_shows(&b.client, "Add 12 people to Ops?").await?;
    action::confirm(&b.client, "Add to group").await?;
    check::toast_says(&b.client, "12 people added to Ops").await?;
    let members = admin
        .get(&format!("{t}/groups/{ops_id}/members?size=50"))
        .await?;
    anyhow::ensure!(members["total"] == 12, "Ops has the 12: {members}");

    // Two leave Ops behind the console's back: removing all 12 fails for them, and says why.
    for id in &ids[..2] {
        admin
            .delete(&format!("{t}/groups/{ops_id}/members/{id}"))
            .await?;
    }
    tick(&b.client, "Select all on this page").await?;
    check::page_shows(&b.client, "12 people selected").await?;
    action::click(&b.client, "Remove from group").await?;
    action::pick(&b.client, "Group", "Op", "Ops").await?;
    action::click(&b.client, "Review the change").await?;
    check::page_shows(&b.client, "Remove 12 people from Ops?").await?;
    action::confirm(&b.client, "Remove from group").await?;
    check::page_shows(&b.client, "10 people removed from Ops; 2 failed.").await?;
    check::page_shows(&b.client, "Person 001: ").await?;
    check::page_shows(&b.client, "Person 002: ").await?;
    check::page_shows(&b.client, "2 people selected").await?;
    b.screenshot("two-failed").await?;

    // Once they are back in Ops, the retry goes through.
    for id in &ids[..2] {
        admin
            .put(&format!("{t}/groups/{ops_id}/members/{id}"))
            .await?;
    }
    action::click(&b.client, "Retry the failed ones").await?;
    check::toast_says(&b.client, "2 people removed from Ops").await?;
    let members = admin
        .get(&format!("{t}/groups/{ops_id}/members?size=50"))
        .await?;
    anyhow::ensure!(members["total"] == 0, "Ops is empty: {members}");

    tick(&b.client, "Select all on this page").await?;
    action::click(&b.client, "Remove access").await?;
    check::page_shows(
        &b.client,
        "Remove the access of 12 people to the tenant bulk-groups?",
    )
    .await?;
    b.screenshot("confirm-remove-access").await?;
    action::confirm(&b.client, "Remove access").await?;
    check::toast_says(&b.client, "12 people may no longer use bulk-groups").await?;
    check::row_gone(&b.client, "Person 012").await?;
    let left = admin
        .get(&format!("{t}/tenant-access?size=50&q=groups.test"))
        .await?;
    anyhow::ensure!(left["total"] == 0, "nobody of the 12 is left: {left}");
    b.screenshot("access-removed").await
}

pub async fn admin_gives_two_groups_a_role_and_adds_two_service_accounts_to_a_group(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let t = "bulk-accounts";
    let admin = seed::Admin::new(&b.origin);
    seed::tenant(&b.origin, t, "Bulk accounts").await?;
    let ops = seed::group(&b.origin, t, "Ops").await?;
    let ops_id = ops["id"].as_str().unwrap_or_default().to_string();
    seed::group(&b.origin, t, "Data").await?;
    seed::role(&b.origin, t, "Developer", json!({"FLOW": ["VIEW"]})).await?;
    for name in ["bulk-bot-1", "bulk-bot-2"] {
        admin
            .post(&format!("{t}/service-accounts"), json!({ "name": name }))
            .await?;
    }

    b.open(&ui(&routes::groups(t))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::row_shows(&b.client, "Data").await?;
    tick(&b.client, "Select all on this page").await?;
    check::page_shows(&b.client, "2 groups selected").await?;
    action::click(&b.client, "Give a role").await?;
    action::pick(&b.client, "Role", "Dev", "Developer").await?;
    action::click(&b.client, "Review the change").await?;
    check::page_shows(&b.client, "Give Developer on the whole tenant to 2 groups?").await?;
    action::confirm(&b.client, "Give role").await?;
    check::toast_says(&b.client, "Developer given on the whole tenant to 2 groups").await?;
    let bindings = admin
        .get(&format!("{t}/bindings/search?size=50&type=GROUP"))
        .await?;
    let given = bindings["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|b| b["role"]["name"] == "Developer")
        .count();
    anyhow::ensure!(given == 2, "both groups hold Developer: {bindings}");

    b.client
        .goto(&format!(
            "{}{}",
            b.origin,
            ui(&format!("{}?q=bulk-bot", routes::service_accounts(t)))
        ))
        .await?;
    check::row_shows(&b.client, "bulk-bot-2").await?;
    tick(&b.client, "Select bulk-bot-1").await?;
    tick(&b.client, "Select bulk-bot-2").await?;
    check::page_shows(&b.client, "2 service accounts selected").await?;
    action::click(&b.client, "Add to group").await?;
    action::pick(&b.client, "Group", "Op", "Ops").await?;
    action::click(&b.client, "Review the change").await?;
    action::confirm(&b.client, "Add to group").await?;
    check::toast_says(&b.client, "2 service accounts added to Ops").await?;
    b.screenshot("service-accounts-added").await?;
    let members = admin
        .get(&format!("{t}/groups/{ops_id}/members?size=50"))
        .await?;
    anyhow::ensure!(members["total"] == 2, "Ops has both accounts: {members}");
    Ok(())
}

/// Waits (up to `find::WAIT`) until the bulk changes bar is gone.
async fn bar_gone(client: &Client) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + find::WAIT;
    while !client
        .find_all(fantoccini::Locator::XPath(
            "//section[@aria-label='Bulk changes']",
        ))
        .await?
        .is_empty()
    {
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "the bulk bar stays after the selection is cleared"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Ok(())
}

/// Ticks the checkbox named `name` with the mouse.
async fn tick(client: &Client, name: &str) -> anyhow::Result<()> {
    action::toggle(client, name).await
}
