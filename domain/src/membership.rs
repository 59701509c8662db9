//! Belonging to a neighbourhood: joining, leaving, facilitators, and who may do what there.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::{self, Account};
use crate::communities::{self, Community};
use crate::db::DbConnection;
use crate::error::{Error, Result};
use crate::schema::{
    accounts as accounts_table, communities as communities_table, community_members,
};
use crate::time::now;
use crate::vocabulary::FollowState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Member,
    Facilitator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Facilitator => "facilitator",
        }
    }

    fn parse(s: &str) -> Role {
        if s == "facilitator" {
            Role::Facilitator
        } else {
            Role::Member
        }
    }
}

#[derive(Debug, Clone)]
pub struct Membership {
    pub community_id: String,
    pub account_id: String,
    pub role: Role,
    pub banned_until: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

impl Membership {
    pub fn is_banned(&self) -> bool {
        self.banned_until.is_some_and(|until| until > now())
    }
}

pub(crate) type Row = (String, String, String, Option<NaiveDateTime>, NaiveDateTime);

pub(crate) fn from_row(
    (community_id, account_id, role, banned_until, created_at): Row,
) -> Membership {
    Membership {
        community_id,
        account_id,
        role: Role::parse(&role),
        banned_until,
        created_at,
    }
}

pub(crate) const COLUMNS: (
    community_members::community_id,
    community_members::account_id,
    community_members::role,
    community_members::banned_until,
    community_members::created_at,
) = (
    community_members::community_id,
    community_members::account_id,
    community_members::role,
    community_members::banned_until,
    community_members::created_at,
);

pub fn find(
    conn: &mut DbConnection,
    community_id: &str,
    account_id: &str,
) -> Result<Option<Membership>> {
    Ok(community_members::table
        .filter(community_members::community_id.eq(community_id))
        .filter(community_members::account_id.eq(account_id))
        .filter(community_members::follow_state.eq(FollowState::Accepted))
        .select(COLUMNS)
        .first::<Row>(conn)
        .optional()?
        .map(from_row))
}

fn community(conn: &mut DbConnection, slug: &str) -> Result<Community> {
    communities::find_by_handle(conn, slug)?.ok_or(Error::NotFound)
}

/// Joins a neighbourhood. Joining again changes nothing (a facilitator stays one).
pub fn join(conn: &mut DbConnection, slug: &str, account_id: &str) -> Result<Membership> {
    crate::db::transaction(conn, |conn| {
        let community = community(conn, slug)?;
        if let Some(existing) = find(conn, &community.id, account_id)? {
            return Ok(existing);
        }
        if !community.local {
            return join_remote(conn, &community, account_id);
        }
        diesel::insert_into(community_members::table)
            .values((
                community_members::community_id.eq(&community.id),
                community_members::account_id.eq(account_id),
                community_members::role.eq(Role::Member.as_str()),
                community_members::created_at.eq(now()),
            ))
            .execute(conn)?;
        find(conn, &community.id, account_id)?.ok_or(Error::NotFound)
    })
}

/// Joining a community of another instance is following it: the membership waits, pending,
/// until the community accepts the Follow the federation worker sends.
fn join_remote(
    conn: &mut DbConnection,
    community: &Community,
    account_id: &str,
) -> Result<Membership> {
    let pending: i64 = community_members::table
        .filter(community_members::community_id.eq(&community.id))
        .filter(community_members::account_id.eq(account_id))
        .count()
        .get_result(conn)?;
    let at = now();
    if pending == 0 {
        diesel::insert_into(community_members::table)
            .values((
                community_members::community_id.eq(&community.id),
                community_members::account_id.eq(account_id),
                community_members::role.eq(Role::Member.as_str()),
                community_members::follow_state.eq(FollowState::Pending),
                community_members::created_at.eq(at),
            ))
            .execute(conn)?;
    }
    crate::federation_feed::record(
        conn,
        crate::federation_feed::Subject::Follow,
        &community.id,
        crate::federation_feed::Op::Create,
        Some(account_id),
        serde_json::json!({}),
    )?;
    Ok(Membership {
        community_id: community.id.clone(),
        account_id: account_id.to_owned(),
        role: Role::Member,
        banned_until: None,
        created_at: at,
    })
}

/// Leaves a neighbourhood. Refused while banned from a local one: leaving and joining again must
/// not lift a ban.
pub fn leave(conn: &mut DbConnection, slug: &str, account_id: &str) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let community = community(conn, slug)?;
        let Some(membership) = find(conn, &community.id, account_id)?.or_else(|| {
            // A pending follow of a remote community can be withdrawn too.
            (!community.local).then(|| Membership {
                community_id: community.id.clone(),
                account_id: account_id.to_owned(),
                role: Role::Member,
                banned_until: None,
                created_at: now(),
            })
        }) else {
            return Err(Error::NotFound);
        };
        // A remote community's ban lives at its home instance (ours is a copy), which refuses
        // a new Follow by itself; here only local bans must survive leaving.
        if membership.is_banned() && community.local {
            return Err(Error::Forbidden);
        }
        diesel::delete(
            community_members::table
                .filter(community_members::community_id.eq(&community.id))
                .filter(community_members::account_id.eq(account_id)),
        )
        .execute(conn)?;
        if !community.local {
            crate::federation_feed::record(
                conn,
                crate::federation_feed::Subject::Follow,
                &community.id,
                crate::federation_feed::Op::Undo,
                Some(account_id),
                serde_json::json!({}),
            )?;
        }
        Ok(())
    })
}

/// Makes a local person a facilitator of a neighbourhood (joining them if needed). Admins only.
pub fn appoint_facilitator(
    conn: &mut DbConnection,
    slug: &str,
    actor_id: &str,
    username: &str,
) -> Result<Membership> {
    crate::db::transaction(conn, |conn| {
        if !accounts::get(conn, actor_id)?.is_admin {
            return Err(Error::Forbidden);
        }
        let community = community(conn, slug)?;
        let target = accounts::find_local_by_username(
            conn,
            &accounts::validate::normalize_username(username),
        )?
        .ok_or(Error::NotFound)?;
        let updated = diesel::update(
            community_members::table
                .filter(community_members::community_id.eq(&community.id))
                .filter(community_members::account_id.eq(&target.id)),
        )
        .set(community_members::role.eq(Role::Facilitator.as_str()))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(community_members::table)
                .values((
                    community_members::community_id.eq(&community.id),
                    community_members::account_id.eq(&target.id),
                    community_members::role.eq(Role::Facilitator.as_str()),
                    community_members::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
        find(conn, &community.id, &target.id)?.ok_or(Error::NotFound)
    })
}

/// Members in good standing (banned people are not counted).
pub fn member_count(conn: &mut DbConnection, community_id: &str) -> Result<i64> {
    Ok(community_members::table
        .filter(community_members::community_id.eq(community_id))
        .filter(community_members::follow_state.eq(FollowState::Accepted))
        .filter(
            community_members::banned_until
                .is_null()
                .or(community_members::banned_until.le(now())),
        )
        .count()
        .get_result(conn)?)
}

/// One of a person's neighbourhoods or organisations, as they see it listed.
#[derive(Debug, Clone)]
pub struct Belonging<R> {
    /// The slug; `slug@host` for another instance's neighbourhood.
    pub handle: String,
    pub name: String,
    pub role: R,
}

/// The neighbourhoods a person belongs to in good standing (not banned), with their role, by
/// handle (the slug; `slug@host` for another instance's). This is also what decides which
/// members-only content search shows them.
pub fn communities_of(conn: &mut DbConnection, account_id: &str) -> Result<Vec<Belonging<Role>>> {
    let rows: Vec<(String, Option<String>, String, String)> = community_members::table
        .inner_join(communities_table::table)
        .filter(community_members::account_id.eq(account_id))
        .filter(community_members::follow_state.eq(FollowState::Accepted))
        .filter(
            community_members::banned_until
                .is_null()
                .or(community_members::banned_until.le(now())),
        )
        .select((
            communities_table::slug,
            communities_table::host,
            communities_table::name,
            community_members::role,
        ))
        .order(communities_table::slug.asc())
        .load(conn)?;
    // Remote communities by handle (`slug@host`): a local community with the same slug is
    // another community, whose members-only content must stay hidden.
    Ok(rows
        .into_iter()
        .map(|(slug, host, name, role)| Belonging {
            handle: crate::accounts::handle(&slug, host.as_deref()),
            name,
            role: Role::parse(&role),
        })
        .collect())
}

/// What a person is in one neighbourhood, for permission decisions.
#[derive(Debug, Clone)]
pub struct Standing {
    pub account: Option<Account>,
    pub membership: Option<Membership>,
}

impl Standing {
    pub fn of(
        conn: &mut DbConnection,
        community_id: &str,
        account_id: Option<&str>,
    ) -> Result<Self> {
        let Some(account_id) = account_id else {
            return Ok(Self {
                account: None,
                membership: None,
            });
        };
        // One statement: this runs for nearly every write and for every federated activity.
        let (account, membership) = crate::db::on_backend!(conn, c => accounts_table::table
            .left_join(
                community_members::table.on(community_members::account_id
                    .eq(accounts_table::id)
                    .and(community_members::community_id.eq(community_id))
                    .and(community_members::follow_state.eq(FollowState::Accepted))),
            )
            .filter(accounts_table::id.eq(account_id))
            .select((Account::as_select(), COLUMNS.nullable()))
            .first::<(Account, Option<Row>)>(c))?;
        Ok(Self {
            account: Some(account),
            membership: membership.map(from_row),
        })
    }

    pub fn is_admin(&self) -> bool {
        self.account.as_ref().is_some_and(|a| a.is_admin)
    }

    pub fn is_facilitator(&self) -> bool {
        self.membership
            .as_ref()
            .is_some_and(|m| m.role == Role::Facilitator && !m.is_banned())
    }

    /// Admins and facilitators run the community: channels, moderators, accords.
    pub fn runs_community(&self) -> bool {
        self.is_admin() || self.is_facilitator()
    }

    /// Banned from this community or suspended here: barred even from what needs no membership
    /// (commenting in a public channel from another instance).
    pub fn is_barred(&self) -> bool {
        self.membership.as_ref().is_some_and(|m| m.is_banned())
            || self
                .account
                .as_ref()
                .is_some_and(|a| a.suspended_at.is_some())
    }

    /// May post, comment and react here: members who are not banned, and admins. Suspended
    /// accounts write nowhere.
    pub fn writes(&self) -> bool {
        if self
            .account
            .as_ref()
            .is_some_and(|a| a.suspended_at.is_some())
        {
            return false;
        }
        self.is_admin() || self.membership.as_ref().is_some_and(|m| !m.is_banned())
    }

    /// May comment, like and answer events here, as `author`: people of this instance as
    /// members ([`Standing::writes`]); people of other instances unless barred, since they take
    /// part from their own servers without joining (as Lemmy and Mastodon do). New threads
    /// from other instances still need a follow (see `docs/permissions.md`).
    pub fn takes_part(&self, author: &crate::author::Author) -> bool {
        if author.is_local() {
            self.writes()
        } else {
            !self.is_barred()
        }
    }

    /// May read members-only channels. A ban keeps read access to public content only.
    pub fn reads_members_only(&self) -> bool {
        self.is_admin() || self.membership.as_ref().is_some_and(|m| !m.is_banned())
    }
}
