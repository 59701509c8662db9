//! Markdown in, sanitised HTML out: rendered once when text is written, never at read time.
//! pulldown-cmark renders (raw HTML included, as CommonMark allows) and ammonia then keeps only a
//! safe subset, so script, event handlers, `javascript:` links, SVG and broken markup come out
//! inert whatever the input.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{html, Options, Parser};

/// The only elements rendered text may contain.
const ALLOWED_TAGS: [&str; 23] = [
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

/// Renders Markdown to sanitised HTML. Headings are shifted below the page's own (h1 and h2
/// become h3) so a post cannot break the page outline screen readers navigate by.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let parser = Parser::new_ext(markdown, options).map(|event| {
        use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
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
    fn plain_text_for_search() {
        assert_eq!(
            to_plain_text("# Titolo\n\nUna **festa**\nin `piazza`.\n\n- uno\n- due"),
            "Titolo Una festa in piazza. uno due"
        );
    }
}
