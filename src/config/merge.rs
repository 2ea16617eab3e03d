//! Zola's merge of a theme's `[extra]` under the site's, and `[extra.folio]` read from the
//! merged tables.

use std::path::Path;

use super::error::{ConfigError, toml_error};
use super::options::FolioConfig;

/// Merges the theme's `[extra.folio]` under the site's (tables recursively, the site wins) and
/// reads the result.
pub(super) fn merge_folio(
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
        ConfigError::at_key(
            site_file,
            &format!("extra.folio.{key}"),
            format!(
                "[extra.folio] {key}: Zola cannot merge it with {} (a table on one side, a \
                 value on the other), so `zola build` fails too; write it as in the theme, e.g. \
                 `[extra.folio.{key}]` with `enabled = true`",
                theme_file.display(),
            ),
        )
    })?;
    toml::Value::Table(merged)
        .try_into()
        .map_err(|e: toml::de::Error| {
            ConfigError::in_file(
                site_file,
                format!(
                    "invalid [extra.folio] (merged with {}): {}",
                    theme_file.display(),
                    e.message().trim()
                ),
            )
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
