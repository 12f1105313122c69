//! Building API URLs: the instance and tenant prefixes, percent-encoded segments, queries.

/// Which part of the API a path belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope<'a> {
    /// `/api/v1/...`: tenants, users, service accounts, me, configs.
    Instance,
    /// `/api/v1/<tenant>/...`: groups, roles, bindings, invitations, tenant access...
    Tenant(&'a str),
}

/// Builds `<base>/api/v1[/<tenant>]/<segments...>?<query>`.
///
/// Each segment is percent-encoded, so ids with `/`, `?` or spaces stay one segment. With
/// multi-tenancy off, Kestra's tenant-scoped paths have no tenant segment.
pub fn api_url(
    base: &str,
    multi_tenancy: bool,
    scope: Scope<'_>,
    segments: &[&str],
    query: &[(String, String)],
) -> String {
    let mut url = format!("{}/api/v1", base.trim_end_matches('/'));
    if let (Scope::Tenant(tenant), true) = (scope, multi_tenancy) {
        url.push('/');
        url.push_str(&encode(tenant));
    }
    for segment in segments {
        url.push('/');
        url.push_str(&encode(segment));
    }
    for (i, (key, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode(key));
        url.push('=');
        url.push_str(&encode(value));
    }
    url
}

pub use crate::routes::encode;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_paths_have_no_tenant_segment() {
        let url = api_url("", true, Scope::Instance, &["users", "u1"], &[]);
        assert_eq!(url, "/api/v1/users/u1");
    }

    #[test]
    fn tenant_paths_put_the_tenant_after_the_version() {
        let url = api_url(
            "https://k.example.com/",
            true,
            Scope::Tenant("dev"),
            &["groups"],
            &[],
        );
        assert_eq!(url, "https://k.example.com/api/v1/dev/groups");
    }

    #[test]
    fn without_multi_tenancy_tenant_paths_drop_the_tenant() {
        let url = api_url("", false, Scope::Tenant("main"), &["roles", "search"], &[]);
        assert_eq!(url, "/api/v1/roles/search");
    }

    #[test]
    fn odd_ids_stay_one_encoded_segment() {
        let url = api_url("", true, Scope::Tenant("a b"), &["groups", "x/y?z#é"], &[]);
        assert_eq!(url, "/api/v1/a%20b/groups/x%2Fy%3Fz%23%C3%A9");
    }

    #[test]
    fn queries_encode_filter_brackets_and_values() {
        let query = [
            ("page".to_string(), "2".to_string()),
            ("sort".into(), "name:asc".into()),
            ("filters[q][EQUALS]".into(), "a&b".into()),
        ];
        let url = api_url("", true, Scope::Tenant("t"), &["groups", "search"], &query);
        assert_eq!(
            url,
            "/api/v1/t/groups/search?page=2&sort=name%3Aasc&filters%5Bq%5D%5BEQUALS%5D=a%26b"
        );
    }
}
