//! Links the `medlint` executable at a fixed address on x86-64 Linux. A position-independent
//! executable has its ~21,000 pointers in static data (the packs, word lists, Unicode tables)
//! relocated by the loader at every start, dirtying their pages: a tenth of a one-article
//! run's page faults. Only the binaries are linked so; the library stays position-independent.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let target = |key: &str| std::env::var(key).unwrap_or_default();
    if target("CARGO_CFG_TARGET_OS") == "linux" && target("CARGO_CFG_TARGET_ARCH") == "x86_64" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
