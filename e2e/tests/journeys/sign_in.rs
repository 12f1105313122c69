//! Signing in and landing in a tenant.

use e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD};
use e2e::{Browser, action, check, find, routes, seed, ui};

pub async fn admin_signs_in_and_lands_on_a_tenant_page(b: &mut Browser) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "acme", "Acme Corp").await.ok();

    b.open(&ui(&routes::landing())).await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with(&ui(&routes::login(None)))
    })
    .await?;
    b.screenshot("sign-in-page").await?;

    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    let path = check::path_becomes(
        &b.client,
        &b.origin,
        "a tenant page /ui/<tenant>/...",
        |p| {
            p.starts_with("/ui/")
                && !p.starts_with(&ui(&routes::login(None)))
                && p.ends_with("/admin")
        },
    )
    .await?;
    check::heading_is(&b.client, "Acme Corp").await?;
    anyhow::ensure!(path == ui(&routes::tenant_home("acme")), "landed on {path}");
    b.screenshot("tenant-page").await
}

pub async fn a_wrong_password_is_refused_with_a_clear_message(
    b: &mut Browser,
) -> anyhow::Result<()> {
    b.open(&ui(&routes::login(None))).await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, "not-the-password").await?;
    check::alert_says(&b.client, "Wrong email or password").await?;
    b.screenshot("wrong-password").await?;
    let path = b.path().await?;
    anyhow::ensure!(
        path.starts_with(&ui(&routes::login(None))),
        "a failed sign-in left the sign-in page for {path}"
    );
    Ok(())
}

pub async fn a_deep_link_survives_sign_in(b: &mut Browser) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "globex", "Globex").await.ok();
    b.open(&ui(&routes::tenant_home("globex"))).await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with("/ui/login?redirect=")
    })
    .await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::path_becomes(&b.client, &b.origin, "/ui/globex/admin", |p| {
        p == ui(&routes::tenant_home("globex"))
    })
    .await?;
    check::heading_is(&b.client, "Globex").await?;
    b.screenshot("back-on-the-deep-link").await
}

pub async fn admin_signs_in_with_an_api_token(b: &mut Browser) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "umbrella", "Umbrella").await.ok();
    let token = seed::admin_token(&b.origin, "e2e-sign-in").await?;
    b.open(&ui(&routes::tenant_home("umbrella"))).await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with(&ui(&routes::login(None)))
    })
    .await?;

    action::sign_in_with_token(&b.client, "not-a-real-token").await?;
    check::alert_says(&b.client, "This API token is not valid").await?;
    b.screenshot("wrong-token").await?;

    action::sign_in_with_token(&b.client, &token).await?;
    check::path_becomes(&b.client, &b.origin, "/ui/umbrella/admin", |p| {
        p == ui(&routes::tenant_home("umbrella"))
    })
    .await?;
    check::heading_is(&b.client, "Umbrella").await?;
    let url = b.client.current_url().await?;
    anyhow::ensure!(
        !url.as_str().contains(&token),
        "the token must never appear in a URL"
    );
    b.screenshot("signed-in-with-token").await
}

pub async fn a_token_revoked_mid_session_sends_the_user_to_sign_in_and_back(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "revoked-mid-session", "Revoked mid-session")
        .await
        .ok();
    let token = seed::admin_token(&b.origin, "e2e-revoked-mid-session").await?;
    b.open(&ui(&routes::groups("revoked-mid-session"))).await?;
    action::sign_in_with_token(&b.client, &token).await?;
    check::heading_is(&b.client, "Groups").await?;

    seed::revoke_admin_token(&b.origin, "e2e-revoked-mid-session").await?;
    find::link(&b.client, "Users").await?.click().await?;
    check::path_becomes(&b.client, &b.origin, "sign-in, remembering the page", |p| {
        p == ui(&routes::login(Some(&routes::users("revoked-mid-session"))))
    })
    .await?;
    b.screenshot("sent-to-sign-in").await?;

    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::path_becomes(&b.client, &b.origin, "back on the users page", |p| {
        p == ui(&routes::users("revoked-mid-session"))
    })
    .await?;
    check::heading_is(&b.client, "Users").await?;
    b.screenshot("back-on-the-page").await
}

pub async fn a_reload_keeps_the_tab_signed_in_and_sign_out_revokes_its_token(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "dunder-mifflin", "Dunder Mifflin").await?;
    let deep_link = ui(&routes::groups("dunder-mifflin"));
    b.open(&deep_link).await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::path_becomes(&b.client, &b.origin, "the deep link", |p| p == deep_link).await?;
    check::heading_is(&b.client, "Groups").await?;
    b.screenshot("signed-in-without-remember-me").await?;

    // The tab keeps a token of its own, never the password.
    let stored = b
        .client
        .execute(
            "return sessionStorage.getItem('kestra-admin.tab-session') || '';",
            vec![],
        )
        .await?;
    let stored = stored.as_str().unwrap_or_default().to_string();
    anyhow::ensure!(!stored.contains(ADMIN_PASSWORD), "the password was stored");
    let token = serde_json::from_str::<serde_json::Value>(&stored)?["token"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("no token kept for the tab: {stored:?}"))?;

    b.reload().await?;
    check::heading_is(&b.client, "Groups").await?;
    anyhow::ensure!(
        b.path().await? == deep_link,
        "the reload left the deep link"
    );
    b.screenshot("still-signed-in-after-reload").await?;

    action::click(&b.client, "Sign out").await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with(&ui(&routes::login(None)))
    })
    .await?;
    b.screenshot("signed-out").await?;
    check::token_stops_working(&b.origin, &token).await
}
