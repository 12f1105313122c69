//! Parts of pages that several pages show and that load their own data: the lists' bulk
//! changes, a subject's role bindings (users, groups, service accounts, and the access list),
//! an owner's API tokens
//! (users, service accounts, "My API tokens"), a person's details and their ways to sign in (their
//! page in a tenant and in the instance section). Sections sit between pages and the layers below:
//! they use hooks, components, routes, session and api, and never import a page.

pub mod access_code;
pub mod audit;
pub mod bindings;
pub mod bulk;
pub mod person_details;
pub mod role_preview;
pub mod sign_in_methods;
pub mod tokens;
