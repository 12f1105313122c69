//! The audit trail: the overview shows the last change made through the API; a role's
//! History explains a permission change as a diff; restoring the previous version puts the
//! role back as it was, and the restore is itself in the log. A deleted binding and a person
//! taken out of a group are put back from their log entries; the overview warns of a token
//! about to expire.

use e2e::routes::AuditQuery;
use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::Locator;
use serde_json::json;

pub async fn admin_restores_a_role_from_its_history_and_the_log_shows_both_changes(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "hooli-audit", "Hooli Audit").await?;
    let role = seed::role(
        &b.origin,
        "hooli-audit",
        "Developer",
        json!({"FLOW": ["VIEW", "LIST"]}),
    )
    .await?;
    let role_id = role["id"].as_str().unwrap_or_default().to_string();

    // The overview names the change just made through the API.
    b.open(&ui(&routes::tenant_home("hooli-audit"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::page_shows(&b.client, "Last changes").await?;
    check::page_shows(&b.client, "created role Developer").await?;
    b.screenshot("overview-shows-the-last-change").await?;
    tab_keeps_the_sign_in(b).await?;

    // Give the role EXECUTE on FLOW in the console, then open its History.
    go(b, &ui(&routes::role("hooli-audit", &role_id))).await?;
    check::heading_is(&b.client, "Developer").await?;
    action::toggle(&b.client, "Flows: Execute").await?;
    action::click(&b.client, "Save").await?;
    // A change of permissions is previewed first; nobody holds this role yet.
    check::page_shows(&b.client, "Nobody holds this role yet").await?;
    action::confirm(&b.client, "Save role").await?;
    check::toast_says(&b.client, "Role saved").await?;
    check::page_shows(&b.client, "History").await?;
    check::page_shows(&b.client, "added EXECUTE on FLOW").await?;
    check::page_shows(&b.client, "EXECUTE on FLOW added").await?;
    b.client
        .execute(
            "document.querySelector('.history-section').scrollIntoView();",
            vec![],
        )
        .await?;
    b.screenshot("history-explains-the-change").await?;

    // Restore the version before it: the dialog says what that takes away.
    action::click(&b.client, "Restore this version").await?;
    check::page_shows(&b.client, "EXECUTE on FLOW removed").await?;
    b.screenshot("restore-shows-the-diff-from-now").await?;
    action::confirm(&b.client, "Restore").await?;
    check::toast_says(&b.client, "Version restored").await?;
    check::page_shows(&b.client, "removed EXECUTE on FLOW").await?;
    let execute = find::field(&b.client, "Flows: Execute").await?;
    anyhow::ensure!(
        !execute.is_selected().await?,
        "EXECUTE on FLOW is gone again after the restore"
    );
    anyhow::ensure!(
        find::field(&b.client, "Flows: List")
            .await?
            .is_selected()
            .await?
    );
    let saved = seed::Admin::new(&b.origin)
        .get(&format!("hooli-audit/roles/{role_id}"))
        .await?;
    anyhow::ensure!(
        saved["permissions"]["FLOW"] == json!(["VIEW", "LIST"]),
        "the server holds the old permissions again: {}",
        saved["permissions"]
    );
    b.screenshot("role-back-as-it-was").await?;

    // The audit log shows the change and the restore, filtered on the role, in the URL.
    let filter = AuditQuery {
        resource: Some("ROLE".into()),
        id: Some(role_id.clone()),
        ..Default::default()
    };
    go(b, &ui(&routes::audit_logs("hooli-audit", &filter))).await?;
    check::row_shows(&b.client, "removed EXECUTE on FLOW").await?;
    check::row_shows(&b.client, "added EXECUTE on FLOW").await?;
    check::row_shows(&b.client, "created role Developer").await?;
    b.screenshot("audit-log-filtered-on-the-role").await?;

    // The newest entry opens on its own page, which a reload keeps.
    open_newest_entry(b).await?;
    check::heading_is(&b.client, "Removed EXECUTE on FLOW").await?;
    check::page_shows(&b.client, "EXECUTE on FLOW removed").await?;
    b.reload().await?;
    check::heading_is(&b.client, "Removed EXECUTE on FLOW").await?;
    b.screenshot("one-entry-and-its-diff").await
}

pub async fn admin_puts_back_a_deleted_binding_and_a_removed_member_from_the_log(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let admin = seed::Admin::new(&b.origin);
    seed::tenant(&b.origin, "hooli-undo", "Hooli Undo").await?;
    let ops = seed::group(&b.origin, "hooli-undo", "Ops").await?;
    let ops_id = ops["id"].as_str().unwrap_or_default().to_string();
    let role = seed::role(&b.origin, "hooli-undo", "Runner", json!({"FLOW": ["VIEW"]})).await?;
    let role_id = role["id"].as_str().unwrap_or_default();
    let binding = seed::binding(
        &b.origin,
        "hooli-undo",
        "GROUP",
        &ops_id,
        role_id,
        Some("company.data"),
    )
    .await?;
    let gina = seed::user(
        &b.origin,
        "gina.undo@hooli.test",
        "Gina",
        "Undo",
        &["hooli-undo"],
    )
    .await?;
    let gina_id = gina["id"].as_str().unwrap_or_default().to_string();
    admin
        .put(&format!("hooli-undo/groups/{ops_id}/members/{gina_id}"))
        .await?;
    let robot = admin
        .post(
            "hooli-undo/service-accounts",
            json!({"name": "nightly-sync"}),
        )
        .await?;
    let robot_id = robot["id"].as_str().unwrap_or_default();
    admin
        .post(
            &format!("hooli-undo/service-accounts/{robot_id}/api-tokens"),
            json!({"name": "sync-token", "maxAge": "P7D"}),
        )
        .await?;
    seed::remove_binding(
        &b.origin,
        "hooli-undo",
        binding["id"].as_str().unwrap_or_default(),
    )
    .await?;
    admin
        .delete(&format!("hooli-undo/groups/{ops_id}/members/{gina_id}"))
        .await?;

    // The overview warns of the token that expires within two weeks.
    b.open(&ui(&routes::tenant_home("hooli-undo"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::page_shows(&b.client, "API tokens expiring soon").await?;
    check::page_shows(&b.client, "sync-token").await?;
    b.screenshot("overview-warns-of-an-expiring-token").await?;
    tab_keeps_the_sign_in(b).await?;

    // The binding's deletion, opened from the log, offers to create it again.
    let filter = AuditQuery {
        resource: Some("BINDING".into()),
        action: Some("DELETE".into()),
        ..Default::default()
    };
    go(b, &ui(&routes::audit_logs("hooli-undo", &filter))).await?;
    check::row_shows(&b.client, "deleted binding").await?;
    open_newest_entry(b).await?;
    check::page_shows(
        &b.client,
        "Gives the role Runner to the group Ops again, on namespace company.data.",
    )
    .await?;
    b.screenshot("a-deleted-binding-can-be-put-back").await?;
    action::click(&b.client, "Create binding again").await?;
    action::confirm(&b.client, "Create binding again").await?;
    check::toast_says(&b.client, "Binding created again").await?;
    let bindings = admin
        .get(&format!("hooli-undo/bindings/search?size=10&id={ops_id}"))
        .await?;
    anyhow::ensure!(
        bindings["total"] == json!(1) && bindings["results"][0]["namespace"] == "company.data",
        "the group holds its binding again: {bindings}"
    );

    // Gina, taken out of Ops, is named in the log and added back from it.
    let filter = AuditQuery {
        resource: Some("GROUP".into()),
        id: Some(ops_id.clone()),
        ..Default::default()
    };
    go(b, &ui(&routes::audit_logs("hooli-undo", &filter))).await?;
    check::row_shows(&b.client, "removed gina.undo@hooli.test from Ops").await?;
    open_newest_entry(b).await?;
    check::page_shows(&b.client, "Adds gina.undo@hooli.test back to the group.").await?;
    action::click(&b.client, "Add back to the group").await?;
    action::confirm(&b.client, "Add back to the group").await?;
    check::toast_says(&b.client, "Added back to the group").await?;
    b.screenshot("a-removed-member-is-back").await?;
    let members = admin
        .get(&format!("hooli-undo/groups/{ops_id}/members?size=10"))
        .await?;
    anyhow::ensure!(
        members["results"][0]["id"] == json!(gina_id),
        "Gina is a member of Ops again: {members}"
    );
    Ok(())
}

/// Opens the first row's entry (its date links to it).
async fn open_newest_entry(b: &Browser) -> anyhow::Result<()> {
    b.client
        .find(Locator::XPath("//tbody/tr[1]/td[1]//a"))
        .await?
        .click()
        .await?;
    Ok(())
}

/// Opens a console URL in the same tab (typed into its address bar), which stays signed in.
async fn go(b: &Browser, path: &str) -> anyhow::Result<()> {
    b.client.goto(&format!("{}{path}", b.origin)).await?;
    Ok(())
}

/// Waits until the tab keeps its sign-in (a token exchanged for the password just after it),
/// so opening a URL directly stays signed in.
async fn tab_keeps_the_sign_in(b: &Browser) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let stored = b
            .client
            .execute(
                "return sessionStorage.getItem('kestra-admin.tab-session') || '';",
                vec![],
            )
            .await?;
        if stored.as_str().is_some_and(|s| !s.is_empty()) {
            return Ok(());
        }
        anyhow::ensure!(
            std::time::Instant::now() < deadline,
            "the tab never kept its sign-in"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
