//! Helpers shared by the cross-crate tests.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The text of a file under the repository root; a test fails loudly if it is missing.
pub fn read(relative: &str) -> String {
    let path = root().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every file under `dir` (relative to the root) whose name ends with one of `endings`.
pub fn files(dir: &str, endings: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                if !p.ends_with("target") && !p.ends_with("node_modules") {
                    stack.push(p);
                }
            } else if endings.iter().any(|e| p.to_string_lossy().ends_with(e)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Loads a shipped pathway file, with its base if it is a variant (as the `pathway` command does).
pub fn load_pathway(path: &Path) -> pathway_core::Pathway {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let loaded = match pathway_core::extends(&source) {
        Some(extends) => {
            let base_path = path.parent().unwrap_or(Path::new(".")).join(&extends.file);
            let base = std::fs::read_to_string(&base_path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", base_path.display()));
            pathway_core::Pathway::from_yaml_with_base(&source, &base)
        }
        None => pathway_core::Pathway::from_yaml(&source),
    };
    loaded.unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
