//! One rule for who sees which control: a Viewer (VIEW and LIST on everything a tenant
//! administers) walks every page of the tenant and is offered nothing they may not do.

use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::Client;
use serde_json::json;

pub async fn a_viewer_sees_no_control_they_cannot_use(b: &mut Browser) -> anyhow::Result<()> {
    let admin = seed::Admin::new(&b.origin);
    seed::tenant(&b.origin, "umbrella-viewer", "Umbrella").await?;
    let read = json!(["VIEW", "LIST"]);
    let viewer = seed::role(
        &b.origin,
        "umbrella-viewer",
        "Viewer",
        json!({"GROUP": read, "ROLE": read, "BINDING": read, "SERVICE_ACCOUNT": read,
               "TENANT_ACCESS": read, "INVITATION": read, "AUDITLOG": ["LIST"]}),
    )
    .await?;
    let dave = seed::user(
        &b.origin,
        "dave@umbrella.test",
        "Dave",
        "Viewer",
        &["umbrella-viewer"],
    )
    .await?;
    let dave_id = dave["id"].as_str().unwrap_or_default().to_string();
    let viewer_id = viewer["id"].as_str().unwrap_or_default().to_string();
    seed::binding(
        &b.origin,
        "umbrella-viewer",
        "USER",
        &dave_id,
        &viewer_id,
        None,
    )
    .await?;
    let ops = seed::group(&b.origin, "umbrella-viewer", "Ops").await?;
    let ops_id = ops["id"].as_str().unwrap_or_default().to_string();
    admin
        .put(&format!(
            "umbrella-viewer/groups/{ops_id}/members/{dave_id}"
        ))
        .await?;
    let robot = admin
        .post(
            "umbrella-viewer/service-accounts",
            json!({"name": "nightly-build"}),
        )
        .await?;
    let robot_id = robot["id"].as_str().unwrap_or_default().to_string();
    admin
        .post(
            &format!("umbrella-viewer/service-accounts/{robot_id}/api-tokens"),
            json!({"name": "build-token", "maxAge": "P30D"}),
        )
        .await?;

    b.open(&ui(&routes::users("umbrella-viewer"))).await?;
    action::sign_in_with_password(&b.client, "dave@umbrella.test", "User-pass-1").await?;
    check::row_shows(&b.client, "Dave Viewer").await?;
    offers_none(&b.client, &["Create user", "Give access"]).await?;
    check::absent(
        &b.client,
        "//input[@type='checkbox'][starts-with(@aria-label, 'Select ')]",
        "a Viewer is offered checkboxes to change many people at once",
    )
    .await?;
    b.screenshot("users").await?;

    visit(b, &routes::user("umbrella-viewer", &dave_id), "Dave Viewer").await?;
    action::click(&b.client, "Access").await?;
    check::page_shows(&b.client, "Roles in this tenant").await?;
    offers_none(
        &b.client,
        &["Revoke access", "Give a role", "Take away Viewer"],
    )
    .await?;
    b.screenshot("user-access").await?;
    action::click(&b.client, "Groups").await?;
    check::page_shows(&b.client, "Ops").await?;
    offers_none(&b.client, &["Save groups", "Add group"]).await?;

    visit(b, &routes::groups("umbrella-viewer"), "Groups").await?;
    check::row_shows(&b.client, "Ops").await?;
    offers_none(&b.client, &["Create group"]).await?;
    visit(b, &routes::group("umbrella-viewer", &ops_id), "Ops").await?;
    check::row_shows(&b.client, "Dave Viewer").await?;
    offers_none(
        &b.client,
        &[
            "Delete group",
            "Save",
            "Add member",
            "Remove Dave Viewer",
            "Make owner: Dave Viewer",
        ],
    )
    .await?;
    b.screenshot("group").await?;

    visit(b, &routes::roles("umbrella-viewer"), "Roles").await?;
    check::row_shows(&b.client, "Viewer").await?;
    offers_none(&b.client, &["Create role"]).await?;
    visit(b, &routes::role("umbrella-viewer", &viewer_id), "Viewer").await?;
    check::page_shows(&b.client, "Permissions").await?;
    offers_none(&b.client, &["Delete role", "Save", "Restore this version"]).await?;
    b.screenshot("role").await?;

    visit(b, &routes::access("umbrella-viewer", &[]), "Access").await?;
    check::row_shows(&b.client, "Dave Viewer").await?;
    offers_none(&b.client, &["Give a role", "Remove"]).await?;

    visit(
        b,
        &routes::service_accounts("umbrella-viewer"),
        "Service accounts",
    )
    .await?;
    check::row_shows(&b.client, "nightly-build").await?;
    offers_none(&b.client, &["Create service account"]).await?;
    visit(
        b,
        &routes::service_account("umbrella-viewer", &robot_id),
        "nightly-build",
    )
    .await?;
    check::page_shows(&b.client, "build-token").await?;
    offers_none(
        &b.client,
        &[
            "Delete service account",
            "Save",
            "New token",
            "Delete token build-token",
        ],
    )
    .await?;
    b.screenshot("service-account").await?;

    visit(b, &routes::invitations("umbrella-viewer"), "Invitations").await?;
    offers_none(&b.client, &["Invite someone", "Invite the first person"]).await
}

/// Opens `path` in the same tab and waits for its heading.
async fn visit(b: &Browser, path: &str, heading: &str) -> anyhow::Result<()> {
    b.client.goto(&format!("{}{}", b.origin, ui(path))).await?;
    check::heading_is(&b.client, heading).await
}

/// Checks that no enabled button, link or form field of the page is named by one of `names`.
async fn offers_none(client: &Client, names: &[&str]) -> anyhow::Result<()> {
    for name in names {
        let n = find::literal(name);
        // A closed dialog (a confirmation) stays in the page, unseen: its buttons do not count.
        let shown = "[not(ancestor::dialog[not(@open)])]";
        let control = format!(
            "//main//button[not(@disabled)][normalize-space(.)={n} or @aria-label={n}]{shown} \
             | //main//a[normalize-space(.)={n}]{shown} \
             | //main//input[not(@disabled)][@aria-label={n}]{shown} \
             | //main//label[normalize-space(span[contains(@class, 'label')])={n}]//input[not(@disabled)]{shown}"
        );
        check::absent(client, &control, &format!("a Viewer is offered “{name}”")).await?;
    }
    Ok(())
}
