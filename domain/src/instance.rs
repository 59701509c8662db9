//! The instance's own identity: its public origin, from which every local ActivityPub id is made.

use url::Url;

/// Where every instance serves the JSON-LD context of its extension terms (the federation crate
/// serves it; accord documents name it too).
pub const EXTENSION_CONTEXT_PATH: &str = "/ns/comune.jsonld";

#[derive(Debug, Clone)]
pub struct Instance {
    public_url: Url,
}

impl Instance {
    /// `public_url` is the origin people and peers reach the instance at (no path).
    pub fn new(public_url: Url) -> Self {
        Self { public_url }
    }

    pub fn public_url(&self) -> &Url {
        &self.public_url
    }

    /// The federation domain: host, with the port when it is not the scheme's default.
    pub fn domain(&self) -> String {
        let host = self.public_url.host_str().unwrap_or("localhost");
        match self.public_url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }

    /// An absolute URL on this instance for `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        let base = self.public_url.as_str().trim_end_matches('/');
        format!("{base}{path}")
    }

    pub fn person_id(&self, username: &str) -> String {
        self.url(&format!("/u/{username}"))
    }

    pub fn community_id(&self, slug: &str) -> String {
        self.url(&format!("/c/{slug}"))
    }

    pub fn shared_inbox(&self) -> String {
        self.url("/inbox")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_ids() {
        let i = Instance::new(Url::parse("http://localhost:8080/").unwrap());
        assert_eq!(i.domain(), "localhost:8080");
        assert_eq!(i.person_id("maria"), "http://localhost:8080/u/maria");
        let i = Instance::new(Url::parse("https://partecipa.comune.re.it").unwrap());
        assert_eq!(i.domain(), "partecipa.comune.re.it");
        assert_eq!(
            i.community_id("ospizio"),
            "https://partecipa.comune.re.it/c/ospizio"
        );
        assert_eq!(i.shared_inbox(), "https://partecipa.comune.re.it/inbox");
    }
}
