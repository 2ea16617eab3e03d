//! The distribution: the release workflow, the GitHub Action and the README's CI examples parse
//! as YAML and carry what a release and a deploy need; the crate's metadata is complete and its
//! `cargo binstall` URLs name the archives `scripts/package-release.sh` writes; the licence files
//! cover what the binary embeds; the theme has every field Zola's theme gallery reads.

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

use serde_yaml::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn yaml(rel: &str) -> Value {
    serde_yaml::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel} is not valid YAML: {e}"))
}

/// `v[key1][key2]…`, failing with the path when a key is missing.
fn at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    let mut cur = v;
    for (i, k) in path.iter().enumerate() {
        cur = cur
            .get(*k)
            .unwrap_or_else(|| panic!("no key {}", path[..=i].join(".")));
    }
    cur
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    at(v, path)
        .as_str()
        .unwrap_or_else(|| panic!("{} is not a string", path.join(".")))
}

/// Every step of a job (or of a composite action) is a map with exactly one of `uses` and `run`;
/// every `uses` names a version (`owner/repo@ref`); in an action, every `run` names its shell
/// (GitHub refuses a composite step without one). Returns the steps.
fn check_steps<'a>(what: &str, steps: &'a Value, composite: bool) -> &'a [Value] {
    let steps = steps
        .as_sequence()
        .unwrap_or_else(|| panic!("{what}: steps is not a list"));
    assert!(!steps.is_empty(), "{what}: no steps");
    for (i, step) in steps.iter().enumerate() {
        let uses = step.get("uses").and_then(Value::as_str);
        let run = step.get("run").and_then(Value::as_str);
        assert!(
            uses.is_some() != run.is_some(),
            "{what}: step {i} needs exactly one of uses and run: {step:?}"
        );
        if let Some(uses) = uses.filter(|u| !u.starts_with("./")) {
            let (name, version) = uses
                .split_once('@')
                .unwrap_or_else(|| panic!("{what}: step {i} uses {uses} without @version"));
            assert!(
                name.contains('/') && !version.is_empty(),
                "{what}: step {i}: {uses}"
            );
        }
        if composite && run.is_some() {
            assert!(
                step.get("shell").and_then(Value::as_str).is_some(),
                "{what}: step {i} runs a command without `shell`"
            );
        }
    }
    steps
}

/// The `run` scripts of steps, joined.
fn runs(steps: &[Value]) -> String {
    steps
        .iter()
        .filter_map(|s| s.get("run").and_then(Value::as_str))
        .collect::<Vec<_>>()
        .join("\n")
}

fn uses(steps: &[Value]) -> Vec<&str> {
    steps
        .iter()
        .filter_map(|s| s.get("uses").and_then(Value::as_str))
        .collect()
}

/// Checks a workflow's jobs (each with `runs-on` and well-formed steps); returns them.
fn check_workflow<'a>(what: &str, wf: &'a Value) -> &'a serde_yaml::Mapping {
    assert!(wf.get("on").is_some(), "{what}: no `on`");
    let jobs = at(wf, &["jobs"]).as_mapping().expect("jobs is a map");
    assert!(!jobs.is_empty(), "{what}: no jobs");
    for (name, job) in jobs {
        let name = name.as_str().unwrap();
        assert!(
            job.get("runs-on").is_some(),
            "{what}: job {name} has no runs-on"
        );
        check_steps(&format!("{what}: job {name}"), at(job, &["steps"]), false);
    }
    jobs
}

/// The five targets the release builds, as the archives and `cargo binstall` name them.
const TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

#[test]
fn the_release_workflow_builds_every_target_and_attaches_archives_with_checksums() {
    let wf = yaml(".github/workflows/release.yml");
    let jobs = check_workflow("release.yml", &wf);
    let tags = at(&wf, &["on", "push", "tags"]).as_sequence().unwrap();
    assert!(
        tags.iter()
            .any(|t| t.as_str().is_some_and(|t| t.starts_with('v'))),
        "release.yml runs on version tags: {tags:?}"
    );

    let build = jobs.get("build").expect("a build job");
    let include = at(build, &["strategy", "matrix", "include"])
        .as_sequence()
        .unwrap();
    let targets: BTreeSet<&str> = include.iter().map(|m| str_at(m, &["target"])).collect();
    assert_eq!(
        targets,
        TARGETS.into_iter().collect(),
        "the matrix's targets"
    );
    for m in include {
        let os = str_at(m, &["os"]);
        let target = str_at(m, &["target"]);
        let family = if target.contains("linux") {
            "ubuntu"
        } else if target.contains("apple") {
            "macos"
        } else {
            "windows"
        };
        assert!(os.starts_with(family), "{target} builds on {os}");
        if target.starts_with("aarch64") && family == "ubuntu" {
            assert!(
                os.ends_with("-arm"),
                "{target} builds natively on an arm runner"
            );
        }
    }
    let steps = check_steps("build", at(build, &["steps"]), false);
    let script = runs(steps);
    assert!(script.contains("cargo build --locked --profile dist --target ${{ matrix.target }}"));
    assert!(script.contains("scripts/package-release.sh ${{ matrix.target }}"));
    assert!(
        uses(steps)
            .iter()
            .any(|u| u.starts_with("actions/upload-artifact@"))
    );

    let release = jobs.get("release").expect("a release job");
    assert_eq!(str_at(release, &["permissions", "contents"]), "write");
    let script = runs(check_steps("release", at(release, &["steps"]), false));
    assert!(
        script.contains("sha256sum -c"),
        "checksums are checked before upload"
    );
    assert!(script.contains("gh release create \"$GITHUB_REF_NAME\" dist/*"));

    let theme = jobs.get("theme-branch").expect("a theme-branch job");
    let script = runs(check_steps("theme-branch", at(theme, &["steps"]), false));
    assert!(script.contains("scripts/theme-branch.sh"));
    assert!(script.contains("refs/heads/theme"));

    for script in ["scripts/package-release.sh", "scripts/theme-branch.sh"] {
        assert!(root().join(script).is_file(), "{script} exists");
    }
}

fn cargo_toml() -> toml::Table {
    read("Cargo.toml").parse().expect("Cargo.toml parses")
}

#[test]
fn the_crate_metadata_is_complete_and_binstall_names_the_release_archives() {
    let cargo = cargo_toml();
    let pkg = cargo["package"].as_table().unwrap();
    for key in ["description", "license", "repository", "homepage", "readme"] {
        let v = pkg.get(key).and_then(|v| v.as_str()).unwrap_or("");
        assert!(!v.is_empty(), "Cargo.toml: package.{key} is missing");
    }
    assert_eq!(pkg["license"].as_str(), Some("MIT"));
    assert!(root().join("LICENSE").is_file(), "LICENSE exists");
    assert!(root().join(pkg["readme"].as_str().unwrap()).is_file());
    assert!(
        pkg["repository"]
            .as_str()
            .unwrap()
            .starts_with("https://github.com/")
    );
    // crates.io's rules: at most five keywords of at most 20 ASCII characters.
    let keywords = pkg["keywords"].as_array().unwrap();
    assert!((1..=5).contains(&keywords.len()), "{keywords:?}");
    for k in keywords {
        let k = k.as_str().unwrap();
        assert!(
            k.len() <= 20
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_+".contains(c)),
            "keyword {k:?}"
        );
    }
    assert!(!pkg["categories"].as_array().unwrap().is_empty());
    // The package holds the embedded theme and the licences, not the demo, tests or screenshots.
    let include: Vec<&str> = pkg["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for needed in [
        "/src/**",
        "/theme/**",
        "/LICENSE",
        "/licenses/**",
        "/README.md",
    ] {
        assert!(include.contains(&needed), "include lacks {needed}");
    }
    assert!(
        !include
            .iter()
            .any(|i| i.starts_with("/tests") || i.starts_with("/docs"))
    );

    let binstall = pkg["metadata"]["binstall"].as_table().unwrap();
    let url = binstall["pkg-url"].as_str().unwrap();
    assert_eq!(
        url,
        "{ repo }/releases/download/v{ version }/folio-{ target }.tar.gz"
    );
    assert_eq!(binstall["bin-dir"].as_str(), Some("{ bin }{ binary-ext }"));
    let windows = binstall["overrides"]["x86_64-pc-windows-msvc"]
        .as_table()
        .unwrap();
    assert_eq!(
        windows["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/folio-{ target }.zip")
    );
    // The release builds with the profile that strips the symbols.
    assert_eq!(
        cargo["profile"]["dist"]["inherits"].as_str(),
        Some("release")
    );
}

/// The archive `scripts/package-release.sh` writes: the binary at its root (where `cargo
/// binstall`'s `bin-dir` and the README's `tar xz … folio` look), the licences, and a checksum
/// file `sha256sum -c` accepts.
#[cfg(unix)]
#[test]
fn package_release_writes_the_archive_binstall_and_the_readme_expect() {
    let tmp = tempfile::tempdir().unwrap();
    let binary = tmp.path().join("folio");
    fs::write(&binary, b"#!/bin/sh\necho folio\n").unwrap();
    let out = tmp.path().join("dist");
    let target = "x86_64-unknown-linux-musl";
    let status = Command::new("bash")
        .arg(root().join("scripts/package-release.sh"))
        .args([target.as_ref(), binary.as_os_str(), out.as_os_str()])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let archive = format!("folio-{target}.tar.gz");
    let list = Command::new("tar")
        .arg("tzf")
        .arg(out.join(&archive))
        .output()
        .unwrap();
    let list = String::from_utf8(list.stdout).unwrap();
    let members: BTreeSet<&str> = list.lines().collect();
    for m in [
        "folio",
        "LICENSE",
        "README.md",
        "CHANGELOG.md",
        "licenses/README.md",
        "licenses/font-awesome.txt",
        "licenses/pagefind.txt",
        "licenses/syntaxes-and-themes.md",
    ] {
        assert!(members.contains(m), "{archive} lacks {m}: {list}");
    }
    let check = Command::new("sha256sum")
        .args(["-c", &format!("{archive}.sha256")])
        .current_dir(&out)
        .output();
    if let Ok(check) = check {
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
    // The README's one-line install: only the binary comes out, executable.
    let bin = tmp.path().join("bin");
    fs::create_dir(&bin).unwrap();
    let tar = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "tar xz -C '{}' folio < '{}'",
            bin.display(),
            out.join(&archive).display()
        ))
        .status()
        .unwrap();
    assert!(tar.success());
    let names: Vec<_> = fs::read_dir(&bin).unwrap().flatten().collect();
    assert_eq!(names.len(), 1);
    use std::os::unix::fs::PermissionsExt;
    assert_ne!(
        fs::metadata(bin.join("folio"))
            .unwrap()
            .permissions()
            .mode()
            & 0o111,
        0
    );
}

/// The syntaxes and colour themes the highlighter embeds (bat's, through two-face) come with
/// their licences; `licenses/syntaxes-and-themes.md` is their listing, kept equal to the
/// crate's (`FOLIO_BLESS=1` rewrites it after an update).
#[test]
fn the_highlighters_syntaxes_and_themes_have_their_licences_listed() {
    let listing = two_face::acknowledgement::listing().to_md();
    let path = root().join("licenses/syntaxes-and-themes.md");
    let header = "# Syntaxes and colour themes\n\nfolio's code highlighting (`folio rewrite`) embeds the Sublime syntax definitions and colour\nthemes that bat ships, through the two-face crate. Their licences and notices:\n\n";
    let expected = format!("{header}{listing}");
    if std::env::var_os("FOLIO_BLESS").is_some() {
        fs::write(&path, &expected).unwrap();
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "licenses/syntaxes-and-themes.md differs from two-face's listing: run with FOLIO_BLESS=1"
    );
    assert!(read("licenses/README.md").contains("syntaxes-and-themes.md"));
}

/// Every ```yaml block of a Markdown file.
fn yaml_blocks(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    for line in md.lines() {
        match &mut cur {
            None if line.trim_start() == "```yaml" => cur = Some(String::new()),
            Some(block) if line.trim_start() == "```" => {
                out.push(std::mem::take(block));
                cur = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    out
}

#[test]
fn the_readme_install_lines_name_released_archives() {
    let readme = read("README.md");
    let base = "https://github.com/folio-zola/folio/releases/latest/download/folio-";
    let mut named = 0;
    for (i, _) in readme.match_indices(base) {
        let rest = &readme[i + base.len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
            .collect();
        let target = name
            .strip_suffix(".tar.gz")
            .or_else(|| name.strip_suffix(".zip"))
            .unwrap_or_else(|| panic!("README names folio-{name}"));
        assert!(TARGETS.contains(&target), "README names folio-{name}");
        named += 1;
    }
    assert!(named >= 2, "the README's install lines");
    assert!(readme.contains("cargo binstall folio"));
    assert!(readme.contains("cargo install folio --locked"));
    assert!(!readme.contains("OWNER/folio"), "no placeholder left");
    assert!(root().join("CHANGELOG.md").is_file());
}

#[test]
fn every_yaml_block_of_the_readme_parses() {
    let readme = read("README.md");
    let blocks = yaml_blocks(&readme);
    assert!(!blocks.is_empty());
    for block in &blocks {
        let v: Value = serde_yaml::from_str(block)
            .unwrap_or_else(|e| panic!("a README yaml block does not parse: {e}\n{block}"));
        if v.get("jobs").is_some() {
            check_workflow("README workflow", &v);
        }
    }
}

#[test]
fn the_action_installs_pinned_binaries_builds_audits_and_uploads_the_pages_artifact() {
    let action = yaml("action.yml");
    for key in ["name", "description"] {
        assert!(!str_at(&action, &[key]).is_empty(), "action.yml: {key}");
    }
    assert_eq!(str_at(&action, &["runs", "using"]), "composite");
    let inputs = at(&action, &["inputs"]).as_mapping().unwrap();
    for (name, input) in inputs {
        let name = name.as_str().unwrap();
        assert!(input.get("description").is_some(), "input {name}");
        assert!(input.get("default").is_some(), "input {name} has a default");
    }
    assert_eq!(
        str_at(&action, &["inputs", "zola-version", "default"]),
        "0.22.1"
    );
    // The action installs the folio release of its own version.
    let version = cargo_toml()["package"]["version"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        str_at(&action, &["inputs", "folio-version", "default"]),
        version,
        "action.yml's folio-version default is Cargo.toml's version"
    );
    let steps = check_steps("action.yml", at(&action, &["runs", "steps"]), true);
    let used = uses(steps);
    assert_eq!(
        used.iter()
            .filter(|u| u.starts_with("actions/cache@"))
            .count(),
        2,
        "the binaries and .folio-cache are cached: {used:?}"
    );
    assert!(
        used.iter()
            .any(|u| u.starts_with("actions/upload-pages-artifact@"))
    );
    let script = runs(steps);
    assert!(script.contains("scripts/install-binaries.sh"));
    assert!(script.contains("folio build"));
    assert!(script.contains("folio audit"));
    assert!(read("action.yml").contains(".folio-cache"));
    // The README documents every input with its default, and its examples pin this version.
    let readme = read("README.md");
    for (name, input) in inputs {
        let name = name.as_str().unwrap();
        let default = input["default"].as_str().unwrap();
        assert!(
            readme.contains(&format!("| `{name}` | `\"{default}\"` |")),
            "README's table of the action's inputs lacks {name} = {default:?}"
        );
    }
    assert!(readme.contains(&format!("uses: folio-zola/folio@v{version}")));
    assert!(readme.contains(&format!("FOLIO_VERSION: \"{version}\"")));
}

/// `scripts/install-binaries.sh` with local archives (file:// URLs): both binaries land in the
/// directory and run; an archive whose checksum does not match is refused.
#[cfg(unix)]
#[test]
fn install_binaries_checks_folios_checksum() {
    if !cfg!(all(target_os = "linux", target_arch = "x86_64")) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let releases = tmp.path().join("releases");
    fs::create_dir(&releases).unwrap();
    let fake = |name: &str, dir: &std::path::Path| {
        let bin = dir.join(name);
        fs::write(&bin, format!("#!/bin/sh\necho {name} 1.0\n")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&bin, fs::Permissions::from_mode(0o755)).unwrap();
    };
    let stage = tmp.path().join("stage");
    fs::create_dir(&stage).unwrap();
    fake("zola", &stage);
    fake("folio", &stage);
    let sh = |script: &str| {
        let out = Command::new("bash")
            .arg("-c")
            .arg(script)
            .env("ZOLA_VERSION", "0.22.1")
            .env("FOLIO_VERSION", "0.1.0")
            .env("ZOLA_DOWNLOAD", format!("file://{}", releases.display()))
            .env("FOLIO_DOWNLOAD", format!("file://{}", releases.display()))
            .current_dir(tmp.path())
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    if which("curl").is_none() {
        println!("skipped: curl not found");
        return;
    }
    let (ok, log) = sh(&format!(
        "tar czf releases/zola-v0.22.1-x86_64-unknown-linux-gnu.tar.gz -C stage zola && \
         bash '{}' x86_64-unknown-linux-musl stage/folio releases",
        root().join("scripts/package-release.sh").display()
    ));
    assert!(ok, "{log}");
    let install = format!(
        "bash '{}' bin",
        root().join("scripts/install-binaries.sh").display()
    );
    let (ok, log) = sh(&install);
    assert!(ok, "{log}");
    assert!(
        log.contains("zola 1.0") && log.contains("folio 1.0"),
        "{log}"
    );
    // A changed archive is refused.
    let (ok, _) = sh("rm -r bin && echo x >> releases/folio-x86_64-unknown-linux-musl.tar.gz");
    assert!(ok);
    let (ok, log) = sh(&install);
    assert!(!ok, "{log}");
    assert!(log.contains("does not match its checksum"), "{log}");
    assert!(!tmp.path().join("bin/folio").exists());
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|p| p.join(name))
        .find(|p| p.is_file())
}

/// Zola's theme gallery reads theme.toml's name, description, license, homepage, min_version,
/// demo and author, and shows `screenshot.png` (at most about 2000×1000) and `README.md` from
/// the theme's root.
#[test]
fn the_theme_has_what_zolas_theme_gallery_reads() {
    let theme: toml::Table = read("theme/theme.toml").parse().unwrap();
    for key in [
        "name",
        "description",
        "license",
        "homepage",
        "min_version",
        "demo",
    ] {
        let v = theme.get(key).and_then(|v| v.as_str()).unwrap_or("");
        assert!(!v.is_empty(), "theme.toml: {key} is missing or empty");
    }
    assert_eq!(theme["name"].as_str(), Some("folio"));
    assert_eq!(
        theme["license"].as_str(),
        cargo_toml()["package"]["license"].as_str()
    );
    for key in ["homepage", "demo"] {
        assert!(
            theme[key].as_str().unwrap().starts_with("https://"),
            "{key}"
        );
    }
    let author = theme["author"].as_table().expect("[author]");
    assert!(!author["name"].as_str().unwrap_or("").is_empty());
    let size = imagesize::size(root().join("theme/screenshot.png")).expect("theme/screenshot.png");
    assert!(
        (1000..=2000).contains(&size.width) && (500..=1000).contains(&size.height),
        "screenshot.png is {}×{}",
        size.width,
        size.height
    );
    assert!(read("theme/README.md").contains("git submodule add -b theme"));
    assert_eq!(
        read("theme/LICENSE"),
        read("LICENSE"),
        "theme/LICENSE is LICENSE"
    );
}

/// `scripts/theme-branch.sh` makes a commit whose root is theme/ (what `git submodule add -b
/// theme` checks out), adds none when theme/ did not change, and a site using that checkout as
/// `themes/folio` builds with real Zola.
#[cfg(unix)]
#[test]
fn the_theme_branch_has_the_theme_at_its_root_and_a_site_builds_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    let git = |dir: &std::path::Path, args: &[&str]| {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@localhost")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@localhost")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    fs::create_dir_all(repo.join("scripts")).unwrap();
    super::common::copy_tree(&root().join("theme"), &repo.join("theme"));
    fs::copy(
        root().join("scripts/theme-branch.sh"),
        repo.join("scripts/theme-branch.sh"),
    )
    .unwrap();
    git(&repo, &["init", "-q", "-b", "main"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "x"]);
    let run = |repo: &std::path::Path| {
        let out = Command::new("bash")
            .arg("scripts/theme-branch.sh")
            .current_dir(repo)
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@localhost")
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@localhost")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let first = run(&repo);
    assert_eq!(git(&repo, &["rev-parse", "theme"]), first);
    let names = git(&repo, &["ls-tree", "--name-only", "theme"]);
    for name in [
        "theme.toml",
        "README.md",
        "LICENSE",
        "screenshot.png",
        "templates",
        "sass",
        "static",
    ] {
        assert!(
            names.lines().any(|l| l == name),
            "{name} at the root: {names}"
        );
    }
    assert_eq!(run(&repo), first, "no new commit when theme/ is unchanged");
    fs::write(repo.join("theme/static/extra.txt"), "x").unwrap();
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-q", "-m", "y"]);
    let second = run(&repo);
    assert_ne!(second, first);
    assert_eq!(git(&repo, &["rev-parse", &format!("{second}^")]), first);

    // A site with the branch checked out as themes/folio (what the submodule gives).
    let Some(zola) = super::common::zola() else {
        println!("skipped: zola not found");
        return;
    };
    let site = tmp.path().join("site");
    fs::create_dir_all(site.join("content")).unwrap();
    git(
        tmp.path(),
        &[
            "clone",
            "-q",
            "-b",
            "theme",
            repo.to_str().unwrap(),
            site.join("themes/folio").to_str().unwrap(),
        ],
    );
    fs::write(
        site.join("config.toml"),
        "base_url = \"https://example.com\"\ntheme = \"folio\"\ncompile_sass = true\n\n[extra]\nfirst_name = \"Ada\"\n[extra.socials]\nemail = \"ada@example.com\"\ngithub_username = \"ada\"\n",
    )
    .unwrap();
    fs::write(
        site.join("content/_index.md"),
        "+++\ntitle = \"About\"\n[extra]\nsocial = true\n+++\nHello.\n",
    )
    .unwrap();
    let out = Command::new(zola)
        .arg("build")
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "zola build with the theme branch and no news or blog section: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        index.contains("aria-label=\"GitHub\"><svg class=\"icon\""),
        "the icons are SVG"
    );
    assert!(!index.contains("<i class="), "no icon left for the binary");
}

#[test]
fn the_demos_pages_workflow_uses_this_repositorys_action_and_deploys() {
    let wf = yaml(".github/workflows/pages.yml");
    let jobs = check_workflow("pages.yml", &wf);
    let build = runs_uses(jobs, "build");
    assert!(build.contains(&"./".to_string()), "{build:?}");
    assert!(
        runs_uses(jobs, "deploy")
            .iter()
            .any(|u| u.starts_with("actions/deploy-pages@"))
    );
    assert_eq!(str_at(&wf, &["permissions", "pages"]), "write");
    assert_eq!(str_at(&wf, &["permissions", "id-token"]), "write");
    let theme: toml::Table = read("theme/theme.toml").parse().unwrap();
    let with = &at(jobs.get("build").unwrap(), &["steps"])[1]["with"];
    assert_eq!(
        with["base-url"].as_str(),
        theme["demo"].as_str(),
        "the demo is deployed where theme.toml says"
    );
}

fn runs_uses(jobs: &serde_yaml::Mapping, job: &str) -> Vec<String> {
    uses(
        at(jobs.get(job).unwrap(), &["steps"])
            .as_sequence()
            .unwrap(),
    )
    .into_iter()
    .map(str::to_owned)
    .collect()
}
