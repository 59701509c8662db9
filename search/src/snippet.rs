//! Highlighted snippets: a short fragment of the body around the densest cluster of matched
//! words, matched words wrapped in `<mark>`, every other character HTML-escaped. Matching
//! mirrors the query (same plain words, same stems, one edit for long words, the prefix), so
//! what matched is what is marked. The title stands in when the body has no match.

use std::collections::HashSet;

use crate::analysis::{Analyzers, Word};
use crate::query::Parsed;

/// Target fragment length.
const FRAGMENT_BYTES: usize = 200;
/// Context kept before the first marked word.
const LEAD_BYTES: usize = 50;
/// Matches further into a body are not looked for.
const MAX_SCAN_BYTES: usize = 64 * 1024;
/// Stems share (at least) their first characters with the word; only such words are stemmed.
const STEM_HEAD_CHARS: usize = 3;

/// What to mark, derived from one query.
pub(crate) struct Highlighter {
    exact: HashSet<String>,
    fuzzy: Vec<Vec<char>>,
    prefixes: Vec<String>,
    italian: HashSet<String>,
    english: HashSet<String>,
    stem_heads: Vec<String>,
}

impl Highlighter {
    pub fn new(parsed: &Parsed) -> Self {
        let mut h = Highlighter {
            exact: HashSet::new(),
            fuzzy: Vec::new(),
            prefixes: Vec::new(),
            italian: HashSet::new(),
            english: HashSet::new(),
            stem_heads: Vec::new(),
        };
        for word in &parsed.words {
            h.exact.insert(word.plain.clone());
            if word.is_fuzzy() {
                h.fuzzy.push(word.plain.chars().collect());
            }
            if word.prefix {
                h.prefixes.push(word.plain.clone());
            }
            for stem in [&word.italian, &word.english].into_iter().flatten() {
                h.stem_heads
                    .push(stem.chars().take(STEM_HEAD_CHARS).collect());
            }
            h.italian.extend(word.italian.clone());
            h.english.extend(word.english.clone());
        }
        for phrase in &parsed.phrases {
            h.exact.extend(phrase.iter().cloned());
        }
        h.stem_heads.sort_unstable();
        h.stem_heads.dedup();
        h
    }

    fn matches(&self, word: &str, analyzers: &mut Analyzers) -> bool {
        if self.exact.contains(word) || self.prefixes.iter().any(|p| word.starts_with(p.as_str())) {
            return true;
        }
        if !self.fuzzy.is_empty() {
            let chars: Vec<char> = word.chars().collect();
            if self.fuzzy.iter().any(|f| within_one_edit(f, &chars)) {
                return true;
            }
        }
        if !self.stem_heads.iter().any(|h| word.starts_with(h.as_str())) {
            return false;
        }
        analyzers
            .italian(word)
            .is_some_and(|s| self.italian.contains(&s))
            || analyzers
                .english(word)
                .is_some_and(|s| self.english.contains(&s))
    }

    /// The snippet of a hit: a marked fragment of the body, else of the title, else the start
    /// of the body (or the title) unmarked.
    pub fn snippet(&self, title: &str, body: &str, analyzers: &mut Analyzers) -> String {
        self.fragment(body, analyzers)
            .or_else(|| self.fragment(title, analyzers))
            .unwrap_or_else(|| lead(if body.trim().is_empty() { title } else { body }))
    }

    fn fragment(&self, text: &str, analyzers: &mut Analyzers) -> Option<String> {
        let scanned = &text[..floor_boundary(text, MAX_SCAN_BYTES)];
        let marks: Vec<Word> = analyzers
            .words(scanned)
            .into_iter()
            .filter(|w| self.matches(&w.text, analyzers))
            .collect();
        let best = densest(&marks)?;
        let first = &marks[best];
        let start = fragment_start(text, first.from);
        let end = fragment_end(text, start, first.to);
        let mut out = String::new();
        if start > 0 {
            out.push('…');
        }
        let mut at = start;
        for mark in marks[best..].iter().take_while(|m| m.to <= end) {
            escape_into(&mut out, &text[at..mark.from]);
            out.push_str("<mark>");
            escape_into(&mut out, &text[mark.from..mark.to]);
            out.push_str("</mark>");
            at = mark.to;
        }
        escape_into(&mut out, &text[at..end]);
        if end < text.len() {
            out.push('…');
        }
        Some(out.trim().to_owned())
    }
}

/// The index of the mark starting the fragment with the most distinct marked words.
fn densest(marks: &[Word]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, first) in marks.iter().enumerate() {
        let mut distinct: Vec<&str> = marks[i..]
            .iter()
            .take_while(|m| m.to <= first.from + FRAGMENT_BYTES)
            .map(|m| m.text.as_str())
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        if best.is_none_or(|(_, count)| distinct.len() > count) {
            best = Some((i, distinct.len()));
        }
    }
    best.map(|(i, _)| i)
}

/// Start a little before the first mark, at a word boundary.
fn fragment_start(text: &str, first: usize) -> usize {
    let earliest = ceil_boundary(text, first.saturating_sub(LEAD_BYTES));
    if earliest == 0 {
        return 0;
    }
    match text[earliest..first].find(char::is_whitespace) {
        Some(space) => earliest + space,
        None => first,
    }
}

/// End about `FRAGMENT_BYTES` after `start`, at a word boundary, never before `min_end`.
fn fragment_end(text: &str, start: usize, min_end: usize) -> usize {
    let latest = floor_boundary(text, start + FRAGMENT_BYTES).max(min_end);
    if latest >= text.len() {
        return text.len();
    }
    match text[min_end..latest].rfind(char::is_whitespace) {
        Some(space) => min_end + space,
        None => latest,
    }
}

/// The start of a text, escaped, cut at a word boundary.
pub(crate) fn lead(text: &str) -> String {
    let text = text.trim();
    let end = fragment_end(text, 0, 0);
    let mut out = String::new();
    escape_into(&mut out, &text[..end]);
    if end < text.len() {
        out.push('…');
    }
    out.trim().to_owned()
}

fn floor_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

fn ceil_boundary(text: &str, at: usize) -> usize {
    (at..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// HTML-escapes `text` into `out`, collapsing runs of whitespace (newlines too) to one space.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '`' => out.push_str("&#x60;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// At most one insertion, deletion, substitution or transposition apart (what tantivy's
/// distance-1 fuzzy query with transposition cost one accepts).
pub(crate) fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let Some(i) = short.iter().zip(long).position(|(x, y)| x != y) else {
        return true; // equal, or one extra character at the end
    };
    if short.len() == long.len() {
        let substituted = short[i + 1..] == long[i + 1..];
        let transposed = i + 1 < short.len()
            && short[i] == long[i + 1]
            && short[i + 1] == long[i]
            && short[i + 2..] == long[i + 2..];
        substituted || transposed
    } else {
        short[i..] == long[i + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn snippet(query: &str, title: &str, body: &str) -> String {
        let mut analyzers = Analyzers::new();
        let parsed = parse(query, &mut analyzers);
        Highlighter::new(&parsed).snippet(title, body, &mut analyzers)
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn one_edit() {
        let yes = [
            ("biblioteca", "bibliotca"),
            ("biblioteca", "bibliotexa"),
            ("biblioteca", "biblitoeca"),
            ("biblioteca", "bibliotecax"),
            ("biblioteca", "xbiblioteca"),
            ("abc", "abc"),
        ];
        for (a, b) in yes {
            assert!(within_one_edit(&chars(a), &chars(b)), "{a} {b}");
            assert!(within_one_edit(&chars(b), &chars(a)), "{b} {a}");
        }
        let no = [
            ("biblioteca", "bibliotxxa"),
            ("biblioteca", "biblio"),
            ("ab", "ba "),
        ];
        for (a, b) in no {
            assert!(!within_one_edit(&chars(a), &chars(b)), "{a} {b}");
        }
    }

    #[test]
    fn escapes_everything_but_marks() {
        assert_eq!(
            snippet("orto", "", "<b>orto</b> & 'x' \"y\""),
            "&lt;b&gt;<mark>orto</mark>&lt;/b&gt; &amp; &#x27;x&#x27; &quot;y&quot;"
        );
    }

    #[test]
    fn marks_stems_accents_typos_and_prefixes() {
        assert_eq!(
            snippet("bicicletta", "", "Due biciclette rubate"),
            "Due <mark>biciclette</mark> rubate"
        );
        assert_eq!(
            snippet("perche", "", "Ma perché?"),
            "Ma <mark>perché</mark>?"
        );
        assert_eq!(
            snippet("bibliotca", "", "La biblioteca apre"),
            "La <mark>biblioteca</mark> apre"
        );
        assert_eq!(
            snippet("bibl", "", "La biblioteca apre"),
            "La <mark>biblioteca</mark> apre"
        );
    }

    #[test]
    fn falls_back_to_the_title_then_the_lead() {
        assert_eq!(
            snippet("orto", "L'orto <nuovo>", "Niente qui"),
            "L&#x27;<mark>orto</mark> &lt;nuovo&gt;"
        );
        assert_eq!(snippet("zzz", "<T>", "Corpo <b>"), "Corpo &lt;b&gt;");
        assert_eq!(snippet("zzz", "<T>", "  "), "&lt;T&gt;");
    }

    #[test]
    fn long_bodies_give_a_short_fragment_around_the_matches() {
        let body = format!(
            "{} il nostro orto comunitario {}",
            "prima ".repeat(200),
            "dopo ".repeat(200)
        );
        let s = snippet("orto comunitario", "", &body);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(
            s.contains("<mark>orto</mark> <mark>comunitario</mark>"),
            "{s}"
        );
        assert!(s.len() < FRAGMENT_BYTES + 100, "{}", s.len());
    }

    #[test]
    fn multibyte_text_is_cut_on_char_boundaries() {
        let body = "è".repeat(300) + " città " + &"ü".repeat(300);
        let s = snippet("citta", "", &body);
        assert!(s.contains("<mark>città</mark>"), "{s}");
        let s = lead(&"é".repeat(1000));
        assert!(s.ends_with('…'));
    }
}
