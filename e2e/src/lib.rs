//! The end-to-end harness: the built console (`dist/`) served by an in-process sandbox on a
//! free loopback port with a throw-away database, driven through real headless Chromium.
//!
//! Journeys (in `tests/journeys/`) act like a user through `action`, look things up like a
//! screen reader would through `find` (by role and accessible name), assert what a user sees
//! through `check`, and seed data only through the sandbox's HTTP API (`seed`).

pub mod a11y;
pub mod action;
pub mod check;
pub mod devtools;
pub mod dist;
pub mod find;
pub mod harness;
pub mod look;
pub mod seed;

pub use harness::{Browser, Harness};

/// The console's URLs: the very file the console builds its links and route table from, compiled
/// here too so the journeys open pages the way the console links to them (without building
/// Leptos natively).
#[path = "../../src/routes/paths.rs"]
pub mod routes;

/// A console path as the browser shows it: the sandbox serves the console below `/ui`.
pub fn ui(path: &str) -> String {
    format!("/ui{path}")
}
