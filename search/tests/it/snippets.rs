//! Snippets: matched words marked, everything else escaped.

use comune_search::Hit;

use crate::common::{doc, index_with, search};

/// Markup other than our own marks.
fn foreign_markup(snippet: &str) -> bool {
    let stripped = snippet.replace("<mark>", "").replace("</mark>", "");
    stripped.contains(['<', '>', '"', '\'', '`'])
}

const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "\"><script>alert(document.cookie)</script>",
    "'><iframe src=javascript:alert(1)></iframe>",
    "<a href=\"javascript:alert(1)\">clicca</a>",
    "<body onload=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    "<mark>finto</mark><script>x</script>",
    "&lt;script&gt; già escapato &amp; ri-escapato",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "`${alert(1)}` <div style=\"background:url(javascript:alert(1))\">",
    "<scr\0ipt>alert(1)</scr\0ipt>",
];

fn only_hit(text: &str, title: &str, body: &str) -> Hit {
    let index = index_with([doc("x", title, body)]);
    let mut results = search(&index, text);
    assert_eq!(results.items.len(), 1, "{text:?} finds {body:?}");
    results.items.remove(0)
}

#[test]
fn an_xss_corpus_comes_back_escaped() {
    for vector in XSS {
        let body = format!("Segnalazione del quartiere {vector} fine segnalazione");
        let hit = only_hit("segnalazione ", "Titolo", &body);
        assert!(hit.snippet.contains("<mark>"), "{}", hit.snippet);
        assert!(
            !foreign_markup(&hit.snippet),
            "{vector:?} gave {}",
            hit.snippet
        );

        // Matching inside the markup itself.
        for word in ["alert ", "script ", "onerror ", "javascript "] {
            let is_token = vector
                .split(|c: char| !c.is_alphanumeric())
                .any(|token| token == word.trim());
            if is_token {
                let hit = only_hit(word, "Titolo", &body);
                assert!(
                    !foreign_markup(&hit.snippet),
                    "{vector:?} gave {}",
                    hit.snippet
                );
            }
        }

        // The title as fallback, and browsing.
        let hit = only_hit("titolo ", &format!("Titolo {vector}"), "nulla");
        assert!(
            !foreign_markup(&hit.snippet),
            "{vector:?} gave {}",
            hit.snippet
        );
        let hit = only_hit("", "Titolo", &body);
        assert!(
            !foreign_markup(&hit.snippet),
            "{vector:?} gave {}",
            hit.snippet
        );
    }
}

#[test]
fn escaping_is_exact() {
    let hit = only_hit(
        "orto ",
        "t",
        "<img src=x onerror=alert(1)> orto & \"cortile\"",
    );
    assert_eq!(
        hit.snippet,
        "&lt;img src=x onerror=alert(1)&gt; <mark>orto</mark> &amp; &quot;cortile&quot;"
    );
}

#[test]
fn marks_cover_stems_typos_prefixes_and_phrases() {
    let body = "Le biciclette della biblioteca sono nell'orto comunitario";
    let marked = |text: &str| only_hit(text, "t", body).snippet;
    assert!(marked("bicicletta ").contains("<mark>biciclette</mark>"));
    assert!(marked("bibliotca ").contains("<mark>biblioteca</mark>"));
    assert!(marked("bibl").contains("<mark>biblioteca</mark>"));
    assert!(marked("\"orto comunitario\"").contains("<mark>orto</mark> <mark>comunitario</mark>"));
    assert!(!marked("biciclette ").contains("<mark>biblioteca</mark>"));
}

#[test]
fn the_title_stands_in_when_the_body_does_not_match() {
    let hit = only_hit("mercato ", "Il mercato <del> sabato", "Frutta e verdura");
    assert_eq!(hit.snippet, "Il <mark>mercato</mark> &lt;del&gt; sabato");
    assert_eq!(
        hit.title, "Il mercato <del> sabato",
        "title stays plain text"
    );
}

#[test]
fn snippets_are_short_and_centred_on_the_match() {
    let body = format!(
        "{} qui si parla del mercato rionale {}",
        "parole di riempimento ".repeat(100),
        "altre parole ancora ".repeat(100)
    );
    let hit = only_hit("mercato ", "t", &body);
    assert!(hit.snippet.len() < 320, "{}", hit.snippet.len());
    assert!(hit.snippet.starts_with('…') && hit.snippet.ends_with('…'));
    assert!(hit.snippet.contains("<mark>mercato</mark> rionale"));
}
