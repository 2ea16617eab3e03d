//! Publications: `scholar:` and the publication options → `[extra.scholar]`, and
//! `_data/venues.yml`, `_data/coauthors.yml` → `[extra.venues]`, `[extra.coauthors]`.

use super::Build;
use crate::import::toml_out::{Table, Val, from_node};
use crate::import::yaml::Node;

/// `[extra.scholar]`: the main bibliography, the publications page, the author's names and the
/// publication options; jekyll-scholar's other settings are reported.
pub(super) fn scholar(b: &mut Build<'_, '_>) {
    let c = b.inputs.config;
    let scholar = b.extra.table("scholar");
    // No bibliography: "" (the theme's default file does not exist here).
    scholar.set(
        "bibliography",
        Val::Str(b.inputs.bibliography.clone().unwrap_or_default()),
    );
    if let Some(page) = &b.found.publications_page {
        scholar.set("page", Val::Str(page.clone()));
    }
    if let Some(s) = c.get("scholar") {
        for key in ["last_name", "first_name"] {
            match s.get(key) {
                Some(Node::Seq(items)) => scholar.set(
                    key,
                    Val::Arr(items.iter().filter_map(Node::text).map(Val::Str).collect()),
                ),
                Some(n) => {
                    if let Some(t) = n.text() {
                        scholar.set(key, Val::Arr(vec![Val::Str(t)]));
                    }
                }
                None => {}
            }
        }
        if let Some(g) = s.get("group_by").and_then(Node::text) {
            scholar.set("group_by", Val::Str(g));
        }
        let mapped = [
            "last_name",
            "first_name",
            "group_by",
            "source",
            "bibliography",
        ];
        for (key, value) in s.entries() {
            if mapped.contains(&key.as_str()) || value.is_null() {
                continue;
            }
            b.report.config_unmapped.push((
                format!("scholar.{key}"),
                "a jekyll-scholar setting the folio theme does not need".into(),
            ));
        }
    }
    if let Some(Node::Int(n)) = c.get("max_author_limit") {
        scholar.set("max_author_limit", Val::Int(*n));
    }
    if let Some(v) = c.get("enable_publication_thumbnails") {
        scholar.set("enable_publication_thumbnails", Val::Bool(v.truthy()));
    }
    if let Some(v) = c.get("filtered_bibtex_keywords").and_then(from_node) {
        scholar.set("filtered_bibtex_keywords", v);
    }
    if let Some(badges) = c.get("enable_publication_badges")
        && let Some(Val::Table(t)) = from_node(badges)
    {
        scholar.set("badges", Val::Table(t));
    }
    if scholar.is_empty() {
        b.extra.0.retain(|(k, _)| k != "scholar");
    }
}

/// `_data/venues.yml` and `_data/coauthors.yml` (co-authors by lowercase last name, as the
/// theme looks them up), one line each.
pub(super) fn venues_and_coauthors(b: &mut Build<'_, '_>) {
    if let Some(Val::Table(t)) = b.inputs.venues.and_then(from_node)
        && !t.is_empty()
    {
        b.extra.set("venues", Val::Table(inline_values(t)));
    }
    if let Some(node) = b.inputs.coauthors {
        let t = super::coauthors::normalize(node, "_data/coauthors.yml", b.report);
        if !t.is_empty() {
            b.extra.set("coauthors", Val::Table(t));
        }
    }
}

/// Sub-tables written inline (one line per venue or co-author).
fn inline_values(t: Table) -> Table {
    Table(
        t.0.into_iter()
            .map(|(k, v)| {
                let v = match v {
                    Val::Table(t) => Val::Inline(t),
                    Val::Arr(items) => Val::Arr(
                        items
                            .into_iter()
                            .map(|i| match i {
                                Val::Table(t) => Val::Inline(t),
                                other => other,
                            })
                            .collect(),
                    ),
                    other => other,
                };
                (k, v)
            })
            .collect(),
    )
}
