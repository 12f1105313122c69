use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, error_paths, ok_json, spawn_app};

#[tokio::test]
async fn worker_selector_tags_list_every_tag_the_instances_selectors_name_once() {
    // Arrange
    let app = spawn_app().await;
    for (id, tags) in [
        ("dev", json!(["eu", "gpu"])),
        ("prod", json!(["eu", "arm64"])),
    ] {
        let body =
            json!({"id": id, "name": id, "defaultWorkerSelector": {"tags": tags, "match": "ANY"}});
        ok_json(app.post("/api/v1/tenants", &Auth::admin(), body).await).await;
    }
    app.create_tenant("plain").await;

    // Act
    let answer = ok_json(
        app.get("/api/v1/plain/worker-selectors/tags", &Auth::admin())
            .await,
    )
    .await;

    // Assert
    assert_eq!(answer, json!({"tags": ["arm64", "eu", "gpu"]}));
}

#[tokio::test]
async fn worker_selector_tags_need_access_to_the_tenant() {
    let app = spawn_app().await;
    app.create_tenant("dev").await;
    app.create_tenant("prod").await;
    app.create_user("lee@example.com", "Lee-pass-1", &["dev"])
        .await;
    let lee = Auth::Basic("lee@example.com".into(), "Lee-pass-1".into());

    let allowed = app.get("/api/v1/dev/worker-selectors/tags", &lee).await;
    let refused = app.get("/api/v1/prod/worker-selectors/tags", &lee).await;

    assert_eq!(allowed.status(), StatusCode::OK);
    assert_error(refused, StatusCode::FORBIDDEN).await;
}

#[tokio::test]
async fn a_tag_that_is_not_an_rfc_1123_label_is_refused_with_its_path() {
    let app = spawn_app().await;
    let body =
        json!({"id": "dev", "name": "Dev", "defaultWorkerSelector": {"tags": ["eu", "GPU_1"]}});

    let res = app.post("/api/v1/tenants", &Auth::admin(), body).await;

    let error = assert_error(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(error_paths(&error), ["defaultWorkerSelector.tags[1]"]);
}
