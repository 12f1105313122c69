//! A tenant's access as a Terraform file for Kestra's provider (`kestra-io/kestra`): a
//! `kestra_role` per role, `kestra_namespace` per namespace, `kestra_group` per group,
//! `kestra_user_tenant_access` per person named, `kestra_user_group_membership` per member and
//! `kestra_binding` per binding, each referring to the others by resource, so Terraform
//! creates them in order and the ids of the new tenant are used.

use std::collections::BTreeMap;

use super::labels::Labels;
use super::{AccessSnapshot, BoundSubject, Unsaid, member_label, quoted};

/// The Terraform file.
pub fn terraform_file(snapshot: &AccessSnapshot) -> String {
    let mut unsaid = Unsaid::default();
    let mut labels = Labels::default();
    let mut blocks = Vec::new();

    // Role id → how a binding refers to it.
    let mut role_refs = BTreeMap::new();
    for role in &snapshot.roles {
        let id = role.id.clone().unwrap_or_default();
        if role.is_managed {
            unsaid.note(format!(
                "Role {} is managed by Kestra and not declared: bindings to it name its id in this tenant ({id}); another tenant's differs.",
                quoted(&role.name)
            ));
            role_refs.insert(id.clone(), Expr::Text(id));
            continue;
        }
        if role.is_default {
            unsaid.note(format!(
                "Role {} is the tenant's default role: kestra_role has no default flag.",
                quoted(&role.name)
            ));
        }
        let label = labels.label(&role.name, "role");
        let mut block = Block::resource("kestra_role", &label)
            .attr("name", Expr::Text(role.name.clone()))
            .optional("description", role.description.as_deref());
        for (resource, actions) in &role.permissions {
            block.blocks.push(
                Block::new("permissions", &[])
                    .attr("type", Expr::Text(resource.as_str().into()))
                    .attr(
                        "permissions",
                        Expr::List(actions.iter().map(|a| a.as_str().to_string()).collect()),
                    ),
            );
        }
        blocks.push(block);
        role_refs.insert(id, Expr::Ref(format!("kestra_role.{label}.id")));
    }

    for namespace in snapshot.namespaces.iter().filter(|n| !n.deleted) {
        let label = labels.label(&namespace.id, "namespace");
        blocks.push(
            Block::resource("kestra_namespace", &label)
                .attr("namespace_id", Expr::Text(namespace.id.clone()))
                .optional("description", namespace.description.as_deref()),
        );
    }

    // A person's tenant access, declared once: Kestra 2.x resolves a member or a bound person
    // through it.
    let mut people: BTreeMap<String, String> = BTreeMap::new();
    let mut person = |blocks: &mut Vec<Block>, labels: &mut Labels, id: &str, name: &str| {
        people
            .entry(id.to_string())
            .or_insert_with(|| {
                let label = labels.label(name, "person");
                blocks.push(
                    Block::resource("kestra_user_tenant_access", &label)
                        .attr("user_id", Expr::Text(id.to_string())),
                );
                label
            })
            .clone()
    };

    let mut group_labels = BTreeMap::new();
    for group in &snapshot.groups {
        let label = labels.label(&group.name, "group");
        blocks.push(
            Block::resource("kestra_group", &label)
                .attr("name", Expr::Text(group.name.clone()))
                .optional("description", group.description.as_deref()),
        );
        for member in &group.members {
            let Some(user_id) = member.id.as_deref() else {
                continue;
            };
            let access = person(&mut blocks, &mut labels, user_id, &member_label(member));
            let membership = labels.label(&format!("{label} {access}"), "membership");
            blocks.push(
                Block::resource("kestra_user_group_membership", &membership)
                    .attr(
                        "user_id",
                        Expr::Ref(format!("kestra_user_tenant_access.{access}.user_id")),
                    )
                    .attr("group_id", Expr::Ref(format!("kestra_group.{label}.id"))),
            );
        }
        group_labels.insert(group.id.clone(), label);
    }
    snapshot.note_owners(&mut unsaid, "The provider");

    for binding in snapshot.resolved_bindings(&mut unsaid) {
        let (kind, subject_ref, subject_name) = match &binding.subject {
            BoundSubject::Group(group) => (
                "GROUP",
                Expr::Ref(format!("kestra_group.{}.id", group_labels[&group.id])),
                group.name.clone(),
            ),
            BoundSubject::User {
                id,
                label,
                service_account: true,
            } => {
                unsaid.note(
                    "Service accounts are not declared: bindings to them name their ids in this tenant."
                        .into(),
                );
                ("USER", Expr::Text(id.to_string()), label.clone())
            }
            BoundSubject::User { id, label, .. } => {
                let access = person(&mut blocks, &mut labels, id, label);
                (
                    "USER",
                    Expr::Ref(format!("kestra_user_tenant_access.{access}.user_id")),
                    label.clone(),
                )
            }
        };
        let name = format!(
            "{subject_name} {} {}",
            binding.role.name,
            binding.namespace.unwrap_or("")
        );
        let label = labels.label(&name, "binding");
        let role_ref = role_refs[binding.role.id.as_deref().unwrap_or_default()].clone();
        blocks.push(
            Block::resource("kestra_binding", &label)
                .attr("type", Expr::Text(kind.into()))
                .attr("external_id", subject_ref)
                .attr("role_id", role_ref)
                .optional("namespace", binding.namespace),
        );
    }

    let mut file = format!(
        "# The access of tenant {} (roles, namespaces, groups and their members, bindings),\n\
         # for Kestra's Terraform provider. Written by kestra-admin.\n#\n",
        quoted(&snapshot.tenant)
    );
    file.push_str(&unsaid.header());
    file.push_str(concat!(
        "\nterraform {\n",
        "  required_providers {\n",
        "    kestra = {\n",
        "      source = \"kestra-io/kestra\"\n",
        "    }\n",
        "  }\n",
        "}\n\n",
        "# Set url and credentials (or KESTRA_URL and the like); tenant_id names the tenant\n",
        "# these resources go to.\n",
    ));
    file.push_str(
        &Block::new("provider", &["kestra"])
            .attr("tenant_id", Expr::Text(snapshot.tenant.clone()))
            .render(0),
    );
    for block in blocks {
        file.push('\n');
        file.push_str(&block.render(0));
    }
    file
}

/// The right-hand side of an attribute.
#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Text(String),
    List(Vec<String>),
    /// A reference to another resource's attribute, written as it is.
    Ref(String),
}

impl Expr {
    fn render(&self) -> String {
        match self {
            Expr::Text(text) => string(text),
            Expr::List(items) => {
                let items: Vec<String> = items.iter().map(|i| string(i)).collect();
                format!("[{}]", items.join(", "))
            }
            Expr::Ref(reference) => reference.clone(),
        }
    }
}

/// A block with attributes (aligned on `=` as `terraform fmt` does) and nested blocks.
#[derive(Debug, Clone)]
struct Block {
    kind: String,
    labels: Vec<String>,
    attrs: Vec<(String, Expr)>,
    blocks: Vec<Block>,
}

impl Block {
    fn new(kind: &str, labels: &[&str]) -> Block {
        Block {
            kind: kind.into(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            attrs: Vec::new(),
            blocks: Vec::new(),
        }
    }

    fn resource(kind: &str, label: &str) -> Block {
        Block::new("resource", &[kind, label])
    }

    fn attr(mut self, key: &str, value: Expr) -> Block {
        self.attrs.push((key.into(), value));
        self
    }

    fn optional(self, key: &str, value: Option<&str>) -> Block {
        match value.filter(|v| !v.is_empty()) {
            Some(value) => self.attr(key, Expr::Text(value.into())),
            None => self,
        }
    }

    fn render(&self, depth: usize) -> String {
        let indent = "  ".repeat(depth);
        let mut text = indent.clone() + &self.kind;
        for label in &self.labels {
            text.push(' ');
            text.push_str(&string(label));
        }
        text.push_str(" {\n");
        let width = self.attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (key, value) in &self.attrs {
            text.push_str(&format!(
                "{indent}  {key:width$} = {}\n",
                value.render(),
                width = width
            ));
        }
        for block in &self.blocks {
            text.push('\n');
            text.push_str(&block.render(depth + 1));
        }
        text.push_str(&indent);
        text.push_str("}\n");
        text
    }
}

/// An HCL quoted string: escapes, and `${` / `%{` doubled so a name is never a template.
fn string(text: &str) -> String {
    let mut quoted = String::from("\"");
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                quoted.push(c);
                quoted.push(c);
            }
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::super::sample;
    use super::*;

    /// The file parses as HCL, and holds one resource per role (managed ones aside),
    /// namespace, group, person, membership and binding, with the values of the tenant.
    #[test]
    fn the_file_parses_and_holds_every_role_group_member_and_binding() {
        let file = terraform_file(&sample::tenant());
        let body: hcl::Body = hcl::from_str(&file).expect(&file);
        let resources: Vec<&hcl::Block> = body
            .blocks()
            .filter(|b| b.identifier() == "resource")
            .collect();
        let count = |kind: &str| {
            resources
                .iter()
                .filter(|b| b.labels()[0].as_str() == kind)
                .count()
        };
        assert_eq!(count("kestra_role"), 2, "{file}");
        assert_eq!(count("kestra_namespace"), 1);
        assert_eq!(count("kestra_group"), 2);
        assert_eq!(count("kestra_user_tenant_access"), 3);
        assert_eq!(count("kestra_user_group_membership"), 3);
        assert_eq!(count("kestra_binding"), 4);

        let developer = resources
            .iter()
            .find(|b| b.labels()[1].as_str() == "developer")
            .expect("the Developer role");
        let permissions: Vec<&hcl::Block> = developer
            .body()
            .blocks()
            .filter(|b| b.identifier() == "permissions")
            .collect();
        assert_eq!(permissions.len(), 2);
        assert!(file.contains("type        = \"FLOW\"\n    permissions = [\"CREATE\", \"VIEW\"]"));
        // The binding to the data team on company.data refers to the group and the role.
        assert!(file.contains(concat!(
            "resource \"kestra_binding\" \"data_team_developer_company_data\" {\n",
            "  type        = \"GROUP\"\n",
            "  external_id = kestra_group.data_team.id\n",
            "  role_id     = kestra_role.developer.id\n",
            "  namespace   = \"company.data\"\n",
        )));
        // A binding to the managed Admin names its id here.
        assert!(file.contains("role_id     = \"admin-id\""));
    }

    #[test]
    fn what_the_provider_cannot_say_is_listed_at_the_top() {
        let file = terraform_file(&sample::tenant());
        let header: String = file
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            header.contains("Role \"Viewer\" is the tenant's default role"),
            "{header}"
        );
        assert!(header.contains("Role \"Admin\" is managed by Kestra"));
        assert!(header.contains("aisha of group \"Data team\" become members"));
        assert!(header.contains("Service accounts are not declared"));
    }

    #[test]
    fn names_are_never_templates_or_broken_strings() {
        assert_eq!(string("a \"b\" ${c} %{d}\n"), r#""a \"b\" $${c} %%{d}\n""#);
        let mut tenant = sample::tenant();
        tenant.roles[1].description = Some("costs ${var.x} \\ \"quoted\"".into());
        let file = terraform_file(&tenant);
        let body: hcl::Body = hcl::from_str(&file).expect(&file);
        let role = body
            .blocks()
            .find(|b| b.labels().get(1).map(|l| l.as_str()) == Some("developer"))
            .unwrap();
        let description = role
            .body()
            .attributes()
            .find(|a| a.key() == "description")
            .unwrap();
        assert_eq!(
            description.expr(),
            &hcl::Expression::String(r#"costs ${var.x} \ "quoted""#.into())
        );
    }
}
