//! Reading fields Kestra's document leaves optional: a missing key and an explicit `null` mean
//! the same, so a field typed `String`, `bool` or `Vec` reads either as its default.
//! (`Option` fields need nothing: serde already reads `null` as `None`.)

use serde::{Deserialize, Deserializer};

/// `#[serde(default, deserialize_with = "crate::nullable::or_default")]`: `null` reads as
/// `T::default()`, as a missing key does with `default`.
pub fn or_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
