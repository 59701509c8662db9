//! Text analysis: the three analyzers the schema names, shared by indexing, querying and
//! highlighting so that all three see the same tokens.
//!
//! Every analyzer starts the same way: simple tokenizer (splits on anything not alphanumeric,
//! so "l'orto" gives "l", "orto") -> drop tokens over 40 bytes -> lowercase -> ASCII folding
//! ("perché" -> "perche"). The Italian and English analyzers then remove their language's stop
//! words and stem. Stop words are compared after folding, so the few accented Italian stop
//! words ("perché", "più", "è", ...) are simply kept; index and query agree either way.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    StopWordFilter, TextAnalyzer, TokenizerManager,
};

/// Folded, unstemmed: exact words, phrases, typo tolerance and prefixes.
pub(crate) const PLAIN: &str = "comune_plain";
/// Folded, Italian stop words removed, Italian Snowball stemmer.
pub(crate) const ITALIAN: &str = "comune_it";
/// Folded, English stop words removed, English Snowball stemmer.
pub(crate) const ENGLISH: &str = "comune_en";

/// Longer tokens (URLs, hashes, glued words) are not indexed.
const MAX_TOKEN_BYTES: usize = 40;

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

/// The three analyzers. Analysing needs `&mut`, so each search clones its own set (cheap).
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
        manager.register(ITALIAN, self.italian.clone());
        manager.register(ENGLISH, self.english.clone());
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
}
