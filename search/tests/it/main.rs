//! Integration tests of the public interface, one module per capability (one test binary, so
//! tantivy is linked once).

mod common;

mod concurrency;
mod filters;
mod language;
mod persistence;
mod ranking;
mod robustness;
mod snippets;
