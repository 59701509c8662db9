//! Federation's storage and rules: which peers we talk to, which inbound activities were already
//! handled, what local changes still have to become activities, and the outgoing delivery queue.
//! The ActivityPub shapes themselves live in the `comune-federation` crate.

pub mod inbound;
pub mod outbox;
pub mod policy;
pub mod queue;
pub mod remote;
pub mod target;

/// The host (with a non-default port) of an ActivityPub URL, lower-cased; `None` for URLs
/// without one.
pub fn host_of(url: &str) -> Option<String> {
    let url = url::Url::parse(url).ok()?;
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    Some(match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn hosts_are_normalised() {
        assert_eq!(
            super::host_of("https://Lemmy.World./c/x").as_deref(),
            Some("lemmy.world")
        );
        assert_eq!(
            super::host_of("http://a.test:8080/u/x").as_deref(),
            Some("a.test:8080")
        );
        assert_eq!(super::host_of("not a url"), None);
    }
}
