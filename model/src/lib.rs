//! Kestra EE's IAM wire types, exactly as `shared/kestra-api.md` and Kestra's OpenAPI document
//! name them on the wire. Both the console (compiled to wasm) and the sandbox server use them,
//! so the two cannot drift apart; the contract tests in each crate keep both honest to Kestra.
//!
//! Conventions: field names are camelCase as Kestra emits them; optional fields are `Option`
//! and skipped when absent; dates stay RFC 3339 strings (no date library in the wasm bundle).
//! Decoding accepts the Kestra 1.x names (`superAdmin`) where 2.x renamed them.

pub mod access_code;
pub mod api_tokens;
pub mod audit_diff;
pub mod audit_logs;
pub mod audit_recreate;
pub mod audit_restore;
pub mod bindings;
pub mod bulk;
pub mod configs;
pub mod effective;
pub mod error;
pub mod groups;
pub mod holders;
pub mod invitations;
pub mod me;
pub mod namespaces;
mod nullable;
pub mod paged;
pub mod permissions;
pub mod preview;
pub mod roles;
pub mod rules;
pub mod service_accounts;
pub mod tenant;
pub mod tenant_access;
pub mod users;

pub use configs::{Configuration, Edition, SandboxDemo, TenantConfigurationInfo};
pub use error::{ErrorBody, FieldError};
pub use me::{Me, MeProfile, MeTenant};
pub use paged::PagedResults;
pub use tenant::Tenant;

pub use api_tokens::{ApiToken, ApiTokenList, CreateApiTokenRequest, CreateApiTokenResponse};
pub use audit_logs::{
    AuditLog, AuditLogDetail, AuditLogDiff, AuditLogFindRequest, AuditLogItem, AuditLogOption,
    AuditableAction,
};
pub use bindings::{
    BindingDetail, BindingGroup, BindingRole, BindingType, BindingUser, CreateBindingRequest,
};
pub use groups::{
    CreateGroupRequest, GroupDetail, GroupMember, GroupMembership, GroupSummary, Membership,
    UpdateGroupRequest, UpdateUserGroupsRequest,
};
pub use invitations::{
    Invitation, InvitationCreateRequest, InvitationDetail, InvitationRole, InvitationStatus,
};
pub use me::{MeWithPermissions, SandboxPermissions};
pub use namespaces::Namespace;
pub use permissions::{Action, Permissions, Resource};
pub use roles::{Role, RoleCreateOrUpdateRequest, RoleDetail, RoleSummary};
pub use service_accounts::{
    CreateServiceAccountRequest, PatchServiceAccountRequest, ServiceAccountDetail,
    ServiceAccountGroup, ServiceAccountRequest, ServiceAccountResponse,
};
pub use tenant_access::{
    AccessGroup, Authentication, Autocomplete, CreateTenantAccessRequest, Ids, RoleAssignment,
    RoleOrigin, TenantAccess, UserPermission, UserTenantAccess,
};
pub use users::{
    CreateOrUpdateUserRequest, PatchRestrictedRequest, PatchSuperAdminRequest,
    PatchUserPasswordRequest, TenantSummary, UpdatePasswordRequest, User, UserAuth,
    UserDetailsRequest, UserGroupRef, UserSummary,
};

/// `UserType`: a person or a service account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum UserType {
    Standard,
    ServiceAccount,
}
