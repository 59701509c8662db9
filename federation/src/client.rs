//! The HTTP client for fetches and deliveries: no redirects, short timeouts, and a resolver
//! that refuses private, loopback and link-local addresses unless the test setting allows them.

use std::sync::Arc;
use std::time::Duration;

use activitypub_federation::resolver::ValidatingDnsResolver;

use crate::FedSettings;

pub fn user_agent() -> String {
    format!("Comune/{} (ActivityPub)", env!("CARGO_PKG_VERSION"))
}

pub fn build(settings: &FedSettings) -> anyhow::Result<reqwest::Client> {
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .connect_timeout(Duration::from_secs(5))
        .user_agent(user_agent())
        .dns_resolver(Arc::new(ValidatingDnsResolver::new(
            Vec::new(),
            !settings.allow_private,
        )));
    // Test setting: fixed addresses for host names, applied before the resolver.
    for (host, addr) in &settings.resolve {
        builder = builder.resolve(host, *addr);
    }
    Ok(builder.build()?)
}
