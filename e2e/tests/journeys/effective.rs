//! Effective access that reads at a glance (#16): what a person may do in one namespace, as the
//! role editor's matrix; a granted cell names its group and role, "why not?" on an empty cell
//! names a role that would grant it and gives it; a second person side by side.

use e2e::routes::EffectiveView;
use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::key::Key;
use serde_json::json;

pub async fn a_persons_effective_access_in_a_namespace_says_where_each_cell_comes_from_and_why_not(
    b: &mut Browser,
) -> anyhow::Result<()> {
    // Arrange: Aisha is in Data team, which holds Developer on company.data; Bilal holds
    // Flow janitor himself on company; nobody holds Flow janitor's FLOW:DELETE there yet.
    let t = "effective-matrix";
    let admin = seed::Admin::new(&b.origin);
    seed::tenant(&b.origin, t, "Effective matrix").await?;
    admin
        .post(&format!("{t}/namespaces"), json!({ "id": "company.data" }))
        .await?;
    let aisha = seed::user(&b.origin, "aisha@matrix.test", "Aisha", "Khan", &[t]).await?;
    let aisha_id = aisha["id"].as_str().unwrap_or_default().to_string();
    let bilal = seed::user(&b.origin, "bilal@matrix.test", "Bilal", "Rana", &[t]).await?;
    let bilal_id = bilal["id"].as_str().unwrap_or_default().to_string();
    let group = seed::group(&b.origin, t, "Data team").await?;
    let group_id = group["id"].as_str().unwrap_or_default().to_string();
    admin
        .put(&format!("{t}/groups/{group_id}/members/{aisha_id}"))
        .await?;
    let developer = seed::role(
        &b.origin,
        t,
        "Developer",
        json!({"FLOW": ["VIEW", "LIST", "CREATE", "UPDATE"], "EXECUTION": ["VIEW", "LIST"]}),
    )
    .await?;
    let janitor = seed::role(&b.origin, t, "Flow janitor", json!({"FLOW": ["DELETE"]})).await?;
    let id = |v: &serde_json::Value| v["id"].as_str().unwrap_or_default().to_string();
    seed::binding(
        &b.origin,
        t,
        "GROUP",
        &group_id,
        &id(&developer),
        Some("company.data"),
    )
    .await?;
    seed::binding(
        &b.origin,
        t,
        "USER",
        &bilal_id,
        &id(&janitor),
        Some("company"),
    )
    .await?;

    // Act: what may Aisha do in company.data?
    let in_data = EffectiveView {
        subject: Some(aisha_id.clone()),
        namespace: Some("company.data".into()),
        compare: None,
    };
    b.open(&ui(&routes::effective_at(t, &in_data))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Effective permissions").await?;
    check::page_shows(
        &b.client,
        "Aisha Khan holds 6 permissions in namespace company.data.",
    )
    .await?;
    check::field_holds(&b.client, "Namespace", "company.data").await?;
    b.screenshot("aisha-in-company-data").await?;

    // A granted cell names its group and its role.
    action::click(&b.client, "Flows: View, granted").await?;
    check::page_shows(
        &b.client,
        "Role Developer, via group Data team, on namespace company.data",
    )
    .await?;
    b.screenshot("a-granted-cell-names-group-and-role").await?;

    // "Why not?" on an empty cell names a role that would grant it and the binding needed.
    action::click(&b.client, "Flows: Delete, not granted").await?;
    check::page_shows(&b.client, "Why not?").await?;
    check::page_shows(&b.client, "Role Flow janitor").await?;
    check::page_shows(&b.client, "It needs a binding on namespace company.data").await?;
    b.screenshot("why-not-on-an-empty-cell").await?;

    // The matrix is crossed with the arrow keys, and the detail follows the focus.
    b.client
        .active_element()
        .await?
        .send_keys(&Key::Left)
        .await?;
    check::page_shows(&b.client, "Flows: Update").await?;
    check::page_shows(&b.client, "Granted in namespace company.data by:").await?;

    // IAM is tenant-wide only, whatever the namespace.
    action::click(&b.client, "Groups: Update, not granted").await?;
    check::page_shows(
        &b.client,
        "It needs a binding on the whole tenant: managing people, groups, roles and access is tenant-wide only.",
    )
    .await?;

    // Giving the role from "why not?" arrives filled in, and the cell is then granted.
    action::click(&b.client, "Flows: Delete, not granted").await?;
    find::link(
        &b.client,
        "Give Flow janitor to Aisha Khan on namespace company.data",
    )
    .await?
    .click()
    .await?;
    check::heading_is(&b.client, "Give a role").await?;
    check::page_shows(&b.client, "Flow janitor").await?;
    check::page_shows(&b.client, "Aisha Khan").await?;
    check::field_holds(&b.client, "Namespace", "company.data").await?;
    b.screenshot("give-role-filled-in-from-why-not").await?;
    action::click(&b.client, "Give role").await?;
    check::toast_says(
        &b.client,
        "Given: Flow janitor of Aisha Khan in company.data",
    )
    .await?;
    b.client
        .goto(&format!(
            "{}{}",
            b.origin,
            ui(&routes::effective_at(t, &in_data))
        ))
        .await?;
    action::click(&b.client, "Flows: Delete, granted").await?;
    check::page_shows(
        &b.client,
        "Role Flow janitor, bound directly, on namespace company.data",
    )
    .await?;

    // Side by side with Bilal, whose Flow janitor on company covers company.data.
    action::pick(&b.client, "Compare with", "bil", "Bilal Rana").await?;
    check::path_becomes(&b.client, &b.origin, "comparing with Bilal", |p| {
        p.contains(&format!("compare={bilal_id}"))
    })
    .await?;
    check::heading_is(&b.client, "Effective permissions").await?;
    check::page_shows(&b.client, "Aisha Khan and Bilal Rana").await?;
    find::button(
        &b.client,
        "Flows: View, Aisha Khan: granted; Bilal Rana: not granted",
    )
    .await?;
    action::click(
        &b.client,
        "Flows: Delete, Aisha Khan: granted; Bilal Rana: granted",
    )
    .await?;
    check::page_shows(
        &b.client,
        "Role Flow janitor, bound directly, on namespace company",
    )
    .await?;
    b.screenshot("aisha-beside-bilal").await?;

    // On the whole tenant, a namespace binding grants nothing: the cells say "elsewhere".
    action::click(&b.client, "Stop comparing").await?;
    action::click(&b.client, "Whole tenant").await?;
    check::page_shows(
        &b.client,
        "Aisha Khan holds no permission in the whole tenant.",
    )
    .await?;
    find::button(
        &b.client,
        "Flows: View, not granted here, granted elsewhere",
    )
    .await?;
    b.screenshot("aisha-on-the-whole-tenant").await?;
    Ok(())
}
