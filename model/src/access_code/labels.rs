//! Names for things in generated code (Terraform resource names, shell variables): made from
//! what a person named them, so the file reads well, and unique within one file.

use std::collections::HashSet;

/// Hands out identifiers of letters, digits and `_`, starting with a letter, each once.
#[derive(Debug, Default)]
pub(crate) struct Labels(HashSet<String>);

impl Labels {
    /// An identifier for `name` (lower case, `_` for every run of other characters), with
    /// `_2`, `_3`… when taken; `fallback` when `name` has no letter or digit.
    pub fn label(&mut self, name: &str, fallback: &str) -> String {
        let mut base = String::new();
        for c in name.chars() {
            if c.is_ascii_alphanumeric() {
                base.push(c.to_ascii_lowercase());
            } else if !base.ends_with('_') {
                base.push('_');
            }
        }
        let mut base = base.trim_matches('_').to_string();
        if base.is_empty() {
            base = fallback.to_string();
        } else if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base = format!("{fallback}_{base}");
        }
        let mut label = base.clone();
        let mut n = 1;
        while !self.0.insert(label.clone()) {
            n += 1;
            label = format!("{base}_{n}");
        }
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_unique_identifiers() {
        let mut labels = Labels::default();
        assert_eq!(labels.label("Data team", "group"), "data_team");
        assert_eq!(labels.label("data-team", "group"), "data_team_2");
        assert_eq!(labels.label("42 crew", "group"), "group_42_crew");
        assert_eq!(labels.label("!!!", "group"), "group");
        assert_eq!(labels.label("Équipe", "group"), "quipe");
    }
}
