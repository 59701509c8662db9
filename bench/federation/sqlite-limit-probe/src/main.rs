//! Does re-binding a LIMIT parameter make SQLite 3.53 re-prepare a cached
//! statement on every execution (as diesel binds `.first()`'s LIMIT each time)?
use libsqlite3_sys as ffi;
use std::ffi::CString;
use std::time::Instant;

unsafe fn exec(db: *mut ffi::sqlite3, sql: &str) {
    let s = CString::new(sql).expect("the probe's SQL has no NUL byte");
    assert_eq!(
        ffi::sqlite3_exec(
            db,
            s.as_ptr(),
            None,
            std::ptr::null_mut(),
            std::ptr::null_mut()
        ),
        0
    );
}

unsafe fn run(db: *mut ffi::sqlite3, sql: &str, bind_limit: bool, n: i64) {
    let s = CString::new(sql).expect("the probe's SQL has no NUL byte");
    let mut st = std::ptr::null_mut();
    assert_eq!(
        ffi::sqlite3_prepare_v3(
            db,
            s.as_ptr(),
            -1,
            ffi::SQLITE_PREPARE_PERSISTENT,
            &mut st,
            std::ptr::null_mut()
        ),
        0
    );
    let t = Instant::now();
    for i in 0..n {
        ffi::sqlite3_bind_int64(st, 1, (i % 1000) + 1);
        if bind_limit {
            ffi::sqlite3_bind_int64(st, 2, 1);
        }
        while ffi::sqlite3_step(st) == ffi::SQLITE_ROW {}
        ffi::sqlite3_reset(st);
    }
    let el = t.elapsed();
    let reprep = ffi::sqlite3_stmt_status(st, ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
    println!(
        "{sql:<60} {:>8.2} us/query, re-prepared {reprep} times in {n}",
        el.as_secs_f64() * 1e6 / n as f64
    );
    ffi::sqlite3_finalize(st);
}

fn main() {
    unsafe {
        let v = std::ffi::CStr::from_ptr(ffi::sqlite3_libversion());
        println!("SQLite {}", v.to_string_lossy());
        let mut db = std::ptr::null_mut();
        assert_eq!(ffi::sqlite3_open(c":memory:".as_ptr(), &mut db), 0);
        exec(db, "CREATE TABLE posts (id INTEGER PRIMARY KEY, ap_id TEXT UNIQUE, title TEXT, body TEXT, a INT, b INT, c INT, d TEXT, e TEXT, f TEXT)");
        exec(db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<1000) INSERT INTO posts SELECT i, 'http://x/' || i, 't', 'b', 1, 2, 3, 'd', 'e', 'f' FROM n");
        let n = 100_000;
        run(db, "SELECT * FROM posts WHERE id = ?1 LIMIT ?2", true, n);
        run(db, "SELECT * FROM posts WHERE id = ?1", false, n);
        run(db, "SELECT * FROM posts WHERE id = ?1 LIMIT 1", false, n);
        // The same with the query planner stability guarantee on (no value-dependent plans).
        let mut out = 0;
        ffi::sqlite3_db_config(
            db,
            ffi::SQLITE_DBCONFIG_ENABLE_QPSG,
            1i32,
            &mut out as *mut i32,
        );
        println!("with SQLITE_DBCONFIG_ENABLE_QPSG = {out}:");
        run(db, "SELECT * FROM posts WHERE id = ?1 LIMIT ?2", true, n);
    }
}
