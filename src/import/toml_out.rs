//! Ordered TOML output for config.toml and front matter.
//!
//! [`Table`] keeps keys in the order they were inserted (the theme reads the order of
//! `[extra.socials]` back from the file); [`Table::render`] writes a table's own values first,
//! then its sub-tables as `[a.b]` sections and arrays of tables as `[[a.b]]`, with strings
//! escaped by the TOML rules (multi-line text as `"""` strings). Dates are written as TOML
//! date-times, which Zola reads for `date` and `updated`.

use super::yaml::Node;

/// A TOML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A date or date-time already in TOML/RFC 3339 form, written unquoted.
    Date(String),
    Arr(Vec<Val>),
    Table(Table),
    /// A table always written inline (`{ a = 1 }`), in its place among its siblings.
    Inline(Table),
}

/// A TOML table, its keys in insertion order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table(pub Vec<(String, Val)>);

impl Table {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` (replacing a previous value in place).
    pub fn set(&mut self, key: &str, value: Val) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Val> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The sub-table under `key`, created (at the end) when missing or not a table.
    pub fn table(&mut self, key: &str) -> &mut Table {
        let i = match self.0.iter().position(|(k, _)| k == key) {
            Some(i) => {
                if !matches!(self.0[i].1, Val::Table(_)) {
                    self.0[i].1 = Val::Table(Table::new());
                }
                i
            }
            None => {
                self.0.push((key.to_owned(), Val::Table(Table::new())));
                self.0.len() - 1
            }
        };
        match &mut self.0[i].1 {
            Val::Table(t) => t,
            _ => unreachable!(),
        }
    }

    /// The TOML text of this table as a document (or the body under a header).
    pub fn render(&self) -> String {
        let mut out = String::new();
        render_table(self, &[], &mut out);
        out
    }
}

/// Converts YAML to TOML. Nulls have no TOML form: they are dropped (from tables and arrays) and
/// their key paths returned, so the caller can report them if they matter.
pub fn from_node(node: &Node) -> Option<Val> {
    Some(match node {
        Node::Null => return None,
        Node::Bool(b) => Val::Bool(*b),
        Node::Int(i) => Val::Int(*i),
        Node::Float(f) => Val::Float(*f),
        Node::Str(s) => Val::Str(s.clone()),
        Node::Seq(items) => Val::Arr(items.iter().filter_map(from_node).collect()),
        Node::Map(entries) => Val::Table(Table(
            entries
                .iter()
                .filter_map(|(k, v)| from_node(v).map(|v| (k.clone(), v)))
                .collect(),
        )),
    })
}

fn is_table_array(v: &Val) -> bool {
    matches!(v, Val::Arr(items) if !items.is_empty() && items.iter().all(|i| matches!(i, Val::Table(_))))
}

fn render_table(table: &Table, path: &[String], out: &mut String) {
    for (key, value) in &table.0 {
        if matches!(value, Val::Table(_)) || is_table_array(value) {
            continue;
        }
        out.push_str(&key_text(key));
        out.push_str(" = ");
        out.push_str(&inline(value));
        out.push('\n');
    }
    for (key, value) in &table.0 {
        let mut sub = path.to_vec();
        sub.push(key.clone());
        let header = sub
            .iter()
            .map(|k| key_text(k))
            .collect::<Vec<_>>()
            .join(".");
        match value {
            Val::Table(t) => {
                let has_values =
                    t.0.iter()
                        .any(|(_, v)| !matches!(v, Val::Table(_)) && !is_table_array(v));
                if has_values || t.is_empty() {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&format!("[{header}]\n"));
                }
                render_table(t, &sub, out);
            }
            v if is_table_array(v) => {
                let Val::Arr(items) = v else { unreachable!() };
                for item in items {
                    let Val::Table(t) = item else { unreachable!() };
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&format!("[[{header}]]\n"));
                    render_table(t, &sub, out);
                }
            }
            _ => {}
        }
    }
}

/// A key, bare when TOML allows it.
pub fn key_text(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        key.to_owned()
    } else {
        basic_string(key)
    }
}

/// A value on one line (tables inline), except multi-line strings.
pub fn inline(value: &Val) -> String {
    match value {
        Val::Str(s) if s.contains('\n') && s.len() > 1 => multiline_string(s),
        Val::Str(s) => basic_string(s),
        Val::Int(i) => i.to_string(),
        Val::Float(f) if f.is_nan() => "nan".into(),
        Val::Float(f) if f.is_infinite() => if *f > 0.0 { "inf" } else { "-inf" }.into(),
        Val::Float(f) => {
            let s = f.to_string();
            if s.contains(['.', 'e', 'E']) {
                s
            } else {
                format!("{s}.0")
            }
        }
        Val::Bool(b) => b.to_string(),
        Val::Date(d) => d.clone(),
        Val::Arr(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Val::Str(s) => basic_string(s),
                    other => inline(other),
                })
                .collect();
            format!("[{}]", parts.join(", "))
        }
        Val::Table(t) | Val::Inline(t) => {
            if t.is_empty() {
                return "{}".into();
            }
            let parts: Vec<String> =
                t.0.iter()
                    .map(|(k, v)| {
                        let v = match v {
                            Val::Str(s) => basic_string(s),
                            other => inline(other),
                        };
                        format!("{} = {v}", key_text(k))
                    })
                    .collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// A one-line basic string.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    escape_into(s, false, &mut out);
    out.push('"');
    out
}

/// A `"""` string; the newline after the opening quotes is not part of the value.
fn multiline_string(s: &str) -> String {
    let mut out = String::from("\"\"\"\n");
    escape_into(s, true, &mut out);
    out.push_str("\"\"\"");
    out
}

/// `s` escaped for a TOML basic string; `multiline` keeps newlines and tabs as they are.
fn escape_into(s: &str, multiline: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' if multiline => out.push('\n'),
            '\t' if multiline => out.push('\t'),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(t: &Table) -> toml::Table {
        let text = t.render();
        toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn renders_valid_ordered_toml() {
        let mut t = Table::new();
        t.set("title", Val::Str("A \"quoted\" \\ title".into()));
        t.set("date", Val::Date("2015-10-20T11:12:00-04:00".into()));
        let extra = t.table("extra");
        extra.set("zeta", Val::Int(1));
        extra.set("alpha", Val::Str("multi\nline \"\"\" text\n".into()));
        extra
            .table("profile")
            .set("align", Val::Str("right".into()));
        extra.set("after", Val::Bool(true));
        let socials = extra.table("socials");
        socials.set("email", Val::Str("a@b.c".into()));
        let mut custom = Table::new();
        custom.set("title", Val::Str("T".into()));
        custom.set("url", Val::Str("https://x".into()));
        socials.set("my service", Val::Inline(custom));
        socials.set("x_username", Val::Str("me".into()));
        let mut nav = Table::new();
        nav.set("name", Val::Str("blog".into()));
        t.set("nav", Val::Arr(vec![Val::Table(nav)]));
        t.set("f", Val::Float(2.0));
        t.set(
            "weird key.x",
            Val::Arr(vec![Val::Int(1), Val::Str("a".into())]),
        );

        let text = t.render();
        let parsed = roundtrip(&t);
        assert_eq!(
            parsed["title"].as_str(),
            Some("A \"quoted\" \\ title"),
            "{text}"
        );
        assert!(parsed["date"].is_datetime());
        assert_eq!(
            parsed["extra"]["alpha"].as_str(),
            Some("multi\nline \"\"\" text\n")
        );
        assert_eq!(parsed["extra"]["after"].as_bool(), Some(true));
        assert_eq!(
            parsed["extra"]["socials"]["my service"]["url"].as_str(),
            Some("https://x")
        );
        assert_eq!(parsed["nav"][0]["name"].as_str(), Some("blog"));
        assert_eq!(parsed["f"].as_float(), Some(2.0));
        // Order of keys as inserted.
        let zeta = text.find("zeta").unwrap();
        let alpha = text.find("alpha").unwrap();
        assert!(zeta < alpha, "{text}");
        assert!(text.find("email").unwrap() < text.find("my service").unwrap());
        assert!(text.find("my service").unwrap() < text.find("x_username").unwrap());
    }

    #[test]
    fn control_characters_and_empty_tables() {
        let mut t = Table::new();
        t.set("s", Val::Str("a\u{1}b\u{7f}\r\n".into()));
        t.table("empty");
        let parsed = roundtrip(&t);
        assert_eq!(parsed["s"].as_str(), Some("a\u{1}b\u{7f}\r\n"));
        assert!(parsed["empty"].as_table().unwrap().is_empty());
    }

    #[test]
    fn from_yaml_drops_nulls() {
        let node = Node::Map(vec![
            ("a".into(), Node::Null),
            (
                "b".into(),
                Node::Seq(vec![Node::Int(1), Node::Null, Node::Str("x".into())]),
            ),
        ]);
        let Some(Val::Table(t)) = from_node(&node) else {
            panic!()
        };
        assert!(!t.contains("a"));
        assert_eq!(
            t.get("b"),
            Some(&Val::Arr(vec![Val::Int(1), Val::Str("x".into())]))
        );
    }
}
