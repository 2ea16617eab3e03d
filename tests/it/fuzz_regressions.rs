//! Every input the fuzz targets found a bug with (minimised, committed under
//! tests/regressions/<target>/), run through the same check as the fuzz target
//! (fuzz/src/lib.rs, included here), so that each bug stays fixed without the nightly
//! toolchain or cargo-fuzz.

#[allow(dead_code)] // quiet_caught_panics is for the fuzz targets only
#[path = "../../fuzz/src/lib.rs"]
mod checks;

use std::path::Path;

const REGRESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/regressions");

/// Runs every committed input of `target` through its check; lists every input that fails.
fn run(target: &str) {
    let dir = Path::new(REGRESSIONS).join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // nothing found for this target yet
    };
    let mut files: Vec<_> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let failed: Vec<String> = files
        .iter()
        .filter(|file| {
            let data = std::fs::read(file).unwrap();
            std::panic::catch_unwind(|| checks::check(target, &data)).is_err()
        })
        .map(|file| file.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        failed.is_empty(),
        "{target}: {} of {} committed inputs fail their check: {failed:?}",
        failed.len(),
        files.len()
    );
}

#[test]
fn every_target_has_a_check_and_every_regression_dir_a_target() {
    for entry in std::fs::read_dir(REGRESSIONS).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            checks::TARGETS.contains(&name.as_str()),
            "tests/regressions/{name}: no fuzz target of that name"
        );
    }
}

#[test]
fn rewrite_page() {
    run("rewrite_page");
}

#[test]
fn import() {
    run("import");
}

#[test]
fn bibtex() {
    run("bibtex");
}

#[test]
fn config() {
    run("config");
}

#[test]
fn math() {
    run("math");
}

#[test]
fn css() {
    run("css");
}

/// The splice check on the pages that found bugs in the rewriter (none found one in the splice
/// yet: its own directory is empty).
#[test]
fn splice_on_the_rewrite_page_inputs() {
    let dir = Path::new(REGRESSIONS).join("rewrite_page");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let data = std::fs::read(entry.unwrap().path()).unwrap();
        checks::check("splice", &data);
        n += 1;
    }
    assert!(n > 0);
    run("splice");
}
