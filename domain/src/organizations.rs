//! Organisations: associations, Consulte, businesses, municipal offices, schools, and their
//! members. An organisation can moderate channels (its owners moderate) and own listings.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::accounts::{self, validate::normalize_username};
use crate::communities;
use crate::db::DbConnection;
use crate::error::{is_unique_violation, Error, FieldErrors, Result, Taken};
use crate::instance::Instance;
use crate::schema::{accounts as accounts_table, organization_members, organizations};
use crate::time::now;
use crate::tokens;

pub const KINDS: [&str; 6] = [
    "association",
    "consulta",
    "business",
    "municipality",
    "school",
    "other",
];
/// Kinds that speak with the municipality's or a council's authority: only admins create them.
const INSTITUTIONAL: [&str; 2] = ["consulta", "municipality"];

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = organizations)]
pub struct Organization {
    pub id: String,
    pub slug: String,
    pub host: Option<String>,
    pub local: bool,
    pub kind: String,
    pub name: String,
    pub description: String,
    pub community_id: Option<String>,
    pub ap_id: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone)]
pub struct NewOrganization {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    /// The home neighbourhood's slug, if it has one (a Consulta always does).
    pub community: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgRole {
    Owner,
    Member,
}

impl OrgRole {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgRole::Owner => "owner",
            OrgRole::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "owner" => Some(OrgRole::Owner),
            "member" => Some(OrgRole::Member),
            _ => None,
        }
    }
}

fn check(new: &NewOrganization) -> Result<()> {
    let mut errors = FieldErrors::default();
    communities::check_slug_name_description(&new.slug, &new.name, &new.description, &mut errors);
    if !KINDS.contains(&new.kind.as_str()) {
        errors.add(
            "kind",
            "unsupported",
            format!("must be one of: {}", KINDS.join(", ")),
        );
    }
    if new.kind == "consulta" && new.community.is_none() {
        errors.add(
            "community",
            "required",
            "a Consulta belongs to a neighbourhood",
        );
    }
    errors.into_result()
}

/// Creates an organisation; its creator becomes its owner. Any verified resident may found an
/// association, business, school or other; Consulte and municipal offices need an admin.
pub fn create(
    conn: &mut DbConnection,
    instance: &Instance,
    actor_id: &str,
    new: &NewOrganization,
) -> Result<Organization> {
    let new = NewOrganization {
        slug: new.slug.trim().to_lowercase(),
        name: new.name.trim().to_owned(),
        kind: new.kind.trim().to_owned(),
        description: new.description.trim().to_owned(),
        community: new.community.as_ref().map(|c| c.trim().to_lowercase()),
    };
    check(&new)?;
    crate::db::transaction(conn, |conn| {
        let actor = accounts::get(conn, actor_id)?;
        if INSTITUTIONAL.contains(&new.kind.as_str()) && !actor.is_admin {
            return Err(Error::Forbidden);
        }
        let community_id = match &new.community {
            Some(slug) => Some(
                communities::find_local(conn, slug)?
                    .ok_or_else(|| {
                        let mut e = FieldErrors::default();
                        e.add("community", "unknown", "no such neighbourhood");
                        Error::Validation(e)
                    })?
                    .id,
            ),
            None => None,
        };
        if find_local(conn, &new.slug)?.is_some() {
            return Err(Error::Conflict(Taken::Slug));
        }
        let at = now();
        let id = tokens::new_id();
        let inserted = diesel::insert_into(organizations::table)
            .values((
                organizations::id.eq(&id),
                organizations::slug.eq(&new.slug),
                organizations::local.eq(true),
                organizations::kind.eq(&new.kind),
                organizations::name.eq(&new.name),
                organizations::description.eq(&new.description),
                organizations::community_id.eq(&community_id),
                organizations::ap_id.eq(instance.url(&format!("/o/{}", new.slug))),
                organizations::created_at.eq(at),
                organizations::updated_at.eq(at),
            ))
            .execute(conn);
        match inserted {
            Err(e) if is_unique_violation(&e) => return Err(Error::Conflict(Taken::Slug)),
            other => other?,
        };
        diesel::insert_into(organization_members::table)
            .values((
                organization_members::organization_id.eq(&id),
                organization_members::account_id.eq(actor_id),
                organization_members::role.eq(OrgRole::Owner.as_str()),
                organization_members::created_at.eq(at),
            ))
            .execute(conn)?;
        Ok(organizations::table
            .find(&id)
            .select(Organization::as_select())
            .first(conn)?)
    })
}

pub fn find_local(conn: &mut DbConnection, slug: &str) -> Result<Option<Organization>> {
    if !communities::is_valid_slug(slug) {
        return Ok(None);
    }
    Ok(organizations::table
        .filter(organizations::local.eq(true))
        .filter(organizations::slug.eq(slug))
        .select(Organization::as_select())
        .first(conn)
        .optional()?)
}

pub fn list_local(
    conn: &mut DbConnection,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Organization>> {
    let mut query = organizations::table
        .filter(organizations::local.eq(true))
        .select(Organization::as_select())
        .order(organizations::slug.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(organizations::slug.gt(after.to_owned()));
    }
    Ok(query.load(conn)?)
}

pub fn role_of(
    conn: &mut DbConnection,
    organization_id: &str,
    account_id: &str,
) -> Result<Option<OrgRole>> {
    let role: Option<String> = organization_members::table
        .filter(organization_members::organization_id.eq(organization_id))
        .filter(organization_members::account_id.eq(account_id))
        .select(organization_members::role)
        .first(conn)
        .optional()?;
    Ok(role.as_deref().and_then(OrgRole::parse))
}

/// Members with their usernames, display names and roles, owners first.
pub fn members(
    conn: &mut DbConnection,
    organization_id: &str,
) -> Result<Vec<(String, String, OrgRole)>> {
    let rows: Vec<(String, String, String)> = organization_members::table
        .inner_join(accounts_table::table)
        .filter(organization_members::organization_id.eq(organization_id))
        .select((
            accounts_table::username,
            accounts_table::display_name,
            organization_members::role,
        ))
        .order((
            organization_members::role.desc(),
            accounts_table::username.asc(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(u, d, r)| OrgRole::parse(&r).map(|r| (u, d, r)))
        .collect())
}

/// The organisations a person belongs to, with their role, by slug.
pub fn organizations_of(conn: &mut DbConnection, account_id: &str) -> Result<Vec<OrgBelonging>> {
    let rows: Vec<(String, String, String, String)> = organization_members::table
        .inner_join(organizations::table)
        .filter(organization_members::account_id.eq(account_id))
        .select((
            organizations::slug,
            organizations::name,
            organizations::kind,
            organization_members::role,
        ))
        .order(organizations::slug.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(slug, name, kind, r)| {
            OrgRole::parse(&r).map(|role| OrgBelonging {
                slug,
                name,
                kind,
                role,
            })
        })
        .collect())
}

/// An organisation someone belongs to, with its kind (a business may own listings) and their
/// role there.
#[derive(Debug, Clone)]
pub struct OrgBelonging {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub role: OrgRole,
}

fn require_owner_or_admin(
    conn: &mut DbConnection,
    org: &Organization,
    actor_id: &str,
) -> Result<()> {
    if accounts::get(conn, actor_id)?.is_admin {
        return Ok(());
    }
    match role_of(conn, &org.id, actor_id)? {
        Some(OrgRole::Owner) => Ok(()),
        _ => Err(Error::Forbidden),
    }
}

/// Adds a local person to an organisation or changes their role. Owners and admins only.
pub fn set_member(
    conn: &mut DbConnection,
    slug: &str,
    actor_id: &str,
    username: &str,
    role: OrgRole,
) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let org = find_local(conn, slug)?.ok_or(Error::NotFound)?;
        require_owner_or_admin(conn, &org, actor_id)?;
        let target = accounts::find_local_by_username(conn, &normalize_username(username))?
            .ok_or(Error::NotFound)?;
        let updated = diesel::update(
            organization_members::table
                .filter(organization_members::organization_id.eq(&org.id))
                .filter(organization_members::account_id.eq(&target.id)),
        )
        .set(organization_members::role.eq(role.as_str()))
        .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(organization_members::table)
                .values((
                    organization_members::organization_id.eq(&org.id),
                    organization_members::account_id.eq(&target.id),
                    organization_members::role.eq(role.as_str()),
                    organization_members::created_at.eq(now()),
                ))
                .execute(conn)?;
        }
        ensure_an_owner_remains(conn, &org.id)
    })
}

/// Removes a person from an organisation: owners and admins remove anyone; anyone may leave.
pub fn remove_member(
    conn: &mut DbConnection,
    slug: &str,
    actor_id: &str,
    username: &str,
) -> Result<()> {
    crate::db::transaction(conn, |conn| {
        let org = find_local(conn, slug)?.ok_or(Error::NotFound)?;
        let target = accounts::find_local_by_username(conn, &normalize_username(username))?
            .ok_or(Error::NotFound)?;
        if target.id != actor_id {
            require_owner_or_admin(conn, &org, actor_id)?;
        }
        let removed = diesel::delete(
            organization_members::table
                .filter(organization_members::organization_id.eq(&org.id))
                .filter(organization_members::account_id.eq(&target.id)),
        )
        .execute(conn)?;
        if removed == 0 {
            return Err(Error::NotFound);
        }
        ensure_an_owner_remains(conn, &org.id)
    })
}

/// An organisation without owners could never be managed again; refuse the change that does it.
fn ensure_an_owner_remains(conn: &mut DbConnection, organization_id: &str) -> Result<()> {
    let owners: i64 = organization_members::table
        .filter(organization_members::organization_id.eq(organization_id))
        .filter(organization_members::role.eq(OrgRole::Owner.as_str()))
        .count()
        .get_result(conn)?;
    if owners == 0 {
        let mut e = FieldErrors::default();
        e.add(
            "role",
            "last_owner",
            "an organisation keeps at least one owner",
        );
        return Err(Error::Validation(e));
    }
    Ok(())
}
