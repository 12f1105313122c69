//! Managing a tenant's roles with the permission matrix.

use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::Locator;

pub async fn admin_creates_a_role_with_the_matrix_makes_it_default_and_deletes_it(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "massive-dynamic", "Massive Dynamic").await?;
    let alice = seed::user(
        &b.origin,
        "alice@massive-dynamic.test",
        "Alice",
        "Abernathy",
        &["massive-dynamic"],
    )
    .await?;

    b.open(&ui(&routes::roles("massive-dynamic"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::row_shows(&b.client, "Admin").await?;
    check::row_shows(&b.client, "Managed").await?;
    b.screenshot("roles-list").await?;

    find::link(&b.client, "Create role").await?.click().await?;
    check::heading_is(&b.client, "Create role").await?;
    action::fill(&b.client, "Name", "Auditor").await?;
    // Kestra's Viewer template: VIEW and LIST on everything.
    action::click(&b.client, "Viewer").await?;
    check::page_shows(&b.client, "permissions granted").await?;
    action::toggle(&b.client, "Flows: View").await?;
    action::toggle(&b.client, "Audit logs: all actions").await?;
    check::page_shows(&b.client, "Audit logs").await?;
    b.screenshot("matrix-read-only-minus-flow-view-plus-auditlog")
        .await?;
    action::click(&b.client, "Create role").await?;
    check::toast_says(&b.client, "Role “Auditor” created").await?;
    check::heading_is(&b.client, "Auditor").await?;
    let view = find::field(&b.client, "Flows: View").await?;
    anyhow::ensure!(
        !view.is_selected().await?,
        "FLOW: VIEW was unticked before saving"
    );
    anyhow::ensure!(
        find::field(&b.client, "Audit logs: Export")
            .await?
            .is_selected()
            .await?
    );

    action::toggle(&b.client, "Default role of the tenant").await?;
    action::click(&b.client, "Save").await?;
    check::toast_says(&b.client, "Role saved").await?;
    find::link(&b.client, "← Roles").await?.click().await?;
    check::row_shows(&b.client, "Auditor Default").await?;
    b.screenshot("auditor-is-the-default").await?;

    // Alice holds the role: the confirmation says she will lose it.
    let roles = reqwest::Client::new()
        .get(format!(
            "{}/api/v1/massive-dynamic/roles/search?filters[q][EQUALS]=Auditor",
            b.origin
        ))
        .basic_auth(
            e2e::harness::ADMIN_EMAIL,
            Some(e2e::harness::ADMIN_PASSWORD),
        )
        .send()
        .await?
        .json::<serde_json::Value>()
        .await?;
    let role_id = roles["results"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let alice_id = alice["id"].as_str().unwrap_or_default();
    let binding = seed::binding(
        &b.origin,
        "massive-dynamic",
        "USER",
        alice_id,
        &role_id,
        None,
    )
    .await?;
    find::link(&b.client, "Auditor").await?.click().await?;
    check::heading_is(&b.client, "Auditor").await?;
    // Kestra refuses to delete a role in use: the dialog says who holds it, and trying anyway
    // explains the refusal and deletes nothing.
    action::click(&b.client, "Delete role").await?;
    check::page_shows(&b.client, "It is still bound to Alice Abernathy").await?;
    b.screenshot("confirm-delete-names-the-holder").await?;
    confirm_delete_role(b).await?;
    check::toast_says(
        &b.client,
        "This role is still bound to Alice Abernathy: remove those bindings first.",
    )
    .await?;
    check::heading_is(&b.client, "Auditor").await?;
    b.screenshot("refused-while-bound").await?;

    let binding_id = binding["id"].as_str().unwrap_or_default();
    seed::remove_binding(&b.origin, "massive-dynamic", binding_id).await?;
    action::click(&b.client, "Delete role").await?;
    check::page_shows(&b.client, "Nobody holds this role.").await?;
    confirm_delete_role(b).await?;
    check::toast_says(&b.client, "Role “Auditor” deleted").await?;
    check::path_becomes(&b.client, &b.origin, "the role list", |p| {
        p == ui(&routes::roles("massive-dynamic"))
    })
    .await?;
    check::row_gone(&b.client, "Auditor").await?;
    b.screenshot("role-deleted").await
}

/// Before a role's permissions are saved, the console says who holds it (a group with its
/// members' count) and what they gain and lose; cancelling saves nothing.
pub async fn a_role_change_is_previewed_naming_its_group_and_members(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let tenant = "role-preview";
    seed::tenant(&b.origin, tenant, "Role preview").await?;
    let admin = seed::Admin::new(&b.origin);
    let group = seed::group(&b.origin, tenant, "Platform team").await?;
    let group_id = group["id"].as_str().unwrap_or_default().to_string();
    for (email, first) in [("ada@preview.test", "Ada"), ("linus@preview.test", "Linus")] {
        let user = seed::user(&b.origin, email, first, "Preview", &[tenant]).await?;
        let user_id = user["id"].as_str().unwrap_or_default();
        admin
            .put(&format!("{tenant}/groups/{group_id}/members/{user_id}"))
            .await?;
    }
    let role = seed::role(
        &b.origin,
        tenant,
        "Deployer",
        serde_json::json!({"FLOW": ["VIEW", "LIST", "DELETE"]}),
    )
    .await?;
    let role_id = role["id"].as_str().unwrap_or_default().to_string();
    seed::binding(
        &b.origin,
        tenant,
        "GROUP",
        &group_id,
        &role_id,
        Some("company"),
    )
    .await?;

    b.open(&ui(&routes::role(tenant, &role_id))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Deployer").await?;
    action::toggle(&b.client, "Flows: Execute").await?;
    action::toggle(&b.client, "Flows: Delete").await?;
    action::click(&b.client, "Save").await?;
    check::page_shows(&b.client, "Save role “Deployer”?").await?;
    check::page_shows(
        &b.client,
        "2 people gain EXECUTE on FLOW; 2 people lose DELETE on FLOW.",
    )
    .await?;
    check::page_shows(
        &b.client,
        "group Platform team (2 members), in namespace company",
    )
    .await?;
    b.screenshot("preview-names-the-group").await?;

    // Cancelling saves nothing and keeps the edit.
    action::confirm(&b.client, "Cancel").await?;
    let stored = admin.get(&format!("{tenant}/roles/{role_id}")).await?;
    anyhow::ensure!(
        stored["permissions"]["FLOW"] == serde_json::json!(["VIEW", "LIST", "DELETE"]),
        "cancelled, the role is unchanged: {}",
        stored["permissions"]
    );
    anyhow::ensure!(
        find::field(&b.client, "Flows: Execute")
            .await?
            .is_selected()
            .await?,
        "the edit is kept after cancelling"
    );

    action::click(&b.client, "Save").await?;
    action::confirm(&b.client, "Save role").await?;
    check::toast_says(&b.client, "Role saved").await?;
    let stored = admin.get(&format!("{tenant}/roles/{role_id}")).await?;
    anyhow::ensure!(
        stored["permissions"]["FLOW"] == serde_json::json!(["VIEW", "LIST", "EXECUTE"]),
        "saved: {}",
        stored["permissions"]
    );
    b.screenshot("saved-after-the-preview").await?;

    // Taking the binding away says, before it happens, who loses what.
    find::link(&b.client, "Who holds it").await?.click().await?;
    action::click(&b.client, "Remove Deployer of Platform team in company").await?;
    check::page_shows(
        &b.client,
        "The 2 members of group Platform team lose VIEW on FLOW, LIST on FLOW, EXECUTE on FLOW in namespace company and below, unless another role grants it.",
    )
    .await?;
    b.screenshot("removing-the-binding-says-who-loses-what")
        .await?;
    action::confirm(&b.client, "Remove binding").await?;
    check::toast_says(&b.client, "Removed: Deployer of Platform team in company").await?;
    let left = admin
        .get(&format!("{tenant}/bindings/search?page=1&size=10"))
        .await?;
    anyhow::ensure!(left["total"] == 0, "the binding is gone: {left}");
    Ok(())
}

/// An admin whose only way to manage access is the role they edit is told, in red, before
/// saving a change that takes it away.
pub async fn taking_away_ones_own_way_to_manage_access_is_said_in_red(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let tenant = "role-lockout";
    seed::tenant(&b.origin, tenant, "Role lockout").await?;
    let sam = seed::user(&b.origin, "sam@lockout.test", "Sam", "Keeper", &[tenant]).await?;
    let role = seed::role(
        &b.origin,
        tenant,
        "Access keeper",
        serde_json::json!({
            "ROLE": ["VIEW", "LIST", "UPDATE"],
            "BINDING": ["VIEW", "LIST", "CREATE", "DELETE"],
            "TENANT_ACCESS": ["VIEW", "LIST"],
        }),
    )
    .await?;
    let role_id = role["id"].as_str().unwrap_or_default().to_string();
    let sam_id = sam["id"].as_str().unwrap_or_default();
    seed::binding(&b.origin, tenant, "USER", sam_id, &role_id, None).await?;

    b.open(&ui(&routes::role(tenant, &role_id))).await?;
    action::sign_in_with_password(&b.client, "sam@lockout.test", "User-pass-1").await?;
    check::heading_is(&b.client, "Access keeper").await?;
    action::toggle(&b.client, "Roles: Update").await?;
    action::toggle(&b.client, "Role bindings: Create").await?;
    action::toggle(&b.client, "Role bindings: Delete").await?;
    action::click(&b.client, "Save").await?;
    check::page_shows(
        &b.client,
        "You hold this role and would lose UPDATE on ROLE, CREATE on BINDING, DELETE on BINDING: you could no longer manage access in this tenant.",
    )
    .await?;
    b.screenshot("own-lockout-in-red").await?;
    action::confirm(&b.client, "Cancel").await?;
    let stored = seed::Admin::new(&b.origin)
        .get(&format!("{tenant}/roles/{role_id}"))
        .await?;
    anyhow::ensure!(
        stored["permissions"]["ROLE"] == serde_json::json!(["VIEW", "LIST", "UPDATE"]),
        "nothing saved: {}",
        stored["permissions"]
    );
    Ok(())
}

/// Confirms the open "Delete role" dialog.
async fn confirm_delete_role(b: &Browser) -> anyhow::Result<()> {
    find::dialog(&b.client)
        .await?
        .find(Locator::XPath(
            ".//button[normalize-space(.)='Delete role']",
        ))
        .await?
        .click()
        .await?;
    Ok(())
}
