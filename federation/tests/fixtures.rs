//! Real ActivityPub JSON from 14 implementations (tests/fixtures/activitypub, from Lemmy's parser
//! tests): every actor, object and activity of a kind we accept parses; everything else is
//! refused with an error, never a panic.

use std::path::{Path, PathBuf};

use comune_federation::actors::ActorJson;
use comune_federation::inbox::Incoming;
use comune_federation::objects::IncomingObject;
use serde_json::Value;

const ACTORS: [&str; 5] = ["Person", "Group", "Application", "Service", "Organization"];
const OBJECTS: [&str; 6] = ["Page", "Article", "Note", "Event", "Question", "Video"];
const ACTIVITIES: [&str; 12] = [
    "Create", "Update", "Delete", "Follow", "Accept", "Undo", "Like", "Announce", "Flag", "Block",
    "Add", "Remove",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_fixture_parses_or_is_refused_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/activitypub");
    let mut all = Vec::new();
    files(&root, &mut all);
    assert!(all.len() >= 120, "fixtures missing: {}", all.len());
    let (mut accepted, mut refused) = (0, 0);
    for path in all {
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        let json: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        let kind = json["type"].as_str().unwrap_or_default().to_owned();
        if ACTORS.contains(&kind.as_str()) {
            let actor: Result<ActorJson, _> = serde_json::from_value(json.clone());
            assert!(actor.is_ok(), "{name}: actor refused: {:?}", actor.err());
            accepted += 1;
        } else if OBJECTS.contains(&kind.as_str()) {
            let object = IncomingObject::parse(&json);
            assert!(object.is_ok(), "{name}: object refused: {:?}", object.err());
            accepted += 1;
        } else if ACTIVITIES.contains(&kind.as_str()) {
            let activity: Result<Incoming, _> = serde_json::from_value(json.clone());
            let activity = activity.unwrap_or_else(|e| panic!("{name}: activity refused: {e}"));
            // The object of a Create or Update is what gets stored: it must parse too.
            if matches!(kind.as_str(), "Create" | "Update") && activity.object.is_object() {
                let inner = activity.object["type"].as_str().unwrap_or_default();
                if OBJECTS.contains(&inner) {
                    let object = IncomingObject::parse(&activity.object);
                    assert!(object.is_ok(), "{name}: object refused: {:?}", object.err());
                }
            }
            accepted += 1;
        } else {
            // Collections, tombstones, chat messages, Lemmy's moderation extras: not content we
            // store. They must be refused as objects without a panic.
            assert!(
                IncomingObject::parse(&json).is_err(),
                "{name}: {kind} accepted"
            );
            refused += 1;
        }
    }
    assert!(
        accepted > 100 && refused > 5,
        "{accepted} accepted, {refused} refused"
    );
}
