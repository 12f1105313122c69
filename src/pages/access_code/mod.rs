//! A tenant's access as code (a Terraform file, a kestractl script) and copied to another
//! tenant. The reading is in `sections::access_code`, the files and the plan in
//! `kestra_model::access_code`.

mod copy;
mod export;

pub use copy::AccessCopy;
pub use export::AccessExport;
