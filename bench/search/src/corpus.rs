//! A deterministic synthetic corpus of neighbourhood posts: Italian-like words drawn with
//! Zipf-ish frequencies (function words most common, then a few hundred neighbourhood words and
//! their inflections, then a long tail of invented words), titles of 4-10 words, bodies of
//! 15-120 words in sentences, 200 communities, the content kinds, dates over three years and
//! about 10% members-only documents. The same seed gives the same corpus.

use chrono::{DateTime, Duration, TimeZone, Utc};
use comune_search::{Document, Kind, Visibility};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Most frequent first; the query mix avoids them.
const FUNCTION_WORDS: &str = "di e il la che per in un a non con del della le si è da una al \
    i ma come più anche nel sono alla se ci ho lo gli ha questo dei delle dal nella quando \
    molto tutti dopo prima ancora sempre già ogni tra fino quindi mentre poi perché però \
    qui oggi domani ieri sera mattina";

/// Neighbourhood vocabulary (written for this benchmark), roughly by decreasing frequency.
const CONTENT_WORDS: &str = "quartiere parco scuola via piazza bambini famiglie comune \
    residenti biblioteca mercato orto giardino autobus fermata linea bicicletta pista \
    ciclabile strada marciapiede lavori cantiere rumore notte vicini condominio cortile \
    festa evento incontro riunione consulta assemblea proposta progetto volontari \
    associazione centro sociale anziani ragazzi giovani studenti università corso lezione \
    laboratorio teatro cinema musica concerto mostra libro lettura prestito orari apertura \
    chiusura sabato domenica lunedì martedì mercoledì giovedì venerdì estate inverno \
    autunno primavera settimana mese anno giorno ora sicurezza illuminazione lampione \
    semaforo parcheggio traffico auto moto pedoni attraversamento rifiuti raccolta \
    differenziata plastica carta vetro organico cassonetto bidone isola ecologica \
    ingombranti pulizia albero alberi potatura verde aiuola fiori panchina fontana acqua \
    fogna allagamento pioggia neve caldo freddo gatto gatta cane animali colonia smarrito \
    ritrovato negozio bottega panetteria forno ferramenta farmacia edicola bar ristorante \
    pizzeria gelateria supermercato spesa prezzo sconto offerta vendo regalo cerco scambio \
    mercatino riuso usato vestiti giocattoli mobili divano tavolo sedia casa appartamento \
    affitto stanza cantina garage tetto balcone finestra porta cancello chiave furto ladro \
    polizia vigili segnalazione reclamo problema soluzione idea richiesta risposta domanda \
    informazione avviso comunicazione calendario programma iscrizione prenotazione \
    biglietto abbonamento tessera documento certificato sportello ufficio servizio \
    ambulatorio medico ospedale salute vaccino visita infermiere palestra piscina calcio \
    pallavolo basket campo campetto corsa camminata ginnastica ballo tombola pranzo cena \
    merenda torta caffè aperitivo pranzo cucina ricetta verdura frutta pomodoro zucchine \
    insalata basilico semina raccolto irrigazione compost attrezzi guanti sacchi pulire \
    riparare dipingere costruire organizzare partecipare aiutare portare chiedere \
    proporre votare discutere segnalare ringraziare invitare iscriversi prenotare aprire \
    chiudere spostare cambiare migliorare sistemare controllare bello brutto grande \
    piccolo nuovo vecchio rotto pericoloso sicuro pulito sporco gratuito aperto chiuso \
    pubblico privato comunale locale vicino lontano presto tardi lungo breve utile \
    importante urgente possibile difficile facile tranquillo rumoroso buio luminoso \
    asilo nido infanzia primaria media superiore classe maestra genitori nonni figli \
    pedibus doposcuola compiti gita murale graffiti sottopasso stazione treno navetta \
    ponte fiume torrente argine sentiero campagna collina città centro periferia \
    zona confine mappa percorso";

/// Syllables for the long tail of rarer words.
const SYLLABLES: [&str; 40] = [
    "ba", "be", "bi", "bo", "ca", "ce", "ci", "co", "da", "de", "di", "do", "fa", "fe", "fi", "fo",
    "ga", "ge", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "pa", "pe",
    "ri", "ro", "sa", "se", "ta", "te", "to", "ve",
];

pub const COMMUNITIES: usize = 200;
const TAIL_WORDS: usize = 30_000;
const ZIPF_EXPONENT: f64 = 1.0;

/// The vocabulary and its cumulative Zipf distribution.
pub struct Vocabulary {
    pub words: Vec<String>,
    /// Index of the first non-function word.
    pub content_start: usize,
    /// Index of the first tail word.
    pub tail_start: usize,
    cumulative: Vec<f64>,
}

impl Vocabulary {
    pub fn new() -> Vocabulary {
        let mut words: Vec<String> = FUNCTION_WORDS
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let content_start = words.len();
        let base: Vec<&str> = CONTENT_WORDS.split_whitespace().collect();
        let mut seen = std::collections::HashSet::new();
        for w in &words {
            seen.insert(w.clone());
        }
        // Each word, then its inflections (other final vowel: plural, feminine, ...).
        for w in &base {
            if seen.insert((*w).to_owned()) {
                words.push((*w).to_owned());
            }
        }
        for w in &base {
            if let Some(stem) = w.strip_suffix(['a', 'e', 'i', 'o']) {
                for v in ["i", "e", "a", "o"] {
                    let form = format!("{stem}{v}");
                    if seen.insert(form.clone()) {
                        words.push(form);
                    }
                }
            }
        }
        let tail_start = words.len();
        let mut rng = StdRng::seed_from_u64(0x7461_696c);
        while words.len() < tail_start + TAIL_WORDS {
            let n = rng.gen_range(2..=4);
            let mut w: String = (0..n)
                .map(|_| SYLLABLES[rng.gen_range(0..SYLLABLES.len())])
                .collect();
            if rng.gen_bool(0.3) {
                w.push(['n', 'r', 's', 'l'][rng.gen_range(0..4)]);
                w.push(['a', 'e', 'i', 'o'][rng.gen_range(0..4)]);
            }
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let cumulative = (0..words.len())
            .map(|rank| {
                total += 1.0 / ((rank + 1) as f64).powf(ZIPF_EXPONENT);
                total
            })
            .collect();
        Vocabulary {
            words,
            content_start,
            tail_start,
            cumulative,
        }
    }

    /// One word, Zipf-distributed.
    pub fn sample<'a>(&'a self, rng: &mut StdRng) -> &'a str {
        let total = *self.cumulative.last().expect("non-empty");
        let x = rng.gen_range(0.0..total);
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }
}

pub fn community(i: usize) -> String {
    format!("quartiere-{i:03}")
}

/// Kinds with rough production frequencies.
const KINDS: [(Kind, u32); 7] = [
    (Kind::Thread, 40),
    (Kind::Comment, 30),
    (Kind::Event, 10),
    (Kind::Announcement, 8),
    (Kind::Listing, 6),
    (Kind::Proposal, 4),
    (Kind::Codesign, 2),
];

pub fn epoch() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0)
        .single()
        .expect("a date")
}

/// Generates the corpus document by document.
pub struct Generator<'a> {
    vocab: &'a Vocabulary,
    rng: StdRng,
    next: usize,
    total: usize,
}

impl<'a> Generator<'a> {
    pub fn new(vocab: &'a Vocabulary, seed: u64, total: usize) -> Generator<'a> {
        Generator {
            vocab,
            rng: StdRng::seed_from_u64(seed),
            next: 0,
            total,
        }
    }

    fn words(&mut self, n: usize, out: &mut String) {
        let mut sentence_left = 0;
        for i in 0..n {
            if sentence_left == 0 {
                if i > 0 {
                    out.push_str(". ");
                }
                sentence_left = self.rng.gen_range(6..=18);
                let w = self.vocab.sample(&mut self.rng);
                let mut chars = w.chars();
                if let Some(first) = chars.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(chars.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(self.vocab.sample(&mut self.rng));
            }
            sentence_left -= 1;
        }
        out.push('.');
    }
}

impl Iterator for Generator<'_> {
    type Item = Document;

    fn next(&mut self) -> Option<Document> {
        if self.next == self.total {
            return None;
        }
        let i = self.next;
        self.next += 1;
        let rng = &mut self.rng;
        // Communities: a few large, many small.
        let c = ((rng.gen_range(0.0f64..1.0).powi(2)) * COMMUNITIES as f64) as usize;
        let community = community(c.min(COMMUNITIES - 1));
        let mut pick = rng.gen_range(0..100);
        let kind = KINDS
            .iter()
            .find(|(_, weight)| {
                if pick < *weight {
                    true
                } else {
                    pick -= weight;
                    false
                }
            })
            .map_or(Kind::Thread, |(k, _)| *k);
        let visibility = if rng.gen_bool(0.1) {
            Visibility::Members {
                community: community.clone(),
            }
        } else {
            Visibility::Public
        };
        let created_at = epoch() - Duration::seconds(rng.gen_range(0..3 * 365 * 86_400));
        let title_len = rng.gen_range(4..=10);
        let body_len = rng.gen_range(15..=120);
        let mut title = String::with_capacity(80);
        self.words(title_len, &mut title);
        title.pop();
        let mut body = String::with_capacity(body_len * 8);
        self.words(body_len, &mut body);
        Some(Document {
            id: format!("doc-{i:08}"),
            kind,
            community: Some(community),
            channel_kind: None,
            visibility,
            author: None,
            created_at,
            title,
            body,
            url: format!("/d/{i}"),
        })
    }
}
