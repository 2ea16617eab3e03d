//! The search stage of `folio rewrite` over the demo site's real Zola output
//! (tests/fixtures/demo): which pages the Pagefind index holds, with which titles, anchors and
//! filters; a second run that changes nothing; `--check` and `folio audit` on a missing or stale
//! index; search off on a site of another theme.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use folio::audit;
use folio::config::Config;
use folio::engine::{self, Options, Outcome};

use common::{copy_tree, files_and_times};

const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/demo");

fn demo_config() -> Config {
    Config::load(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the demo site's config loads")
        .0
}

fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    copy_tree(Path::new(DEMO), &out);
    (dir, out)
}

fn run(out: &Path, config: &Config, check: bool) -> engine::Summary {
    let options = Options {
        check,
        ..Options::default()
    };
    let summary = engine::run(out, config, &options).unwrap();
    assert_eq!(summary.failed(), 0, "{:?}", summary.files);
    summary
}

fn index_outcome(summary: &engine::Summary, out: &Path) -> Outcome {
    let bundle = out.join("pagefind");
    summary
        .files
        .iter()
        .find(|(p, _)| *p == bundle)
        .map(|(_, o)| o.clone())
        .expect("an outcome for pagefind/")
}

/// One page of the index, from its Pagefind fragment (gzip of `pagefind_dcd` + JSON).
#[derive(Debug)]
struct Fragment {
    title: String,
    content: String,
    filters: BTreeMap<String, Vec<String>>,
    /// Anchors with a title of their own (sub-results), as (id, title).
    titled_anchors: Vec<(String, String)>,
}

/// The parts of the index below `pagefind/` other than its root, as folio-parts.json lists them.
fn parts(out: &Path) -> Vec<String> {
    let list: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("pagefind/folio-parts.json")).unwrap()).unwrap();
    list["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_owned())
        .collect()
}

/// Every page of the index, from all its parts.
fn fragments(out: &Path) -> BTreeMap<String, Fragment> {
    let mut pages = fragments_in(&out.join("pagefind"));
    for part in parts(out) {
        for (url, page) in fragments_in(&out.join("pagefind").join(part)) {
            assert!(
                pages.insert(url.clone(), page).is_none(),
                "{url} in two parts"
            );
        }
    }
    pages
}

fn fragments_in(bundle: &Path) -> BTreeMap<String, Fragment> {
    let mut pages = BTreeMap::new();
    for entry in fs::read_dir(bundle.join("fragment")).unwrap() {
        let bytes = fs::read(entry.unwrap().path()).unwrap();
        let mut text = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut text)
            .unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(text.strip_prefix(b"pagefind_dcd").unwrap_or(&text)).unwrap();
        let filters = json["filters"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                let mut values: Vec<String> = v
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect();
                values.sort();
                (k.clone(), values)
            })
            .collect();
        let titled_anchors = json["anchors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| {
                let title = a["title"].as_str()?;
                Some((a["id"].as_str()?.to_owned(), title.to_owned()))
            })
            .collect();
        pages.insert(
            json["url"].as_str().unwrap().to_owned(),
            Fragment {
                title: json["meta"]["title"].as_str().unwrap_or("").to_owned(),
                content: json["content"].as_str().unwrap().to_owned(),
                filters,
                titled_anchors,
            },
        );
    }
    pages
}

#[test]
fn the_index_holds_the_pages_a_visitor_searches() {
    let (_dir, out) = demo_copy();
    let summary = run(&out, &demo_config(), false);
    assert_eq!(index_outcome(&summary, &out), Outcome::Changed);
    for file in [
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-entry.json",
        "wasm.en.pagefind",
    ] {
        assert!(out.join("pagefind").join(file).is_file(), "{file}");
    }
    let pages = fragments(&out);
    let urls: Vec<&str> = pages.keys().map(String::as_str).collect();
    // Content pages, posts, news items, projects, the CV and the publications page.
    for url in [
        "/",
        "/blog/2023/randomized-matmul/",
        "/news/icml-2024/",
        "/projects/lowbit-kv/",
        "/cv/",
        "/publications/",
    ] {
        assert!(urls.contains(&url), "{url} not in {urls:?}");
    }
    // Listings and the 404 page are not.
    for url in urls.iter() {
        assert!(
            !(*url == "/blog/"
                || url.starts_with("/blog/page/")
                || url.starts_with("/tags/")
                || url.starts_with("/categories/")
                || *url == "/news/"
                || url.contains("404")),
            "{url} is a listing: {urls:?}"
        );
    }
    let about = &pages["/"];
    assert!(about.content.contains("KV Cache"), "{}", about.content);
    // The navbar, footer and social icons are not indexed.
    assert!(!about.content.contains("Skip to content"));
    assert!(!about.content.contains("Powered by"), "{}", about.content);
    assert!(!about.content.contains("Change theme"));
    assert!(!about.content.contains("Search this site"));
    let post = &pages["/blog/2023/randomized-matmul/"];
    assert_eq!(post.title, "Notes on randomized matrix multiplication");
    assert!(post.content.contains("Frobenius"));
    assert_eq!(
        post.filters["tag"],
        ["math", "sampling", "systems"],
        "{:?}",
        post.filters
    );
    assert_eq!(post.filters["category"], ["notes"]);
    let publications = &pages["/publications/"];
    assert_eq!(
        publications.filters["year"],
        ["2020", "2021", "2022", "2023", "2024"]
    );
    // Each entry is a sub-result named by its title, and its authors and venue are indexed.
    assert!(
        publications.titled_anchors.len() >= 8,
        "{:?}",
        publications.titled_anchors
    );
    assert!(
        publications
            .titled_anchors
            .iter()
            .any(|(id, title)| id.ends_with("liu2024lowbit") && title.contains("LowBit-KV")),
        "{:?}",
        publications.titled_anchors
    );
    assert!(publications.content.contains("Watanabe"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("pagefind/folio-search.json")).unwrap()).unwrap();
    assert_eq!(manifest["pages"].as_u64().unwrap() as usize, pages.len());
}

#[test]
fn a_second_run_changes_nothing_and_a_changed_page_rebuilds_the_index() {
    let (_dir, out) = demo_copy();
    let config = demo_config();
    run(&out, &config, false);
    let before = files_and_times(&out);
    let again = run(&out, &config, false);
    assert_eq!(again.changed(), 0, "{:?}", again.files);
    assert_eq!(index_outcome(&again, &out), Outcome::Unchanged);
    assert_eq!(files_and_times(&out), before, "a second run wrote a file");

    // A page changes: --check says the index would change and writes nothing; a run rebuilds it,
    // and the words of the new text are found.
    // A temporary file of an interrupted write of the index goes with the next rebuild.
    let leftover = out.join("pagefind/fragment/.folio-tmp-x.tmp");
    let page = out.join("cv/index.html");
    let html = fs::read_to_string(&page)
        .unwrap()
        .replace("</main>", "<p>Quetzalcoatlus</p></main>");
    fs::write(&page, html).unwrap();
    let check = run(&out, &config, true);
    assert_eq!(index_outcome(&check, &out), Outcome::WouldChange);
    fs::write(&leftover, "partial").unwrap();
    let rebuilt = run(&out, &config, false);
    assert_eq!(index_outcome(&rebuilt, &out), Outcome::Changed);
    assert!(!leftover.exists(), "the leftover temporary file is removed");
    assert!(fragments(&out)["/cv/"].content.contains("Quetzalcoatlus"));
    // No file of the old index is left behind: each fragment file is a page of the index.
    let files = fs::read_dir(out.join("pagefind/fragment")).unwrap().count();
    assert_eq!(files, fragments(&out).len());
    assert_eq!(
        index_outcome(&run(&out, &config, false), &out),
        Outcome::Unchanged
    );
}

#[test]
fn a_large_site_is_indexed_in_parts_and_back_in_one() {
    let (_dir, out) = demo_copy();
    let config = demo_config();
    let whole = run(&out, &config, false);
    assert_eq!(index_outcome(&whole, &out), Outcome::Changed);
    assert!(parts(&out).is_empty(), "the demo is one index");
    let all = fragments(&out);

    // Parts of at most 64 KiB of HTML: the same pages, each in exactly one part; only the root
    // has Pagefind's script and WebAssembly, and Pagefind's unused UIs are in none.
    let small = |check| Options {
        check,
        search_part_bytes: Some(64 << 10),
        ..Options::default()
    };
    let split = engine::run(&out, &config, &small(false)).unwrap();
    assert_eq!(index_outcome(&split, &out), Outcome::Changed);
    let names = parts(&out);
    assert!(names.len() >= 2, "{names:?}");
    let urls = |pages: &BTreeMap<String, Fragment>| pages.keys().cloned().collect::<Vec<_>>();
    assert_eq!(urls(&fragments(&out)), urls(&all));
    for part in &names {
        let dir = out.join("pagefind").join(part);
        assert!(dir.join("pagefind-entry.json").is_file(), "{part}");
        assert!(!dir.join("pagefind.js").exists(), "{part}");
        assert!(!dir.join("wasm.en.pagefind").exists(), "{part}");
    }
    for unused in [
        "pagefind-ui.js",
        "pagefind-ui.css",
        "pagefind-highlight.js",
        "playground",
    ] {
        assert!(!out.join("pagefind").join(unused).exists(), "{unused}");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("pagefind/folio-search.json")).unwrap()).unwrap();
    assert_eq!(manifest["pages"].as_u64().unwrap() as usize, all.len());
    // Idempotent in parts too.
    let again = engine::run(&out, &config, &small(false)).unwrap();
    assert_eq!(index_outcome(&again, &out), Outcome::Unchanged);
    assert_eq!(
        index_outcome(&engine::run(&out, &config, &small(true)).unwrap(), &out),
        Outcome::Unchanged
    );

    // Back to one index: the parts' files and directories are gone.
    let one = run(&out, &config, false);
    assert_eq!(index_outcome(&one, &out), Outcome::Changed);
    assert!(parts(&out).is_empty());
    for part in &names {
        assert!(!out.join("pagefind").join(part).exists(), "{part} is left");
    }
    assert_eq!(urls(&fragments(&out)), urls(&all));
}

#[test]
fn audit_says_when_the_index_is_missing_or_stale() {
    let (_dir, out) = demo_copy();
    let config = demo_config();
    run(&out, &config, false);
    let report = audit::run(&out, &config, Some(1)).unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert!(
        matches!(report.search, Some((true, n)) if n >= 15),
        "{}",
        report.summary()
    );
    assert!(
        report.summary().contains("search index: "),
        "{}",
        report.summary()
    );

    // Stale: a page changed after the index was built.
    let page = out.join("projects/lowbit-kv/index.html");
    let html = fs::read_to_string(&page)
        .unwrap()
        .replace("</main>", "<p>new</p></main>");
    fs::write(&page, html).unwrap();
    let report = audit::run(&out, &config, Some(1)).unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("built from other pages")),
        "{:#?}",
        report.problems
    );
    assert_eq!(report.search, Some((false, 0)));

    // Missing.
    fs::remove_dir_all(out.join("pagefind")).unwrap();
    let report = audit::run(&out, &config, Some(1)).unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("no search index")),
        "{:#?}",
        report.problems
    );
    run(&out, &config, false);
    let report = audit::run(&out, &config, Some(1)).unwrap();
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
}

#[test]
fn search_is_off_on_a_site_of_another_theme() {
    let (dir, out) = demo_copy();
    let config = Config::defaults_for(&out);
    assert!(!config.folio.search.enabled);
    let summary = run(&out, &config, false);
    assert!(!out.join("pagefind").exists());
    assert!(summary.files.iter().all(|(p, _)| !p.ends_with("pagefind")));
    // Turned on in the site's config: `search = true` is short for the table.
    let site = dir.path().join("config.toml");
    fs::write(
        &site,
        "base_url = \"https://example.com\"\n[extra.folio]\nsearch = true\n",
    )
    .unwrap();
    let (config, _) = Config::load_file(&site).unwrap();
    assert!(config.folio.search.enabled);
    run(&out, &config, false);
    assert!(out.join("pagefind/pagefind.js").is_file());

    // Turned off again: --check says the index would go, a run removes it and only it (a
    // file of the site's own in pagefind/ stays), and the next run has nothing to do.
    fs::write(out.join("pagefind/mine.txt"), "kept").unwrap();
    let off = Config::defaults_for(&out);
    assert_eq!(
        index_outcome(&run(&out, &off, true), &out),
        Outcome::WouldChange
    );
    assert!(out.join("pagefind/pagefind.js").is_file());
    assert_eq!(
        index_outcome(&run(&out, &off, false), &out),
        Outcome::Changed
    );
    let left: Vec<_> = walkdir::WalkDir::new(out.join("pagefind"))
        .into_iter()
        .map(|e| e.unwrap().path().strip_prefix(&out).unwrap().to_owned())
        .collect();
    assert_eq!(
        left,
        [Path::new("pagefind"), Path::new("pagefind/mine.txt")]
    );
    let again = run(&out, &off, false);
    assert!(again.files.iter().all(|(p, _)| !p.ends_with("pagefind")));
}
