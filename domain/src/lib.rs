//! Comune's domain: entities, the rules that govern them, and their storage on SQLite or
//! PostgreSQL. It knows nothing of HTTP or ActivityPub; the server and federation crates call it.

pub mod accords;
pub mod accounts;
pub mod author;
pub mod channels;
pub mod codesign;
pub mod comments;
pub mod communities;
pub mod db;
pub mod error;
pub mod events;
pub mod federation_feed;
pub mod instance;
pub mod listings;
pub mod markdown;
pub mod media;
pub mod membership;
pub mod mentions;
pub mod moderation;
pub mod notifications;
pub mod organizations;
pub mod peers;
pub mod posts;
pub mod schema;
pub mod search_feed;
pub mod search_source;
pub mod time;
pub mod tokens;
pub mod vocabulary;

pub use db::{DbConnection, Pool};
pub use error::{Error, Result};
pub use instance::Instance;
