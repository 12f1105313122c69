//! A tenant's whole access, read for the exports and the copy to another tenant
//! (`kestra_model::access_code` makes the files and the plan from it), and the copy carried
//! out step by step.

mod copy_run;
mod snapshot;

pub use copy_run::{StepOutcome, run_copy};
pub use snapshot::{Snapshot, read_snapshot};
