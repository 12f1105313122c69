//! The input rules Kestra's API applies, as plain functions, so that the console checks a form
//! as the user types with exactly the rules the server (the sandbox) enforces on submit.
//! Each check returns the sentence to show next to the field; the sandbox sends the same
//! sentence in its 422 answers. No regex crate: this crate is compiled into the wasm bundle.

/// Tenant ids that are refused because they are path segments right after `/api/v1/`, where a
/// tenant id also goes (and, in the single-tenant modes, tenant-scoped resources).
pub const RESERVED_TENANT_IDS: &[&str] = &[
    "me",
    "configs",
    "tenants",
    "users",
    "service-accounts",
    "auths",
    "invitation",
    "auditlogs",
    "groups",
    "roles",
    "bindings",
    "invitations",
    "tenant-access",
    "namespaces",
    "acls",
];

/// Kestra's tenant id pattern `^[a-z0-9][a-z0-9_-]*`, matched against the whole id, and not
/// one of [`RESERVED_TENANT_IDS`].
pub fn tenant_id(id: &str) -> Result<(), String> {
    let mut chars = id.chars();
    let pattern_ok = matches!(chars.next(), Some('a'..='z' | '0'..='9'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'));
    if id.is_empty() {
        Err("A tenant needs an id.".into())
    } else if !pattern_ok {
        Err("Use lowercase letters, digits, “-” and “_”, starting with a letter or digit.".into())
    } else if RESERVED_TENANT_IDS.contains(&id) {
        Err(format!(
            "“{id}” is reserved: it is a path of the instance-level API."
        ))
    } else {
        Ok(())
    }
}

/// Kestra's name pattern for service accounts and API tokens,
/// `^(?=.{1,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$`: 1 to 63 lowercase letters and digits in words
/// joined by single dashes.
pub fn account_name(name: &str) -> Result<(), String> {
    let words_ok = name.split('-').all(|word| {
        !word.is_empty()
            && word
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    });
    if name.is_empty() {
        Err("A name is required.".into())
    } else if name.len() > 63 {
        Err("Use at most 63 characters.".into())
    } else if !words_ok {
        Err("Use lowercase letters and digits, with single dashes between words (e.g. ci-deployer).".into())
    } else {
        Ok(())
    }
}

/// Kestra's email pattern `^[a-zA-Z0-9_!#$%&’*+/=?`{|}~^.-]+@[a-zA-Z0-9.-]+$`, after trimming
/// spaces; returns the trimmed email.
pub fn email(email: &str) -> Result<String, String> {
    let email = email.trim();
    let valid = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.is_empty()
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_!#$%&’*+/=?`{|}~^.-".contains(c))
            && domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    });
    if email.is_empty() {
        Err("An email address is required.".into())
    } else if valid {
        Ok(email.to_owned())
    } else {
        Err("Enter an email address such as name@example.com.".into())
    }
}

/// A positive ISO-8601 duration (`P30D`, `PT12H`, `P1DT30M`, `P2W`) in seconds. Years count
/// 365 days and months 30, as `java.time.Duration` cannot hold them.
pub fn duration_secs(text: &str) -> Result<i64, String> {
    parse_duration(text.trim()).ok_or_else(|| {
        "Use an ISO-8601 duration such as P30D (30 days), PT12H (12 hours) or P1DT30M.".into()
    })
}

/// The days from `today` to `date` (both `YYYY-MM-DD`, as a date input gives them), for a
/// token's expiry picked on a calendar: at least 1, else an error the form shows.
pub fn days_until(today: &str, date: &str) -> Result<i64, String> {
    let (Some(from), Some(to)) = (day_number(today), day_number(date.trim())) else {
        return Err("Pick a date, such as 2027-01-31.".into());
    };
    match to - from {
        n if n >= 1 => Ok(n),
        _ => Err("Pick a date after today.".into()),
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (Howard Hinnant's `days_from_civil`).
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || date.len() != 10 {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// At most this many worker-selector tags (`WorkerSelector.tags`' `maxItems`).
pub const MAX_WORKER_TAGS: usize = 20;

/// A worker-selector tag: an RFC 1123 label (lowercase letters, digits and `-`, starting and
/// ending with a letter or digit), at most 64 characters, as Kestra's document says.
pub fn worker_tag(tag: &str) -> Result<(), String> {
    let alphanumeric = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    let label_ok = tag.chars().all(|c| alphanumeric(c) || c == '-')
        && tag.starts_with(alphanumeric)
        && tag.ends_with(alphanumeric);
    if tag.is_empty() {
        Err("A tag cannot be empty.".into())
    } else if tag.len() > 64 {
        Err(format!("“{tag}” is longer than 64 characters."))
    } else if !label_ok {
        Err(format!(
            "“{tag}” is not a valid tag: use lowercase letters, digits and “-”, starting and ending with a letter or digit."
        ))
    } else {
        Ok(())
    }
}

/// A worker selector's tags: each a [`worker_tag`], at most [`MAX_WORKER_TAGS`].
pub fn worker_tags(tags: &[String]) -> Result<(), String> {
    if tags.len() > MAX_WORKER_TAGS {
        return Err(format!("Use at most {MAX_WORKER_TAGS} tags."));
    }
    tags.iter().try_for_each(|tag| worker_tag(tag))
}

/// `Concurrency.limit`: at least 1 execution at a time.
pub fn concurrency_limit(limit: i64) -> Result<(), String> {
    if limit >= 1 {
        Ok(())
    } else {
        Err("The limit must be at least 1.".into())
    }
}

/// `Quota.limit`: greater than 0 executions per period.
pub fn quota_limit(limit: i64) -> Result<(), String> {
    if limit > 0 {
        Ok(())
    } else {
        Err("A quota must allow at least 1 execution.".into())
    }
}

fn parse_duration(text: &str) -> Option<i64> {
    let rest = text.strip_prefix('P').or_else(|| text.strip_prefix('p'))?;
    let mut total: i64 = 0;
    let mut in_time = false;
    let mut number = String::new();
    let mut any = false;
    let mut time_units = 0;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            'T' if !in_time && number.is_empty() => in_time = true,
            '0'..='9' => number.push(c),
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let secs = match (in_time, unit) {
                    (false, 'Y') => 365 * 86_400,
                    (false, 'M') => 30 * 86_400,
                    (false, 'W') => 7 * 86_400,
                    (false, 'D') => 86_400,
                    (true, 'H') => 3600,
                    (true, 'M') => 60,
                    (true, 'S') => 1,
                    _ => return None,
                };
                total = total.checked_add(n.checked_mul(secs)?)?;
                any = true;
                time_units += usize::from(in_time);
            }
        }
    }
    (any && number.is_empty() && total > 0 && (!in_time || time_units > 0)).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_ids_follow_kestras_pattern_and_avoid_api_paths() {
        for ok in ["dev", "0prod", "team_a-1"] {
            assert_eq!(tenant_id(ok), Ok(()), "{ok}");
        }
        for bad in ["", "-dev", "_dev", "Dev", "dev.x", "dev x", "users", "acls"] {
            assert!(tenant_id(bad).is_err(), "{bad}");
        }
        assert!(tenant_id("users").unwrap_err().contains("reserved"));
    }

    #[test]
    fn account_names_follow_kestras_pattern() {
        for ok in ["ci", "ci-deployer", "a1-b2-c3", &"a".repeat(63)] {
            assert_eq!(account_name(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "-ci",
            "ci-",
            "ci--x",
            "CI",
            "ci_x",
            "ci x",
            "é",
            &"a".repeat(64),
        ] {
            assert!(account_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_follow_kestras_pattern_after_trimming() {
        assert_eq!(
            email(" a.b+c@example.com ").as_deref(),
            Ok("a.b+c@example.com")
        );
        for bad in ["", "a", "@x.io", "a@", "a b@x.io", "a@x_y.io", "a@b@c"] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_expiry_date_counts_the_days_from_today_and_must_be_later() {
        assert_eq!(days_until("2026-12-02", "2026-12-03"), Ok(1));
        assert_eq!(days_until("2026-12-02", "2027-03-01"), Ok(89));
        assert_eq!(days_until("2028-02-28", "2028-03-01"), Ok(2));
        assert_eq!(
            days_until("2026-12-02", "2026-12-02"),
            Err("Pick a date after today.".into())
        );
        assert_eq!(
            days_until("2026-12-02", "2020-01-01"),
            Err("Pick a date after today.".into())
        );
        assert!(days_until("2026-12-02", "").is_err());
        assert!(days_until("2026-12-02", "2026-13-01").is_err());
    }

    #[test]
    fn durations_are_positive_iso_8601() {
        assert_eq!(duration_secs("P30D"), Ok(30 * 86_400));
        assert_eq!(duration_secs("PT12H"), Ok(12 * 3600));
        assert_eq!(duration_secs("P1DT30M"), Ok(86_400 + 1800));
        assert_eq!(duration_secs("P2W"), Ok(14 * 86_400));
        assert_eq!(duration_secs("P1Y"), Ok(365 * 86_400));
        for bad in [
            "", "P", "PT", "30D", "P1H", "PT1D", "P-1D", "PT0S", "P1DT", "30 days",
        ] {
            assert!(duration_secs(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn worker_tags_are_rfc_1123_labels_and_at_most_twenty() {
        for ok in ["eu", "gpu-1", "a", "0", &"a".repeat(64)] {
            assert_eq!(worker_tag(ok), Ok(()), "{ok}");
        }
        for bad in ["", "EU", "-eu", "eu-", "e_u", "e u", "é", &"a".repeat(65)] {
            assert!(worker_tag(bad).is_err(), "{bad}");
        }
        let twenty: Vec<String> = (0..20).map(|i| format!("t{i}")).collect();
        assert_eq!(worker_tags(&twenty), Ok(()));
        let mut too_many = twenty.clone();
        too_many.push("t20".into());
        assert!(worker_tags(&too_many).is_err());
        assert!(
            worker_tags(&["ok".into(), "Not Ok".into()])
                .unwrap_err()
                .contains("Not Ok")
        );
    }

    #[test]
    fn limits_follow_the_documents_minimums() {
        assert!(concurrency_limit(1).is_ok() && concurrency_limit(0).is_err());
        assert!(quota_limit(1).is_ok() && quota_limit(0).is_err() && quota_limit(-3).is_err());
    }
}
