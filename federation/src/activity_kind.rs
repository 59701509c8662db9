//! The kinds of activity the inbox tells apart: one enum, read from an activity's `type`, so
//! that what the inbox does with each is decided by matching it, not by comparing words.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityKind {
    Follow,
    Undo,
    Accept,
    Create,
    Update,
    Delete,
    Like,
    Block,
    Join,
    Leave,
    Flag,
    Announce,
    /// Any other type: accepted and ignored, as peers expect.
    Other(String),
}

impl ActivityKind {
    const KNOWN: [(ActivityKind, &'static str); 12] = [
        (ActivityKind::Follow, "Follow"),
        (ActivityKind::Undo, "Undo"),
        (ActivityKind::Accept, "Accept"),
        (ActivityKind::Create, "Create"),
        (ActivityKind::Update, "Update"),
        (ActivityKind::Delete, "Delete"),
        (ActivityKind::Like, "Like"),
        (ActivityKind::Block, "Block"),
        (ActivityKind::Join, "Join"),
        (ActivityKind::Leave, "Leave"),
        (ActivityKind::Flag, "Flag"),
        (ActivityKind::Announce, "Announce"),
    ];

    pub fn parse(word: &str) -> Self {
        Self::KNOWN
            .iter()
            .find(|(_, known)| *known == word)
            .map_or_else(
                || ActivityKind::Other(word.to_owned()),
                |(kind, _)| kind.clone(),
            )
    }

    pub fn as_str(&self) -> &str {
        match self {
            ActivityKind::Other(word) => word,
            known => Self::KNOWN
                .iter()
                .find(|(kind, _)| kind == known)
                .map_or("", |(_, word)| word),
        }
    }

    /// The kind of an embedded activity (an `Undo`'s or an `Announce`'s object), if it has one.
    pub fn of(object: &serde_json::Value) -> Option<Self> {
        object
            .get("type")
            .and_then(serde_json::Value::as_str)
            .map(Self::parse)
    }
}

impl Serialize for ActivityKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ActivityKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Self::parse(&String::deserialize(d)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_reads_back_as_itself() {
        for (kind, word) in ActivityKind::KNOWN {
            assert_eq!(ActivityKind::parse(word), kind);
            assert_eq!(kind.as_str(), word);
        }
        let other = ActivityKind::parse("Move");
        assert_eq!(other, ActivityKind::Other("Move".into()));
        assert_eq!(other.as_str(), "Move");
        assert_eq!(
            ActivityKind::parse("like"),
            ActivityKind::Other("like".into())
        );
    }
}
