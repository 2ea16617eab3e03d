//! The `folio` command as a user runs it: exit codes, messages, and (when zola is on PATH or in
//! $ZOLA) real Zola builds of a `folio init` site and of an existing site after `folio theme install`.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{copy_tree, zola};

const FOLIO: &str = env!("CARGO_BIN_EXE_folio");
const DEMO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/demo");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn folio(args: &[&str], dir: &Path) -> Output {
    Command::new(FOLIO)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The demo's real Zola output copied to a temporary `public/`, and that directory's path.
fn demo_output() -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    copy_tree(Path::new(DEMO), &public);
    let public = public.to_str().unwrap().to_owned();
    (tmp, public)
}

#[test]
fn check_exits_1_on_a_fresh_build_and_0_once_rewritten() {
    let (_tmp, public) = demo_output();
    let root = Path::new(ROOT);
    let public = public.as_str();

    let check = folio(&["rewrite", public, "--check", "--site", ROOT], root);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(text(&check).contains("would change:"), "{}", text(&check));

    let run = folio(&["rewrite", public, "--site", ROOT, "--jobs", "2"], root);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let summary = text(&run);
    assert!(
        summary.contains(" changed, ") && summary.contains(" 0 failed"),
        "{summary}"
    );

    let check = folio(&["rewrite", public, "--check", "--site", ROOT], root);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
}

#[test]
fn audit_exits_1_listing_problems_then_0_once_rewritten_and_2_without_a_directory() {
    let (tmp, public) = demo_output();
    let root = Path::new(ROOT);
    let public = public.as_str();

    let before = folio(&["audit", public, "--site", ROOT], root);
    assert_eq!(before.status.code(), Some(1), "{}", text(&before));
    let out = text(&before);
    assert!(
        out.contains("problem: ") && out.contains("is not highlighted"),
        "{out}"
    );
    // It wrote nothing: a rewrite still has every page to do.
    let check = folio(&["rewrite", public, "--check", "--site", ROOT], root);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));

    let run = folio(&["rewrite", public, "--site", ROOT], root);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let after = folio(&["audit", public, "--site", ROOT], root);
    assert_eq!(after.status.code(), Some(0), "{}", text(&after));
    let out = text(&after);
    assert!(
        !out.contains("problem: ") && out.contains("problems: 0"),
        "{out}"
    );

    let missing = folio(&["audit"], tmp.path());
    assert_eq!(missing.status.code(), Some(2), "{}", text(&missing));
    assert!(
        text(&missing).contains("run `folio audit public` or pass --site DIR"),
        "{}",
        text(&missing)
    );
}

/// The demo's output as `zola build --base-url http://127.0.0.1:1111/` writes it.
fn demo_built_for(base: &str, dir: &Path) {
    copy_tree(Path::new(DEMO), dir);
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "html" || e == "xml") {
            let text = fs::read_to_string(path).unwrap();
            fs::write(path, text.replace("https://example.com", base)).unwrap();
        }
    }
}

#[test]
fn base_url_option_for_a_build_with_another_base_url() {
    let base = "http://127.0.0.1:1111";
    let tmp = tempfile::tempdir().unwrap();
    let root = Path::new(ROOT);
    let link = |public: &Path| {
        let html = fs::read_to_string(public.join("index.html")).unwrap();
        let start = html.find(r#"<link rel="stylesheet" href=""#).unwrap();
        html[start..start + html[start..].find('>').unwrap()].to_owned()
    };
    // Without the option, the config's base_url (https://example.com) does not match the links:
    // the stylesheets are not the site's own files as far as folio can tell.
    let plain = tmp.path().join("plain");
    demo_built_for(base, &plain);
    let out = folio(&["rewrite", plain.to_str().unwrap(), "--site", ROOT], root);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!link(&plain).contains("integrity="), "{}", link(&plain));
    // With it, they are fingerprinted under that base, as with the config's own.
    let public = tmp.path().join("public");
    demo_built_for(base, &public);
    let dir = public.to_str().unwrap();
    let args = ["rewrite", dir, "--site", ROOT, "--base-url", base];
    let out = folio(&args, root);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let css = link(&public);
    let re = regex::Regex::new(r#"^<link rel="stylesheet" href="http://127\.0\.0\.1:1111/folio\.[0-9a-f]{16}\.css" integrity="sha384-"#).unwrap();
    assert!(re.is_match(&css), "{css}");
    assert!(!public.join("folio.css").exists());
    // The second run changes nothing.
    let check = folio(
        &[
            "rewrite",
            dir,
            "--site",
            ROOT,
            "--base-url",
            base,
            "--check",
        ],
        root,
    );
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
}

#[test]
fn a_bad_file_is_named_and_exits_2_while_the_rest_is_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("bad.html"), b"<p>\xff\xfe</p>").unwrap();
    fs::write(tmp.path().join("good.html"), b"<a href=\"a@b.org\">a</a>").unwrap();
    let out = folio(&["rewrite", "."], tmp.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("bad.html: not UTF-8"), "{}", text(&out));
    assert_eq!(
        fs::read_to_string(tmp.path().join("good.html")).unwrap(),
        "<a href=\"mailto:a@b.org\">a</a>"
    );
}

#[test]
fn config_problems_are_reported_with_file_line_and_key() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("public")).unwrap();
    fs::write(
        tmp.path().join("config.toml"),
        "base_url = \"/\"\n[extra.folio.links]\nnew_tab = true\n",
    )
    .unwrap();
    let out = folio(&["rewrite"], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("config.toml:3: unknown key `extra.folio.links.new_tab`"),
        "{}",
        text(&out)
    );

    fs::write(
        tmp.path().join("config.toml"),
        "base_url = \"/\"\n[extra.folio.icons]\nenabled = \"no\"\n",
    )
    .unwrap();
    let out = folio(&["rewrite"], tmp.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let msg = text(&out);
    assert!(
        msg.contains("config.toml:3:11") && msg.contains("extra.folio.icons.enabled"),
        "{msg}"
    );
    assert!(!msg.contains("panicked"), "{msg}");
}

#[test]
fn build_without_zola_says_how_to_install_it() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("config.toml"), "base_url = \"/\"\n").unwrap();
    let out = Command::new(FOLIO)
        .args(["build", "."])
        .current_dir(tmp.path())
        .env("PATH", tmp.path())
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out).contains("zola was not found on PATH"),
        "{}",
        text(&out)
    );
}

/// zola's output must carry no warning and no error.
fn assert_clean_build(zola: &Path, site: &Path) {
    let out = Command::new(FOLIO)
        .args(["build", "--zola", zola.to_str().unwrap(), "."])
        .current_dir(site)
        .output()
        .unwrap();
    let all = text(&out);
    assert!(out.status.success(), "{all}");
    assert!(!all.to_lowercase().contains("warn"), "{all}");
    assert!(site.join("public/index.html").is_file());
}

#[test]
fn init_site_builds_with_real_zola() {
    let Some(zola) = zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = folio(&["init", site.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", text(&out));
    assert_clean_build(&zola, &site);
    let about = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(about.contains("class=\"profile float-right\""), "{about}");
    assert!(about.contains("<svg"), "icons inlined");
}

/// folio merges theme.toml's `[extra]` under the site's as real Zola 0.22.1 does: on a `folio
/// init` site, a table meeting a table merges (both build), an array replaces the theme's, a
/// scalar meeting the theme's table is refused by both, naming the key; and the documented form
/// of the math switch builds and rewrites.
#[test]
fn the_config_merge_is_zolas_with_real_zola() {
    let Some(zola) = zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = folio(&["init", site.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", text(&out));
    // The theme's defaults only (no [extra.folio] of the site's own), then one case at a time.
    let base = "base_url = \"https://merge.example\"\ntitle = \"Merge\"\ntheme = \"folio\"\n\
                compile_sass = true\ntaxonomies = [{ name = \"tags\" }, { name = \"categories\" }]\n";
    let cases = [
        ("[extra.folio.news]\nlimit = 3\n", true),
        ("[extra.folio.css]\ntargets = [\"chrome >= 120\"]\n", true),
        ("[extra.folio.math]\neverywhere = true\n", true),
        ("[extra.folio]\nmath = true\n", false),
        ("[extra.folio.news]\nheading_ids = \"news\"\n", true),
    ];
    for (extra, zola_builds) in cases {
        fs::write(site.join("config.toml"), format!("{base}{extra}")).unwrap();
        let zola_out = Command::new(&zola)
            .arg("build")
            .current_dir(&site)
            .output()
            .unwrap();
        let config = folio::config::Config::load(&site);
        let all = text(&zola_out);
        assert_eq!(
            zola_out.status.success(),
            zola_builds,
            "zola on {extra:?}: {all}"
        );
        if !zola_builds {
            assert!(all.contains("Cannot merge"), "{all}");
            let err = config
                .expect_err("folio refuses what Zola refuses")
                .to_string();
            assert!(err.contains("[extra.folio] math"), "{err}");
            continue;
        }
        if extra.contains("heading_ids") {
            // Zola merges it (a scalar over the theme's array); folio's typed read refuses a
            // string where a list belongs, naming the key.
            let err = config
                .expect_err("a string is not a list of ids")
                .to_string();
            assert!(err.contains("heading_ids") || err.contains("news"), "{err}");
            continue;
        }
        let (config, _) = config.unwrap_or_else(|e| panic!("folio on {extra:?}: {e}"));
        let f = &config.folio;
        if extra.contains("limit") {
            assert_eq!(f.news.limit, Some(3));
            assert!(f.news.enabled, "the theme's other keys are kept");
            assert_eq!(f.news.heading_ids, ["news"]);
        }
        if extra.contains("targets") {
            assert_eq!(
                f.css.targets,
                ["chrome >= 120"],
                "an array replaces the theme's"
            );
        }
        if extra.contains("everywhere") {
            assert!(f.math.enabled && f.math.everywhere);
            let rewrite = folio(&["rewrite"], &site);
            assert!(rewrite.status.success(), "{}", text(&rewrite));
        }
    }
}

#[test]
fn theme_install_into_an_existing_site_builds_with_real_zola() {
    let Some(zola) = zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    fs::create_dir_all(site.join("content")).unwrap();
    fs::write(
        site.join("config.toml"),
        "base_url = \"https://existing.example\"\ntitle = \"An existing site\"\n\n[extra]\n",
    )
    .unwrap();
    fs::write(
        site.join("content/_index.md"),
        "+++\ntitle = \"Home\"\n+++\nHello.\n",
    )
    .unwrap();
    let out = folio(&["theme", "install", "."], site);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("theme = \"folio\""), "{}", text(&out));
    let config = fs::read_to_string(site.join("config.toml")).unwrap();
    fs::write(
        site.join("config.toml"),
        format!("theme = \"folio\"\ncompile_sass = true\n{config}"),
    )
    .unwrap();
    assert_clean_build(&zola, site);
}

#[test]
fn a_failed_build_names_the_bibtex_entry_that_does_not_close() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path();
    fs::create_dir_all(site.join("content")).unwrap();
    fs::write(site.join("config.toml"), "base_url = \"/\"\n").unwrap();
    fs::write(
        site.join("content/papers.bib"),
        "@article{good, title={A}}\n@article{broken, title={B\n@book{c, title={C}}\n",
    )
    .unwrap();
    // A zola that fails the way a .bib syntax error makes it fail.
    let fake = site.join("fake-zola");
    fs::write(
        &fake,
        "#!/bin/sh\necho 'Error: Failed to build the site' >&2\nexit 1\n",
    )
    .unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let out = folio(&["build", "--zola", fake.to_str().unwrap(), "."], site);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("papers.bib:2: the BibTeX entry `broken` does not close"),
        "{}",
        text(&out)
    );
}

#[test]
fn serve_without_zola_says_how_to_install_it() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("config.toml"), "base_url = \"/\"\n").unwrap();
    let out = Command::new(FOLIO)
        .args(["serve", ".", "--port", "0"])
        .current_dir(tmp.path())
        .env("PATH", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let msg = text(&out);
    assert!(msg.contains("zola was not found on PATH"), "{msg}");
    assert!(msg.contains("the first build failed"), "{msg}");
}

/// One HTTP/1.1 GET: the status line and the body.
fn http_get(url: &str) -> (String, String) {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

#[test]
fn serve_builds_rewrites_serves_and_rebuilds_with_real_zola() {
    use std::io::BufRead;
    let Some(zola) = zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    for entry in ["content", "sass", "static"] {
        copy_tree(&Path::new(ROOT).join(entry), &site.join(entry));
    }
    fs::copy(
        Path::new(ROOT).join("config.toml"),
        site.join("config.toml"),
    )
    .unwrap();
    copy_tree(&Path::new(ROOT).join("theme"), &site.join("themes/folio"));
    // SITE given relative to the current directory: zola runs in SITE, folio here.
    let mut child = Command::new(FOLIO)
        .args(["serve", "site", "--port", "0", "--zola"])
        .arg(&zola)
        .current_dir(tmp.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Killed at the end of the test, whatever happens.
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().unwrap();
    let _guard = Kill(child);
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned();

    // The rewritten site, for this address: stylesheets fingerprinted under it, icons inline,
    // and the reload script; public/ is not touched.
    let (status, home) = http_get(&url);
    assert_eq!(status, "HTTP/1.1 200 OK");
    let sheet = regex::Regex::new(&format!(
        r#"<link rel="stylesheet" href="({}folio\.[0-9a-f]{{16}}\.css)" integrity="sha384-"#,
        regex::escape(&url)
    ))
    .unwrap();
    let css = sheet.captures(&home).unwrap_or_else(|| panic!("{home}"))[1].to_owned();
    assert!(home.contains("<svg"), "icons inline");
    assert!(home.contains("/__folio/build"));
    assert!(!site.join("public").exists());
    assert!(site.join(".folio-serve/index.html").is_file());
    assert!(!site.join("site").exists());
    assert_eq!(http_get(&css).0, "HTTP/1.1 200 OK");
    assert_eq!(
        http_get(&format!("{url}blog")).0,
        "HTTP/1.1 301 Moved Permanently"
    );
    assert_eq!(
        http_get(&format!("{url}../config.toml")).0,
        "HTTP/1.1 404 Not Found"
    );
    assert_eq!(http_get(&format!("{url}__folio/build")).1, "1");

    // An edit: built again, the build number moves, the page shows it.
    let about = site.join("content/_index.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(
        &about,
        text.replace("Feel free to reach out", "Do reach out"),
    )
    .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while http_get(&format!("{url}__folio/build")).1 == "1" {
        assert!(
            std::time::Instant::now() < deadline,
            "no rebuild after an edit"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(http_get(&url).1.contains("Do reach out"));
}

#[test]
fn version_names_the_theme_and_an_old_copy_of_the_theme_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let out = folio(&["--version"], tmp.path());
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("folio {version} (theme folio {version}, embedded)")
    );
    // A site whose theme copy is of another release: the rewrite says so and how to update.
    let site = tmp.path().join("site");
    assert!(
        folio(&["init", site.to_str().unwrap()], tmp.path())
            .status
            .success()
    );
    let theme_toml = site.join("themes/folio/theme.toml");
    let original = fs::read_to_string(&theme_toml).unwrap();
    let rewrite = |site: &Path| {
        fs::create_dir_all(site.join("public")).unwrap();
        text(&folio(
            &["rewrite", "--site", site.to_str().unwrap(), "public"],
            site,
        ))
    };
    assert!(!rewrite(&site).contains("folio theme install"));
    fs::write(
        &theme_toml,
        original.replace(&format!("version = \"{version}\""), "version = \"0.0.1\""),
    )
    .unwrap();
    let said = rewrite(&site);
    assert!(
        said.contains("theme.toml: this copy of the folio theme is version 0.0.1")
            && said.contains("run `folio theme install`"),
        "{said}"
    );
}

#[test]
fn build_and_serve_of_a_directory_that_is_not_a_site_say_so() {
    let tmp = tempfile::tempdir().unwrap();
    for command in ["build", "serve"] {
        let out = folio(&[command, "--site", "/nonexistent"], tmp.path());
        assert!(
            text(&out).contains("/nonexistent: no such directory"),
            "{}",
            text(&out)
        );
        let out = folio(&[command, "/nonexistent"], tmp.path());
        let msg = text(&out);
        assert_eq!(out.status.code(), Some(2), "{msg}");
        assert!(
            msg.contains("/nonexistent: no such directory")
                && msg.contains(&format!("`folio {command} DIR`"))
                && !msg.contains("zola was not found")
                && !msg.contains("--site"),
            "{msg}"
        );
        let out = folio(&[command, "."], tmp.path());
        let msg = text(&out);
        assert_eq!(out.status.code(), Some(2), "{msg}");
        assert!(msg.contains("no zola.toml or config.toml in ."), "{msg}");
    }
    // A wrong type in [extra.folio] stops `folio build` before zola runs (zola is not on PATH
    // here: a build that got to zola would say so instead).
    fs::write(
        tmp.path().join("config.toml"),
        "base_url = \"/\"\n[extra.folio.news]\nlimit = \"five\"\n",
    )
    .unwrap();
    let out = Command::new(FOLIO)
        .args(["build", "."])
        .current_dir(tmp.path())
        .env("PATH", tmp.path())
        .output()
        .unwrap();
    let msg = text(&out);
    assert!(
        msg.contains("config.toml:3:")
            && msg.contains("extra.folio.news.limit")
            && !msg.contains("zola was not found"),
        "{msg}"
    );
}

/// Typos in the theme's own keys are warnings naming the file, line and column, with the key
/// meant; the rewrite still runs (exit 0). The site's own keys stay quiet.
#[test]
fn typos_in_the_themes_keys_are_warned_with_file_line_and_did_you_mean() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("public")).unwrap();
    fs::write(
        tmp.path().join("config.toml"),
        "base_url = \"/\"\ntheme = \"folio\"\n[extra]\ntheme_toggle = \"no\"\nmy_own = 1\n[extra.socails]\nemail = \"a@b.org\"\n",
    )
    .unwrap();
    let out = folio(&["rewrite"], tmp.path());
    let msg = text(&out);
    assert_eq!(out.status.code(), Some(0), "{msg}");
    assert!(
        msg.contains(
            "config.toml:4:1: [extra] theme_toggle = \"no\": the folio theme expects true or false"
        ) && msg.contains("Write it without quotes"),
        "{msg}"
    );
    assert!(
        msg.contains("config.toml:6:8: [extra] socails") && msg.contains("did you mean `socials`"),
        "{msg}"
    );
    assert!(!msg.contains("my_own"), "{msg}");
}

/// `folio build` takes Zola's own build flags: -u (base URL), -o (output directory, relative to
/// where folio runs, and rewritten there), -f (replace it) and --drafts.
#[test]
fn build_passes_zolas_flags_and_rewrites_the_output_dir_with_real_zola() {
    let Some(zola) = zola() else {
        println!("skipped: zola not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = folio(&["init", site.to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", text(&out));
    fs::write(
        site.join("content/blog/unfinished.md"),
        "+++\ntitle = \"Unfinished\"\ndate = 2024-01-02\ndraft = true\n+++\nSoon.\n",
    )
    .unwrap();
    let zola = zola.to_str().unwrap();
    let args = [
        "build",
        "--zola",
        zola,
        "-u",
        "https://example.org/lab",
        "-o",
        "dist",
        "--drafts",
        "site",
    ];
    let out = folio(&args, tmp.path());
    assert!(out.status.success(), "{}", text(&out));
    let dist = tmp.path().join("dist");
    assert!(
        !site.join("public").exists(),
        "the config's output dir is left alone"
    );
    assert!(
        dist.join("blog/unfinished/index.html").is_file(),
        "the draft is built"
    );
    let about = fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(
        about.contains("https://example.org/lab/"),
        "the base URL is used"
    );
    assert!(
        about.contains("<svg"),
        "the output dir is rewritten: icons inlined"
    );
    // The directory exists now: zola refuses it without -f, as `zola build -o` does.
    let out = folio(&args, tmp.path());
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("--force"), "{}", text(&out));
    let mut forced = args.to_vec();
    forced.insert(1, "-f");
    let out = folio(&forced, tmp.path());
    assert!(out.status.success(), "{}", text(&out));
    let check = folio(
        &[
            "rewrite",
            "dist",
            "--site",
            "site",
            "--base-url",
            "https://example.org/lab",
            "--check",
        ],
        tmp.path(),
    );
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
}
