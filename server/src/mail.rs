//! Outgoing mail: SMTP in production, `.eml` files under the data directory otherwise.
//! Texts are plain, short and in the person's language.

use anyhow::Context;
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use comune_domain::accounts::Account;

use crate::settings::Settings;

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    public_url: String,
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        let transport = match &settings.smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("smtp_url is not a valid SMTP URL")?
                    .build(),
            ),
            None => {
                let dir = settings.mail_dir();
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating the mail folder {}", dir.display()))?;
                Transport::Files(AsyncFileTransport::new(dir))
            }
        };
        let public_url = settings.public_url();
        let from = match &settings.mail_from {
            Some(from) => from.parse().context("mail_from is not a valid mailbox")?,
            None => format!(
                "Comune <noreply@{}>",
                public_url.host_str().unwrap_or("localhost")
            )
            .parse()
            .context("cannot make a sender address from public_url; set mail_from")?,
        };
        Ok(Self {
            transport,
            from,
            public_url: public_url.as_str().trim_end_matches('/').to_owned(),
        })
    }

    async fn send(&self, to: &Account, subject: &str, body: String) -> anyhow::Result<()> {
        self.send_message(to, subject, body, None).await
    }

    async fn send_message(
        &self,
        to: &Account,
        subject: &str,
        body: String,
        unsubscribe: Option<&str>,
    ) -> anyhow::Result<()> {
        let address = to
            .email
            .as_deref()
            .context("the account has no email address")?;
        let to = Mailbox::new(Some(to.display_name.clone()), address.parse()?);
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN);
        if let Some(url) = unsubscribe {
            // RFC 8058 one-click unsubscribe: mail clients show a button that POSTs to the URL.
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        let message = builder.body(body)?;
        match &self.transport {
            Transport::Smtp(t) => t.send(message).await.map(|_| ()).context("SMTP delivery")?,
            Transport::Files(t) => t
                .send(message)
                .await
                .map(|_| ())
                .context("writing mail file")?,
        }
        Ok(())
    }

    /// Sends, and logs rather than fails: the person can ask for the mail again.
    async fn send_logged(&self, to: &Account, subject: &str, body: String) {
        if let Err(e) = self.send(to, subject, body).await {
            tracing::error!(account = %to.id, error = %format!("{e:#}"), "mail not sent");
        }
    }

    /// A notification mail, with the one-click unsubscribe headers. Errors are the caller's:
    /// the notifier logs them.
    pub async fn notification(
        &self,
        to: &Account,
        subject: &str,
        body: String,
        unsubscribe_url: &str,
    ) -> anyhow::Result<()> {
        self.send_message(to, subject, body, Some(unsubscribe_url))
            .await
    }

    /// The public address links in mails start with, without a trailing slash.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    pub async fn verification(&self, to: &Account, token: &str) {
        let link = format!("{}/verify-email?token={token}", self.public_url);
        let (subject, body) = texts::verification(&to.locale, &to.display_name, &link, token);
        self.send_logged(to, &subject, body).await;
    }

    pub async fn password_reset(&self, to: &Account, token: &str) {
        let link = format!("{}/reset-password?token={token}", self.public_url);
        let (subject, body) = texts::password_reset(&to.locale, &to.display_name, &link, token);
        self.send_logged(to, &subject, body).await;
    }
}

#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

mod texts {
    pub fn verification(locale: &str, name: &str, link: &str, token: &str) -> (String, String) {
        match locale {
            "en" => (
                "Confirm your email address".into(),
                format!(
                    "Hello {name},\n\nto finish signing up, open this link:\n\n{link}\n\n\
                     Or enter this code in the app: {token}\n\n\
                     The link works for 48 hours. If you did not sign up, ignore this message.\n"
                ),
            ),
            _ => (
                "Conferma il tuo indirizzo email".into(),
                format!(
                    "Ciao {name},\n\nper completare l'iscrizione apri questo collegamento:\n\n{link}\n\n\
                     Oppure inserisci questo codice nell'app: {token}\n\n\
                     Il collegamento vale 48 ore. Se non ti sei iscritto, ignora questo messaggio.\n"
                ),
            ),
        }
    }

    pub fn password_reset(locale: &str, name: &str, link: &str, token: &str) -> (String, String) {
        match locale {
            "en" => (
                "Choose a new password".into(),
                format!(
                    "Hello {name},\n\nsomeone asked to reset your password. To choose a new one, \
                     open this link:\n\n{link}\n\nOr enter this code in the app: {token}\n\n\
                     The link works for one hour. If it was not you, ignore this message: \
                     your password stays the same.\n"
                ),
            ),
            _ => (
                "Scegli una nuova password".into(),
                format!(
                    "Ciao {name},\n\nè stato chiesto di reimpostare la tua password. Per sceglierne \
                     una nuova apri questo collegamento:\n\n{link}\n\n\
                     Oppure inserisci questo codice nell'app: {token}\n\n\
                     Il collegamento vale un'ora. Se non sei stato tu, ignora questo messaggio: \
                     la password resta la stessa.\n"
                ),
            ),
        }
    }
}
