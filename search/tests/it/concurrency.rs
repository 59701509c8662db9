//! Applying changes: replacement, deletion, visibility on return, and concurrent use.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;

use comune_search::{Change, SearchIndex};

use crate::common::{doc, ids, search, upserts};

#[test]
fn the_index_is_shareable_across_threads() {
    fn assert_shareable<T: Send + Sync + Clone + 'static>() {}
    assert_shareable::<SearchIndex>();
}

#[test]
fn changes_are_searchable_as_soon_as_apply_returns() {
    let index = SearchIndex::in_memory().unwrap();
    for i in 0..30u64 {
        index
            .apply(&upserts([doc(
                &format!("d{i}"),
                &format!("tok{i}x{i}"),
                "x",
            )]))
            .unwrap();
        let found = search(&index, &format!("tok{i}x{i} "));
        assert_eq!(ids(&found), [format!("d{i}")]);
        assert_eq!(index.num_docs(), i + 1);
    }
}

#[test]
fn upserts_replace_and_deletes_remove() {
    let index = SearchIndex::in_memory().unwrap();
    index
        .apply(&upserts([
            doc("a", "Vecchio titolo", "x"),
            doc("b", "Altro", "x"),
        ]))
        .unwrap();
    index
        .apply(&upserts([doc("a", "Nuovo titolo", "x")]))
        .unwrap();
    assert_eq!(index.num_docs(), 2);
    assert!(search(&index, "vecchio ").items.is_empty());
    assert_eq!(ids(&search(&index, "nuovo ")), ["a"]);

    index
        .apply(&[
            Change::Delete { id: "a".into() },
            Change::Delete { id: "zzz".into() },
        ])
        .unwrap();
    assert_eq!(index.num_docs(), 1);
    assert!(search(&index, "nuovo ").items.is_empty());

    // Within one batch the last change to an id wins.
    index
        .apply(&[
            Change::Upsert(doc("c", "Primo", "x")),
            Change::Upsert(doc("c", "Secondo", "x")),
            Change::Delete { id: "b".into() },
            Change::Upsert(doc("b", "Rinato", "x")),
        ])
        .unwrap();
    assert_eq!(index.num_docs(), 2);
    assert_eq!(ids(&search(&index, "secondo ")), ["c"]);
    assert!(search(&index, "primo ").items.is_empty());
    assert_eq!(ids(&search(&index, "rinato ")), ["b"]);

    index.apply(&[]).unwrap();
    assert_eq!(index.num_docs(), 2);
}

#[test]
fn a_rebuild_replaces_everything_at_once_and_an_abandoned_one_changes_nothing() {
    let index = SearchIndex::in_memory().unwrap();
    index
        .apply(&upserts([
            doc("a", "Vecchio orto", "x"),
            doc("b", "Altro", "x"),
        ]))
        .unwrap();

    let mut rebuild = index.rebuild().unwrap();
    rebuild
        .add(&[doc("c", "Nuovo orto", "x"), doc("d", "Piazza", "x")])
        .unwrap();
    // Until it is finished, searches see the index as it was.
    assert_eq!(ids(&search(&index, "orto ")), ["a"]);
    assert_eq!(rebuild.finish().unwrap(), 2);
    assert_eq!(ids(&search(&index, "orto ")), ["c"]);
    assert_eq!(index.num_docs(), 2);

    let mut abandoned = index.rebuild().unwrap();
    abandoned.add(&[doc("e", "Orto perduto", "x")]).unwrap();
    drop(abandoned);
    assert_eq!(ids(&search(&index, "orto ")), ["c"]);
    assert_eq!(index.num_docs(), 2);

    // The writer still works after the abandoned rebuild rolled back.
    index
        .apply(&upserts([doc("f", "Orto nuovo", "x")]))
        .unwrap();
    let results = search(&index, "orto ");
    let mut found = ids(&results);
    found.sort();
    assert_eq!(found, ["c", "f"]);
    assert_eq!(search(&index, "perduto ").total, 0);
}

#[test]
fn searches_run_while_several_threads_apply() {
    const WRITERS: usize = 3;
    const BATCHES: usize = 8;
    const PER_BATCH: usize = 10;
    let index = SearchIndex::in_memory().unwrap();
    let done = Arc::new(AtomicBool::new(false));

    let readers: Vec<_> = (0..3)
        .map(|_| {
            let index = index.clone();
            let done = Arc::clone(&done);
            thread::spawn(move || {
                let mut last_total = 0;
                let mut searches = 0;
                while !done.load(Ordering::Acquire) || searches == 0 {
                    let results = index.search(&crate::common::admin_query("orto")).unwrap();
                    assert!(results.total >= last_total, "documents only get added");
                    last_total = results.total;
                    searches += 1;
                }
                searches
            })
        })
        .collect();
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let index = index.clone();
            thread::spawn(move || {
                for b in 0..BATCHES {
                    let docs = (0..PER_BATCH)
                        .map(|n| doc(&format!("w{w}b{b}n{n}"), "Orto", &format!("lotto {n}")));
                    index.apply(&upserts(docs)).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().expect("writer panicked");
    }
    done.store(true, Ordering::Release);
    for reader in readers {
        assert!(reader.join().expect("reader panicked") > 0);
    }
    let expected = (WRITERS * BATCHES * PER_BATCH) as u64;
    assert_eq!(index.num_docs(), expected);
    assert_eq!(search(&index, "orto").total, expected);
}
