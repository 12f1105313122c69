//! The offline commands of the real binary (`tenants create`), checked through the server's API
//! on the same database file afterwards.

use std::path::Path;
use std::process::{Command, Output};

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Auth, assert_error, ok_json, spawn_app, spawn_app_with, temp_db};

/// Runs `kestra-admin-sandbox tenants create ARGS --db DB` with no sandbox variables but `env`.
fn tenants_create(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kestra-admin-sandbox"));
    command
        .args(["tenants", "create"])
        .args(args)
        .arg("--db")
        .arg(db);
    for (name, _) in std::env::vars() {
        if name.starts_with("KESTRA_SANDBOX_") {
            command.env_remove(name);
        }
    }
    command.envs(env.iter().copied());
    command.output().expect("the sandbox binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn a_tenant_created_offline_is_served_and_its_new_admin_can_manage_it() {
    // Arrange: the server is stopped; the database does not exist yet.
    let db = temp_db();
    let args = [
        "--tenant",
        "ops",
        "--name",
        "Operations",
        "--admin-username",
        "lead@example.com",
    ];

    // Act
    let unknown_admin = tenants_create(&db, &args, &[]);
    let created = tenants_create(
        &db,
        &args,
        &[("KESTRA_SANDBOX_TENANT_ADMIN_PASSWORD", "lead-password")],
    );
    let again = tenants_create(&db, &["--tenant", "ops", "--name", "Other"], &[]);

    // Assert: what the command said.
    assert!(!unknown_admin.status.success());
    assert!(
        stderr(&unknown_admin).contains("No user has the email 'lead@example.com'"),
        "{}",
        stderr(&unknown_admin)
    );
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(stdout(&created).contains("Created tenant 'ops' (Operations)"));
    assert!(stdout(&created).contains("Created user 'lead@example.com'"));
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("Tenant 'ops' already exists"),
        "{}",
        stderr(&again)
    );
    assert!(
        !stderr(&created).contains("lead-password") && !stdout(&created).contains("lead-password")
    );

    // Assert: what the server on that file serves.
    let app = spawn_app_with(|s| s.db = db).await;
    let lead = Auth::Basic("lead@example.com".into(), "lead-password".into());
    let tenant = ok_json(app.get("/api/v1/tenants/ops", &lead).await).await;
    assert_eq!(tenant["name"], "Operations");
    let group = app
        .post("/api/v1/ops/groups", &lead, json!({"name": "Platform"}))
        .await;
    assert_eq!(group.status(), StatusCode::OK);
    let me = ok_json(app.get("/api/v1/me", &lead).await).await;
    assert_eq!(me["tenants"].as_array().map(Vec::len), Some(1), "{me}");
}

#[tokio::test]
async fn tenants_create_gives_an_existing_person_the_admin_role_while_the_server_runs() {
    // Arrange
    let app = spawn_app().await;
    app.create_user("lead@example.com", "lead-password", &[])
        .await;
    let lead = Auth::Basic("lead@example.com".into(), "lead-password".into());

    // Act
    let created = tenants_create(
        app.db(),
        &[
            "--tenant",
            "ops",
            "--name",
            "Operations",
            "--admin-username",
            "LEAD@example.com",
        ],
        &[],
    );

    // Assert
    assert!(created.status.success(), "{}", stderr(&created));
    assert!(!stdout(&created).contains("Created user"));
    let roles = ok_json(app.get("/api/v1/ops/roles/search", &lead).await).await;
    assert_eq!(roles["results"][0]["name"], "Admin");
    let bindings = ok_json(app.get("/api/v1/ops/bindings/search", &lead).await).await;
    assert_eq!(bindings["results"][0]["role"]["name"], "Admin");
    assert_eq!(
        bindings["results"][0]["user"]["username"],
        "lead@example.com"
    );
}

#[tokio::test]
async fn tenants_create_refuses_an_invalid_id_and_creates_nothing() {
    let app = spawn_app().await;

    let refused = tenants_create(app.db(), &["--tenant", "Not OK", "--name", "x"], &[]);

    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("id:"), "{}", stderr(&refused));
    assert_error(
        app.get("/api/v1/tenants/Not%20OK", &Auth::admin()).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}
