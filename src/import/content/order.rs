//! The order and publication of collection documents, as Jekyll had them.
//!
//! Jekyll orders a collection by its `order:` list (in `_config.yml` `collections:`), else by its
//! `sort_by:` field, else (al-folio's listings) by `importance`; ties by date, then title, then
//! file. Each document gets a `weight` (its rank, from 1), so the section can be `sort_by =
//! "weight"` with no document left out. A collection Jekyll did not publish ([`unpublished`]) has
//! its documents `render = false` with `extra.listed_only`: in their section, shown whole by its
//! listing, without pages of their own.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::{Doc, Kind, Site};
use crate::import::report::Report;
use crate::import::yaml::Node;

/// Sets `weight` and `published` on the documents of projects and other collections.
pub fn order(docs: &mut [Doc], site: &Site<'_>, report: &mut Report) {
    let collections = site.config.get("collections");
    let mut names: Vec<String> = Vec::new();
    for d in docs.iter() {
        if let Some(c) = collection_of(d)
            && !names.contains(&c)
        {
            names.push(c);
        }
    }
    for name in names {
        let conf = collections.and_then(|c| c.get(&name));
        let unpublished = unpublished(site.config, &name);
        let list: Vec<String> = match conf.and_then(|c| c.get("order")) {
            Some(Node::Seq(items)) => items.iter().filter_map(Node::text).collect(),
            _ => Vec::new(),
        };
        let sort_by = conf.and_then(|c| c.get("sort_by")).and_then(Node::text);
        let mut idx: Vec<usize> = (0..docs.len())
            .filter(|i| collection_of(&docs[*i]).as_deref() == Some(name.as_str()))
            .collect();
        idx.sort_by(|a, b| compare(&docs[*a], &docs[*b], &list, sort_by.as_deref()));
        for (rank, i) in idx.iter().enumerate() {
            let d = &mut docs[*i];
            d.weight = Some(rank as i64 + 1);
            d.published = unpublished.is_none();
        }
        if let Some(why) = unpublished
            && let Some(first) = idx.first()
        {
            report.note(
                &docs[*first].origin.clone(),
                None,
                format!(
                    "collection `{name}` ({why}): Jekyll made no page for its documents; imported with `render = false` and shown whole in its section's listing; set `render = true` (and remove `extra.listed_only`) in a document to give it a page"
                ),
            );
        }
    }
}

/// Why Jekyll published no page for the documents of collection `name` (`None`: it did): a
/// collection with `output:` false, or declared without `output:` (Jekyll's default is false),
/// or left out of a `collections:` setting that exists (commented out). With no `collections:`
/// setting at all, every collection counts as published (the source is read as it is).
pub fn unpublished(config: &Node, name: &str) -> Option<&'static str> {
    let collections = config.get("collections")?;
    let declared = match collections {
        Node::Map(_) => collections.get(name),
        Node::Seq(items) if items.iter().any(|i| i.text().as_deref() == Some(name)) => {
            return Some("declared without `output: true`");
        }
        Node::Seq(_) => None,
        _ => return None,
    };
    match declared {
        None => Some("not in `collections:` of _config.yml"),
        Some(conf) => match conf.get("output") {
            Some(o) if o.truthy() && o.as_text().is_none_or(|t| t.trim() != "false") => None,
            Some(_) => Some("`output: false`"),
            None => Some("declared without `output: true`"),
        },
    }
}

/// The unpublished documents of each collection, by rank: collection → content paths.
pub fn listed_only(docs: &[Doc]) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<(i64, String)>> = HashMap::new();
    for d in docs.iter().filter(|d| !d.published) {
        if let Some(c) = collection_of(d) {
            out.entry(c)
                .or_default()
                .push((d.weight.unwrap_or(i64::MAX), d.dest.clone()));
        }
    }
    out.into_iter()
        .map(|(c, mut list)| {
            list.sort();
            (c, list.into_iter().map(|(_, p)| p).collect())
        })
        .collect()
}

fn collection_of(d: &Doc) -> Option<String> {
    match &d.kind {
        Kind::Project => Some("projects".into()),
        Kind::Item(c) => Some(c.clone()),
        _ => None,
    }
}

/// Jekyll's order of two documents of one collection.
fn compare(a: &Doc, b: &Doc, list: &[String], sort_by: Option<&str>) -> Ordering {
    let rank = |d: &Doc| {
        let inner = d
            .src
            .strip_prefix(&format!("{}/", d.origin))
            .unwrap_or(&d.src);
        list.iter().position(|f| f == inner).unwrap_or(usize::MAX)
    };
    let key = sort_by.unwrap_or("importance");
    rank(a)
        .cmp(&rank(b))
        .then_with(|| field(a, key).cmp(&field(b, key)))
        .then_with(|| a.date.cmp(&b.date))
        .then_with(|| title(a).cmp(&title(b)))
        .then_with(|| a.src.cmp(&b.src))
}

/// A field for sorting: numbers before texts, numbers by value; missing last (as Liquid's
/// `sort` puts nil last).
enum Field {
    Num(f64),
    Text(String),
    Missing,
}

impl Field {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Field::Num(a), Field::Num(b)) => a.total_cmp(b),
            (Field::Text(a), Field::Text(b)) => a.cmp(b),
            (Field::Missing, Field::Missing) => Ordering::Equal,
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Field::Num(_) => 0,
            Field::Text(_) => 1,
            Field::Missing => 2,
        }
    }
}

fn field(d: &Doc, key: &str) -> Field {
    match d.fm.get(key) {
        Some(Node::Int(i)) => Field::Num(*i as f64),
        Some(Node::Float(f)) if f.is_finite() => Field::Num(*f),
        Some(n) => n
            .text()
            .map_or(Field::Missing, |t| match t.trim().parse::<f64>() {
                Ok(f) if f.is_finite() => Field::Num(f),
                _ => Field::Text(t.to_lowercase()),
            }),
        None => Field::Missing,
    }
}

fn title(d: &Doc) -> String {
    d.fm.get("title")
        .or_else(|| d.fm.get("name"))
        .and_then(Node::text)
        .unwrap_or_default()
        .to_lowercase()
}
