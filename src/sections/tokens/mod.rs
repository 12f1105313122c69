//! API tokens of a user, of a service account, or of the signed-in user ("My API tokens"):
//! one section (list, create, reveal once, revoke) used by all three pages.

mod create;
mod section;

pub use section::TokenSection;
/// Preset lifetimes offered next to the max-age box, as (ISO-8601 duration, label).
pub const MAX_AGE_PRESETS: [(&str, &str); 4] = [
    ("P7D", "7 days"),
    ("P30D", "30 days"),
    ("P90D", "90 days"),
    ("P365D", "1 year"),
];
