//! Managing a tenant's groups and their members.

use e2e::{Browser, action, check, find, routes, seed, ui};

pub async fn admin_creates_a_group_with_two_members_removes_one_makes_one_owner_and_deletes_it(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "initech", "Initech").await?;
    seed::user(
        &b.origin,
        "peter@initech.test",
        "Peter",
        "Gibbons",
        &["initech"],
    )
    .await?;
    seed::user(
        &b.origin,
        "samir@initech.test",
        "Samir",
        "Nagheenanajar",
        &["initech"],
    )
    .await?;

    b.open(&ui(&routes::groups("initech"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::page_shows(&b.client, "There are no groups yet.").await?;
    b.screenshot("no-groups-yet").await?;

    find::link(&b.client, "Create group").await?.click().await?;
    check::heading_is(&b.client, "Create group").await?;
    action::fill(&b.client, "Name", "TPS reports").await?;
    action::fill(&b.client, "Description", "Everyone who files them").await?;
    action::pick(&b.client, "Add member", "pet", "Peter Gibbons").await?;
    action::pick(&b.client, "Add member", "samir", "Samir Nagheenanajar").await?;
    b.screenshot("create-form-filled").await?;
    action::click(&b.client, "Create group").await?;

    check::toast_says(&b.client, "Group “TPS reports” created").await?;
    check::heading_is(&b.client, "TPS reports").await?;
    check::row_shows(&b.client, "Peter Gibbons").await?;
    check::row_shows(&b.client, "Samir Nagheenanajar").await?;
    b.screenshot("group-with-two-members").await?;

    action::click(&b.client, "Remove Samir Nagheenanajar").await?;
    find::dialog(&b.client).await?;
    b.screenshot("confirm-remove-member").await?;
    action::click(&b.client, "Remove member").await?;
    check::toast_says(&b.client, "Samir Nagheenanajar removed from the group").await?;
    check::row_gone(&b.client, "Samir Nagheenanajar").await?;
    check::row_shows(&b.client, "Peter Gibbons").await?;

    // Owners: set, shown in the row (which then offers to make them a member again), and
    // kept on a reload.
    action::click(&b.client, "Make owner: Peter Gibbons").await?;
    check::toast_says(&b.client, "Peter Gibbons is now an owner of the group").await?;
    b.reload().await?;
    find::button(&b.client, "Make member: Peter Gibbons").await?;
    b.screenshot("peter-is-an-owner").await?;

    action::click(&b.client, "Delete group").await?;
    check::page_shows(&b.client, "Delete group “TPS reports”?").await?;
    b.screenshot("confirm-delete-group").await?;
    let dialog = find::dialog(&b.client).await?;
    dialog
        .find(fantoccini::Locator::XPath(
            ".//button[normalize-space(.)='Delete group']",
        ))
        .await?
        .click()
        .await?;
    check::toast_says(&b.client, "Group “TPS reports” deleted").await?;
    check::path_becomes(&b.client, &b.origin, "the group list", |p| {
        p == ui(&routes::groups("initech"))
    })
    .await?;
    check::page_shows(&b.client, "There are no groups yet.").await?;
    b.screenshot("group-deleted").await
}
