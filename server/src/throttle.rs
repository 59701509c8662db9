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
    pub new_account_writes: Keyed,
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
            new_account_writes: limiter(settings.throttle_new_account_writes_per_hour, HOUR),
            trust_forwarded_for: settings.trust_forwarded_for,
        }
    }

    /// The address that counts as the client. Behind a trusted proxy it is the last
    /// X-Forwarded-For entry: the one our proxy appended. Entries to its left (and any
    /// `Forwarded` header) come from the client and could be anything.
    pub fn client_key(&self, req: &HttpRequest) -> String {
        if self.trust_forwarded_for {
            let forwarded = req
                .headers()
                .get_all("x-forwarded-for")
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .last();
            if let Some(ip) = forwarded {
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
            &self.new_account_writes,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }
}

/// How long an account counts as new for the write throttle.
pub const NEW_ACCOUNT_AGE: chrono::Duration = chrono::Duration::hours(24);

/// Counts a post, comment, proposal or image upload by an account still in its first day against
/// its hourly budget; older accounts pass freely.
pub fn check_new_account_write(
    state: &crate::state::AppState,
    who: &crate::auth::SignedIn,
) -> Result<(), ApiError> {
    if chrono::Utc::now().naive_utc() - who.account_created_at < NEW_ACCOUNT_AGE {
        check(&state.throttles.new_account_writes, &who.account_id)?;
    }
    Ok(())
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

    #[test]
    fn behind_a_proxy_only_its_own_entry_counts() {
        use actix_web::test::TestRequest;
        let settings = Settings {
            trust_forwarded_for: true,
            ..Settings::default()
        };
        let throttles = Throttles::new(&settings);
        let req = TestRequest::default()
            .insert_header(("forwarded", "for=1.1.1.1"))
            .append_header(("x-forwarded-for", "6.6.6.6, 7.7.7.7"))
            .append_header(("x-forwarded-for", "203.0.113.9"))
            .peer_addr("10.0.0.2:4000".parse().unwrap())
            .to_http_request();
        assert_eq!(throttles.client_key(&req), "203.0.113.9");
        let direct = Throttles::new(&Settings::default());
        assert_eq!(direct.client_key(&req), "10.0.0.2");
    }
}
