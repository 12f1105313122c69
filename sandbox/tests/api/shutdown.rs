//! Stopping the real binary with SIGTERM, as systemd and container runtimes do: the request in
//! flight is answered, the process exits 0, and the database file alone holds every write.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64ct::{Base64, Encoding};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD};
use crate::process::{Server, TempDb};

#[tokio::test]
async fn sigterm_answers_the_request_in_flight_then_exits_0_with_the_write_in_the_file() {
    // Arrange (with blocking sockets: the server is another process, so nothing here waits on
    // this test's runtime): a client starts creating a tenant and stops half-way through its body. With
    // `Expect: 100-continue` the server says when the handler is reading the body, so the
    // request is provably in flight when the signal comes.
    let db = TempDb::new("sigterm");
    let mut server = Server::start(db.path());
    let body = br#"{"id": "after-sigterm", "name": "Written while stopping"}"#;
    let (head, tail) = body.split_at(10);
    let address = server.url.trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(&address).unwrap();
    let credentials = Base64::encode_string(format!("{ADMIN_EMAIL}:{ADMIN_PASSWORD}").as_bytes());
    let request = format!(
        "POST /api/v1/tenants HTTP/1.1\r\nHost: {address}\r\nAuthorization: Basic {credentials}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut interim = [0u8; 25];
    stream.read_exact(&mut interim).unwrap();
    assert!(interim.starts_with(b"HTTP/1.1 100 Continue"), "{interim:?}");
    stream.write_all(head).unwrap();

    // Act: SIGTERM, then the rest of the body once the server has begun shutting down.
    server.terminate();
    server.wait_for_log("shutting down", Duration::from_secs(10));
    stream.write_all(tail).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = server.wait_for_exit(Duration::from_secs(10));

    // Assert: answered, exited cleanly, said so, and the write is in the database file itself
    // (the write-ahead log is empty or gone), then readable after a restart.
    assert!(
        response.starts_with("HTTP/1.1 201") || response.starts_with("HTTP/1.1 200"),
        "{response}"
    );
    assert!(status.success(), "{status}; log: {:?}", server.log());
    server.wait_for_log("database checkpointed", Duration::from_secs(1));
    let wal = std::fs::metadata(db.wal()).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal, 0, "the write-ahead log still holds {wal} bytes");
    let restarted = Server::start(db.path());
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/tenants/after-sigterm", restarted.url))
        .basic_auth(ADMIN_EMAIL, Some(ADMIN_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let tenant: Value = res.json().await.unwrap();
    assert_eq!(tenant["name"], "Written while stopping");
}

#[tokio::test]
async fn after_sigterm_the_server_takes_no_new_connections() {
    // Arrange
    let db = TempDb::new("sigterm-idle");
    let mut server = Server::start(db.path());

    // Act
    server.terminate();
    let status = server.wait_for_exit(Duration::from_secs(10));

    // Assert
    assert!(status.success(), "{status}; log: {:?}", server.log());
    let refused = reqwest::get(format!("{}/health", server.url)).await;
    assert!(refused.is_err(), "{refused:?}");
}
