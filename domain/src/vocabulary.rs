//! Vocabularies stored as TEXT: each one a Rust enum whose words are written once, in the
//! [`vocabulary!`] that declares it, and read and written by diesel on both backends (SQLite has
//! no enum types; the migrations keep a CHECK constraint on each column). Code compares the
//! enum, never the word (`tests/tests/vocabulary.rs` greps the sources for that).

/// Declares a vocabulary: the enum, `as_str`, `parse`, `ALL`, `Display`, `FromStr`, serde as the
/// word, an OpenAPI schema (a string of these words), and diesel's `FromSql`/`ToSql` for `Text` on PostgreSQL, SQLite and the multi-backend
/// connection.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every word, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word),+
                }
            }

            pub fn parse(word: &str) -> Option<Self> {
                match word {
                    $($word => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(word: &str) -> Result<Self, Self::Err> {
                Self::parse(word).ok_or_else(|| {
                    format!("`{word}` is not a {}", stringify!($name))
                })
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($word),+]))
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {}

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                word.parse().map_err(serde::de::Error::custom)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
                let word = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::pg::Pg,
                >>::from_sql(bytes)?;
                Ok(word.parse::<Self>()?)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::sqlite::Sqlite>
            for $name
        {
            fn from_sql(
                bytes: diesel::sqlite::SqliteValue<'_, '_, '_>,
            ) -> diesel::deserialize::Result<Self> {
                let word = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    diesel::sqlite::Sqlite,
                >>::from_sql(bytes)?;
                Ok(word.parse::<Self>()?)
            }
        }

        impl diesel::deserialize::FromSql<diesel::sql_types::Text, $crate::db::MultiBackend>
            for $name
        {
            fn from_sql(
                bytes: <$crate::db::MultiBackend as diesel::backend::Backend>::RawValue<'_>,
            ) -> diesel::deserialize::Result<Self> {
                bytes.from_sql::<Self, diesel::sql_types::Text>()
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg>>::to_sql(
                    self.as_str(),
                    &mut out.reborrow(),
                )
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::sqlite::Sqlite> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                out.set_value(self.as_str());
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, $crate::db::MultiBackend>
            for $name
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, $crate::db::MultiBackend>,
            ) -> diesel::serialize::Result {
                out.set_value((diesel::sql_types::Text, self));
                Ok(diesel::serialize::IsNull::No)
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// What a channel holds; each kind adds its own fields to its posts.
    pub enum ChannelKind {
        /// Threads and their comments.
        Dialogue = "dialogue",
        Events = "events",
        /// Co-design processes and their proposals.
        Codesign = "codesign",
        /// Local businesses' listings.
        Businesses = "businesses",
        /// Institutional announcements.
        Announcements = "announcements",
    }
}

impl ChannelKind {
    /// Whether people of other instances may start posts here: threads, events and co-design
    /// proposals come from anyone who follows; announcements and listings only from the
    /// community's own people.
    pub fn open_to_remote_posts(self) -> bool {
        matches!(
            self,
            ChannelKind::Dialogue | ChannelKind::Events | ChannelKind::Codesign
        )
    }

    /// The kind of channel a remote post lands in when its community does not say: events in
    /// the events channel, anything else in the dialogue.
    pub fn for_remote_post(is_event: bool) -> Self {
        if is_event {
            ChannelKind::Events
        } else {
            ChannelKind::Dialogue
        }
    }
}

vocabulary! {
    /// Who reads a channel.
    pub enum Visibility {
        /// Anyone, and it federates.
        Public = "public",
        /// The community's members (and admins); it never leaves the instance.
        Members = "members",
    }
}

vocabulary! {
    /// Where a membership stands: a person of another instance (or one of ours joining a
    /// community elsewhere) is `pending` until the community's home accepts the follow.
    pub enum FollowState {
        Pending = "pending",
        Accepted = "accepted",
    }
}

vocabulary! {
    /// An answer to an event.
    pub enum RsvpStatus {
        Going = "going",
        /// Past the capacity: in order, for the next free place.
        Waitlist = "waitlist",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_go_both_ways() {
        for kind in ChannelKind::ALL {
            assert_eq!(ChannelKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(kind.to_string().parse::<ChannelKind>(), Ok(*kind));
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(serde_json::from_str::<ChannelKind>(&json).unwrap(), *kind);
        }
        assert_eq!(ChannelKind::parse("Dialogue"), None);
        assert!(serde_json::from_str::<Visibility>("\"secret\"").is_err());
        assert_eq!(RsvpStatus::Waitlist.as_str(), "waitlist");
    }
}
