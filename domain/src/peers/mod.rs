//! The peers' storage: which instances we talk to (policy), which inbound activities were already
//! handled, cached remote people, communities and their content, what an inbound activity is
//! about, and the outgoing delivery queue. The local changes still to become activities are the
//! federation feed (`federation_feed`); the ActivityPub shapes live in the `comune-federation`
//! crate; writes, whoever the author, are the entity modules' (`comments`, `posts`, `events`).

pub mod inbound;
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
