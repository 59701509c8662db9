//! `comune accord …`: the offline tools of accords. They need no settings, no database and no
//! network, so a legal representative can sign on a machine of their own and anyone can check
//! a bundle they were given.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Subcommand;
use comune_domain::accords::bundle;
use comune_domain::accords::signatures::{signing_document, Signatory, SignatoryRole};
use comune_integrity::SigningKey;
use serde_json::{json, Value};

#[derive(Debug, Subcommand)]
pub enum AccordCommand {
    /// Check an accord bundle (from GET /api/v1/accords/{id}/bundle; `-` reads standard
    /// input): the chain of versions, every key and every signature. Exits 0 only when every
    /// check passes.
    Verify { file: PathBuf },
    /// Make a signing key. The secret key goes to FILE (readable by you only); the public key
    /// (`z6Mk…`) is printed, to register with POST /api/v1/me/keys.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign a version: prints the `{signatory, proof}` to send to
    /// POST /api/v1/accords/{id}/versions/{n}/signatures.
    Sign {
        /// The secret key file made by `comune accord keygen`.
        #[arg(long)]
        key: PathBuf,
        /// The version (GET /api/v1/accords/{id}/versions/{n}, or its `document` alone).
        #[arg(long)]
        version: PathBuf,
        /// The key's id as registered (`key_id` in the answer of POST /api/v1/me/keys).
        #[arg(long)]
        key_id: String,
        /// Your ActivityPub id (the key's owner).
        #[arg(long)]
        signer: String,
        /// The ActivityPub id of the organisation you sign for, if any.
        #[arg(long)]
        organization: Option<String>,
        /// `legal_representative`, `delegate` or `self`.
        #[arg(long, default_value = "self")]
        role: SignatoryRole,
    },
}

pub fn run(command: AccordCommand) -> ExitCode {
    let result = match command {
        AccordCommand::Verify { file } => return verify(&file),
        AccordCommand::Keygen { out } => keygen(&out),
        AccordCommand::Sign {
            key,
            version,
            key_id,
            signer,
            organization,
            role,
        } => sign(
            &key,
            &version,
            &key_id,
            Signatory {
                id: signer,
                organization,
                role,
            },
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        return Ok(text);
    }
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn verify(path: &Path) -> ExitCode {
    let text = match read(path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::from(2);
        }
    };
    let report = bundle::verify_text(&text);
    print!("{}", report.text());
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn keygen(out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        bail!("{} exists already: choose another file", out.display());
    }
    let key = SigningKey::generate().context("making a key")?;
    write_private(out, &format!("{}\n", key.to_secret_multibase()))?;
    println!("{}", key.public_key().to_multibase());
    eprintln!(
        "The secret key is in {}. Keep it safe: whoever has it can sign in your name.\n\
         Register the public key above (POST /api/v1/me/keys) before signing.",
        out.display()
    );
    Ok(())
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(text.as_bytes())?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

fn sign(key: &Path, version: &Path, key_id: &str, signatory: Signatory) -> anyhow::Result<()> {
    let key = SigningKey::from_secret_multibase(read(key)?.trim())
        .context("the key file does not hold a secret key made by `comune accord keygen`")?;
    let version: Value =
        serde_json::from_str(&read(version)?).context("the version is not JSON")?;
    // The API's answer carries the document under `document`; a bare document works too.
    let document = version.get("document").cloned().unwrap_or(version);
    if document.get("type").and_then(Value::as_str) != Some("Document")
        || document.get("accord").is_none()
    {
        bail!("this is not an accord version document");
    }
    let proof = comune_integrity::create_proof(
        &signing_document(&document, &signatory),
        &key,
        key_id,
        chrono::Utc::now(),
    )?;
    println!(
        "{}",
        serde_json::to_string_pretty(&json!({ "signatory": signatory, "proof": proof }))?
    );
    Ok(())
}
