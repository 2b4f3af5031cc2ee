//! Rules about the code itself, checked by `cargo test` like everything else.

use pathway_tests::{files, read, root};

#[test]
fn the_core_does_no_io_and_no_unsafe() {
    assert!(read("pathway-core/src/lib.rs").contains("#![forbid(unsafe_code)]"));
    for f in files("pathway-core/src", &[".rs"]) {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for banned in [
            "std::fs",
            "std::net",
            "std::env",
            "std::process",
            "web_sys",
            "js_sys",
            "leptos",
            "println!",
            "eprintln!",
        ] {
            assert!(!text.contains(banned), "{} uses {banned}", f.display());
        }
    }
}

#[test]
fn no_test_is_ignored_or_expected_to_panic() {
    for f in files(".", &[".rs"]) {
        if f.ends_with("tidy.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(!text.contains("#[ignore") && !text.contains("#[should_panic"), "{}", f.display());
    }
}

/// The archived serde_yaml and the unmaintained libyaml translation it used must not come back.
#[test]
fn the_yaml_stack_is_the_maintained_one() {
    let lock = read("Cargo.lock");
    for banned in
        ["name = \"serde_yaml\"", "name = \"unsafe-libyaml\"", "name = \"serde_yml\"", "name = \"libyml\""]
    {
        assert!(!lock.contains(banned), "Cargo.lock has {banned}");
    }
    assert!(lock.contains("name = \"yaml_serde\""));
}

#[test]
fn snapshots_are_never_left_pending() {
    let pending = files(".", &[".snap.new", ".pending-snap"]);
    assert!(pending.is_empty(), "review these with `cargo insta review`: {pending:?}");
    assert!(root().join("Cargo.lock").is_file());
}
