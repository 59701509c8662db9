//! The SQLite and PostgreSQL migrations must build the same schema: same tables, columns, type
//! families, nullability, primary keys, indexes and foreign keys. Run on both after migrating.

use std::collections::BTreeMap;

use comune_domain::db::{self, DatabaseUrl, DbConnection};
use comune_tests::{Backend, TestDb};
use diesel::sql_types::{Bool, Integer, Text};
use diesel::{QueryableByName, RunQueryDsl};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Column {
    family: &'static str,
    nullable: bool,
    primary_key: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Index {
    columns: Vec<String>,
    unique: bool,
    partial: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    column: String,
    references: String,
    on_delete: String,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    indexes: BTreeMap<String, Index>,
    foreign_keys: Vec<ForeignKey>,
}

type Schema = BTreeMap<String, Table>;

/// Both backends' names for a type, folded to one family. An unknown type fails the test, so a
/// new type gets a deliberate mapping.
fn family(declared: &str) -> &'static str {
    match declared.to_ascii_lowercase().as_str() {
        "text" | "character varying" | "varchar" => "text",
        "integer" | "int" | "bigint" | "smallint" => "integer",
        "boolean" | "bool" => "bool",
        "timestamp" | "timestamp without time zone" => "timestamp",
        "date" => "date",
        "real" | "double precision" | "double" => "float",
        "blob" | "bytea" => "binary",
        other => panic!("no type family for {other:?}: add it to tests/tests/schema.rs"),
    }
}

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[derive(QueryableByName)]
struct SqliteColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    r#type: String,
    #[diesel(sql_type = Integer)]
    notnull: i32,
    #[diesel(sql_type = Integer)]
    pk: i32,
}

#[derive(QueryableByName)]
struct SqliteIndex {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Integer)]
    unique: i32,
    #[diesel(sql_type = Integer)]
    partial: i32,
    #[diesel(sql_type = Text)]
    origin: String,
}

#[derive(QueryableByName)]
struct SqliteForeignKey {
    #[diesel(sql_type = Text)]
    from: String,
    #[diesel(sql_type = Text)]
    table: String,
    #[diesel(sql_type = Text)]
    to: String,
    #[diesel(sql_type = Text)]
    on_delete: String,
}

fn sqlite_schema(conn: &mut diesel::SqliteConnection) -> Schema {
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name != '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    let mut schema = Schema::new();
    for Name { name: table } in tables {
        let mut t = Table::default();
        let columns: Vec<SqliteColumn> = diesel::sql_query(format!(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"
        ))
        .load(conn)
        .unwrap();
        for c in columns {
            t.columns.insert(
                c.name,
                Column {
                    family: family(&c.r#type),
                    nullable: c.notnull == 0 && c.pk == 0,
                    primary_key: c.pk > 0,
                },
            );
        }
        let indexes: Vec<SqliteIndex> = diesel::sql_query(format!(
            "SELECT name, \"unique\", partial, origin FROM pragma_index_list('{table}')"
        ))
        .load(conn)
        .unwrap();
        for i in indexes.into_iter().filter(|i| i.origin == "c") {
            let columns: Vec<Name> = diesel::sql_query(format!(
                "SELECT name FROM pragma_index_info('{}') ORDER BY seqno",
                i.name
            ))
            .load(conn)
            .unwrap();
            t.indexes.insert(
                i.name,
                Index {
                    columns: columns.into_iter().map(|c| c.name).collect(),
                    unique: i.unique != 0,
                    partial: i.partial != 0,
                },
            );
        }
        let fks: Vec<SqliteForeignKey> = diesel::sql_query(format!(
            "SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"
        ))
        .load(conn)
        .unwrap();
        t.foreign_keys = fks
            .into_iter()
            .map(|f| ForeignKey {
                column: f.from,
                references: format!("{}.{}", f.table, f.to),
                on_delete: f.on_delete.to_uppercase(),
            })
            .collect();
        t.foreign_keys.sort();
        schema.insert(table, t);
    }
    schema
}

#[derive(QueryableByName)]
struct PgColumn {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    data_type: String,
    #[diesel(sql_type = Bool)]
    nullable: bool,
    #[diesel(sql_type = Bool)]
    primary_key: bool,
}

#[derive(QueryableByName)]
struct PgIndex {
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Bool)]
    is_unique: bool,
    #[diesel(sql_type = Bool)]
    partial: bool,
    #[diesel(sql_type = Text)]
    columns: String,
}

#[derive(QueryableByName)]
struct PgForeignKey {
    #[diesel(sql_type = Text)]
    column: String,
    #[diesel(sql_type = Text)]
    references: String,
    #[diesel(sql_type = Text)]
    on_delete: String,
}

fn postgres_schema(conn: &mut diesel::PgConnection) -> Schema {
    let tables: Vec<Name> = diesel::sql_query(
        "SELECT table_name::text AS name FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' \
         AND table_name != '__diesel_schema_migrations'",
    )
    .load(conn)
    .unwrap();
    let mut schema = Schema::new();
    for Name { name: table } in tables {
        let mut t = Table::default();
        let columns: Vec<PgColumn> = diesel::sql_query(format!(
            "SELECT c.column_name::text AS name, c.data_type::text AS data_type, \
                    c.is_nullable = 'YES' AS nullable, \
                    EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a \
                              ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) \
                            WHERE i.indrelid = '{table}'::regclass AND i.indisprimary \
                              AND a.attname = c.column_name) AS primary_key \
             FROM information_schema.columns c \
             WHERE c.table_schema = 'public' AND c.table_name = '{table}'"
        ))
        .load(conn)
        .unwrap();
        for c in columns {
            t.columns.insert(
                c.name,
                Column {
                    family: family(&c.data_type),
                    nullable: c.nullable,
                    primary_key: c.primary_key,
                },
            );
        }
        let indexes: Vec<PgIndex> = diesel::sql_query(format!(
            "SELECT ic.relname::text AS name, ix.indisunique AS is_unique, \
                    ix.indpred IS NOT NULL AS partial, \
                    string_agg(a.attname::text, ',' ORDER BY array_position(ix.indkey::int[], a.attnum::int)) AS columns \
             FROM pg_index ix \
             JOIN pg_class ic ON ic.oid = ix.indexrelid \
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ANY(ix.indkey) \
             WHERE ix.indrelid = '{table}'::regclass AND NOT ix.indisprimary \
             GROUP BY ic.relname, ix.indisunique, ix.indpred"
        ))
        .load(conn)
        .unwrap();
        for i in indexes {
            t.indexes.insert(
                i.name,
                Index {
                    columns: i.columns.split(',').map(str::to_owned).collect(),
                    unique: i.is_unique,
                    partial: i.partial,
                },
            );
        }
        let fks: Vec<PgForeignKey> = diesel::sql_query(format!(
            "SELECT a.attname::text AS column, \
                    (ft.relname || '.' || fa.attname)::text AS references, \
                    CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' \
                         WHEN 'd' THEN 'SET DEFAULT' WHEN 'r' THEN 'RESTRICT' \
                         ELSE 'NO ACTION' END AS on_delete \
             FROM pg_constraint c \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             JOIN pg_class ft ON ft.oid = c.confrelid \
             JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1] \
             WHERE c.contype = 'f' AND c.conrelid = '{table}'::regclass"
        ))
        .load(conn)
        .unwrap();
        t.foreign_keys = fks
            .into_iter()
            .map(|f| ForeignKey {
                column: f.column,
                references: f.references,
                on_delete: f.on_delete,
            })
            .collect();
        t.foreign_keys.sort();
        schema.insert(table, t);
    }
    schema
}

fn migrated(url: &str) -> DbConnection {
    let mut conn = DatabaseUrl::parse(url).unwrap().connect().unwrap();
    let applied = db::migrate(&mut conn).unwrap();
    assert!(!applied.is_empty(), "a fresh database gets every migration");
    conn
}

mod postgres {
    use super::*;

    #[test]
    fn sqlite_and_postgres_schemas_are_equal() {
        let dir = tempfile::tempdir().unwrap();
        let sqlite_db = TestDb::create(Backend::Sqlite, dir.path());
        let pg_db = TestDb::create(Backend::Postgres, dir.path());
        let DbConnection::Sqlite(mut sqlite) = migrated(&sqlite_db.url) else {
            unreachable!()
        };
        let DbConnection::Postgres(mut pg) = migrated(&pg_db.url) else {
            unreachable!()
        };
        let (left, right) = (sqlite_schema(&mut sqlite), postgres_schema(&mut pg));
        assert!(left.contains_key("accounts") && left["accounts"].indexes.len() >= 3);
        assert!(!left["refresh_tokens"].foreign_keys.is_empty());
        let tables: Vec<_> = left.keys().chain(right.keys()).collect();
        for table in tables {
            assert_eq!(
                left.get(table),
                right.get(table),
                "table {table} differs between migrations/sqlite (left) and migrations/postgres (right)"
            );
        }
        // Migrating again is a no-op on both.
        assert!(db::migrate(&mut DbConnection::Sqlite(sqlite))
            .unwrap()
            .is_empty());
        assert!(db::migrate(&mut DbConnection::Postgres(pg))
            .unwrap()
            .is_empty());
    }
}

mod sqlite {
    use super::*;

    #[test]
    fn the_sqlite_schema_reader_sees_what_migrations_made() {
        // Guards the reader itself: if it saw nothing, the equality above would prove nothing.
        let dir = tempfile::tempdir().unwrap();
        let db = TestDb::create(Backend::Sqlite, dir.path());
        let DbConnection::Sqlite(mut conn) = migrated(&db.url) else {
            unreachable!()
        };
        let schema = sqlite_schema(&mut conn);
        let accounts = &schema["accounts"];
        assert_eq!(
            accounts.columns["id"],
            Column {
                family: "text",
                nullable: false,
                primary_key: true
            }
        );
        assert!(accounts.columns["email"].nullable);
        assert_eq!(accounts.columns["is_admin"].family, "bool");
        assert_eq!(accounts.columns["created_at"].family, "timestamp");
        let local = &accounts.indexes["accounts_local_username_key"];
        assert!(local.unique && local.partial);
        assert_eq!(local.columns, ["username"]);
        assert_eq!(
            schema["refresh_tokens"].foreign_keys,
            [ForeignKey {
                column: "account_id".into(),
                references: "accounts.id".into(),
                on_delete: "CASCADE".into()
            }]
        );
    }
}
