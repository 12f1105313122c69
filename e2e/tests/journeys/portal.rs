//! Embedding: the example portal (`examples/portal/`) hosting the console, served by the
//! single-file sandbox of `cargo xtask dist`, with sign-in handed over by the portal.

use anyhow::ensure;
use e2e::dist::{DistSandbox, portal_dir};
use e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD};
use e2e::{Browser, action, check, find, routes, seed};
use serde_json::Value;

/// Where the example portal mounts the console (its router base).
const PORTAL: &str = "/portal/admin";

/// What a portal stores after its own sign-in (see `examples/portal/portal.js`).
const PORTAL_TOKEN_KEY: &str = "acme-portal.kestra-token";

/// The computed styles of the portal's own elements that a leaking stylesheet would change.
const HOST_STYLES: &str = "const pick = (s) => { const c = getComputedStyle(document.querySelector(s)); \
     return [c.fontFamily, c.fontSize, c.color, c.backgroundColor, c.margin, c.boxSizing].join(' | '); }; \
     return [pick('body'), pick('.portal-header'), pick('.portal-header h1'), pick('.portal-breadcrumb')];";

async fn start_portal_server() -> anyhow::Result<DistSandbox> {
    let portal = portal_dir();
    DistSandbox::start(&["--portal-dir", &portal.to_string_lossy(), "--seed", "demo"]).await
}

pub async fn the_portal_mounts_the_console_signed_in_by_its_token(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let server = start_portal_server().await?;
    let origin = std::mem::replace(&mut b.origin, server.url.clone());
    let result = async {
        let token = seed::admin_token(&b.origin, "portal-journey").await?;
        // Before the console is mounted: the portal asks its own user to sign in first.
        b.open("/portal/admin/").await?;
        check::page_shows(&b.client, "Sign in to the Acme portal").await?;
        let before = b.client.execute(HOST_STYLES, vec![]).await?;
        b.screenshot("portal-before-the-console").await?;

        // The portal has signed its user in and holds a Kestra token (as after its SSO).
        portal_signed_in(b, &token).await?;
        let tenant_home = check::path_becomes(
            &b.client,
            &b.origin,
            "a tenant page under /portal/admin/",
            |p| p.starts_with("/portal/admin/") && p.ends_with("/admin"),
        )
        .await?;
        find::tenant_picker(&b.client).await?;
        b.screenshot("console-mounted-and-signed-in").await?;
        check::absent(
            &b.client,
            "//form[contains(@class, 'sign-in')]",
            "no sign-in form of the console",
        )
        .await?;
        check::absent(
            &b.client,
            "//button[normalize-space(.)='Sign out']",
            "no sign-out of the console: the portal has its own",
        )
        .await?;
        let after = b.client.execute(HOST_STYLES, vec![]).await?;
        ensure!(
            before == after,
            "mounting the console changed the portal's own styles: {before} became {after}"
        );
        let tenant = tenant_home
            .split('/')
            .nth(3)
            .unwrap_or_default()
            .to_string();
        breadcrumb_says(b, &format!("tenant {tenant}")).await?;

        // Navigating inside the console updates the portal's breadcrumb.
        find::link(&b.client, "Groups").await?.click().await?;
        check::path_becomes(&b.client, &b.origin, "the groups page", |p| {
            p == format!("{PORTAL}{}", routes::groups(&tenant))
        })
        .await?;
        breadcrumb_says(b, "groups").await?;
        b.screenshot("groups-in-the-portal").await?;

        // Switching tenant keeps the section, and the address bar stays under the portal.
        let other = if tenant == "staging" {
            "prod"
        } else {
            "staging"
        };
        action::switch_tenant_with_keyboard(&b.client, other).await?;
        check::path_becomes(&b.client, &b.origin, "the other tenant's groups", |p| {
            p == format!("{PORTAL}{}", routes::groups(other))
        })
        .await?;
        breadcrumb_says(b, &format!("tenant {other}")).await?;

        find::link(&b.client, "Create group").await?.click().await?;
        check::heading_is(&b.client, "Create group").await?;
        action::fill(&b.client, "Name", "Portal guild").await?;
        action::click(&b.client, "Create group").await?;
        check::toast_says(&b.client, "Group “Portal guild” created").await?;
        check::heading_is(&b.client, "Portal guild").await?;
        b.screenshot("group-created-from-the-portal").await?;
        let still = b.client.execute(HOST_STYLES, vec![]).await?;
        ensure!(
            before == still,
            "the portal's styles changed while using the console"
        );

        // The token stops working mid-session: the console asks the portal for a new one, the
        // portal signs its user in again, and the console carries on where it was.
        seed::revoke_admin_token(&b.origin, "portal-journey").await?;
        find::link(&b.client, "Users").await?.click().await?;
        check::page_shows(&b.client, "Waiting for the portal").await?;
        check::page_shows(&b.client, "Sign in to the Acme portal").await?;
        b.screenshot("token-revoked-portal-asks-again").await?;
        action::fill(&b.client, "Email", ADMIN_EMAIL).await?;
        action::fill(&b.client, "Password", ADMIN_PASSWORD).await?;
        action::click(&b.client, "Sign in").await?;
        check::path_becomes(&b.client, &b.origin, "the users page again", |p| {
            p == format!("{PORTAL}{}", routes::users(other))
        })
        .await?;
        check::heading_is(&b.client, "Users").await?;
        b.screenshot("signed-in-again-by-the-portal").await?;
        Ok(())
    }
    .await;
    b.origin = origin;
    server.stop().await;
    result
}

pub async fn the_iframe_console_takes_a_token_only_from_a_trusted_origin(
    b: &mut Browser,
) -> anyhow::Result<()> {
    let server = start_portal_server().await?;
    let origin = std::mem::replace(&mut b.origin, server.url.clone());
    let result = async {
        let token = seed::admin_token(&b.origin, "iframe-journey").await?;
        // A page of the console's origin frames the console, and a third-party frame (a
        // sandboxed document: an opaque origin) posts it a perfectly valid token.
        b.open("/portal/portal.css").await?;
        b.client
            .execute(
                "document.body.innerHTML = ''; \
                 const console = document.createElement('iframe'); \
                 console.src = '/ui/'; console.style = 'width: 1000px; height: 600px'; \
                 document.body.append(console); \
                 const stranger = document.createElement('iframe'); \
                 stranger.setAttribute('sandbox', 'allow-scripts'); \
                 stranger.srcdoc = `<script>setInterval(() => parent.frames[0].postMessage( \
                     {type: 'kestra-admin:token', token: ${JSON.stringify(arguments[0])}}, '*'), 200)<\\/script>`; \
                 document.body.append(stranger);",
                vec![token.clone().into()],
            )
            .await?;
        b.client.enter_frame(0).await?;
        check::page_shows(&b.client, "Waiting for the portal").await?;
        // The stranger keeps posting; the console must keep waiting.
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        check::page_shows(&b.client, "Waiting for the portal").await?;
        b.client.enter_parent_frame().await?;
        b.screenshot("a-stranger-s-token-is-ignored").await?;

        // The same token from the console's own origin (the portal) signs it in.
        b.client
            .execute(
                "document.querySelector('iframe').contentWindow.postMessage( \
                     {type: 'kestra-admin:token', token: arguments[0]}, location.origin);",
                vec![token.clone().into()],
            )
            .await?;
        b.client.enter_frame(0).await?;
        find::tenant_picker(&b.client).await?;
        b.client.enter_parent_frame().await?;
        b.screenshot("the-portal-s-token-signs-in").await?;

        // The example portal's iframe page does this by itself, and follows the navigation.
        b.open("/portal/iframe.html").await?;
        portal_signed_in(b, &token).await?;
        b.client.enter_frame(0).await?;
        find::tenant_picker(&b.client).await?;
        find::link(&b.client, "Roles").await?.click().await?;
        check::heading_is(&b.client, "Roles").await?;
        b.client.enter_parent_frame().await?;
        breadcrumb_says(b, "roles").await?;
        b.screenshot("portal-iframe-follows-navigation").await?;
        Ok(())
    }
    .await;
    let _ = b.client.enter_parent_frame().await;
    b.origin = origin;
    server.stop().await;
    result
}

/// Puts the page's portal in the state its own sign-in leaves it in (holding `token`), and
/// reloads the page.
async fn portal_signed_in(b: &Browser, token: &str) -> anyhow::Result<()> {
    b.client
        .execute(
            "sessionStorage.setItem(arguments[0], arguments[1]);",
            vec![PORTAL_TOKEN_KEY.into(), token.into()],
        )
        .await?;
    b.client.refresh().await?;
    Ok(())
}

/// Waits until the portal's own breadcrumb (fed by the console's navigation events) contains
/// `text`.
async fn breadcrumb_says(b: &Browser, text: &str) -> anyhow::Result<()> {
    let deadline = std::time::Instant::now() + e2e::find::WAIT;
    loop {
        let crumb: Value = b
            .client
            .execute(
                "return document.querySelector('.portal-breadcrumb').textContent;",
                vec![],
            )
            .await?;
        if crumb.as_str().is_some_and(|c| c.contains(text)) {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "expected the portal's breadcrumb to say {text:?}, it says {crumb}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
