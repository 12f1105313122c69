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

    seed::user(&b.origin, "bill@initech.test", "Bill", "Lumbergh", &[]).await?;

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
    check::page_shows(
        &b.client,
        "The group gives no role: what Samir Nagheenanajar may do does not change.",
    )
    .await?;
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

    // The picker leaves members out, and marks people who may not use the tenant yet.
    find::field(&b.client, "Add member")
        .await?
        .send_keys("initech.test")
        .await?;
    find::option(&b.client, "Samir Nagheenanajar").await?;
    find::option(&b.client, "Bill Lumbergh").await?;
    check::page_shows(&b.client, "no access to this tenant yet").await?;
    check::absent(
        &b.client,
        "//*[@role='option'][starts-with(normalize-space(.), 'Peter Gibbons')]",
        "the picker offers Peter, who is already a member",
    )
    .await?;
    b.screenshot("picker-leaves-members-out").await?;
    action::pick(&b.client, "Add member", "", "Bill Lumbergh").await?;
    check::page_shows(&b.client, "Give Bill Lumbergh access to initech?").await?;
    b.screenshot("joining-gives-access-asks-first").await?;
    action::confirm(&b.client, "Add and give access").await?;
    check::toast_says(&b.client, "Bill Lumbergh added to the group").await?;
    check::row_shows(&b.client, "Bill Lumbergh").await?;

    // A second group of the same name is refused at its Name field, which takes the focus;
    // leaving the filled form asks first, and staying keeps what was typed.
    b.client
        .goto(&format!(
            "{}{}",
            b.origin,
            ui(&routes::group_new("initech"))
        ))
        .await?;
    action::fill(&b.client, "Name", "TPS reports").await?;
    action::click(&b.client, "Create group").await?;
    check::page_shows(&b.client, "already exists").await?;
    let focused = b
        .client
        .execute(
            "const e = document.activeElement; return [e.tagName, e.getAttribute('aria-invalid'), e.value].join('|');",
            vec![],
        )
        .await?;
    anyhow::ensure!(
        focused.as_str() == Some("INPUT|true|TPS reports"),
        "the refused Name field is marked and focused: {focused}"
    );
    b.screenshot("duplicate-name-marks-the-field").await?;
    find::link(&b.client, "Groups").await?.click().await?;
    check::page_shows(&b.client, "Leave without saving?").await?;
    b.screenshot("leaving-a-filled-form-asks").await?;
    action::confirm(&b.client, "Stay on this page").await?;
    check::heading_is(&b.client, "Create group").await?;
    check::field_holds(&b.client, "Name", "TPS reports").await?;
    find::link(&b.client, "Groups").await?.click().await?;
    action::confirm(&b.client, "Leave and lose changes").await?;
    check::heading_is(&b.client, "Groups").await?;
    find::row_link(&b.client, "TPS reports")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "TPS reports").await?;

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
