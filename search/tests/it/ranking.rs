//! Recency-boosted ranking and cursor pagination.

use std::collections::HashSet;

use chrono::Duration;
use comune_search::{Query, SearchError, RECENCY_SCALE_DAYS, RECENCY_WEIGHT};

use crate::common::{admin_query, days_ago, doc, ids, index_with, search};

#[test]
fn the_newer_of_two_equally_relevant_documents_ranks_first() {
    let mut old = doc(
        "old",
        "Pulizia del parco",
        "Ci vediamo al parco con i guanti",
    );
    old.created_at = days_ago(200);
    let mut new = doc(
        "new",
        "Pulizia del parco",
        "Ci vediamo al parco con i guanti",
    );
    new.created_at = days_ago(2);
    // Inserted oldest-last too, so insertion order cannot explain the result.
    for docs in [[old.clone(), new.clone()], [new, old]] {
        let index = index_with(docs);
        let results = search(&index, "parco ");
        assert_eq!(ids(&results), ["new", "old"]);
        assert!(results.items[0].score > results.items[1].score);
    }
}

/// The published boost, to recover the BM25 part of a score.
fn boost(age_days: f64) -> f64 {
    1.0 + RECENCY_WEIGHT / (1.0 + age_days / RECENCY_SCALE_DAYS)
}

#[test]
fn a_slightly_less_relevant_but_much_newer_document_ranks_first() {
    let mut old = doc("old", "Pulizia del parco", "Ci vediamo al parco");
    old.created_at = days_ago(200);
    let mut new = doc(
        "new",
        "Pulizia del parco",
        "Ci vediamo al parco con guanti sacchi e pinze",
    );
    new.created_at = days_ago(1);
    let index = index_with([old, new]);
    let results = search(&index, "parco ");
    assert_eq!(ids(&results), ["new", "old"]);
    let bm25 = |hit: usize, age: f64| f64::from(results.items[hit].score) / boost(age);
    assert!(
        bm25(0, 1.0) < bm25(1, 200.0),
        "without the boost the old one would win"
    );
}

#[test]
fn a_much_more_relevant_old_document_beats_a_barely_relevant_new_one() {
    let mut old = doc(
        "old",
        "Biblioteca di quartiere",
        "La biblioteca presta libri; la biblioteca cerca volontari per la biblioteca.",
    );
    old.created_at = days_ago(730);
    let filler = "assemblea condominio cortile riunione bilancio spese scale ascensore ".repeat(8);
    let mut new = doc(
        "new",
        "Verbale dell'assemblea",
        &format!("{filler} passate anche dalla biblioteca {filler}"),
    );
    new.created_at = days_ago(0);
    let index = index_with([new, old]);
    assert_eq!(ids(&search(&index, "biblioteca ")), ["old", "new"]);
}

/// 25 documents matching equally (same text, several sharing a creation time), so the order
/// rests on the tie-breakers too.
fn twenty_five() -> comune_search::SearchIndex {
    let now = days_ago(0);
    index_with((0..25).map(|i| {
        let mut d = doc(
            &format!("d{i:02}"),
            "Orto condiviso",
            "Turni di irrigazione",
        );
        d.created_at = now - Duration::days(i / 3);
        d
    }))
}

fn pages(index: &comune_search::SearchIndex, mut q: Query) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    loop {
        let results = index.search(&q).expect("page");
        assert_eq!(results.total, 25, "total is over all pages");
        pages.push(results.items.iter().map(|h| h.id.clone()).collect());
        match results.next_cursor {
            Some(cursor) => q.cursor = Some(cursor),
            None => return pages,
        }
        assert!(pages.len() < 10, "cursor loops");
    }
}

#[test]
fn cursor_pages_neither_repeat_nor_skip() {
    let index = twenty_five();
    for text in ["orto ", ""] {
        let mut q = admin_query(text);
        let everything: Vec<String> = ids(&index.search(&q).unwrap())
            .into_iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(everything.len(), 25);
        q.limit = 10;
        let pages = pages(&index, q);
        let sizes: Vec<usize> = pages.iter().map(Vec::len).collect();
        assert_eq!(sizes, [10, 10, 5], "{text:?}");
        let concatenated: Vec<String> = pages.concat();
        assert_eq!(
            concatenated, everything,
            "{text:?}: same order as one big page"
        );
        assert_eq!(concatenated.iter().collect::<HashSet<_>>().len(), 25);
    }
}

#[test]
fn an_exact_multiple_of_the_page_size_ends_without_an_empty_page() {
    let index = twenty_five();
    let mut q = admin_query("orto");
    q.limit = 25;
    let results = index.search(&q).unwrap();
    assert_eq!(results.items.len(), 25);
    assert_eq!(results.next_cursor, None);
}

#[test]
fn malformed_or_foreign_cursors_are_refused() {
    let index = twenty_five();
    let mut q = admin_query("orto");
    q.limit = 5;
    let cursor = index.search(&q).unwrap().next_cursor.expect("more pages");
    for bad in [
        "",
        "garbage",
        "%%%",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        let mut q = q.clone();
        q.cursor = Some(bad.to_owned());
        assert!(
            matches!(index.search(&q), Err(SearchError::BadCursor)),
            "{bad:?}"
        );
    }
    let mut other = admin_query("irrigazione");
    other.cursor = Some(cursor.clone());
    assert!(matches!(index.search(&other), Err(SearchError::BadCursor)));
    // The same cursor with another page size is fine.
    q.limit = 7;
    q.cursor = Some(cursor);
    assert_eq!(index.search(&q).unwrap().items.len(), 7);
}
