//! Tidy tests in the manner of rust-analyzer's `xtask/src/tidy.rs`: they read the source
//! tree and fail when the code stops being the house ARCHITECTURE.md describes — a
//! forbidden import between layers, printing from the library, a module without a
//! `//!` doc, a codemap path that does not exist, a test that reads outside the
//! repository, or a rule named outside its own file and the catalog.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use super::repo_root;

/// Known violations being fixed on a branch, as `(file, forbidden thing)` pairs, so a
/// half-merged refactor can land; empty on main since the issue-12 branches met. A stale
/// entry fails `allow_list_has_no_stale_entries`, so the list can only shrink.
const PENDING_ARCH_EDGES: &[(&str, &str)] = &[];

/// A source file: its path relative to the repository and the text before its
/// `#[cfg(test)]` module (the whole text for test-only files, flagged as such).
struct Source {
    rel: String,
    text: String,
    /// The non-test part, with `//` comments removed.
    code: String,
    /// The test part (everything of a test-only file).
    tests: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Files that are compiled only for tests (`#[cfg(test)] mod tests;` and helpers).
fn is_test_only(rel: &str) -> bool {
    rel.starts_with("tests/")
        || ["tests.rs", "testing.rs", "testgen.rs"]
            .iter()
            .any(|name| rel.ends_with(&format!("/{name}")))
}

fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn sources(under: &str) -> Vec<Source> {
    let root = repo_root();
    let mut files = Vec::new();
    rust_files(&root.join(under), &mut files);
    assert!(!files.is_empty(), "no Rust files under {under}");
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let rel = path
                .strip_prefix(&root)
                .expect("under the repository")
                .to_string_lossy()
                .replace('\\', "/");
            let (code, tests) = if is_test_only(&rel) {
                (String::new(), text.clone())
            } else {
                match text.find("#[cfg(test)]") {
                    Some(at) => (text[..at].to_owned(), text[at..].to_owned()),
                    None => (text.clone(), String::new()),
                }
            };
            Source {
                rel,
                code: strip_comments(&code),
                tests,
                text,
            }
        })
        .collect()
}

/// The top-level module a file under `src/` belongs to (`overlap`, `rules`, `app` …).
fn module_of(rel: &str) -> &str {
    let rest = rel.strip_prefix("src/").unwrap_or(rel);
    let first = rest.split('/').next().unwrap_or(rest);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// Whether `code` refers to `path` (`crate::config`, `std::fs`, `indicatif` …), by a
/// path or inside a `use` group (`use std::{fs, io}`).
fn refers_to(code: &str, path: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let bounded = |hay: &str, needle: &str| {
        hay.match_indices(needle).any(|(at, _)| {
            let before = hay[..at].chars().next_back();
            let after = hay[at + needle.len()..].chars().next();
            !before.is_some_and(|c| is_ident(c) || c == ':') && !after.is_some_and(is_ident)
        })
    };
    if bounded(code, path) {
        return true;
    }
    // `use std::{fs, io::Write}` and `use crate::{config, model}`.
    if let Some((head, last)) = path.rsplit_once("::") {
        let group = format!("{head}::{{");
        for (at, _) in code.match_indices(&group) {
            let inner = &code[at + group.len()..];
            let inner = &inner[..inner.find('}').unwrap_or(inner.len())];
            if inner
                .split(',')
                .any(|item| item.trim().split("::").next() == Some(last))
            {
                return true;
            }
        }
    }
    false
}

/// `(module pattern, forbidden paths)`: the layering of ARCHITECTURE.md.
fn layering(module: &str, rel: &str) -> Vec<&'static str> {
    let mut forbidden = Vec::new();
    if matches!(module, "overlap" | "rules" | "recommend") {
        forbidden.extend([
            "crate::config",
            "crate::registry",
            "crate::sources",
            "crate::report",
            "crate::app",
            "indicatif",
            "std::io",
            "std::fs",
            "std::net",
            "reqwest",
            "tokio",
            "clap",
        ]);
    }
    if module == "registry" {
        forbidden.extend([
            "crate::recommend",
            "crate::rules",
            "crate::overlap",
            "crate::report",
        ]);
    }
    if module == "sources" {
        forbidden.extend([
            "crate::registry",
            "crate::overlap",
            "crate::rules",
            "crate::recommend",
            "crate::report",
        ]);
    }
    // Terminal progress bars and argument parsing are the binary's: the library is
    // handed a `progress::Progress` and never draws.
    if !matches!(module, "main" | "commands" | "cli") {
        forbidden.extend(["indicatif", "clap"]);
    }
    // Only the crawler touches the network.
    if !rel.starts_with("src/sources/crawl/") {
        forbidden.extend(["reqwest", "tokio", "std::net"]);
    }
    // Only sources, registry and report touch the filesystem; the binary's
    // main.rs and commands/ only hand paths on, and the pipeline only canonicalises the
    // path a registry source is named by and reads /proc/self/status for `-v` (the
    // exception ARCHITECTURE.md's first invariant states).
    if !matches!(
        module,
        "sources" | "registry" | "report" | "main" | "commands" | "pipeline"
    ) {
        forbidden.push("std::fs");
    }
    forbidden.sort_unstable();
    forbidden.dedup();
    forbidden
}

fn pending(rel: &str, what: &str) -> bool {
    PENDING_ARCH_EDGES.contains(&(rel, what))
}

#[test]
fn layers_import_only_downwards() {
    let mut violations = Vec::new();
    for source in sources("src") {
        let module = module_of(&source.rel);
        for path in layering(module, &source.rel) {
            if refers_to(&source.code, path) && !pending(&source.rel, path) {
                violations.push(format!("{} uses {path}", source.rel));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "imports against ARCHITECTURE.md's layering:\n{}",
        violations.join("\n")
    );
}

#[test]
fn layering_check_sees_every_spelling() {
    // The checker itself: paths, `use` groups and word boundaries.
    assert!(refers_to("use std::fs;", "std::fs"));
    assert!(refers_to("let t = std::fs::read(p);", "std::fs"));
    assert!(refers_to("use std::{fs, io::Write};", "std::io"));
    assert!(refers_to("use crate::{config, model};", "crate::config"));
    assert!(refers_to("use indicatif::ProgressBar;", "indicatif"));
    assert!(!refers_to("use std::fmt;", "std::fs"));
    assert!(!refers_to("use crate::configure;", "crate::config"));
    assert!(!refers_to("let tokio_like = 1;", "tokio"));
    assert!(!refers_to("use my::indicatif;", "indicatif"));
    assert_eq!(module_of("src/overlap/join.rs"), "overlap");
    assert_eq!(module_of("src/app.rs"), "app");
    let core = layering("overlap", "src/overlap/join.rs");
    assert!(core.contains(&"crate::registry") && core.contains(&"std::io"));
    assert!(!layering("sources", "src/sources/crawl/fetch.rs").contains(&"reqwest"));
    assert!(layering("sources", "src/sources/json.rs").contains(&"reqwest"));
}

#[test]
fn library_never_prints() {
    let printing = ["print!", "println!", "eprint!", "eprintln!"];
    let mut violations = Vec::new();
    for source in sources("src") {
        let module = module_of(&source.rel);
        if matches!(module, "main" | "commands") || pending(&source.rel, "print") {
            continue;
        }
        let is_ident = |c: char| c.is_alphanumeric() || c == '_';
        for mac in printing {
            let hit = source
                .code
                .match_indices(mac)
                .any(|(at, _)| !source.code[..at].chars().next_back().is_some_and(is_ident));
            if hit {
                violations.push(format!("{} uses {mac}", source.rel));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "the library writes to stdout/stderr (return values or use tracing):\n{}",
        violations.join("\n")
    );
}

#[test]
fn every_module_starts_with_a_doc_comment() {
    let mut missing = Vec::new();
    for dir in ["src", "tests"] {
        for source in sources(dir) {
            let first = source.text.lines().find(|l| !l.trim().is_empty());
            if !first.is_some_and(|l| l.starts_with("//!")) {
                missing.push(source.rel);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a leading //! saying what they own:\n{}",
        missing.join("\n")
    );
}

/// The section of ARCHITECTURE.md from `## heading` to the next `## `.
fn architecture_section(heading: &str) -> String {
    let path = repo_root().join("ARCHITECTURE.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let start = text
        .find(&format!("## {heading}\n"))
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no ## {heading}"));
    let rest = &text[start + heading.len() + 4..];
    rest[..rest.find("\n## ").unwrap_or(rest.len())].to_owned()
}

/// The backticked spans of a line.
fn backticked(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

#[test]
fn codemap_paths_exist() {
    let root = repo_root();
    let codemap = architecture_section("Codemap");
    let mut checked = 0;
    let mut missing = Vec::new();
    let mut entry_dir: Option<String> = None;
    for line in codemap.lines() {
        let spans = backticked(line);
        if line.starts_with("- ") {
            // The entry's own path: `src/overlap/`, `src/main.rs`, `data/` …
            entry_dir = None;
            if let Some(first) = spans.first().filter(|s| s.contains('/')) {
                checked += 1;
                if !root.join(first).exists() {
                    missing.push(first.to_string());
                }
                if first.ends_with('/') {
                    entry_dir = Some(first.to_string());
                }
            }
        }
        // Files named inside a directory's entry (`index.rs`, `join.rs` …).
        if let Some(dir) = &entry_dir {
            for span in &spans {
                let name = span.split_whitespace().next().unwrap_or(span);
                if name.ends_with(".rs") && !name.starts_with("src/") {
                    checked += 1;
                    if !root.join(dir).join(name).exists() {
                        missing.push(format!("{dir}{name}"));
                    }
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} codemap paths found");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's codemap names paths that do not exist:\n{}",
        missing.join("\n")
    );
}

/// `path` with `.` and `..` folded, or None when `..` climbs above its start.
fn fold(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// The string literals of `text` that name a relative path climbing with `..`.
fn climbing_literals(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("\"..") {
        let rest = &text[at + 1..];
        let Some(end) = rest.find('"') else { continue };
        let literal = &rest[..end];
        if literal == ".." || literal.starts_with("../") {
            let before = &text[..at];
            // include_str!, include_bytes! and #[path] are relative to the file.
            let included = before.trim_end().ends_with("include_str!(")
                || before.trim_end().ends_with("include_bytes!(")
                || before.trim_end().ends_with("#[path =");
            out.push((included, literal.to_owned()));
        }
    }
    out
}

#[test]
fn tests_read_only_inside_the_repository() {
    let root = repo_root();
    let mut violations = Vec::new();
    for dir in ["src", "tests", "bench"] {
        for source in sources(dir) {
            if source.rel == "tests/cli/tidy.rs" {
                // This file spells out the paths it looks for.
                continue;
            }
            let file_dir = Path::new(&source.rel)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            for text in [&source.code, &source.tests] {
                for (included, literal) in climbing_literals(text) {
                    // include_str! and #[path] are relative to the file; other relative
                    // paths in tests are joined to the repository root.
                    let base = if included {
                        file_dir.clone()
                    } else {
                        PathBuf::new()
                    };
                    let inside = fold(&base.join(&literal)).is_some();
                    if !inside {
                        violations.push(format!("{}: \"{literal}\"", source.rel));
                    }
                }
                for absolute in ["\"/work/", "\"/home/", "\"/root/"] {
                    if text.contains(absolute) {
                        violations.push(format!("{}: {absolute}…\"", source.rel));
                    }
                }
            }
        }
    }
    assert!(root.join("data/rule_catalog.csv").exists());
    assert!(
        violations.is_empty(),
        "paths outside the repository (a fresh clone does not have them):\n{}",
        violations.join("\n")
    );
}

#[test]
fn path_check_catches_climbing_out() {
    let text =
        r#"let a = include_str!("../../data/x.csv"); let b = root.join("../../shared/p.csv");"#;
    let found = climbing_literals(text);
    assert_eq!(
        found,
        [
            (true, "../../data/x.csv".to_owned()),
            (false, "../../shared/p.csv".to_owned())
        ]
    );
    assert!(fold(&Path::new("src/rules").join("../../data/x.csv")).is_some());
    assert!(fold(Path::new("../../shared/p.csv")).is_none());
}

/// The rule ids of the policy catalog.
fn rule_ids() -> Vec<String> {
    let path = repo_root().join("data/rule_catalog.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.expect("catalog row")[0].to_owned())
        .collect();
    assert!(!ids.is_empty());
    ids
}

fn camel(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Adding a rule touches its own file, its catalog entry (the row of
/// `data/rule_catalog.csv` and the entry of `rules/catalog.rs`, which a catalog test
/// keeps equal) and docs/AUDIT_POLICY.md: no other code names a rule by id, module or
/// struct. Tests, snapshots and docs may.
#[test]
fn rules_are_named_only_in_their_file_and_the_catalog() {
    let ids = rule_ids();
    let sources = sources("src");
    let mut violations = Vec::new();
    for id in &ids {
        let module = id.replace('-', "_");
        let own = format!("src/rules/{module}.rs");
        assert!(
            sources.iter().any(|s| s.rel == own),
            "{id} has no file {own}"
        );
        let names = [
            format!("\"{id}\""),
            format!("{module}::"),
            format!("mod {module};"),
            camel(id),
        ];
        for source in &sources {
            if source.rel == own || source.rel == "src/rules/catalog.rs" {
                continue;
            }
            for name in &names {
                if source.code.contains(name.as_str()) && !pending(&source.rel, "rule id") {
                    violations.push(format!("{} names {name}", source.rel));
                }
            }
        }
    }
    let policy = std::fs::read_to_string(repo_root().join("docs/AUDIT_POLICY.md"))
        .expect("docs/AUDIT_POLICY.md");
    let undocumented: Vec<&String> = ids
        .iter()
        .filter(|id| !policy.contains(id.as_str()))
        .collect();
    assert!(
        undocumented.is_empty(),
        "rules missing from docs/AUDIT_POLICY.md: {undocumented:?}"
    );
    assert!(
        violations.is_empty(),
        "rule knowledge outside the rule's file and the catalog:\n{}",
        violations.join("\n")
    );
}

/// No file says how many rules there are: the count comes from the catalog.
#[test]
fn rule_count_is_never_written_down() {
    let n = rule_ids().len();
    let spellings = [
        format!("[RuleMeta; {n}]"),
        format!("len(), {n})"),
        format!("{n} rules"),
        format!("{n}-rule"),
        format!("{n} 条规则"),
    ];
    let mut violations = Vec::new();
    let mut files: Vec<(String, String)> = sources("src")
        .into_iter()
        .chain(sources("tests"))
        .map(|s| (s.rel, s.text))
        .collect();
    for doc in ["ARCHITECTURE.md", "README.md", "docs/AUDIT_POLICY.md"] {
        let text = std::fs::read_to_string(repo_root().join(doc)).unwrap_or_default();
        files.push((doc.to_owned(), text));
    }
    for (rel, text) in &files {
        for spelling in &spellings {
            if text.contains(spelling.as_str()) {
                violations.push(format!("{rel}: {spelling}"));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "the number of rules is hard-coded:\n{}",
        violations.join("\n")
    );
}

#[test]
fn allow_list_has_no_stale_entries() {
    // Every pending entry still names a file that exists and still breaks the rule it
    // excuses, so the list shrinks as the other branch lands.
    let sources = sources("src");
    let ids = rule_ids();
    let mut stale = Vec::new();
    for &(rel, what) in PENDING_ARCH_EDGES {
        let Some(source) = sources.iter().find(|s| s.rel == rel) else {
            stale.push(format!("{rel} (no such file)"));
            continue;
        };
        let still = match what {
            "print" => ["print!", "println!", "eprint!", "eprintln!"]
                .iter()
                .any(|m| source.code.contains(m)),
            "rule id" => ids
                .iter()
                .any(|id| source.code.contains(&format!("\"{id}\""))),
            path => refers_to(&source.code, path),
        };
        if !still {
            stale.push(format!("{rel}: {what}"));
        }
    }
    let unique: BTreeSet<_> = PENDING_ARCH_EDGES.iter().collect();
    assert_eq!(unique.len(), PENDING_ARCH_EDGES.len(), "duplicate entries");
    assert!(
        stale.is_empty(),
        "PENDING_ARCH_EDGES entries that no longer apply (delete them):\n{}",
        stale.join("\n")
    );
}
