//! The sections' `_index.md`: the blog (with al-folio's pagination and featured tags), its year
//! sections, news, projects and other collections.

use super::{Context, Found, Section};
use crate::import::theme_has;
use crate::import::toml_out::{Table, Val, from_node};
use crate::import::yaml::Node;

/// A year section of the blog (`content/blog/2015/_index.md`): transparent, so that its
/// posts are the blog's too, rendered as the theme's year archive; its posts' headings get
/// anchor links, as the blog's do.
pub fn year_front(year: &str) -> String {
    let mut t = Table::new();
    t.set("title", Val::Str(year.to_owned()));
    t.set("sort_by", Val::Str("date".into()));
    t.set("transparent", Val::Bool(true));
    t.set("template", Val::Str("blog_year.html".into()));
    t.set("page_template", Val::Str("post.html".into()));
    // A "#" link on each heading of its posts, shown on hover (the theme's anchor-link.html).
    t.set("insert_anchor_links", Val::Str("right".into()));
    format!("+++\n{}+++\n", t.render())
}

/// A section's `_index.md` front matter.
pub fn section_front(section: &Section, ctx: &Context<'_>, found: &Found, extra: Table) -> String {
    let (title, description, per_page) = found.listing.get(section).cloned().unwrap_or_default();
    let config = ctx.site.config;
    let mut t = Table::new();
    match section {
        Section::Blog => {
            let title = config
                .get("blog_name")
                .and_then(Node::text)
                .or(title)
                .unwrap_or_else(|| "blog".into());
            t.set("title", Val::Str(title));
            if let Some(d) = config
                .get("blog_description")
                .and_then(Node::text)
                .or(description)
            {
                t.set("description", Val::Str(d));
            }
            t.set("sort_by", Val::Str("date".into()));
            if theme_has("templates/blog.html") {
                t.set("template", Val::Str("blog.html".into()));
            }
            t.set("page_template", Val::Str("post.html".into()));
            t.set("insert_anchor_links", Val::Str("right".into()));
            let per_page = per_page
                .or_else(|| {
                    config
                        .get("pagination")
                        .and_then(|p| p.get("per_page"))
                        .and_then(|n| if let Node::Int(i) = n { Some(*i) } else { None })
                })
                .or_else(|| {
                    config
                        .get("paginate")
                        .and_then(|n| if let Node::Int(i) = n { Some(*i) } else { None })
                })
                .filter(|n| *n > 0)
                .unwrap_or(10);
            t.set("paginate_by", Val::Int(per_page));
            // al-folio's featured tags and categories, site-wide there.
            let mut extra = extra.clone();
            for key in ["display_tags", "display_categories"] {
                if !extra.contains(key)
                    && let Some(v) = config.get(key).and_then(from_node)
                {
                    extra.set(key, v);
                }
            }
            if !extra.is_empty() {
                t.set("extra", Val::Table(extra));
            }
            return format!("+++\n{}+++\n", t.render());
        }
        Section::News => {
            t.set("title", Val::Str(title.unwrap_or_else(|| "news".into())));
            if let Some(d) = description {
                t.set("description", Val::Str(d));
            }
            t.set("sort_by", Val::Str("date".into()));
            t.set("template", Val::Str("news.html".into()));
            t.set("page_template", Val::Str("news_item.html".into()));
        }
        Section::Projects => {
            t.set(
                "title",
                Val::Str(title.unwrap_or_else(|| "projects".into())),
            );
            if let Some(d) = description {
                t.set("description", Val::Str(d));
            }
            t.set("sort_by", Val::Str("weight".into()));
            if theme_has("templates/projects.html") {
                t.set("template", Val::Str("projects.html".into()));
            }
            if theme_has("templates/project.html") {
                t.set("page_template", Val::Str("project.html".into()));
            }
        }
        Section::Collection(name) => {
            t.set("title", Val::Str(title.unwrap_or_else(|| name.clone())));
            if let Some(d) = description {
                t.set("description", Val::Str(d));
            }
            // Every item has a weight (its rank in Jekyll's order, `content::order`).
            t.set("sort_by", Val::Str("weight".into()));
            if let Some(kind) = super::lab::kind(name, "") {
                let (section, page) = kind.templates();
                t.set("template", Val::Str(section.into()));
                t.set("page_template", Val::Str(page.into()));
            }
        }
    }
    let mut extra = extra;
    let name = match section {
        Section::Projects => Some("projects".to_owned()),
        Section::Collection(c) => Some(c.clone()),
        _ => None,
    };
    if let Some(docs) = name.and_then(|n| ctx.listed_only.get(&n)) {
        extra.set(
            "documents",
            Val::Arr(docs.iter().map(|d| Val::Str(d.clone())).collect()),
        );
    }
    if !extra.is_empty() {
        t.set("extra", Val::Table(extra));
    }
    format!("+++\n{}+++\n", t.render())
}
