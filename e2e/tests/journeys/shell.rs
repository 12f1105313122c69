//! The frame around every page: switching tenant, reloading, signing out.

use e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD};
use e2e::{Browser, action, check, seed};

pub async fn admin_switches_tenant_with_the_keyboard_and_a_reload_keeps_the_page(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "acme", "Acme Corp").await.ok();
    seed::tenant(&b.origin, "globex", "Globex").await.ok();
    b.open("/ui/acme/admin").await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with("/ui/login")
    })
    .await?;
    action::tick_remember_me(&b.client).await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::heading_is(&b.client, "Acme Corp").await?;
    b.screenshot("signed-in-on-acme").await?;

    action::switch_tenant_with_keyboard(&b.client, "glob").await?;
    check::path_becomes(&b.client, &b.origin, "/ui/globex/admin", |p| {
        p == "/ui/globex/admin"
    })
    .await?;
    check::heading_is(&b.client, "Globex").await?;
    b.screenshot("switched-to-globex").await?;

    b.client.refresh().await?;
    check::heading_is(&b.client, "Globex").await?;
    anyhow::ensure!(
        b.path().await? == "/ui/globex/admin",
        "the reload left the deep link"
    );
    b.screenshot("reloaded").await?;

    action::click(&b.client, "Sign out").await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with("/ui/login")
    })
    .await?;
    b.open("/ui/globex/admin").await?;
    check::path_becomes(
        &b.client,
        &b.origin,
        "the sign-in page again: signing out forgets the credentials",
        |p| p.starts_with("/ui/login"),
    )
    .await?;
    b.screenshot("signed-out").await
}
