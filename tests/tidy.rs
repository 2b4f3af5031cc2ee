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
            "maud",
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

/// The browser app must never store, send or put answers anywhere (privacy), nor insert raw HTML.
/// Its pages are Leptos components, which set every value as text or as an attribute; nothing in
/// the app's own code hands a string to the browser's HTML parser (the only HTML parsed is
/// Leptos's own fixed markup, compiled in: `site.test.mjs` checks that in the browser), and
/// no component may mark a string as HTML (`inner_html`).
#[test]
fn the_web_app_never_stores_sends_or_injects() {
    // Nothing in the app's own code reads a string as HTML.
    let mut sources = files("pathway-web/src", &[".rs", ".js"]);
    for f in &sources {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        for banned in [
            "PreEscaped",
            "insertAdjacentHTML",
            "outerHTML",
            "document.write",
            "createContextualFragment",
            "setHTML",
            "DOMParser",
        ] {
            assert!(!text.contains(banned), "{}: HTML from a string ({banned})", f.display());
        }
    }
    sources.extend(
        files("www", &[".js", ".html"]).into_iter().filter(|p| !p.to_string_lossy().contains("/dist/")),
    );
    // Trainer mode and the studio, and what they share, run in the same browser.
    for app in ["pathway-ui/src", "pathway-trainer/src", "pathway-studio/src"] {
        sources.extend(files(app, &[".rs"]));
    }
    assert!(!sources.is_empty());
    for f in sources {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for banned in [
            "inner_html",
            "innerHTML",
            "outer_html",
            "insert_adjacent_html",
            "local_storage",
            "localStorage",
            "session_storage",
            "sessionStorage",
            "indexed_db",
            "indexedDB",
            "set_cookie",
            "document.cookie",
            "send_beacon",
            "sendBeacon",
            "WebSocket",
            "XmlHttpRequest",
            "XMLHttpRequest",
            "push_state",
            "pushState",
            "replace_state",
            "replaceState",
            "set_hash",
            "googleapis",
            "cdn.",
            "unpkg",
            "jsdelivr",
        ] {
            assert!(!text.contains(banned), "{} uses {banned}", f.display());
        }
    }
    for app in ["pathway-web", "pathway-ui", "pathway-trainer", "pathway-studio"] {
        let manifest = read(&format!("{app}/Cargo.toml"));
        for feature in ["\"Storage\"", "\"WebSocket\"", "\"XmlHttpRequest\"", "\"History\"", "\"IdbFactory\""]
        {
            assert!(!manifest.contains(feature), "{app} enables web-sys {feature}");
        }
    }
}

/// A Content-Security-Policy with no inline script or style and no eval: only wasm compilation;
/// on every page, the same as the practitioner's (one header serves the whole site).
#[test]
fn the_page_ships_a_strict_content_security_policy() {
    let policy = |file: &str| {
        let html = read(file);
        let csp = html
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .map(str::to_owned);
        csp.unwrap_or_else(|| panic!("{file} has no CSP meta tag"))
    };
    let html = read("www/index.html");
    let csp = policy("www/index.html");
    for page in ["www/trainer.html", "www/studio.html"] {
        let other = policy(page);
        assert!(
            other.split("; ").all(|d| csp.contains(d)),
            "{page}'s policy allows more than index.html's: {other}"
        );
    }
    for needed in [
        "default-src 'none'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
    ] {
        assert!(csp.contains(needed), "CSP lacks {needed}");
    }
    assert!(!csp.contains("'unsafe-inline'") && !csp.contains("'unsafe-eval'"), "{csp}");
    assert!(!html.contains("<script>") && !html.contains("style="), "inline script or style in index.html");
    for f in files("pathway-web/src", &[".rs"]) {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(!text.contains(" style="), "{}: a style attribute would break under the CSP", f.display());
    }
}

/// Every module of the core, by its path (`author::verify`), with its text.
fn core_modules() -> Vec<(String, String)> {
    let src = root().join("pathway-core/src");
    files("pathway-core/src", &[".rs"])
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(&src).unwrap_or(&f).with_extension("");
            let mut name = rel.to_string_lossy().replace('/', "::");
            if let Some(parent) = name.strip_suffix("::mod") {
                name = parent.to_owned();
            }
            (name, std::fs::read_to_string(&f).unwrap_or_default())
        })
        .collect()
}

#[test]
fn no_core_file_is_over_500_lines() {
    for f in files("pathway-core/src", &[".rs"]) {
        let lines = std::fs::read_to_string(&f).unwrap_or_default().lines().count();
        assert!(lines <= 500, "{} has {lines} lines: split it by what it does", f.display());
    }
}

/// The core's modules form layers: no module reaches, through `crate::` paths, a module that
/// reaches it back. (A module and its own parent or children are one room, not a circle.)
#[test]
fn no_two_core_modules_import_each_other_in_a_circle() {
    let modules = core_modules();
    let known: Vec<&str> = modules.iter().map(|(m, _)| m.as_str()).collect();
    let related =
        |a: &str, b: &str| a == b || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"));
    let mut edges: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = Default::default();
    for (module, text) in &modules {
        for reference in text.split("crate::").skip(1) {
            let path: String =
                reference.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':').collect();
            let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let target = (1..=segments.len())
                .rev()
                .map(|k| segments[..k].join("::"))
                .find(|c| known.contains(&c.as_str()));
            if let Some(target) = target.and_then(|t| known.iter().find(|k| **k == t).copied())
                && module != "lib"
                && !related(module, target)
            {
                edges.entry(module.as_str()).or_default().insert(target);
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn back_to<'a>(
        start: &'a str,
        at: &'a str,
        edges: &std::collections::BTreeMap<&'a str, std::collections::BTreeSet<&'a str>>,
        path: &mut Vec<&'a str>,
        seen: &mut std::collections::BTreeSet<&'a str>,
    ) -> bool {
        for next in edges.get(at).into_iter().flatten() {
            if *next == start {
                return true;
            }
            if seen.insert(next) {
                path.push(next);
                if back_to(start, next, edges, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    for module in edges.keys() {
        let mut path = vec![*module];
        if back_to(module, module, &edges, &mut path, &mut Default::default()) {
            panic!("an import circle: {} -> {module}", path.join(" -> "));
        }
    }
    assert!(edges.len() >= 10, "the scan found too few modules to mean anything: {edges:?}");
}

/// The web app draws what the core says: it reads no numbers for itself, scores nothing, and
/// words no risk level or criterion (those come from the core or the pathway).
#[test]
fn the_web_app_decides_nothing_and_words_no_risk() {
    for f in files("pathway-web/src", &[".rs"]) {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for banned in ["parse::<", ".weight", "MARAC", "criteria met", "“yes”", "..=", "WalkError::"] {
            assert!(
                !text.contains(banned),
                "{} contains `{banned}`: that belongs in pathway-core",
                f.display()
            );
        }
    }
}
