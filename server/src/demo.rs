//! The demo instance: a handful of Reggio Emilia's neighbourhoods and an admin to explore them.

use std::path::Path;

use anyhow::Context;
use comune_domain::accounts::{self, Origin, Registration};
use comune_domain::channels::{self, NewChannel};
use comune_domain::communities::{self, NewCommunity};
use comune_domain::organizations::{self, NewOrganization, OrgRole};
use comune_domain::posts::{self, Draft};
use comune_domain::{membership, Error as DomainError};
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
    let resident = demo_resident(conn, instance)?;
    for (slug, name, description) in NEIGHBOURHOODS {
        if communities::find_local(conn, slug)?.is_none() {
            let new = NewCommunity {
                slug: (*slug).into(),
                name: (*name).into(),
                description: (*description).into(),
            };
            communities::create(conn, instance, &admin.id, &new)
                .map_err(|e| anyhow::anyhow!("creating {slug}: {e:?}"))?;
            seed_neighbourhood(conn, instance, slug, name, &admin.id, &resident)
                .map_err(|e| anyhow::anyhow!("filling {slug}: {e:?}"))?;
        }
    }
    seed_organizations(conn, instance, &admin.id, &resident)
        .map_err(|e| anyhow::anyhow!("creating the demo organisations: {e:?}"))?;
    Ok(created)
}

/// A resident who writes the demo's posts (no one signs in as them: the password is random and
/// not kept).
fn demo_resident(conn: &mut DbConnection, instance: &Instance) -> anyhow::Result<String> {
    const USERNAME: &str = "giulia_ferrari";
    if let Some(existing) = accounts::find_local_by_username(conn, USERNAME)? {
        return Ok(existing.id);
    }
    let registration = Registration {
        username: USERNAME.into(),
        email: format!("giulia.ferrari@{}", demo_mail_domain(instance)),
        password: comune_domain::tokens::generate(),
        display_name: Some("Giulia Ferrari".into()),
        locale: Some("it".into()),
    };
    let (account, _) = accounts::create_local(conn, instance, &registration, "it", Origin::Admin)
        .map_err(|e| anyhow::anyhow!("creating the demo resident: {e:?}"))?;
    Ok(account.id)
}

const THREADS: &[(&str, &str, &str)] = &[
    (
        "Orari della biblioteca di quartiere",
        "La biblioteca chiude alle 18: per chi lavora è troppo presto. Proponiamo **un'apertura serale** il giovedì fino alle 21. Chi è d'accordo?",
        "D'accordo! Il giovedì sera potrei anche dare una mano come volontaria.",
    ),
    (
        "Pista ciclabile verso la stazione",
        "Il tratto tra il parco e la stazione non ha una pista protetta. Raccogliamo segnalazioni dei punti più pericolosi per portarle alla Consulta.",
        "L'incrocio davanti alla scuola è il punto peggiore, soprattutto alle 8.",
    ),
    (
        "Orto comunitario: cerchiamo volontari",
        "Da marzo riapre l'orto comunitario dietro la casa di quartiere. Servono persone per l'irrigazione nei fine settimana.",
        "Posso coprire le domeniche mattina.",
    ),
];

fn seed_neighbourhood(
    conn: &mut DbConnection,
    instance: &Instance,
    slug: &str,
    name: &str,
    admin_id: &str,
    resident_id: &str,
) -> Result<(), DomainError> {
    membership::join(conn, slug, resident_id)?;
    let channel =
        |slug: &str, name: &str, kind: &str, visibility: &str, description: &str| NewChannel {
            slug: slug.into(),
            name: name.into(),
            kind: kind.into(),
            visibility: visibility.into(),
            description: description.into(),
        };
    let dialogue = channels::create(
        conn,
        slug,
        admin_id,
        &channel(
            "dialogo",
            "Dialogo",
            "dialogue",
            "public",
            "Proposte, domande e idee per il quartiere.",
        ),
    )?;
    let notices = channels::create(
        conn,
        slug,
        admin_id,
        &channel(
            "avvisi",
            "Avvisi del Comune",
            "announcements",
            "public",
            "Comunicazioni ufficiali per il quartiere.",
        ),
    )?;
    channels::create(
        conn,
        slug,
        admin_id,
        &channel(
            "soci",
            "Spazio dei residenti",
            "dialogue",
            "members",
            "Visibile solo a chi fa parte del quartiere.",
        ),
    )?;
    for (title, body, reply) in THREADS {
        let post = posts::create(
            conn,
            instance,
            &dialogue.id,
            resident_id,
            &Draft {
                title: (*title).into(),
                body: (*body).into(),
            },
        )?;
        posts::comment(conn, instance, &post.id, admin_id, None, reply)?;
    }
    posts::create(
        conn,
        instance,
        &notices.id,
        admin_id,
        &Draft {
            title: format!("Lavori stradali a {name}"),
            body: "Dal 3 al 7 marzo lavori di manutenzione delle fognature: possibili deviazioni \
                   degli autobus. Gli orari aggiornati sono alla fermata."
                .into(),
        },
    )?;
    Ok(())
}

fn seed_organizations(
    conn: &mut DbConnection,
    instance: &Instance,
    admin_id: &str,
    resident_id: &str,
) -> Result<(), DomainError> {
    let organization =
        |slug: &str, name: &str, kind: &str, community: Option<&str>, description: &str| {
            NewOrganization {
                slug: slug.into(),
                name: name.into(),
                kind: kind.into(),
                description: description.into(),
                community: community.map(Into::into),
            }
        };
    let wanted = [
        organization(
            "comune",
            "Comune (demo)",
            "municipality",
            None,
            "L'amministrazione comunale.",
        ),
        organization(
            "consulta-ospizio",
            "Consulta di Ospizio",
            "consulta",
            Some("ospizio"),
            "Il consiglio dei residenti del quartiere.",
        ),
        organization(
            "orti-in-comune",
            "Orti in Comune APS",
            "association",
            Some("ospizio"),
            "Associazione che cura gli orti comunitari.",
        ),
    ];
    for new in wanted {
        if organizations::find_local(conn, &new.slug)?.is_none() {
            organizations::create(conn, instance, admin_id, &new)?;
        }
    }
    let username = accounts::get(conn, resident_id)?.username;
    organizations::set_member(conn, "orti-in-comune", admin_id, &username, OrgRole::Owner)?;
    Ok(())
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
