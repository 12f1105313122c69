//! The frame around every page: switching tenant, reloading, signing out.

use e2e::harness::{ADMIN_EMAIL, ADMIN_PASSWORD, TempDir, start_sandbox};
use e2e::{Browser, action, check, find, routes, seed, ui};

pub async fn admin_switches_tenant_with_the_keyboard_and_a_reload_keeps_the_page(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "acme", "Acme Corp").await.ok();
    seed::tenant(&b.origin, "globex", "Globex").await.ok();
    b.open(&ui(&routes::tenant_home("acme"))).await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with(&ui(&routes::login(None)))
    })
    .await?;
    action::tick_remember_me(&b.client).await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::heading_is(&b.client, "Acme Corp").await?;
    b.screenshot("signed-in-on-acme").await?;

    action::switch_tenant_with_keyboard(&b.client, "glob").await?;
    check::path_becomes(&b.client, &b.origin, "/ui/globex/admin", |p| {
        p == ui(&routes::tenant_home("globex"))
    })
    .await?;
    check::heading_is(&b.client, "Globex").await?;
    b.screenshot("switched-to-globex").await?;

    b.client.refresh().await?;
    check::heading_is(&b.client, "Globex").await?;
    anyhow::ensure!(
        b.path().await? == ui(&routes::tenant_home("globex")),
        "the reload left the deep link"
    );
    b.screenshot("reloaded").await?;

    action::click(&b.client, "Sign out").await?;
    check::path_becomes(&b.client, &b.origin, "the sign-in page", |p| {
        p.starts_with(&ui(&routes::login(None)))
    })
    .await?;
    b.open(&ui(&routes::tenant_home("globex"))).await?;
    check::path_becomes(
        &b.client,
        &b.origin,
        "the sign-in page again: signing out forgets the credentials",
        |p| p.starts_with(&ui(&routes::login(None))),
    )
    .await?;
    b.screenshot("signed-out").await
}

pub async fn without_multi_tenancy_urls_have_no_tenant_and_there_is_no_picker(
    b: &mut Browser,
) -> anyhow::Result<()> {
    // A second sandbox, configured like Kestra with `kestra.ee.tenants.enabled: false`.
    let data = TempDir::new()?;
    let single = start_sandbox(&data.0, |s| s.multi_tenancy = false).await?;
    let origin = single.url();
    let result = async {
        b.client.goto(&format!("{origin}/ui/")).await?;
        check::path_becomes(&b.client, &origin, "the sign-in page", |p| {
            p.starts_with(&ui(&routes::login(None)))
        })
        .await?;
        action::tick_remember_me(&b.client).await?;
        action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
        check::path_becomes(&b.client, &origin, "/ui/admin", |p| {
            p == ui(&routes::tenant_home(""))
        })
        .await?;
        b.screenshot("single-tenant-overview").await?;
        anyhow::ensure!(
            find::tenant_picker_absent(&b.client).await?,
            "no tenant picker without multi-tenancy"
        );

        find::link(&b.client, "Groups").await?.click().await?;
        check::path_becomes(&b.client, &origin, "/ui/admin/groups", |p| {
            p == ui(&routes::groups(""))
        })
        .await?;
        check::heading_is(&b.client, "Groups").await?;
        b.screenshot("single-tenant-groups").await?;

        // A link with a tenant segment (e.g. bookmarked) lands on its tenant-less twin.
        b.client
            .goto(&format!("{origin}{}", ui(&routes::groups("main"))))
            .await?;
        check::path_becomes(&b.client, &origin, "/ui/admin/groups", |p| {
            p == ui(&routes::groups(""))
        })
        .await?;
        Ok(())
    }
    .await;
    single.stop().await;
    result
}

pub async fn the_console_fits_a_phone_screen(b: &mut Browser) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "pocket", "Pocket").await.ok();
    b.client.set_window_size(375, 800).await?;
    let result = async {
        b.open(&ui(&routes::groups("pocket"))).await?;
        action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
        check::heading_is(&b.client, "Groups").await?;
        b.screenshot("groups-on-a-phone").await?;
        check::fits_the_screen(&b.client).await?;
        for (path, heading, shot) in [
            (
                routes::my_profile("pocket"),
                "My profile",
                "profile-on-a-phone",
            ),
            (
                routes::instance_people("pocket"),
                "People of the instance",
                "people-on-a-phone",
            ),
        ] {
            b.visit(&ui(&path)).await?;
            check::heading_is(&b.client, heading).await?;
            b.screenshot(shot).await?;
            check::fits_the_screen(&b.client).await?;
        }
        Ok(())
    }
    .await;
    b.client.set_window_size(1280, 800).await?;
    result
}

pub async fn switching_tenant_from_a_group_lands_on_the_other_tenants_groups(
    b: &mut Browser,
) -> anyhow::Result<()> {
    seed::tenant(&b.origin, "switch-from", "Switch From")
        .await
        .ok();
    seed::tenant(&b.origin, "switch-to", "Switch To").await.ok();
    let group = seed::group(&b.origin, "switch-from", "Only here").await?;
    let id = group["id"].as_str().unwrap_or_default().to_owned();

    b.open(&ui(&routes::group("switch-from", &id))).await?;
    action::sign_in_with_password(&b.client, ADMIN_EMAIL, ADMIN_PASSWORD).await?;
    check::heading_is(&b.client, "Only here").await?;
    action::switch_tenant_with_keyboard(&b.client, "Switch To").await?;
    check::path_becomes(&b.client, &b.origin, "the other tenant's groups", |p| {
        p == ui(&routes::groups("switch-to"))
    })
    .await?;
    check::heading_is(&b.client, "Groups").await?;
    b.screenshot("the-other-tenants-groups").await
}
