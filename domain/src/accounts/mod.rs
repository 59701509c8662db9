//! People: registration, sign-in checks, email verification and password reset.

pub mod password;
pub mod sessions;
pub mod validate;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::error::{is_unique_violation, Error, FieldErrors, Result, Taken};
use crate::instance::Instance;
use crate::schema::{account_tokens, accounts};
use crate::time::now;
use crate::tokens;

/// An account row. Local accounts have an email and a password hash; remote ones do not.
#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = accounts)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub host: Option<String>,
    pub local: bool,
    pub display_name: String,
    pub email: Option<String>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub password_hash: Option<String>,
    pub locale: String,
    pub is_admin: bool,
    pub suspended_at: Option<NaiveDateTime>,
    pub ap_id: String,
    pub inbox_url: String,
    pub shared_inbox_url: Option<String>,
    pub public_key_pem: Option<String>,
    pub private_key_pem: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub last_fetched_at: Option<NaiveDateTime>,
    /// The profile picture (a `media` row of purpose `avatar`).
    pub avatar_id: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = accounts)]
struct NewLocalAccount<'a> {
    id: &'a str,
    username: &'a str,
    host: Option<&'a str>,
    local: bool,
    display_name: &'a str,
    email: Option<&'a str>,
    email_verified_at: Option<NaiveDateTime>,
    password_hash: Option<&'a str>,
    locale: &'a str,
    is_admin: bool,
    ap_id: &'a str,
    inbox_url: &'a str,
    shared_inbox_url: Option<&'a str>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// What a person submits to register.
#[derive(Debug, Clone)]
pub struct Registration {
    pub username: String,
    pub email: String,
    pub password: String,
    pub display_name: Option<String>,
    pub locale: Option<String>,
}

/// How long a mailed link stays valid.
pub const VERIFY_EMAIL_TTL: Duration = Duration::hours(48);
pub const RESET_PASSWORD_TTL: Duration = Duration::hours(1);

/// A mailed one-time token's purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }
}

/// Whether the new account is an instance admin (from `comune admin create` or the demo seed,
/// which also vouch for the address) or a resident signing up (who must verify it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    SelfService,
    Admin,
}

struct Checked {
    username: String,
    email: String,
    display_name: String,
    locale: String,
}

fn check_registration(r: &Registration, default_locale: &str) -> Result<Checked> {
    let username = validate::normalize_username(&r.username);
    let email = validate::normalize_email(&r.email);
    let display_name = r
        .display_name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(&username)
        .to_owned();
    let locale = r
        .locale
        .clone()
        .unwrap_or_else(|| default_locale.to_owned());
    let mut errors = FieldErrors::default();
    validate::check_username(&username, &mut errors);
    validate::check_email(&email, &mut errors);
    validate::check_display_name(&display_name, &mut errors);
    validate::check_locale(&locale, &mut errors);
    let local_part = email.split('@').next().unwrap_or_default();
    validate::check_password(
        &r.password,
        &[&username, &email, local_part, &display_name],
        &mut errors,
    );
    errors.into_result()?;
    Ok(Checked {
        username,
        email,
        display_name,
        locale,
    })
}

/// Creates a local account. A self-service account gets a verification token to mail; an
/// admin-made one is verified already and is an instance admin.
pub fn create_local(
    conn: &mut DbConnection,
    instance: &Instance,
    registration: &Registration,
    default_locale: &str,
    origin: Origin,
) -> Result<(Account, Option<String>)> {
    let checked = check_registration(registration, default_locale)?;
    // Hash before opening the transaction: it is the slow part and needs no lock.
    let password_hash = password::hash(&registration.password)?;
    crate::db::transaction(conn, |conn| {
        if find_local_by_username(conn, &checked.username)?.is_some() {
            return Err(Error::Conflict(Taken::Username));
        }
        if find_local_by_email(conn, &checked.email)?.is_some() {
            return Err(Error::Conflict(Taken::Email));
        }
        let at = now();
        let id = tokens::new_id();
        let ap_id = instance.person_id(&checked.username);
        let inbox = format!("{ap_id}/inbox");
        let shared_inbox = instance.shared_inbox();
        let admin = origin == Origin::Admin;
        let inserted = diesel::insert_into(accounts::table)
            .values(NewLocalAccount {
                id: &id,
                username: &checked.username,
                host: None,
                local: true,
                display_name: &checked.display_name,
                email: Some(&checked.email),
                email_verified_at: admin.then_some(at),
                password_hash: Some(&password_hash),
                locale: &checked.locale,
                is_admin: admin,
                ap_id: &ap_id,
                inbox_url: &inbox,
                shared_inbox_url: Some(&shared_inbox),
                created_at: at,
                updated_at: at,
            })
            .execute(conn);
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                let taken = if e.to_string().contains("email") {
                    Taken::Email
                } else {
                    Taken::Username
                };
                return Err(Error::Conflict(taken));
            }
            Err(e) => return Err(e.into()),
        }
        let token = match origin {
            Origin::SelfService => Some(issue_token(
                conn,
                &id,
                TokenPurpose::VerifyEmail,
                VERIFY_EMAIL_TTL,
            )?),
            Origin::Admin => None,
        };
        Ok((get(conn, &id)?, token))
    })
}

pub fn get(conn: &mut DbConnection, id: &str) -> Result<Account> {
    Ok(accounts::table
        .find(id)
        .select(Account::as_select())
        .first(conn)?)
}

pub fn find_local_by_username(conn: &mut DbConnection, username: &str) -> Result<Option<Account>> {
    if !validate::could_be_username(username) {
        return Ok(None);
    }
    Ok(accounts::table
        .filter(accounts::local.eq(true))
        .filter(accounts::username.eq(username))
        .select(Account::as_select())
        .first(conn)
        .optional()?)
}

/// How a person is addressed here: the username, with `@host` for people of other instances.
pub fn handle(username: &str, host: Option<&str>) -> String {
    match host {
        Some(host) => format!("{username}@{host}"),
        None => username.to_owned(),
    }
}

/// An account by handle: a local username, or `name@host` for a cached remote person.
pub fn find_by_handle(conn: &mut DbConnection, handle: &str) -> Result<Option<Account>> {
    match handle.split_once('@') {
        None => find_local_by_username(conn, handle),
        Some((name, host)) => Ok(accounts::table
            .filter(accounts::local.eq(false))
            .filter(accounts::username.eq(name))
            .filter(accounts::host.eq(host.to_ascii_lowercase()))
            .select(Account::as_select())
            .first(conn)
            .optional()?),
    }
}

pub fn find_local_by_email(conn: &mut DbConnection, email: &str) -> Result<Option<Account>> {
    if !validate::could_be_email(email) {
        return Ok(None);
    }
    Ok(accounts::table
        .filter(accounts::local.eq(true))
        .filter(accounts::email.eq(email))
        .select(Account::as_select())
        .first(conn)
        .optional()?)
}

/// The local account a login names: an address when it has an `@`, otherwise a username.
pub fn find_by_login(conn: &mut DbConnection, login: &str) -> Result<Option<Account>> {
    if login.contains('@') {
        find_local_by_email(conn, &validate::normalize_email(login))
    } else {
        find_local_by_username(conn, &validate::normalize_username(login))
    }
}

/// Checks a login and password. Unknown logins and wrong passwords give the same error after
/// the same work. Only the right password learns that the account is suspended or unverified.
pub fn authenticate(conn: &mut DbConnection, login: &str, password: &str) -> Result<Account> {
    let account = find_by_login(conn, login)?;
    let Some(account) = account.filter(|a| a.password_hash.is_some()) else {
        password::verify_against_dummy(password);
        return Err(Error::InvalidCredentials);
    };
    let hash = account.password_hash.as_deref().unwrap_or_default();
    if !password::verify(password, hash) {
        return Err(Error::InvalidCredentials);
    }
    if account.suspended_at.is_some() {
        return Err(Error::Suspended);
    }
    if account.email_verified_at.is_none() {
        return Err(Error::EmailNotVerified);
    }
    Ok(account)
}

/// Issues a one-time token for mail, replacing any earlier unused one of the same purpose.
pub fn issue_token(
    conn: &mut DbConnection,
    account_id: &str,
    purpose: TokenPurpose,
    ttl: Duration,
) -> Result<String> {
    let at = now();
    diesel::update(
        account_tokens::table
            .filter(account_tokens::account_id.eq(account_id))
            .filter(account_tokens::purpose.eq(purpose.as_str()))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(Some(at)))
    .execute(conn)?;
    let token = tokens::generate();
    diesel::insert_into(account_tokens::table)
        .values((
            account_tokens::id.eq(tokens::new_id()),
            account_tokens::account_id.eq(account_id),
            account_tokens::purpose.eq(purpose.as_str()),
            account_tokens::token_hash.eq(tokens::hash(&token)),
            account_tokens::created_at.eq(at),
            account_tokens::expires_at.eq(at + ttl),
        ))
        .execute(conn)?;
    Ok(token)
}

/// Marks a token used and returns its account id, or `InvalidToken` when it is unknown, used,
/// expired or meant for something else.
fn consume_token(conn: &mut DbConnection, token: &str, purpose: TokenPurpose) -> Result<String> {
    let at = now();
    let row: Option<(String, String)> = account_tokens::table
        .filter(account_tokens::token_hash.eq(tokens::hash(token)))
        .filter(account_tokens::purpose.eq(purpose.as_str()))
        .filter(account_tokens::used_at.is_null())
        .filter(account_tokens::expires_at.gt(at))
        .select((account_tokens::id, account_tokens::account_id))
        .first(conn)
        .optional()?;
    let Some((id, account_id)) = row else {
        return Err(Error::InvalidToken);
    };
    // Conditional update: of two concurrent uses, only one wins.
    let claimed = diesel::update(
        account_tokens::table
            .filter(account_tokens::id.eq(&id))
            .filter(account_tokens::used_at.is_null()),
    )
    .set(account_tokens::used_at.eq(Some(at)))
    .execute(conn)?;
    if claimed != 1 {
        return Err(Error::InvalidToken);
    }
    Ok(account_id)
}

/// Confirms an email address with the mailed token.
pub fn verify_email(conn: &mut DbConnection, token: &str) -> Result<Account> {
    crate::db::transaction(conn, |conn| {
        let account_id = consume_token(conn, token, TokenPurpose::VerifyEmail)?;
        let at = now();
        diesel::update(accounts::table.find(&account_id))
            .set((
                accounts::email_verified_at.eq(Some(at)),
                accounts::updated_at.eq(at),
            ))
            .execute(conn)?;
        get(conn, &account_id)
    })
}

/// A fresh verification token for an unverified address; `None` when there is nothing to send
/// (unknown or already verified), which callers must not reveal.
pub fn resend_verification(
    conn: &mut DbConnection,
    email: &str,
) -> Result<Option<(Account, String)>> {
    crate::db::transaction(conn, |conn| {
        let Some(account) = find_local_by_email(conn, &validate::normalize_email(email))? else {
            return Ok(None);
        };
        if account.email_verified_at.is_some() {
            return Ok(None);
        }
        let token = issue_token(
            conn,
            &account.id,
            TokenPurpose::VerifyEmail,
            VERIFY_EMAIL_TTL,
        )?;
        Ok(Some((account, token)))
    })
}

/// A reset token for the account with this address; `None` when there is none, which callers
/// must not reveal.
pub fn request_password_reset(
    conn: &mut DbConnection,
    email: &str,
) -> Result<Option<(Account, String)>> {
    crate::db::transaction(conn, |conn| {
        let Some(account) = find_local_by_email(conn, &validate::normalize_email(email))? else {
            return Ok(None);
        };
        if account.suspended_at.is_some() {
            return Ok(None);
        }
        let token = issue_token(
            conn,
            &account.id,
            TokenPurpose::ResetPassword,
            RESET_PASSWORD_TTL,
        )?;
        Ok(Some((account, token)))
    })
}

/// Sets a new password with a reset token. Every session of the account ends, and the address
/// counts as verified: the token reached it.
pub fn confirm_password_reset(
    conn: &mut DbConnection,
    token: &str,
    new_password: &str,
) -> Result<Account> {
    // Validate the password before spending the token, so a refused password can be retried.
    let account_id = {
        let hash = tokens::hash(token);
        account_tokens::table
            .filter(account_tokens::token_hash.eq(hash))
            .filter(account_tokens::purpose.eq(TokenPurpose::ResetPassword.as_str()))
            .select(account_tokens::account_id)
            .first::<String>(conn)
            .optional()?
            .ok_or(Error::InvalidToken)?
    };
    let account = get(conn, &account_id)?;
    let mut errors = FieldErrors::default();
    let email = account.email.clone().unwrap_or_default();
    validate::check_password(new_password, &[&account.username, &email], &mut errors);
    errors.into_result()?;
    let hash = password::hash(new_password)?;
    crate::db::transaction(conn, |conn| {
        let account_id = consume_token(conn, token, TokenPurpose::ResetPassword)?;
        let at = now();
        diesel::update(accounts::table.find(&account_id))
            .set((
                accounts::password_hash.eq(Some(&hash)),
                accounts::email_verified_at.eq(Some(account.email_verified_at.unwrap_or(at))),
                accounts::updated_at.eq(at),
            ))
            .execute(conn)?;
        sessions::revoke_all(conn, &account_id)?;
        get(conn, &account_id)
    })
}

/// How many accounts are instance admins (the demo seed runs only on an instance with none).
pub fn count_admins(conn: &mut DbConnection) -> Result<i64> {
    Ok(accounts::table
        .filter(accounts::is_admin.eq(true))
        .count()
        .get_result(conn)?)
}
