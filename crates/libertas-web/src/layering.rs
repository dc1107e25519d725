//! The layering rule, checked: a feature imports from the shared layer (`crate::http` and the
//! crate's plumbing), the store and the domain, never from a sibling feature. Only `lib.rs`
//! (which merges the routers) and `openapi/` (which merges the documents) name features.

use std::path::Path;

const FEATURES: [&str; 11] = [
    "admin", "care", "cases", "exports", "home", "justice", "people", "public", "reports", "stats",
    "training",
];

/// Every `.rs` file below `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_feature_imports_a_sibling_feature() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = vec![];
    for feature in FEATURES {
        let mut files = vec![];
        sources(&src.join(feature), &mut files);
        assert!(!files.is_empty(), "no sources for {feature}");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for sibling in FEATURES.iter().filter(|s| **s != feature) {
                if text.contains(&format!("crate::{sibling}::")) {
                    found.push(format!("{} imports from {sibling}", file.display()));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_shared_layer_imports_no_feature() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    sources(&src.join("http"), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for feature in FEATURES {
            assert!(
                !text.contains(&format!("crate::{feature}::")),
                "{} imports from {feature}",
                file.display()
            );
        }
    }
}
