//! Front matter: splitting it off, and mapping al-folio's keys to Zola's and the theme's.
//!
//! Zola refuses unknown keys in a section's front matter (`layout` is an error) and drops them
//! silently from a page's; so every key is placed explicitly: Zola's own (`title`, `date`,
//! `path`, `taxonomies`, …) at the top, the keys the theme reads under `[extra]`, and every other
//! key under `[extra]` as well, listed in the report. Keys that only steer Jekyll (`layout`,
//! `permalink`, …) are consumed by the mapping.

use super::dates;
use super::report::Report;
use super::toml_out::{Table, Val, from_node};
use super::yaml::{self, Node};

/// A file split into front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines (`None`: the file has no front matter).
    pub yaml: Option<&'a str>,
    /// The line the YAML starts on (1-based).
    pub yaml_line: usize,
    pub body: &'a str,
    /// The line the body starts on.
    pub body_line: usize,
}

/// Splits Jekyll front matter: a first line `---`, then YAML up to a line `---` or `...`.
pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        yaml: None,
        yaml_line: 1,
        body: text,
        body_line: 1,
    };
    let Some(first_end) = text.find('\n') else {
        return none;
    };
    if text[..first_end].trim_end() != "---" {
        return none;
    }
    let mut offset = first_end + 1;
    for (line, l) in (2..).zip(text[offset..].split_inclusive('\n')) {
        let trimmed = l.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Split {
                yaml: Some(&text[first_end + 1..offset]),
                yaml_line: 2,
                body: &text[offset + l.len()..],
                body_line: line + 1,
            };
        }
        offset += l.len();
    }
    none
}

/// Parses the front matter of `file`; errors are `file:line:column: message`.
pub fn parse(file: &str, split: &Split<'_>, report: &mut Report) -> Result<Node, String> {
    let Some(yaml_text) = split.yaml else {
        return Ok(Node::Map(Vec::new()));
    };
    match yaml::parse(yaml_text, split.yaml_line) {
        Ok(parsed) => {
            for key in parsed.duplicates {
                report.attention(
                    file,
                    None,
                    format!("front matter key `{key}` is given twice: the last value is used, as in Jekyll"),
                );
            }
            match parsed.node {
                Node::Map(_) => Ok(parsed.node),
                Node::Null => Ok(Node::Map(Vec::new())),
                _ => Err(format!(
                    "{file}:{}: the front matter is not a mapping of keys to values",
                    split.yaml_line
                )),
            }
        }
        Err(e) => Err(format!(
            "{file}:{}:{}: invalid YAML front matter: {}",
            e.line, e.column, e.message
        )),
    }
}

/// Builds a Zola front matter from an al-folio one, tracking which keys were placed.
pub struct Mapper<'a> {
    src: &'a Node,
    file: &'a str,
    used: Vec<String>,
    pub top: Table,
    pub extra: Table,
    pub taxonomies: Table,
}

impl<'a> Mapper<'a> {
    pub fn new(src: &'a Node, file: &'a str) -> Self {
        Self {
            src,
            file,
            used: Vec::new(),
            top: Table::new(),
            extra: Table::new(),
            taxonomies: Table::new(),
        }
    }

    /// The source value of `key` (marking it used).
    pub fn take(&mut self, key: &str) -> Option<&'a Node> {
        let v = self.src.get(key)?;
        self.used.push(key.to_owned());
        Some(v)
    }

    /// Marks keys as consumed without placing them.
    pub fn consume(&mut self, keys: &[&str]) {
        for k in keys {
            if self.src.get(k).is_some() {
                self.used.push((*k).to_owned());
            }
        }
    }

    /// `key` as non-empty text into Zola's top level.
    pub fn text_top(&mut self, key: &str, to: &str) {
        if let Some(text) = self.take(key).and_then(Node::text) {
            self.top.set(to, Val::Str(text));
        }
    }

    /// `key` (any value) into `[extra]` under the same name.
    pub fn extra(&mut self, key: &str) {
        if let Some(v) = self.take(key).and_then(from_node) {
            self.extra.set(key, v);
        }
    }

    /// `date`-like key → a TOML date at `to`; unreadable dates are kept as text in `[extra]`.
    pub fn date(&mut self, key: &str, to: &str, report: &mut Report) -> Option<String> {
        let raw = self.take(key)?.text()?;
        match dates::normalize(&raw) {
            Some(d) => {
                self.top.set(to, Val::Date(d.clone()));
                Some(d)
            }
            None => {
                report.attention(
                    self.file,
                    None,
                    format!(
                        "`{key}: {raw}` is not a date Zola can read: kept as extra.{key}_original"
                    ),
                );
                self.extra.set(&format!("{key}_original"), Val::Str(raw));
                None
            }
        }
    }

    /// Jekyll `tags`/`categories`/`category` → a taxonomy (strings split on whitespace).
    pub fn taxonomy(&mut self, keys: &[&str], to: &str) {
        let mut terms: Vec<Val> = Vec::new();
        for key in keys {
            let Some(v) = self.take(key) else { continue };
            let mut push = |t: String| {
                let t = t.trim().to_owned();
                if !t.is_empty() && !terms.contains(&Val::Str(t.clone())) {
                    terms.push(Val::Str(t));
                }
            };
            match v {
                Node::Seq(items) => items.iter().filter_map(Node::as_text).for_each(&mut push),
                Node::Str(s) => s.split_whitespace().map(str::to_owned).for_each(&mut push),
                other => {
                    if let Some(t) = other.as_text() {
                        push(t)
                    }
                }
            }
        }
        if !terms.is_empty() {
            self.taxonomies.set(to, Val::Arr(terms));
        }
    }

    /// Every key not placed yet goes under `[extra]` and into the report.
    pub fn rest_to_extra(&mut self, report: &mut Report, known_extra: &[&str]) {
        for (key, value) in self.src.entries() {
            if self.used.iter().any(|u| u == key) {
                continue;
            }
            let Some(v) = from_node(value) else {
                continue; // a null: nothing to keep
            };
            let key_out = if self.extra.contains(key) {
                format!("jekyll_{key}")
            } else {
                key.clone()
            };
            self.extra.set(&key_out, v);
            if !known_extra.contains(&key.as_str()) {
                report.kept_key(self.file, &key_out);
            }
        }
    }

    /// The `+++` block: top keys, `[taxonomies]`, `[extra]`.
    pub fn render(mut self) -> String {
        if !self.taxonomies.is_empty() {
            self.top.set("taxonomies", Val::Table(self.taxonomies));
        }
        if !self.extra.is_empty() {
            self.top.set("extra", Val::Table(self.extra));
        }
        format!("+++\n{}+++\n", self.top.render())
    }
}

/// Jekyll's `published: false` → Zola's `draft = true`.
pub fn draft(m: &mut Mapper<'_>) {
    if let Some(v) = m.take("published")
        && !v.truthy()
    {
        m.top.set("draft", Val::Bool(true));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let s = split("---\ntitle: x\n---\nbody\n");
        assert_eq!(s.yaml, Some("title: x\n"));
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 4);
        let s = split("---  \na: 1\n...\n");
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "");
        let s = split("no front matter\n---\n");
        assert_eq!(s.yaml, None);
        let s = split("---\nnever closed\n");
        assert_eq!(s.yaml, None);
        let s = split("---\n---\n");
        assert_eq!(s.yaml, Some(""));
    }

    #[test]
    fn parse_errors_name_file_line_column() {
        let mut report = Report::default();
        let text = "---\ntitle: ok\nbad: [\n---\n";
        let err = parse("_posts/x.md", &split(text), &mut report).unwrap_err();
        assert!(err.starts_with("_posts/x.md:"), "{err}");
        assert!(err.contains("invalid YAML"), "{err}");
        let text = "---\n- a\n---\n";
        assert!(parse("x.md", &split(text), &mut report).is_err());
    }

    #[test]
    fn mapping_places_every_key() {
        let node = yaml::parse(
            "layout: post\ntitle: Hi\ndate: 2015-10-20 11:12:00-0400\ntags: a b\ncategories: [x, a]\nnews: yes\nweird key: 1\nempty:\n",
            1,
        )
        .unwrap()
        .node;
        let mut report = Report::default();
        let mut m = Mapper::new(&node, "f.md");
        m.consume(&["layout"]);
        m.text_top("title", "title");
        m.date("date", "date", &mut report);
        m.taxonomy(&["tags"], "tags");
        m.taxonomy(&["categories", "category"], "categories");
        m.extra("news");
        m.rest_to_extra(&mut report, &[]);
        let out = m.render();
        let inner = out
            .strip_prefix("+++\n")
            .unwrap()
            .strip_suffix("+++\n")
            .unwrap();
        let parsed: toml::Table = toml::from_str(inner).unwrap();
        assert_eq!(parsed["title"].as_str(), Some("Hi"));
        assert_eq!(parsed["date"].to_string(), "2015-10-20T11:12:00-04:00");
        assert_eq!(parsed["taxonomies"]["tags"].as_array().unwrap().len(), 2);
        assert_eq!(parsed["extra"]["news"].as_bool(), Some(true));
        assert_eq!(parsed["extra"]["weird key"].as_integer(), Some(1));
        assert!(parsed.get("layout").is_none());
        assert_eq!(report.kept_keys["f.md"], vec!["weird key".to_owned()]);
    }

    #[test]
    fn bad_dates_are_kept() {
        let node = yaml::parse("date: someday\n", 1).unwrap().node;
        let mut report = Report::default();
        let mut m = Mapper::new(&node, "f.md");
        assert_eq!(m.date("date", "date", &mut report), None);
        assert_eq!(report.attention_count(), 1);
        assert_eq!(
            m.extra.get("date_original"),
            Some(&Val::Str("someday".into()))
        );
    }
}
