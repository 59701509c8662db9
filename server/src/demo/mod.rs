//! The demo instance: seven of Reggio Emilia's neighbourhoods with their architects, residents,
//! organisations of every kind, channels of every kind with content, upcoming events, co-design
//! processes, shops and citizenship accords, and an admin to explore them. The content is in `data.rs`.

mod accords;
mod data;

use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;
use chrono::{Duration, NaiveDate, Utc};
use comune_domain::accounts::{self, Origin, Registration};
use comune_domain::author::{Author, Text};
use comune_domain::channels::{self, NewChannel};
use comune_domain::communities::{self, NewCommunity};
use comune_domain::events::{self, EventDraft, TimeInput};
use comune_domain::listings::{self, HoursInput, ListingDraft, ListingFields, OfferDraft};
use comune_domain::organizations::{self, NewOrganization, OrgRole};
use comune_domain::posts::{self, Draft, Post};
use comune_domain::vocabulary::{ChannelKind, Visibility};
use comune_domain::{codesign, comments, membership, Error as DomainError};
use comune_domain::{DbConnection, Instance};

pub const ADMIN_USERNAME: &str = "amministratore";
const CREDENTIALS_FILE: &str = "demo-admin.txt";

#[derive(Debug, Clone)]
pub struct DemoCredentials {
    pub username: String,
    pub password: String,
}

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

/// Creates what is missing of the demo, in one transaction: the admin (with a fresh random
/// password, written to `<data_dir>/demo-admin.txt`), the people, the neighbourhoods and
/// organisations, and each missing channel with its content. Safe to run again: what exists is
/// left alone, so nothing is seeded twice.
pub fn seed(
    conn: &mut DbConnection,
    instance: &Instance,
    data_dir: &Path,
) -> anyhow::Result<Option<DemoCredentials>> {
    comune_domain::db::transaction(conn, |conn| seed_all(conn, instance, data_dir))
}

fn seed_all(
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
    let mut demo = Demo {
        conn,
        instance,
        admin: admin.id,
        people: HashMap::new(),
        today: Utc::now().with_timezone(&ZONE).date_naive(),
    };
    for person in data::PEOPLE {
        let id = demo.person(person)?;
        demo.people.insert(person.username, id);
    }
    for n in data::NEIGHBOURHOODS {
        demo.neighbourhood(n)
            .map_err(|e| anyhow::anyhow!("creating {}: {e:?}", n.slug))?;
    }
    demo.organizations()
        .map_err(|e| anyhow::anyhow!("creating the demo organisations: {e:?}"))?;
    for n in data::NEIGHBOURHOODS {
        demo.channels(n)
            .map_err(|e| anyhow::anyhow!("filling {}: {e:?}", n.slug))?;
    }
    demo.accords()
        .map_err(|e| anyhow::anyhow!("seeding the demo accords: {e:?}"))?;
    Ok(created)
}

/// The demo's neighbourhoods live in Reggio Emilia.
const ZONE: chrono_tz::Tz = chrono_tz::Europe::Rome;

struct Demo<'a> {
    conn: &'a mut DbConnection,
    instance: &'a Instance,
    admin: String,
    /// Username to account id.
    people: HashMap<&'static str, String>,
    /// The seeding day in Reggio Emilia: events and offers are placed from it.
    today: NaiveDate,
}

type Seeded = Result<(), DomainError>;

impl Demo<'_> {
    fn id(&self, username: &str) -> Result<String, DomainError> {
        if username == data::ADMIN {
            return Ok(self.admin.clone());
        }
        self.people
            .get(username)
            .cloned()
            .ok_or(DomainError::NotFound)
    }

    /// A demo person (created once, with a random password nobody keeps).
    fn person(&mut self, person: &data::Person) -> anyhow::Result<String> {
        if let Some(existing) = accounts::find_local_by_username(self.conn, person.username)? {
            return Ok(existing.id);
        }
        let registration = Registration {
            username: person.username.into(),
            email: format!(
                "{}@{}",
                person.username.replace('_', "."),
                demo_mail_domain(self.instance)
            ),
            password: comune_domain::tokens::generate(),
            display_name: Some(person.name.into()),
            locale: Some("it".into()),
        };
        let (account, _) =
            accounts::create_local(self.conn, self.instance, &registration, "it", Origin::Admin)
                .map_err(|e| anyhow::anyhow!("creating {}: {e:?}", person.username))?;
        Ok(account.id)
    }

    /// The neighbourhood, its architect and the people who live or work there.
    fn neighbourhood(&mut self, n: &data::Neighbourhood) -> Seeded {
        if communities::find_local(self.conn, n.slug)?.is_none() {
            let new = NewCommunity {
                slug: n.slug.into(),
                name: n.name.into(),
                description: n.description.into(),
            };
            communities::create(self.conn, self.instance, &self.admin, &new)?;
        }
        // Joining is idempotent, and what the channels' content needs (its authors write as
        // members); a ban or a facilitator's role given since is kept.
        for username in [data::RESIDENT, data::CITY_STAFF].iter().chain(n.residents) {
            membership::join(self.conn, n.slug, &self.id(username)?)?;
        }
        let architect = self.id(n.facilitator)?;
        let community = communities::find_local(self.conn, n.slug)?.ok_or(DomainError::NotFound)?;
        let standing = membership::Standing::of(self.conn, &community.id, Some(&architect))?;
        if !standing.is_facilitator() {
            membership::appoint_facilitator(self.conn, n.slug, &self.admin, n.facilitator)?;
        }
        Ok(())
    }

    /// Every organisation, and a Consulta per neighbourhood, with owners and members.
    fn organizations(&mut self) -> Seeded {
        let consulte: Vec<data::OrgSeed> = data::NEIGHBOURHOODS
            .iter()
            .map(|n| data::OrgSeed {
                slug: n.consulta.0,
                name: n.consulta.1,
                kind: "consulta",
                community: Some(n.slug),
                description: "Il consiglio dei residenti del quartiere.",
                owner: n.president,
                members: std::slice::from_ref(&n.facilitator),
            })
            .collect();
        for org in data::ORGANIZATIONS.iter().chain(&consulte) {
            let existing = match organizations::find_local(self.conn, org.slug)? {
                Some(existing) => existing,
                None => {
                    // Consulte and municipal offices are created by the admin; the others by
                    // their owners.
                    let founder = if matches!(org.kind, "consulta" | "municipality") {
                        self.admin.clone()
                    } else {
                        self.id(org.owner)?
                    };
                    let new = NewOrganization {
                        slug: org.slug.into(),
                        name: org.name.into(),
                        kind: org.kind.into(),
                        description: org.description.into(),
                        community: org.community.map(Into::into),
                    };
                    organizations::create(self.conn, self.instance, &founder, &new)?
                }
            };
            // People are added where missing; roles changed since are left alone.
            for (username, role) in std::iter::once((org.owner, OrgRole::Owner))
                .chain(org.members.iter().map(|m| (*m, OrgRole::Member)))
            {
                let id = self.id(username)?;
                if organizations::role_of(self.conn, &existing.id, &id)?.is_some() {
                    continue;
                }
                let name = accounts::get(self.conn, &id)?.username;
                organizations::set_member(self.conn, org.slug, &self.admin, &name, role)?;
            }
        }
        Ok(())
    }

    /// Each channel that is missing, created and filled.
    fn channels(&mut self, n: &data::Neighbourhood) -> Seeded {
        let community = communities::find_local(self.conn, n.slug)?.ok_or(DomainError::NotFound)?;
        let existing = channels::visible_in(self.conn, &community, Some(&self.admin))?;
        for (slug, name, kind, visibility, description) in data::CHANNELS {
            if existing.iter().any(|c| c.slug == *slug) {
                continue;
            }
            let channel = channels::create(
                self.conn,
                n.slug,
                &self.admin,
                &NewChannel {
                    slug: (*slug).into(),
                    name: (*name).into(),
                    kind: kind.to_string(),
                    visibility: visibility.to_string(),
                    description: (*description).into(),
                },
            )?;
            match (channel.kind, channel.visibility) {
                (ChannelKind::Dialogue, Visibility::Public) => self.dialogue(n, &channel.id)?,
                (ChannelKind::Dialogue, Visibility::Members) => {
                    let (title, body) = n.members_note;
                    self.post(&channel.id, n.president, title, body)?;
                }
                (ChannelKind::Announcements, _) => {
                    let (title, body) = data::announcement(n.name);
                    self.post(&channel.id, data::CITY_STAFF, &title, body)?;
                }
                (ChannelKind::Events, _) => self.events(n, &channel.id)?,
                (ChannelKind::Codesign, _) => self.process(n, &channel.id)?,
                (ChannelKind::Businesses, _) => self.shops(n, &channel.id)?,
            }
        }
        Ok(())
    }

    fn post(
        &mut self,
        channel: &str,
        author: &str,
        title: &str,
        body: &str,
    ) -> Result<Post, DomainError> {
        let author = self.id(author)?;
        posts::create(
            self.conn,
            self.instance,
            channel,
            &author,
            &Draft {
                title: title.into(),
                body: body.into(),
            },
        )
    }

    fn dialogue(&mut self, n: &data::Neighbourhood, channel: &str) -> Seeded {
        let architect = self.id(n.facilitator)?;
        for thread in data::THREADS.iter().chain(std::iter::once(&n.thread)) {
            let post = self.post(channel, data::RESIDENT, thread.title, thread.body)?;
            comments::create(
                self.conn,
                self.instance,
                &post.id,
                Author::Local(&architect),
                None,
                Text::Markdown(thread.reply),
            )?;
        }
        Ok(())
    }

    fn events(&mut self, n: &data::Neighbourhood, channel: &str) -> Seeded {
        for e in n.events {
            let day = self.today + Duration::days(e.in_days);
            let starts = day
                .and_hms_opt(e.starts.0, e.starts.1, 0)
                .ok_or(DomainError::NotFound)?;
            let draft = EventDraft {
                title: e.title.into(),
                body: e.body.into(),
                starts: TimeInput::Local(starts),
                ends: TimeInput::Local(starts + Duration::minutes(e.minutes)),
                time_zone: Some(ZONE.name().into()),
                all_day: false,
                location_name: e.place.into(),
                location_address: e.address.into(),
                latitude: None,
                longitude: None,
                online_url: None,
                capacity: e.capacity,
            };
            let author = self.id(e.author)?;
            let post = events::create(
                self.conn,
                self.instance,
                channel,
                &author,
                &draft,
                ZONE.name(),
            )?;
            for username in e.going {
                let who = self.id(username)?;
                events::rsvp(self.conn, self.instance, &post.id, &who)?;
            }
        }
        Ok(())
    }

    /// A co-design process moved to its phase: ideas gathered in `ideas`, support given in
    /// `proposals`.
    fn process(&mut self, n: &data::Neighbourhood, channel: &str) -> Seeded {
        let p = &n.process;
        let architect = self.id(n.facilitator)?;
        let process = self.post(channel, n.facilitator, p.title, p.body)?;
        let target = codesign::PHASES
            .iter()
            .position(|phase| *phase == p.phase)
            .unwrap_or(0);
        let mut proposals = Vec::new();
        for phase in codesign::PHASES.iter().take(target + 1).skip(1) {
            codesign::advance(self.conn, &process.id, &architect, phase)?;
            if *phase != "ideas" {
                continue;
            }
            for (author, title, body) in p.proposals {
                let author = self.id(author)?;
                let draft = Draft {
                    title: (*title).into(),
                    body: (*body).into(),
                };
                proposals.push(codesign::propose(
                    self.conn,
                    self.instance,
                    &process.id,
                    &author,
                    &draft,
                )?);
            }
        }
        if p.phase == "proposals" {
            for (proposal, supporters) in proposals.iter().zip(p.supporters) {
                for username in *supporters {
                    let who = self.id(username)?;
                    posts::like(self.conn, self.instance, &proposal.id, &who)?;
                }
            }
        }
        Ok(())
    }

    /// The neighbourhood's shops, each listed by its owner with hours and a current offer.
    fn shops(&mut self, n: &data::Neighbourhood, channel: &str) -> Seeded {
        for shop in data::SHOPS.iter().filter(|s| s.community == n.slug) {
            let org = data::ORGANIZATIONS
                .iter()
                .find(|o| o.slug == shop.organization)
                .ok_or(DomainError::NotFound)?;
            let owner = self.id(org.owner)?;
            let draft = ListingDraft {
                title: org.name.into(),
                body: shop.body.into(),
                organization: shop.organization.into(),
                fields: ListingFields {
                    category: shop.category.into(),
                    address: shop.address.into(),
                    latitude: Some(shop.coordinates.0),
                    longitude: Some(shop.coordinates.1),
                    phone: Some(shop.phone.into()),
                    website: shop.website.map(Into::into),
                    email: None,
                    time_zone: Some(ZONE.name().into()),
                    opening_hours: expand_hours(shop.hours),
                },
            };
            let post = listings::create(
                self.conn,
                self.instance,
                channel,
                &owner,
                &draft,
                ZONE.name(),
            )?;
            let (title, description, days) = shop.offer;
            let offer = OfferDraft {
                title: title.into(),
                description: description.into(),
                valid_from: day(self.today - Duration::days(1)),
                valid_until: day(self.today + Duration::days(days)),
            };
            listings::add_offer(self.conn, &post.id, &owner, &offer)?;
        }
        Ok(())
    }
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// `("mon-fri", "09:00", "13:00")` as one interval per day.
fn expand_hours(hours: data::Hours) -> Vec<HoursInput> {
    let mut out = Vec::new();
    for (days, opens, closes) in hours {
        let (first, last) = days.split_once('-').unwrap_or((days, days));
        let index = |d: &str| listings::DAYS.iter().position(|x| *x == d);
        if let (Some(first), Some(last)) = (index(first), index(last)) {
            for d in &listings::DAYS[first..=last] {
                out.push(HoursInput {
                    day: (*d).into(),
                    opens: (*opens).into(),
                    closes: (*closes).into(),
                });
            }
        }
    }
    out
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
