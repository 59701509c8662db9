//! Markdown in, sanitised HTML out: rendered once when text is written, never at read time.
//! pulldown-cmark renders (raw HTML included, as CommonMark allows) and ammonia then keeps only a
//! safe subset, so script, event handlers, `javascript:` links, SVG and broken markup come out
//! inert whatever the input.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, TagEnd};

/// The only elements rendered text may contain (tests check output against this list).
pub const ALLOWED_TAGS: [&str; 23] = [
    "a",
    "p",
    "br",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .tags(HashSet::from(ALLOWED_TAGS))
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            .link_rel(Some("nofollow noopener noreferrer ugc"))
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("td", ["align"])
            .add_tag_attributes("th", ["align"]);
        builder
    })
}

/// Sanitises HTML from elsewhere (a federated post) with the same rules as our own rendering:
/// the same tags, no scripts, styles or event handlers, only http, https and mailto links.
pub fn sanitize_html(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// The text of an HTML fragment without any markup, whitespace collapsed: for titles and
/// summaries made from federated HTML.
pub fn html_to_text(html: &str) -> String {
    let text = ammonia::Builder::empty().clean(html).to_string();
    // `clean` escapes what it keeps; turn the entities back into characters.
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const OPTIONS: Options = Options::ENABLE_STRIKETHROUGH.union(Options::ENABLE_TABLES);

/// Renders Markdown to sanitised HTML. Headings are shifted below the page's own (h1 and h2
/// become h3) so a post cannot break the page outline screen readers navigate by.
pub fn to_html(markdown: &str) -> String {
    to_html_with_mentions(markdown, &HashSet::new(), |_| String::new())
}

/// Like [`to_html`], and each `@name` of `known` (lower-case usernames) becomes a link to
/// `profile(name)`.
pub fn to_html_with_mentions(
    markdown: &str,
    known: &HashSet<String>,
    profile: impl Fn(&str) -> String,
) -> String {
    let mut plain_depth = 0usize;
    let parser = Parser::new_ext(markdown, OPTIONS).flat_map(|event| {
        use pulldown_cmark::{Event, Tag};
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                plain_depth += 1
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                plain_depth = plain_depth.saturating_sub(1)
            }
            Event::Text(text) if plain_depth == 0 && !known.is_empty() => {
                return link_mentions(text, known, &profile);
            }
            _ => {}
        }
        vec![event]
    });
    let parser = parser.map(|event| {
        use pulldown_cmark::{Event, HeadingLevel, Tag};
        let shift = |level: HeadingLevel| match level {
            HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
            other => other,
        };
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
            other => other,
        }
    });
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, parser);
    cleaner().clean(&rendered).to_string()
}

/// Where `@name` mentions start in a text: byte ranges of the whole `@name`, with the name
/// lower-cased. An `@` inside a word (an email address) or followed by `@host` (someone on
/// another server) is not a local mention.
fn mention_spans(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let is_host = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(offset) = text[i..].find('@') {
        let at = i + offset;
        let before_ok = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(is_name(c) || matches!(c, '.' | '-' | '@' | '/')));
        let mut end = text[at + 1..]
            .find(|c: char| !is_name(c))
            .map_or(text.len(), |n| at + 1 + n);
        let len = end - at - 1;
        let mut name = text[at + 1..end].to_ascii_lowercase();
        // `@name@host`: a person of another instance. A sentence's full stop is not the host's.
        if bytes.get(end) == Some(&b'@') {
            let host_end = text[end + 1..]
                .find(|c: char| !is_host(c))
                .map_or(text.len(), |n| end + 1 + n);
            let host = text[end + 1..host_end].trim_end_matches(['.', '-']);
            if host.contains('.') && !host.starts_with(['.', '-']) {
                name = format!("{name}@{}", host.to_ascii_lowercase());
                end += 1 + host.len();
            }
        }
        let after_ok = bytes.get(end).is_none_or(|&b| b != b'@');
        if before_ok && after_ok && (3..=30).contains(&len) {
            spans.push((at..end, name));
        }
        i = end.max(at + 1);
    }
    spans
}

/// The usernames mentioned in Markdown text (lower-case, each once), outside code and links:
/// `name` for people of this instance, `name@host` for others.
pub fn mentions(markdown: &str) -> Vec<String> {
    use pulldown_cmark::Tag;
    let mut names = Vec::new();
    let mut plain_depth = 0usize;
    for event in Parser::new_ext(markdown, OPTIONS) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                plain_depth += 1
            }
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                plain_depth = plain_depth.saturating_sub(1)
            }
            Event::Text(text) if plain_depth == 0 => {
                for (_, name) in mention_spans(&text) {
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
            }
            _ => {}
        }
    }
    names
}

fn link_mentions<'a>(
    text: &CowStr<'a>,
    known: &HashSet<String>,
    profile: &impl Fn(&str) -> String,
) -> Vec<Event<'a>> {
    use pulldown_cmark::{LinkType, Tag};
    let mut events = Vec::new();
    let mut last = 0;
    for (range, name) in mention_spans(text) {
        if !known.contains(&name) {
            continue;
        }
        if range.start > last {
            events.push(Event::Text(text[last..range.start].to_owned().into()));
        }
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: profile(&name).into(),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        events.push(Event::Text(text[range.clone()].to_owned().into()));
        events.push(Event::End(TagEnd::Link));
        last = range.end;
    }
    if last == 0 {
        return vec![Event::Text(text.clone())];
    }
    if last < text.len() {
        events.push(Event::Text(text[last..].to_owned().into()));
    }
    events
}

/// The text of Markdown without markup, for search and previews.
pub fn to_plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell,
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let html = to_html(
            "# Festa\n\nIn **piazza** alle _18_.\n\n- uno\n- due\n\n[link](https://example.org)",
        );
        assert!(html.contains("<h3>Festa</h3>"), "{html}");
        assert!(html.contains("<strong>piazza</strong>"));
        assert!(html.contains("<li>uno</li>"));
        assert!(
            html.contains(
                r#"<a href="https://example.org" rel="nofollow noopener noreferrer ugc">link</a>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn xss_vectors_come_out_inert() {
        let vectors = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)><circle r=1 /></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<p onclick=\"alert(1)\">x",
            "<scr<script>ipt>alert(1)</script>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "[x](vbscript:msgbox(1))",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<form action=\"https://evil.example\"><input name=q></form>",
            "<style>body{display:none}</style>",
            "<<img src=x onerror=alert(1)//<",
            "![x](https://example.org/a.png\" onerror=\"alert(1))",
        ];
        for v in vectors {
            assert_inert(&to_html(v), v);
        }
    }

    /// Every raw `<` in sanitised output opens a real tag (text is escaped), so checking each
    /// tag's name, attributes and link targets proves the output inert.
    fn assert_inert(html: &str, input: &str) {
        for tag in html.split('<').skip(1) {
            let inside = tag.split('>').next().unwrap_or_default();
            let inside = inside.trim_start_matches('/');
            let mut parts = inside.split_whitespace();
            let name = parts.next().unwrap_or_default().trim_end_matches('/');
            assert!(
                ALLOWED_TAGS.contains(&name),
                "{input:?} kept tag {name:?}: {html}"
            );
            let attrs: String = parts.collect::<Vec<_>>().join(" ");
            for attr in attrs.split('"').step_by(2) {
                let attr = attr.trim().trim_end_matches('=');
                if attr.is_empty() {
                    continue;
                }
                assert!(
                    ["href", "rel", "start", "align"].contains(&attr),
                    "{input:?} kept attribute {attr:?}: {html}"
                );
            }
            if let Some(href) = attrs.split("href=\"").nth(1) {
                let target = href.split('"').next().unwrap_or_default().to_lowercase();
                assert!(
                    ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|s| target.starts_with(s)),
                    "{input:?} kept link {target:?}"
                );
            }
        }
    }

    #[test]
    fn finds_mentions_outside_code_links_and_addresses() {
        assert_eq!(
            mentions(
                "Ciao @Anna_B e @bruno! Scrivi a carla@example.org, non a @dario@altro.it \
                      `@codice` [@link](https://x.org) @ab @anna_b @Carla@B.test. @x@y@z.it"
            ),
            vec!["anna_b", "bruno", "dario@altro.it", "carla@b.test"]
        );
        assert!(mentions("```\n@anna\n```").is_empty());
    }

    #[test]
    fn links_only_known_mentions() {
        let known = HashSet::from(["anna".to_owned()]);
        let html = to_html_with_mentions("Grazie @Anna e @ignoto!", &known, |n| {
            format!("https://comune.test/u/{n}")
        });
        assert!(
            html.contains(r#"<a href="https://comune.test/u/anna" rel="nofollow noopener noreferrer ugc">@Anna</a>"#),
            "{html}"
        );
        assert!(html.contains("e @ignoto!"), "{html}");
        assert_inert(&html, "mentions");
    }

    #[test]
    fn plain_text_for_search() {
        assert_eq!(
            to_plain_text("# Titolo\n\nUna **festa**\nin `piazza`.\n\n- uno\n- due"),
            "Titolo Una festa in piazza. uno due"
        );
    }
}
