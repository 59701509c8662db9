//! Cached copies of remote actors and content, and the local rows federation needs to find.
//! Remote HTML arrives here already sanitised by the caller ([`crate::markdown::sanitize_html`]).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::Account;
use crate::channels::Channel;
use crate::communities::Community;
use crate::db::DbConnection;
use crate::error::{Error, Result};
use crate::posts::{Comment, Post};
use crate::schema::{accounts, channels, comments, communities, community_members, posts};
use crate::search_feed::{self, Entity, Op};
use crate::time::now;
use crate::tokens;
use crate::vocabulary::{ChannelKind, FollowState, Visibility};

/// What a remote actor document tells us about a person or a group.
#[derive(Debug, Clone)]
pub struct RemoteActor {
    pub ap_id: String,
    /// `preferredUsername`: the name part of its handle.
    pub name: String,
    pub host: String,
    pub display_name: String,
    pub summary: String,
    pub inbox: String,
    pub shared_inbox: Option<String>,
    pub public_key_pem: String,
}

/// A channel a remote community advertises (Comune peers) or the single one a plain fediverse
/// group gets.
#[derive(Debug, Clone)]
pub struct RemoteChannel {
    pub ap_id: String,
    pub slug: String,
    pub name: String,
    /// What its instance says it holds (a dialogue when it says nothing we know).
    pub kind: ChannelKind,
}

/// The local row an ActivityPub actor id names.
#[derive(Debug, Clone)]
pub enum ActorRow {
    Account(Box<Account>),
    Community(Box<Community>),
}

pub fn find_actor(conn: &mut DbConnection, ap_id: &str) -> Result<Option<ActorRow>> {
    if let Some(account) = accounts::table
        .filter(accounts::ap_id.eq(ap_id))
        .select(Account::as_select())
        .first(conn)
        .optional()?
    {
        return Ok(Some(ActorRow::Account(Box::new(account))));
    }
    Ok(communities::table
        .filter(communities::ap_id.eq(ap_id))
        .select(Community::as_select())
        .first(conn)
        .optional()?
        .map(|c| ActorRow::Community(Box::new(c))))
}

fn clip(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// Creates or refreshes the cached copy of a remote person.
pub fn upsert_person(conn: &mut DbConnection, actor: &RemoteActor) -> Result<Account> {
    crate::db::transaction(conn, |conn| {
        let at = now();
        let display = clip(
            if actor.display_name.trim().is_empty() {
                &actor.name
            } else {
                &actor.display_name
            },
            80,
        );
        let existing: Option<String> = accounts::table
            .filter(accounts::ap_id.eq(&actor.ap_id))
            .select(accounts::id)
            .first(conn)
            .optional()?;
        let id = match existing {
            Some(id) => {
                diesel::update(accounts::table.find(&id))
                    .set((
                        accounts::display_name.eq(&display),
                        accounts::inbox_url.eq(&actor.inbox),
                        accounts::shared_inbox_url.eq(&actor.shared_inbox),
                        accounts::public_key_pem.eq(&actor.public_key_pem),
                        accounts::last_fetched_at.eq(at),
                        accounts::updated_at.eq(at),
                    ))
                    .execute(conn)?;
                id
            }
            None => {
                let id = tokens::new_id();
                diesel::insert_into(accounts::table)
                    .values((
                        accounts::id.eq(&id),
                        accounts::username.eq(clip(&actor.name, 64)),
                        accounts::host.eq(&actor.host),
                        accounts::local.eq(false),
                        accounts::display_name.eq(&display),
                        accounts::ap_id.eq(&actor.ap_id),
                        accounts::inbox_url.eq(&actor.inbox),
                        accounts::shared_inbox_url.eq(&actor.shared_inbox),
                        accounts::public_key_pem.eq(&actor.public_key_pem),
                        accounts::created_at.eq(at),
                        accounts::updated_at.eq(at),
                        accounts::last_fetched_at.eq(at),
                    ))
                    .execute(conn)?;
                id
            }
        };
        crate::accounts::get(conn, &id)
    })
}

/// Creates or refreshes the cached copy of a remote community and its public channels. A
/// community that advertises none (other software's groups) gets a dialogue and an events
/// channel, where its posts and events land.
pub fn upsert_group(
    conn: &mut DbConnection,
    actor: &RemoteActor,
    advertised: &[RemoteChannel],
) -> Result<Community> {
    crate::db::transaction(conn, |conn| {
        let at = now();
        let name = clip(
            if actor.display_name.trim().is_empty() {
                &actor.name
            } else {
                &actor.display_name
            },
            80,
        );
        let existing: Option<String> = communities::table
            .filter(communities::ap_id.eq(&actor.ap_id))
            .select(communities::id)
            .first(conn)
            .optional()?;
        let id = match existing {
            Some(id) => {
                diesel::update(communities::table.find(&id))
                    .set((
                        communities::name.eq(&name),
                        communities::description.eq(clip(&actor.summary, 5_000)),
                        communities::inbox_url.eq(&actor.inbox),
                        communities::shared_inbox_url.eq(&actor.shared_inbox),
                        communities::public_key_pem.eq(&actor.public_key_pem),
                        communities::last_fetched_at.eq(at),
                        communities::updated_at.eq(at),
                    ))
                    .execute(conn)?;
                id
            }
            None => {
                let id = tokens::new_id();
                diesel::insert_into(communities::table)
                    .values((
                        communities::id.eq(&id),
                        communities::slug.eq(clip(&actor.name, 64)),
                        communities::host.eq(&actor.host),
                        communities::local.eq(false),
                        communities::name.eq(&name),
                        communities::description.eq(clip(&actor.summary, 5_000)),
                        communities::ap_id.eq(&actor.ap_id),
                        communities::inbox_url.eq(&actor.inbox),
                        communities::shared_inbox_url.eq(&actor.shared_inbox),
                        communities::public_key_pem.eq(&actor.public_key_pem),
                        communities::created_at.eq(at),
                        communities::updated_at.eq(at),
                        communities::last_fetched_at.eq(at),
                    ))
                    .execute(conn)?;
                search_feed::record(conn, Entity::Community, &id, Op::Upsert)?;
                id
            }
        };
        let fallback;
        let wanted: &[RemoteChannel] = if advertised.is_empty() {
            fallback = [
                RemoteChannel {
                    ap_id: format!("{}#posts", actor.ap_id),
                    slug: "posts".into(),
                    name: name.clone(),
                    kind: ChannelKind::Dialogue,
                },
                RemoteChannel {
                    ap_id: format!("{}#events", actor.ap_id),
                    slug: "events".into(),
                    name: name.clone(),
                    kind: ChannelKind::Events,
                },
            ];
            &fallback
        } else {
            advertised
        };
        for channel in wanted {
            upsert_channel(conn, &id, channel)?;
        }
        crate::communities::get(conn, &id)
    })
}

fn upsert_channel(conn: &mut DbConnection, community_id: &str, ch: &RemoteChannel) -> Result<()> {
    let at = now();
    let existing: Option<String> = channels::table
        .filter(channels::ap_id.eq(&ch.ap_id))
        .select(channels::id)
        .first(conn)
        .optional()?;
    match existing {
        Some(id) => {
            diesel::update(channels::table.find(id))
                .set((
                    channels::name.eq(clip(&ch.name, 80)),
                    channels::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
        None => {
            let mut slug: String = clip(&ch.slug, 40)
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            if slug.len() < 2 {
                slug = format!("ch-{}", &tokens::new_id()[..8]);
            }
            let taken: i64 = channels::table
                .filter(channels::community_id.eq(community_id))
                .filter(channels::slug.eq(&slug))
                .count()
                .get_result(conn)?;
            if taken > 0 {
                slug = format!("{slug}-{}", &tokens::new_id()[..8]);
            }
            diesel::insert_into(channels::table)
                .values((
                    channels::id.eq(tokens::new_id()),
                    channels::community_id.eq(community_id),
                    channels::slug.eq(slug),
                    channels::name.eq(clip(&ch.name, 80)),
                    channels::kind.eq(ch.kind),
                    channels::visibility.eq(Visibility::Public),
                    channels::ap_id.eq(&ch.ap_id),
                    channels::created_at.eq(at),
                    channels::updated_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The channel a remote post lands in: the one it names when we know it, else the community's
/// first public channel of `kind` (a dialogue, or events for an event).
pub fn channel_for_kind(
    conn: &mut DbConnection,
    community_id: &str,
    channel_ap_id: Option<&str>,
    kind: ChannelKind,
) -> Result<Channel> {
    if let Some(ap_id) = channel_ap_id {
        if let Some(channel) = channels::table
            .filter(channels::ap_id.eq(ap_id))
            .filter(channels::community_id.eq(community_id))
            .select(Channel::as_select())
            .first(conn)
            .optional()?
        {
            return Ok(channel);
        }
    }
    channels::table
        .filter(channels::community_id.eq(community_id))
        .filter(channels::visibility.eq(Visibility::Public))
        .filter(channels::kind.eq(kind))
        .order(channels::created_at.asc())
        .select(Channel::as_select())
        .first(conn)
        .optional()?
        .ok_or(Error::NotFound)
}

/// A local channel by the id its community's document gives it.
pub fn local_channel_by_ap_id(
    conn: &mut DbConnection,
    instance: &crate::Instance,
    ap_id: &str,
) -> Result<Option<Channel>> {
    // Local channel ids are `{community}/channels/{slug}`.
    let Some((community_ap_id, slug)) = ap_id.rsplit_once("/channels/") else {
        return Ok(None);
    };
    let Some(community_slug) = community_ap_id.strip_prefix(&instance.url("/c/")) else {
        return Ok(None);
    };
    let Some(community) = crate::communities::find_local(conn, community_slug)? else {
        return Ok(None);
    };
    Ok(channels::table
        .filter(channels::community_id.eq(&community.id))
        .filter(channels::slug.eq(slug))
        .select(Channel::as_select())
        .first(conn)
        .optional()?)
}

/// A remote post, as its origin last described it.
#[derive(Debug, Clone)]
pub struct RemotePost {
    pub ap_id: String,
    pub author_id: String,
    pub title: String,
    /// Markdown source when the origin sent one, else empty.
    pub source: String,
    pub html: String,
    pub published: NaiveDateTime,
    /// The ActivityPub ids its `Mention` tags name: local people among them are told.
    pub mentions: Vec<String>,
}

/// Runs `f` again when it lost a race to insert the same row (two deliveries of one object at
/// once, say): the second time it finds the row and updates it.
fn again_if_raced<T>(
    conn: &mut DbConnection,
    f: impl Fn(&mut DbConnection) -> Result<T>,
) -> Result<T> {
    match f(conn) {
        Err(Error::Internal(e))
            if e.downcast_ref::<diesel::result::Error>()
                .is_some_and(crate::error::is_unique_violation) =>
        {
            f(conn)
        }
        other => other,
    }
}

/// Stores or updates a remote post in `channel`. Answers the post and whether it is new.
pub fn upsert_post(
    conn: &mut DbConnection,
    channel: &Channel,
    post: &RemotePost,
) -> Result<(Post, bool)> {
    again_if_raced(conn, |conn| upsert_post_once(conn, channel, post))
}

fn upsert_post_once(
    conn: &mut DbConnection,
    channel: &Channel,
    post: &RemotePost,
) -> Result<(Post, bool)> {
    crate::db::transaction(conn, |conn| {
        let at = now();
        let title = clip(post.title.trim(), 200);
        let title = if title.is_empty() {
            "—".to_owned()
        } else {
            title
        };
        let existing: Option<(String, String)> = posts::table
            .filter(posts::ap_id.eq(&post.ap_id))
            .select((posts::id, posts::author_id))
            .first(conn)
            .optional()?;
        let (id, created) = match existing {
            Some((id, author)) => {
                if author != post.author_id {
                    return Err(Error::Forbidden);
                }
                diesel::update(posts::table.find(&id))
                    .set((
                        posts::title.eq(&title),
                        posts::body.eq(&post.source),
                        posts::body_html.eq(&post.html),
                        posts::updated_at.eq(at),
                    ))
                    .execute(conn)?;
                (id, false)
            }
            None => {
                let id = tokens::new_id();
                // Never in the future: a peer's clock must not pin its posts on top.
                let published = post.published.min(at);
                diesel::insert_into(posts::table)
                    .values((
                        posts::id.eq(&id),
                        posts::channel_id.eq(&channel.id),
                        posts::community_id.eq(&channel.community_id),
                        posts::author_id.eq(&post.author_id),
                        posts::title.eq(&title),
                        posts::body.eq(&post.source),
                        posts::body_html.eq(&post.html),
                        posts::ap_id.eq(&post.ap_id),
                        posts::local.eq(false),
                        posts::created_at.eq(published),
                        posts::updated_at.eq(at),
                        posts::last_activity_at.eq(published),
                    ))
                    .execute(conn)?;
                (id, true)
            }
        };
        search_feed::record(conn, Entity::Post, &id, Op::Upsert)?;
        let stored = posts::table
            .find(&id)
            .select(Post::as_select())
            .first(conn)?;
        if created {
            let named = crate::mentions::local_by_ap_id(conn, &post.mentions)?;
            crate::notifications::notify(
                conn,
                named,
                &crate::notifications::Notice::about_post(
                    crate::notifications::Kind::Mention,
                    Some(&post.author_id),
                    &stored,
                ),
            )?;
        }
        Ok((stored, created))
    })
}

/// What an ActivityPub object id names here.
#[derive(Debug, Clone)]
pub enum ObjectRow {
    Post(Box<Post>),
    Comment(Box<Comment>),
}

pub fn find_object(conn: &mut DbConnection, ap_id: &str) -> Result<Option<ObjectRow>> {
    if let Some(post) = posts::table
        .filter(posts::ap_id.eq(ap_id))
        .select(Post::as_select())
        .first(conn)
        .optional()?
    {
        return Ok(Some(ObjectRow::Post(Box::new(post))));
    }
    Ok(comments::table
        .filter(comments::ap_id.eq(ap_id))
        .select(Comment::as_select())
        .first(conn)
        .optional()?
        .map(|c| ObjectRow::Comment(Box::new(c))))
}

/// The author deleted a remote post or comment at its origin: the text goes, as for local
/// deletions. Answers whether anything changed.
pub fn delete_object(conn: &mut DbConnection, ap_id: &str, author_id: &str) -> Result<bool> {
    crate::db::transaction(conn, |conn| {
        let at = now();
        let posts_gone = diesel::update(
            posts::table
                .filter(posts::ap_id.eq(ap_id))
                .filter(posts::author_id.eq(author_id))
                .filter(posts::deleted_at.is_null()),
        )
        .set((posts::deleted_at.eq(at), posts::updated_at.eq(at)))
        .returning(posts::id)
        .get_results::<String>(conn)?;
        for id in &posts_gone {
            search_feed::record(conn, Entity::Post, id, Op::Delete)?;
        }
        let comments_gone = diesel::update(
            comments::table
                .filter(comments::ap_id.eq(ap_id))
                .filter(comments::author_id.eq(author_id))
                .filter(comments::deleted_at.is_null()),
        )
        .set((
            comments::deleted_at.eq(at),
            comments::body.eq(""),
            comments::body_html.eq(""),
            comments::updated_at.eq(at),
        ))
        .returning(comments::id)
        .get_results::<String>(conn)?;
        for id in &comments_gone {
            search_feed::record(conn, Entity::Comment, id, Op::Delete)?;
        }
        Ok(!posts_gone.is_empty() || !comments_gone.is_empty())
    })
}

/// A remote person follows a local community: they become a member (or stay one). Refused
/// while they are banned there.
pub fn add_follower(conn: &mut DbConnection, community_id: &str, account_id: &str) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let existing: Option<Option<NaiveDateTime>> = community_members::table
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::account_id.eq(account_id))
            .select(community_members::banned_until)
            .first(conn)
            .optional()?;
        match existing {
            Some(Some(until)) if until > now() => Err(Error::Forbidden),
            Some(_) => {
                diesel::update(
                    community_members::table
                        .filter(community_members::community_id.eq(community_id))
                        .filter(community_members::account_id.eq(account_id)),
                )
                .set(community_members::follow_state.eq(FollowState::Accepted))
                .execute(conn)?;
                Ok(())
            }
            None => {
                diesel::insert_into(community_members::table)
                    .values((
                        community_members::community_id.eq(community_id),
                        community_members::account_id.eq(account_id),
                        community_members::role.eq(crate::membership::Role::Member.as_str()),
                        community_members::follow_state.eq(FollowState::Accepted),
                        community_members::created_at.eq(now()),
                    ))
                    .execute(conn)?;
                Ok(())
            }
        }
    })
}

/// A remote follower left (Undo Follow). A banned person's row stays, so the ban holds.
pub fn remove_follower(
    conn: &mut DbConnection,
    community_id: &str,
    account_id: &str,
) -> Result<()> {
    diesel::delete(
        community_members::table
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::account_id.eq(account_id))
            .filter(
                community_members::banned_until
                    .is_null()
                    .or(community_members::banned_until.le(now())),
            ),
    )
    .execute(conn)?;
    Ok(())
}

/// A remote community accepted a local person's Follow.
pub fn follow_accepted(
    conn: &mut DbConnection,
    community_id: &str,
    account_id: &str,
) -> Result<bool> {
    Ok(diesel::update(
        community_members::table
            .filter(community_members::community_id.eq(community_id))
            .filter(community_members::account_id.eq(account_id))
            .filter(community_members::follow_state.eq(FollowState::Pending)),
    )
    .set(community_members::follow_state.eq(FollowState::Accepted))
    .execute(conn)?
        > 0)
}

/// The inboxes a local community's activities go to: its remote members' shared inboxes (or
/// personal ones), each once.
pub fn follower_inboxes(conn: &mut DbConnection, community_id: &str) -> Result<Vec<String>> {
    let rows: Vec<(String, Option<String>)> = crate::db::on_backend!(conn, c => community_members::table
        .inner_join(accounts::table)
        .filter(community_members::community_id.eq(community_id))
        .filter(community_members::follow_state.eq(FollowState::Accepted))
        .filter(accounts::local.eq(false))
        .select((accounts::inbox_url, accounts::shared_inbox_url))
        .load(c))?;
    let mut inboxes: Vec<String> = rows
        .into_iter()
        .map(|(inbox, shared)| shared.unwrap_or(inbox))
        .collect();
    inboxes.sort();
    inboxes.dedup();
    Ok(inboxes)
}

/// Stores a freshly made key pair for a local person or community unless one is already there
/// (two requests may race to make one; the first wins). Answers the pair in force.
pub fn store_keys(
    conn: &mut DbConnection,
    ap_id: &str,
    public_pem: &str,
    private_pem: &str,
) -> Result<(String, String)> {
    diesel::update(
        accounts::table
            .filter(accounts::ap_id.eq(ap_id))
            .filter(accounts::local.eq(true))
            .filter(accounts::private_key_pem.is_null()),
    )
    .set((
        accounts::public_key_pem.eq(public_pem),
        accounts::private_key_pem.eq(private_pem),
    ))
    .execute(conn)?;
    diesel::update(
        communities::table
            .filter(communities::ap_id.eq(ap_id))
            .filter(communities::local.eq(true))
            .filter(communities::private_key_pem.is_null()),
    )
    .set((
        communities::public_key_pem.eq(public_pem),
        communities::private_key_pem.eq(private_pem),
    ))
    .execute(conn)?;
    match find_actor(conn, ap_id)? {
        Some(ActorRow::Account(a)) => Ok((
            a.public_key_pem.unwrap_or_default(),
            a.private_key_pem.unwrap_or_default(),
        )),
        Some(ActorRow::Community(c)) => Ok((
            c.public_key_pem.unwrap_or_default(),
            c.private_key_pem.unwrap_or_default(),
        )),
        None => Err(Error::NotFound),
    }
}

/// How many remote people follow a local community.
pub fn follower_count(conn: &mut DbConnection, community_id: &str) -> Result<i64> {
    Ok(community_members::table
        .inner_join(accounts::table)
        .filter(community_members::community_id.eq(community_id))
        .filter(community_members::follow_state.eq(FollowState::Accepted))
        .filter(accounts::local.eq(false))
        .count()
        .get_result(conn)?)
}

/// Who moderates a local community, as its `attributedTo` collection lists them for peers: its
/// facilitators and the instance's admins (both may remove and ban there), oldest first.
pub fn moderator_ap_ids(conn: &mut DbConnection, community_id: &str) -> Result<Vec<String>> {
    let mut ids: Vec<String> = community_members::table
        .inner_join(accounts::table)
        .filter(community_members::community_id.eq(community_id))
        .filter(community_members::role.eq(crate::membership::Role::Facilitator.as_str()))
        .filter(accounts::local.eq(true))
        .order(community_members::created_at.asc())
        .select(accounts::ap_id)
        .load(conn)?;
    let admins: Vec<String> = accounts::table
        .filter(accounts::is_admin.eq(true))
        .filter(accounts::local.eq(true))
        .order(accounts::created_at.asc())
        .select(accounts::ap_id)
        .load(conn)?;
    for admin in admins {
        if !ids.contains(&admin) {
            ids.push(admin);
        }
    }
    Ok(ids)
}

/// NodeInfo's usage figures (local accounts and content only).
#[derive(Debug, Clone, Default)]
pub struct Usage {
    pub users: i64,
    pub active_month: i64,
    pub active_halfyear: i64,
    pub local_posts: i64,
    pub local_comments: i64,
    pub communities: i64,
}

pub fn usage(conn: &mut DbConnection) -> Result<Usage> {
    let at = now();
    let local_accounts = accounts::table
        .filter(accounts::local.eq(true))
        .filter(accounts::suspended_at.is_null());
    // "Active": wrote something in the period.
    let active_since = |conn: &mut DbConnection, days: i64| -> Result<i64> {
        let since = at - chrono::Duration::days(days);
        let authors: Vec<String> = posts::table
            .filter(posts::local.eq(true))
            .filter(posts::created_at.ge(since))
            .select(posts::author_id)
            .distinct()
            .load(conn)?;
        let mut all: std::collections::BTreeSet<String> = authors.into_iter().collect();
        let commenters: Vec<String> = comments::table
            .filter(comments::local.eq(true))
            .filter(comments::created_at.ge(since))
            .select(comments::author_id)
            .distinct()
            .load(conn)?;
        all.extend(commenters);
        Ok(all.len() as i64)
    };
    Ok(Usage {
        users: local_accounts.count().get_result(conn)?,
        active_month: active_since(conn, 30)?,
        active_halfyear: active_since(conn, 182)?,
        local_posts: posts::table
            .filter(posts::local.eq(true))
            .filter(posts::deleted_at.is_null())
            .count()
            .get_result(conn)?,
        local_comments: comments::table
            .filter(comments::local.eq(true))
            .filter(comments::deleted_at.is_null())
            .count()
            .get_result(conn)?,
        communities: crate::communities::count_local(conn)?,
    })
}

/// A community's moderators removed (or restored) one of its posts or comments at its home
/// instance. Only content of that community is touched. Answers whether anything changed.
pub fn moderate_object(
    conn: &mut DbConnection,
    community_id: &str,
    ap_id: &str,
    removed: bool,
) -> Result<bool> {
    crate::db::transaction(conn, |conn| {
        let at = removed.then(now);
        let post_ids = diesel::update(
            posts::table
                .filter(posts::ap_id.eq(ap_id))
                .filter(posts::community_id.eq(community_id)),
        )
        .set(posts::removed_at.eq(at))
        .returning(posts::id)
        .get_results::<String>(conn)?;
        for id in &post_ids {
            let op = if removed { Op::Delete } else { Op::Upsert };
            search_feed::record(conn, Entity::Post, id, op)?;
        }
        let in_community: Vec<String> = posts::table
            .filter(posts::community_id.eq(community_id))
            .select(posts::id)
            .load(conn)?;
        let comment_ids = diesel::update(
            comments::table
                .filter(comments::ap_id.eq(ap_id))
                .filter(comments::post_id.eq_any(&in_community)),
        )
        .set(comments::removed_at.eq(at))
        .returning(comments::id)
        .get_results::<String>(conn)?;
        for id in &comment_ids {
            let op = if removed { Op::Delete } else { Op::Upsert };
            search_feed::record(conn, Entity::Comment, id, op)?;
        }
        Ok(!post_ids.is_empty() || !comment_ids.is_empty())
    })
}

/// A remote community banned (or unbanned, `until` = None) a person: their copy of the ban, so
/// this instance refuses their writes there too.
pub fn ban_in(
    conn: &mut DbConnection,
    community_id: &str,
    account_id: &str,
    until: Option<NaiveDateTime>,
) -> Result<()> {
    crate::moderation::ban(conn, community_id, account_id, until)
}

/// When and where a remote event happens, as its origin describes it.
#[derive(Debug, Clone)]
pub struct RemoteEvent {
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub time_zone: String,
    pub location_name: String,
    pub location_address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub capacity: Option<i32>,
}

pub fn upsert_event(conn: &mut DbConnection, post_id: &str, e: &RemoteEvent) -> Result<()> {
    use crate::schema::events;
    let zone = if e.time_zone.parse::<chrono_tz::Tz>().is_ok() {
        e.time_zone.clone()
    } else {
        "UTC".to_owned()
    };
    let ends_at = e.ends_at.max(e.starts_at);
    let exists: i64 = events::table.find(post_id).count().get_result(conn)?;
    if exists > 0 {
        diesel::update(events::table.find(post_id))
            .set((
                events::starts_at.eq(e.starts_at),
                events::ends_at.eq(ends_at),
                events::time_zone.eq(&zone),
                events::location_name.eq(clip(&e.location_name, 200)),
                events::location_address.eq(clip(&e.location_address, 300)),
                events::latitude.eq(e.latitude),
                events::longitude.eq(e.longitude),
                events::capacity.eq(e.capacity),
            ))
            .execute(conn)?;
    } else {
        diesel::insert_into(events::table)
            .values((
                events::post_id.eq(post_id),
                events::starts_at.eq(e.starts_at),
                events::ends_at.eq(ends_at),
                events::time_zone.eq(&zone),
                events::all_day.eq(false),
                events::location_name.eq(clip(&e.location_name, 200)),
                events::location_address.eq(clip(&e.location_address, 300)),
                events::latitude.eq(e.latitude),
                events::longitude.eq(e.longitude),
                events::capacity.eq(e.capacity),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Whether a remote channel id is cached here.
pub fn channel_known(conn: &mut DbConnection, ap_id: &str) -> Result<bool> {
    let n: i64 = channels::table
        .filter(channels::ap_id.eq(ap_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}
