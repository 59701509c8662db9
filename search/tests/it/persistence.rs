//! The index on disk: reopening, corruption, schema versions, one owner at a time.

use std::fs;
use std::path::Path;

use comune_search::{SearchError, SearchIndex, INDEX_SUBDIR, SCHEMA_VERSION, SCHEMA_VERSION_FILE};

use crate::common::{doc, ids, search, upserts};

fn open(dir: &Path) -> (SearchIndex, bool) {
    let opened = SearchIndex::open(dir).expect("open");
    (opened.index, opened.needs_rebuild)
}

/// A directory holding an index with two documents, closed again.
fn populated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (index, needs_rebuild) = open(dir.path());
    assert!(needs_rebuild, "a new index needs filling");
    index
        .apply(&upserts([
            doc("a", "Orto comunitario", "Si semina"),
            doc("b", "Biblioteca", "Libri"),
        ]))
        .unwrap();
    drop(index);
    dir
}

#[test]
fn documents_survive_closing_and_reopening() {
    let dir = populated();
    let (index, needs_rebuild) = open(dir.path());
    assert!(!needs_rebuild);
    assert_eq!(index.num_docs(), 2);
    assert_eq!(ids(&search(&index, "orto ")), ["a"]);
    assert_eq!(
        fs::read_to_string(dir.path().join(SCHEMA_VERSION_FILE))
            .unwrap()
            .trim(),
        SCHEMA_VERSION.to_string()
    );
}

#[test]
fn a_corrupt_index_is_recreated_and_flagged() {
    let dir = populated();
    fs::write(
        dir.path().join(INDEX_SUBDIR).join("meta.json"),
        "{ this is not json",
    )
    .unwrap();
    let (index, needs_rebuild) = open(dir.path());
    assert!(needs_rebuild);
    assert_eq!(index.num_docs(), 0);
    index.apply(&upserts([doc("c", "Nuovo", "Dopo")])).unwrap();
    assert_eq!(index.num_docs(), 1);
    drop(index);
    let (index, needs_rebuild) = open(dir.path());
    assert!(!needs_rebuild, "the recreated index is healthy");
    assert_eq!(index.num_docs(), 1);
}

#[test]
fn corrupt_segment_files_are_recreated_too() {
    let dir = populated();
    let index_dir = dir.path().join(INDEX_SUBDIR);
    let mut damaged = 0;
    for entry in fs::read_dir(&index_dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") && !name.starts_with('.') {
            fs::write(&path, b"garbage").unwrap();
            damaged += 1;
        }
    }
    assert!(damaged > 0);
    let (index, needs_rebuild) = open(dir.path());
    assert!(needs_rebuild);
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn another_schema_version_is_recreated_and_flagged() {
    for recorded in ["0", "999", "not a number", ""] {
        let dir = populated();
        fs::write(dir.path().join(SCHEMA_VERSION_FILE), recorded).unwrap();
        let (index, needs_rebuild) = open(dir.path());
        assert!(needs_rebuild, "{recorded:?}");
        assert_eq!(index.num_docs(), 0, "{recorded:?}");
    }
}

#[test]
fn a_missing_version_file_or_index_is_recreated_and_flagged() {
    let dir = populated();
    fs::remove_file(dir.path().join(SCHEMA_VERSION_FILE)).unwrap();
    assert!(open(dir.path()).1);

    let dir = populated();
    fs::remove_dir_all(dir.path().join(INDEX_SUBDIR)).unwrap();
    let (index, needs_rebuild) = open(dir.path());
    assert!(needs_rebuild);
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn a_directory_in_use_is_refused_not_wiped() {
    let dir = populated();
    let (first, _) = open(dir.path());
    assert!(matches!(
        SearchIndex::open(dir.path()),
        Err(SearchError::Locked(_))
    ));
    assert_eq!(first.num_docs(), 2);
    first.apply(&upserts([doc("c", "Ancora", "Qui")])).unwrap();
    drop(first);
    let (reopened, needs_rebuild) = open(dir.path());
    assert!(!needs_rebuild);
    assert_eq!(reopened.num_docs(), 3);
}

#[test]
fn the_directory_is_created_when_missing() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("data").join("search");
    let (index, needs_rebuild) = open(&nested);
    assert!(needs_rebuild);
    assert_eq!(index.num_docs(), 0);
    assert!(nested.join(SCHEMA_VERSION_FILE).exists());
}
