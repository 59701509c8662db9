//! Text analysis: the analyzers the schema names, shared by indexing, querying and highlighting
//! so that all three see the same tokens.
//!
//! Every analyzer starts the same way: simple tokenizer (splits on anything not alphanumeric,
//! so "l'orto" gives "l", "orto") -> drop tokens over 40 bytes -> lowercase -> ASCII folding
//! ("perché" -> "perche"). That is the plain analyzer. The stems analyzer then gives, for each
//! plain word, its Italian stem and, when different, its English stem at the same position; a
//! language's stop words give no stem in that language. Stop words are compared after folding,
//! so the few accented Italian stop words ("perché", "più", "è", ...) are simply kept; index
//! and query agree either way.
//!
//! One stems field instead of one per language halves the postings written for most words, and
//! each indexing thread remembers the stems of the words it has seen: a neighbourhood's
//! vocabulary is small and Zipf-distributed, so nearly every word is stemmed once per segment
//! instead of once per occurrence.

use std::collections::HashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, BoxTokenStream, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer, Token, TokenStream, Tokenizer, TokenizerManager,
};

/// Folded, unstemmed: exact words, phrases, typo tolerance and prefixes.
pub(crate) const PLAIN: &str = "comune_plain";
/// Italian and English stems of the plain words, stop words of either language left out of it.
pub(crate) const STEMS: &str = "comune_stems";

/// Longer tokens (URLs, hashes, glued words) are not indexed.
const MAX_TOKEN_BYTES: usize = 40;
/// Words whose stems one indexing analyzer remembers before it starts afresh.
const MAX_REMEMBERED_WORDS: usize = 50_000;

fn plain() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

fn stemmed(language: Language) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .dynamic();
    let builder = match StopWordFilter::new(language) {
        Some(stop_words) => builder.filter_dynamic(stop_words),
        None => builder,
    };
    builder.filter_dynamic(Stemmer::new(language)).build()
}

/// A token of the plain analyzer with its byte range in the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// Lowercased and folded.
    pub text: String,
    pub from: usize,
    pub to: usize,
}

/// The plain analyzer and the two languages' stemmers. Analysing needs `&mut`, so each search
/// clones its own set (cheap).
#[derive(Clone)]
pub(crate) struct Analyzers {
    plain: TextAnalyzer,
    italian: TextAnalyzer,
    english: TextAnalyzer,
}

impl Analyzers {
    pub fn new() -> Self {
        Analyzers {
            plain: plain(),
            italian: stemmed(Language::Italian),
            english: stemmed(Language::English),
        }
    }

    /// Makes the analyzers known to an index under the names the schema uses.
    pub fn register(&self, manager: &TokenizerManager) {
        manager.register(PLAIN, self.plain.clone());
        manager.register(STEMS, TextAnalyzer::from(Stems::new(self.clone())));
    }

    /// The plain tokens of `text`, in order, with their byte ranges.
    pub fn words(&mut self, text: &str) -> Vec<Word> {
        let mut words = Vec::new();
        let mut stream = self.plain.token_stream(text);
        while stream.advance() {
            let token = stream.token();
            words.push(Word {
                text: token.text.clone(),
                from: token.offset_from,
                to: token.offset_to,
            });
        }
        words
    }

    /// The Italian index term for one plain word; `None` for a stop word.
    pub fn italian(&mut self, word: &str) -> Option<String> {
        first_token(&mut self.italian, word)
    }

    /// The English index term for one plain word; `None` for a stop word.
    pub fn english(&mut self, word: &str) -> Option<String> {
        first_token(&mut self.english, word)
    }
}

/// The stems-field terms of one word.
#[derive(Clone)]
struct WordStems {
    italian: Option<String>,
    /// `None` when a stop word in English or the same as the Italian stem.
    english: Option<String>,
}

/// The stems analyzer: plain words, then their stems, remembered per word.
#[derive(Clone)]
struct Stems {
    analyzers: Analyzers,
    remembered: HashMap<String, WordStems>,
}

impl Stems {
    fn new(analyzers: Analyzers) -> Self {
        Stems {
            analyzers,
            remembered: HashMap::new(),
        }
    }
}

impl Tokenizer for Stems {
    type TokenStream<'a> = StemsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> StemsStream<'a> {
        let Analyzers {
            plain,
            italian,
            english,
        } = &mut self.analyzers;
        StemsStream {
            words: plain.token_stream(text),
            italian,
            english,
            remembered: &mut self.remembered,
            token: Token::default(),
            pending: None,
        }
    }
}

struct StemsStream<'a> {
    words: BoxTokenStream<'a>,
    italian: &'a mut TextAnalyzer,
    english: &'a mut TextAnalyzer,
    remembered: &'a mut HashMap<String, WordStems>,
    token: Token,
    /// An English stem still to give at the current position.
    pending: Option<String>,
}

/// The stems of `word`, from memory when it was seen before.
fn remembered_stems<'m>(
    remembered: &'m mut HashMap<String, WordStems>,
    italian: &mut TextAnalyzer,
    english: &mut TextAnalyzer,
    word: &str,
) -> &'m WordStems {
    if !remembered.contains_key(word) {
        let it = first_token(italian, word);
        let en = first_token(english, word).filter(|e| it.as_ref() != Some(e));
        if remembered.len() >= MAX_REMEMBERED_WORDS {
            remembered.clear();
        }
        remembered.insert(
            word.to_owned(),
            WordStems {
                italian: it,
                english: en,
            },
        );
    }
    &remembered[word]
}

impl TokenStream for StemsStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(english) = self.pending.take() {
            self.token.text = english;
            return true;
        }
        while self.words.advance() {
            let word = self.words.token();
            let stems = remembered_stems(self.remembered, self.italian, self.english, &word.text);
            let (first, then) = match (&stems.italian, &stems.english) {
                (Some(italian), english) => (italian, english.clone()),
                (None, Some(english)) => (english, None),
                (None, None) => continue,
            };
            self.token.text.clear();
            self.token.text.push_str(first);
            self.token.offset_from = word.offset_from;
            self.token.offset_to = word.offset_to;
            self.token.position = word.position;
            self.token.position_length = word.position_length;
            self.pending = then;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

fn first_token(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(word);
    if stream.advance() {
        Some(stream.token().text.clone())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: Vec<Word>) -> Vec<String> {
        words.into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn plain_folds_case_and_accents_and_keeps_offsets() {
        let mut a = Analyzers::new();
        let text = "Perché l'Orto è CHIUSO?";
        let words = a.words(text);
        assert_eq!(texts(words.clone()), ["perche", "l", "orto", "e", "chiuso"]);
        assert_eq!(&text[words[0].from..words[0].to], "Perché");
        assert_eq!(&text[words[2].from..words[2].to], "Orto");
    }

    #[test]
    fn plain_drops_overlong_tokens() {
        let mut a = Analyzers::new();
        let long = "x".repeat(MAX_TOKEN_BYTES + 1);
        assert_eq!(
            texts(a.words(&format!("ciao {long} mondo"))),
            ["ciao", "mondo"]
        );
    }

    #[test]
    fn italian_stems_plural_and_singular_alike() {
        let mut a = Analyzers::new();
        assert_eq!(a.italian("biciclette"), a.italian("bicicletta"));
        assert_eq!(a.italian("comunitari"), a.italian("comunitario"));
        assert_ne!(a.italian("orto"), a.italian("orzo"));
        assert_eq!(a.italian("della"), None, "Italian stop word");
    }

    #[test]
    fn english_stems_and_removes_stop_words() {
        let mut a = Analyzers::new();
        assert_eq!(a.english("gardens"), a.english("garden"));
        assert_eq!(a.english("the"), None);
        assert!(a.italian("the").is_some(), "not an Italian stop word");
    }

    fn stem_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let token = stream.token();
            out.push((token.position, token.text.clone()));
        }
        out
    }

    #[test]
    fn stems_give_both_languages_at_one_position_and_skip_common_stop_words() {
        let mut a = Analyzers::new();
        let manager = TokenizerManager::default();
        a.register(&manager);
        let mut stems = manager.get(STEMS).expect("registered");
        let text = "A giardini della città, the gardens";
        let tokens = stem_tokens(&mut stems, text);

        // "a" is a stop word in both languages; "della" only in Italian, "the" only in English.
        let at = |position: usize| -> Vec<String> {
            tokens
                .iter()
                .filter(|(p, _)| *p == position)
                .map(|(_, t)| t.clone())
                .collect()
        };
        assert!(at(0).is_empty(), "{tokens:?}");
        let giardini = at(1);
        assert_eq!(giardini[0], a.italian("giardini").unwrap());
        assert_eq!(giardini.len(), 2, "the English stem differs: {giardini:?}");
        assert_eq!(giardini[1], a.english("giardini").unwrap());
        assert_eq!(at(2), [a.english("della").unwrap()]);
        assert_eq!(at(3)[0], a.italian("citta").unwrap(), "accents folded");
        assert_eq!(at(4), [a.italian("the").unwrap()]);
        assert!(at(5).contains(&a.english("gardens").unwrap()));

        // Remembered stems give the same tokens the second time.
        assert_eq!(stem_tokens(&mut stems, text), tokens);
    }
}
