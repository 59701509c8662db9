//! Images: uploads checked by their content, re-encoded without metadata (checked by Pillow, an
//! independent implementation), refused when not images, too big or bombs; alt text; avatars,
//! banners and post images; the files served safely at unguessable addresses.

use std::process::Command;

use comune_tests::{both_backends, mail, Backend, Reply, TestServer};
use serde_json::{json, Value};

both_backends!(
    a_phone_photo_loses_its_location_and_stands_upright,
    transparent_images_stay_png,
    what_is_not_an_image_is_refused,
    bombs_and_damaged_images_are_refused_and_the_server_carries_on,
    uploads_over_ten_mib_are_refused,
    alt_text_is_required_for_content_images,
    avatars_and_banners_are_set_and_shown,
    posts_show_their_authors_images,
    members_only_images_are_served_only_by_unguessable_addresses,
    uploads_count_against_a_new_accounts_budget,
);

/// Makes fixtures and inspects images with Pillow (see `tests/requirements.txt`).
const PILLOW: &str = r#"
import io, json, struct, sys, zlib
from PIL import Image, ExifTags

cmd, path = sys.argv[1], sys.argv[2]
args = [int(a) for a in sys.argv[3:]]

def png_chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

if cmd == 'photo':
    # A phone photo: stored sideways with orientation 6 (turn a quarter clockwise to show), with
    # GPS, camera, XMP and a comment. A red block marks the stored top-left corner.
    w, h = args
    im = Image.effect_noise((w, h), 40).convert('RGB')
    im.paste((220, 20, 20), (0, 0, w // 4, h // 4))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = 'Fotocamera'
    exif[ExifTags.Base.Model] = 'Modello X'
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = 'N'
    gps[ExifTags.GPS.GPSLatitude] = (44.0, 41.0, 52.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = 'E'
    gps[ExifTags.GPS.GPSLongitude] = (10.0, 37.0, 48.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>44,41.8N</exif:GPSLatitude></x:xmpmeta>'
    im.save(path, 'JPEG', exif=exif, xmp=xmp, comment=b'Via Roma 1, Reggio Emilia', quality=92)
elif cmd == 'plain':
    w, h = args
    Image.new('RGB', (w, h), (30, 140, 60)).save(path, 'JPEG')
elif cmd == 'transparent':
    w, h = args
    im = Image.new('RGBA', (w, h), (200, 30, 30, 255))
    im.paste((0, 0, 0, 0), (0, 0, w // 2, h))
    im.save(path, 'PNG')
elif cmd == 'bomb':
    # A PNG claiming w x h pixels whose IDAT is a tiny zlib stream: a few KB on disk, gigabytes
    # once decoded. Written directly, never allocated.
    w, h = args
    ihdr = struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)
    idat = zlib.compress(b'\0' * (1 + 3 * w) * 4, 9)
    data = b'\x89PNG\r\n\x1a\n' + png_chunk(b'IHDR', ihdr) + png_chunk(b'IDAT', idat) + png_chunk(b'IEND', b'')
    open(path, 'wb').write(data)
elif cmd == 'inspect':
    im = Image.open(path)
    exif = im.getexif()
    rgb = im.convert('RGBA')
    w, h = im.size
    print(json.dumps({
        'format': im.format, 'width': w, 'height': h, 'mode': im.mode,
        'exif_tags': len(exif), 'gps': len(exif.get_ifd(ExifTags.IFD.GPSInfo)),
        'info': sorted(im.info.keys()),
        'segments': sorted(set(k for k, _ in getattr(im, 'applist', []))),
        'top_left': rgb.getpixel((2, 2)), 'top_right': rgb.getpixel((w - 3, 2)),
        'bottom_left': rgb.getpixel((2, h - 3)),
    }))
"#;

fn pillow(args: &[&str]) -> String {
    let output = Command::new(mail::python())
        .args(["-c", PILLOW])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", mail::python()));
    assert!(
        output.status.success(),
        "Pillow failed (install it with the README's test command): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A fixture made by Pillow: `kind` with its numeric arguments.
fn fixture(kind: &str, args: &[u32]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fixture");
    let path_str = path.to_str().unwrap();
    let args: Vec<String> = args.iter().map(u32::to_string).collect();
    let mut all = vec![kind, path_str];
    all.extend(args.iter().map(String::as_str));
    pillow(&all);
    std::fs::read(&path).unwrap()
}

/// What Pillow reads in an image file.
fn inspect(bytes: &[u8]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image");
    std::fs::write(&path, bytes).unwrap();
    serde_json::from_str(&pillow(&["inspect", path.to_str().unwrap()])).unwrap()
}

const BOUNDARY: &str = "comune-test-7d1f0a";

/// A multipart/form-data body: (field name, file name, bytes).
fn form(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, data) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match filename {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                     Content-Type: image/jpeg\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send_form(s: &TestServer, token: &str, body: Vec<u8>) -> Reply {
    let response = s
        .client
        .post(s.url("/api/v1/media"))
        .bearer_auth(token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(body)
        .send()
        .await
        .expect("request sent");
    Reply::from(response).await
}

/// Uploads `file` (named `name`) for `purpose`, with `alt` if given.
async fn upload(
    s: &TestServer,
    token: &str,
    file: &[u8],
    name: &str,
    purpose: &str,
    alt: Option<&str>,
) -> Reply {
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = vec![
        ("purpose", None, purpose.as_bytes()),
        ("file", Some(name), file),
    ];
    if let Some(alt) = alt {
        parts.push(("alt", None, alt.as_bytes()));
    }
    send_form(s, token, form(&parts)).await
}

/// Uploads and expects 201; returns the media JSON.
async fn uploaded(s: &TestServer, token: &str, file: &[u8], purpose: &str, alt: &str) -> Value {
    let r = upload(s, token, file, "foto.jpg", purpose, Some(alt)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.json
}

/// A file as served: status, headers and raw bytes.
async fn fetch(s: &TestServer, path: &str) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let response = s.client.get(s.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

/// A community with a public dialogue channel and an events channel; returns the admin's token
/// and the two feeds.
async fn community(s: &TestServer) -> (String, String, String) {
    let admin = s.admin_token("sindaca").await;
    let c = s
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio" }),
            Some(&admin),
        )
        .await;
    assert_eq!(c.status, 201, "{}", c.body);
    let mut feeds = Vec::new();
    for kind in ["dialogue", "events"] {
        let channel = s
            .post(
                "/api/v1/communities/ospizio/channels",
                json!({ "slug": kind, "name": kind, "kind": kind }),
                Some(&admin),
            )
            .await;
        feeds.push(format!(
            "/api/v1/channels/{}/posts",
            channel.json["id"].as_str().unwrap()
        ));
    }
    let events = feeds.pop().unwrap();
    let dialogue = feeds.pop().unwrap();
    (admin, dialogue, events)
}

async fn member(s: &TestServer, name: &str) -> String {
    let token = s.token(name).await;
    let joined = s
        .post(
            "/api/v1/communities/ospizio/members",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);
    token
}

fn reddish(pixel: &Value) -> bool {
    let c: Vec<i64> = pixel
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    c[0] > 150 && c[1] < 90 && c[2] < 90
}

async fn a_phone_photo_loses_its_location_and_stands_upright(backend: Backend) {
    let s = TestServer::start(backend);
    let token = s.token("anna").await;
    // 4032x3024 as a phone stores it, to be shown turned a quarter clockwise.
    let photo = fixture("photo", &[4032, 3024]);
    let before = inspect(&photo);
    assert!(before["gps"].as_i64().unwrap() >= 4, "{before}");
    assert!(before["info"].as_array().unwrap().contains(&json!("xmp")));
    assert!(reddish(&before["top_left"]), "{before}");

    let r = upload(
        &s,
        &token,
        &photo,
        "IMG_0001.JPG",
        "content",
        Some("La fontana in piazza"),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let m = &r.json;
    assert_eq!(m["content_type"], "image/jpeg");
    assert_eq!(m["purpose"], "content");
    assert_eq!(m["alt"], "La fontana in piazza");
    // Upright (width and height swapped) and resized to 2048 on its longest side.
    assert_eq!(
        (m["width"].as_i64(), m["height"].as_i64()),
        (Some(1536), Some(2048))
    );
    let url = m["url"].as_str().unwrap();
    assert!(url.starts_with("/media/") && url.ends_with(".jpg"), "{url}");

    let (status, headers, bytes) = fetch(&s, url).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let cache = headers["cache-control"].to_str().unwrap();
    assert!(
        cache.contains("immutable") && cache.contains("max-age=31536000"),
        "{cache}"
    );
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(bytes.len() as i64, m["bytes"].as_i64().unwrap());
    assert!(bytes.len() < photo.len() && bytes.len() < 2 * 1024 * 1024);

    let after = inspect(&bytes);
    assert_eq!(after["format"], "JPEG");
    assert_eq!(
        (after["width"].as_i64(), after["height"].as_i64()),
        (Some(1536), Some(2048))
    );
    // No EXIF at all (so no GPS, camera or orientation), no XMP, no comment: only JFIF.
    assert_eq!(after["exif_tags"], 0, "{after}");
    assert_eq!(after["gps"], 0, "{after}");
    for gone in ["exif", "xmp", "comment", "icc_profile"] {
        assert!(
            !after["info"].as_array().unwrap().contains(&json!(gone)),
            "{gone} survived: {after}"
        );
    }
    assert_eq!(after["segments"], json!(["APP0"]), "{after}");
    // The stored top-left corner is now the top-right one: the picture was turned.
    assert!(reddish(&after["top_right"]), "{after}");
    assert!(!reddish(&after["top_left"]), "{after}");
    // The file lives under the data folder.
    assert!(s
        .settings
        .data_dir
        .join("uploads")
        .join(url.trim_start_matches("/media/"))
        .is_file());
}

async fn transparent_images_stay_png(backend: Backend) {
    let s = TestServer::start(backend);
    let token = s.token("anna").await;
    let png = fixture("transparent", &[300, 200]);
    let m = uploaded(&s, &token, &png, "content", "Logo della bottega").await;
    assert_eq!(m["content_type"], "image/png");
    let url = m["url"].as_str().unwrap();
    assert!(url.ends_with(".png"));
    let (status, headers, bytes) = fetch(&s, url).await;
    assert_eq!(status, 200);
    assert_eq!(headers["content-type"], "image/png");
    let seen = inspect(&bytes);
    assert_eq!(seen["format"], "PNG");
    assert_eq!(seen["mode"], "RGBA");
    assert_eq!(seen["top_left"][3], 0, "transparent half kept: {seen}");
    assert_eq!(seen["top_right"][3], 255, "{seen}");
    // An opaque PNG becomes a JPEG.
    let plain = fixture("plain", &[50, 40]);
    let jpeg = uploaded(&s, &token, &plain, "content", "Prato").await;
    assert_eq!(jpeg["content_type"], "image/jpeg");
}

async fn what_is_not_an_image_is_refused(backend: Backend) {
    let s = TestServer::start(backend);
    let token = s.token("anna").await;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>"#;
    for (bytes, name) in [
        (&b"Caro sindaco, questa non e' una foto."[..], "photo.jpg"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
            "photo.jpg",
        ),
        (&svg[..], "disegno.svg"),
        (&svg[..], "disegno.png"),
        (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "IMG_0002.HEIC"),
        (b"GIF89a", "a.gif"),
    ] {
        let r = upload(&s, &token, bytes, name, "content", Some("x")).await;
        let p = if bytes == b"GIF89a" {
            r.assert_problem(422, "invalid_image")
        } else {
            r.assert_problem(415, "unsupported_image")
        };
        assert!(p["detail"].as_str().unwrap().len() > 20, "{p}");
    }
    // Not a form at all.
    s.post("/api/v1/media", json!({ "file": "x" }), Some(&token))
        .await
        .assert_problem(415, "unsupported_media_type");
    s.post_raw("/api/v1/media", "image/jpeg", fixture("plain", &[10, 10]))
        .await
        .assert_problem(401, "unauthorized");
    // A form without a file, or with an empty one.
    let r = send_form(&s, &token, form(&[("alt", None, b"niente")])).await;
    assert_eq!(
        r.assert_problem(422, "validation_failed")["errors"]["file"][0]["code"],
        "required"
    );
    let r = send_form(&s, &token, form(&[("purpose", None, b"content")])).await;
    let p = r.assert_problem(422, "validation_failed");
    assert_eq!(p["errors"]["file"][0]["code"], "required", "{p}");
    assert_eq!(p["errors"]["alt"][0]["code"], "required", "{p}");
    let r = upload(&s, &token, b"", "vuoto.jpg", "content", Some("x")).await;
    r.assert_problem(422, "validation_failed");
    // Two files in one upload, and a broken form.
    let plain = fixture("plain", &[10, 10]);
    let r = send_form(
        &s,
        &token,
        form(&[
            ("alt", None, b"x"),
            ("file", Some("a.jpg"), &plain),
            ("file", Some("b.jpg"), &plain),
        ]),
    )
    .await;
    r.assert_problem(400, "malformed_request");
    let mut broken = form(&[("file", Some("a.jpg"), &plain)]);
    broken.truncate(broken.len() - 20);
    let r = send_form(&s, &token, broken).await;
    assert!(
        r.status == 400 || r.status == 422,
        "{} {}",
        r.status,
        r.body
    );
    // Hostile text fields.
    for (purpose, alt) in [
        ("content", "con\u{0} nul"),
        ("\u{0}", "x"),
        ("banner; DROP TABLE media", "x"),
    ] {
        let r = upload(&s, &token, &plain, "a.jpg", purpose, Some(alt)).await;
        r.assert_problem(422, "validation_failed");
    }
    let r = send_form(
        &s,
        &token,
        form(&[("alt", None, b"\xff\xfe"), ("file", Some("a.jpg"), &plain)]),
    )
    .await;
    r.assert_problem(400, "malformed_request");
    // Nothing was stored.
    let files = walk(&s.settings.data_dir.join("uploads"));
    assert!(files.is_empty(), "{files:?}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

async fn bombs_and_damaged_images_are_refused_and_the_server_carries_on(backend: Backend) {
    let s = TestServer::start(backend);
    let token = s.token("anna").await;
    let bomb = fixture("bomb", &[30_000, 30_000]);
    assert!(bomb.len() < 10_000, "the bomb is small: {}", bomb.len());
    let started = std::time::Instant::now();
    let r = upload(&s, &token, &bomb, "bomba.png", "content", Some("x")).await;
    r.assert_problem(422, "image_too_large");
    // Each side within limits, too many pixels in all.
    let wide = fixture("bomb", &[12_000, 12_000]);
    let r = upload(&s, &token, &wide, "bomba.png", "avatar", None).await;
    r.assert_problem(422, "image_too_large");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "refused from the header, not after decoding: {:?}",
        started.elapsed()
    );
    // Within limits but with far too little data: damaged.
    let short = fixture("bomb", &[64, 64]);
    upload(&s, &token, &short, "corta.png", "content", Some("x"))
        .await
        .assert_problem(422, "invalid_image");
    // A JPEG cut off inside its headers (one cut inside its pixel data shows, grey at the bottom,
    // as browsers show it).
    let mut truncated = fixture("plain", &[200, 200]);
    truncated.truncate(120);
    upload(&s, &token, &truncated, "rotta.jpg", "content", Some("x"))
        .await
        .assert_problem(422, "invalid_image");
    // The server still answers and still takes real photos.
    assert_eq!(s.get("/healthz", None).await.status, 200);
    let plain = fixture("plain", &[64, 48]);
    uploaded(&s, &token, &plain, "content", "Ancora qui").await;
}

async fn uploads_over_ten_mib_are_refused(backend: Backend) {
    let s = TestServer::start(backend);
    let token = s.token("anna").await;
    // Exactly 10 MiB is within the limit (and then refused for not being an image).
    let limit = vec![0xAB; 10 * 1024 * 1024];
    let body = form(&[("alt", None, b"x"), ("file", Some("big.jpg"), &limit)]);
    send_form(&s, &token, body)
        .await
        .assert_problem(415, "unsupported_image");
    // One byte more is too large.
    let big = vec![0xAB; 10 * 1024 * 1024 + 1];
    let body = form(&[("alt", None, b"x"), ("file", Some("big.jpg"), &big)]);
    send_form(&s, &token, body.clone())
        .await
        .assert_problem(413, "payload_too_large");
    // A Content-Length over the limit is refused before the body is read.
    let huge = vec![0xAB; 12 * 1024 * 1024];
    send_form(&s, &token, form(&[("file", Some("huge.jpg"), &huge)]))
        .await
        .assert_problem(413, "payload_too_large");
    // The same streamed in chunks without a Content-Length: refused once past the limit.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        body.chunks(256 * 1024).map(|c| Ok(c.to_vec())).collect();
    let response = s
        .client
        .post(s.url("/api/v1/media"))
        .bearer_auth(&token)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    Reply::from(response)
        .await
        .assert_problem(413, "payload_too_large");
    // Other fields have their own small bound.
    let long_alt = vec![b'a'; 100 * 1024];
    let plain = fixture("plain", &[10, 10]);
    send_form(
        &s,
        &token,
        form(&[("alt", None, &long_alt), ("file", Some("a.jpg"), &plain)]),
    )
    .await
    .assert_problem(413, "payload_too_large");
    // JSON bodies keep their 1 MiB limit.
    s.send(
        reqwest::Method::PUT,
        "/api/v1/me/avatar",
        Some(json!({ "media_id": "x".repeat(2 << 20) })),
        Some(&token),
    )
    .await
    .assert_problem(413, "payload_too_large");
    assert_eq!(s.get("/healthz", None).await.status, 200);
    uploaded(&s, &token, &plain, "content", "Ancora qui").await;
}

async fn alt_text_is_required_for_content_images(backend: Backend) {
    let s = TestServer::start(backend);
    let anna = s.token("anna").await;
    let bruno = s.token("bruno").await;
    let plain = fixture("plain", &[40, 30]);
    for alt in [None, Some(""), Some("   ")] {
        let r = upload(&s, &anna, &plain, "a.jpg", "content", alt).await;
        let p = r.assert_problem(422, "validation_failed");
        assert_eq!(p["errors"]["alt"][0]["code"], "required", "{p}");
    }
    let too_long = "a".repeat(1501);
    upload(&s, &anna, &plain, "a.jpg", "content", Some(&too_long))
        .await
        .assert_problem(422, "validation_failed");
    let r = upload(&s, &anna, &plain, "a.jpg", "rainbow", Some("x")).await;
    assert_eq!(
        r.assert_problem(422, "validation_failed")["errors"]["purpose"][0]["code"],
        "invalid"
    );
    // Without a purpose an upload is a content image.
    let r = send_form(
        &s,
        &anna,
        form(&[
            ("file", Some("a.jpg"), &plain),
            ("alt", None, b"  Un prato  "),
        ]),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json["purpose"], "content");
    assert_eq!(r.json["alt"], "Un prato");
    let id = r.json["id"].as_str().unwrap().to_owned();
    // Avatars and banners need none.
    for purpose in ["avatar", "banner"] {
        let r = upload(&s, &anna, &plain, "a.jpg", purpose, None).await;
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(r.json["alt"], "");
    }
    // The owner changes the alt text; it cannot become empty; nobody else may change it.
    let path = format!("/api/v1/media/{id}");
    let r = s
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(json!({ "alt": "Un prato verde" })),
            Some(&anna),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json["alt"], "Un prato verde");
    s.send(
        reqwest::Method::PATCH,
        &path,
        Some(json!({ "alt": " " })),
        Some(&anna),
    )
    .await
    .assert_problem(422, "validation_failed");
    s.send(
        reqwest::Method::PATCH,
        &path,
        Some(json!({ "alt": "mio" })),
        Some(&bruno),
    )
    .await
    .assert_problem(403, "forbidden");
    s.send(reqwest::Method::DELETE, &path, None, Some(&bruno))
        .await
        .assert_problem(403, "forbidden");
    for bad in ["/api/v1/media/nope", "/api/v1/media/%00"] {
        let r = s
            .send(
                reqwest::Method::PATCH,
                bad,
                Some(json!({ "alt": "x" })),
                Some(&anna),
            )
            .await;
        assert_eq!(r.status, 404, "{bad}: {}", r.body);
    }
    let unknown = format!("/api/v1/media/{}", uuid::Uuid::now_v7());
    s.send(reqwest::Method::DELETE, &unknown, None, Some(&anna))
        .await
        .assert_problem(404, "not_found");
    // Hostile JSON never gets a 500.
    for value in [
        json!("\u{0000}"),
        json!(null),
        json!(-1),
        json!("é".repeat(3000)),
        json!({ "id": "\u{0000}" }),
        json!("00000000-0000-0000-0000-000000000000"),
    ] {
        for (method, path, body) in [
            (
                reqwest::Method::PATCH,
                path.as_str(),
                json!({ "alt": value }),
            ),
            (
                reqwest::Method::PUT,
                "/api/v1/me/avatar",
                json!({ "media_id": value }),
            ),
            (
                reqwest::Method::PUT,
                "/api/v1/communities/%00/banner",
                json!({ "media_id": value }),
            ),
        ] {
            let r = s.send(method.clone(), path, Some(body), Some(&anna)).await;
            assert!(r.status < 500, "{method} {path} {value}: {}", r.body);
        }
    }
}

async fn avatars_and_banners_are_set_and_shown(backend: Backend) {
    let s = TestServer::start(backend);
    let (admin, dialogue, _) = community(&s).await;
    let anna = member(&s, "anna").await;
    let bruno = member(&s, "bruno").await;
    // A wide photo becomes a centred square, never enlarged.
    let wide = fixture("plain", &[600, 300]);
    let avatar = uploaded(&s, &anna, &wide, "avatar", "").await;
    assert_eq!(
        (avatar["width"].as_i64(), avatar["height"].as_i64()),
        (Some(300), Some(300))
    );
    let big = fixture("plain", &[1200, 900]);
    let big_avatar = uploaded(&s, &anna, &big, "avatar", "").await;
    assert_eq!(
        (big_avatar["width"].as_i64(), big_avatar["height"].as_i64()),
        (Some(512), Some(512))
    );
    let me = s.get("/api/v1/me", Some(&anna)).await;
    assert_eq!(me.json["avatar_url"], Value::Null);
    let set = s
        .send(
            reqwest::Method::PUT,
            "/api/v1/me/avatar",
            Some(json!({ "media_id": avatar["id"] })),
            Some(&anna),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    assert_eq!(set.json["url"], avatar["url"]);
    let me = s.get("/api/v1/me", Some(&anna)).await;
    assert_eq!(me.json["avatar_url"], avatar["url"]);
    // Shown beside what she writes.
    let post = s
        .post(&dialogue, json!({ "title": "Ciao a tutti" }), Some(&anna))
        .await;
    assert_eq!(post.json["author"]["avatar_url"], avatar["url"]);
    let post_id = post.json["id"].as_str().unwrap();
    s.post(
        &format!("/api/v1/posts/{post_id}/comments"),
        json!({ "body": "Benvenuta" }),
        Some(&bruno),
    )
    .await;
    s.post(
        &format!("/api/v1/posts/{post_id}/comments"),
        json!({ "body": "Grazie" }),
        Some(&anna),
    )
    .await;
    let feed = s.get(&dialogue, None).await;
    assert_eq!(feed.json["items"][0]["author"]["avatar_url"], avatar["url"]);
    let comments = s
        .get(&format!("/api/v1/posts/{post_id}/comments"), None)
        .await;
    assert_eq!(
        comments.json["items"][0]["author"]["avatar_url"],
        Value::Null
    );
    assert_eq!(
        comments.json["items"][1]["author"]["avatar_url"],
        avatar["url"]
    );
    // Only her own avatar uploads.
    let content = uploaded(&s, &anna, &wide, "content", "Un muro").await;
    let bruno_avatar = uploaded(&s, &bruno, &wide, "avatar", "").await;
    for (id, code) in [
        (&content["id"], "wrong_purpose"),
        (&bruno_avatar["id"], "unknown"),
        (&json!(uuid::Uuid::now_v7().to_string()), "unknown"),
    ] {
        let r = s
            .send(
                reqwest::Method::PUT,
                "/api/v1/me/avatar",
                Some(json!({ "media_id": id })),
                Some(&anna),
            )
            .await;
        assert_eq!(
            r.assert_problem(422, "validation_failed")["errors"]["media_id"][0]["code"],
            code
        );
    }
    // Removing the avatar leaves the upload.
    let cleared = s
        .send(
            reqwest::Method::DELETE,
            "/api/v1/me/avatar",
            None,
            Some(&anna),
        )
        .await;
    assert_eq!(cleared.status, 204);
    assert_eq!(
        s.get("/api/v1/me", Some(&anna)).await.json["avatar_url"],
        Value::Null
    );
    assert_eq!(fetch(&s, avatar["url"].as_str().unwrap()).await.0, 200);

    // Banners: facilitators and admins only, with their own banner uploads.
    let photo = fixture("plain", &[3200, 1000]);
    let banner = uploaded(&s, &admin, &photo, "banner", "").await;
    assert_eq!(
        (banner["width"].as_i64(), banner["height"].as_i64()),
        (Some(1600), Some(500))
    );
    let anna_banner = uploaded(&s, &anna, &photo, "banner", "").await;
    s.send(
        reqwest::Method::PUT,
        "/api/v1/communities/ospizio/banner",
        Some(json!({ "media_id": anna_banner["id"] })),
        Some(&anna),
    )
    .await
    .assert_problem(403, "forbidden");
    s.send(
        reqwest::Method::PUT,
        "/api/v1/communities/nowhere/banner",
        Some(json!({ "media_id": banner["id"] })),
        Some(&admin),
    )
    .await
    .assert_problem(404, "not_found");
    let r = s
        .send(
            reqwest::Method::PUT,
            "/api/v1/communities/ospizio/banner",
            Some(json!({ "media_id": avatar["id"] })),
            Some(&admin),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    let set = s
        .send(
            reqwest::Method::PUT,
            "/api/v1/communities/ospizio/banner",
            Some(json!({ "media_id": banner["id"] })),
            Some(&admin),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    let one = s.get("/api/v1/communities/ospizio", None).await;
    assert_eq!(one.json["banner_url"], banner["url"]);
    let list = s.get("/api/v1/communities", None).await;
    assert_eq!(list.json["items"][0]["banner_url"], banner["url"]);
    // Deleting the image takes the banner down and the file away.
    let gone = s
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/media/{}", banner["id"].as_str().unwrap()),
            None,
            Some(&admin),
        )
        .await;
    assert_eq!(gone.status, 204, "{}", gone.body);
    let one = s.get("/api/v1/communities/ospizio", None).await;
    assert_eq!(one.json["banner_url"], Value::Null);
    assert_eq!(fetch(&s, banner["url"].as_str().unwrap()).await.0, 404);
    // A facilitator may set one too; clearing works.
    s.send(
        reqwest::Method::PUT,
        "/api/v1/communities/ospizio/facilitators/anna",
        None,
        Some(&admin),
    )
    .await;
    let set = s
        .send(
            reqwest::Method::PUT,
            "/api/v1/communities/ospizio/banner",
            Some(json!({ "media_id": anna_banner["id"] })),
            Some(&anna),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.body);
    let cleared = s
        .send(
            reqwest::Method::DELETE,
            "/api/v1/communities/ospizio/banner",
            None,
            Some(&anna),
        )
        .await;
    assert_eq!(cleared.status, 204);
    assert_eq!(
        s.get("/api/v1/communities/ospizio", None).await.json["banner_url"],
        Value::Null
    );
}

async fn posts_show_their_authors_images(backend: Backend) {
    let s = TestServer::start(backend);
    let (_, dialogue, events) = community(&s).await;
    let anna = member(&s, "anna").await;
    let bruno = member(&s, "bruno").await;
    let plain = fixture("plain", &[80, 60]);
    let a = uploaded(&s, &anna, &plain, "content", "Il palco").await;
    let b = uploaded(&s, &anna, &plain, "content", "La piazza").await;
    let event = s
        .post(
            &events,
            json!({
                "title": "Festa di quartiere",
                "starts_at": "2030-06-01T18:00", "ends_at": "2030-06-01T23:00",
                "images": [a["id"], b["id"]],
            }),
            Some(&anna),
        )
        .await;
    assert_eq!(event.status, 201, "{}", event.body);
    let images = event.json["images"].as_array().unwrap();
    assert_eq!(images.len(), 2);
    assert_eq!(images[0]["id"], a["id"]);
    assert_eq!(images[0]["url"], a["url"]);
    assert_eq!(images[0]["alt"], "Il palco");
    assert_eq!(images[0]["width"], 80);
    assert_eq!(images[1]["id"], b["id"]);
    let id = event.json["id"].as_str().unwrap().to_owned();
    let feed = s.get(&events, None).await;
    assert_eq!(feed.json["items"][0]["images"][1]["alt"], "La piazza");
    // Editing replaces the list, in the new order; leaving it out keeps it.
    let path = format!("/api/v1/posts/{id}");
    let r = s
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(json!({ "images": [b["id"], a["id"]] })),
            Some(&anna),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json["images"][0]["id"], b["id"]);
    let r = s
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(json!({ "title": "Festa d'estate" })),
            Some(&anna),
        )
        .await;
    assert_eq!(r.json["images"].as_array().unwrap().len(), 2);
    // Someone else's upload, a non-content upload, duplicates and more than ten are refused,
    // and a refused post is not created.
    let theirs = uploaded(&s, &bruno, &plain, "content", "Di Bruno").await;
    let avatar = uploaded(&s, &anna, &plain, "avatar", "").await;
    let before = s.get(&dialogue, None).await.json["items"]
        .as_array()
        .unwrap()
        .len();
    for (images, code) in [
        (json!([theirs["id"]]), "unknown"),
        (json!([avatar["id"]]), "wrong_purpose"),
        (json!([uuid::Uuid::now_v7().to_string()]), "unknown"),
    ] {
        let r = s
            .post(
                &dialogue,
                json!({ "title": "Foto", "images": images }),
                Some(&anna),
            )
            .await;
        let p = r.assert_problem(422, "validation_failed");
        assert_eq!(p["errors"]["images[0]"][0]["code"], code, "{p}");
    }
    let r = s
        .post(
            &dialogue,
            json!({ "title": "Foto", "images": [a["id"], a["id"]] }),
            Some(&anna),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    let eleven: Vec<Value> = (0..11).map(|_| a["id"].clone()).collect();
    let r = s
        .post(
            &dialogue,
            json!({ "title": "Foto", "images": eleven }),
            Some(&anna),
        )
        .await;
    assert_eq!(
        r.assert_problem(422, "validation_failed")["errors"]["images"][0]["code"],
        "too_many"
    );
    s.post(
        &dialogue,
        json!({ "title": "Foto", "images": ["non-un-id"] }),
        Some(&anna),
    )
    .await
    .assert_problem(400, "malformed_request");
    let after = s.get(&dialogue, None).await.json["items"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(before, after, "no post was created by a refused request");
    s.send(
        reqwest::Method::PATCH,
        &path,
        Some(json!({ "images": [theirs["id"]] })),
        Some(&anna),
    )
    .await
    .assert_problem(422, "validation_failed");
    // Bruno cannot put his images on Anna's post.
    s.send(
        reqwest::Method::PATCH,
        &path,
        Some(json!({ "images": [theirs["id"]] })),
        Some(&bruno),
    )
    .await
    .assert_problem(403, "forbidden");
    // A thread shows its images too; deleting an upload takes it off the post.
    let thread = s
        .post(
            &dialogue,
            json!({ "title": "Il parco", "body": "Guardate", "images": [b["id"]] }),
            Some(&anna),
        )
        .await;
    assert_eq!(thread.status, 201, "{}", thread.body);
    assert_eq!(thread.json["images"][0]["alt"], "La piazza");
    let deleted = s
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/media/{}", b["id"].as_str().unwrap()),
            None,
            Some(&anna),
        )
        .await;
    assert_eq!(deleted.status, 204);
    let event = s.get(&path, None).await;
    let left: Vec<&Value> = event.json["images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(left, [&a["id"]]);
    let thread_id = thread.json["id"].as_str().unwrap();
    let thread = s.get(&format!("/api/v1/posts/{thread_id}"), None).await;
    assert_eq!(thread.json["images"], json!([]));
    // Removing them all.
    let r = s
        .send(
            reqwest::Method::PATCH,
            &path,
            Some(json!({ "images": [] })),
            Some(&anna),
        )
        .await;
    assert_eq!(r.json["images"], json!([]));
}

async fn members_only_images_are_served_only_by_unguessable_addresses(backend: Backend) {
    let s = TestServer::start(backend);
    let (admin, _, _) = community(&s).await;
    let channel = s
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "riservato", "name": "Riservato", "kind": "dialogue", "visibility": "members" }),
            Some(&admin),
        )
        .await;
    let feed = format!(
        "/api/v1/channels/{}/posts",
        channel.json["id"].as_str().unwrap()
    );
    let anna = member(&s, "anna").await;
    let outsider = s.token("ugo").await;
    let plain = fixture("plain", &[80, 60]);
    let image = uploaded(&s, &anna, &plain, "content", "Verbale firmato").await;
    let post = s
        .post(
            &feed,
            json!({ "title": "Solo per i soci", "images": [image["id"]] }),
            Some(&anna),
        )
        .await;
    assert_eq!(post.status, 201, "{}", post.body);
    let id = post.json["id"].as_str().unwrap();
    // Outsiders cannot read the post, so never learn the image's address.
    for token in [None, Some(outsider.as_str())] {
        assert_eq!(
            s.get(&format!("/api/v1/posts/{id}"), token).await.status,
            404
        );
        assert_eq!(s.get(&feed, token).await.status, 404);
    }
    let url = image["url"].as_str().unwrap();
    // The address holds 128 random bits: <2 hex>/<32 hex>.jpg.
    let key = url.trim_start_matches("/media/");
    let (dir, file) = key.split_once('/').unwrap();
    let name = file.trim_end_matches(".jpg");
    assert_eq!(dir.len(), 2);
    assert_eq!(name.len(), 32);
    assert!(name.chars().all(|c| c.is_ascii_hexdigit()) && name.starts_with(dir));
    // Whoever has the address gets the file (an <img> cannot send a token); a neighbouring
    // address is nothing.
    assert_eq!(fetch(&s, url).await.0, 200);
    let last = name.chars().last().unwrap();
    let other = if last == '0' { '1' } else { '0' };
    let guessed = format!("/media/{dir}/{}{other}.jpg", &name[..31]);
    assert_eq!(fetch(&s, &guessed).await.0, 404);
    assert_eq!(fetch(&s, &url.replace(".jpg", ".png")).await.0, 404);
    // No listing and no way out of the media folder.
    for path in [
        "/media/".to_owned(),
        "/media".to_owned(),
        format!("/media/{dir}/"),
        format!("/media/{dir}"),
        "/media/..%2fcomune.db".to_owned(),
        "/media/..%2f..%2fcomune.db".to_owned(),
        format!("/media/{dir}/..%2f..%2fcomune.db"),
        "/media/%2e%2e/comune.db".to_owned(),
        "/media/%00".to_owned(),
        format!("/media/{key}%00.jpg"),
    ] {
        let (status, _, body) = fetch(&s, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(!body.starts_with(b"SQLite format"), "{path}");
        assert!(!body.starts_with(&[0xFF, 0xD8]), "{path}");
    }
    // Literal dots, sent raw (an HTTP client would resolve them itself).
    for path in [
        "/media/../comune.db",
        "/media/../../etc/passwd",
        "/media/./../comune.db",
    ] {
        let raw = raw_get(&s, path).await;
        assert!(!raw.starts_with("HTTP/1.1 200"), "{path}: {raw}");
        assert!(
            !raw.contains("SQLite format") && !raw.contains("root:"),
            "{path}"
        );
    }
    // Only GET and HEAD.
    let head = s.client.head(s.url(url)).send().await.unwrap();
    assert_eq!(head.status(), 200);
    let r = s.post_raw(url, "application/json", b"{}".to_vec()).await;
    r.assert_problem(405, "method_not_allowed");
}

async fn raw_get(s: &TestServer, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(s.addr).await.unwrap();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: comune.test\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

async fn uploads_count_against_a_new_accounts_budget(backend: Backend) {
    let s = TestServer::start_with(backend, |settings| {
        settings.throttle_new_account_writes_per_hour = 1
    });
    let fresh = s.token("nuovissima").await;
    let plain = fixture("plain", &[20, 20]);
    uploaded(&s, &fresh, &plain, "avatar", "").await;
    let r = upload(&s, &fresh, &plain, "a.jpg", "avatar", None).await;
    r.assert_problem(429, "rate_limited");
    assert!(r.header("retry-after").is_some());
}
