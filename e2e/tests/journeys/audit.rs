//! The audit trail: the overview shows the last change made through the API; a role's
//! History explains a permission change as a diff; restoring the previous version puts the
//! role back as it was, and the restore is itself in the log.

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
    find::dialog(&b.client)
        .await?
        .find(Locator::XPath(".//button[normalize-space(.)='Restore']"))
        .await?
        .click()
        .await?;
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
    b.client
        .find(Locator::XPath("//tbody/tr[1]/td[1]//a"))
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Removed EXECUTE on FLOW").await?;
    check::page_shows(&b.client, "EXECUTE on FLOW removed").await?;
    b.reload().await?;
    check::heading_is(&b.client, "Removed EXECUTE on FLOW").await?;
    b.screenshot("one-entry-and-its-diff").await
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
