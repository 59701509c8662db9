//! The `comune` command.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use comune_domain::accounts::{self, Origin, Registration};
use comune_domain::db::{self, DatabaseUrl};
use comune_domain::Instance;

use crate::settings::{LogFormat, Settings};

#[derive(Debug, Parser)]
#[command(
    name = "comune",
    version,
    about = "Comune: a federated co-governance platform for city neighbourhoods",
    long_about = "Comune: a federated co-governance platform for city neighbourhoods.\n\n\
                  Settings come from comune.toml (or the file in COMUNE_CONFIG) and COMUNE_* \
                  environment variables; `comune config sample` lists them all. With no \
                  settings at all, `comune serve` runs on SQLite under ./data with a demo instance."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the server (migrations are applied first). The default command.
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage instance administrators.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Create the demo instance (neighbourhoods and an admin) where it is missing.
    SeedDemo,
    /// Validate settings and environment: the database, the data folder, mail.
    Check,
    /// Settings.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Print the OpenAPI document of the HTTP API.
    Openapi,
    /// Citizenship accords, offline: check a bundle, make a key, sign a version.
    Accord {
        #[command(subcommand)]
        command: crate::accord_cli::AccordCommand,
    },
    /// The search index.
    Search {
        #[command(subcommand)]
        command: SearchCommand,
    },
}

#[derive(Debug, Subcommand)]
enum SearchCommand {
    /// Rebuild this data folder's search index from the database, with progress. Stop the
    /// server using the folder first (a running server rebuilds by itself when it must).
    Reindex,
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create an instance admin. The password is read from standard input.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        /// Shown name (defaults to the username).
        #[arg(long)]
        display_name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Print a sample comune.toml with every setting, its default and its environment variable.
    Sample,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    match command {
        Command::Config {
            command: ConfigCommand::Sample,
        } => {
            print!("{}", crate::settings::sample_toml());
            return ExitCode::SUCCESS;
        }
        Command::Openapi => {
            return match crate::openapi::document().to_pretty_json() {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e.into()),
            };
        }
        Command::Accord { command } => return crate::accord_cli::run(command),
        _ => {}
    }
    let settings = match Settings::load() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    init_logging(&settings);
    let result = match command {
        Command::Serve => serve(settings),
        Command::Migrate => migrate(&settings),
        Command::Admin {
            command:
                AdminCommand::Create {
                    username,
                    email,
                    display_name,
                },
        } => admin_create(&settings, username, email, display_name),
        Command::SeedDemo => seed_demo(&settings),
        Command::Check => check(&settings),
        Command::Search {
            command: SearchCommand::Reindex,
        } => search_reindex(&settings),
        Command::Config { .. } | Command::Openapi | Command::Accord { .. } => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

fn fail(e: anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::FAILURE
}

fn init_logging(settings: &Settings) {
    let filter = tracing_subscriber::EnvFilter::try_new(&settings.log)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Colour codes only for a terminal: journald, docker and files get plain lines.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let _ = match settings.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

fn connect(settings: &Settings) -> anyhow::Result<comune_domain::DbConnection> {
    std::fs::create_dir_all(&settings.data_dir)
        .with_context(|| format!("creating {}", settings.data_dir.display()))?;
    let mut conn = DatabaseUrl::parse(&settings.database_url())?.connect()?;
    db::migrate(&mut conn)?;
    Ok(conn)
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    actix_web::rt::System::new().block_on(async move {
        let running = crate::app::start(settings.clone()).await?;
        let open = settings.public_url.trim_end_matches('/');
        println!();
        println!("  Comune {} is running.", env!("CARGO_PKG_VERSION"));
        println!("  Open      {open}/");
        println!("  Listening on http://{}", running.addr);
        println!("  Health    {open}/healthz    API    {open}/api/openapi.json");
        println!("  Database  {}", db::redact(&settings.database_url()));
        match &settings.smtp_url {
            Some(_) => println!("  Mail      sent by SMTP"),
            None => println!("  Mail      written to {}", settings.mail_dir().display()),
        }
        if let Some(demo) = &running.demo {
            println!(
                "  Demo admin: sign in as `{}` with password `{}` (kept in {}).",
                demo.username,
                demo.password,
                settings.data_dir.join("demo-admin.txt").display()
            );
        }
        println!("  Stop with Ctrl+C.");
        println!();
        running
            .server
            .await
            .context("the server stopped with an error")
    })
}

fn search_reindex(settings: &Settings) -> anyhow::Result<()> {
    use indicatif::{ProgressBar, ProgressStyle};
    let mut conn = connect(settings)?;
    let (index, _) = crate::search::open(&settings.data_dir)?;
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} indexing [{bar:40}] {pos}/{len} rows, {per_sec}, {eta} left",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    let started = std::time::Instant::now();
    let indexed = crate::search::rebuild(&mut conn, &index, &settings.data_dir, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    println!(
        "Search index rebuilt: {indexed} documents in {:.1} s ({} in the index, under {}).",
        started.elapsed().as_secs_f64(),
        index.num_docs(),
        crate::search::index_dir(&settings.data_dir).display()
    );
    Ok(())
}

fn migrate(settings: &Settings) -> anyhow::Result<()> {
    std::fs::create_dir_all(&settings.data_dir)?;
    let mut conn = DatabaseUrl::parse(&settings.database_url())?.connect()?;
    let applied = db::migrate(&mut conn)?;
    if applied.is_empty() {
        println!("The database is up to date.");
    } else {
        for name in applied {
            println!("applied {name}");
        }
    }
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password for the new admin (it will be shown as you type): ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        anyhow::bail!("no password on standard input");
    }
    Ok(password)
}

fn admin_create(
    settings: &Settings,
    username: String,
    email: String,
    display_name: Option<String>,
) -> anyhow::Result<()> {
    let password = read_password()?;
    let mut conn = connect(settings)?;
    let instance = Instance::new(settings.public_url());
    let registration = Registration {
        username,
        email,
        password,
        display_name,
        locale: None,
    };
    match accounts::create_local(
        &mut conn,
        &instance,
        &registration,
        &settings.default_locale,
        Origin::Admin,
    ) {
        Ok((account, _)) => {
            println!(
                "Created instance admin `{}` ({}).",
                account.username, account.ap_id
            );
            Ok(())
        }
        Err(comune_domain::Error::Validation(errors)) => {
            let mut text = String::from("the admin was not created:");
            for (field, reasons) in &errors.0 {
                for reason in reasons {
                    text.push_str(&format!("\n  {field}: {}", reason.message));
                }
            }
            anyhow::bail!(text)
        }
        Err(e) => Err(anyhow::anyhow!("the admin was not created: {e}")),
    }
}

fn seed_demo(settings: &Settings) -> anyhow::Result<()> {
    let mut conn = connect(settings)?;
    let instance = Instance::new(settings.public_url());
    match crate::demo::seed(&mut conn, &instance, &settings.data_dir)? {
        Some(c) => println!(
            "Demo instance ready. Sign in as `{}` with password `{}`.",
            c.username, c.password
        ),
        None => println!(
            "Demo instance ready (its admin existed already; see {}).",
            settings.data_dir.join("demo-admin.txt").display()
        ),
    }
    Ok(())
}

fn check(settings: &Settings) -> anyhow::Result<()> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    println!("settings: valid");
    match connect(settings) {
        Ok(_) => println!(
            "database: reachable, migrations applied ({})",
            db::redact(&settings.database_url())
        ),
        Err(e) => problems.push(format!("database: {e:#}")),
    }
    let probe = settings.data_dir.join(".write-check");
    match std::fs::write(&probe, b"ok").and_then(|_| std::fs::remove_file(&probe)) {
        Ok(()) => println!("data folder: writable ({})", settings.data_dir.display()),
        Err(e) => problems.push(format!("data folder {}: {e}", settings.data_dir.display())),
    }
    if let Err(e) = crate::mail::Mailer::from_settings(settings) {
        problems.push(format!("mail: {e:#}"));
    }
    let public = settings.public_url();
    let local_host = matches!(public.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    if !local_host {
        if public.scheme() != "https" {
            warnings.push("public_url is not https: browsers and fediverse servers expect TLS");
        }
        if settings.smtp_url.is_none() {
            warnings.push("smtp_url is unset: mails are only written to files");
        }
        if settings.jwt_secret.is_none() {
            warnings.push("jwt_secret is unset: a generated key in the data folder is used; set one when several processes serve the instance");
        }
    }
    if settings.federation_allow_private {
        warnings.push("federation_allow_private is on: a test setting, never for production");
    }
    for w in &warnings {
        println!("warning: {w}");
    }
    if problems.is_empty() {
        println!("All checks passed.");
        Ok(())
    } else {
        anyhow::bail!(problems.join("\n"))
    }
}
