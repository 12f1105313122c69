//! The fetch layer against a real sandbox: URLs, credentials, JSON and error mapping, as the
//! browser does them. `cargo xtask test` starts the sandbox and passes its address and
//! instance owner at compile time.

use kestra_admin::api::query::ListQuery;
use kestra_admin::api::{self, ApiError, Credentials};
use kestra_admin::config::RuntimeConfig;
use kestra_model::{CreateGroupRequest, Tenant};
use wasm_bindgen_test::*;

fn sandbox() -> (String, Credentials) {
    let (Some(url), Some(email), Some(password)) = (
        option_env!("KESTRA_SANDBOX_URL"),
        option_env!("KESTRA_SANDBOX_EMAIL"),
        option_env!("KESTRA_SANDBOX_PASSWORD"),
    ) else {
        panic!("these tests need a running sandbox: run them through `cargo xtask test`");
    };
    let credentials = Credentials::Basic {
        username: email.into(),
        password: password.into(),
    };
    (url.to_string(), credentials)
}

/// Points the client at the sandbox as its instance owner. Every test sets the same state, so
/// tests interleaving at their awaits cannot disturb each other.
fn connect() {
    let (url, credentials) = sandbox();
    api::client::configure(&RuntimeConfig {
        api_base: url,
        ..Default::default()
    });
    api::client::set_multi_tenancy(true);
    api::client::set_credentials(Some(credentials));
}

/// A tenant of the test's own, so tests do not see each other's data.
async fn tenant(id: &str) {
    let tenant = Tenant {
        id: id.into(),
        name: format!("Tenant {id}"),
        ..Default::default()
    };
    match api::tenants::create(&tenant).await {
        Ok(_) | Err(ApiError::Conflict(_)) => {}
        Err(error) => panic!("creating tenant {id}: {error:?}"),
    }
}

#[wasm_bindgen_test]
async fn configs_say_enterprise_with_multi_tenancy() {
    connect();
    let config = api::configs::get().await.unwrap();
    assert_eq!(config.edition, Some(kestra_model::Edition::Ee));
    assert!(config.multi_tenancy());
}

#[wasm_bindgen_test]
async fn wrong_credentials_are_unauthorized_and_right_ones_say_who_is_signed_in() {
    connect();
    let (_, credentials) = sandbox();
    let Credentials::Basic { username, .. } = &credentials else {
        unreachable!()
    };
    let wrong = Credentials::Basic {
        username: username.clone(),
        password: "wrong".into(),
    };
    assert_eq!(
        api::me::get_as(&wrong).await.unwrap_err(),
        ApiError::Unauthorized
    );

    let me = api::me::get_as(&credentials).await.unwrap();
    assert!(me.me.super_admin);
    assert_eq!(
        me.me.profile.and_then(|p| p.email).as_deref(),
        Some(username.as_str())
    );
}

#[wasm_bindgen_test]
async fn a_group_round_trips_through_create_search_get_and_delete() {
    connect();
    tenant("browser-groups").await;
    let request = CreateGroupRequest {
        name: "Night shift".into(),
        description: Some("Ops after 6".into()),
        members_id: None,
    };
    let created = api::groups::create("browser-groups", &request)
        .await
        .unwrap();
    let id = created.id.clone().unwrap();

    let query = ListQuery {
        search: Some("night".into()),
        ..Default::default()
    };
    let found = api::groups::search("browser-groups", &query).await.unwrap();
    assert!(
        found.results.iter().any(|g| g.id == id),
        "search finds the new group"
    );

    let fetched = api::groups::get("browser-groups", &id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(fetched.description.as_deref(), Some("Ops after 6"));

    api::groups::delete("browser-groups", &id).await.unwrap();
    assert_eq!(
        api::groups::get("browser-groups", &id).await.unwrap(),
        None,
        "a deleted group is gone"
    );
}

#[wasm_bindgen_test]
async fn invalid_input_names_the_field_and_duplicates_conflict() {
    connect();
    tenant("browser-errors").await;
    let blank = CreateGroupRequest {
        name: String::new(),
        description: None,
        members_id: None,
    };
    let error = api::groups::create("browser-errors", &blank)
        .await
        .unwrap_err();
    assert!(
        error.field_message("name").is_some(),
        "the error names the field: {error:?}"
    );

    let again = Tenant {
        id: "browser-errors".into(),
        name: "Again".into(),
        ..Default::default()
    };
    assert!(matches!(
        api::tenants::create(&again).await,
        Err(ApiError::Conflict(_))
    ));
}

#[wasm_bindgen_test]
async fn odd_ids_stay_one_path_segment() {
    connect();
    tenant("browser-odd").await;
    // Unencoded, `a/b?c` would address another path and a query; encoded it is just unknown.
    assert_eq!(
        api::groups::get("browser-odd", "a/b?c#d").await.unwrap(),
        None
    );
}

#[wasm_bindgen_test]
async fn an_unknown_tenant_is_not_found() {
    connect();
    let missing = api::groups::search("no-such-tenant", &ListQuery::default())
        .await
        .unwrap_err();
    assert!(matches!(missing, ApiError::NotFound(_)), "{missing:?}");
}
