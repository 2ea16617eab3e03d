//! `_data/coauthors.yml` in every shape al-folio has used → `[extra.coauthors]` as the theme reads
//! it: lowercase last name → list of `{ firstname = [...], url = "..." }`.
//!
//! Shapes: the map of last names to lists (`Babbage: [{firstname: [Charles], url: …}]`, al-folio
//! since 2020), the older map to one table or a URL (`Babbage: {url: …}`, `Babbage: https://…`,
//! matched on the last name alone, as al-folio did then; an empty `firstname` list means "any
//! first name" to the theme), and a list of people (`- {lastname: …, firstname: …, url: …}` or
//! `- {name: "Ann Lee", url: …}`). An entry with no usable URL is left out and reported; a file of
//! another shape is reported whole and nothing is written, so the config always builds.

use crate::import::report::Report;
use crate::import::toml_out::{Table, Val};
use crate::import::yaml::Node;

/// The co-authors table (empty when the file holds none the theme can use).
pub fn normalize(node: &Node, file: &str, report: &mut Report) -> Table {
    let mut out: Vec<(String, Vec<Val>)> = Vec::new();
    let mut push = |last: &str, firsts: Vec<String>, url: String| {
        let key = last.trim().to_lowercase();
        if key.is_empty() {
            return;
        }
        let mut t = Table::new();
        t.set(
            "firstname",
            Val::Arr(firsts.into_iter().map(Val::Str).collect()),
        );
        t.set("url", Val::Str(url));
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(Val::Inline(t)),
            None => out.push((key, vec![Val::Inline(t)])),
        }
    };
    let mut dropped: Vec<String> = Vec::new();
    match node {
        Node::Map(entries) => {
            for (name, value) in entries {
                let people: Vec<&Node> = match value {
                    Node::Seq(items) => items.iter().collect(),
                    other => vec![other],
                };
                for p in people {
                    match (url_of(p), firsts_of(p)) {
                        (Some(url), firsts) => push(name, firsts, url),
                        (None, _) => dropped.push(name.clone()),
                    }
                }
            }
        }
        Node::Seq(items) => {
            for p in items {
                let (last, firsts) = match (
                    text_of(p, &["lastname", "last_name", "last"]),
                    text_of(p, &["name"]),
                ) {
                    (Some(last), _) => (last, firsts_of(p)),
                    (None, Some(full)) => match full.trim().rsplit_once(' ') {
                        Some((first, last)) => (last.to_owned(), vec![first.trim().to_owned()]),
                        None => (full.trim().to_owned(), firsts_of(p)),
                    },
                    (None, None) => {
                        dropped.push(format!("entry {}", dropped.len() + 1));
                        continue;
                    }
                };
                match url_of(p) {
                    Some(url) => push(&last, firsts, url),
                    None => dropped.push(last),
                }
            }
        }
        Node::Null => {}
        _ => {
            report.attention(
                file,
                None,
                "not a map of last names nor a list of people: co-author links not imported; write [extra.coauthors] in config.toml (see theme/config.example.toml)".to_owned(),
            );
            return Table::new();
        }
    }
    if !dropped.is_empty() {
        report.attention(
            file,
            None,
            format!(
                "co-author(s) without a URL left out: {} (add `url:` and import again, or add them to [extra.coauthors])",
                dropped.join(", ")
            ),
        );
    }
    Table(out.into_iter().map(|(k, v)| (k, Val::Arr(v))).collect())
}

fn text_of(p: &Node, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|k| p.get(k).and_then(Node::text))
        .filter(|s| !s.trim().is_empty())
}

/// `url:` of a person, or the value itself when it is a URL.
fn url_of(p: &Node) -> Option<String> {
    match p {
        Node::Str(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => text_of(p, &["url", "link", "website"]).map(|s| s.trim().to_owned()),
    }
}

/// `firstname:` as a list (a text becomes a list of one).
fn firstnames(n: Option<&Node>) -> Vec<String> {
    match n {
        Some(Node::Seq(items)) => items.iter().filter_map(Node::text).collect(),
        Some(other) => other.text().into_iter().collect(),
        None => Vec::new(),
    }
}

fn firsts_of(p: &Node) -> Vec<String> {
    ["firstname", "first_name", "first"]
        .iter()
        .find_map(|k| p.get(k))
        .map(|n| firstnames(Some(n)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::toml_out::inline;

    fn run(yaml: &str) -> (String, Report) {
        let node = crate::import::yaml::parse(yaml, 1).unwrap().node;
        let mut r = Report::default();
        let t = normalize(&node, "_data/coauthors.yml", &mut r);
        (inline(&Val::Table(t)), r)
    }

    #[test]
    fn every_shape_becomes_the_theme_table() {
        let (t, _) =
            run("Babbage:\n  - firstname: [\"Charles\", \"C.\"]\n    url: https://a.example\n");
        assert_eq!(
            t,
            r#"{ babbage = [{ firstname = ["Charles", "C."], url = "https://a.example" }] }"#
        );
        let (t, _) = run("Lovelace:\n  url: https://b.example\nTuring: https://c.example\n");
        assert_eq!(
            t,
            r#"{ lovelace = [{ firstname = [], url = "https://b.example" }], turing = [{ firstname = [], url = "https://c.example" }] }"#
        );
        let (t, _) = run(
            "- name: Ada Lovelace\n  url: https://b.example\n- lastname: Noether\n  firstname: Emmy\n  url: https://d.example\n",
        );
        assert_eq!(
            t,
            r#"{ lovelace = [{ firstname = ["Ada"], url = "https://b.example" }], noether = [{ firstname = ["Emmy"], url = "https://d.example" }] }"#
        );
    }

    #[test]
    fn entries_without_url_and_other_shapes_are_reported() {
        let (t, r) = run("Babbage:\n  firstname: [Charles]\n");
        assert_eq!(t, "{}");
        assert!(r.markdown().contains("without a URL left out: Babbage"));
        let (t, r) = run("just text\n");
        assert_eq!(t, "{}");
        assert!(r.markdown().contains("co-author links not imported"));
    }
}
