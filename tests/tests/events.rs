//! Events: local times in the event's zone (right across daylight-saving changes, refusing
//! times that do not exist or happen twice), capacity with a waiting list that moves up, and
//! cancellation; changing an event's time, place and places.

use comune_tests::{both_backends, Backend, TestServer};
use serde_json::{json, Value};

both_backends!(
    local_times_hold_across_daylight_saving,
    capacity_fills_then_the_waiting_list_moves_up,
    calendar_feeds_parse_and_keep_local_times,
    organisers_change_an_event_and_attendees_hear_of_it,
);

/// Parses iCalendar text with Python's `icalendar` (an independent implementation) and returns
/// each event's fields as JSON.
fn parse_ics(ics: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("feed.ics");
    std::fs::write(&file, ics).unwrap();
    let script = r#"
import json, sys, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for ev in cal.walk('VEVENT'):
    start = ev.decoded('DTSTART')
    item = {'summary': str(ev.get('SUMMARY')), 'status': str(ev.get('STATUS')),
            'location': str(ev.get('LOCATION', '')), 'uid': str(ev.get('UID'))}
    if isinstance(start, datetime.datetime):
        item['local'] = start.strftime('%Y-%m-%dT%H:%M')
        item['utc'] = start.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
        item['tzid'] = str(ev['DTSTART'].params.get('TZID'))
    else:
        item['date'] = start.isoformat()
    out.append(item)
print(json.dumps(out))
"#;
    let output = std::process::Command::new(comune_tests::mail::python())
        .args(["-c", script])
        .arg(&file)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "icalendar refused the feed (install it with the README's test command): {}\n{ics}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&output.stdout).unwrap()
}

/// A community with an events channel; returns (server, admin, the channel's posts path).
async fn setup(backend: Backend) -> (TestServer, String, String) {
    let server = TestServer::start(backend);
    let admin = server.admin_token("sindaca").await;
    server
        .post(
            "/api/v1/communities",
            json!({ "slug": "ospizio", "name": "Ospizio" }),
            Some(&admin),
        )
        .await;
    let channel = server
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "eventi", "name": "Eventi", "kind": "events" }),
            Some(&admin),
        )
        .await;
    let path = format!(
        "/api/v1/channels/{}/posts",
        channel.json["id"].as_str().unwrap()
    );
    (server, admin, path)
}

async fn local_times_hold_across_daylight_saving(backend: Backend) {
    let (server, admin, path) = setup(backend).await;
    // Italy moves to summer time on 28 March 2027 at 02:00: 10:00 is UTC+1 the day before and
    // UTC+2 that day.
    let before = server
        .post(&path, json!({ "title": "Mercato", "starts_at": "2027-03-27T10:00", "ends_at": "2027-03-27T12:00",
                              "location": { "name": "Piazza", "address": "Via Roma 1" } }), Some(&admin))
        .await;
    assert_eq!(before.status, 201, "{}", before.body);
    assert_eq!(before.json["event"]["starts_at"], "2027-03-27T09:00:00Z");
    assert_eq!(before.json["event"]["time_zone"], "Europe/Rome");
    let after = server
        .post(&path, json!({ "title": "Mercato", "starts_at": "2027-03-28T10:00", "ends_at": "2027-03-28T12:00" }), Some(&admin))
        .await;
    assert_eq!(after.json["event"]["starts_at"], "2027-03-28T08:00:00Z");
    assert_eq!(after.json["event"]["starts_local"], "2027-03-28T10:00:00");
    assert_eq!(before.json["event"]["location"]["address"], "Via Roma 1");
    // An explicit offset is taken as given; another zone is honoured.
    let offset = server
        .post(&path, json!({ "title": "Online", "starts_at": "2027-06-01T18:00:00+02:00", "ends_at": "2027-06-01T19:00:00+02:00",
                              "online_url": "https://meet.example.org/consulta" }), Some(&admin))
        .await;
    assert_eq!(offset.json["event"]["starts_at"], "2027-06-01T16:00:00Z");
    let london = server
        .post(&path, json!({ "title": "Gemellaggio", "starts_at": "2027-06-01T18:00", "ends_at": "2027-06-01T19:00", "time_zone": "Europe/London" }), Some(&admin))
        .await;
    assert_eq!(london.json["event"]["starts_at"], "2027-06-01T17:00:00Z");

    // 02:30 does not exist on 28 March; 02:30 happens twice on 31 October.
    let gap = server
        .post(
            &path,
            json!({ "title": "x", "starts_at": "2027-03-28T02:30", "ends_at": "2027-03-28T05:00" }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        gap.assert_problem(422, "validation_failed")["errors"]["starts_at"][0]["code"],
        "nonexistent_time"
    );
    let twice = server
        .post(
            &path,
            json!({ "title": "x", "starts_at": "2027-10-31T02:30", "ends_at": "2027-10-31T05:00" }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        twice.assert_problem(422, "validation_failed")["errors"]["starts_at"][0]["code"],
        "ambiguous_time"
    );
    let backwards = server
        .post(
            &path,
            json!({ "title": "x", "starts_at": "2027-05-01T12:00", "ends_at": "2027-05-01T11:00" }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        backwards.assert_problem(422, "validation_failed")["errors"]["ends_at"][0]["code"],
        "before_start"
    );
    let bad = server
        .post(
            &path,
            json!({ "title": "x", "starts_at": "domani", "ends_at": "2027-05-01T11:00" }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        bad.assert_problem(422, "validation_failed")["errors"]["starts_at"][0]["code"],
        "invalid"
    );
    let bad = server
        .post(&path, json!({ "title": "x", "starts_at": "2027-05-01T10:00", "ends_at": "2027-05-01T11:00", "time_zone": "Mars/Olympus",
                              "capacity": 0, "online_url": "javascript:alert(1)", "location": { "latitude": 123.0 } }), Some(&admin))
        .await;
    let errors = &bad.assert_problem(422, "validation_failed")["errors"];
    for field in ["time_zone", "capacity", "online_url", "location.latitude"] {
        assert!(errors.get(field).is_some(), "{field}: {errors}");
    }
    // Events in the feed carry their event; events go only in events channels.
    let feed = server.get(&path, None).await;
    assert_eq!(feed.json["items"].as_array().unwrap().len(), 4);
    assert!(feed.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["event"].is_object()));
    let dialogue = server
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "dialogo", "name": "Dialogo", "kind": "dialogue" }),
            Some(&admin),
        )
        .await;
    let dialogue_path = format!(
        "/api/v1/channels/{}/posts",
        dialogue.json["id"].as_str().unwrap()
    );
    let misplaced = server
        .post(
            &dialogue_path,
            json!({ "title": "x", "starts_at": "2027-05-01T10:00", "ends_at": "2027-05-01T11:00" }),
            Some(&admin),
        )
        .await;
    assert_eq!(
        misplaced.assert_problem(422, "validation_failed")["errors"]["channel"][0]["code"],
        "unsupported_kind"
    );
    let plain = server
        .post(
            &dialogue_path,
            json!({ "title": "Solo testo" }),
            Some(&admin),
        )
        .await;
    assert_eq!(plain.json["event"], Value::Null);
}

async fn capacity_fills_then_the_waiting_list_moves_up(backend: Backend) {
    let (server, admin, path) = setup(backend).await;
    let mut people = Vec::new();
    for name in ["anna", "bruno", "carla"] {
        let t = server.token(name).await;
        server
            .post("/api/v1/communities/ospizio/members", json!({}), Some(&t))
            .await;
        people.push(t);
    }
    let outsider = server.token("ospite").await;
    let event = server
        .post(&path, json!({ "title": "Laboratorio di ceramica", "starts_at": "2030-05-01T15:00", "ends_at": "2030-05-01T17:00", "capacity": 2 }), Some(&people[0]))
        .await;
    assert_eq!(event.status, 201, "{}", event.body);
    let id = event.json["id"].as_str().unwrap().to_owned();
    let rsvp = format!("/api/v1/posts/{id}/rsvp");

    let answers: Vec<String> = {
        let mut v = Vec::new();
        for t in &people {
            let r = server.post(&rsvp, json!({}), Some(t)).await;
            assert_eq!(r.status, 200, "{}", r.body);
            v.push(r.json["status"].as_str().unwrap().to_owned());
        }
        v
    };
    assert_eq!(answers, ["going", "going", "waitlist"]);
    let again = server.post(&rsvp, json!({}), Some(&people[2])).await;
    assert_eq!(
        again.json["status"], "waitlist",
        "answering twice changes nothing"
    );
    server
        .post(&rsvp, json!({}), Some(&outsider))
        .await
        .assert_problem(403, "forbidden");
    let view = server
        .get(&format!("/api/v1/posts/{id}"), Some(&people[2]))
        .await;
    let e = &view.json["event"];
    assert_eq!(
        (
            e["going"].clone(),
            e["waitlist"].clone(),
            e["my_rsvp"].clone()
        ),
        (json!(2), json!(1), json!("waitlist"))
    );

    // Bruno withdraws: Carla moves up.
    assert_eq!(
        server
            .send(reqwest::Method::DELETE, &rsvp, None, Some(&people[1]))
            .await
            .status,
        204
    );
    let view = server
        .get(&format!("/api/v1/posts/{id}"), Some(&people[2]))
        .await;
    let e = &view.json["event"];
    assert_eq!(
        (
            e["going"].clone(),
            e["waitlist"].clone(),
            e["my_rsvp"].clone()
        ),
        (json!(2), json!(0), json!("going"))
    );
    assert_eq!(
        server
            .send(reqwest::Method::DELETE, &rsvp, None, Some(&people[1]))
            .await
            .status,
        204,
        "idempotent"
    );

    // Only the author or a moderator cancels; then nobody can answer.
    let cancel = format!("/api/v1/posts/{id}/cancellation");
    server
        .post(&cancel, json!({ "reason": "no" }), Some(&people[1]))
        .await
        .assert_problem(403, "forbidden");
    server
        .post(&cancel, json!({ "reason": "" }), Some(&people[0]))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(
        server
            .post(
                &cancel,
                json!({ "reason": "Il docente è malato" }),
                Some(&people[0])
            )
            .await
            .status,
        204
    );
    let r = server.post(&rsvp, json!({}), Some(&people[1])).await;
    assert_eq!(
        r.assert_problem(422, "validation_failed")["errors"]["event"][0]["code"],
        "cancelled"
    );
    let view = server.get(&format!("/api/v1/posts/{id}"), None).await;
    assert_eq!(
        (
            view.json["event"]["cancelled"].clone(),
            view.json["event"]["cancel_reason"].clone()
        ),
        (json!(true), json!("Il docente è malato"))
    );
    server
        .post(&cancel, json!({ "reason": "di nuovo" }), Some(&admin))
        .await
        .assert_problem(422, "validation_failed");

    // Past events take no answers.
    let past = server
        .post(&path, json!({ "title": "Ieri", "starts_at": "2020-01-01T10:00", "ends_at": "2020-01-01T11:00" }), Some(&admin))
        .await;
    let past_rsvp = format!("/api/v1/posts/{}/rsvp", past.json["id"].as_str().unwrap());
    let r = server.post(&past_rsvp, json!({}), Some(&people[0])).await;
    assert_eq!(
        r.assert_problem(422, "validation_failed")["errors"]["event"][0]["code"],
        "past"
    );
    // RSVP to a post that is not an event.
    server
        .post(
            &format!("/api/v1/posts/{}/rsvp", uuid::Uuid::now_v7()),
            json!({}),
            Some(&people[0]),
        )
        .await
        .assert_problem(404, "not_found");
}

async fn calendar_feeds_parse_and_keep_local_times(backend: Backend) {
    let (server, admin, path) = setup(backend).await;
    let mut ids = Vec::new();
    for (title, start, end) in [
        (
            "Mercato; frutta, verdura",
            "2030-03-30T10:00",
            "2030-03-30T12:00",
        ),
        (
            "Mercato dopo il cambio d'ora",
            "2030-03-31T10:00",
            "2030-03-31T12:00",
        ),
        (
            "Castagnata d'autunno",
            "2030-10-27T16:00",
            "2030-10-27T18:00",
        ),
    ] {
        let r = server
            .post(&path, json!({ "title": title, "starts_at": start, "ends_at": end,
                                  "location": { "name": "Piazza Prampolini", "address": "Reggio Emilia" } }), Some(&admin))
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        ids.push(r.json["id"].as_str().unwrap().to_owned());
    }
    let all_day = server
        .post(&path, json!({ "title": "Festa del quartiere", "starts_at": "2030-06-01T00:00", "ends_at": "2030-06-02T00:00", "all_day": true }), Some(&admin))
        .await;
    assert_eq!(all_day.status, 201, "{}", all_day.body);
    server
        .post(
            &format!("/api/v1/posts/{}/cancellation", ids[2]),
            json!({ "reason": "Pioggia" }),
            Some(&admin),
        )
        .await;
    // A members-only events channel stays out of the public feed.
    let private = server
        .post("/api/v1/communities/ospizio/channels", json!({ "slug": "riservati", "name": "Riservati", "kind": "events", "visibility": "members" }), Some(&admin))
        .await;
    let secret = server
        .post(&format!("/api/v1/channels/{}/posts", private.json["id"].as_str().unwrap()),
              json!({ "title": "Cena riservata", "starts_at": "2030-05-01T20:00", "ends_at": "2030-05-01T23:00" }), Some(&admin))
        .await;
    assert_eq!(secret.status, 201);

    let feed = server
        .get("/api/v1/communities/ospizio/events.ics", None)
        .await;
    assert_eq!(feed.status, 200);
    assert_eq!(
        feed.header("content-type"),
        Some("text/calendar; charset=utf-8")
    );
    assert!(feed.body.contains("BEGIN:VTIMEZONE") && feed.body.contains("TZID:Europe/Rome"));
    assert!(!feed.body.contains("Cena riservata"));
    assert!(feed.body.lines().all(|l| l.len() <= 76), "lines are folded");
    let events = parse_ics(&feed.body);
    assert_eq!(events.len(), 4, "{events:?}");
    let by = |needle: &str| {
        events
            .iter()
            .find(|e| e["summary"].as_str().unwrap().contains(needle))
            .unwrap()
            .clone()
    };
    let before = by("frutta");
    assert_eq!(
        before["summary"], "Mercato; frutta, verdura",
        "text escaping round-trips"
    );
    assert_eq!(
        (before["local"].clone(), before["utc"].clone()),
        (json!("2030-03-30T10:00"), json!("2030-03-30T09:00:00Z"))
    );
    assert_eq!(before["tzid"], "Europe/Rome");
    let after = by("cambio");
    assert_eq!(
        (after["local"].clone(), after["utc"].clone()),
        (json!("2030-03-31T10:00"), json!("2030-03-31T08:00:00Z"))
    );
    let autumn = by("Castagnata");
    assert_eq!(
        (autumn["local"].clone(), autumn["utc"].clone()),
        (json!("2030-10-27T16:00"), json!("2030-10-27T15:00:00Z"))
    );
    assert_eq!(autumn["status"], "CANCELLED");
    assert_eq!(before["status"], "CONFIRMED");
    assert_eq!(before["location"], "Piazza Prampolini, Reggio Emilia");
    assert_eq!(by("Festa")["date"], "2030-06-01");

    // One file per event; members-only ones only for members.
    let one = server
        .get(&format!("/api/v1/posts/{}/event.ics", ids[1]), None)
        .await;
    assert_eq!(one.status, 200);
    let parsed = parse_ics(&one.body);
    assert_eq!(parsed.len(), 1);
    assert_eq!(parsed[0]["utc"], "2030-03-31T08:00:00Z");
    let secret_id = secret.json["id"].as_str().unwrap();
    server
        .get(&format!("/api/v1/posts/{secret_id}/event.ics"), None)
        .await
        .assert_problem(404, "not_found");
    assert_eq!(
        server
            .get(
                &format!("/api/v1/posts/{secret_id}/event.ics"),
                Some(&admin)
            )
            .await
            .status,
        200
    );
    server
        .get("/api/v1/communities/nowhere/events.ics", None)
        .await
        .assert_problem(404, "not_found");
}

async fn organisers_change_an_event_and_attendees_hear_of_it(backend: Backend) {
    let (server, admin, path) = setup(backend).await;
    let mut people = Vec::new();
    for name in ["anna", "bruno", "carla", "dario"] {
        let t = server.token(name).await;
        server
            .post("/api/v1/communities/ospizio/members", json!({}), Some(&t))
            .await;
        people.push(t);
    }
    let [anna, bruno, carla, dario] = [&people[0], &people[1], &people[2], &people[3]];
    let created = server
        .post(&path, json!({ "title": "Tombola", "starts_at": "2030-05-01T15:00", "ends_at": "2030-05-01T17:00",
                             "time_zone": "Europe/Rome", "capacity": 1, "location": { "name": "Bar Centrale" } }), Some(anna))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json["id"].as_str().unwrap().to_owned();
    let post = format!("/api/v1/posts/{id}");
    let rsvp = format!("{post}/rsvp");
    for (who, expected) in [(bruno, "going"), (carla, "waitlist")] {
        let r = server.post(&rsvp, json!({}), Some(who)).await;
        assert_eq!(r.json["status"], expected, "{}", r.body);
    }
    // Only the organiser changes it; a refused change changes nothing.
    patch(
        &server,
        &post,
        json!({ "starts_at": "2030-05-02T10:00" }),
        bruno,
    )
    .await
    .assert_problem(403, "forbidden");
    let backwards = patch(
        &server,
        &post,
        json!({ "starts_at": "2030-05-02T10:00", "ends_at": "2030-05-02T09:00", "title": "Tombola!" }),
        anna,
    )
    .await;
    assert_eq!(
        backwards.assert_problem(422, "validation_failed")["errors"]["ends_at"][0]["code"],
        "before_start"
    );
    let bad = patch(&server, &post, json!({ "starts_at": "domani" }), anna).await;
    assert_eq!(
        bad.assert_problem(422, "validation_failed")["errors"]["starts_at"][0]["code"],
        "invalid"
    );
    let zone = patch(&server, &post, json!({ "time_zone": "Europa/Roma" }), anna).await;
    assert_eq!(
        zone.assert_problem(422, "validation_failed")["errors"]["time_zone"][0]["code"],
        "unknown"
    );
    let same = server.get(&post, None).await;
    assert_eq!(same.json["title"], "Tombola");
    assert_eq!(same.json["event"]["starts_local"], "2030-05-01T15:00:00");

    // A new day, place and a second place: Carla moves up from the waiting list.
    let moved = patch(
        &server,
        &post,
        json!({ "starts_at": "2030-05-02T10:00", "ends_at": "2030-05-02T12:00",
                "location": { "name": "Sala civica", "address": "Via Roma 1" }, "capacity": 2 }),
        anna,
    )
    .await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    let e = &moved.json["event"];
    assert_eq!(e["starts_local"], "2030-05-02T10:00:00");
    assert_eq!(e["starts_at"], "2030-05-02T08:00:00Z");
    assert_eq!(e["location"]["name"], "Sala civica");
    assert_eq!(
        (e["going"].clone(), e["waitlist"].clone()),
        (json!(2), json!(0))
    );
    assert_eq!(
        moved.json["title"], "Tombola",
        "the text stays when not given"
    );
    let mine = server.get(&post, Some(carla)).await;
    assert_eq!(mine.json["event"]["my_rsvp"], "going");
    assert_eq!(kinds(&server, bruno).await, ["event_changed"]);
    assert_eq!(
        kinds(&server, carla).await,
        ["event_changed", "rsvp_promoted"]
    );
    assert!(
        kinds(&server, anna).await.is_empty(),
        "the organiser is not told of their own change"
    );

    // Fewer places take no one's place; the next answer waits. No limit lets everyone in.
    let fewer = patch(&server, &post, json!({ "capacity": 1 }), anna).await;
    assert_eq!(fewer.json["event"]["going"], 2, "{}", fewer.body);
    let r = server.post(&rsvp, json!({}), Some(dario)).await;
    assert_eq!(r.json["status"], "waitlist");
    // Below the lowered capacity a withdrawal frees no place: Dario keeps waiting, and Bruno,
    // answering again, waits behind him.
    let gone = server
        .send(reqwest::Method::DELETE, &rsvp, None, Some(bruno))
        .await;
    assert_eq!(gone.status, 204);
    let waiting = server.get(&post, Some(dario)).await;
    assert_eq!(
        waiting.json["event"]["my_rsvp"], "waitlist",
        "{}",
        waiting.body
    );
    assert_eq!(waiting.json["event"]["going"], 1);
    let again = server.post(&rsvp, json!({}), Some(bruno)).await;
    assert_eq!(again.json["status"], "waitlist");
    let open = patch(
        &server,
        &post,
        json!({ "capacity": null, "online_url": "https://meet.example.org/tombola" }),
        anna,
    )
    .await;
    assert_eq!(open.status, 200, "{}", open.body);
    assert_eq!(open.json["event"]["capacity"], Value::Null);
    assert_eq!(open.json["event"]["going"], 3);
    assert_eq!(
        open.json["event"]["online_url"],
        "https://meet.example.org/tombola"
    );
    assert_eq!(
        server.get(&post, Some(dario)).await.json["event"]["my_rsvp"],
        "going"
    );
    // Changing nothing tells nobody.
    let before = kinds(&server, bruno).await.len();
    patch(&server, &post, json!({ "capacity": null }), anna).await;
    assert_eq!(kinds(&server, bruno).await.len(), before);

    // Event details belong to events; a cancelled event stays as it was.
    let dialogue = server
        .post(
            "/api/v1/communities/ospizio/channels",
            json!({ "slug": "piazza", "name": "Piazza", "kind": "dialogue" }),
            Some(&admin),
        )
        .await;
    let chat = server
        .post(
            &format!(
                "/api/v1/channels/{}/posts",
                dialogue.json["id"].as_str().unwrap()
            ),
            json!({ "title": "Ciao", "body": "a tutti" }),
            Some(anna),
        )
        .await;
    let not_event = server
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/posts/{}", chat.json["id"].as_str().unwrap()),
            Some(json!({ "capacity": 3 })),
            Some(anna),
        )
        .await;
    assert_eq!(
        not_event.assert_problem(422, "validation_failed")["errors"]["event"][0]["code"],
        "not_an_event"
    );
    server
        .post(
            &format!("{post}/cancellation"),
            json!({ "reason": "pioggia" }),
            Some(anna),
        )
        .await;
    let late = patch(
        &server,
        &post,
        json!({ "starts_at": "2030-05-03T10:00", "ends_at": "2030-05-03T12:00" }),
        anna,
    )
    .await;
    assert_eq!(
        late.assert_problem(422, "validation_failed")["errors"]["event"][0]["code"],
        "cancelled"
    );
}

async fn patch(server: &TestServer, path: &str, body: Value, who: &str) -> comune_tests::Reply {
    server
        .send(reqwest::Method::PATCH, path, Some(body), Some(who))
        .await
}

/// The kinds of the notifications someone has, sorted.
async fn kinds(server: &TestServer, token: &str) -> Vec<String> {
    let n = server.get("/api/v1/notifications", Some(token)).await;
    let mut k: Vec<String> = n.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_owned())
        .collect();
    k.sort();
    k
}
