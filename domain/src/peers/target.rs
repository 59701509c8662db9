//! What an inbound activity is about: the post it names (or the post of the comment it names),
//! with that post's channel and community. Every federated like, comment, answer and report
//! starts here, so the usual case, a post, is one statement.

use diesel::prelude::*;

use crate::accounts::Account;
use crate::channels::Channel;
use crate::communities::Community;
use crate::db::{on_backend, DbConnection};
use crate::error::Result;
use crate::membership::{self, Standing};
use crate::posts::{Comment, Post};
use crate::schema::{accounts, channels, comments, communities, community_members, posts};
use crate::vocabulary::FollowState;

/// A post with the channel and the community it is in.
#[derive(Debug, Clone)]
pub struct PostContext {
    pub post: Post,
    pub channel: Channel,
    pub community: Community,
}

/// What an ActivityPub id names, among the posts and comments we hold.
#[derive(Debug, Clone)]
pub enum Target {
    Post(PostContext),
    /// A comment, and the post it is under.
    Comment(Box<Comment>, PostContext),
}

impl Target {
    pub fn context(&self) -> &PostContext {
        match self {
            Target::Post(c) | Target::Comment(_, c) => c,
        }
    }
}

/// [`find`], with what `account_id` is in the post's community: for a post, still one statement.
pub fn find_for(
    conn: &mut DbConnection,
    ap_id: &str,
    account_id: &str,
) -> Result<Option<(Target, Standing)>> {
    let row = on_backend!(conn, c => posts::table
        .inner_join(channels::table.inner_join(communities::table))
        // The account always exists (the caller has its id from its row); without it the
        // fallback below reports it.
        .inner_join(accounts::table.on(accounts::id.eq(account_id.to_owned())))
        .left_join(
            community_members::table.on(community_members::community_id
                .eq(channels::community_id)
                .and(community_members::account_id.eq(account_id.to_owned()))
                .and(community_members::follow_state.eq(FollowState::Accepted))),
        )
        .filter(posts::ap_id.eq(ap_id))
        .select((
            Post::as_select(),
            Channel::as_select(),
            Community::as_select(),
            Account::as_select(),
            membership::COLUMNS.nullable(),
        ))
        .first::<(Post, Channel, Community, Account, Option<membership::Row>)>(c))
    .optional()?;
    if let Some((post, channel, community, account, membership)) = row {
        let context = (post, channel, community);
        let standing = Standing {
            account: Some(account),
            membership: membership.map(membership::from_row),
        };
        return Ok(Some((Target::Post(from_row(context)), standing)));
    }
    let Some(target) = find(conn, ap_id)? else {
        return Ok(None);
    };
    let community_id = target.context().community.id.clone();
    let standing = Standing::of(conn, &community_id, Some(account_id))?;
    Ok(Some((target, standing)))
}

/// Finds the post or comment with this ActivityPub id, with its post's channel and community.
pub fn find(conn: &mut DbConnection, ap_id: &str) -> Result<Option<Target>> {
    let by_ap_id = posts::table
        .inner_join(channels::table.inner_join(communities::table))
        .filter(posts::ap_id.eq(ap_id))
        .select(context_columns())
        .first::<(Post, Channel, Community)>(conn)
        .optional()?;
    if let Some(row) = by_ap_id {
        return Ok(Some(Target::Post(from_row(row))));
    }
    let Some(comment) = comments::table
        .filter(comments::ap_id.eq(ap_id))
        .select(Comment::as_select())
        .first::<Comment>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let row = posts::table
        .inner_join(channels::table.inner_join(communities::table))
        .filter(posts::id.eq(&comment.post_id))
        .select(context_columns())
        .first::<(Post, Channel, Community)>(conn)
        .optional()?;
    Ok(row.map(|row| Target::Comment(Box::new(comment), from_row(row))))
}

type ContextColumns = (
    diesel::dsl::AsSelect<Post, crate::db::MultiBackend>,
    diesel::dsl::AsSelect<Channel, crate::db::MultiBackend>,
    diesel::dsl::AsSelect<Community, crate::db::MultiBackend>,
);

fn context_columns() -> ContextColumns {
    (
        Post::as_select(),
        Channel::as_select(),
        Community::as_select(),
    )
}

fn from_row((post, channel, community): (Post, Channel, Community)) -> PostContext {
    PostContext {
        post,
        channel,
        community,
    }
}
