//! The demo instance: a handful of Reggio Emilia's neighbourhoods and an admin to explore them.

use std::path::Path;

use anyhow::Context;
use comune_domain::accounts::{self, Origin, Registration};
use comune_domain::communities::{self, NewCommunity};
use comune_domain::{DbConnection, Instance};

pub const ADMIN_USERNAME: &str = "amministratore";
const CREDENTIALS_FILE: &str = "demo-admin.txt";

#[derive(Debug, Clone)]
pub struct DemoCredentials {
    pub username: String,
    pub password: String,
}

const NEIGHBOURHOODS: &[(&str, &str, &str)] = &[
    (
        "centro-storico",
        "Centro Storico",
        "Il cuore della città dentro l'esagono dei viali: piazze, mercati e botteghe storiche.",
    ),
    (
        "ospizio",
        "Ospizio",
        "Quartiere a est del centro, tra la via Emilia e i parchi, con una casa di quartiere molto attiva.",
    ),
    (
        "santa-croce",
        "Santa Croce",
        "Quartiere a nord della stazione, ricco di associazioni, laboratori artigiani e nuove famiglie.",
    ),
    (
        "rosta-nuova",
        "Rosta Nuova",
        "Quartiere residenziale a ovest, con scuole, orti urbani e un centro sociale per anziani.",
    ),
    (
        "pieve-modolena",
        "Pieve Modolena",
        "Frazione a ovest della città, tra campagna e nuove case, con la sua pieve e il circolo.",
    ),
];

/// Seeds the demo on a database with no accounts yet. Returns the admin's sign-in when the demo
/// is there (seeded now or earlier), read back from the data folder.
pub fn seed_if_empty(
    conn: &mut DbConnection,
    instance: &Instance,
    data_dir: &Path,
) -> anyhow::Result<Option<DemoCredentials>> {
    if accounts::count_admins(conn)? == 0 {
        seed(conn, instance, data_dir)?;
    }
    read_credentials(data_dir)
}

/// Creates what is missing of the demo: the admin (with a fresh random password, written to
/// `<data_dir>/demo-admin.txt`) and the neighbourhoods. Safe to run again.
pub fn seed(
    conn: &mut DbConnection,
    instance: &Instance,
    data_dir: &Path,
) -> anyhow::Result<Option<DemoCredentials>> {
    let mut created = None;
    let admin = match accounts::find_local_by_username(conn, ADMIN_USERNAME)? {
        Some(admin) => admin,
        None => {
            let password = comune_domain::tokens::generate()[..20].to_owned();
            let registration = Registration {
                username: ADMIN_USERNAME.into(),
                email: format!("amministratore@{}", demo_mail_domain(instance)),
                password: password.clone(),
                display_name: Some("Amministrazione demo".into()),
                locale: Some("it".into()),
            };
            let (admin, _) =
                accounts::create_local(conn, instance, &registration, "it", Origin::Admin)
                    .map_err(|e| anyhow::anyhow!("creating the demo admin: {e:?}"))?;
            let credentials = DemoCredentials {
                username: ADMIN_USERNAME.into(),
                password,
            };
            std::fs::create_dir_all(data_dir)?;
            crate::auth::write_private(
                &data_dir.join(CREDENTIALS_FILE),
                &format!("{}\n{}\n", credentials.username, credentials.password),
            )
            .context("writing the demo admin's credentials")?;
            created = Some(credentials);
            admin
        }
    };
    for (slug, name, description) in NEIGHBOURHOODS {
        if communities::find_local(conn, slug)?.is_none() {
            let new = NewCommunity {
                slug: (*slug).into(),
                name: (*name).into(),
                description: (*description).into(),
            };
            communities::create(conn, instance, &admin.id, &new)
                .map_err(|e| anyhow::anyhow!("creating {slug}: {e:?}"))?;
        }
    }
    Ok(created)
}

/// A domain for the demo admin's address that passes validation even on `localhost`.
fn demo_mail_domain(instance: &Instance) -> String {
    let host = instance.public_url().host_str().unwrap_or("localhost");
    if host.contains('.') && host.parse::<std::net::IpAddr>().is_err() {
        host.to_owned()
    } else {
        "demo.comune.invalid".to_owned()
    }
}

fn read_credentials(data_dir: &Path) -> anyhow::Result<Option<DemoCredentials>> {
    let Ok(text) = std::fs::read_to_string(data_dir.join(CREDENTIALS_FILE)) else {
        return Ok(None);
    };
    let mut lines = text.lines();
    Ok(match (lines.next(), lines.next()) {
        (Some(u), Some(p)) => Some(DemoCredentials {
            username: u.to_owned(),
            password: p.to_owned(),
        }),
        _ => None,
    })
}
