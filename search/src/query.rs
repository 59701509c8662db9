//! From user input and filters to a tantivy query, built term by term from analysed tokens
//! (tantivy's query parser never sees user text, so its syntax means nothing here).
//!
//! The text is split on double quotes (also “ ” « »): quoted parts are phrases, the rest words;
//! an unclosed quote is ignored. Every word must match (AND), unless it is a stop word in
//! Italian or English, which then only adds to the score; a query of stop words alone matches
//! any of them. A word matches when, in the title (boosted) or the body:
//! - its Italian or English stem matches (the better of the two counts);
//! - for a word of five letters or more, a plain word within one edit (typo, transposition);
//! - for the last word, when nothing follows it, a plain word it starts (search as you type).
//!
//! A phrase must match its plain words adjacent and in order. Filters (community, kinds, channel
//! kind, time range) are required clauses with a constant score of zero, so they restrict hits,
//! totals and facets alike without touching relevance. Visibility is an excluding clause: the
//! members-only documents the viewer may not see, a small part of the index, are taken out.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, DisjunctionMaxQuery, EmptyQuery, Occur,
    PhraseQuery, Query as TantivyQuery, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use crate::analysis::Analyzers;
use crate::expansion::Expansion;
use crate::model::Query;
use crate::schema::{members_scope, restricted_scope, Fields};

/// Longer input is cut (a search box, not a document).
pub const MAX_QUERY_CHARS: usize = 1_000;
/// Words (and phrase words) beyond this are ignored.
pub const MAX_WORDS: usize = 16;
/// Words at least this long tolerate one edit.
pub(crate) const MIN_FUZZY_CHARS: usize = 5;
/// The last word matches as a prefix from this length.
pub(crate) const MIN_PREFIX_CHARS: usize = 2;

const TITLE_BOOST: f32 = 2.0;
/// Typo and prefix matches score a constant, below a typical exact match.
const EXPANSION_BOOST: f32 = 0.3;
/// Above this many values (memberships, kinds), a filter uses one term-set query.
const MAX_SCOPE_CLAUSES: usize = 32;

type Boxed = Box<dyn TantivyQuery>;

/// One query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Plain form: lowercased, folded.
    pub plain: String,
    /// Index term in the Italian fields; `None` for an Italian stop word.
    pub italian: Option<String>,
    /// Index term in the English fields; `None` for an English stop word.
    pub english: Option<String>,
    /// Also match words it starts.
    pub prefix: bool,
}

impl Word {
    fn is_stop_word(&self) -> bool {
        self.italian.is_none() || self.english.is_none()
    }

    pub fn is_fuzzy(&self) -> bool {
        self.plain.chars().count() >= MIN_FUZZY_CHARS
    }
}

/// Analysed user input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub words: Vec<Word>,
    /// Plain words of each phrase.
    pub phrases: Vec<Vec<String>>,
}

impl Parsed {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»')
}

/// Splits and analyses user input.
pub(crate) fn parse(text: &str, analyzers: &mut Analyzers) -> Parsed {
    let text = match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let text: String = text
        .chars()
        .map(|c| if is_quote(c) { '"' } else { c })
        .collect();
    let parts: Vec<&str> = text.split('"').collect();
    let closed_quotes = if parts.len().is_multiple_of(2) {
        // An odd number of quotes: the last one is unclosed, its text is plain words.
        parts.len() - 2
    } else {
        parts.len() - 1
    };

    let mut parsed = Parsed::default();
    let mut budget = MAX_WORDS;
    let last_part = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        let tokens = analyzers.words(part);
        if i % 2 == 1 && i <= closed_quotes {
            let phrase: Vec<String> = tokens.into_iter().take(budget).map(|w| w.text).collect();
            budget -= phrase.len();
            if !phrase.is_empty() {
                parsed.phrases.push(phrase);
            }
            continue;
        }
        let count = tokens.len();
        for (n, token) in tokens.into_iter().enumerate() {
            let prefix = i == last_part
                && n + 1 == count
                && token.to == part.len()
                && token.text.chars().count() >= MIN_PREFIX_CHARS;
            if let Some(seen) = parsed.words.iter_mut().find(|w| w.plain == token.text) {
                seen.prefix |= prefix;
                continue;
            }
            if budget == 0 {
                break;
            }
            budget -= 1;
            parsed.words.push(Word {
                italian: analyzers.italian(&token.text),
                english: analyzers.english(&token.text),
                plain: token.text,
                prefix,
            });
        }
    }
    parsed
}

fn term(field: Field, text: &str) -> Term {
    Term::from_field_text(field, text)
}

fn scored_term(field: Field, text: &str) -> Boxed {
    Box::new(TermQuery::new(
        term(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

fn filter_term(field: Field, text: &str) -> Boxed {
    Box::new(TermQuery::new(term(field, text), IndexRecordOption::Basic))
}

fn boost(query: Boxed, by: f32) -> Boxed {
    Box::new(BoostQuery::new(query, by))
}

/// The clause one word must satisfy.
fn word_query(word: &Word, f: &Fields) -> Boxed {
    let mut any: Vec<Boxed> = Vec::new();
    let mut stems: Vec<&str> = [&word.italian, &word.english]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    stems.dedup();
    for (stemmed, plain, by) in [
        (f.title_stems, f.title_plain, TITLE_BOOST),
        (f.body_stems, f.body_plain, 1.0),
    ] {
        let exact: Boxed = match stems.as_slice() {
            // A stop word in both languages: only the plain fields have it.
            [] => scored_term(plain, &word.plain),
            [one] => scored_term(stemmed, one),
            // The better of the two languages counts, not their sum.
            several => Box::new(DisjunctionMaxQuery::new(
                several.iter().map(|s| scored_term(stemmed, s)).collect(),
            )),
        };
        any.push(boost(exact, by));
        if let Some(expansion) = Expansion::new(plain, &word.plain, word.is_fuzzy(), word.prefix) {
            any.push(boost(Box::new(expansion), EXPANSION_BOOST * by));
        }
    }
    Box::new(BooleanQuery::union(any))
}

/// The clause a phrase must satisfy.
fn phrase_query(words: &[String], f: &Fields) -> Boxed {
    let in_field = |field: Field| -> Boxed {
        match words {
            [single] => scored_term(field, single),
            _ => Box::new(PhraseQuery::new(
                words.iter().map(|w| term(field, w)).collect(),
            )),
        }
    };
    Box::new(BooleanQuery::union(vec![
        boost(in_field(f.title_plain), TITLE_BOOST),
        in_field(f.body_plain),
    ]))
}

/// The scored part of the query; `None` when the input has nothing to match.
pub(crate) fn text_query(parsed: &Parsed, f: &Fields) -> Option<Boxed> {
    if parsed.is_empty() {
        return None;
    }
    let mut clauses: Vec<(Occur, Boxed)> = Vec::new();
    for word in &parsed.words {
        let occur = if word.is_stop_word() {
            Occur::Should
        } else {
            Occur::Must
        };
        clauses.push((occur, word_query(word, f)));
    }
    for phrase in parsed.phrases.iter().filter(|p| !p.is_empty()) {
        clauses.push((Occur::Must, phrase_query(phrase, f)));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

fn any_of(field: Field, values: &[&str]) -> Boxed {
    if values.len() > MAX_SCOPE_CLAUSES {
        Box::new(TermSetQuery::new(values.iter().map(|v| term(field, v))))
    } else {
        Box::new(BooleanQuery::union(
            values.iter().map(|v| filter_term(field, v)).collect(),
        ))
    }
}

/// What the viewer may not see: the members-only documents of communities they are not a
/// member of; `None` for an administrator, who sees everything.
pub(crate) fn hidden_query(q: &Query, f: &Fields) -> Option<Boxed> {
    if q.viewer.is_admin {
        return None;
    }
    let restricted = filter_term(f.scope, restricted_scope());
    let mut mine: Vec<String> = q
        .viewer
        .member_of
        .iter()
        .map(|c| members_scope(c))
        .collect();
    if mine.is_empty() {
        return Some(restricted);
    }
    mine.sort_unstable();
    mine.dedup();
    let mine: Vec<&str> = mine.iter().map(String::as_str).collect();
    Some(Box::new(BooleanQuery::new(vec![
        (Occur::Must, restricted),
        (Occur::MustNot, any_of(f.scope, &mine)),
    ])))
}

/// The filters the caller chose (community, channel kind, kinds, time range), unscored;
/// `None` when there are none.
pub(crate) fn narrowing_query(q: &Query, f: &Fields) -> Option<Boxed> {
    unscored_intersection(narrowing_filters(q, f))
}

fn unscored_intersection(filters: Vec<Boxed>) -> Option<Boxed> {
    if filters.is_empty() {
        return None;
    }
    Some(Box::new(ConstScoreQuery::new(
        Box::new(BooleanQuery::intersection(filters)),
        0.0,
    )))
}

fn narrowing_filters(q: &Query, f: &Fields) -> Vec<Boxed> {
    let mut filters: Vec<Boxed> = Vec::new();
    if let Some(community) = &q.community {
        filters.push(filter_term(f.community, community));
    }
    if let Some(channel_kind) = &q.channel_kind {
        filters.push(filter_term(f.channel_kind, channel_kind));
    }
    if !q.kinds.is_empty() {
        let mut kinds: Vec<&str> = q.kinds.iter().map(|k| k.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        filters.push(any_of(f.kind, &kinds));
    }
    let from = q.from.map(|t| t.timestamp_micros());
    let to = q.to.map(|t| t.timestamp_micros());
    match (from, to) {
        (Some(from), Some(to)) if from >= to => filters.push(Box::new(EmptyQuery)),
        (None, None) => {}
        (from, to) => filters.push(Box::new(RangeQuery::new(
            from.map_or(Bound::Unbounded, |t| {
                Bound::Included(Term::from_field_i64(f.created, t))
            }),
            to.map_or(Bound::Unbounded, |t| {
                Bound::Excluded(Term::from_field_i64(f.created, t))
            }),
        ))),
    }
    filters
}

/// Text, filters and visibility together: what matches `text` (everything when there is no
/// text), within `narrowing`, minus `hidden`.
pub(crate) fn combine(
    text: Option<Boxed>,
    narrowing: Option<Boxed>,
    hidden: Option<Boxed>,
) -> Boxed {
    let mut clauses: Vec<(Occur, Boxed)> = Vec::new();
    clauses.extend(text.map(|t| (Occur::Must, t)));
    clauses.extend(narrowing.map(|n| (Occur::Must, n)));
    if clauses.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    clauses.extend(hidden.map(|h| (Occur::MustNot, h)));
    match clauses.len() {
        1 => clauses
            .pop()
            .map_or_else(|| Box::new(AllQuery) as Boxed, |(_, only)| only),
        _ => Box::new(BooleanQuery::new(clauses)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Parsed {
        parse(text, &mut Analyzers::new())
    }

    fn plains(p: &Parsed) -> Vec<(&str, bool)> {
        p.words
            .iter()
            .map(|w| (w.plain.as_str(), w.prefix))
            .collect()
    }

    #[test]
    fn words_phrases_and_prefix() {
        let p = parse_text(r#"Orto "via Nizza" bibl"#);
        assert_eq!(plains(&p), [("orto", false), ("bibl", true)]);
        assert_eq!(p.phrases, [vec!["via".to_owned(), "nizza".to_owned()]]);
    }

    #[test]
    fn trailing_space_or_punctuation_ends_the_prefix() {
        assert_eq!(plains(&parse_text("bibl ")), [("bibl", false)]);
        assert_eq!(plains(&parse_text("bibl.")), [("bibl", false)]);
        assert_eq!(plains(&parse_text("b")), [("b", false)], "too short");
        assert!(parse_text(r#""orto comune""#).words.is_empty());
    }

    #[test]
    fn unclosed_quote_is_plain_words() {
        let p = parse_text(r#"orto "comunitario"#);
        assert!(p.phrases.is_empty());
        assert_eq!(plains(&p), [("orto", false), ("comunitario", true)]);
    }

    #[test]
    fn smart_quotes_make_phrases() {
        let p = parse_text("“orto comunitario” ");
        assert_eq!(p.phrases.len(), 1);
    }

    #[test]
    fn stop_words_are_marked_and_duplicates_merged() {
        let p = parse_text("il giardino giardino the");
        let stop: Vec<bool> = p.words.iter().map(Word::is_stop_word).collect();
        assert_eq!(stop, [true, false, true]);
    }

    #[test]
    fn words_are_capped() {
        let long =
            "parola ".repeat(5_000) + &(0..100).map(|i| format!("w{i} ")).collect::<String>();
        let p = parse_text(&long);
        assert!(p.words.len() <= MAX_WORDS);
        let many: String = (0..100).map(|i| format!("w{i} ")).collect();
        assert_eq!(parse_text(&many).words.len(), MAX_WORDS);
    }

    #[test]
    fn syntax_characters_are_just_separators() {
        assert!(parse_text("+-:^~*()[]{}!\\/<>=&|'").is_empty());
        assert_eq!(
            plains(&parse_text("title:orto")),
            [("title", false), ("orto", true)]
        );
    }
}
