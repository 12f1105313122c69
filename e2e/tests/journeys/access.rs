//! Giving roles through bindings, and what a member may then do.

use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::Locator;

/// The "done when": a group with two members gets a three-permission role on one
/// namespace and tenant-wide; a member then sees and may do exactly what it grants.
pub async fn a_group_role_lets_its_members_do_exactly_what_it_grants(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "hooli", "Hooli").await?;
    seed::Admin::new(&b.origin)
        .post(
            "hooli/namespaces",
            serde_json::json!({ "id": "company.team" }),
        )
        .await?;
    seed::user(&b.origin, "gavin@hooli.test", "Gavin", "Belson", &["hooli"]).await?;
    seed::user(
        &b.origin,
        "richard@hooli.test",
        "Richard",
        "Hendricks",
        &["hooli"],
    )
    .await?;

    // A group with two members.
    b.open(&ui(&routes::group_new("hooli"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Create group").await?;
    action::fill(&b.client, "Name", "Pied Piper").await?;
    // By email: the users journey makes another Gavin Belson in another tenant, and the member
    // picker offers people of the whole instance (an outsider joins the tenant with the group).
    action::pick(&b.client, "Add member", "gavin@hooli", "Gavin Belson").await?;
    action::pick(
        &b.client,
        "Add member",
        "richard@hooli",
        "Richard Hendricks",
    )
    .await?;
    action::click(&b.client, "Create group").await?;
    check::toast_says(&b.client, "Group “Pied Piper” created").await?;

    // A role with three permissions, ticked cell by cell.
    find::link(&b.client, "Roles").await?.click().await?;
    find::link(&b.client, "Create role").await?.click().await?;
    action::fill(&b.client, "Name", "Group reader").await?;
    action::toggle(&b.client, "Groups: List").await?;
    action::toggle(&b.client, "Groups: View").await?;
    action::toggle(&b.client, "Roles: List").await?;
    check::page_shows(&b.client, "3 permissions granted").await?;
    b.screenshot("role-with-three-permissions").await?;
    action::click(&b.client, "Create role").await?;
    check::toast_says(&b.client, "Role “Group reader” created").await?;

    // Bound to the group on one namespace, from the group's page.
    find::link(&b.client, "Groups").await?.click().await?;
    find::link(&b.client, "Pied Piper").await?.click().await?;
    check::heading_is(&b.client, "Pied Piper").await?;
    check::page_shows(&b.client, "There are no bindings yet.").await?;
    find::link(&b.client, "Give a role").await?.click().await?;
    check::heading_is(&b.client, "Give a role").await?;
    check::page_shows(&b.client, "Pied Piper").await?;
    action::pick(&b.client, "Role", "Group", "Group reader").await?;
    // A typo is not silently a grant: an unknown namespace asks first.
    action::fill(&b.client, "Namespace", "compnay").await?;
    action::click(&b.client, "Give role").await?;
    check::page_shows(&b.client, "Namespace “compnay” does not exist").await?;
    b.screenshot("unknown-namespace-asks").await?;
    let dialog = find::dialog(&b.client).await?;
    dialog
        .find(Locator::XPath(".//button[normalize-space(.)='Cancel']"))
        .await?
        .click()
        .await?;
    check::field_holds(&b.client, "Namespace", "compnay").await?;
    // `company` has `company.team` below it: it goes through at once.
    action::fill(&b.client, "Namespace", "company").await?;
    // The form says what the binding would give: managing groups and roles is tenant-wide.
    check::page_shows(
        &b.client,
        "The 2 members of group Pied Piper gain nothing in namespace company and below: the role grants nothing there.",
    )
    .await?;
    b.screenshot("give-role-on-a-namespace").await?;
    action::click(&b.client, "Give role").await?;
    check::toast_says(&b.client, "Given: Group reader of Pied Piper in company").await?;
    check::heading_is(&b.client, "Pied Piper").await?;
    check::row_shows(&b.client, "Namespace company").await?;

    // Namespace bindings never allow managing IAM, so the same role tenant-wide too.
    find::link(&b.client, "Give a role").await?.click().await?;
    action::pick(&b.client, "Role", "Group", "Group reader").await?;
    check::page_shows(&b.client, "The 2 members of group Pied Piper gain").await?;
    check::page_shows(&b.client, "LIST on ROLE on the whole tenant.").await?;
    action::click(&b.client, "Give role").await?;
    check::toast_says(
        &b.client,
        "Given: Group reader of Pied Piper on the whole tenant",
    )
    .await?;
    check::row_shows(&b.client, "Whole tenant").await?;
    // Beside "Add member", what joining the group gives.
    check::page_shows(&b.client, "A new member gains Group reader").await?;
    b.client
        .execute(
            "document.querySelector('.subject-bindings').scrollIntoView()",
            vec![],
        )
        .await?;
    b.screenshot("group-page-with-its-roles").await?;

    // The tenant's access list, filtered to groups, keeps the filter in the URL.
    find::link(&b.client, "Access").await?.click().await?;
    action::choose(&b.client, "Subject type", "Group").await?;
    check::path_becomes(&b.client, &b.origin, "filtered by groups", |p| {
        p.contains("type=group")
    })
    .await?;
    check::row_shows(&b.client, "Pied Piper Group").await?;
    check::row_gone(&b.client, "Gavin").await?;
    b.screenshot("access-filtered-to-groups").await?;

    // What Gavin may do, and through which binding.
    find::link(&b.client, "Effective permissions")
        .await?
        .click()
        .await?;
    action::pick(
        &b.client,
        "User or service account",
        "gavin@hooli",
        "Gavin Belson",
    )
    .await?;
    // On the whole tenant, only the whole-tenant binding counts.
    check::page_shows(
        &b.client,
        "Gavin Belson holds 3 permissions in the whole tenant.",
    )
    .await?;
    action::click(&b.client, "Groups: List, granted").await?;
    check::page_shows(
        &b.client,
        "Role Group reader, via group Pied Piper, on the whole tenant",
    )
    .await?;
    action::click(&b.client, "Roles: View, not granted").await?;
    check::page_shows(&b.client, "Why not?").await?;
    // In company, the namespace binding adds nothing: managing IAM is tenant-wide only.
    action::fill(&b.client, "Namespace", "company").await?;
    action::click(&b.client, "Show").await?;
    check::path_becomes(&b.client, &b.origin, "looking in company", |p| {
        p.contains("namespace=company")
    })
    .await?;
    check::page_shows(
        &b.client,
        "Gavin Belson holds 3 permissions in namespace company.",
    )
    .await?;
    action::click(&b.client, "Groups: View, granted").await?;
    check::page_shows(
        &b.client,
        "Role Group reader, via group Pied Piper, on the whole tenant",
    )
    .await?;
    b.screenshot("gavins-effective-permissions").await?;

    // Gavin signs in: Groups and Roles, nothing else, and no controls he may not use.
    action::click(&b.client, "Sign out").await?;
    b.open(&ui(&routes::roles("hooli"))).await?;
    action::sign_in_with_password(&b.client, "gavin@hooli.test", "User-pass-1").await?;
    check::heading_is(&b.client, "Roles").await?;
    check::row_shows(&b.client, "Group reader").await?;
    let nav = b
        .client
        .find(Locator::Css("nav.sidenav"))
        .await?
        .text()
        .await?;
    anyhow::ensure!(
        nav.contains("Groups") && nav.contains("Roles") && !nav.contains("Access"),
        "the member's sections should be Groups and Roles only, not {nav:?}"
    );
    anyhow::ensure!(
        b.client
            .find_all(Locator::XPath("//a[normalize-space(.)='Create role']"))
            .await?
            .is_empty(),
        "a member without ROLE:CREATE should not see Create role"
    );
    b.screenshot("member-sees-roles-without-create").await?;
    anyhow::ensure!(
        b.client
            .find_all(Locator::XPath("//a[normalize-space(.)='Group reader']"))
            .await?
            .is_empty(),
        "a member without ROLE:VIEW should not get a link to a page that would refuse them"
    );
    // Opened anyway (a shared link), the page says why instead of freezing.
    b.client.execute("history.pushState({}, '', location.pathname + '/' + 'x'); dispatchEvent(new PopStateEvent('popstate'));", vec![]).await?;
    check::alert_says(&b.client, "ROLE:VIEW").await?;
    b.screenshot("member-opening-a-role-is-told-why-not")
        .await?;

    // The groups pages hide what the member may not do too (they may list and view groups).
    find::link(&b.client, "Groups").await?.click().await?;
    check::heading_is(&b.client, "Groups").await?;
    check::row_shows(&b.client, "Pied Piper").await?;
    check::absent(
        &b.client,
        "//a[normalize-space(.)='Create group']",
        "a member without GROUP:CREATE sees Create group",
    )
    .await?;
    find::link(&b.client, "Pied Piper").await?.click().await?;
    check::heading_is(&b.client, "Pied Piper").await?;
    check::row_shows(&b.client, "Gavin Belson").await?;
    check::absent(
        &b.client,
        "//header//button[normalize-space(.)='Delete group']",
        "a member without GROUP:DELETE sees Delete group",
    )
    .await?;
    check::absent(
        &b.client,
        "//input[@aria-label='Add member']",
        "a member without GROUP:UPDATE may add members",
    )
    .await?;
    check::absent(
        &b.client,
        "//button[starts-with(@aria-label, 'Remove ')]",
        "a member without GROUP:UPDATE may remove members",
    )
    .await?;
    anyhow::ensure!(
        !find::field(&b.client, "Name").await?.is_enabled().await?,
        "a member without GROUP:UPDATE may type into the group's name"
    );
    b.screenshot("member-sees-a-group-read-only").await?;

    // The server agrees: reading groups is allowed, creating a role is not.
    let http = reqwest::Client::new();
    let groups = http
        .get(format!("{}/api/v1/hooli/groups/search", b.origin))
        .basic_auth("gavin@hooli.test", Some("User-pass-1"))
        .send()
        .await?;
    anyhow::ensure!(
        groups.status() == 200,
        "GROUP:LIST is granted, got {}",
        groups.status()
    );
    let create = http
        .post(format!("{}/api/v1/hooli/roles", b.origin))
        .basic_auth("gavin@hooli.test", Some("User-pass-1"))
        .json(&serde_json::json!({ "name": "Sneaky", "permissions": {} }))
        .send()
        .await?;
    anyhow::ensure!(
        create.status() == 403,
        "ROLE:CREATE is not granted, got {}",
        create.status()
    );
    let bindings = http
        .get(format!("{}/api/v1/hooli/bindings/search", b.origin))
        .basic_auth("gavin@hooli.test", Some("User-pass-1"))
        .send()
        .await?;
    anyhow::ensure!(
        bindings.status() == 403,
        "BINDING:LIST is not granted, got {}",
        bindings.status()
    );
    Ok(())
}
