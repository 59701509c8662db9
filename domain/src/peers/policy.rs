//! With whom this instance federates: the policy mode and the admins' block and allow lists.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::{Error, FieldErrors, Result};
use crate::schema::{federation_settings, instances};
use crate::time::now;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Every instance (the block list is kept but not applied).
    Open,
    /// Every instance except blocked ones.
    Blocklist,
    /// Only allowed instances: municipalities federating with each other.
    Allowlist,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Open => "open",
            Mode::Blocklist => "blocklist",
            Mode::Allowlist => "allowlist",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Mode::Open),
            "blocklist" => Some(Mode::Blocklist),
            "allowlist" => Some(Mode::Allowlist),
            _ => None,
        }
    }
}

/// A remote instance as admins see it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = instances)]
pub struct Peer {
    pub host: String,
    pub blocked: bool,
    pub allowed: bool,
    pub software: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_success_at: Option<NaiveDateTime>,
    pub last_failure_at: Option<NaiveDateTime>,
    pub failures: i32,
    pub unreachable_since: Option<NaiveDateTime>,
}

pub fn mode(conn: &mut DbConnection) -> Result<Mode> {
    let mode: Option<String> = crate::db::on_backend!(conn, c => federation_settings::table
        .find(1)
        .select(federation_settings::mode)
        .first(c))
    .optional()?;
    Ok(mode.as_deref().and_then(Mode::parse).unwrap_or(Mode::Open))
}

/// The instance actor's key pair, once made.
pub fn instance_keys(conn: &mut DbConnection) -> Result<Option<(String, String)>> {
    let keys: Option<(Option<String>, Option<String>)> = federation_settings::table
        .find(1)
        .select((
            federation_settings::public_key_pem,
            federation_settings::private_key_pem,
        ))
        .first(conn)
        .optional()?;
    Ok(match keys {
        Some((Some(public), Some(private))) => Some((public, private)),
        _ => None,
    })
}

/// Stores the instance actor's key pair unless another process stored one first; answers the
/// pair in force.
pub fn store_instance_keys(
    conn: &mut DbConnection,
    public_pem: &str,
    private_pem: &str,
) -> Result<(String, String)> {
    diesel::update(
        federation_settings::table
            .find(1)
            .filter(federation_settings::private_key_pem.is_null()),
    )
    .set((
        federation_settings::public_key_pem.eq(public_pem),
        federation_settings::private_key_pem.eq(private_pem),
    ))
    .execute(conn)?;
    instance_keys(conn)?.ok_or(Error::NotFound)
}

fn require_admin(conn: &mut DbConnection, actor_id: &str) -> Result<()> {
    if crate::accounts::get(conn, actor_id)?.is_admin {
        Ok(())
    } else {
        Err(Error::Forbidden)
    }
}

pub fn set_mode(conn: &mut DbConnection, actor_id: &str, mode: Mode) -> Result<()> {
    require_admin(conn, actor_id)?;
    crate::db::transaction(conn, |conn| {
        diesel::update(federation_settings::table.find(1))
            .set((
                federation_settings::mode.eq(mode.as_str()),
                federation_settings::updated_at.eq(now()),
            ))
            .execute(conn)?;
        super::queue::withdraw_excluded(conn)?;
        Ok(())
    })
}

/// Whether `host` is a plausible host name (with an optional port), so admins' typos are caught.
pub fn is_valid_host(host: &str) -> bool {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    name_ok && port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0))
}

/// Makes sure a row exists for `host` (peers are remembered from the first contact).
pub fn remember(conn: &mut DbConnection, host: &str) -> Result<()> {
    remember_all(conn, [host]).map(drop)
}

/// [`remember`] for several hosts, in one statement. Answers how many were new.
pub fn remember_all<'a>(
    conn: &mut DbConnection,
    hosts: impl IntoIterator<Item = &'a str>,
) -> Result<usize> {
    let at = now();
    let rows: Vec<_> = hosts
        .into_iter()
        .map(|host| {
            (
                instances::host.eq(host),
                instances::created_at.eq(at),
                instances::updated_at.eq(at),
            )
        })
        .collect();
    let mut new = 0;
    for chunk in rows.chunks(1000) {
        // One row keeps diesel's cached statement; a multi-row insert is planned every time.
        new += match chunk {
            [row] => {
                let insert = || {
                    diesel::insert_into(instances::table)
                        .values(*row)
                        .on_conflict_do_nothing()
                };
                crate::db::execute_on_backend!(conn, insert())?
            }
            rows => {
                let insert = || {
                    diesel::insert_into(instances::table)
                        .values(rows)
                        .on_conflict_do_nothing()
                };
                crate::db::execute_on_backend!(conn, insert())?
            }
        };
    }
    Ok(new)
}

/// An admin puts `host` on (or takes it off) the block and allow lists.
pub fn set_lists(
    conn: &mut DbConnection,
    actor_id: &str,
    host: &str,
    blocked: Option<bool>,
    allowed: Option<bool>,
) -> Result<Peer> {
    require_admin(conn, actor_id)?;
    let host = host.trim().to_ascii_lowercase();
    if !is_valid_host(&host) {
        let mut errors = FieldErrors::default();
        errors.add(
            "host",
            "invalid",
            "must be a host name, like comune.example.it",
        );
        return Err(Error::Validation(errors));
    }
    crate::db::transaction(conn, |conn| {
        remember(conn, &host)?;
        if let Some(blocked) = blocked {
            diesel::update(instances::table.find(&host))
                .set((
                    instances::blocked.eq(blocked),
                    instances::updated_at.eq(now()),
                ))
                .execute(conn)?;
        }
        if let Some(allowed) = allowed {
            diesel::update(instances::table.find(&host))
                .set((
                    instances::allowed.eq(allowed),
                    instances::updated_at.eq(now()),
                ))
                .execute(conn)?;
        }
        super::queue::withdraw_excluded(conn)?;
        get(conn, &host)
    })
}

pub fn get(conn: &mut DbConnection, host: &str) -> Result<Peer> {
    Ok(instances::table
        .find(host)
        .select(Peer::as_select())
        .first(conn)?)
}

/// Known peers, by host name, after `after` (a cursor).
pub fn list(conn: &mut DbConnection, after: Option<&str>, limit: i64) -> Result<Vec<Peer>> {
    let mut query = instances::table
        .select(Peer::as_select())
        .order(instances::host.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(instances::host.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

/// Whether this instance federates with `host` under the current policy.
pub fn permits(conn: &mut DbConnection, host: &str) -> Result<bool> {
    let mode = mode(conn)?;
    permits_under(conn, mode, host)
}

/// [`permits`] with the mode already read, for callers that ask about many hosts at once.
pub fn permits_under(conn: &mut DbConnection, mode: Mode, host: &str) -> Result<bool> {
    if mode == Mode::Open {
        return Ok(true);
    }
    let lists: Option<(bool, bool)> = instances::table
        .find(host)
        .select((instances::blocked, instances::allowed))
        .first(conn)
        .optional()?;
    let (blocked, allowed) = lists.unwrap_or((false, false));
    Ok(match mode {
        Mode::Open => true,
        Mode::Blocklist => !blocked,
        Mode::Allowlist => allowed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        assert!(is_valid_host("comune.example.it"));
        assert!(is_valid_host("a.test:8080"));
        assert!(is_valid_host("localhost"));
        assert!(!is_valid_host(""));
        assert!(!is_valid_host("https://x.it"));
        assert!(!is_valid_host("x..it"));
        assert!(!is_valid_host("x.it:0"));
        assert!(!is_valid_host("x.it:99999"));
        assert!(!is_valid_host("-x.it"));
    }

    #[test]
    fn modes_round_trip() {
        for mode in [Mode::Open, Mode::Blocklist, Mode::Allowlist] {
            assert_eq!(Mode::parse(mode.as_str()), Some(mode));
        }
        assert_eq!(Mode::parse("closed"), None);
    }
}
