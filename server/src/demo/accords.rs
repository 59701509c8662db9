//! The demo's citizenship accords: Rosta Nuova's, active, signed by each of its parties with a
//! key made for the purpose (its secret half is thrown away once it has signed), and Ospizio's,
//! being co-designed, with two versions to compare. Both go through the same domain functions
//! as anyone's.

use chrono::{NaiveDate, Utc};
use comune_domain::accords::content::{Content, Indicator, Party, PartyKind, Project, ProjectKind};
use comune_domain::accords::signatures::{self, signing_document, Signatory, SignatoryRole};
use comune_domain::accords::{self, keys, versions, State};
use comune_domain::{communities, organizations, Error as DomainError};
use comune_integrity::SigningKey;

use super::{Demo, Seeded};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn party(
    key: &str,
    kind: PartyKind,
    name: &str,
    organization: Option<String>,
    person: Option<String>,
) -> Party {
    Party {
        key: key.into(),
        kind,
        name: name.into(),
        organization,
        person,
    }
}

fn project(
    key: &str,
    kind: ProjectKind,
    title: &str,
    description: &str,
    euros: i64,
    owners: &[&str],
) -> Project {
    Project {
        key: key.into(),
        kind,
        title: title.into(),
        description: description.into(),
        budget_cents: euros * 100,
        owners: owners.iter().map(|o| (*o).into()).collect(),
    }
}

fn indicator(
    key: &str,
    name: &str,
    unit: &str,
    baseline: f64,
    target: f64,
    project: &str,
) -> Indicator {
    Indicator {
        key: key.into(),
        name: name.into(),
        unit: unit.into(),
        baseline,
        target,
        project: Some(project.into()),
    }
}

impl Demo<'_> {
    fn org_ap_id(&mut self, slug: &str) -> Result<String, DomainError> {
        Ok(organizations::find_local(self.conn, slug)?
            .ok_or(DomainError::NotFound)?
            .ap_id)
    }

    fn ap_id(&mut self, username: &str) -> Result<String, DomainError> {
        let id = self.id(username)?;
        Ok(comune_domain::accounts::get(self.conn, &id)?.ap_id)
    }

    /// Seeds the accords where the neighbourhoods have none yet.
    pub(super) fn accords(&mut self) -> Seeded {
        let rosta =
            communities::find_local(self.conn, "rosta-nuova")?.ok_or(DomainError::NotFound)?;
        if accords::list(self.conn, &rosta, Some(&self.admin))?
            .0
            .is_empty()
        {
            self.rosta_nuova()?;
        }
        let ospizio =
            communities::find_local(self.conn, "ospizio")?.ok_or(DomainError::NotFound)?;
        if accords::list(self.conn, &ospizio, Some(&self.admin))?
            .0
            .is_empty()
        {
            self.ospizio()?;
        }
        Ok(())
    }

    fn rosta_nuova(&mut self) -> Seeded {
        let lucia = self.ap_id("lucia_zanichelli")?;
        let content = Content {
            title: "Accordo di Cittadinanza di Rosta Nuova 2027".into(),
            summary: "Vicini che si aiutano: la spesa per chi non esce, gli orti condivisi e un parco illuminato.".into(),
            text: "# Accordo di Cittadinanza di Rosta Nuova\n\n\
                   Il Comune, la Consulta, il centro sociale Anziani Attivi e i volontari del \
                   quartiere si impegnano per un anno su tre progetti.\n\n\
                   ## Impegni\n\n\
                   - Il centro sociale coordina il giro della spesa il martedì e il venerdì.\n\
                   - I volontari curano gli orti condivisi di via Gorizia.\n\
                   - Il Comune rinnova l'illuminazione del parco, con i residenti che ne \
                   seguono i lavori.\n\n\
                   ## Verifica\n\n\
                   A metà anno e alla fine, un incontro pubblico misura gli indicatori."
                .into(),
            start_date: date(2027, 1, 1),
            end_date: date(2027, 12, 31),
            parties: vec![
                party("comune", PartyKind::Municipality, "Comune (demo)", Some(self.org_ap_id("comune")?), None),
                party("consulta", PartyKind::Consulta, "Consulta di Rosta Nuova", Some(self.org_ap_id("consulta-rosta-nuova")?), None),
                party("anziani-attivi", PartyKind::Association, "Anziani Attivi Rosta Nuova", Some(self.org_ap_id("anziani-attivi-rosta")?), None),
                party("lucia", PartyKind::Volunteer, "Lucia Zanichelli", None, Some(lucia)),
            ],
            projects: vec![
                project("spesa", ProjectKind::CommunityCare, "Il giro della spesa", "Volontari portano la spesa a chi non può uscire.", 12_000, &["anziani-attivi", "lucia"]),
                project("orti", ProjectKind::CommunityCare, "Orti condivisi di via Gorizia", "Venti parcelle, attrezzi comuni, un corso per principianti.", 8_500, &["consulta", "lucia"]),
                project("luci-parco", ProjectKind::CityCare, "Illuminazione del parco", "Lampioni a LED lungo i vialetti, scelti con i residenti.", 45_000, &["comune"]),
            ],
            indicators: vec![
                indicator("famiglie-spesa", "Famiglie raggiunte dal giro della spesa", "famiglie", 0.0, 40.0, "spesa"),
                indicator("parcelle", "Parcelle degli orti assegnate", "parcelle", 6.0, 20.0, "orti"),
                indicator("sicurezza", "Residenti che si sentono sicuri nel parco la sera", "%", 38.0, 70.0, "luci-parco"),
            ],
        };
        let architect = self.id("anna_montanari")?;
        let city = self.id(super::data::CITY_STAFF)?;
        let accord = accords::create(self.conn, self.instance, "rosta-nuova", &architect, content)?;
        accords::transition(
            self.conn,
            self.instance,
            &accord.id,
            &architect,
            State::CoDesign,
        )?;
        accords::transition(self.conn, self.instance, &accord.id, &city, State::Approved)?;
        accords::transition(
            self.conn,
            self.instance,
            &accord.id,
            &architect,
            State::OpenForSignature,
        )?;
        let comune = self.org_ap_id("comune")?;
        let consulta = self.org_ap_id("consulta-rosta-nuova")?;
        let anziani = self.org_ap_id("anziani-attivi-rosta")?;
        for (username, organization, role) in [
            (
                super::data::CITY_STAFF,
                Some(comune),
                SignatoryRole::Delegate,
            ),
            (
                "teresa_rinaldi",
                Some(consulta),
                SignatoryRole::LegalRepresentative,
            ),
            (
                "teresa_rinaldi",
                Some(anziani),
                SignatoryRole::LegalRepresentative,
            ),
            ("lucia_zanichelli", None, SignatoryRole::OwnBehalf),
        ] {
            self.sign(&accord.id, username, organization, role)?;
        }
        Ok(())
    }

    /// Signs the newest version of an accord as `username` would in the browser: a key made
    /// here, registered, used once; its secret half is dropped with it.
    fn sign(
        &mut self,
        accord_id: &str,
        username: &str,
        organization: Option<String>,
        role: SignatoryRole,
    ) -> Seeded {
        let who = self.id(username)?;
        let key = SigningKey::generate().map_err(|e| DomainError::Internal(e.into()))?;
        let registered = keys::register(self.conn, &who, &key.public_key().to_multibase(), "demo")?;
        let latest = accords::get_visible(self.conn, accord_id, Some(&who))?
            .0
            .latest_version;
        let (_, version) = versions::get_visible_version(self.conn, accord_id, latest, Some(&who))?;
        let signatory = Signatory {
            id: self.ap_id(username)?,
            organization,
            role,
        };
        let created = Utc::now().max(registered.created_at.and_utc());
        let proof = comune_integrity::create_proof(
            &signing_document(&version.document()?, &signatory),
            &key,
            &registered.key_id,
            created,
        )
        .map_err(|e| DomainError::Internal(e.into()))?;
        signatures::sign(
            self.conn,
            self.instance,
            accord_id,
            version.number,
            &who,
            &signatory,
            &proof,
        )?;
        Ok(())
    }

    fn ospizio(&mut self) -> Seeded {
        let orti = self.org_ap_id("orti-in-comune")?;
        let comune = self.org_ap_id("comune")?;
        let first = Content {
            title: "Patto per il parco di via Adua".into(),
            summary: "Chi si prende cura del parco, e come: una bozza da discutere insieme.".into(),
            text: "# Patto per il parco di via Adua\n\n\
                   Gli Orti in Comune curano le aiuole.\n\n\
                   Il Comune pota gli alberi due volte l'anno."
                .into(),
            start_date: date(2027, 3, 1),
            end_date: date(2028, 2, 29),
            parties: vec![
                party(
                    "comune",
                    PartyKind::Municipality,
                    "Comune (demo)",
                    Some(comune),
                    None,
                ),
                party(
                    "orti",
                    PartyKind::Association,
                    "Orti in Comune APS",
                    Some(orti),
                    None,
                ),
            ],
            projects: vec![project(
                "aiuole",
                ProjectKind::CommunityCare,
                "Aiuole fiorite",
                "",
                3_000,
                &["orti"],
            )],
            indicators: vec![],
        };
        let mut second = first.clone();
        second.text = "# Patto per il parco di via Adua\n\n\
                       Gli Orti in Comune curano le aiuole e l'orto dei bambini.\n\n\
                       Il Comune pota gli alberi due volte l'anno.\n\n\
                       Una volta al mese, una giornata di pulizia aperta a tutti."
            .into();
        second.projects[0].budget_cents = 4_500 * 100;
        second.projects.push(project(
            "giornate",
            ProjectKind::CommunityCare,
            "Giornate di pulizia",
            "Attrezzi e merenda per chi partecipa.",
            1_200,
            &["orti"],
        ));
        second.indicators.push(indicator(
            "partecipanti",
            "Partecipanti alle giornate",
            "persone",
            0.0,
            150.0,
            "giornate",
        ));
        let architect = self.id("marco_bertolini")?;
        let accord = accords::create(self.conn, self.instance, "ospizio", &architect, first)?;
        accords::transition(
            self.conn,
            self.instance,
            &accord.id,
            &architect,
            State::CoDesign,
        )?;
        versions::add(self.conn, self.instance, &accord.id, &architect, second)?;
        Ok(())
    }
}
