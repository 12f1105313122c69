//! Every end-to-end journey, run one after another in one browser (starting Chromium is the
//! slow part). `cargo test -p e2e --test journeys [filter]` runs those whose name contains
//! the filter. Screenshots of each step land in `target/e2e/<journey>/`.

mod access;
mod access_code;
mod accessibility;
mod audit;
mod bad_input;
mod bulk;
mod demo;
mod effective;
mod groups;
mod instance;
mod invitations;
mod lost_download;
mod palette;
mod portal;
mod profile;
mod role_editor;
mod roles;
mod service_accounts;
mod shell;
mod sign_in;
mod tenants;
mod tokens;
mod unsaved;
mod users;
mod viewer;

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

use e2e::{Browser, Harness};

type Journey =
    for<'a> fn(&'a mut Browser) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + 'a>>;

/// Lists journeys as `module::function`, named after the function.
macro_rules! journeys {
    ($($module:ident :: $name:ident),* $(,)?) => {
        &[$((stringify!($name), |b| Box::pin($module::$name(b)))),*]
    };
}

const JOURNEYS: &[(&str, Journey)] = journeys![
    sign_in::admin_signs_in_and_lands_on_a_tenant_page,
    sign_in::a_wrong_password_is_refused_with_a_clear_message,
    sign_in::a_deep_link_survives_sign_in,
    sign_in::a_reload_keeps_the_tab_signed_in_and_sign_out_revokes_its_token,
    sign_in::admin_signs_in_with_an_api_token,
    sign_in::a_token_revoked_mid_session_sends_the_user_to_sign_in_and_back,
    profile::a_user_accepts_an_invitation_and_changes_their_own_password,
    instance::an_instance_owner_finds_a_person_without_tenant_grants_restricts_and_deletes_them,
    instance::a_tenant_admin_sees_no_instance_section_and_its_urls_are_not_allowed,
    instance::an_instance_owner_finds_a_service_account_no_tenant_uses_and_deletes_it,
    shell::admin_switches_tenant_with_the_keyboard_and_a_reload_keeps_the_page,
    shell::without_multi_tenancy_urls_have_no_tenant_and_there_is_no_picker,
    shell::the_console_fits_a_phone_screen,
    palette::the_command_palette_finds_a_group_and_starts_an_action_by_keyboard,
    shell::switching_tenant_from_a_group_lands_on_the_other_tenants_groups,
    groups::admin_creates_a_group_with_two_members_removes_one_makes_one_owner_and_deletes_it,
    tenants::admin_creates_a_tenant_and_switches_to_it,
    tenants::renaming_a_tenant_keeps_every_other_setting,
    users::admin_creates_a_user_sets_their_password_and_they_sign_in,
    users::admin_grants_and_revokes_access_and_invites_an_unknown_email,
    users::a_tenant_admin_sees_users_read_only_and_manages_service_accounts,
    users::admin_puts_a_user_in_a_group_and_removes_their_password,
    users::a_reload_keeps_the_user_tab_that_was_open,
    bulk::admin_gives_a_role_to_30_of_200_people_selected_across_two_pages,
    bulk::admin_adds_people_to_a_group_removes_them_retrying_the_failed_and_removes_access,
    bulk::admin_gives_two_groups_a_role_and_adds_two_service_accounts_to_a_group,
    service_accounts::admin_creates_edits_and_deletes_a_service_account,
    tokens::a_service_account_token_works_until_it_is_revoked,
    tokens::admin_manages_their_own_tokens_from_the_user_menu,
    bad_input::a_duplicate_email_is_explained_and_the_form_is_kept,
    bad_input::an_invalid_service_account_name_is_refused_as_typed,
    bad_input::a_past_expiry_date_is_refused_as_picked,
    bad_input::a_server_down_mid_submit_loses_nothing,
    bad_input::a_name_with_markup_shows_as_text,
    unsaved::leaving_a_role_with_unsaved_edits_asks_and_staying_keeps_them,
    roles::admin_creates_a_role_with_the_matrix_makes_it_default_and_deletes_it,
    roles::a_role_change_is_previewed_naming_its_group_and_members,
    roles::taking_away_ones_own_way_to_manage_access_is_said_in_red,
    role_editor::the_role_grid_is_crossed_with_the_keyboard_in_under_10_tab_presses,
    role_editor::every_preset_grants_no_more_than_the_managed_admin_role,
    role_editor::a_permission_ticked_with_the_keyboard_is_saved,
    role_editor::duplicate_role_creates_a_copy_with_the_same_permissions,
    role_editor::the_role_editor_reads_at_desktop_and_phone_widths_light_and_dark,
    access::a_group_role_lets_its_members_do_exactly_what_it_grants,
    effective::a_persons_effective_access_in_a_namespace_says_where_each_cell_comes_from_and_why_not,
    access_code::a_tenants_access_is_exported_as_code_and_copied_to_an_empty_tenant,
    invitations::admin_invites_an_email_with_a_role_and_revokes_the_invitation,
    portal::the_portal_mounts_the_console_signed_in_by_its_token,
    portal::the_iframe_console_takes_a_token_only_from_a_trusted_origin,
    viewer::a_viewer_sees_no_control_they_cannot_use,
    audit::admin_restores_a_role_from_its_history_and_the_log_shows_both_changes,
    audit::admin_puts_back_a_deleted_binding_and_a_removed_member_from_the_log,
    accessibility::every_page_passes_axe_in_light_dark_and_at_phone_width,
    demo::a_demo_reset_mid_journey_leaves_the_console_working_and_the_data_restored,
    lost_download::a_page_whose_code_cannot_be_downloaded_says_so_and_a_retry_shows_it,
];

fn main() {
    let filter = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_default();
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    let failures = runtime.block_on(async {
        let mut harness = match Harness::start().await {
            Ok(harness) => harness,
            Err(error) => {
                eprintln!("could not start the end-to-end harness: {error:#}");
                return 1;
            }
        };
        let mut failures = 0;
        for (name, journey) in JOURNEYS.iter().filter(|(name, _)| name.contains(&filter)) {
            let started = Instant::now();
            let result = match harness.browser.begin(name).await {
                Ok(()) => journey(&mut harness.browser).await,
                Err(error) => Err(error),
            };
            match result {
                Ok(()) => println!("journey {name} ... ok ({:.1?})", started.elapsed()),
                Err(error) => {
                    failures += 1;
                    let _ = harness.browser.screenshot("failure").await;
                    println!("journey {name} ... FAILED: {error:#}");
                }
            }
        }
        harness.stop().await;
        failures
    });
    if failures > 0 {
        eprintln!("{failures} journey(s) failed; screenshots in target/e2e/");
        std::process::exit(1);
    }
}
