//! Script in every text field comes out inert: rendered HTML (`body_html`) keeps only safe tags,
//! attributes and link schemes; plain-text fields come back as the same characters, never turned
//! into markup by the server; the iCalendar file carries them as text.

use comune_domain::markdown::ALLOWED_TAGS;
use comune_tests::{both_backends, Backend, TestServer};
use serde_json::{json, Value};

both_backends!(script_in_every_text_field_comes_out_inert);

const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)><circle r=1 /></svg>",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<p onclick=\"alert(1)\">x",
    "<scr<script>ipt>alert(1)</script>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
    "<<img src=x onerror=alert(1)//<",
    "\"><script>alert(1)</script>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
];

/// Every `<` in sanitised HTML opens a real, allowed tag with allowed attributes and safe links.
fn assert_inert(html: &str, field: &str) {
    for tag in html.split('<').skip(1) {
        let inside = tag.split('>').next().unwrap_or_default();
        let inside = inside.trim_start_matches('/');
        let mut parts = inside.split_whitespace();
        let name = parts.next().unwrap_or_default().trim_end_matches('/');
        assert!(
            ALLOWED_TAGS.contains(&name),
            "{field} kept <{name}>: {html}"
        );
        let attrs = parts.collect::<Vec<_>>().join(" ");
        for attr in attrs.split('"').step_by(2) {
            let attr = attr.trim().trim_end_matches('=');
            assert!(
                attr.is_empty() || ["href", "rel", "start", "align"].contains(&attr),
                "{field} kept attribute {attr}: {html}"
            );
        }
        if let Some(href) = attrs.split("href=\"").nth(1) {
            let target = href.split('"').next().unwrap_or_default().to_lowercase();
            assert!(
                ["http://", "https://", "mailto:"]
                    .iter()
                    .any(|s| target.starts_with(s)),
                "{field} kept link {target}"
            );
        }
    }
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

async fn script_in_every_text_field_comes_out_inert(backend: Backend) {
    let s = TestServer::start(backend);
    let admin = s.admin_token("sindaca").await;
    s.post(
        "/api/v1/communities",
        json!({ "slug": "ospizio", "name": "Ospizio" }),
        Some(&admin),
    )
    .await;
    let mut channels = Vec::new();
    for (slug, kind) in [("piazza", "dialogue"), ("agenda", "events")] {
        let c = s
            .post(
                "/api/v1/communities/ospizio/channels",
                json!({ "slug": slug, "name": "Canale", "kind": kind }),
                Some(&admin),
            )
            .await;
        channels.push(c.json["id"].as_str().unwrap().to_owned());
    }
    for (i, vector) in VECTORS.iter().enumerate() {
        // Names and descriptions of communities, channels and organisations are plain text.
        let community = s
            .post(
                "/api/v1/communities",
                json!({ "slug": format!("q-{i}"), "name": vector, "description": vector }),
                Some(&admin),
            )
            .await;
        assert_eq!(community.status, 201, "{}", community.body);
        assert_eq!(text(&community.json["name"]), *vector);
        assert_eq!(text(&community.json["description"]), *vector);
        let org = s
            .post(
                "/api/v1/organizations",
                json!({ "slug": format!("o-{i}"), "name": vector, "kind": "association", "description": vector }),
                Some(&admin),
            )
            .await;
        assert_eq!(org.status, 201, "{}", org.body);
        assert_eq!(text(&org.json["name"]), *vector);

        // Titles stay text; bodies are rendered and cleaned.
        let post = s
            .post(
                &format!("/api/v1/channels/{}/posts", channels[0]),
                json!({ "title": vector, "body": vector }),
                Some(&admin),
            )
            .await;
        assert_eq!(post.status, 201, "{}", post.body);
        assert_eq!(text(&post.json["title"]), *vector);
        assert_inert(text(&post.json["body_html"]), "post body");
        let id = post.json["id"].as_str().unwrap();
        let comment = s
            .post(
                &format!("/api/v1/posts/{id}/comments"),
                json!({ "body": vector }),
                Some(&admin),
            )
            .await;
        assert_eq!(comment.status, 201, "{}", comment.body);
        assert_inert(text(&comment.json["body_html"]), "comment body");
        let page = s.get(&format!("/api/v1/posts/{id}/comments"), None).await;
        assert_inert(text(&page.json["items"][0]["body_html"]), "listed comment");

        // Events: place and reason are text.
        let event = s
            .post(
                &format!("/api/v1/channels/{}/posts", channels[1]),
                json!({
                    "title": vector,
                    "body": vector,
                    "starts_at": "2031-05-01T18:00",
                    "ends_at": "2031-05-01T20:00",
                    "location": { "name": vector, "address": vector },
                }),
                Some(&admin),
            )
            .await;
        assert_eq!(event.status, 201, "{}", event.body);
        assert_eq!(text(&event.json["event"]["location"]["name"]), *vector);
        assert_inert(text(&event.json["body_html"]), "event body");
        let ics = s
            .get(
                &format!(
                    "/api/v1/posts/{}/event.ics",
                    event.json["id"].as_str().unwrap()
                ),
                None,
            )
            .await;
        assert_eq!(ics.status, 200);
        assert!(ics
            .header("content-type")
            .unwrap_or_default()
            .starts_with("text/calendar"));
    }
    // The feed shows the same cleaned HTML.
    let feed = s
        .get(
            &format!("/api/v1/channels/{}/posts?limit=100", channels[0]),
            None,
        )
        .await;
    for item in feed.json["items"].as_array().unwrap() {
        assert_inert(text(&item["body_html"]), "feed body");
    }
}
