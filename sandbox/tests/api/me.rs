use reqwest::StatusCode;

use crate::helpers::{ADMIN_EMAIL, Auth, assert_error, ok_json, spawn_app, spawn_demo_app};

#[tokio::test]
async fn me_returns_the_instance_owner_with_every_tenant() {
    // Arrange
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;

    // Act
    let me = ok_json(app.get("/api/v1/me", &Auth::admin()).await).await;

    // Assert
    assert_eq!(me["superAdmin"], true);
    assert_eq!(me["profile"]["email"], ADMIN_EMAIL);
    assert_eq!(me["profile"]["username"], ADMIN_EMAIL);
    let tenants: Vec<_> = me["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(tenants, ["dev", "prod"]);
}

#[tokio::test]
async fn me_lists_only_the_tenants_a_user_has_access_to() {
    let app = spawn_demo_app().await;

    let me = ok_json(app.get("/api/v1/me", &Auth::demo("dave@example.com")).await).await;

    assert_eq!(me["superAdmin"], false);
    let tenants: Vec<_> = me["tenants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(tenants, ["prod"]);
    assert_eq!(me["tenants"][0]["name"], "Production");
}

#[tokio::test]
async fn me_returns_401_without_a_www_authenticate_header_for_bad_credentials() {
    let app = spawn_app().await;
    let cases = [
        (Auth::None, "no credentials"),
        (
            Auth::Basic(ADMIN_EMAIL.into(), "wrong".into()),
            "a wrong password",
        ),
        (
            Auth::Basic("nobody@example.com".into(), "x".into()),
            "an unknown email",
        ),
        (Auth::Bearer("not-a-token".into()), "an unknown token"),
    ];
    for (auth, description) in cases {
        let res = app.get("/api/v1/me", &auth).await;
        assert!(
            res.headers().get("www-authenticate").is_none(),
            "{description}"
        );
        let body = assert_error(res, StatusCode::UNAUTHORIZED).await;
        assert!(
            !body.to_string().contains("wrong"),
            "{description}: the password is echoed"
        );
    }
}

#[tokio::test]
async fn me_accepts_the_right_password_again_after_a_wrong_one() {
    let app = spawn_app().await;
    let wrong = Auth::Basic(ADMIN_EMAIL.into(), "wrong".into());
    assert_eq!(
        app.get("/api/v1/me", &wrong).await.status(),
        StatusCode::UNAUTHORIZED
    );

    for _ in 0..2 {
        assert_eq!(
            app.get("/api/v1/me", &Auth::admin()).await.status(),
            StatusCode::OK
        );
    }
}

#[tokio::test]
async fn the_demo_seed_gives_each_person_what_their_bindings_grant() {
    let app = spawn_demo_app().await;

    let alice = ok_json(
        app.get("/api/v1/me", &Auth::demo("alice@example.com"))
            .await,
    )
    .await;
    let carol = ok_json(
        app.get("/api/v1/me", &Auth::demo("carol@example.com"))
            .await,
    )
    .await;
    let bob = ok_json(app.get("/api/v1/me", &Auth::demo("bob@example.com")).await).await;

    assert!(
        alice["sandboxPermissions"]["prod"]["ROLE"]
            .as_array()
            .unwrap()
            .len()
            >= 5,
        "alice is Admin"
    );
    assert_eq!(
        carol["sandboxPermissions"]["dev"]["FLOW"],
        serde_json::json!([
            "VIEW", "LIST", "CREATE", "UPDATE", "DELETE", "EXECUTE", "EXPORT", "IMPORT", "DISABLE",
            "ENABLE", "VALIDATE"
        ]),
        "carol is a Developer through her group"
    );
    assert!(
        bob["sandboxPermissions"]["dev"].get("GROUP").is_none(),
        "developers do not manage groups"
    );
    let roles = ok_json(
        app.get("/api/v1/dev/roles/search", &Auth::demo("alice@example.com"))
            .await,
    )
    .await;
    assert_eq!(roles["total"], 4, "Admin, Developer, Viewer, Launcher");
    assert_error(
        app.get("/api/v1/dev/roles/search", &Auth::demo("bob@example.com"))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let accounts = ok_json(
        app.get("/api/v1/prod/service-accounts", &Auth::admin())
            .await,
    )
    .await;
    assert_eq!(accounts["results"][0]["username"], "ci-deployer");
}
