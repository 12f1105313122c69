//! The domain: what the sandbox keeps and the rules it keeps it by, as plain functions over a
//! SQLite connection (reads) or transaction (writes), with no HTTP in sight.
//!
//! The handlers of `http` parse a request, check that the caller may make it, call the store and
//! shape the answer. The seed, the command line, the demo resets and sign-in call the store too,
//! never a handler, so each rule lives once whoever triggers it. A write takes the caller's
//! `Transaction`, so what it changes commits or rolls back with the rest of the request, and
//! the audit log it appends (`audit::record`, with the `audit::Actor` the caller passes) with it.
//!
//! Imports run one way: `http` → `store` → `db`; nothing here imports `http`, and no store
//! module imports one that imports it back (both checked by `cargo test -p xtask`). From the
//! bottom up: `audit`, `passwords`, `catalogue` and `shapes` use no other; `namespaces` uses
//! `audit` only; `identity`, `users`, `access`, `grants` and `tokens` build on each other in
//! that order; `groups`, `roles`, `tenants`, `bindings` and `invitations` on those, `tenants`
//! also on `roles`, and `invitations` on `groups` and `bindings`. Every module that writes
//! records its changes through `audit`.

/// Who may use which tenant; giving and taking away access.
pub mod access;
/// The audit trail: one log per change, in the change's transaction.
pub mod audit;
/// A resource as an audit log left it: the versions a diff compares and a restore writes.
pub mod audit_versions;
/// Roles given to users and groups, tenant-wide or in a namespace.
pub mod bindings;
/// The permission catalogue: which actions apply to which resource.
pub mod catalogue;
/// Who is calling and what their bindings let them do in a tenant.
pub mod grants;
/// Groups and their members.
pub mod groups;
/// How an account is shown: identity, a person in full, sign-in methods.
pub mod identity;
/// Invitations to join a tenant, and accepting them.
pub mod invitations;
/// Namespaces created through the API.
pub mod namespaces;
/// Passwords: argon2id hashes.
pub mod passwords;
/// Roles, and every tenant's managed Admin role.
pub mod roles;
/// The typed configuration fields of tenants and namespaces, checked against the document.
pub mod shapes;
/// Kestra's preset roles (Admin, Editor, Developer, Launcher, Viewer).
pub mod templates;
/// Tenants, made with their Admin role.
pub mod tenants;
/// API tokens: issuing them and signing in with one.
pub mod tokens;
/// People and service accounts: the one place an account is created.
pub mod users;
