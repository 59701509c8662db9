//! Typo tolerance and search-as-you-type in one walk of a field's term dictionary.
//!
//! A word can expand both to the words within one edit of it and to the words it starts.
//! Two tantivy queries (a fuzzy and a prefix [`FuzzyTermQuery`]) would walk every segment's
//! dictionary twice and read the word's own postings twice; walking the dictionary was the
//! largest cost of a filtered one-word search at a million documents. [`Expansion`] runs both
//! automata side by side over one walk and matches a term when either accepts it, so the
//! matches are exactly those of the two queries together.

use std::fmt;
use std::sync::Arc;

use tantivy::query::{AutomatonWeight, EnableScoring, FuzzyTermQuery, Query, Weight};
use tantivy::schema::Field;
use tantivy::Term;
use tantivy_fst::Automaton;

/// Accepts what either automaton accepts.
struct Either<A, B> {
    first: Option<A>,
    second: Option<B>,
}

impl<A: Automaton, B: Automaton> Automaton for Either<A, B> {
    type State = (Option<A::State>, Option<B::State>);

    fn start(&self) -> Self::State {
        (
            self.first.as_ref().map(Automaton::start),
            self.second.as_ref().map(Automaton::start),
        )
    }

    fn is_match(&self, (a, b): &Self::State) -> bool {
        matches!((&self.first, a), (Some(first), Some(a)) if first.is_match(a))
            || matches!((&self.second, b), (Some(second), Some(b)) if second.is_match(b))
    }

    fn can_match(&self, (a, b): &Self::State) -> bool {
        matches!((&self.first, a), (Some(first), Some(a)) if first.can_match(a))
            || matches!((&self.second, b), (Some(second), Some(b)) if second.can_match(b))
    }

    fn accept(&self, (a, b): &Self::State, byte: u8) -> Self::State {
        (
            self.first
                .as_ref()
                .zip(a.as_ref())
                .map(|(m, s)| m.accept(s, byte)),
            self.second
                .as_ref()
                .zip(b.as_ref())
                .map(|(m, s)| m.accept(s, byte)),
        )
    }
}

type Dfa = tantivy::query::DfaWrapper;

/// Matches the terms of `field` within one edit of a word, or starting with it, or both;
/// every match scores a constant 1 (to be boosted by the caller).
#[derive(Clone)]
pub(crate) struct Expansion {
    field: Field,
    word: String,
    automaton: Arc<Either<Dfa, Dfa>>,
}

impl Expansion {
    /// `None` when neither expansion is wanted.
    pub fn new(field: Field, word: &str, fuzzy: bool, prefix: bool) -> Option<Expansion> {
        let term = Term::from_field_text(field, word);
        // Building the automata fails only for distances the builder does not support; 0 and
        // 1 always are.
        let fuzzy = fuzzy
            .then(|| FuzzyTermQuery::new(term.clone(), 1, true).automaton().ok())
            .flatten();
        let prefix = prefix
            .then(|| FuzzyTermQuery::new_prefix(term, 0, true).automaton().ok())
            .flatten();
        if fuzzy.is_none() && prefix.is_none() {
            return None;
        }
        Some(Expansion {
            field,
            word: word.to_owned(),
            automaton: Arc::new(Either {
                first: fuzzy,
                second: prefix,
            }),
        })
    }
}

impl fmt::Debug for Expansion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expansion")
            .field("field", &self.field)
            .field("word", &self.word)
            .field("fuzzy", &self.automaton.first.is_some())
            .field("prefix", &self.automaton.second.is_some())
            .finish()
    }
}

impl Query for Expansion {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let automaton: Arc<Either<Dfa, Dfa>> = Arc::clone(&self.automaton);
        Ok(Box::new(AutomatonWeight::<Either<Dfa, Dfa>>::new(
            self.field, automaton,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(expansion: &Expansion, candidate: &str) -> bool {
        let automaton = &expansion.automaton;
        let mut state = automaton.start();
        for byte in candidate.bytes() {
            if !automaton.can_match(&state) {
                return false;
            }
            state = automaton.accept(&state, byte);
        }
        automaton.is_match(&state)
    }

    fn field() -> Field {
        Field::from_field_id(0)
    }

    #[test]
    fn matches_what_either_the_fuzzy_or_the_prefix_query_matches() {
        let both = Expansion::new(field(), "giardino", true, true).unwrap();
        for yes in [
            "giardino",
            "giardini",
            "giardnio",
            "giardinoteca",
            "giadino",
        ] {
            assert!(matches(&both, yes), "{yes}");
        }
        for no in ["giardinieri", "giar", "parco", "giardxnoteca"] {
            assert!(!matches(&both, no), "{no}");
        }

        let fuzzy = Expansion::new(field(), "giardino", true, false).unwrap();
        assert!(matches(&fuzzy, "giardini"));
        assert!(!matches(&fuzzy, "giardinoteca"));

        let prefix = Expansion::new(field(), "bibl", false, true).unwrap();
        assert!(matches(&prefix, "biblioteca"));
        assert!(!matches(&prefix, "bobl"));

        assert!(Expansion::new(field(), "orto", false, false).is_none());
    }
}
