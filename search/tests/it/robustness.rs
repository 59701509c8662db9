//! No input makes a search fail or panic.

use comune_search::{Kind, Query, Viewer};

use crate::common::{admin_query, days_ago, doc, index_with};

fn nasty_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "\"",
        "\"\"",
        "\"\"\"",
        "\"orto",
        "orto\"",
        "\"orto\" \"comunitario",
        "\" \" \"",
        "+-:^~*()[]{}",
        "title:orto AND body:(x OR y)^3 ~2 -z +w",
        "*",
        "?",
        "orto~1",
        "\"orto comunitario\"~5",
        "[a TO z]",
        "{* TO *}",
        "\\",
        "\\\"",
        "/regex.*/",
        "!!!???...,,,;;;",
        "   \t\n\r  ",
        "\0",
        "orto\0biblioteca",
        "🌱🌻🥕",
        "orto 🌱",
        "ŀ ĳ ǆ ﬁ ß ẞ",
        "مرحبا بالعالم",
        "你好世界",
        "e\u{301}",
        "\u{202E}orto",
        "\u{FEFF}orto",
        "«orto comunitario»",
        "“orto",
        "a\"b\"c\"d",
        "'; DROP TABLE documents; --",
        "<script>alert(1)</script>",
        "%00%27",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    inputs.push("a".repeat(10_000));
    inputs.push("orto ".repeat(2_000));
    inputs.push("\"".repeat(10_000));
    inputs.push("(".repeat(10_000));
    inputs.push("é".repeat(10_000));
    inputs.push(format!("\"{}\"", "parola ".repeat(1_500)));
    inputs.push((0..2_000).map(|i| format!("w{i} ")).collect());
    inputs.push("x".repeat(39) + " " + &"y".repeat(41));
    inputs
}

/// A deterministic stream of random strings over an alphabet rich in syntax.
fn generated(count: usize) -> Vec<String> {
    const ALPHABET: &[char] = &[
        'a', 'o', 'r', 't', 'b', 'i', 'l', ' ', ' ', '"', '\'', '+', '-', ':', '^', '~', '*', '(',
        ')', '[', ']', '{', '}', '\\', '/', '?', '!', 'é', 'à', '\u{301}', '0', '9', '\0', '\n',
        '«', '»', '“', '”',
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 40) as usize;
            (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect()
        })
        .collect()
}

fn index() -> comune_search::SearchIndex {
    index_with([
        doc("a", "Orto comunitario", "La biblioteca e l'orto"),
        doc("b", "(Parentesi) [quadre] {graffe}", "title:orto AND *"),
        doc("c", "", ""),
    ])
}

#[test]
fn nasty_query_text_never_fails() {
    let index = index();
    for text in nasty_inputs().into_iter().chain(generated(500)) {
        for viewer in [Viewer::default(), admin_query("").viewer] {
            let q = Query {
                text: text.clone(),
                viewer,
                ..Query::default()
            };
            let results = index.search(&q);
            assert!(
                results.is_ok(),
                "{:?}: {results:?}",
                &text[..text.len().min(60)]
            );
        }
    }
}

#[test]
fn syntax_characters_are_ignored_not_interpreted() {
    let index = index();
    let results = index.search(&admin_query("title:orto ")).unwrap();
    // "title" is just a word: only the document containing it matches.
    assert_eq!(results.items.len(), 1);
    assert_eq!(results.items[0].id, "b");
    assert_eq!(index.search(&admin_query("-orto ")).unwrap().total, 2);
    assert_eq!(
        index.search(&admin_query("+-:^~*()[]{}")).unwrap().total,
        3,
        "browses"
    );
}

#[test]
fn limits_out_of_range_are_clamped() {
    let index = index_with((0..120).map(|i| doc(&format!("d{i}"), "Orto", "x")));
    let mut q = admin_query("orto ");
    q.limit = 0;
    assert_eq!(index.search(&q).unwrap().items.len(), 1);
    q.limit = usize::MAX;
    assert_eq!(index.search(&q).unwrap().items.len(), Query::MAX_LIMIT);
}

#[test]
fn odd_filters_never_fail() {
    let index = index();
    let far_past = chrono::DateTime::<chrono::Utc>::MIN_UTC;
    let far_future = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let q = Query {
        text: "orto".into(),
        community: Some(String::new()),
        channel_kind: Some("\0".into()),
        kinds: vec![Kind::User; 50],
        from: Some(far_future),
        to: Some(far_past),
        viewer: Viewer {
            member_of: vec![String::new(), "public".into(), "members:x".into()],
            is_admin: false,
        },
        ..Query::default()
    };
    assert_eq!(index.search(&q).unwrap().total, 0);
    let q = Query {
        from: Some(far_past),
        to: Some(far_future),
        ..admin_query("")
    };
    assert_eq!(index.search(&q).unwrap().total, 3);
    let q = Query {
        from: Some(days_ago(2)),
        ..admin_query("")
    };
    assert_eq!(index.search(&q).unwrap().total, 3);
}

#[test]
fn odd_documents_are_indexed() {
    let mut weird = doc("\0id with spaces/and\"quotes", "\0", &"é".repeat(100_000));
    weird.created_at = chrono::DateTime::<chrono::Utc>::MIN_UTC;
    weird.community = Some(String::new());
    let mut future = doc("future", "Orto", "Orto");
    future.created_at = chrono::DateTime::<chrono::Utc>::MAX_UTC;
    let index = index_with([weird, future]);
    assert_eq!(index.num_docs(), 2);
    let results = index.search(&admin_query("")).unwrap();
    assert_eq!(results.items.len(), 2);
    assert_eq!(results.items[0].id, "future");
    assert_eq!(index.search(&admin_query("orto ")).unwrap().total, 1);
}
