//! Vocabularies are enums, not strings: no code compares a channel kind, a visibility, a follow
//! state, an RSVP answer, a search feed entity or a role by its word outside the module that
//! declares its enum. This reads the sources.

use std::path::{Path, PathBuf};

/// The words of each vocabulary, and the file allowed to spell them in comparisons (a word of
/// two vocabularies may be spelt in either's file).
const VOCABULARIES: &[(&str, &[&str])] = &[
    (
        "domain/src/vocabulary.rs",
        &[
            "dialogue",
            "events",
            "codesign",
            "businesses",
            "announcements",
            "public",
            "members",
            "pending",
            "accepted",
            "going",
            "waitlist",
        ],
    ),
    (
        "domain/src/search_feed.rs",
        &["upsert", "community", "account"],
    ),
    // A moderation target is a post, a comment or an account.
    ("domain/src/moderation.rs", &["account"]),
    // Roles in a community, and in an organisation.
    ("domain/src/membership.rs", &["member", "facilitator"]),
    ("domain/src/organizations.rs", &["owner", "member"]),
];

/// The crates whose code is checked.
const SOURCES: &[&str] = &["domain/src", "federation/src", "server/src"];

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The ways a word gets compared: `== "w"`, `"w" !=`, `.eq("w")`, `"w" =>`, `"w" |`, `| "w"`.
fn comparisons(word: &str) -> Vec<String> {
    let quoted = format!("\"{word}\"");
    vec![
        format!("== {quoted}"),
        format!("!= {quoted}"),
        format!("{quoted} =="),
        format!("{quoted} !="),
        format!(".eq({quoted})"),
        format!(".ne({quoted})"),
        format!("{quoted} =>"),
        format!("{quoted} |"),
        format!("| {quoted}"),
        format!("contains(&{quoted})"),
    ]
}

fn compares(line: &str, word: &str) -> bool {
    comparisons(word).iter().any(|p| line.contains(p.as_str()))
}

#[test]
fn vocabularies_are_compared_as_enums_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in SOURCES {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 50, "the sources were not found: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(file).unwrap();
        for (_, words) in VOCABULARIES {
            for word in *words {
                let mut homes = VOCABULARIES.iter().filter(|(_, w)| w.contains(word));
                if homes.any(|(home, _)| *home == relative) {
                    continue;
                }
                for (n, line) in text.lines().enumerate() {
                    if compares(line, word) {
                        found.push(format!("{relative}:{}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "vocabulary words compared as strings (use the enum):\n{}",
        found.join("\n")
    );
}

/// The check itself finds what it is meant to find, and not the enum.
#[test]
fn the_check_sees_a_string_comparison() {
    assert!(compares(r#"    if channel.kind == "events" {"#, "events"));
    assert!(compares(
        r#"        "dialogue" | "announcements" => {}"#,
        "dialogue"
    ));
    assert!(compares(
        r#"        .filter(rsvps::status.eq("going"))"#,
        "going"
    ));
    assert!(!compares(
        "    if channel.kind == ChannelKind::Events {",
        "events"
    ));
}
