//! The audit trail's pages: the list (a tenant's, and the instance's for instance owners) and
//! one entry with its diff.

mod entry;
mod list;

pub use entry::{AuditLogEntryPage, InstanceAuditLogEntryPage};
pub use list::{AuditLogList, InstanceAuditLogList};
