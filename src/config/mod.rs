//! The site configuration, read once into typed structs.
//!
//! folio reads the Zola site's `zola.toml` or `config.toml` (found the way Zola finds it: the
//! first of the two, in that order, in the directory or its ancestors), and the `[extra]` of the
//! theme's `theme.toml` when the site uses a theme. The rewriter's options live in
//! `[extra.folio]`; the theme's values are merged under the site's the way Zola merges `[extra]`
//! (tables recursively, the site wins, arrays replaced). Unknown keys under `[extra.folio]` are
//! warnings naming the key; a value of the wrong type is an error naming file, line and key.

use std::path::{Path, PathBuf};

use serde::Deserialize;

mod error;
mod lint;
mod merge;
mod options;

use error::toml_error;
pub use error::{ConfigError, line_of_key};
use merge::merge_folio;
pub use merge::merge_theme_extra;
pub use options::*;

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
    /// The folio release of this copy of the theme (none in other themes, or older copies).
    version: Option<String>,
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
            ConfigError::new(format!(
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
                let parsed: ThemeFile = parse_checked(&theme_file, &theme_text, &mut warnings)?;
                if theme == crate::theme::NAME
                    && let Some(installed) = &parsed.version
                {
                    warnings.extend(crate::theme::version_warning(&theme_file, installed));
                }
                folio = merge_folio(file, text, &theme_file, &theme_text)?;
                if theme == crate::theme::NAME {
                    warnings.extend(lint::theme_key_warnings(file, text, &theme_text));
                }
            } else if theme == crate::theme::NAME
                && let Some(embedded) = crate::theme::THEME
                    .get_file("theme.toml")
                    .and_then(|f| f.contents_utf8())
            {
                // Not installed yet (zola build will say so): the keys are still checked
                // against the theme this binary would install.
                warnings.extend(lint::theme_key_warnings(file, text, embedded));
            }
        }

        if folio.math.legacy_everywhere {
            warnings.push(format!(
                "{}: [extra.folio.math] enabled = true: math stays on for every page, as before; \
                 write `everywhere = true` for that (`enabled` now switches the math pass, which \
                 is on by default)",
                file.display()
            ));
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

    /// An error with the value of `key` (dotted), naming the config file and the key's line
    /// (or only the key, for a config that was not read from a file).
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> ConfigError {
        if self.config_file.as_os_str().is_empty() {
            ConfigError {
                key: Some(key.to_owned()),
                ..ConfigError::new(message)
            }
        } else {
            ConfigError::at_key(&self.config_file, key, message)
        }
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
        .map_err(|e| ConfigError::in_file(file, format!("cannot read it: {e}")))
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
            "{}{}: unknown key `{key}` ignored (known: [extra.folio.{}] with `enabled` and their options; see the README)",
            file.display(),
            line_of_key(text, &key).map(|l| format!(":{l}")).unwrap_or_default(),
            FolioConfig::tables().join("|"),
        ));
    }
    Ok(value)
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
        assert!(err.contains("config.toml:4: [extra.folio] math:"), "{err}");
        assert!(err.contains("[extra.folio.math]"), "{err}");
    }

    #[test]
    fn a_pass_can_be_switched_by_a_boolean() {
        let dir = tempfile::tempdir().unwrap();
        let file = site(
            dir.path(),
            "base_url = \"/\"\n[extra.folio]\nlinks = true\nemoji = false\n\n[extra.folio.news]\nlimit = 2\n",
            None,
        );
        let (config, warnings) = Config::load_file(&file).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(config.folio.links.enabled);
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

    /// `enabled` switches the math pass; `everywhere` turns it on for every page; an
    /// `enabled = true` that says nothing of `everywhere` (`math = true` too) keeps its old
    /// meaning, math on every page, with a warning saying what to write.
    #[test]
    fn math_is_switched_by_enabled_and_spread_by_everywhere() {
        let dir = tempfile::tempdir().unwrap();
        let load = |folio: &str| {
            let file = site(dir.path(), &format!("base_url = \"/\"\n{folio}"), None);
            Config::load_file(&file).unwrap()
        };
        let (config, warnings) = load("");
        assert!(config.folio.math.enabled && !config.folio.math.everywhere);
        assert!(warnings.is_empty(), "{warnings:?}");
        let (config, warnings) = load("[extra.folio.math]\nenabled = false\n");
        assert!(!config.folio.math.enabled, "the pass is off");
        assert!(warnings.is_empty(), "{warnings:?}");
        let (config, warnings) = load("[extra.folio.math]\neverywhere = true\n");
        assert!(config.folio.math.enabled && config.folio.math.everywhere);
        assert!(warnings.is_empty(), "{warnings:?}");
        for legacy in [
            "[extra.folio.math]\nenabled = true\n",
            "[extra.folio]\nmath = true\n",
        ] {
            let (config, warnings) = load(legacy);
            assert!(config.folio.math.enabled && config.folio.math.everywhere);
            assert!(
                warnings.len() == 1 && warnings[0].contains("everywhere = true"),
                "{warnings:?}"
            );
        }
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
