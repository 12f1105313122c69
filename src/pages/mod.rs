//! One module per screen. A page reads its route, asks `api` for data and wires components;
//! each exports its component and a `link` builder for URLs that lead to it.

pub mod home;
pub mod not_found;
pub mod sign_in;
pub mod tenant_home;
pub mod tenant_shell;
