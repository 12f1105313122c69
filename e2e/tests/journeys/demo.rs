//! Demo deployments: the single-file sandbox with `--seed demo --demo-reset`, as a sales
//! engineer would leave it running for prospects.

use std::time::Duration;

use anyhow::{Context, ensure};
use e2e::dist::DistSandbox;
use e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD};
use e2e::{Browser, action, check, find, routes, ui};
use serde_json::Value;

/// How often the journey's sandbox restores its demo data: long enough to create a group in
/// between, short enough to wait for.
const RESET: &str = "8s";

pub async fn a_demo_reset_mid_journey_leaves_the_console_working_and_the_data_restored(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let server = DistSandbox::start(&["--seed", "demo", "--demo-reset", RESET]).await?;
    let origin = std::mem::replace(&mut b.origin, server.url.clone());
    let result = async {
        let demo_group = first_group_name(&b.origin, "dev").await?;
        b.open(&ui(&routes::groups("dev"))).await?;
        action::sign_in_as_admin(&b.client).await?;
        check::row_shows(&b.client, &demo_group).await?;
        check::page_shows(&b.client, "Demo sandbox.").await?;
        b.screenshot("demo-banner").await?;

        find::link(&b.client, "Create group").await?.click().await?;
        action::fill(&b.client, "Name", "Prospect experiments").await?;
        action::click(&b.client, "Create group").await?;
        check::toast_says(&b.client, "Group “Prospect experiments” created").await?;
        b.screenshot("group-created-before-the-reset").await?;

        // Wait for the reset the server announces, then keep using the same page.
        let next = next_reset_in(b).await?;
        tokio::time::sleep(next + Duration::from_millis(1500)).await;
        find::link(&b.client, "Groups").await?.click().await?;
        check::heading_is(&b.client, "Groups").await?;
        check::row_shows(&b.client, &demo_group).await?;
        check::row_gone(&b.client, "Prospect experiments").await?;
        ensure!(
            b.path().await? == ui(&routes::groups("dev")),
            "the reset sent the user away from their page"
        );
        b.screenshot("data-restored-console-still-signed-in")
            .await?;
        Ok(())
    }
    .await;
    b.origin = origin;
    server.stop().await;
    result
}

/// The name of the first group the demo data has in `tenant`.
async fn first_group_name(origin: &str, tenant: &str) -> anyhow::Result<String> {
    let page: Value = reqwest::Client::new()
        .get(format!(
            "{origin}/api/v1/{tenant}/groups/search?page=1&size=1&sort=name:asc"
        ))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    page["results"][0]["name"]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("the demo data has no group in {tenant}: {page}"))
}

/// How long until the next demo reset, from `sandboxDemo.nextResetAt` in `/api/v1/configs`
/// (the browser parses the timestamp, as the console's banner does).
async fn next_reset_in(b: &Browser) -> anyhow::Result<Duration> {
    let configs: Value = reqwest::get(format!("{}/api/v1/configs", b.origin))
        .await?
        .error_for_status()?
        .json()
        .await?;
    let next = configs["sandboxDemo"]["nextResetAt"]
        .as_str()
        .with_context(|| format!("no sandboxDemo.nextResetAt in {configs}"))?;
    let millis = b
        .client
        .execute(
            "return Math.max(0, Date.parse(arguments[0]) - Date.now());",
            vec![next.into()],
        )
        .await?;
    let millis = millis
        .as_f64()
        .with_context(|| format!("{next} is not a timestamp"))?;
    Ok(Duration::from_millis(millis as u64))
}
