//! A tenant's access as code (Terraform, kestractl) and copied to an empty tenant.

use std::collections::{BTreeMap, BTreeSet};

use e2e::{Browser, action, check, find, routes, seed, ui};
use fantoccini::Locator;
use serde_json::{Value, json};

const SOURCE: &str = "access-code";
const TARGET: &str = "access-code-copy";

/// The "done when": the export of a seeded tenant parses as HCL and its kestractl
/// script holds one command per role and binding; copying to an empty tenant makes that
/// tenant's roles, groups (with members) and bindings equal to the source's.
pub async fn a_tenants_access_is_exported_as_code_and_copied_to_an_empty_tenant(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed_source(&b.origin).await?;
    seed::tenant(&b.origin, TARGET, "Access code copy").await?;

    b.open(&ui(&routes::access(SOURCE, &[]))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Access").await?;
    find::link(&b.client, "Export").await?.click().await?;
    check::heading_is(&b.client, "Access as code").await?;
    check::page_shows(&b.client, "4 bindings").await?;
    let terraform = shown_file(b, "Terraform file").await?;
    b.screenshot("terraform-file").await?;
    let body: hcl::Body = hcl::from_str(&terraform)
        .map_err(|e| anyhow::anyhow!("the Terraform file does not parse: {e}\n{terraform}"))?;
    let resources = |kind: &str| {
        body.blocks()
            .filter(|b| b.identifier() == "resource" && b.labels()[0].as_str() == kind)
            .count()
    };
    // Two roles of the tenant's own (its managed Admin is Kestra's), one group with two
    // members, two namespaces (company.data and `company` above it, listed as Kestra lists
    // parents), four bindings.
    anyhow::ensure!(resources("kestra_role") == 2, "{terraform}");
    anyhow::ensure!(resources("kestra_group") == 1, "{terraform}");
    anyhow::ensure!(
        resources("kestra_user_group_membership") == 2,
        "{terraform}"
    );
    anyhow::ensure!(resources("kestra_namespace") == 2, "{terraform}");
    anyhow::ensure!(resources("kestra_binding") == 4, "{terraform}");

    action::click(&b.client, "kestractl script").await?;
    let script = shown_file(b, "kestractl script file").await?;
    b.screenshot("kestractl-script").await?;
    let commands = |what: &str| {
        script
            .lines()
            .filter(|l| !l.starts_with('#') && l.contains(what))
            .count()
    };
    anyhow::ensure!(commands("kestractl roles create") == 2, "{script}");
    anyhow::ensure!(commands("kestractl bindings create") == 4, "{script}");
    anyhow::ensure!(
        script.contains("# - kestractl cannot create a namespace: company, company.data"),
        "{script}"
    );

    // Copy to the empty tenant: the plan first, then a confirmation, then the report.
    find::link(&b.client, "← Access").await?.click().await?;
    find::link(&b.client, "Copy to another tenant")
        .await?
        .click()
        .await?;
    check::heading_is(&b.client, "Copy access to another tenant").await?;
    action::choose(&b.client, "Copy to", "Access code copy").await?;
    check::page_shows(&b.client, "in tenant access-code-copy").await?;
    check::row_shows(&b.client, "Group \"Data team\"").await?;
    b.screenshot("copy-plan").await?;
    action::click(&b.client, "Copy to access-code-copy").await?;
    action::confirm(&b.client, "Copy").await?;
    check::page_shows(&b.client, "0 failed.").await?;
    b.screenshot("copy-report").await?;

    let admin = seed::Admin::new(&b.origin);
    let (source, copy) = (
        access_of(&admin, SOURCE).await?,
        access_of(&admin, TARGET).await?,
    );
    anyhow::ensure!(
        source == copy,
        "after the copy\n{source:#?}\nis not\n{copy:#?}"
    );

    // A second copy finds everything there already (the same tab: still signed in).
    let again = ui(&routes::access_copy(SOURCE, Some(TARGET)));
    b.client.goto(&format!("{}{again}", b.origin)).await?;
    check::page_shows(&b.client, "0 to create").await?;
    Ok(())
}

/// A role of its own on a namespace to a group of two, a reader role to a person, the
/// managed Admin to another person.
async fn seed_source(origin: &str) -> anyhow::Result<()> {
    let admin = seed::Admin::new(origin);
    seed::tenant(origin, SOURCE, "Access code").await?;
    admin
        .post(
            &format!("{SOURCE}/namespaces"),
            json!({ "id": "company.data", "description": "Data flows" }),
        )
        .await?;
    let mut people = Vec::new();
    for (email, first) in [("ada@code.test", "Ada"), ("bo@code.test", "Bo")] {
        let user = seed::user(origin, email, first, "Coder", &[SOURCE]).await?;
        people.push(user["id"].as_str().unwrap_or_default().to_string());
    }
    let developer = seed::role(
        origin,
        SOURCE,
        "Data developer",
        json!({ "FLOW": ["VIEW", "CREATE"], "EXECUTION": ["VIEW"] }),
    )
    .await?;
    let reader = seed::role(origin, SOURCE, "Group reader", json!({ "GROUP": ["LIST"] })).await?;
    let group = seed::group(origin, SOURCE, "Data team").await?;
    let (group, developer, reader) = (id(&group), id(&developer), id(&reader));
    for person in &people {
        admin
            .put(&format!("{SOURCE}/groups/{group}/members/{person}"))
            .await?;
    }
    seed::binding(
        origin,
        SOURCE,
        "GROUP",
        &group,
        &developer,
        Some("company.data"),
    )
    .await?;
    seed::binding(origin, SOURCE, "GROUP", &group, &reader, None).await?;
    seed::binding(origin, SOURCE, "USER", &people[0], &reader, None).await?;
    seed::make_tenant_admin(origin, SOURCE, &people[1]).await?;
    Ok(())
}

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap_or_default().to_string()
}

/// The text of the file the export page shows.
async fn shown_file(b: &Browser, label: &str) -> anyhow::Result<String> {
    let pre = b
        .client
        .wait()
        .for_element(Locator::XPath(&format!("//pre[@aria-label='{label}']")))
        .await?;
    Ok(pre.text().await?)
}

/// A tenant's access as the copy must reproduce it: each role's permissions by name, each
/// group's members by name, and each binding as (type, subject, role name, namespace).
#[derive(Debug, PartialEq)]
struct Access {
    roles: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
    groups: BTreeMap<String, BTreeSet<String>>,
    bindings: BTreeSet<(String, String, String, String)>,
}

async fn access_of(admin: &seed::Admin, tenant: &str) -> anyhow::Result<Access> {
    let mut roles = BTreeMap::new();
    let mut role_names = BTreeMap::new();
    for role in results(
        admin
            .get(&format!("{tenant}/roles/search?size=100"))
            .await?,
    ) {
        let detail = admin.get(&format!("{tenant}/roles/{}", id(&role))).await?;
        let permissions = detail["permissions"]
            .as_object()
            .map(|p| {
                p.iter()
                    .map(|(resource, actions)| {
                        let actions = actions.as_array().into_iter().flatten();
                        let actions = actions.filter_map(|a| a.as_str().map(str::to_string));
                        (resource.clone(), actions.collect())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let name = role["name"].as_str().unwrap_or_default().to_string();
        role_names.insert(id(&role), name.clone());
        roles.insert(name, permissions);
    }
    let mut groups = BTreeMap::new();
    let mut group_names = BTreeMap::new();
    for group in results(
        admin
            .get(&format!("{tenant}/groups/search?size=100"))
            .await?,
    ) {
        let members = admin
            .get(&format!("{tenant}/groups/{}/members?size=100", id(&group)))
            .await?;
        let name = group["name"].as_str().unwrap_or_default().to_string();
        group_names.insert(id(&group), name.clone());
        groups.insert(name, results(members).iter().map(id).collect());
    }
    let mut bindings = BTreeSet::new();
    for binding in results(
        admin
            .get(&format!("{tenant}/bindings/search?size=100"))
            .await?,
    ) {
        let kind = binding["type"].as_str().unwrap_or_default().to_string();
        let subject = match kind.as_str() {
            "GROUP" => group_names[&id(&binding["group"])].clone(),
            _ => id(&binding["user"]),
        };
        let role = role_names[&id(&binding["role"])].clone();
        let namespace = binding["namespace"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        bindings.insert((kind, subject, role, namespace));
    }
    Ok(Access {
        roles,
        groups,
        bindings,
    })
}

fn results(page: Value) -> Vec<Value> {
    page["results"].as_array().cloned().unwrap_or_default()
}
