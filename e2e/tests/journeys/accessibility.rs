//! Accessibility: axe-core finds no WCAG 2.1 A or AA violation on any page of the console, in
//! the light and the dark colour scheme and at a phone's width, with real data on each page.

use std::time::{Duration, Instant};

use e2e::routes::{AuditQuery, EffectiveView};
use e2e::{Browser, a11y, action, check, look, routes, seed, ui};
use serde_json::json;

pub async fn every_page_passes_axe_in_light_dark_and_at_phone_width(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let admin = seed::Admin::new(&b.origin);
    let t = "lumon";
    seed::tenant(&b.origin, t, "Lumon").await?;
    // Where the copy page copies to.
    seed::tenant(&b.origin, "lumon-copy", "Lumon copy").await?;
    let mark = seed::user(&b.origin, "mark@lumon.test", "Mark", "Scout", &[t]).await?;
    let mark_id = mark["id"].as_str().unwrap_or_default().to_string();
    let group = seed::group(&b.origin, t, "Macrodata").await?;
    let group_id = group["id"].as_str().unwrap_or_default().to_string();
    admin
        .put(&format!("{t}/groups/{group_id}/members/{mark_id}"))
        .await?;
    let role = seed::role(
        &b.origin,
        t,
        "Refiner",
        json!({"FLOW": ["VIEW", "EXECUTE"]}),
    )
    .await?;
    let role_id = role["id"].as_str().unwrap_or_default().to_string();
    seed::binding(
        &b.origin,
        t,
        "GROUP",
        &group_id,
        &role_id,
        Some("company.data"),
    )
    .await?;
    let robot = admin
        .post(
            &format!("{t}/service-accounts"),
            json!({"name": "kier-bot"}),
        )
        .await?;
    let robot_id = robot["id"].as_str().unwrap_or_default().to_string();
    admin
        .post(
            &format!("{t}/service-accounts/{robot_id}/api-tokens"),
            json!({"name": "nightly", "maxAge": "P7D"}),
        )
        .await?;
    admin
        .post(
            &format!("{t}/invitations"),
            json!({"email": "helly@lumon.test"}),
        )
        .await?;
    let logs = admin.get(&format!("{t}/auditlogs/search?size=1")).await?;
    let newest = &logs["results"][0]["auditLog"];
    let (log_id, log_date) = (
        newest["id"].as_str().unwrap_or_default().to_string(),
        newest["date"].as_str().unwrap_or_default().to_string(),
    );

    b.open(&ui(&routes::tenant_home(t))).await?;
    e2e::find::button(&b.client, "Sign in").await?;
    every_mode(b, "sign-in").await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Lumon").await?;

    let pages = [
        ("overview", routes::tenant_home(t), "Lumon"),
        ("users", routes::users(t), "Users"),
        ("user", routes::user(t, &mark_id), "Mark Scout"),
        ("user-new", routes::user_new(t), "Create user"),
        ("groups", routes::groups(t), "Groups"),
        ("group", routes::group(t, &group_id), "Macrodata"),
        ("group-new", routes::group_new(t), "Create group"),
        ("roles", routes::roles(t), "Roles"),
        ("role", routes::role(t, &role_id), "Refiner"),
        ("role-new", routes::role_new(t), "Create role"),
        ("access", routes::access(t, &[]), "Access"),
        (
            "role-holders",
            routes::access(t, &[("role", Some(&role_id))]),
            "Access",
        ),
        ("binding-new", routes::binding_new(t, None), "Give a role"),
        (
            "effective",
            routes::effective(t, Some(&mark_id)),
            "Effective permissions",
        ),
        (
            "effective-compared-in-a-namespace",
            routes::effective_at(
                t,
                &EffectiveView {
                    subject: Some(mark_id.clone()),
                    namespace: Some("company.data".into()),
                    compare: Some(robot_id.clone()),
                },
            ),
            "Effective permissions",
        ),
        (
            "access-export",
            routes::access_export(t, Some("kestractl")),
            "Access as code",
        ),
        (
            "access-copy",
            routes::access_copy(t, Some("lumon-copy")),
            "Copy access to another tenant",
        ),
        ("invitations", routes::invitations(t), "Invitations"),
        (
            "invitation-new",
            routes::invitation_new(t, None),
            "Invite someone",
        ),
        (
            "service-accounts",
            routes::service_accounts(t),
            "Service accounts",
        ),
        (
            "service-account",
            routes::service_account(t, &robot_id),
            "kier-bot",
        ),
        (
            "service-account-new",
            routes::service_account_new(t),
            "Create service account",
        ),
        (
            "audit-logs",
            routes::audit_logs(t, &AuditQuery::default()),
            "Audit logs",
        ),
        ("audit-log", routes::audit_log(t, &log_id, &log_date), ""),
        ("tenants", routes::tenants(t), "Tenants"),
        ("tenant", routes::tenant(t, t), "Lumon"),
        ("tenant-new", routes::tenant_new(t), "Create tenant"),
        ("profile", routes::my_profile(t), "My profile"),
        ("my-tokens", routes::my_tokens(t), "My API tokens"),
        (
            "people",
            routes::instance_people(t),
            "People of the instance",
        ),
        ("person", routes::instance_person(t, &mark_id), "Mark Scout"),
        (
            "instance-service-accounts",
            routes::instance_service_accounts(t),
            "Service accounts of the instance",
        ),
    ];
    for (name, path, heading) in pages {
        b.client.goto(&format!("{}{}", b.origin, ui(&path))).await?;
        if heading.is_empty() {
            e2e::find::heading(&b.client).await?;
        } else {
            check::heading_is(&b.client, heading).await?;
        }
        every_mode(b, name).await?;
    }

    // A list with a selection, its bulk changes bar and the role picker open.
    b.client
        .goto(&format!("{}{}", b.origin, ui(&routes::users(t))))
        .await?;
    check::row_shows(&b.client, "Mark Scout").await?;
    action::toggle(&b.client, "Select all on this page").await?;
    action::click(&b.client, "Give a role").await?;
    e2e::find::field(&b.client, "Namespaces").await?;
    every_mode(b, "users-bulk-changes").await?;
    // The effective matrix with a cell's "why not?" open beside it.
    let in_data = EffectiveView {
        subject: Some(mark_id.clone()),
        namespace: Some("company.data".into()),
        compare: None,
    };
    b.client
        .goto(&format!(
            "{}{}",
            b.origin,
            ui(&routes::effective_at(t, &in_data))
        ))
        .await?;
    action::click(&b.client, "Flows: Delete, not granted").await?;
    check::page_shows(&b.client, "Why not?").await?;
    every_mode(b, "effective-why-not").await?;

    // The command palette, open with results of every kind.
    action::click(&b.client, "Search").await?;
    e2e::find::field(
        &b.client,
        "Search pages, actions, people, groups, roles and service accounts",
    )
    .await?
    .send_keys("r")
    .await?;
    e2e::find::option(&b.client, "Roles").await?;
    every_mode(b, "palette").await
}

/// Runs axe-core on the page as it is in light, dark, and light at 390 px (a screenshot of
/// each), and leaves the browser light at 1280 px.
async fn every_mode(b: &mut Browser, page: &str) -> anyhow::Result<()> {
    settled(b).await?;
    a11y::no_violations(&b.client, &format!("{page}, light")).await?;
    look::prefer_dark(&b.client, true).await?;
    a11y::no_violations(&b.client, &format!("{page}, dark")).await?;
    b.screenshot(&format!("{page}-dark")).await?;
    look::prefer_dark(&b.client, false).await?;
    b.client.set_window_size(390, 844).await?;
    let phone = a11y::no_violations(&b.client, &format!("{page}, 390 px")).await;
    b.screenshot(&format!("{page}-phone")).await?;
    b.client.set_window_size(1280, 800).await?;
    phone
}

/// Waits (up to 5 s) until nothing on the page says it is still loading ("Loading…" in a
/// status, or a table marked busy).
async fn settled(b: &Browser) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let loading = b
            .client
            .execute(
                "return [...document.querySelectorAll('[role=status]')].some(e => e.textContent.includes('…'))
                    || document.querySelector('[aria-busy=true]') !== null;",
                vec![],
            )
            .await?;
        if loading != serde_json::Value::Bool(true) || Instant::now() > deadline {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
