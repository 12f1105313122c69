//! Integration tests of the sandbox over real HTTP: one test binary, one module per resource.
//! Each test starts its own server on a free port with a fresh SQLite file (`helpers`), sets up
//! its data through the API, and asserts only on what a client receives.

mod api_tokens;
mod audit;
mod audit_reads;
mod bindings;
mod cli;
mod configs;
mod cors;
mod demo;
mod durability;
mod groups;
mod health;
mod helpers;
mod invitations;
mod lists;
mod me;
mod namespaces;
mod people_search;
mod process;
mod rbac;
mod roles;
mod service_accounts;
mod shutdown;
mod sites;
mod tenant_access;
mod tenants;
mod users;
mod worker_selectors;
