//! The role editor with the keyboard and on every screen: the permission grid is one Tab stop
//! with arrow keys inside, a permission ticked with Space is saved, "Duplicate role" copies a
//! role through a URL that survives a reload, and the editor reads at desktop and phone widths,
//! light and dark.

use anyhow::{bail, ensure};
use e2e::{Browser, action, check, find, look, routes, seed, ui};
use fantoccini::key::Key;
use serde_json::json;

pub async fn the_role_grid_is_crossed_with_the_keyboard_in_under_10_tab_presses(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "role-keys", "Role keys").await?;
    b.open(&ui(&routes::role_new("role-keys"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Create role").await?;
    action::fill(&b.client, "Name", "Release manager").await?;
    check::page_shows(&b.client, "Flows & executions").await?;

    find::field(&b.client, "Description").await?.click().await?;
    let mut stops = Vec::new();
    while stops.last().map(String::as_str) != Some("Create role") {
        if stops.len() == 10 {
            bail!("10 Tab presses from Description did not reach Create role: {stops:?}");
        }
        press(b, Key::Tab).await?;
        stops.push(focused(b).await?);
        if stops.last().is_some_and(|s| s == "Flows: all actions") {
            b.screenshot("the-grid-has-focus").await?;
        }
    }
    ensure!(stops.len() < 10, "{} Tab presses: {stops:?}", stops.len());
    let in_grid = stops.iter().filter(|s| s.contains(": ")).count();
    ensure!(in_grid == 1, "the grid should be one Tab stop: {stops:?}");
    println!(
        "    Description to Create role: {} Tab presses ({})",
        stops.len(),
        stops.join(" → ")
    );
    b.screenshot("create-role-has-focus").await
}

pub async fn every_preset_grants_no_more_than_the_managed_admin_role(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "role-presets", "Role presets").await?;
    let admin = seed::Admin::new(&b.origin);
    let roles = admin.get("role-presets/roles/search?size=100").await?;
    let managed = roles["results"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["isManaged"] == json!(true))
        .ok_or_else(|| anyhow::anyhow!("no managed Admin role: {roles}"))?;
    let managed = admin
        .get(&format!(
            "role-presets/roles/{}",
            managed["id"].as_str().unwrap_or_default()
        ))
        .await?;
    b.open(&ui(&routes::role_new("role-presets"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Create role").await?;
    for preset in ["Admin", "Editor", "Developer", "Launcher", "Viewer"] {
        action::fill(&b.client, "Name", &format!("{preset} preset")).await?;
        action::click(&b.client, preset).await?;
        action::click(&b.client, "Create role").await?;
        check::toast_says(&b.client, &format!("Role “{preset} preset” created")).await?;
        let id = b
            .path()
            .await?
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let created = admin.get(&format!("role-presets/roles/{id}")).await?;
        let granted = created["permissions"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for (resource, actions) in &granted {
            for action in actions.as_array().into_iter().flatten() {
                let held = managed["permissions"][resource].as_array();
                ensure!(
                    held.is_some_and(|held| held.contains(action)),
                    "the {preset} preset grants {resource}:{action}, which Admin does not hold"
                );
            }
            ensure!(
                ![
                    "TENANT",
                    "INSTANCE",
                    "WORKER_GROUP",
                    "KILL_SWITCH",
                    "BANNER"
                ]
                .contains(&resource.as_str()),
                "the {preset} preset grants the instance-wide {resource}"
            );
        }
        b.visit(&ui(&routes::role_new("role-presets"))).await?;
    }
    b.screenshot("presets-checked").await
}

pub async fn a_permission_ticked_with_the_keyboard_is_saved(b: &mut Browser) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "initrode", "Initrode").await?;
    let role = seed::role(
        &b.origin,
        "initrode",
        "Operator",
        json!({"FLOW": ["VIEW", "LIST"]}),
    )
    .await?;
    let id = role["id"].as_str().unwrap_or_default().to_string();
    b.open(&ui(&routes::role("initrode", &id))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Operator").await?;
    check::page_shows(&b.client, "Flows & executions").await?;

    find::field(&b.client, "Description").await?.click().await?;
    tab_to(b, "Flows: all actions").await?;
    // Flows: All, View, List, Create, Update, Delete, Execute, …
    for _ in 0..6 {
        press(b, Key::Right).await?;
    }
    expect_focus(b, "Flows: Execute").await?;
    press(b, Key::Space).await?;
    ensure!(
        find::field(&b.client, "Flows: Execute")
            .await?
            .is_selected()
            .await?,
        "Space ticks the focused permission"
    );
    press(b, Key::Down).await?;
    expect_focus(b, "Executions: Restart").await?;
    press(b, Key::Up).await?;
    press(b, Key::Home).await?;
    expect_focus(b, "Flows: all actions").await?;
    b.screenshot("execute-ticked-by-keyboard").await?;

    tab_to(b, "Save").await?;
    press(b, Key::Enter).await?;
    // The preview of the change asks before saving; the keyboard confirms it too.
    check::page_shows(&b.client, "Nobody holds this role yet").await?;
    tab_to(b, "Save role").await?;
    press(b, Key::Enter).await?;
    check::toast_says(&b.client, "Role saved").await?;
    let saved = seed::Admin::new(&b.origin)
        .get(&format!("initrode/roles/{id}"))
        .await?;
    ensure!(
        saved["permissions"]["FLOW"] == json!(["VIEW", "LIST", "EXECUTE"]),
        "the server holds EXECUTE on FLOW: {}",
        saved["permissions"]
    );
    b.screenshot("saved").await
}

pub async fn duplicate_role_creates_a_copy_with_the_same_permissions(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "role-copy", "Role copy").await?;
    let permissions = json!({"FLOW": ["VIEW"], "AUDITLOG": ["VIEW", "LIST", "EXPORT"]});
    let role = seed::Admin::new(&b.origin)
        .post(
            "role-copy/roles",
            json!({"name": "Auditor", "description": "Reads the trail", "permissions": permissions}),
        )
        .await?;
    let id = role["id"].as_str().unwrap_or_default().to_string();
    b.open(&ui(&routes::role("role-copy", &id))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Auditor").await?;

    find::link(&b.client, "Duplicate role")
        .await?
        .click()
        .await?;
    check::path_becomes(&b.client, &b.origin, "the copy's form", |p| {
        p == ui(&routes::role_copy("role-copy", &id))
    })
    .await?;
    // The copy is in the URL: a reload shows the same form.
    b.reload().await?;
    check::heading_is(&b.client, "Create role").await?;
    check::field_holds(&b.client, "Name", "Copy of Auditor").await?;
    check::field_holds(&b.client, "Description", "Reads the trail").await?;
    ensure!(
        find::field(&b.client, "Audit logs: Export")
            .await?
            .is_selected()
            .await?,
        "the copy holds the original's permissions"
    );
    b.screenshot("copy-of-auditor").await?;
    action::click(&b.client, "Create role").await?;
    check::toast_says(&b.client, "Role “Copy of Auditor” created").await?;
    check::heading_is(&b.client, "Copy of Auditor").await?;
    let copy_id = b
        .path()
        .await?
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string();
    ensure!(copy_id != id, "a new role, not the original");
    let copy = seed::Admin::new(&b.origin)
        .get(&format!("role-copy/roles/{copy_id}"))
        .await?;
    ensure!(
        copy["permissions"] == permissions && copy["description"] == json!("Reads the trail"),
        "the copy holds what the original holds: {copy}"
    );
    b.screenshot("copy-created").await
}

pub async fn the_role_editor_reads_at_desktop_and_phone_widths_light_and_dark(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "role-looks", "Role looks").await?;
    b.open(&ui(&routes::roles("role-looks"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    find::row_link(&b.client, "Admin").await?.click().await?;
    check::heading_is(&b.client, "Admin").await?;
    let admin = b.path().await?;
    let result = async {
        for (width, dark) in [(1280, false), (1280, true), (390, false), (390, true)] {
            b.client.set_window_size(width, 800).await?;
            look::prefer_dark(&b.client, dark).await?;
            let look = format!("{width}-{}", if dark { "dark" } else { "light" });
            for (path, heading, page) in [
                (
                    ui(&routes::role_new("role-looks")),
                    "Create role",
                    "create-role",
                ),
                (admin.clone(), "Admin", "admin-role"),
            ] {
                b.visit(&path).await?;
                check::heading_is(&b.client, heading).await?;
                check::page_shows(&b.client, "Flows & executions").await?;
                b.screenshot(&format!("{page}-{look}")).await?;
                check::fits_the_screen(&b.client).await?;
            }
        }
        Ok(())
    }
    .await;
    look::prefer_dark(&b.client, false).await?;
    b.client.set_window_size(1280, 800).await?;
    result
}

/// Presses `key` on whatever has focus.
async fn press(b: &Browser, key: Key) -> anyhow::Result<()> {
    b.client.active_element().await?.send_keys(&key).await?;
    Ok(())
}

/// The accessible name of what has focus: its `aria-label`, its label's text, or its own text.
async fn focused(b: &Browser) -> anyhow::Result<String> {
    let name = b
        .client
        .execute(
            "const e = document.activeElement;
             return (e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].textContent) || e.textContent || '').trim();",
            vec![],
        )
        .await?;
    Ok(name.as_str().unwrap_or_default().to_string())
}

async fn expect_focus(b: &Browser, name: &str) -> anyhow::Result<()> {
    let now = focused(b).await?;
    ensure!(now == name, "focus should be on {name:?}, not {now:?}");
    Ok(())
}

/// Presses Tab until `name` has focus (at most 10 times).
async fn tab_to(b: &Browser, name: &str) -> anyhow::Result<()> {
    for _ in 0..10 {
        press(b, Key::Tab).await?;
        if focused(b).await? == name {
            return Ok(());
        }
    }
    bail!("10 Tab presses did not reach {name:?}")
}
