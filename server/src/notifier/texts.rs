//! The words of notification mails, in Italian and English. Mails name what happened and link
//! to it; they never quote what people wrote, only titles.

use comune_domain::notifications::NotificationView;

/// One line saying what a notice is about.
pub fn describe(locale: &str, n: &NotificationView) -> String {
    let en = locale == "en";
    let actor = n
        .actor
        .as_ref()
        .map(|(_, display)| display.as_str())
        .unwrap_or(if en { "Someone" } else { "Qualcuno" });
    let title = n.post.as_ref().map(|(_, t)| t.as_str()).unwrap_or_default();
    let community = n
        .community
        .as_ref()
        .map(|(_, name)| name.as_str())
        .unwrap_or_default();
    let detail = n.detail.as_str();
    match (n.kind.as_str(), en) {
        ("reply", true) => format!("{actor} replied in “{title}”"),
        ("reply", false) => format!("{actor} ha risposto in «{title}»"),
        ("mention", true) => format!("{actor} mentioned you in “{title}”"),
        ("mention", false) => format!("{actor} ti ha menzionato in «{title}»"),
        ("rsvp_promoted", true) => {
            format!("A place opened up: you are now attending “{title}”")
        }
        ("rsvp_promoted", false) => {
            format!("Si è liberato un posto: ora partecipi a «{title}»")
        }
        ("event_changed", true) => format!("The event “{title}” has changed"),
        ("event_changed", false) => format!("L'evento «{title}» è cambiato"),
        ("event_cancelled", true) => format!("The event “{title}” is cancelled: {detail}"),
        ("event_cancelled", false) => format!("L'evento «{title}» è annullato: {detail}"),
        ("event_reminder", true) => format!("Reminder: “{title}” starts within a day"),
        ("event_reminder", false) => format!("Promemoria: «{title}» inizia entro un giorno"),
        ("phase_changed", true) if detail == "outcome" => {
            format!("The process “{title}” recorded its decision")
        }
        ("phase_changed", false) if detail == "outcome" => {
            format!("Il percorso «{title}» ha registrato la decisione")
        }
        ("phase_changed", true) => {
            format!(
                "The process “{title}” moved to the {} phase",
                phase(detail, en)
            )
        }
        ("phase_changed", false) => {
            format!(
                "Il percorso «{title}» è passato alla fase: {}",
                phase(detail, en)
            )
        }
        ("moderation", _) => moderation(detail, en, title, community),
        (_, true) => "Something new on Comune".to_owned(),
        (_, false) => "Una novità su Comune".to_owned(),
    }
}

fn phase(phase: &str, en: bool) -> &str {
    match (phase, en) {
        ("needs", false) => "bisogni",
        ("ideas", false) => "idee",
        ("proposals", false) => "proposte",
        ("decision", false) => "decisione",
        ("implementation", false) => "realizzazione",
        ("closed", false) => "chiuso",
        ("implementation", true) => "implementation",
        (other, _) => other,
    }
}

fn moderation(action: &str, en: bool, title: &str, community: &str) -> String {
    match (action, en) {
        ("remove", true) => format!("A moderator removed your contribution in “{title}”"),
        ("remove", false) => format!("Un moderatore ha rimosso il tuo contributo in «{title}»"),
        ("restore", true) => format!("A moderator restored your contribution in “{title}”"),
        ("restore", false) => {
            format!("Un moderatore ha ripristinato il tuo contributo in «{title}»")
        }
        ("lock", true) => format!("A moderator closed “{title}” to new comments"),
        ("lock", false) => format!("Un moderatore ha chiuso «{title}» ai nuovi commenti"),
        ("unlock", true) => format!("A moderator reopened “{title}” to comments"),
        ("unlock", false) => format!("Un moderatore ha riaperto «{title}» ai commenti"),
        ("pin", true) => format!("A moderator pinned “{title}”"),
        ("pin", false) => format!("Un moderatore ha messo in evidenza «{title}»"),
        ("unpin", true) => format!("A moderator unpinned “{title}”"),
        ("unpin", false) => format!("Un moderatore ha tolto dall'evidenza «{title}»"),
        ("ban", true) => format!("You can no longer write in {community}"),
        ("ban", false) => format!("Non puoi più scrivere in {community}"),
        ("unban", true) => format!("You can write in {community} again"),
        ("unban", false) => format!("Puoi di nuovo scrivere in {community}"),
        (_, true) => format!("A moderator acted on your content in {community}"),
        (_, false) => format!("Un moderatore è intervenuto sui tuoi contenuti in {community}"),
    }
}

/// Where a notice points: its post (and comment) or its community.
pub fn link(base: &str, n: &NotificationView) -> String {
    match (&n.post, &n.comment_id, &n.community) {
        (Some((post, _)), Some(comment), _) => format!("{base}/posts/{post}#comment-{comment}"),
        (Some((post, _)), None, _) => format!("{base}/posts/{post}"),
        (None, _, Some((slug, _))) => format!("{base}/c/{slug}"),
        _ => base.to_owned(),
    }
}

/// Subject and body of a mail carrying `notices`.
pub fn mail(
    locale: &str,
    name: &str,
    base: &str,
    notices: &[NotificationView],
    digest: bool,
    unsubscribe_url: &str,
) -> (String, String) {
    let en = locale == "en";
    let count = notices.len();
    let subject = match (digest, count, en) {
        (true, _, true) => format!("Your daily summary: {count} new on Comune"),
        (true, _, false) => format!("Il riepilogo del giorno: {count} novità su Comune"),
        (false, 1, _) => notices
            .first()
            .map(|n| describe(locale, n))
            .unwrap_or_default(),
        (false, _, true) => format!("{count} new on Comune"),
        (false, _, false) => format!("{count} novità su Comune"),
    };
    let subject: String = subject.chars().take(150).collect();
    let mut body = if en {
        format!("Hello {name},\n\n")
    } else {
        format!("Ciao {name},\n\n")
    };
    for n in notices {
        body.push_str(&format!(
            "- {}\n  {}\n\n",
            describe(locale, n),
            link(base, n)
        ));
    }
    let settings = format!("{base}/settings/notifications");
    if en {
        body.push_str(&format!(
            "--\nYou get these mails because of your Comune notification settings.\n\
             Change them: {settings}\nStop all these mails with one click: {unsubscribe_url}\n"
        ));
    } else {
        body.push_str(&format!(
            "--\nRicevi queste email per le tue preferenze di notifica su Comune.\n\
             Per cambiarle: {settings}\nPer non riceverne più, con un clic: {unsubscribe_url}\n"
        ));
    }
    (subject, body)
}
