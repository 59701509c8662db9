//! Input rules for accounts. Each check adds to [`FieldErrors`] so a form shows every problem at
//! once instead of one per attempt.

use crate::error::FieldErrors;

pub const USERNAME_MIN: usize = 3;
pub const USERNAME_MAX: usize = 30;
pub const PASSWORD_MIN: usize = 10;
/// Long enough for any passphrase; bounded so nobody makes the server hash megabytes.
pub const PASSWORD_MAX: usize = 128;
pub const DISPLAY_NAME_MAX: usize = 60;
pub const EMAIL_MAX: usize = 254;
pub const LOCALES: [&str; 2] = ["it", "en"];

/// Names that routes, well-known accounts or impersonation would collide with.
const RESERVED_USERNAMES: &[&str] = &[
    "admin",
    "administrator",
    "api",
    "actor",
    "comune",
    "inbox",
    "outbox",
    "followers",
    "root",
    "system",
    "support",
    "moderator",
    "moderators",
    "postmaster",
    "webmaster",
    "noreply",
    "no_reply",
    "security",
    "abuse",
    "help",
    "info",
    "staff",
    "sindaco",
    "municipio",
];

/// Usernames are case-insensitive: we keep them lower-case, as people type them on phones with
/// automatic capitals.
pub fn normalize_username(raw: &str) -> String {
    raw.trim().to_lowercase()
}

pub fn normalize_email(raw: &str) -> String {
    raw.trim().to_lowercase()
}

/// Whether a (normalised) username could belong to some account, local or remote. Lookups use
/// it to answer "not found" without a query for strings no account can have (PostgreSQL would
/// refuse a NUL byte outright).
pub fn could_be_username(username: &str) -> bool {
    (1..=64).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Whether a string could be a stored email address (see [`could_be_username`]).
pub fn could_be_email(email: &str) -> bool {
    (3..=EMAIL_MAX).contains(&email.len()) && !email.chars().any(char::is_control)
}

pub fn check_username(username: &str, errors: &mut FieldErrors) {
    let len = username.chars().count();
    if !(USERNAME_MIN..=USERNAME_MAX).contains(&len) {
        errors.add(
            "username",
            "length",
            format!("must be {USERNAME_MIN} to {USERNAME_MAX} characters long"),
        );
    }
    if !username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        errors.add(
            "username",
            "characters",
            "may contain only letters a-z, digits and underscores",
        );
    } else if !username.starts_with(|c: char| c.is_ascii_lowercase()) {
        errors.add("username", "start", "must start with a letter");
    }
    if RESERVED_USERNAMES.contains(&username) {
        errors.add("username", "reserved", "is reserved");
    }
}

pub fn check_email(email: &str, errors: &mut FieldErrors) {
    if email.len() > EMAIL_MAX {
        errors.add(
            "email",
            "length",
            format!("must be at most {EMAIL_MAX} characters"),
        );
        return;
    }
    // email_address follows RFC 5322; we additionally want a dotted domain, since a bare host
    // never receives our mail.
    let valid = email_address::EmailAddress::parse_with_options(
        email,
        email_address::Options::default()
            .without_display_text()
            .without_domain_literal(),
    )
    .map(|a| a.domain().contains('.') && !a.domain().ends_with('.'))
    .unwrap_or(false);
    if !valid {
        errors.add("email", "invalid", "is not a valid email address");
    }
}

/// Length bounds and a guessability check (zxcvbn, which knows common passwords, names and
/// keyboard patterns, and is told the person's own username and address).
pub fn check_password(password: &str, context: &[&str], errors: &mut FieldErrors) {
    let len = password.chars().count();
    if len < PASSWORD_MIN {
        errors.add(
            "password",
            "too_short",
            format!("must be at least {PASSWORD_MIN} characters long"),
        );
        return;
    }
    if len > PASSWORD_MAX {
        errors.add(
            "password",
            "too_long",
            format!("must be at most {PASSWORD_MAX} characters long"),
        );
        return;
    }
    let entropy = zxcvbn::zxcvbn(password, context);
    if (entropy.score() as u8) < 3 {
        errors.add(
            "password",
            "too_common",
            "is too easy to guess: use a few unrelated words or a longer password",
        );
    }
}

pub fn check_display_name(name: &str, errors: &mut FieldErrors) {
    let len = name.chars().count();
    if len == 0 || len > DISPLAY_NAME_MAX {
        errors.add(
            "display_name",
            "length",
            format!("must be 1 to {DISPLAY_NAME_MAX} characters long"),
        );
    }
    if name.chars().any(char::is_control) {
        errors.add(
            "display_name",
            "characters",
            "must not contain control characters",
        );
    }
}

pub fn check_locale(locale: &str, errors: &mut FieldErrors) {
    if !LOCALES.contains(&locale) {
        errors.add("locale", "unsupported", "must be one of: it, en");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: impl FnOnce(&mut FieldErrors)) -> Vec<&'static str> {
        let mut e = FieldErrors::default();
        f(&mut e);
        e.0.values().flatten().map(|x| x.code).collect()
    }

    #[test]
    fn usernames() {
        assert!(codes(|e| check_username("maria_rossi", e)).is_empty());
        assert_eq!(codes(|e| check_username("ab", e)), ["length"]);
        assert_eq!(codes(|e| check_username("Maria", e)), ["characters"]);
        assert_eq!(codes(|e| check_username("1maria", e)), ["start"]);
        assert_eq!(codes(|e| check_username("maría", e)), ["characters"]);
        assert_eq!(codes(|e| check_username("admin", e)), ["reserved"]);
        assert_eq!(normalize_username("  Maria_Rossi "), "maria_rossi");
        assert!(could_be_username("maria_rossi") && could_be_username("Mário.R-1"));
        assert!(!could_be_username("a\0b") && !could_be_username("") && !could_be_username("a b"));
    }

    #[test]
    fn emails() {
        assert!(codes(|e| check_email("maria@example.it", e)).is_empty());
        for bad in [
            "maria",
            "maria@",
            "@example.it",
            "maria@localhost",
            "a b@example.it",
        ] {
            assert_eq!(codes(|e| check_email(bad, e)), ["invalid"], "{bad}");
        }
        let long = format!("{}@example.it", "a".repeat(250));
        assert_eq!(codes(|e| check_email(&long, e)), ["length"]);
        assert!(could_be_email("a@b.it") && !could_be_email("a\0@b.it"));
    }

    #[test]
    fn passwords() {
        assert_eq!(codes(|e| check_password("short", &[], e)), ["too_short"]);
        assert_eq!(
            codes(|e| check_password("password123", &[], e)),
            ["too_common"]
        );
        assert_eq!(
            codes(|e| check_password("qwertyuiop", &[], e)),
            ["too_common"]
        );
        assert_eq!(
            codes(|e| check_password("mariarossi1", &["mariarossi"], e)),
            ["too_common"]
        );
        assert!(codes(|e| check_password("tegola-viola-ponte-42", &[], e)).is_empty());
        assert_eq!(
            codes(|e| check_password(&"x".repeat(129), &[], e)),
            ["too_long"]
        );
    }

    #[test]
    fn display_names_and_locales() {
        assert!(codes(|e| check_display_name("Maria Rossi", e)).is_empty());
        assert_eq!(codes(|e| check_display_name("", e)), ["length"]);
        assert_eq!(codes(|e| check_display_name("a\u{7}b", e)), ["characters"]);
        assert!(codes(|e| check_locale("en", e)).is_empty());
        assert_eq!(codes(|e| check_locale("fr", e)), ["unsupported"]);
    }
}
