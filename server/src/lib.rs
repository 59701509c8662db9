//! Comune's server: the HTTP API (actix-web), authentication, mail, background workers and the
//! `comune` command.

pub mod accord_cli;
pub mod activitypub;
pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod demo;
pub mod error;
pub mod ical;
pub mod mail;
pub mod metrics;
pub mod middleware;
pub mod notifier;
pub mod openapi;
pub mod read_cache;
pub mod search;
pub mod service;
pub mod settings;
pub mod state;
pub mod theme;
pub mod throttle;

pub use app::{start, Running};
pub use settings::Settings;
