//! Comune's domain: entities, the rules that govern them, and their storage on SQLite or
//! PostgreSQL. It knows nothing of HTTP or ActivityPub; the server and federation crates call it.

pub mod accounts;
pub mod channels;
pub mod codesign;
pub mod communities;
pub mod db;
pub mod error;
pub mod events;
pub mod instance;
pub mod markdown;
pub mod media;
pub mod membership;
pub mod moderation;
pub mod organizations;
pub mod outbox;
pub mod posts;
pub mod schema;
pub mod search_source;
pub mod time;
pub mod tokens;

pub use db::{DbConnection, Pool};
pub use error::{Error, Result};
pub use instance::Instance;
