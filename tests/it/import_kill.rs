//! Crash safety of `folio import`: SIGKILL at random moments, then a rerun.
//!
//! A source of a few hundred pages, posts, news items and assets is generated; one import of it
//! is the reference. Then, 30 times, `folio import SRC DEST` is killed after a random delay
//! (between 0 and 1.2 times the reference's duration) and DEST is checked: it does not exist, or
//! it is empty, or it is exactly the reference, or it holds the marker `.folio-import-incomplete`
//! that says it is unfinished. Never anything else. A rerun of the same command must then
//! succeed with the reference's exit code and leave exactly the reference, with no marker and no
//! staging directory left (or, when the import had finished before the kill, refuse the DEST that
//! is no longer empty and change nothing). The same again, 10 times, with `--force` into a DEST holding the
//! user's own files, which must never change. `FOLIO_KILL_SEED=N` replays a run.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Rng, Tree, tree};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const MARKER: &str = ".folio-import-incomplete";

/// A short description of how two trees differ.
fn diff(a: &Tree, b: &Tree) -> String {
    let missing: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).take(5).collect();
    let extra: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).take(5).collect();
    let changed: Vec<_> = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .take(5)
        .collect();
    format!("missing {missing:?}, extra {extra:?}, changed {changed:?}")
}

/// xorshift64*: enough randomness for kill delays, and replayable.
/// An al-folio site: 150 pages, 150 posts, 60 news items, 100 assets, a bibliography.
fn generate(src: &Path) {
    for d in [
        "_pages",
        "_posts",
        "_news",
        "assets/img",
        "assets/pdf",
        "_bibliography",
    ] {
        fs::create_dir_all(src.join(d)).unwrap();
    }
    fs::write(
        src.join("_config.yml"),
        "title: Kill test\nurl: https://kill.example\nbaseurl: \nfirst_name: Ada\nlast_name: Lovelace\nscholar:\n  bibliography: papers.bib\n",
    )
    .unwrap();
    fs::write(
        src.join("_pages/about.md"),
        "---\nlayout: about\npermalink: /\ntitle: about\nnews: true\n---\nHello from {{ site.title }}.\n",
    )
    .unwrap();
    for i in 0..150 {
        fs::write(
            src.join(format!("_pages/page-{i:03}.md")),
            format!(
                "---\nlayout: page\ntitle: Page {i}\npermalink: /page-{i}/\ndescription: page number {i}\n---\n# Page {i}\n\nSee [the home page]({{{{ '/' | relative_url }}}}) and {{% if page.x %}}logic{{% endif %}}.\n\n{}\n",
                "Some text for the page. ".repeat(40)
            ),
        )
        .unwrap();
    }
    for i in 0..150 {
        let day = i % 28 + 1;
        let month = i % 12 + 1;
        fs::write(
            src.join(format!("_posts/2020-{month:02}-{day:02}-post-{i:03}.md")),
            format!(
                "---\nlayout: post\ntitle: Post {i}\ntags: [a, b{}]\ncategories: notes\n---\nPost {i} with a figure:\n\n{{% include figure.liquid path=\"assets/img/img-{:03}.png\" class=\"img-fluid\" %}}\n\n{}\n",
                i % 5,
                i % 100,
                "A paragraph of the post. ".repeat(30)
            ),
        )
        .unwrap();
    }
    for i in 0..60 {
        fs::write(
            src.join(format!("_news/announcement_{i}.md")),
            format!("---\nlayout: post\ndate: 2021-03-{:02} 10:00:00\ninline: true\n---\nNews {i}: something happened.\n", i % 28 + 1),
        )
        .unwrap();
    }
    for i in 0..100 {
        let bytes: Vec<u8> = (0..8_192u32).map(|b| (b * 31 + i) as u8).collect();
        fs::write(src.join(format!("assets/img/img-{i:03}.png")), bytes).unwrap();
    }
    fs::write(src.join("assets/pdf/cv.pdf"), vec![b'%'; 50_000]).unwrap();
    let mut bib = String::new();
    for i in 0..100 {
        bib.push_str(&format!(
            "@article{{key{i},\n  title = {{Paper {i}}},\n  author = {{Lovelace, Ada}},\n  journal = {{J}},\n  year = {{20{:02}}}\n}}\n\n",
            i % 25
        ));
    }
    fs::write(src.join("_bibliography/papers.bib"), bib).unwrap();
}

fn import(src: &Path, dest: &Path, force: bool) -> (Option<i32>, String) {
    let mut cmd = Command::new(FOLIO);
    cmd.arg("import");
    if force {
        cmd.arg("--force");
    }
    let out = cmd.arg(src).arg(dest).output().unwrap();
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The hidden staging directory beside DEST.
fn beside(dest: &Path) -> std::path::PathBuf {
    dest.with_file_name(format!(
        ".{}.folio-import.tmp",
        dest.file_name().unwrap().to_string_lossy()
    ))
}

/// What a kill left in DEST.
#[derive(Debug, Default)]
struct States {
    absent_or_empty: usize,
    marked: usize,
    complete: usize,
}

/// `runs` kills and reruns of `folio import` into `dest`; `user` is what DEST holds before each
/// (imported with --force when not empty).
fn kill_runs(src: &Path, dest: &Path, user: &Tree, runs: usize, rng: &mut Rng) -> States {
    let force = !user.is_empty();
    let reset = || {
        let _ = fs::remove_dir_all(dest);
        let _ = fs::remove_dir_all(beside(dest));
        for (rel, bytes) in user {
            let path = dest.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
    };
    // The reference: an import never interrupted.
    reset();
    let start = Instant::now();
    let (code, log) = import(src, dest, force);
    let took = start.elapsed();
    assert!(matches!(code, Some(0 | 1)), "{log}");
    let reference = tree(dest);
    assert!(reference.len() > 500, "{} files", reference.len());
    assert!(!reference.contains_key(MARKER));
    println!(
        "reference import (force: {force}): {took:?}, {} files",
        reference.len()
    );

    let mut states = States::default();
    for run in 0..runs {
        reset();
        let delay = Duration::from_micros(rng.next() % (took.as_micros() as u64 * 6 / 5 + 1));
        let mut cmd = Command::new(FOLIO);
        cmd.arg("import");
        if force {
            cmd.arg("--force");
        }
        let mut child = cmd
            .arg(src)
            .arg(dest)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        // What the kill left: never a DEST half-written without the marker.
        let left = tree(dest);
        let context = format!("run {run} (force: {force}), killed after {delay:?}");
        for (rel, bytes) in user {
            assert_eq!(
                left.get(rel),
                Some(bytes),
                "{context}: the user's {rel} changed"
            );
        }
        let finished = if left.contains_key(MARKER) {
            states.marked += 1;
            false
        } else if left == *user {
            states.absent_or_empty += 1;
            false
        } else {
            assert!(
                left == reference,
                "{context}: DEST is neither untouched, nor complete, nor marked: {}",
                diff(&reference, &left)
            );
            states.complete += 1;
            true
        };

        // The same command again: the complete result, nothing left over. After an import that
        // had finished, it refuses the DEST that is no longer empty (with --force it would
        // import a second copy beside the first, by design: nothing to check).
        if finished && force {
            continue;
        }
        let (again, log) = import(src, dest, force);
        if finished {
            assert_eq!(again, Some(2), "{context}: the rerun: {log}");
            assert!(log.contains("not empty"), "{context}: {log}");
        } else {
            assert_eq!(again, code, "{context}: the rerun: {log}");
        }
        let after = tree(dest);
        assert!(
            after == reference,
            "{context}: the rerun differs from the reference: {}\n{log}",
            diff(&reference, &after)
        );
        assert!(
            !beside(dest).exists(),
            "{context}: the staging directory is left"
        );
    }
    states
}

#[test]
fn sigkill_at_random_moments_never_leaves_a_half_written_dest() {
    let seed = Rng::seed();
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    generate(&src);
    let dest = tmp.path().join("site");

    let states = kill_runs(&src, &dest, &Tree::new(), 30, &mut rng);
    println!("new DEST, 30 kills: {states:?}");
    assert_eq!(states.absent_or_empty + states.marked + states.complete, 30);

    let user: Tree = [
        ("notes.txt".to_owned(), b"my notes".to_vec()),
        ("config.toml".to_owned(), b"# mine\n".to_vec()),
        ("static/keep/me.txt".to_owned(), b"mine too".to_vec()),
    ]
    .into_iter()
    .collect();
    let states = kill_runs(&src, &dest, &user, 10, &mut rng);
    println!("--force into a DEST with the user's files, 10 kills: {states:?}");
}
