//! Rebuilds `src/tables/generated.rs` from `data/` and fails if the checked-in file was stale.
//!
//! Run `cargo test --test tables_fresh` after editing a table: outside CI it rewrites the file
//! (then fails once, so that the change is seen); commit the result.

mod codegen;

use std::path::Path;

#[test]
fn generated_tables_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = match codegen::generate(root) {
        Ok(s) => s,
        Err(e) => panic!("bad table: {e}"),
    };
    let path = root.join("src/tables/generated.rs");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != fresh {
        if std::env::var_os("CI").is_none() {
            std::fs::write(&path, &fresh).expect("write generated.rs");
            panic!(
                "{} was not up-to-date, updating; commit the new file",
                path.display()
            );
        }
        panic!(
            "{} is not up-to-date with data/.\nNOTE: run `cargo test --test tables_fresh` locally and commit the updated file",
            path.display()
        );
    }
}
