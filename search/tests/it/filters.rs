//! Filters, visibility (hits, totals and facets) and facet counts.

use std::collections::BTreeMap;

use comune_search::{Kind, Query, Results, Viewer, Visibility};

use crate::common::{admin_query, days_ago, doc, id_set, ids, index_with, search};

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

fn as_viewer(index: &comune_search::SearchIndex, text: &str, viewer: Viewer) -> Results {
    index
        .search(&Query {
            text: text.to_owned(),
            viewer,
            limit: 100,
            ..Query::default()
        })
        .expect("search")
}

fn member_of(communities: &[&str]) -> Viewer {
    Viewer {
        member_of: communities.iter().map(|c| (*c).to_owned()).collect(),
        is_admin: false,
    }
}

/// Five documents about a "festa": one members-only in san-salvario.
fn neighbourhood() -> comune_search::SearchIndex {
    let mut secret = doc(
        "secret",
        "Festa riservata",
        "Solo per i soci: festa in cortile",
    );
    secret.visibility = Visibility::Members {
        community: "san-salvario".into(),
    };
    let mut event = doc("event", "Festa di via", "Musica e festa");
    event.kind = Kind::Event;
    event.channel_kind = Some("events".into());
    let mut vanchiglia = doc("vanchiglia", "Festa sul fiume", "Festa a Vanchiglia");
    vanchiglia.community = Some("vanchiglia".into());
    let mut old = doc("old", "Festa dell'anno scorso", "Ricordi della festa");
    old.created_at = days_ago(400);
    let mut site_wide = doc("sitewide", "Festa cittadina", "Per tutti: festa");
    site_wide.community = None;
    site_wide.kind = Kind::Announcement;
    site_wide.channel_kind = None;
    index_with([secret, event, vanchiglia, old, site_wide])
}

#[test]
fn anonymous_viewers_never_see_members_only_documents_not_even_in_counts() {
    let index = neighbourhood();
    let anonymous = as_viewer(&index, "festa", Viewer::default());
    assert_eq!(
        id_set(&anonymous),
        ["event", "old", "sitewide", "vanchiglia"]
    );
    assert_eq!(anonymous.total, 4);
    assert_eq!(
        anonymous.facets.kind,
        counts(&[("announcement", 1), ("event", 1), ("thread", 2)])
    );
    assert_eq!(
        anonymous.facets.community,
        counts(&[("san-salvario", 2), ("vanchiglia", 1)])
    );
    // Even a query naming the secret's own words finds nothing.
    let probe = as_viewer(&index, "riservata soci cortile", Viewer::default());
    assert_eq!((probe.total, probe.items.len()), (0, 0));
    assert!(probe.facets.kind.is_empty() && probe.facets.community.is_empty());
}

#[test]
fn members_see_their_community_and_only_theirs() {
    let index = neighbourhood();
    let member = as_viewer(&index, "festa", member_of(&["san-salvario"]));
    assert_eq!(member.total, 5);
    assert!(ids(&member).contains(&"secret"));
    assert_eq!(member.facets.kind.get("thread"), Some(&3));
    assert_eq!(member.facets.community.get("san-salvario"), Some(&3));

    let elsewhere = as_viewer(&index, "festa", member_of(&["vanchiglia", "aurora"]));
    assert_eq!(elsewhere.total, 4);
    assert!(!ids(&elsewhere).contains(&"secret"));

    let admin = search(&index, "festa");
    assert_eq!(admin.total, 5);
}

#[test]
fn many_memberships_use_the_set_filter_with_the_same_result() {
    let index = neighbourhood();
    let mut communities: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
    let without = as_viewer(
        &index,
        "festa",
        Viewer {
            member_of: communities.clone(),
            is_admin: false,
        },
    );
    assert_eq!(without.total, 4);
    communities.push("san-salvario".into());
    let with = as_viewer(
        &index,
        "festa",
        Viewer {
            member_of: communities,
            is_admin: false,
        },
    );
    assert_eq!(with.total, 5);
}

#[test]
fn filters_by_community_kind_channel_and_time() {
    let index = neighbourhood();
    let run = |edit: &dyn Fn(&mut Query)| {
        let mut q = admin_query("festa");
        edit(&mut q);
        let results = index.search(&q).expect("search");
        assert_eq!(results.total as usize, results.items.len());
        id_set(&results)
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        run(&|q| q.community = Some("vanchiglia".into())),
        ["vanchiglia"]
    );
    assert_eq!(run(&|q| q.kinds = vec![Kind::Event]), ["event"]);
    assert_eq!(
        run(&|q| q.kinds = vec![Kind::Event, Kind::Announcement]),
        ["event", "sitewide"]
    );
    assert_eq!(run(&|q| q.channel_kind = Some("events".into())), ["event"]);
    assert_eq!(run(&|q| q.to = Some(days_ago(30))), ["old"]);
    assert_eq!(run(&|q| q.from = Some(days_ago(30))).len(), 4);
    assert_eq!(
        run(&|q| {
            q.from = Some(days_ago(30));
            q.community = Some("san-salvario".into());
            q.kinds = vec![Kind::Thread];
        }),
        ["secret"]
    );
    assert!(run(&|q| {
        q.from = Some(days_ago(1));
        q.to = Some(days_ago(2));
    })
    .is_empty());
    assert!(run(&|q| q.community = Some("nowhere".into())).is_empty());
}

#[test]
fn filters_leave_scores_and_stop_words_as_they_were() {
    let index = neighbourhood();
    // Exact, typo ("fessta"), prefix ("fes") and stop-word matches, each alone and together.
    for text in ["festa", "fessta", "fes", "la festa", "festa fiume"] {
        let unfiltered = index.search(&admin_query(text)).expect("search");
        let mut q = admin_query(text);
        q.community = Some("san-salvario".into());
        q.kinds = vec![Kind::Thread, Kind::Event];
        q.from = Some(days_ago(30));
        let filtered = index.search(&q).expect("search");
        assert!(
            !filtered.items.is_empty() || text == "festa fiume",
            "{text}"
        );
        for hit in &filtered.items {
            let same = unfiltered
                .items
                .iter()
                .find(|h| h.id == hit.id)
                .unwrap_or_else(|| panic!("{text}: {} only when filtered", hit.id));
            assert_eq!(hit.score, same.score, "{text}: {}", hit.id);
            assert_eq!(hit.snippet, same.snippet, "{text}: {}", hit.id);
        }
        let expected: Vec<&str> = unfiltered
            .items
            .iter()
            .filter(|h| ["secret", "event"].contains(&h.id.as_str()))
            .map(|h| h.id.as_str())
            .collect();
        assert_eq!(ids(&filtered), expected, "{text}");
    }
}

#[test]
fn time_range_is_inclusive_from_and_exclusive_to() {
    let when = days_ago(10);
    let mut d = doc("d", "Festa", "Festa");
    d.created_at = when;
    let index = index_with([d]);
    let mut q = admin_query("festa");
    q.from = Some(when);
    assert_eq!(index.search(&q).unwrap().total, 1);
    q.from = None;
    q.to = Some(when);
    assert_eq!(index.search(&q).unwrap().total, 0);
}

#[test]
fn facets_count_every_match_not_only_the_page() {
    let index = neighbourhood();
    let mut q = admin_query("festa");
    q.limit = 2;
    let page = index.search(&q).expect("search");
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.total, 5);
    assert_eq!(page.facets.kind.values().sum::<u64>(), 5);
    assert_eq!(
        page.facets.community.values().sum::<u64>(),
        4,
        "one has none"
    );
}

#[test]
fn browsing_without_text_lists_the_newest_visible_documents() {
    let index = neighbourhood();
    let all = as_viewer(&index, "  \t ", Viewer::default());
    assert_eq!(all.total, 4);
    assert_eq!(ids(&all).last(), Some(&"old"), "oldest last");
    assert!(all
        .items
        .windows(2)
        .all(|w| w[0].created_at >= w[1].created_at));
    assert!(all.items.iter().all(|h| h.score == 0.0));

    let q = Query {
        kinds: vec![Kind::Event],
        ..Query::default()
    };
    assert_eq!(ids(&index.search(&q).unwrap()), ["event"]);
}
