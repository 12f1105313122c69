//! The console's pages come in areas downloaded when first needed. When the network drops one
//! of those downloads, the page says so and offers to try again, and the rest of the console
//! keeps working.

use e2e::routes::AuditQuery;
use e2e::{Browser, action, check, devtools, find, routes, seed, ui};

/// The audit area's file (`split_audit-<hash>.wasm`), whatever its hash.
const AUDIT_AREA: &str = "*/split_audit-*";

pub async fn a_page_whose_code_cannot_be_downloaded_says_so_and_a_retry_shows_it(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "lost-download", "Lost Download").await?;
    b.open(&ui(&routes::users("lost-download"))).await?;
    action::sign_in_as_admin(&b.client).await?;
    check::heading_is(&b.client, "Users").await?;

    // A fresh load of the audit log (the tab keeps its sign-in) while its area cannot arrive.
    devtools::block(&b.client, &[AUDIT_AREA]).await?;
    let audit = ui(&routes::audit_logs("lost-download", &AuditQuery::default()));
    let outcome = async {
        b.visit(&audit).await?;
        check::alert_says(&b.client, "This page could not be downloaded").await?;
        b.screenshot("the-page-says-it-could-not-be-downloaded")
            .await?;
        // The frame is still there: the console did not die with the download.
        find::link(&b.client, "Users").await?;
        anyhow::Ok(())
    }
    .await;
    devtools::unblock(&b.client).await?;
    outcome?;

    // Back online, "Try again" from the keyboard shows the page in place.
    find::button(&b.client, "Try again")
        .await?
        .send_keys(action::key::ENTER)
        .await?;
    check::heading_is(&b.client, "Audit logs").await?;
    let path = b.path().await?;
    anyhow::ensure!(
        path.starts_with(&audit),
        "the retry left {audit} for {path}"
    );
    b.screenshot("the-retry-shows-the-page").await?;

    // And the other areas still come when needed.
    find::link(&b.client, "Groups").await?.click().await?;
    check::heading_is(&b.client, "Groups").await
}
