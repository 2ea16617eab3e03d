//! The site configuration, read once into typed structs.
//!
//! folio reads the Zola site's `zola.toml` or `config.toml` (found the way Zola finds it: the
//! first of the two, in that order, in the directory or its ancestors), and the `[extra]` of the
//! theme's `theme.toml` when the site uses a theme. The rewriter's options live in
//! `[extra.folio]`; the theme's values are merged under the site's the way Zola merges `[extra]`
//! (tables recursively, the site wins, arrays replaced). Unknown keys under `[extra.folio]` are
//! warnings naming the key; a value of the wrong type is an error naming file, line and key.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Everything folio needs from the site's configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's root directory (where its config file is).
    pub site_dir: PathBuf,
    /// The config file that was read.
    pub config_file: PathBuf,
    /// `base_url`, as written.
    pub base_url: String,
    /// The site's title, if any.
    pub title: Option<String>,
    /// The name of the site's author (for alt texts): `author`, else `[extra]` first/middle/last
    /// name, else the title.
    pub author: Option<String>,
    /// The output directory, resolved against `site_dir`.
    pub output_dir: PathBuf,
    /// The rewriter's options.
    pub folio: FolioConfig,
}

/// `[extra.folio]`: one table per pass, each with `enabled`. On a site whose theme is not folio,
/// `name = true|false` is short for `[extra.folio.name] enabled = true|false`; on a folio site
/// Zola refuses it (theme.toml has the table), and so does [`merge_theme_extra`].
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FolioConfig {
    #[serde(deserialize_with = "table_or_bool")]
    pub profile: ProfileOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub news: NewsOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub emoji: EmojiOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub links: LinksOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub icons: IconsOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub highlight: HighlightOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub math: MathOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub css: CssOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub bibtex: BibtexOptions,
}

/// A pass's options, which a bare `true` or `false` can stand for.
trait Switch: Default {
    fn set_enabled(&mut self, on: bool);
}

macro_rules! switch {
    ($($t:ty),*) => {$(
        impl Switch for $t {
            fn set_enabled(&mut self, on: bool) {
                self.enabled = on;
            }
        }
    )*};
}
switch!(
    ProfileOptions,
    NewsOptions,
    EmojiOptions,
    LinksOptions,
    IconsOptions,
    HighlightOptions,
    MathOptions,
    CssOptions,
    BibtexOptions
);

/// A pass's table, or a boolean for its `enabled` with the other options at their defaults.
/// The table goes to the options' own `Deserialize`, so its errors and unknown keys are
/// reported as for any table.
fn table_or_bool<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Switch + Deserialize<'de>,
{
    struct Visitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: Switch + Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table of options, or true / false")
        }
        fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<T, E> {
            let mut options = T::default();
            options.set_enabled(on);
            Ok(options)
        }
        fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(Visitor(std::marker::PhantomData))
}

/// `[extra.folio.profile]`: the about page's profile picture.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ProfileOptions {
    pub enabled: bool,
    /// Alignment used when the markup says nothing: "left" or "right" (anything else is right).
    pub align: String,
    /// Crop the picture to a circle when the markup says nothing.
    pub circular: bool,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            align: "right".into(),
            circular: false,
        }
    }
}

/// `[extra.folio.news]`: the Markdown news list on a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct NewsOptions {
    pub enabled: bool,
    /// Ids of the headings whose following list is the news list.
    pub heading_ids: Vec<String>,
    /// Items shown before the rest fold into "older news" (none: show all).
    pub limit: Option<usize>,
    /// Cap the list's height and let it scroll.
    pub scrollable: bool,
}

impl Default for NewsOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            heading_ids: vec!["news".into()],
            limit: None,
            scrollable: false,
        }
    }
}

/// `[extra.folio.emoji]`: GitHub emoji shortcodes (`:fire:`) in text.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct EmojiOptions {
    pub enabled: bool,
}

impl Default for EmojiOptions {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// `[extra.folio.links]`: e-mail links and links to other sites.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct LinksOptions {
    pub enabled: bool,
    /// Open links to other sites in a new tab (al-folio's behaviour).
    pub external_links_new_tab: bool,
}

impl Default for LinksOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            external_links_new_tab: true,
        }
    }
}

/// `[extra.folio.icons]`: `<i class="fa-…">` and friends to inline SVG.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct IconsOptions {
    pub enabled: bool,
}

impl Default for IconsOptions {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// `[extra.folio.highlight]`: `<pre><code data-lang="x">` (and `class="language-x"`) blocks
/// highlighted at build time with class-based spans and one light/dark stylesheet.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct HighlightOptions {
    pub enabled: bool,
    /// Colours in the light palette: a theme name from syntect/bat (e.g. "GitHub",
    /// "InspiredGitHub", "OneHalfLight", "Solarized (light)").
    pub light_theme: String,
    /// Colours in the dark palette (e.g. "OneHalfDark", "Monokai Extended", "Nord", "Dracula").
    pub dark_theme: String,
    /// The stylesheet written into the output for pages with code, as a path below its root.
    pub stylesheet: String,
    /// Token colours below this WCAG contrast ratio against the theme's background are darkened
    /// (light) or lightened (dark) until they reach it; 0 keeps the theme's colours as they are.
    pub min_contrast: f64,
    /// Keep highlighted blocks in a cache so that unchanged code is not highlighted again.
    pub cache: bool,
    /// Where the cache lives, relative to the site's directory (beside the output, never in it).
    pub cache_dir: String,
}

impl Default for HighlightOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            light_theme: "GitHub".into(),
            dark_theme: "OneHalfDark".into(),
            stylesheet: "folio-highlight.css".into(),
            min_contrast: 4.5,
            cache: true,
            cache_dir: ".folio-cache".into(),
        }
    }
}

/// `[extra.folio.math]`: `$…$`, `$$…$$`, `\(…\)` and `\[…\]` in text to MathML.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MathOptions {
    /// Render math on every page. When false, only inside elements that carry a `data-math`
    /// attribute (the folio theme writes it on `<body>` for pages with `extra.math = true`);
    /// `data-math="false"` turns it off inside an element either way.
    pub enabled: bool,
}

/// `[extra.folio.css]`: every stylesheet in the output minified, prefixed and fingerprinted.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct CssOptions {
    pub enabled: bool,
    /// The browsers to prefix and lower CSS for, as browserslist queries.
    pub targets: Vec<String>,
    /// Write each stylesheet under a content-hash name, point `<link rel="stylesheet|preload">`
    /// at it with an `integrity` attribute, and remove the old name once nothing refers to it.
    /// When false, stylesheets are minified in place and links are left alone.
    pub fingerprint: bool,
}

impl Default for CssOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            // The browsers of the last few years; all of them have `:has()`, which the
            // highlight stylesheet uses for the background of highlighted blocks.
            targets: vec![
                "chrome >= 109".into(),
                "edge >= 109".into(),
                "firefox >= 121".into(),
                "safari >= 15.6".into(),
                "ios_saf >= 15.6".into(),
            ],
            fingerprint: true,
        }
    }
}

/// `[extra.folio.bibtex]`: TeX in the publications' BibTeX values (`span.bib-tex`) to text.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct BibtexOptions {
    pub enabled: bool,
}

impl Default for BibtexOptions {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// A configuration problem that stops folio from working on the site.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// The keys of a site config file that folio reads.
#[derive(Deserialize)]
struct SiteFile {
    #[serde(default)]
    base_url: String,
    title: Option<String>,
    author: Option<String>,
    output_dir: Option<String>,
    theme: Option<String>,
    #[serde(default)]
    extra: ExtraFile,
}

/// The keys of a theme's `theme.toml` that folio reads.
#[derive(Deserialize)]
struct ThemeFile {
    #[serde(default)]
    #[allow(dead_code)] // read to validate it, with line numbers, before the merge
    extra: ExtraFile,
}

#[derive(Deserialize, Default)]
struct ExtraFile {
    first_name: Option<String>,
    middle_name: Option<String>,
    last_name: Option<String>,
    #[serde(default)]
    folio: FolioConfig,
}

/// Finds the site config the way Zola does: `zola.toml` in `dir` or an ancestor, else
/// `config.toml` in `dir` or an ancestor.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    ["zola.toml", "config.toml"].iter().find_map(|name| {
        dir.ancestors()
            .map(|a| a.join(name))
            .find(|candidate| candidate.is_file())
    })
}

impl Config {
    /// Loads the config of the site in `dir` (or an ancestor). Returns the config and the
    /// warnings (unknown keys) to show.
    pub fn load(dir: &Path) -> Result<(Config, Vec<String>), ConfigError> {
        let file = find_config_file(dir).ok_or_else(|| {
            ConfigError(format!(
                "no zola.toml or config.toml in {} or its parents: run folio in a Zola site, or pass --site DIR",
                dir.display()
            ))
        })?;
        Self::load_file(&file)
    }

    /// Loads a given site config file (and its theme's `theme.toml`).
    pub fn load_file(file: &Path) -> Result<(Config, Vec<String>), ConfigError> {
        let text = read(file)?;
        Self::from_text(file, &text, |theme_file| {
            theme_file.is_file().then(|| read(theme_file))
        })
    }

    /// Reads a site config from `text`, as the contents of the file `file`. `read_theme` is asked
    /// for the text of the theme's `theme.toml` when the site names a theme (`None`: there is
    /// no such file). [`Config::load_file`] reads both from disk; tools and tests that hold
    /// the texts in memory call this.
    pub fn from_text(
        file: &Path,
        text: &str,
        read_theme: impl FnOnce(&Path) -> Option<Result<String, ConfigError>>,
    ) -> Result<(Config, Vec<String>), ConfigError> {
        let mut warnings = Vec::new();
        let site: SiteFile = parse_checked(file, text, &mut warnings)?;
        let site_dir = file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));

        let mut folio = site.extra.folio.clone();
        if let Some(theme) = &site.theme {
            let theme_file = site_dir.join("themes").join(theme).join("theme.toml");
            if let Some(theme_text) = read_theme(&theme_file) {
                let theme_text = theme_text?;
                let _: ThemeFile = parse_checked(&theme_file, &theme_text, &mut warnings)?;
                folio = merge_folio(file, text, &theme_file, &theme_text)?;
            }
        }

        let extra = &site.extra;
        let full_name = [&extra.first_name, &extra.middle_name, &extra.last_name]
            .into_iter()
            .flatten()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let title = site.title.filter(|t| !t.trim().is_empty());
        let author = site
            .author
            .filter(|a| !a.trim().is_empty())
            .or_else(|| (!full_name.is_empty()).then_some(full_name))
            .or_else(|| title.clone().filter(|t| t != "blank"));

        let config = Config {
            output_dir: site_dir.join(site.output_dir.as_deref().unwrap_or("public")),
            site_dir,
            config_file: file.to_path_buf(),
            base_url: site.base_url,
            title,
            author,
            folio,
        };
        Ok((config, warnings))
    }

    /// A config for rewriting a directory with no site config: every pass with its defaults.
    pub fn defaults_for(output_dir: &Path) -> Config {
        Config {
            site_dir: output_dir.to_path_buf(),
            config_file: PathBuf::new(),
            base_url: String::new(),
            title: None,
            author: None,
            output_dir: output_dir.to_path_buf(),
            folio: FolioConfig::default(),
        }
    }
}

fn read(file: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(file)
        .map_err(|e| ConfigError(format!("cannot read {}: {e}", file.display())))
}

/// Parses `text` into `T`, turning TOML and type errors into messages with file, line and key,
/// and unknown keys under `[extra.folio]` into warnings.
fn parse_checked<T: serde::de::DeserializeOwned>(
    file: &Path,
    text: &str,
    warnings: &mut Vec<String>,
) -> Result<T, ConfigError> {
    let de = toml::Deserializer::parse(text).map_err(|e| toml_error(file, text, e))?;
    let mut unknown = Vec::new();
    let value: T = serde_ignored::deserialize(de, |path| {
        let path = path.to_string();
        if path.starts_with("extra.folio.") {
            unknown.push(path);
        }
    })
    .map_err(|e| toml_error(file, text, e))?;
    for key in unknown {
        warnings.push(format!(
            "{}{}: unknown key `{key}` ignored (known: [extra.folio.profile|news|emoji|links|icons|highlight|math|css] with `enabled` and their options; see the README)",
            file.display(),
            line_of_key(text, &key).map(|l| format!(":{l}")).unwrap_or_default(),
        ));
    }
    Ok(value)
}

/// Best-effort line of the last segment of a dotted key in a TOML text, for messages.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let last = key.rsplit('.').next()?;
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(last)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

fn toml_error(file: &Path, text: &str, e: toml::de::Error) -> ConfigError {
    let (at, key) = e
        .span()
        .map(|span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (format!(":{line}:{col}"), key_at(before))
        })
        .unwrap_or_default();
    let key = key.map(|k| format!(" (key `{k}`)")).unwrap_or_default();
    ConfigError(format!(
        "{}{at}: invalid configuration{key}: {}",
        file.display(),
        e.message().trim()
    ))
}

/// The dotted key whose value starts where `before` ends: the last `[table]` header before it
/// and the key on the value's line. Best effort, for messages only.
fn key_at(before: &str) -> Option<String> {
    let line = before.rsplit('\n').next()?;
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    let table = before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
    Some(match table {
        Some(t) if !t.is_empty() => format!("{t}.{key}"),
        _ => key.to_owned(),
    })
}

/// Merges the theme's `[extra.folio]` under the site's (tables recursively, the site wins) and
/// reads the result.
fn merge_folio(
    site_file: &Path,
    site_text: &str,
    theme_file: &Path,
    theme_text: &str,
) -> Result<FolioConfig, ConfigError> {
    let folio_table = |file: &Path, text: &str| -> Result<toml::Table, ConfigError> {
        let mut doc: toml::Table = toml::from_str(text).map_err(|e| toml_error(file, text, e))?;
        Ok(doc
            .remove("extra")
            .and_then(|extra| match extra {
                toml::Value::Table(mut t) => t.remove("folio"),
                _ => None,
            })
            .and_then(|folio| match folio {
                toml::Value::Table(t) => Some(t),
                _ => None,
            })
            .unwrap_or_default())
    };
    let mut merged = folio_table(site_file, site_text)?;
    merge_theme_extra(&mut merged, &folio_table(theme_file, theme_text)?).map_err(|key| {
        ConfigError(format!(
            "{}: [extra.folio] {key}: Zola cannot merge it with {} (a table on one side, a \
             value on the other), so `zola build` fails too; write it as in the theme, e.g. \
             `[extra.folio.{key}]` with `enabled = true`",
            site_file.display(),
            theme_file.display(),
        ))
    })?;
    toml::Value::Table(merged)
        .try_into()
        .map_err(|e: toml::de::Error| {
            ConfigError(format!(
                "{} with {}: invalid [extra.folio]: {}",
                site_file.display(),
                theme_file.display(),
                e.message().trim()
            ))
        })
}

/// Zola 0.22.1's merge of a theme's `[extra]` under the site's (its `config::merge`): a key only
/// the theme has is added; two tables are merged recursively; two values that are not tables
/// keep the site's (an array is not merged); a table meeting a value is an error, which Zola
/// reports as "Cannot merge config.toml with theme.toml". The error here is the dotted key.
pub fn merge_theme_extra(site: &mut toml::Table, theme: &toml::Table) -> Result<(), String> {
    for (key, theirs) in theme {
        match site.get_mut(key) {
            None => {
                site.insert(key.clone(), theirs.clone());
            }
            Some(toml::Value::Table(ours)) => match theirs {
                toml::Value::Table(theirs) => {
                    merge_theme_extra(ours, theirs).map_err(|inner| format!("{key}.{inner}"))?
                }
                _ => return Err(key.clone()),
            },
            Some(_) if theirs.is_table() => return Err(key.clone()),
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dir: &Path, config: &str, theme: Option<&str>) -> PathBuf {
        let file = dir.join("config.toml");
        std::fs::write(&file, config).unwrap();
        if let Some(theme) = theme {
            let t = dir.join("themes/folio");
            std::fs::create_dir_all(&t).unwrap();
            std::fs::write(t.join("theme.toml"), theme).unwrap();
        }
        file
    }

    #[test]
    fn theme_defaults_merge_under_site_values() {
        let dir = tempfile::tempdir().unwrap();
        let file = site(
            dir.path(),
            "base_url = \"https://a.example\"\ntheme = \"folio\"\n[extra.folio.news]\nlimit = 3\n",
            Some(
                "name = \"folio\"\n[author]\nname = \"x\"\n[extra.folio.news]\nscrollable = true\nlimit = 9\n[extra.folio.links]\nexternal_links_new_tab = false\n",
            ),
        );
        let (config, warnings) = Config::load_file(&file).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.folio.news.limit, Some(3));
        assert!(config.folio.news.scrollable);
        assert!(!config.folio.links.external_links_new_tab);
        assert!(config.folio.icons.enabled);
        assert_eq!(config.output_dir, dir.path().join("public"));
    }

    #[test]
    fn unknown_key_is_a_warning_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = site(
            dir.path(),
            "base_url = \"/\"\n[extra.folio.news]\nlimt = 3\n[markdown]\nx = 1\n",
            None,
        );
        let (_, warnings) = Config::load_file(&file).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].contains("extra.folio.news.limt"),
            "{}",
            warnings[0]
        );
        assert!(warnings[0].contains("config.toml:3"), "{}", warnings[0]);
    }

    #[test]
    fn wrong_type_is_an_error_with_file_line_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let file = site(
            dir.path(),
            "base_url = \"/\"\n\n[extra.folio.news]\nlimit = \"three\"\n",
            None,
        );
        let err = Config::load_file(&file).unwrap_err().to_string();
        assert!(err.contains("config.toml:4:"), "{err}");
        assert!(err.contains("`extra.folio.news.limit`"), "{err}");
    }

    /// Zola's merge, as `zola build` 0.22.1 does it (checked with it): the theme's keys are
    /// added, tables merged, the site's values and arrays kept; a table meeting a value is
    /// refused, whichever side has the table.
    #[test]
    fn the_theme_merges_as_zola_merges_it() {
        let table = |text: &str| -> toml::Table { toml::from_str(text).unwrap() };
        let mut ours = table("a = 1\nlist = [1]\n[t]\nx = 1\n");
        merge_theme_extra(
            &mut ours,
            &table("a = 2\nb = 3\nlist = [2, 3]\n[t]\nx = 2\ny = 2\n[u]\nz = 1\n"),
        )
        .unwrap();
        assert_eq!(
            ours,
            table("a = 1\nb = 3\nlist = [1]\n[t]\nx = 1\ny = 2\n[u]\nz = 1\n")
        );
        let mut ours = table("math = true\n");
        assert_eq!(
            merge_theme_extra(&mut ours, &table("[math]\nenabled = false\n")),
            Err("math".into())
        );
        let mut ours = table("[news.more]\nx = 1\n");
        assert_eq!(
            merge_theme_extra(&mut ours, &table("[news]\nmore = 2\n")),
            Err("news.more".into())
        );
        // On a folio site, the shorthand is refused with the file and key, as Zola refuses it.
        let dir = tempfile::tempdir().unwrap();
        let file = site(
            dir.path(),
            "base_url = \"/\"\ntheme = \"folio\"\n[extra.folio]\nmath = true\n",
            Some("name = \"folio\"\n[extra.folio.math]\nenabled = false\n"),
        );
        let err = Config::load_file(&file).unwrap_err().to_string();
        assert!(err.contains("config.toml: [extra.folio] math:"), "{err}");
        assert!(err.contains("[extra.folio.math]"), "{err}");
    }

    #[test]
    fn a_pass_can_be_switched_by_a_boolean() {
        let dir = tempfile::tempdir().unwrap();
        let file = site(
            dir.path(),
            "base_url = \"/\"\n[extra.folio]\nmath = true\nemoji = false\n\n[extra.folio.news]\nlimit = 2\n",
            None,
        );
        let (config, warnings) = Config::load_file(&file).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(config.folio.math.enabled);
        assert!(!config.folio.emoji.enabled);
        assert_eq!(config.folio.news.limit, Some(2));
        assert!(config.folio.news.enabled);
        // Anything else is an error naming the line and the key, as for a table's values.
        let file = site(
            dir.path(),
            "base_url = \"/\"\n[extra.folio]\nmath = \"yes\"\n",
            None,
        );
        let err = Config::load_file(&file).unwrap_err().to_string();
        assert!(err.contains("config.toml:3:"), "{err}");
        assert!(err.contains("`extra.folio.math`"), "{err}");
        assert!(err.contains("true / false"), "{err}");
        // Unknown keys inside a table are still named.
        let file = site(
            dir.path(),
            "base_url = \"/\"\n[extra.folio.math]\nenabld = true\n",
            None,
        );
        let (_, warnings) = Config::load_file(&file).unwrap();
        assert!(
            warnings.len() == 1 && warnings[0].contains("extra.folio.math.enabld"),
            "{warnings:?}"
        );
    }

    #[test]
    fn author_comes_from_names_when_not_set() {
        let dir = tempfile::tempdir().unwrap();
        let file = site(
            dir.path(),
            "title = \"blank\"\n[extra]\nfirst_name = \"Ada\"\nlast_name = \"Lovelace\"\n",
            None,
        );
        let (config, _) = Config::load_file(&file).unwrap();
        assert_eq!(config.author.as_deref(), Some("Ada Lovelace"));
    }

    #[test]
    fn zola_toml_is_found_before_config_toml_in_ancestors() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(find_config_file(&sub), Some(dir.path().join("config.toml")));
        std::fs::write(dir.path().join("zola.toml"), "").unwrap();
        assert_eq!(find_config_file(&sub), Some(dir.path().join("zola.toml")));
    }
}
