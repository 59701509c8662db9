// `embed_migrations!` reads the migration folders at compile time; without this, a new
// migration folder would not rebuild the crate, and the binary would lack it.
fn main() {
    println!("cargo:rerun-if-changed=../migrations");
}
