//! Throttling of sign-in, registration and mail requests, per client address and per account.
//! In-process counters: with several server processes each keeps its own, which multiplies the
//! allowance by the number of processes but still stops guessing at scale.

use std::num::NonZeroU32;
use std::time::Duration;

use actix_web::HttpRequest;
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::error::ApiError;
use crate::settings::Settings;

type Keyed = RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>;

pub struct Throttles {
    pub login_account: Keyed,
    pub login_client: Keyed,
    pub register_client: Keyed,
    pub mail_client: Keyed,
    trust_forwarded_for: bool,
}

/// `n` attempts at once, refilling evenly over `period`.
fn limiter(n: u32, period: Duration) -> Keyed {
    let n = NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(period / n.get())
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(n);
    RateLimiter::keyed(quota)
}

impl Throttles {
    pub fn new(settings: &Settings) -> Self {
        const QUARTER: Duration = Duration::from_secs(15 * 60);
        const HOUR: Duration = Duration::from_secs(3600);
        Self {
            login_account: limiter(settings.throttle_login_per_account, QUARTER),
            login_client: limiter(settings.throttle_login_per_client, QUARTER),
            register_client: limiter(settings.throttle_register_per_client, HOUR),
            mail_client: limiter(settings.throttle_mail_per_client, HOUR),
            trust_forwarded_for: settings.trust_forwarded_for,
        }
    }

    /// The address that counts as the client.
    pub fn client_key(&self, req: &HttpRequest) -> String {
        if self.trust_forwarded_for {
            if let Some(ip) = req.connection_info().realip_remote_addr() {
                return ip.to_owned();
            }
        }
        req.peer_addr()
            .map(|a| a.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    }

    /// Forgets keys whose allowance is full again, so memory stays bounded.
    pub fn prune(&self) {
        for limiter in [
            &self.login_account,
            &self.login_client,
            &self.register_client,
            &self.mail_client,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// Counts one attempt for `key`, or refuses with 429 and how long to wait.
pub fn check(limiter: &Keyed, key: &str) -> Result<(), ApiError> {
    limiter.check_key(&key.to_owned()).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        ApiError::rate_limited(wait.as_secs_f64().ceil() as u64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_burst_then_refuses_with_a_wait() {
        let l = limiter(3, Duration::from_secs(900));
        for _ in 0..3 {
            check(&l, "k").unwrap();
        }
        let err = check(&l, "k").unwrap_err();
        assert_eq!(err.code, crate::error::Code::RateLimited);
        let wait = err.retry_after.unwrap();
        assert!((1..=300).contains(&wait), "{wait}");
        check(&l, "other").unwrap();
    }
}
