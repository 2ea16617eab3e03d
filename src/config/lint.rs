//! Typos in the theme's own keys: the site's `[extra]` compared with the theme's defaults (its
//! theme.toml `[extra]`), key by key, with the line of each key as written.
//!
//! Zola passes any `[extra]` key to the templates, so `[extra.socails]` or
//! `theme_toggle = "no"` build without a word and do nothing (or the opposite). This finds two
//! kinds of slip, as warnings (the site may mean them): a key the theme does not have that is
//! within two edits of one it has ("did you mean"), and a value of another kind than the
//! theme's default (a string where the theme takes true/false, a number, a list or a table).
//! A key far from every theme key is the site's own (its templates may read it) and is left
//! alone; so are the free-form tables (an empty table in theme.toml, e.g. `socials`, `venues`)
//! and `[extra.folio]`, which the rewriter's typed options check themselves.

use std::path::Path;

use toml::de::{DeTable, DeValue};

/// The warnings for the site config `site_text` (the file `site_file`) against the theme's
/// `theme.toml` text. Nothing when either does not parse (the parse itself reports that).
pub fn theme_key_warnings(site_file: &Path, site_text: &str, theme_text: &str) -> Vec<String> {
    let Ok(site) = DeTable::parse(site_text) else {
        return Vec::new();
    };
    let Ok(theme) = toml::from_str::<toml::Table>(theme_text) else {
        return Vec::new();
    };
    let (Some(site_extra), Some(toml::Value::Table(theme_extra))) =
        (site.get_ref().get("extra"), theme.get("extra"))
    else {
        return Vec::new();
    };
    let DeValue::Table(site_extra) = site_extra.get_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut lint = Lint {
        file: site_file,
        text: site_text,
        out: &mut out,
    };
    lint.table("extra", site_extra, theme_extra);
    // The parsed table does not keep the file's order: the warnings go in the order of the file.
    out.sort_by_key(|(offset, _)| *offset);
    out.into_iter().map(|(_, message)| message).collect()
}

struct Lint<'a> {
    file: &'a Path,
    text: &'a str,
    /// Each warning with the byte offset of its key.
    out: &'a mut Vec<(usize, String)>,
}

impl Lint<'_> {
    fn table(&mut self, path: &str, site: &DeTable<'_>, theme: &toml::Table) {
        for (key, value) in site {
            let name = key.get_ref().as_ref();
            let offset = key.span().start;
            let at = self.position(offset);
            match theme.get(name) {
                None => {
                    if let Some(near) = closest(name, theme.keys().map(String::as_str)) {
                        self.out.push((offset, format!(
                            "{}:{at}: [{path}] {name}: the folio theme has no such key; did you mean `{near}`? (as written it is ignored)",
                            self.file.display()
                        )));
                    }
                }
                Some(toml::Value::Table(inner)) => match value.get_ref() {
                    DeValue::Table(site_inner) if is_checked(path, name, inner) => {
                        self.table(&format!("{path}.{name}"), site_inner, inner)
                    }
                    DeValue::Table(_) => {}
                    other => self.mismatch(offset, path, name, &at, other, "a table", None),
                },
                Some(default) => {
                    let expected = kind(default);
                    let found = value.get_ref();
                    if expected != kind_de(found) {
                        self.mismatch(offset, path, name, &at, found, expected, Some(default));
                    }
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn mismatch(
        &mut self,
        offset: usize,
        path: &str,
        name: &str,
        at: &str,
        found: &DeValue<'_>,
        expected: &str,
        default: Option<&toml::Value>,
    ) {
        let shown = match found {
            DeValue::String(s) => format!("{:?}", s.as_ref()),
            other => kind_de(other).to_owned(),
        };
        let default = default
            .map(|d| format!(" (the theme's default: {})", d.to_string().trim()))
            .unwrap_or_default();
        let hint = match (expected, found) {
            ("true or false", DeValue::String(_)) => " Write it without quotes.",
            ("a number", DeValue::String(_)) => " Write the number without quotes.",
            _ => "",
        };
        self.out.push((offset, format!(
            "{}:{at}: [{path}] {name} = {shown}: the folio theme expects {expected}{default}.{hint}",
            self.file.display()
        )));
    }

    /// `line:column` (1-based) of a byte offset in the site config.
    fn position(&self, offset: usize) -> String {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{line}:{column}")
    }
}

/// Whether the keys of the theme's table `path.name` are a fixed set worth checking: not the
/// rewriter's `[extra.folio]` (typed and checked on its own) and not a free-form table (empty
/// in theme.toml: social links, venues, co-authors).
fn is_checked(path: &str, name: &str, theme: &toml::Table) -> bool {
    let is_folio = path == "extra" && name == "folio";
    !is_folio && !theme.is_empty()
}

/// The theme key within two edits of `name` (the nearest; none for names of three letters or
/// fewer, where two edits reach almost anything).
fn closest<'k>(name: &str, keys: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    if name.chars().count() <= 3 {
        return None;
    }
    keys.map(|k| (strsim::damerau_levenshtein(name, k), k))
        .filter(|&(d, _)| d <= 2)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

fn kind(value: &toml::Value) -> &'static str {
    match value {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) | toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "true or false",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "a list",
        toml::Value::Table(_) => "a table",
    }
}

fn kind_de(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) | DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THEME: &str = r#"
name = "folio"
[extra]
theme_toggle = true
socials = {}
stylesheets = []
date_format = "%b"
[extra.announcements]
enabled = true
limit = 5
[extra.venues]
[extra.folio.profile]
enabled = true
"#;

    fn warn(site: &str) -> Vec<String> {
        theme_key_warnings(Path::new("config.toml"), site, THEME)
    }

    #[test]
    fn a_near_key_gets_a_did_you_mean_with_its_line() {
        let w = warn("title = \"x\"\n[extra]\n\n[extra.socails]\nemail = \"a@b.c\"\n");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("config.toml:4:8: [extra] socails")
                && w[0].contains("did you mean `socials`"),
            "{w:?}"
        );
    }

    #[test]
    fn a_value_of_another_kind_is_named_with_the_default() {
        let w = warn("[extra]\ntheme_toggle = \"no\"\nstylesheets = \"a.css\"\n");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].starts_with("config.toml:2:1: [extra] theme_toggle = \"no\"")
                && w[0].contains("expects true or false (the theme's default: true)")
                && w[0].contains("without quotes"),
            "{w:?}"
        );
        assert!(
            w[1].contains("stylesheets") && w[1].contains("a list"),
            "{w:?}"
        );
    }

    #[test]
    fn nested_tables_are_checked_and_free_form_ones_are_not() {
        let w = warn(
            "[extra.announcements]\nlimit = \"five\"\nenabeld = false\n[extra.venues]\nICML = { url = \"x\" }\n[extra.socials]\nanything = \"x\"\n[extra.folio.profile]\nalign = 3\n",
        );
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains(
                "[extra.announcements] limit = \"five\": the folio theme expects a number"
            ),
            "{w:?}"
        );
        assert!(
            w[1].contains("enabeld") && w[1].contains("`enabled`"),
            "{w:?}"
        );
    }

    #[test]
    fn the_sites_own_keys_and_right_values_are_quiet() {
        assert!(
            warn("[extra]\ntheme_toggle = false\nmy_own_key = 1\nmath = \"x\"\nannouncements = { limit = 2 }\n")
                .is_empty()
        );
        assert!(warn("not toml [").is_empty());
        assert!(warn("title = \"no extra\"").is_empty());
    }
}
