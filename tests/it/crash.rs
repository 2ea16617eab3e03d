//! Crash safety of `folio rewrite`: SIGKILL at random moments over a few thousand pages.
//!
//! The site is the demo's real Zola output (tests/fixtures/demo) with its pages copied into
//! `copies/N/` until there are about 2,000 of them, every pass on (icons, profile, news, links,
//! code highlighting with its cache, math, stylesheets). One complete run of it is the reference.
//! Then, 30 times, `folio rewrite` is killed with SIGKILL after a random delay (between 0 and 1.1
//! times a complete run), in rounds of five kills in a row from the unfinished tree (each run
//! starting from what the one before left; one round in three with no highlight cache, so that
//! the runs are writing it), and after each kill the tree is checked: every file is its
//! old or its new complete version, byte for byte, and nothing else is there but folio's own
//! temporary files (`.folio-*.tmp`), which a killed run may leave. After each round a rerun must succeed,
//! remove every such file, say so, and leave exactly the reference tree; the highlight cache a
//! kill may have cut short is never served (the rerun's pages are the reference's).
//! `FOLIO_KILL_SEED=N` replays a run.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Rng, tree};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/demo");
const CONFIG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/config.toml");
const KILLS: usize = 30;
const COPIES: usize = 55;
/// Kills in a row before a rerun to completion.
const ROUND: usize = 5;

fn is_temp(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.starts_with(".folio-") && name.ends_with(".tmp")
}

/// The unfinished site: the demo's output, its pages copied `COPIES` times below `copies/`.
fn unfinished(public: &Path) {
    common::copy_tree(Path::new(DEMO), public);
    let pages: Vec<_> = tree(public)
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .collect();
    for n in 0..COPIES {
        for (rel, bytes) in &pages {
            let to = public.join(format!("copies/{n}/{rel}"));
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::write(to, bytes).unwrap();
        }
    }
}

fn rewrite(site: &Path) -> Command {
    let mut cmd = Command::new(FOLIO);
    cmd.arg("rewrite")
        .arg(site.join("public"))
        .arg("--site")
        .arg(site)
        .args(["--jobs", "2"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

#[test]
fn a_killed_rewrite_leaves_each_file_old_or_new_and_a_rerun_finishes_it() {
    let seed = Rng::seed();
    let mut rng = Rng(seed);

    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let public = site.join("public");
    fs::create_dir_all(&site).unwrap();
    fs::copy(CONFIG, site.join("config.toml")).unwrap();
    unfinished(&public);
    let old = tree(&public);
    let pages = old.keys().filter(|k| k.ends_with(".html")).count();
    assert!(pages >= 2000, "{pages} pages");

    // The reference: one complete run, without a cache to start from; then one with the cache
    // it wrote, which must give the same tree.
    let timed = |public: &Path| {
        let start = Instant::now();
        let out = rewrite(&site).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let took = start.elapsed();
        (tree(public), took)
    };
    let (new, cold) = timed(&public);
    fs::remove_dir_all(&public).unwrap();
    unfinished(&public);
    let (warm_tree, warm) = timed(&public);
    assert!(
        warm_tree == new,
        "a run served from the cache differs from one without"
    );
    let cache = site.join(".folio-cache");
    assert!(cache.is_dir());
    assert!(new.keys().all(|k| !is_temp(k)));
    let changed = old.iter().filter(|(k, v)| new.get(*k) != Some(v)).count();
    assert!(changed > pages / 2, "the run changes most pages: {changed}");

    let mut left_temps = 0;
    let mut mixed = 0;
    for kill in 0..KILLS {
        // Rounds of five kills in a row, each run starting from what the killed one left; one
        // round in three with no cache, so that the runs are writing it when they are killed.
        if kill % ROUND == 0 {
            fs::remove_dir_all(&public).unwrap();
            unfinished(&public);
            if kill % (3 * ROUND) == 0 {
                fs::remove_dir_all(&cache).unwrap();
            }
        }
        let full = if kill % (3 * ROUND) < ROUND {
            cold
        } else {
            warm
        };
        let delay = Duration::from_micros(rng.next() % (full.as_micros() as u64 * 11 / 10 + 1));
        let mut child = rewrite(&site).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let now = tree(&public);
        let mut temps = 0;
        let (mut as_old, mut as_new) = (0, 0);
        for (rel, bytes) in &now {
            if is_temp(rel) {
                temps += 1;
                continue;
            }
            let was = old.get(rel);
            let will = new.get(rel);
            assert!(
                was == Some(bytes) || will == Some(bytes),
                "kill {kill} after {delay:?} (FOLIO_KILL_SEED={seed}): {rel} is neither its old \
                 nor its new version ({} bytes)",
                bytes.len()
            );
            if was != will {
                if was == Some(bytes) {
                    as_old += 1;
                } else {
                    as_new += 1;
                }
            }
        }
        for rel in old.keys().chain(new.keys()) {
            // A file may be missing only if the complete run removes it (a replaced stylesheet).
            assert!(
                now.contains_key(rel) || !new.contains_key(rel) || !old.contains_key(rel),
                "kill {kill} (FOLIO_KILL_SEED={seed}): {rel} is missing"
            );
        }
        left_temps += usize::from(temps > 0);
        mixed += usize::from(as_old > 0 && as_new > 0);

        if kill % ROUND == ROUND - 1 {
            let rerun = rewrite(&site).output().unwrap();
            let said = String::from_utf8_lossy(&rerun.stderr);
            assert!(rerun.status.success(), "kill {kill}: rerun failed: {said}");
            if temps > 0 {
                assert!(
                    said.contains(&format!(
                        "{temps} temporary files of an interrupted run removed"
                    )),
                    "kill {kill}: {said}"
                );
            }
            assert!(
                tree(&public) == new,
                "kill {kill} (FOLIO_KILL_SEED={seed}): the rerun's tree differs from the reference"
            );
        }
    }
    eprintln!(
        "{KILLS} kills over {pages} pages (a complete run {cold:?}, {warm:?} from the cache): {mixed} left old and new \
         pages side by side, {left_temps} left temporary files, every rerun finished the tree"
    );
}

#[test]
fn check_and_audit_report_a_temporary_file_and_a_run_removes_it() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let public = site.join("public");
    fs::create_dir_all(&site).unwrap();
    fs::copy(CONFIG, site.join("config.toml")).unwrap();
    common::copy_tree(Path::new(DEMO), &public);
    assert!(rewrite(&site).output().unwrap().status.success());
    let leftover = public.join("blog/.folio-Ab12Cd.tmp");
    fs::write(&leftover, "half a page").unwrap();

    let folio = |args: &[&str]| {
        Command::new(FOLIO)
            .args(args)
            .arg(&public)
            .arg("--site")
            .arg(&site)
            .output()
            .unwrap()
    };
    let check = folio(&["rewrite", "--check"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert!(
        said.contains("would remove: ") && said.contains(".folio-Ab12Cd.tmp"),
        "{said}"
    );
    let audit = folio(&["audit"]);
    let said = String::from_utf8_lossy(&audit.stdout).into_owned()
        + &String::from_utf8_lossy(&audit.stderr);
    assert_eq!(audit.status.code(), Some(1), "{said}");
    assert!(
        said.contains("temporary files of interrupted runs: 1"),
        "{said}"
    );
    assert!(leftover.exists(), "--check and audit write nothing");

    let run = folio(&["rewrite"]);
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{said}");
    assert!(
        said.contains("1 temporary files of an interrupted run removed"),
        "{said}"
    );
    assert!(!leftover.exists());
    assert_eq!(folio(&["rewrite", "--check"]).status.code(), Some(0));
    assert_eq!(folio(&["audit"]).status.code(), Some(0));
}
