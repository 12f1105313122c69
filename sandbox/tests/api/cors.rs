//! Cross-origin calls from a console served elsewhere (`--cors-allow-origin`).

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, spawn_app, spawn_app_with};

const PORTAL: &str = "https://portal.example.com";

#[tokio::test]
async fn an_allowed_origin_gets_its_preflight_answered_and_may_read_answers() {
    // Arrange
    let app = spawn_app_with(|s| s.cors_allow_origins = vec![PORTAL.into()]).await;

    // Act
    let preflight = app
        .client
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v1/dev/groups/search", app.url),
        )
        .header("Origin", PORTAL)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization")
        .send()
        .await
        .unwrap();
    let answer = app
        .client
        .get(format!("{}/api/v1/me", app.url))
        .header("Origin", PORTAL)
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await
        .unwrap();

    // Assert
    assert_eq!(preflight.status(), 204);
    assert_eq!(preflight.headers()["access-control-allow-origin"], PORTAL);
    let allowed_headers = preflight.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap();
    assert!(allowed_headers.contains("Authorization"));
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["access-control-allow-origin"], PORTAL);
}

#[tokio::test]
async fn other_origins_and_servers_without_the_flag_get_no_cors_headers() {
    let strict = spawn_app().await;
    let allowing = spawn_app_with(|s| s.cors_allow_origins = vec![PORTAL.into()]).await;

    for (app, origin) in [(&strict, PORTAL), (&allowing, "https://evil.example.com")] {
        let answer = app
            .client
            .get(format!("{}/api/v1/configs", app.url))
            .header("Origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        assert!(
            answer
                .headers()
                .get("access-control-allow-origin")
                .is_none(),
            "{origin} must not be allowed"
        );
    }
}
