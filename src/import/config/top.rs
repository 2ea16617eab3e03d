//! Zola's settings at config.toml's top level: `base_url`, title, description, author, the
//! default language, and what every imported site gets (the theme, feeds, taxonomies, Markdown
//! and slug settings).

use super::{Build, one_line};
use crate::import::toml_out::{Table, Val};

pub(super) fn base_url(b: &mut Build<'_, '_>) {
    b.top.set("base_url", Val::Str(b.inputs.base_url.clone()));
}

pub(super) fn title(b: &mut Build<'_, '_>) {
    let title = b
        .text("title")
        .or_else(|| b.inputs.fallback_title.clone())
        .unwrap_or_else(|| "My homepage".into());
    b.top.set("title", Val::Str(title));
}

pub(super) fn description(b: &mut Build<'_, '_>) {
    if let Some(d) = b.text("description") {
        b.top.set("description", Val::Str(one_line(&d)));
    }
}

/// `author`, else the first, middle and last name.
pub(super) fn author(b: &mut Build<'_, '_>) {
    let name = ["first_name", "middle_name", "last_name"]
        .iter()
        .filter_map(|k| b.text(k))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(author) = b.text("author").filter(|a| !a.is_empty()) {
        b.top.set("author", Val::Str(author));
    } else if !name.is_empty() {
        b.top.set("author", Val::Str(name));
    }
}

/// `lang` → `default_language` ("en" when it is not a code Zola accepts).
pub(super) fn language_code(b: &mut Build<'_, '_>) {
    let lang = match b.text("lang") {
        None => "en".to_owned(),
        Some(l) => language(&l).unwrap_or_else(|| {
            b.report.attention(
                b.inputs.config_file,
                None,
                format!(
                    "`lang: {l}` is not a language code Zola accepts: default_language is \"en\""
                ),
            );
            "en".into()
        }),
    };
    b.top.set("default_language", Val::Str(lang));
}

/// What every imported site gets.
pub(super) fn zola_settings(b: &mut Build<'_, '_>) {
    let top = &mut b.top;
    top.set("theme", Val::Str("folio".into()));
    top.set("compile_sass", Val::Bool(true));
    top.set("build_search_index", Val::Bool(false));
    top.set("generate_feeds", Val::Bool(true));
    top.set(
        "feed_filenames",
        Val::Arr(vec![Val::Str("atom.xml".into())]),
    );
    top.set("generate_sitemap", Val::Bool(true));
    top.set("generate_robots_txt", Val::Bool(true));
    let mut tags = Table::new();
    tags.set("name", Val::Str("tags".into()));
    tags.set("feed", Val::Bool(false));
    let mut categories = Table::new();
    categories.set("name", Val::Str("categories".into()));
    categories.set("feed", Val::Bool(false));
    top.set(
        "taxonomies",
        Val::Arr(vec![Val::Inline(tags), Val::Inline(categories)]),
    );
    // Jekyll never checked links: an anchor that was already broken warns instead of failing
    // the build (zola says which).
    top.table("link_checker")
        .set("internal_level", Val::Str("warn".into()));
    let markdown = top.table("markdown");
    markdown.set("insert_anchor_links", Val::Str("none".into()));
    markdown.set("external_links_target_blank", Val::Bool(false));
    // kramdown's typography (-- – , --- —, "curly" quotes, … ): Zola's does the same outside
    // code; the import escapes the quotes, dashes and dots inside formulas (see `math`).
    markdown.set("smart_punctuation", Val::Bool(true));
    // Jekyll keeps file names as written in URLs: so does "safe".
    let slugify = top.table("slugify");
    slugify.set("paths", Val::Str("safe".into()));
    slugify.set("taxonomies", Val::Str("on".into()));
    slugify.set("anchors", Val::Str("on".into()));
}

/// A language code Zola accepts (`en`, `pt-BR`; `zh_CN` → `zh-CN`): the first of a list.
pub(super) fn language(value: &str) -> Option<String> {
    let first = value.split([',', ' ', ';']).find(|s| !s.is_empty())?;
    let code = first.replace('_', "-");
    let mut parts = code.split('-');
    let primary = parts.next()?;
    let ok = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    ok.then_some(code)
}
