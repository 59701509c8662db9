//! Accents, stemming, typos, phrases, prefixes and word logic.

use crate::common::{days_ago, doc, id_set, ids, index_with, search};

#[test]
fn accents_and_case_are_folded_both_ways() {
    let index = index_with([
        doc("accent", "Perché chiude il mercato", "Domande"),
        doc("plain", "Perche no", "Scritto senza accento"),
        doc("other", "Il mercato apre", "Nessuna domanda"),
    ]);
    assert_eq!(id_set(&search(&index, "perche ")), ["accent", "plain"]);
    assert_eq!(id_set(&search(&index, "PERCHÉ ")), ["accent", "plain"]);
    assert_eq!(id_set(&search(&index, "città ")), Vec::<&str>::new());
}

#[test]
fn italian_stemming_matches_inflections() {
    let index = index_with([
        doc("sing", "Bicicletta rubata", "In via Nizza"),
        doc("other", "Bicchieri di carta", "Festa"),
    ]);
    assert_eq!(ids(&search(&index, "biciclette ")), ["sing"]);
    assert_eq!(ids(&search(&index, "rubate ")), ["sing"]);
}

#[test]
fn english_stemming_matches_inflections() {
    let index = index_with([
        doc("garden", "Community garden", "Open on Sundays"),
        doc("other", "Guarding the bikes", "Volunteers needed"),
    ]);
    assert_eq!(ids(&search(&index, "gardens ")), ["garden"]);
    assert_eq!(ids(&search(&index, "opening ")), ["garden"]);
}

#[test]
fn one_typo_is_tolerated_in_words_of_five_letters_or_more() {
    let index = index_with([
        doc("lib", "La biblioteca riapre", "Orari nuovi"),
        doc("garden", "Orto in piazza", "Si semina"),
    ]);
    assert_eq!(ids(&search(&index, "bibliotca ")), ["lib"], "deletion");
    assert_eq!(
        ids(&search(&index, "bilbioteca ")),
        ["lib"],
        "transposition"
    );
    assert_eq!(ids(&search(&index, "biblioteka ")), ["lib"], "substitution");
    assert!(search(&index, "bibliotcaa ").items.is_empty(), "two edits");
    assert!(search(&index, "piazze ").items.len() == 1, "stem or typo");
}

#[test]
fn short_words_need_an_exact_match() {
    let index = index_with([doc("orto", "Orto in piazza", "Si semina")]);
    assert_eq!(ids(&search(&index, "orto ")), ["orto"]);
    assert!(search(&index, "orzo ").items.is_empty());
    assert!(search(&index, "arto ").items.is_empty());
}

#[test]
fn quoted_phrases_match_adjacent_words_only() {
    let index = index_with([
        doc("adjacent", "L'orto comunitario di via Nizza", "Apre sabato"),
        doc("apart", "Orto e giardino", "Un progetto comunitario"),
        doc("reversed", "Comunitario orto", "Ordine inverso"),
    ]);
    assert_eq!(ids(&search(&index, "\"orto comunitario\"")), ["adjacent"]);
    assert_eq!(
        id_set(&search(&index, "orto comunitario ")),
        ["adjacent", "apart", "reversed"]
    );
    // Phrase and word together: both must match.
    assert_eq!(
        ids(&search(&index, "\"orto comunitario\" sabato")),
        ["adjacent"]
    );
    assert!(search(&index, "\"orto comunitario\" giardino ")
        .items
        .is_empty());
}

#[test]
fn the_last_word_being_typed_matches_as_a_prefix() {
    let index = index_with([
        doc("lib", "La biblioteca riapre", "Orari nuovi"),
        doc("bike", "Bicicletta rubata", "In via Nizza"),
    ]);
    assert_eq!(ids(&search(&index, "bibl")), ["lib"]);
    assert_eq!(ids(&search(&index, "riapre bibl")), ["lib"]);
    assert_eq!(id_set(&search(&index, "bi")), ["bike", "lib"]);
    assert!(search(&index, "bibl ").items.is_empty(), "finished word");
    assert!(
        search(&index, "bibl riapre").items.is_empty(),
        "not the last word"
    );
    assert!(search(&index, "b").items.is_empty(), "one letter");
}

#[test]
fn every_word_must_match_but_stop_words_are_optional() {
    let index = index_with([
        doc("both", "Orto e biblioteca", "Insieme"),
        doc("orto", "Orto in piazza", "Si semina"),
        doc("lib", "Biblioteca civica", "Libri"),
    ]);
    assert_eq!(ids(&search(&index, "orto biblioteca ")), ["both"]);
    assert_eq!(ids(&search(&index, "la biblioteca civica ")), ["lib"]);
    assert_eq!(ids(&search(&index, "the civica ")), ["lib"]);
}

#[test]
fn title_matches_outrank_body_matches() {
    // Mirror images: the same words, swapped between title and body, so only the boost differs.
    let when = days_ago(3);
    let mut in_title = doc("title", "Mercato sabato", "Piazza frutta");
    let mut in_body = doc("body", "Piazza frutta", "Mercato sabato");
    in_title.created_at = when;
    in_body.created_at = when;
    let index = index_with([in_body, in_title]);
    let results = search(&index, "mercato ");
    assert_eq!(ids(&results), ["title", "body"]);
    assert!(results.items[0].score > results.items[1].score * 1.5);
}
