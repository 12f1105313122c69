//! The console's entry point: mount the app, nothing else.

fn main() {
    kestra_admin::start();
}
