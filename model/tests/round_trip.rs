//! A save never drops what the form does not show. For each resource the console replaces with
//! a `PUT`, start from an answer carrying every field Kestra's document defines for it (a
//! realistic value each, checked against the document) plus one the console does not know,
//! build the body as the console does (`From<&Detail>`), change one field as a form would, and
//! check that the body changes that field only.
//!
//! Tenants are covered where their form lives (`src/pages/tenants/settings.rs`); users are
//! saved with `PATCH` (partial by definition), and the console does not edit namespaces.

use std::collections::BTreeSet;
use std::path::PathBuf;

use kestra_model::{
    GroupDetail, RoleCreateOrUpdateRequest, RoleDetail, ServiceAccountRequest,
    ServiceAccountResponse, UpdateGroupRequest,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// A field a newer Kestra might send: it must go back as it came.
const UNKNOWN: &str = "aFieldFromANewerKestra";

/// The property names of a schema of Kestra's document.
fn documented_fields(schema: &str) -> BTreeSet<String> {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/kestra-ee-iam.openapi.yml");
    let document: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    document["components"]["schemas"][schema]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("{schema} is not in the document"))
        .keys()
        .cloned()
        .collect()
}

/// Checks that `answer` sets every field of `schema`, then returns the body the console sends
/// after `edit`, as JSON.
fn saved<Detail, Request>(
    schema: &str,
    answer: Value,
    edit: impl FnOnce(&mut Request),
) -> serde_json::Map<String, Value>
where
    Detail: DeserializeOwned,
    Request: for<'a> From<&'a Detail> + Serialize,
{
    let given: BTreeSet<String> = answer.as_object().unwrap().keys().cloned().collect();
    let missing: Vec<_> = documented_fields(schema)
        .difference(&given)
        .cloned()
        .collect();
    assert!(missing.is_empty(), "the {schema} answer lacks {missing:?}");
    let detail: Detail = serde_json::from_value(answer).unwrap();
    let mut request = Request::from(&detail);
    edit(&mut request);
    match serde_json::to_value(request).unwrap() {
        Value::Object(body) => body,
        other => panic!("a body that is not an object: {other}"),
    }
}

/// The fields of `body` whose value differs from `answer`'s (a field of the request that the
/// answer lacks counts as changed).
fn changed(answer: &Value, body: &serde_json::Map<String, Value>) -> Vec<String> {
    body.iter()
        .filter(|(name, value)| answer.get(name.as_str()) != Some(value))
        .map(|(name, _)| name.clone())
        .collect()
}

#[test]
fn saving_a_group_changes_only_the_edited_field() {
    let answer =
        json!({"id": "g1", "name": "Platform", "description": "Runs Kestra", UNKNOWN: [1]});
    let body = saved::<GroupDetail, UpdateGroupRequest>(
        "IAMGroupController.ApiGroupDetail",
        answer.clone(),
        |group| group.name = "Platform team".into(),
    );
    assert_eq!(changed(&answer, &body), ["name"]);
    assert_eq!(body[UNKNOWN], json!([1]));
    assert!(
        !body.contains_key("id"),
        "the id is in the path, not the body"
    );
}

#[test]
fn saving_a_role_changes_only_the_edited_field() {
    let answer = json!({
        "id": "r1", "name": "Developer", "description": "Writes flows",
        "permissions": {"FLOW": ["VIEW", "LIST", "CREATE"], "EXECUTION": ["VIEW"]},
        "isDefault": true, "isManaged": false, UNKNOWN: {"since": "2.1"}
    });
    let body = saved::<RoleDetail, RoleCreateOrUpdateRequest>(
        "IAMRoleController.ApiRoleDetail",
        answer.clone(),
        |role| role.description = Some("Writes and runs flows".into()),
    );
    assert_eq!(changed(&answer, &body), ["description"]);
    assert_eq!(body["isDefault"], true, "the default flag is sent as it is");
    assert_eq!(body[UNKNOWN], json!({"since": "2.1"}));
}

#[test]
fn saving_a_service_account_keeps_its_groups_and_owner_flag() {
    let answer = json!({
        "id": "sa1", "name": "ci-deployer", "description": "Deploys flows",
        "groups": [{"id": "g1"}, {"id": "g2"}], "superAdmin": true, UNKNOWN: "kept"
    });
    let body = saved::<ServiceAccountResponse, ServiceAccountRequest>(
        "IAMServiceAccountController.ApiServiceAccountResponse",
        answer.clone(),
        |account| account.name = "ci-release".into(),
    );
    assert_eq!(changed(&answer, &body), ["name"]);
    assert_eq!(body["groups"], json!([{"id": "g1"}, {"id": "g2"}]));
    assert_eq!(body["superAdmin"], true);
    assert_eq!(body[UNKNOWN], "kept");
}
