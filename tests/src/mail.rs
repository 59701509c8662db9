//! Reading mails back: from the mail folder, or from a real SMTP server process (aiosmtpd).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Parsed mails in a folder (recursively: a Maildir keeps them under `new/`), oldest first.
pub fn mails_in(dir: &Path) -> Vec<Mail> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_none_or(|e| e != "json") {
                let modified = entry.metadata().and_then(|m| m.modified()).ok();
                files.push((modified, path));
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .filter_map(|(_, p)| Mail::read(&p))
        .collect()
}

#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub raw: String,
}

impl Mail {
    fn read(path: &PathBuf) -> Option<Self> {
        let raw = std::fs::read(path).ok()?;
        let parsed = mail_parser::MessageParser::default().parse(&raw)?;
        let to = parsed
            .to()
            .map(|a| {
                a.iter()
                    .filter_map(|addr| addr.address().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        Some(Self {
            to,
            subject: parsed.subject().unwrap_or_default().to_owned(),
            text: parsed
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            raw: String::from_utf8_lossy(&raw).into_owned(),
        })
    }

    /// The token of the first link to `/{route}?token=` in the text.
    pub fn link_token(&self, route: &str) -> Option<String> {
        let marker = format!("/{route}?token=");
        let start = self.text.find(&marker)? + marker.len();
        let token: String = self.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        (!token.is_empty()).then_some(token)
    }
}

/// The newest token mailed to `to` for `route`, from a mail folder.
#[track_caller]
pub fn token_in_folder(dir: &Path, to: &str, route: &str) -> String {
    mails_in(dir)
        .into_iter()
        .rev()
        .filter(|m| m.to.iter().any(|t| t == to))
        .find_map(|m| m.link_token(route))
        .unwrap_or_else(|| panic!("no mail to {to} with a /{route} link in {}", dir.display()))
}

/// The Python interpreter with the test tools (aiosmtpd, openapi-spec-validator).
pub fn python() -> String {
    std::env::var("COMUNE_TEST_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// A real SMTP server process (aiosmtpd) storing what it receives in a Maildir.
pub struct SmtpSink {
    pub port: u16,
    pub maildir: tempfile::TempDir,
    child: Child,
}

impl SmtpSink {
    pub fn start() -> Self {
        let maildir = tempfile::tempdir().expect("temporary folder");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(maildir.path().join("box"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `{} -m aiosmtpd`: {e}", python()));
        let mut sink = Self {
            port,
            maildir,
            child,
        };
        // Readiness: the port accepts connections (or the process died, which we report).
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if let Ok(Some(status)) = sink.child.try_wait() {
                let mut err = String::new();
                if let Some(mut stderr) = sink.child.stderr.take() {
                    use std::io::Read;
                    let _ = stderr.read_to_string(&mut err);
                }
                panic!(
                    "aiosmtpd exited ({status}): {err}\nInstall it with `pip install aiosmtpd` \
                     or run the README's test command, which does."
                );
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn mails(&self) -> Vec<Mail> {
        mails_in(self.maildir.path())
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
