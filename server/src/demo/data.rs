//! What the demo instance holds: Reggio Emilia's neighbourhoods, the people and organisations that
//! live and work there, and what they write. Italian, as residents would see it. Dates are given
//! relative to the day the demo is seeded, so events are always upcoming and offers current.

use comune_domain::vocabulary::{ChannelKind, Visibility};

/// A demo person: username and display name. Nobody signs in as them (their passwords are
/// random and not kept); they make the demo look lived in.
pub struct Person {
    pub username: &'static str,
    pub name: &'static str,
}

pub const RESIDENT: &str = "giulia_ferrari";
/// Municipal staff: posts the Comune's announcements everywhere.
pub const CITY_STAFF: &str = "roberto_catellani";

pub const PEOPLE: &[Person] = &[
    Person {
        username: RESIDENT,
        name: "Giulia Ferrari",
    },
    Person {
        username: "marco_bertolini",
        name: "Marco Bertolini",
    },
    Person {
        username: "anna_montanari",
        name: "Anna Montanari",
    },
    Person {
        username: "luca_ferretti",
        name: "Luca Ferretti",
    },
    Person {
        username: CITY_STAFF,
        name: "Roberto Catellani",
    },
    Person {
        username: "paola_gualtieri",
        name: "Paola Gualtieri",
    },
    Person {
        username: "ahmed_benali",
        name: "Ahmed Benali",
    },
    Person {
        username: "teresa_rinaldi",
        name: "Teresa Rinaldi",
    },
    Person {
        username: "giorgio_ferrarini",
        name: "Giorgio Ferrarini",
    },
    Person {
        username: "sara_bonacini",
        name: "Sara Bonacini",
    },
    Person {
        username: "matteo_guidetti",
        name: "Matteo Guidetti",
    },
    Person {
        username: "franco_spaggiari",
        name: "Franco Spaggiari",
    },
    Person {
        username: "chiara_manfredi",
        name: "Chiara Manfredi",
    },
    Person {
        username: "davide_incerti",
        name: "Davide Incerti",
    },
    Person {
        username: "elena_iori",
        name: "Elena Iori",
    },
    Person {
        username: "lucia_zanichelli",
        name: "Lucia Zanichelli",
    },
    Person {
        username: "stefano_bedogni",
        name: "Stefano Bedogni",
    },
];

pub struct Thread {
    pub title: &'static str,
    pub body: &'static str,
    pub reply: &'static str,
}

/// An upcoming event: `in_days` after the seeding day, at `starts` local time (Europe/Rome).
pub struct EventSeed {
    pub author: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    pub in_days: i64,
    pub starts: (u32, u32),
    pub minutes: i64,
    pub place: &'static str,
    pub address: &'static str,
    pub capacity: Option<i32>,
    /// Who has already said they are going.
    pub going: &'static [&'static str],
}

/// A co-design process, moved to `phase`, with proposals (author, title, body) and their
/// supporters.
pub struct ProcessSeed {
    pub title: &'static str,
    pub body: &'static str,
    pub phase: &'static str,
    pub proposals: &'static [(&'static str, &'static str, &'static str)],
    pub supporters: &'static [&'static [&'static str]],
}

pub struct Neighbourhood {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// The Consulta's slug and name.
    pub consulta: (&'static str, &'static str),
    /// The architetto di quartiere.
    pub facilitator: &'static str,
    /// The Consulta's president.
    pub president: &'static str,
    /// People who live or work here (they join).
    pub residents: &'static [&'static str],
    /// A local discussion, besides the threads every neighbourhood has.
    pub thread: Thread,
    /// A note in the members-only channel.
    pub members_note: (&'static str, &'static str),
    pub events: &'static [EventSeed],
    pub process: ProcessSeed,
}

/// Threads every neighbourhood discusses (written by the demo resident, answered by the
/// neighbourhood's architect).
pub const THREADS: &[Thread] = &[
    Thread {
        title: "Orari della biblioteca di quartiere",
        body: "La biblioteca chiude alle 18: per chi lavora è troppo presto. Proponiamo **un'apertura serale** il giovedì fino alle 21. Chi è d'accordo?",
        reply: "D'accordo! Il giovedì sera potrei anche dare una mano come volontaria.",
    },
    Thread {
        title: "Pista ciclabile verso la stazione",
        body: "Il tratto tra il parco e la stazione non ha una pista protetta. Raccogliamo segnalazioni dei punti più pericolosi per portarle alla Consulta.",
        reply: "L'incrocio davanti alla scuola è il punto peggiore, soprattutto alle 8.",
    },
    Thread {
        title: "Orto comunitario: cerchiamo volontari",
        body: "Da marzo riapre l'orto comunitario dietro la casa di quartiere. Servono persone per l'irrigazione nei fine settimana.",
        reply: "Posso coprire le domeniche mattina.",
    },
];

/// The channels of every neighbourhood: slug, name, kind, visibility, description.
pub const CHANNELS: &[(&str, &str, ChannelKind, Visibility, &str)] = &[
    (
        "dialogo",
        "Dialogo",
        ChannelKind::Dialogue,
        Visibility::Public,
        "Proposte, domande e idee per il quartiere.",
    ),
    (
        "avvisi",
        "Avvisi del Comune",
        ChannelKind::Announcements,
        Visibility::Public,
        "Comunicazioni ufficiali per il quartiere.",
    ),
    (
        "soci",
        "Spazio dei residenti",
        ChannelKind::Dialogue,
        Visibility::Members,
        "Visibile solo a chi fa parte del quartiere.",
    ),
    (
        "eventi",
        "Eventi",
        ChannelKind::Events,
        Visibility::Public,
        "Feste, incontri e laboratori in quartiere: iscriviti e portali nel tuo calendario.",
    ),
    (
        "progetti",
        "Progettiamo insieme",
        ChannelKind::Codesign,
        Visibility::Public,
        "Percorsi di co-progettazione: bisogni, idee, proposte e decisioni.",
    ),
    (
        "botteghe",
        "Botteghe e servizi",
        ChannelKind::Businesses,
        Visibility::Public,
        "Negozi, artigiani e servizi del quartiere, con orari e offerte.",
    ),
];

pub fn announcement(name: &str) -> (String, &'static str) {
    (
        format!("Lavori stradali a {name}"),
        "Dal 3 al 7 marzo lavori di manutenzione delle fognature: possibili deviazioni degli \
         autobus. Gli orari aggiornati sono alla fermata.",
    )
}

pub const NEIGHBOURHOODS: &[Neighbourhood] = &[
    Neighbourhood {
        slug: "centro-storico",
        name: "Centro Storico",
        description: "Il cuore della città dentro l'esagono dei viali: piazze, mercati e botteghe storiche.",
        consulta: ("consulta-centro-storico", "Consulta del Centro Storico"),
        facilitator: "marco_bertolini",
        president: RESIDENT,
        residents: &[RESIDENT, "franco_spaggiari", "chiara_manfredi"],
        thread: Thread {
            title: "Mercato del sabato: più spazio per i pedoni?",
            body: "Il sabato mattina in piazza Fontanesi tra bancarelle e biciclette non si passa con il passeggino. Si potrebbe spostare il parcheggio delle bici sotto i portici?",
            reply: "Ne parliamo alla prossima Consulta: porto la vostra proposta con una piantina.",
        },
        members_note: (
            "Verbale dell'assemblea dei residenti",
            "In allegato i punti discussi: illuminazione dei portici, raccolta differenziata nei cortili, calendario delle feste. Prossima assemblea tra un mese.",
        ),
        events: &[
            EventSeed {
                author: "chiara_manfredi",
                title: "Letture ad alta voce sotto i portici",
                body: "Un'ora di racconti per bambini dai 4 agli 8 anni, con la Libreria dei Portici. In caso di pioggia si sta dentro.",
                in_days: 4,
                starts: (17, 0),
                minutes: 60,
                place: "Libreria dei Portici",
                address: "Via Emilia San Pietro 12, Reggio Emilia",
                capacity: Some(20),
                going: &[RESIDENT],
            },
            EventSeed {
                author: "marco_bertolini",
                title: "Passeggiata di quartiere: i cortili nascosti",
                body: "Visita guidata ai cortili del centro con l'architetto di quartiere, per raccogliere idee sugli spazi comuni.",
                in_days: 11,
                starts: (10, 0),
                minutes: 120,
                place: "Piazza Prampolini",
                address: "Piazza Prampolini, Reggio Emilia",
                capacity: None,
                going: &["franco_spaggiari"],
            },
        ],
        process: ProcessSeed {
            title: "Portici accessibili",
            body: "Raccogliamo i punti dei portici difficili per chi ha una carrozzina, un passeggino o cammina con il bastone.",
            phase: "needs",
            proposals: &[],
            supporters: &[],
        },
    },
    Neighbourhood {
        slug: "ospizio",
        name: "Ospizio",
        description: "Quartiere a est del centro, tra la via Emilia e i parchi, con una casa di quartiere molto attiva.",
        consulta: ("consulta-ospizio", "Consulta di Ospizio"),
        facilitator: "marco_bertolini",
        president: "paola_gualtieri",
        residents: &["paola_gualtieri", "davide_incerti"],
        thread: Thread {
            title: "Panchine rotte al parco di via Gorizia",
            body: "Tre panchine su cinque sono rotte da settimane. Qualcuno sa se è già stata fatta la segnalazione?",
            reply: "Segnalato all'ufficio del verde: l'intervento è previsto entro fine mese.",
        },
        members_note: (
            "Turni per la casa di quartiere",
            "Cerchiamo chi apre la casa di quartiere il martedì e il giovedì pomeriggio. Scrivete qui la vostra disponibilità.",
        ),
        events: &[
            EventSeed {
                author: "paola_gualtieri",
                title: "Assemblea pubblica della Consulta",
                body: "Ordine del giorno: sicurezza stradale in via Emilia Ospizio, orto comunitario, proposte per l'estate.",
                in_days: 6,
                starts: (20, 30),
                minutes: 90,
                place: "Casa di quartiere Ospizio",
                address: "Via Emilia Ospizio 42, Reggio Emilia",
                capacity: None,
                going: &["davide_incerti"],
            },
            EventSeed {
                author: RESIDENT,
                title: "Laboratorio di semina nell'orto comunitario",
                body: "Prepariamo insieme le piantine per la primavera. Guanti e semi li mettiamo noi.",
                in_days: 9,
                starts: (15, 0),
                minutes: 120,
                place: "Orto comunitario",
                address: "Via Gorizia 8, Reggio Emilia",
                capacity: Some(12),
                going: &["paola_gualtieri"],
            },
        ],
        process: ProcessSeed {
            title: "L'estate alla casa di quartiere",
            body: "Che cosa vorreste fare alla casa di quartiere quest'estate? Raccogliamo le idee fino alla fine del mese.",
            phase: "ideas",
            proposals: &[
                (
                    "paola_gualtieri",
                    "Cinema all'aperto il venerdì",
                    "Un telo nel cortile e film per tutte le età, con le sedie portate da casa.",
                ),
                (
                    "davide_incerti",
                    "Aperitivo dei vicini",
                    "Un aperitivo al mese nel cortile, ognuno porta qualcosa. Il bar offre il ghiaccio.",
                ),
            ],
            supporters: &[],
        },
    },
    Neighbourhood {
        slug: "santa-croce",
        name: "Santa Croce",
        description: "Quartiere a nord della stazione, ricco di associazioni, laboratori artigiani e nuove famiglie.",
        consulta: ("consulta-santa-croce", "Consulta di Santa Croce"),
        facilitator: "anna_montanari",
        president: "ahmed_benali",
        residents: &["ahmed_benali", "elena_iori", "sara_bonacini"],
        thread: Thread {
            title: "Doposcuola per i ragazzi delle medie",
            body: "Molte famiglie cercano un aiuto per i compiti il pomeriggio. Ci sono volontari disposti a dare un'ora alla settimana?",
            reply: "La scuola può prestare un'aula il mercoledì: ne parlo con la dirigente.",
        },
        members_note: (
            "Raccolta firme per l'attraversamento di via Adua",
            "Il modulo è in farmacia e alla sede di Santa Croce Insieme. Serve firmare entro due settimane.",
        ),
        events: &[
            EventSeed {
                author: "ahmed_benali",
                title: "Cena dei popoli",
                body: "Ogni famiglia porta un piatto del proprio paese. Musica e giochi per i bambini. Posti limitati: iscriviti qui.",
                in_days: 8,
                starts: (19, 30),
                minutes: 180,
                place: "Sede di Santa Croce Insieme",
                address: "Via Adua 55, Reggio Emilia",
                capacity: Some(60),
                going: &["elena_iori", "sara_bonacini"],
            },
            EventSeed {
                author: "anna_montanari",
                title: "Incontro sul nuovo parco di via Adua",
                body: "Presentiamo le proposte arrivate per il parco e raccogliamo il vostro sostegno prima della decisione.",
                in_days: 13,
                starts: (18, 0),
                minutes: 90,
                place: "Istituto Comprensivo Santa Croce, aula magna",
                address: "Via Adua 90, Reggio Emilia",
                capacity: Some(80),
                going: &["ahmed_benali"],
            },
        ],
        process: ProcessSeed {
            title: "Il nuovo parco di via Adua",
            body: "L'area verde dietro la scuola sarà riqualificata con il bilancio partecipativo. Dopo l'ascolto dei bisogni e la raccolta delle idee, ora si sostengono le proposte: la Consulta ne sceglierà al massimo due.\n\n**Budget:** 80.000 euro.",
            phase: "proposals",
            proposals: &[
                (
                    "ahmed_benali",
                    "Un campo da basket e calcetto",
                    "Un campo polivalente recintato, aperto fino alle 22, gestito con la polisportiva.",
                ),
                (
                    "sara_bonacini",
                    "Un giardino didattico per la scuola",
                    "Aiuole e un piccolo frutteto curati dalle classi, aperti al quartiere nei fine settimana.",
                ),
                (
                    "elena_iori",
                    "Più ombra e panchine",
                    "Alberi, panchine e una fontanella: il parco oggi d'estate è inutilizzabile per gli anziani.",
                ),
            ],
            supporters: &[
                &["elena_iori", "sara_bonacini", RESIDENT],
                &["ahmed_benali", "elena_iori"],
                &["ahmed_benali", RESIDENT, "sara_bonacini", "anna_montanari"],
            ],
        },
    },
    Neighbourhood {
        slug: "rosta-nuova",
        name: "Rosta Nuova",
        description: "Quartiere residenziale a ovest, con scuole, orti urbani e un centro sociale per anziani.",
        consulta: ("consulta-rosta-nuova", "Consulta di Rosta Nuova"),
        facilitator: "anna_montanari",
        president: "teresa_rinaldi",
        residents: &["teresa_rinaldi", "lucia_zanichelli"],
        thread: Thread {
            title: "Aiuto con la spesa per chi non esce",
            body: "Alcuni vicini anziani non riescono più a fare la spesa. Organizziamo un giro di volontari il martedì e il venerdì?",
            reply: "Il centro sociale ha già una lista: ci coordiniamo con loro.",
        },
        members_note: (
            "Chiavi del centro sociale",
            "Le chiavi di riserva sono in ferramenta da Lucia. Ricordatevi di firmare il registro.",
        ),
        events: &[
            EventSeed {
                author: "teresa_rinaldi",
                title: "Corso di smartphone per over 65",
                body: "Quattro incontri per imparare videochiamate, messaggi e i servizi del Comune online. Porta il tuo telefono.",
                in_days: 5,
                starts: (10, 0),
                minutes: 90,
                place: "Centro sociale Rosta Nuova",
                address: "Via Lombardia 20, Reggio Emilia",
                capacity: Some(15),
                going: &["lucia_zanichelli"],
            },
            EventSeed {
                author: "lucia_zanichelli",
                title: "Ripariamo insieme: Repair Café",
                body: "Porta un piccolo elettrodomestico o una bicicletta da sistemare: ci sono volontari e attrezzi.",
                in_days: 16,
                starts: (9, 30),
                minutes: 180,
                place: "Ferramenta Zanichelli, cortile",
                address: "Via Lombardia 5, Reggio Emilia",
                capacity: None,
                going: &[],
            },
        ],
        process: ProcessSeed {
            title: "Il cortile del centro sociale",
            body: "Il cortile del centro sociale è poco usato. Quali bisogni potrebbe soddisfare?",
            phase: "needs",
            proposals: &[],
            supporters: &[],
        },
    },
    Neighbourhood {
        slug: "pieve-modolena",
        name: "Pieve Modolena",
        description: "Frazione a ovest della città, tra campagna e nuove case, con la sua pieve e il circolo.",
        consulta: ("consulta-pieve-modolena", "Consulta di Pieve Modolena"),
        facilitator: "luca_ferretti",
        president: "giorgio_ferrarini",
        residents: &["giorgio_ferrarini"],
        thread: Thread {
            title: "Autobus la domenica",
            body: "La domenica passa un autobus ogni due ore: per chi non guida è un problema. Proviamo a chiedere una corsa in più?",
            reply: "Porto la richiesta al tavolo sulla mobilità con l'agenzia dei trasporti.",
        },
        members_note: (
            "Sagra: chi aiuta in cucina?",
            "Servono dieci persone per i turni in cucina alla sagra. Scrivete qui giorno e orario.",
        ),
        events: &[
            EventSeed {
                author: "giorgio_ferrarini",
                title: "Concerto nella pieve",
                body: "Il coro di Pieve Modolena canta musiche popolari emiliane. Ingresso libero.",
                in_days: 7,
                starts: (21, 0),
                minutes: 90,
                place: "Pieve di San Pietro",
                address: "Via Pieve Modolena 70, Reggio Emilia",
                capacity: None,
                going: &[],
            },
            EventSeed {
                author: "luca_ferretti",
                title: "Camminata lungo il Modolena",
                body: "Passeggiata di 5 km lungo il torrente, adatta a tutti. Partenza dal circolo.",
                in_days: 12,
                starts: (9, 0),
                minutes: 150,
                place: "Circolo di Pieve Modolena",
                address: "Via Pieve Modolena 60, Reggio Emilia",
                capacity: Some(30),
                going: &["giorgio_ferrarini"],
            },
        ],
        process: ProcessSeed {
            title: "Un percorso ciclabile verso la città",
            body: "Come collegare in sicurezza Pieve alla città in bicicletta? Segnalate i tratti pericolosi e i bisogni.",
            phase: "needs",
            proposals: &[],
            supporters: &[],
        },
    },
    Neighbourhood {
        slug: "coviolo",
        name: "Coviolo",
        description: "Frazione a sud, sulle prime colline lungo il Crostolo, tra ville, campi e sentieri.",
        consulta: ("consulta-coviolo", "Consulta di Coviolo"),
        facilitator: "luca_ferretti",
        president: "sara_bonacini",
        residents: &["sara_bonacini", "stefano_bedogni"],
        thread: Thread {
            title: "Sentiero del Crostolo dopo la piena",
            body: "Dopo l'ultima piena il sentiero è pieno di rami. Organizziamo una mattina di pulizia?",
            reply: "Ottima idea: chiedo al Comune guanti, sacchi e il ritiro dei rami.",
        },
        members_note: (
            "Gruppo genitori per il pedibus",
            "Chi accompagna il pedibus il lunedì e il mercoledì? Servono almeno due adulti per turno.",
        ),
        events: &[
            EventSeed {
                author: "stefano_bedogni",
                title: "Pulizia del sentiero del Crostolo",
                body: "Una mattina insieme per liberare il sentiero. Guanti e sacchi forniti dal Comune.",
                in_days: 3,
                starts: (9, 0),
                minutes: 180,
                place: "Ponte di Coviolo",
                address: "Via Coviolo 1, Reggio Emilia",
                capacity: Some(25),
                going: &["sara_bonacini"],
            },
            EventSeed {
                author: "sara_bonacini",
                title: "Festa di primavera della scuola",
                body: "Giochi, merenda e mostra dei lavori dei bambini. Aperta a tutto il quartiere.",
                in_days: 18,
                starts: (16, 0),
                minutes: 150,
                place: "Scuola dell'infanzia di Coviolo",
                address: "Via Coviolo 30, Reggio Emilia",
                capacity: None,
                going: &["stefano_bedogni"],
            },
        ],
        process: ProcessSeed {
            title: "Una piazzetta per Coviolo",
            body: "Coviolo non ha un luogo d'incontro. Che cosa serve perché il piazzale della chiesa lo diventi?",
            phase: "needs",
            proposals: &[],
            supporters: &[],
        },
    },
    Neighbourhood {
        slug: "mancasale",
        name: "Mancasale",
        description: "Quartiere a nord tra la zona artigianale e la campagna, con il suo circolo e il gruppo d'acquisto.",
        consulta: ("consulta-mancasale", "Consulta di Mancasale"),
        facilitator: "anna_montanari",
        president: "matteo_guidetti",
        residents: &["matteo_guidetti"],
        thread: Thread {
            title: "Camion in via Gramsci la mattina presto",
            body: "I camion della zona artigianale passano davanti alle case dalle 5. Si può chiedere un percorso diverso?",
            reply: "Lo segnalo alla polizia locale e all'ufficio mobilità; raccogliamo intanto gli orari.",
        },
        members_note: (
            "Ordine del gruppo d'acquisto",
            "L'ordine di formaggi e verdure si chiude giovedì sera. Il ritiro è sabato alla bottega.",
        ),
        events: &[
            EventSeed {
                author: "matteo_guidetti",
                title: "Mercato contadino",
                body: "Produttori della zona con frutta, verdura, formaggi e vino. Porta la tua borsa.",
                in_days: 2,
                starts: (8, 30),
                minutes: 240,
                place: "Piazzale del circolo",
                address: "Via Mancasale 15, Reggio Emilia",
                capacity: None,
                going: &[],
            },
            EventSeed {
                author: "anna_montanari",
                title: "Tavolo sulla zona artigianale",
                body: "Residenti, imprese e Comune insieme su traffico, rumore e verde di confine.",
                in_days: 20,
                starts: (18, 30),
                minutes: 120,
                place: "Circolo di Mancasale",
                address: "Via Mancasale 15, Reggio Emilia",
                capacity: Some(40),
                going: &["matteo_guidetti"],
            },
        ],
        process: ProcessSeed {
            title: "Verde di confine con la zona artigianale",
            body: "Una fascia di alberi tra case e capannoni: quali bisogni ha il quartiere?",
            phase: "needs",
            proposals: &[],
            supporters: &[],
        },
    },
];

/// An organisation: slug, name, kind, home neighbourhood, description, owner, other members.
pub struct OrgSeed {
    pub slug: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub community: Option<&'static str>,
    pub description: &'static str,
    pub owner: &'static str,
    pub members: &'static [&'static str],
}

/// The organisations besides the Consulte (one per neighbourhood, made from
/// [`NEIGHBOURHOODS`]). `ADMIN` as owner means the demo admin alone.
pub const ADMIN: &str = "";

pub const ORGANIZATIONS: &[OrgSeed] = &[
    OrgSeed {
        slug: "comune",
        name: "Comune (demo)",
        kind: "municipality",
        community: None,
        description: "L'amministrazione comunale.",
        owner: ADMIN,
        members: &[CITY_STAFF],
    },
    OrgSeed {
        slug: "ufficio-quartieri",
        name: "Ufficio Quartieri e Partecipazione",
        kind: "municipality",
        community: None,
        description:
            "L'ufficio del Comune che accompagna i quartieri, con gli architetti di quartiere.",
        owner: CITY_STAFF,
        members: &["marco_bertolini", "anna_montanari", "luca_ferretti"],
    },
    OrgSeed {
        slug: "orti-in-comune",
        name: "Orti in Comune APS",
        kind: "association",
        community: Some("ospizio"),
        description: "Associazione che cura gli orti comunitari.",
        owner: RESIDENT,
        members: &["paola_gualtieri"],
    },
    OrgSeed {
        slug: "santa-croce-insieme",
        name: "Santa Croce Insieme APS",
        kind: "association",
        community: Some("santa-croce"),
        description: "Famiglie di tanti paesi che si aiutano: doposcuola, feste, sportello.",
        owner: "ahmed_benali",
        members: &["elena_iori"],
    },
    OrgSeed {
        slug: "anziani-attivi-rosta",
        name: "Anziani Attivi Rosta Nuova",
        kind: "association",
        community: Some("rosta-nuova"),
        description: "Il centro sociale: corsi, gite e aiuto tra vicini.",
        owner: "teresa_rinaldi",
        members: &["lucia_zanichelli"],
    },
    OrgSeed {
        slug: "polisportiva-coviolo",
        name: "Polisportiva Coviolo ASD",
        kind: "association",
        community: Some("coviolo"),
        description: "Calcio, ciclismo e camminate per tutte le età.",
        owner: "stefano_bedogni",
        members: &["sara_bonacini"],
    },
    OrgSeed {
        slug: "ic-santa-croce",
        name: "Istituto Comprensivo Santa Croce",
        kind: "school",
        community: Some("santa-croce"),
        description: "Scuole primarie e secondaria di primo grado del quartiere.",
        owner: "sara_bonacini",
        members: &["ahmed_benali"],
    },
    OrgSeed {
        slug: "scuola-infanzia-coviolo",
        name: "Scuola dell'infanzia di Coviolo",
        kind: "school",
        community: Some("coviolo"),
        description: "Scuola dell'infanzia comunale, tre sezioni.",
        owner: "sara_bonacini",
        members: &["stefano_bedogni"],
    },
    OrgSeed {
        slug: "parrocchia-pieve",
        name: "Parrocchia di Pieve Modolena",
        kind: "other",
        community: Some("pieve-modolena"),
        description: "La pieve, il coro e la sagra di settembre.",
        owner: "giorgio_ferrarini",
        members: &[],
    },
    OrgSeed {
        slug: "gas-mancasale",
        name: "Gruppo di Acquisto Solidale Mancasale",
        kind: "other",
        community: Some("mancasale"),
        description: "Acquisti collettivi da produttori della zona.",
        owner: "matteo_guidetti",
        members: &["teresa_rinaldi"],
    },
    OrgSeed {
        slug: "forno-spaggiari",
        name: "Forno Spaggiari",
        kind: "business",
        community: Some("centro-storico"),
        description: "Panetteria dal 1962.",
        owner: "franco_spaggiari",
        members: &[RESIDENT],
    },
    OrgSeed {
        slug: "libreria-dei-portici",
        name: "Libreria dei Portici",
        kind: "business",
        community: Some("centro-storico"),
        description: "Libreria indipendente.",
        owner: "chiara_manfredi",
        members: &[],
    },
    OrgSeed {
        slug: "bar-centrale-ospizio",
        name: "Bar Centrale Ospizio",
        kind: "business",
        community: Some("ospizio"),
        description: "Bar, colazioni e aperitivi.",
        owner: "davide_incerti",
        members: &[],
    },
    OrgSeed {
        slug: "farmacia-santa-croce",
        name: "Farmacia Santa Croce",
        kind: "business",
        community: Some("santa-croce"),
        description: "Farmacia e servizi di prima assistenza.",
        owner: "elena_iori",
        members: &[],
    },
    OrgSeed {
        slug: "ferramenta-zanichelli",
        name: "Ferramenta Zanichelli",
        kind: "business",
        community: Some("rosta-nuova"),
        description: "Ferramenta, casalinghi e duplicazione chiavi.",
        owner: "lucia_zanichelli",
        members: &["teresa_rinaldi"],
    },
    OrgSeed {
        slug: "sartoria-ferrarini",
        name: "Sartoria Ferrarini",
        kind: "business",
        community: Some("pieve-modolena"),
        description: "Sartoria e riparazioni.",
        owner: "giorgio_ferrarini",
        members: &[],
    },
    OrgSeed {
        slug: "ciclofficina-crostolo",
        name: "Ciclofficina del Crostolo",
        kind: "business",
        community: Some("coviolo"),
        description: "Riparazione e noleggio biciclette.",
        owner: "stefano_bedogni",
        members: &[],
    },
    OrgSeed {
        slug: "bottega-mancasale",
        name: "Bottega di Mancasale",
        kind: "business",
        community: Some("mancasale"),
        description: "Frutta, verdura e prodotti dei contadini della zona.",
        owner: "matteo_guidetti",
        members: &[],
    },
];

/// Weekly hours: a day range (`mon-sat`, `sun`), opens, closes.
pub type Hours = &'static [(&'static str, &'static str, &'static str)];

/// A shop's listing: its organisation, where it is, hours and the current offer (title,
/// description, days left).
pub struct ShopSeed {
    pub organization: &'static str,
    pub community: &'static str,
    pub category: &'static str,
    pub body: &'static str,
    pub address: &'static str,
    pub coordinates: (f64, f64),
    pub phone: &'static str,
    pub website: Option<&'static str>,
    pub hours: Hours,
    pub offer: (&'static str, &'static str, i64),
}

const SHOP_HOURS: Hours = &[
    ("mon-sat", "08:30", "12:30"),
    ("mon-wed", "15:30", "19:30"),
    ("fri-sat", "15:30", "19:30"),
];

pub const SHOPS: &[ShopSeed] = &[
    ShopSeed {
        organization: "forno-spaggiari",
        community: "centro-storico",
        category: "food",
        body: "Pane cotto a legna, **erbazzone** e dolci della tradizione reggiana. Pane senza glutine su ordinazione.",
        address: "Via Emilia Santo Stefano 8, Reggio Emilia",
        coordinates: (44.6985, 10.6301),
        phone: "+39 0522 430011",
        website: None,
        hours: &[("mon-sat", "07:00", "13:30"), ("mon-fri", "16:30", "19:30"), ("sun", "08:00", "12:00")],
        offer: ("Erbazzone a metà prezzo dopo le 18", "Ogni sera, fino a esaurimento.", 10),
    },
    ShopSeed {
        organization: "libreria-dei-portici",
        community: "centro-storico",
        category: "culture",
        body: "Romanzi, libri per ragazzi e storia locale. Letture per bambini il sabato pomeriggio.",
        address: "Via Emilia San Pietro 12, Reggio Emilia",
        coordinates: (44.6979, 10.6342),
        phone: "+39 0522 452233",
        website: Some("https://libreria-portici.example.org"),
        hours: &[("tue-sat", "09:30", "13:00"), ("mon-sat", "15:30", "19:30")],
        offer: ("Sconto del 15% sui libri per ragazzi", "Presentando la tessera della biblioteca.", 20),
    },
    ShopSeed {
        organization: "bar-centrale-ospizio",
        community: "ospizio",
        category: "restaurant",
        body: "Colazioni, pranzi veloci e aperitivi. Il venerdì e il sabato aperti fino a tardi.",
        address: "Via Emilia Ospizio 30, Reggio Emilia",
        coordinates: (44.6951, 10.6542),
        phone: "+39 0522 511234",
        website: None,
        hours: &[("mon-thu", "06:30", "21:00"), ("fri-sat", "06:30", "01:30"), ("sun", "07:30", "13:00")],
        offer: ("Colazione sospesa", "Paghi due colazioni: una resta per chi ne ha bisogno.", 30),
    },
    ShopSeed {
        organization: "farmacia-santa-croce",
        community: "santa-croce",
        category: "health",
        body: "Farmacia con misurazione della pressione, prenotazioni CUP e consegna a domicilio per chi non può uscire.",
        address: "Via Adua 40, Reggio Emilia",
        coordinates: (44.7075, 10.6358),
        phone: "+39 0522 923456",
        website: Some("https://farmacia-santacroce.example.org"),
        hours: &[("mon-fri", "08:30", "19:30"), ("sat", "08:30", "12:30")],
        offer: ("Misurazione della pressione gratuita", "Il martedì e il giovedì mattina.", 14),
    },
    ShopSeed {
        organization: "ferramenta-zanichelli",
        community: "rosta-nuova",
        category: "home",
        body: "Ferramenta, casalinghi, vernici e duplicazione chiavi. Consigli per le piccole riparazioni di casa.",
        address: "Via Lombardia 5, Reggio Emilia",
        coordinates: (44.6990, 10.6050),
        phone: "+39 0522 301122",
        website: None,
        hours: SHOP_HOURS,
        offer: ("Duplicato chiavi a 2 euro", "Per chi partecipa al Repair Café del quartiere.", 21),
    },
    ShopSeed {
        organization: "sartoria-ferrarini",
        community: "pieve-modolena",
        category: "crafts",
        body: "Orli, cerniere, riparazioni e abiti su misura. Si lavora anche il sabato mattina.",
        address: "Via Pieve Modolena 64, Reggio Emilia",
        coordinates: (44.7012, 10.5856),
        phone: "+39 0522 341987",
        website: None,
        hours: &[("mon-fri", "09:00", "12:30"), ("mon-fri", "15:00", "19:00"), ("sat", "09:00", "12:00")],
        offer: ("Orli a 5 euro", "Per pantaloni e gonne, pronti in due giorni.", 12),
    },
    ShopSeed {
        organization: "ciclofficina-crostolo",
        community: "coviolo",
        category: "sport",
        body: "Riparazioni di biciclette, noleggio di bici elettriche per i sentieri e corsi di manutenzione.",
        address: "Via Coviolo 12, Reggio Emilia",
        coordinates: (44.6702, 10.6289),
        phone: "+39 0522 287700",
        website: Some("https://ciclofficina-crostolo.example.org"),
        hours: &[("tue-fri", "15:00", "19:00"), ("sat-sun", "09:00", "18:00")],
        offer: ("Controllo freni gratuito", "Per tutta la stagione delle camminate.", 25),
    },
    ShopSeed {
        organization: "bottega-mancasale",
        community: "mancasale",
        category: "food",
        body: "Frutta, verdura e formaggi dei produttori della zona. Punto di ritiro del gruppo d'acquisto.",
        address: "Via Mancasale 9, Reggio Emilia",
        coordinates: (44.7311, 10.6120),
        phone: "+39 0522 367812",
        website: None,
        hours: SHOP_HOURS,
        offer: ("Cassetta di stagione a 15 euro", "Cinque chili di frutta e verdura del giorno.", 7),
    },
];
