//! Settings: one struct, read from defaults, then an optional TOML file, then `COMUNE_*`
//! environment variables. Any secret may instead come from a file named by `COMUNE_<NAME>_FILE`,
//! so container secrets never sit in the environment.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use figment::providers::{Format, Serialized, Toml};
use figment::Figment;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Every setting of a Comune server. Field docs become the sample config's comments.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Folder for the SQLite database, the search index, mail files and uploads.
    pub data_dir: PathBuf,
    /// Database URL: `sqlite://PATH` or `postgres://USER:PASSWORD@HOST/DB`.
    /// Unset: `sqlite://<data_dir>/comune.db`. Secret: may be given as COMUNE_DATABASE_URL_FILE.
    pub database_url: Option<String>,
    /// Most database connections this process holds (unset: 8 for SQLite, 16 for PostgreSQL).
    pub database_pool_size: Option<u32>,
    /// Address and port to listen on.
    pub bind: String,
    /// The public origin people and federating servers reach this instance at. Its host is the
    /// federation domain: choose it once.
    pub public_url: String,
    /// SMTP server for outgoing mail, e.g. `smtp://mail.example.org:25`,
    /// `smtp://user:pass@host:587?tls=required` or `smtps://user:pass@host:465`.
    /// Unset: mails are written as .eml files under `<data_dir>/mail`. Secret.
    pub smtp_url: Option<String>,
    /// Sender of outgoing mail. Unset: `Comune <noreply@HOST>` with the public URL's host.
    pub mail_from: Option<String>,
    /// Key that signs access tokens (at least 32 characters). Unset: generated once and kept in
    /// `<data_dir>/jwt-secret`; set it when several processes serve one instance. Secret.
    pub jwt_secret: Option<String>,
    /// Lifetime of an access token, in seconds.
    pub access_token_ttl_seconds: u64,
    /// The instance's name, shown in the web client's header and page titles (e.g. `Comune di
    /// Reggio Emilia`).
    pub instance_name: String,
    /// The web client's main colour, `#rrggbb` (headers, buttons, links). It needs a contrast of
    /// at least 4.5:1 with white text. Unset: the Italian public-administration blue.
    pub theme_color: Option<String>,
    /// Time zone in which times are shown and events are planned (IANA name).
    pub time_zone: String,
    /// Language for people who have not chosen one: `it` or `en`.
    pub default_locale: String,
    /// Hour of the day (0-23, in `time_zone`) at which daily notification digests are mailed.
    pub digest_hour: u8,
    /// Seed the demo instance (neighbourhoods and an admin) at start on an empty database.
    /// Unset: only with the embedded SQLite default.
    pub demo: Option<bool>,
    /// Trust the X-Forwarded-For header for the client address (only behind a reverse proxy that
    /// sets it; otherwise clients could dodge throttling).
    pub trust_forwarded_for: bool,
    /// Folder with the built web client. Unset: `web-client/dist` if it exists.
    pub web_dir: Option<PathBuf>,
    /// Test setting: allow fetching from and delivering to private and loopback addresses.
    /// Never enable in production.
    pub federation_allow_private: bool,
    /// Test setting: host names resolved to fixed addresses instead of DNS, as
    /// `host=ip:port` pairs separated by commas (so instances on loopback keep plain host names).
    pub federation_resolve: Option<String>,
    /// Delay before the first retry of a failed delivery, in milliseconds; each later retry
    /// waits three times longer, up to a day.
    pub federation_retry_base_ms: u64,
    /// Log filter, e.g. `info` or `comune_server=debug,info`.
    pub log: String,
    /// Log format: `text` or `json`.
    pub log_format: LogFormat,
    /// Sign-in attempts allowed per account per 15 minutes.
    pub throttle_login_per_account: u32,
    /// Sign-in attempts allowed per client address per 15 minutes.
    pub throttle_login_per_client: u32,
    /// Registrations allowed per client address per hour.
    pub throttle_register_per_client: u32,
    /// Mails (password reset, verification resend) a client address may ask for per hour.
    pub throttle_mail_per_client: u32,
    /// Posts, comments, proposals and image uploads an account may make per hour during its
    /// first 24 hours (a brake on spam from fresh accounts).
    pub throttle_new_account_writes_per_hour: u32,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./data"),
            database_url: None,
            database_pool_size: None,
            bind: "127.0.0.1:8080".into(),
            public_url: "http://localhost:8080".into(),
            smtp_url: None,
            mail_from: None,
            jwt_secret: None,
            access_token_ttl_seconds: 900,
            instance_name: "Comune".into(),
            theme_color: None,
            time_zone: "Europe/Rome".into(),
            default_locale: "it".into(),
            digest_hour: 7,
            demo: None,
            trust_forwarded_for: false,
            web_dir: None,
            federation_allow_private: false,
            federation_resolve: None,
            federation_retry_base_ms: 30_000,
            log: "info".into(),
            log_format: LogFormat::Text,
            throttle_login_per_account: 5,
            throttle_login_per_client: 30,
            throttle_register_per_client: 10,
            throttle_mail_per_client: 5,
            throttle_new_account_writes_per_hour: 10,
        }
    }
}

/// Settings that may be read from `COMUNE_<NAME>_FILE`.
const SECRETS: &[&str] = &["database_url", "smtp_url", "jwt_secret"];

impl Settings {
    /// Loads settings from the file named by `COMUNE_CONFIG` (or `./comune.toml` if present) and
    /// the process environment.
    pub fn load() -> anyhow::Result<Self> {
        let vars: Vec<(String, String)> = std::env::vars().collect();
        Self::load_from(&vars)
    }

    /// Loads settings from an explicit environment (tests use this).
    pub fn load_from(env: &[(String, String)]) -> anyhow::Result<Self> {
        let get = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match get("COMUNE_CONFIG") {
            Some(path) => {
                if !Path::new(&path).is_file() {
                    bail!("COMUNE_CONFIG names {path}, which is not a readable file");
                }
                figment = figment.merge(Toml::file(path));
            }
            None if Path::new("comune.toml").is_file() => {
                figment = figment.merge(Toml::file("comune.toml"));
            }
            None => {}
        }
        let known = field_names();
        let mut overrides = Vec::new();
        for (key, value) in env {
            let Some(name) = key.strip_prefix("COMUNE_") else {
                continue;
            };
            let name = name.to_lowercase();
            if let Some(secret) = name.strip_suffix("_file").filter(|s| SECRETS.contains(s)) {
                let text = std::fs::read_to_string(value)
                    .with_context(|| format!("reading {key} ({value})"))?;
                overrides.push((
                    secret.to_owned(),
                    text.trim_end_matches(['\r', '\n']).to_owned(),
                ));
            } else if known.contains(&name) {
                overrides.push((name, value.clone()));
            }
            // Other COMUNE_* variables (COMUNE_CONFIG, test settings) are not ours to read here.
        }
        // Values are parsed like TOML scalars ("true", "900"), as figment's own Env provider does
        // (which we cannot use: it knows nothing of `_FILE` secrets).
        for (name, value) in overrides {
            let Ok(parsed) = value.parse::<figment::value::Value>();
            let parsed = match (&parsed, is_string_field(&name)) {
                (figment::value::Value::String(..), _) | (_, false) => parsed,
                (_, true) => figment::value::Value::from(value),
            };
            figment = figment.merge((name, parsed));
        }
        let settings: Settings = figment.extract().context("invalid settings")?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks what serde cannot: URLs, names, bounds.
    pub fn validate(&self) -> anyhow::Result<()> {
        let url = url::Url::parse(&self.public_url).context("public_url is not a URL")?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            bail!("public_url must be an http(s) origin, e.g. https://partecipa.example.org");
        }
        if url.path() != "/" || url.query().is_some() {
            bail!("public_url must be an origin without a path");
        }
        self.bind
            .parse::<std::net::SocketAddr>()
            .context("bind must be an address and port, e.g. 127.0.0.1:8080")?;
        self.time_zone.parse::<chrono_tz::Tz>().map_err(|_| {
            anyhow::anyhow!("time_zone {:?} is not an IANA time zone", self.time_zone)
        })?;
        if self.instance_name.trim().is_empty() || self.instance_name.chars().count() > 80 {
            bail!("instance_name must have 1 to 80 characters");
        }
        if let Some(color) = &self.theme_color {
            crate::theme::check(color)?;
        }
        if self.digest_hour > 23 {
            bail!("digest_hour must be between 0 and 23");
        }
        if !["it", "en"].contains(&self.default_locale.as_str()) {
            bail!("default_locale must be `it` or `en`");
        }
        if let Some(secret) = &self.jwt_secret {
            if secret.len() < 32 {
                bail!("jwt_secret must be at least 32 characters long");
            }
        }
        if !(30..=86_400).contains(&self.access_token_ttl_seconds) {
            bail!("access_token_ttl_seconds must be between 30 and 86400");
        }
        comune_domain::db::DatabaseUrl::parse(&self.database_url())?;
        Ok(())
    }

    /// The database URL in force.
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("comune.db").display()))
    }

    /// Whether this is the embedded default (no database configured), where the demo seeds itself.
    pub fn is_embedded_default(&self) -> bool {
        self.database_url.is_none()
    }

    pub fn public_url(&self) -> url::Url {
        url::Url::parse(&self.public_url).expect("validated in Settings::validate")
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }

    pub fn web_dir(&self) -> Option<PathBuf> {
        match &self.web_dir {
            Some(dir) => Some(dir.clone()),
            None => Some(PathBuf::from("web-client/dist")).filter(|d| d.is_dir()),
        }
    }
}

fn schema() -> schemars::schema::RootSchema {
    schemars::schema_for!(Settings)
}

fn field_names() -> Vec<String> {
    schema()
        .schema
        .object
        .map(|o| o.properties.keys().cloned().collect())
        .unwrap_or_default()
}

/// String-typed fields keep their value as text even when it looks like a number or boolean.
fn is_string_field(name: &str) -> bool {
    let defaults = serde_json::to_value(Settings::default()).unwrap_or_default();
    match defaults.get(name) {
        Some(serde_json::Value::String(_)) => true,
        Some(serde_json::Value::Null) => !matches!(name, "demo" | "database_pool_size"),
        _ => false,
    }
}

/// The sample configuration: every setting with its documentation, environment name and default.
/// `comune.sample.toml` in the repository is this text; a test keeps them equal.
pub fn sample_toml() -> String {
    let schema = schema();
    let defaults = toml::Table::try_from(Settings::default()).unwrap_or_default();
    let mut out = String::from(
        "# Comune settings. Copy to comune.toml (or point COMUNE_CONFIG at a file) and uncomment\n\
         # what you change. Every setting can also be set with the environment variable shown;\n\
         # the environment wins over this file. Generated by `comune config sample`.\n",
    );
    let Some(object) = schema.schema.object else {
        return out;
    };
    for (name, prop) in object.properties {
        out.push('\n');
        let description = match prop {
            schemars::schema::Schema::Object(o) => {
                o.metadata.and_then(|m| m.description).unwrap_or_default()
            }
            schemars::schema::Schema::Bool(_) => String::new(),
        };
        for line in wrap(&description, 96) {
            out.push_str(&format!("# {line}\n"));
        }
        let env = format!("COMUNE_{}", name.to_uppercase());
        if SECRETS.contains(&name.as_str()) {
            out.push_str(&format!("# Environment: {env} or {env}_FILE\n"));
        } else {
            out.push_str(&format!("# Environment: {env}\n"));
        }
        match defaults.get(&name) {
            Some(value) => out.push_str(&format!("#{name} = {value}\n")),
            None => out.push_str(&format!("#{name} =\n")),
        }
    }
    out
}

/// Greedy word wrap for comments.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_the_embedded_instance() {
        let s = Settings::load_from(&env(&[])).unwrap();
        assert_eq!(s.database_url(), "sqlite://./data/comune.db");
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert_eq!(s.public_url, "http://localhost:8080");
        assert_eq!(s.mail_dir(), PathBuf::from("./data/mail"));
        assert_eq!(s.time_zone, "Europe/Rome");
        assert_eq!(s.default_locale, "it");
        assert!(s.is_embedded_default());
    }

    #[test]
    fn environment_overrides_and_types() {
        let s = Settings::load_from(&env(&[
            ("COMUNE_BIND", "0.0.0.0:9000"),
            ("COMUNE_DEMO", "false"),
            ("COMUNE_ACCESS_TOKEN_TTL_SECONDS", "60"),
            ("COMUNE_PUBLIC_URL", "https://partecipa.example.org"),
            ("COMUNE_MAIL_FROM", "1234"),
            ("COMUNE_TEST_DATABASE_URL", "ignored"),
        ]))
        .unwrap();
        assert_eq!(s.bind, "0.0.0.0:9000");
        assert_eq!(s.demo, Some(false));
        assert_eq!(s.access_token_ttl_seconds, 60);
        assert_eq!(s.mail_from.as_deref(), Some("1234"));
        assert!(Settings::load_from(&env(&[("COMUNE_BIND", "nowhere")])).is_err());
        assert!(Settings::load_from(&env(&[("COMUNE_PUBLIC_URL", "http://x.org/sub")])).is_err());
        assert!(Settings::load_from(&env(&[("COMUNE_JWT_SECRET", "short")])).is_err());
    }

    #[test]
    fn secrets_from_files_and_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let secret = dir.path().join("jwt");
        std::fs::write(&secret, "s".repeat(40) + "\n").unwrap();
        let config = dir.path().join("comune.toml");
        std::fs::write(
            &config,
            "bind = \"127.0.0.1:9999\"\ndefault_locale = \"en\"\n",
        )
        .unwrap();
        let s = Settings::load_from(&env(&[
            ("COMUNE_JWT_SECRET_FILE", secret.to_str().unwrap()),
            ("COMUNE_CONFIG", config.to_str().unwrap()),
            ("COMUNE_DEFAULT_LOCALE", "it"),
        ]))
        .unwrap();
        assert_eq!(s.jwt_secret, Some("s".repeat(40)));
        assert_eq!(s.bind, "127.0.0.1:9999");
        assert_eq!(s.default_locale, "it", "the environment wins over the file");
        std::fs::write(&config, "no_such_setting = 1\n").unwrap();
        let err = Settings::load_from(&env(&[("COMUNE_CONFIG", config.to_str().unwrap())]));
        assert!(format!("{:#}", err.unwrap_err()).contains("no_such_setting"));
    }

    #[test]
    fn sample_config_is_in_sync_and_parses() {
        let sample = sample_toml();
        let committed = include_str!("../../comune.sample.toml");
        assert_eq!(
            committed, sample,
            "comune.sample.toml is stale: run `cargo run --bin comune -- config sample > comune.sample.toml`"
        );
        // Uncommenting every line with a value gives a file that parses to the defaults.
        let uncommented: String = sample
            .lines()
            .filter_map(|l| l.strip_prefix('#'))
            .filter(|l| !l.starts_with(' ') && !l.is_empty() && !l.ends_with('='))
            .map(|l| format!("{l}\n"))
            .collect();
        let parsed: Settings = toml::from_str(&uncommented).unwrap();
        assert_eq!(parsed, Settings::default());
        for name in field_names() {
            assert!(
                sample.contains(&format!("COMUNE_{}", name.to_uppercase())),
                "{name}"
            );
        }
    }

    #[test]
    fn the_readme_documents_every_setting() {
        let readme = include_str!("../../README.md");
        for name in field_names() {
            let var = format!("`COMUNE_{}`", name.to_uppercase());
            assert!(readme.contains(&var), "README.md does not document {var}");
        }
    }
}
