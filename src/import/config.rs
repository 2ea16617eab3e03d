//! `_config.yml` and `_data/*.yml` → `config.toml`.
//!
//! The title (al-folio's `blank` mode and its first/middle/last name included), description,
//! `base_url` from `url` + `baseurl`, footer and contact note, favicon, news and latest-posts
//! settings, the navbar (from the pages' `nav`/`nav_order`), the social links from wherever that
//! version kept them (`_config.yml` in old versions, `_data/socials.yml` in new ones, custom
//! entries too) in the same order, `scholar:` and the publication options, `_data/coauthors.yml`
//! and `_data/venues.yml`. Every other key is listed in the report with the reason it has no
//! equivalent.

use super::content::Found;
use super::report::Report;
use super::toml_out::{Table, Val, from_node};
use super::yaml::Node;

/// al-folio's social keys (`_data/socials.yml`, formerly top-level in `_config.yml`).
pub const SOCIAL_KEYS: &[&str] = &[
    "academia_edu",
    "acm_id",
    "arxiv_id",
    "blogger_url",
    "bluesky_url",
    "cv_pdf",
    "dblp_url",
    "discord_id",
    "email",
    "facebook_id",
    "flickr_id",
    "github_username",
    "gitlab_username",
    "hal_id",
    "ieee_id",
    "inspirehep_id",
    "instagram_id",
    "kaggle_id",
    "keybase_username",
    "lastfm_id",
    "lattes_id",
    "leetcode_id",
    "letterboxd_id",
    "linkedin_username",
    "mastodon_username",
    "medium_username",
    "orcid_id",
    "osf_id",
    "pinterest_id",
    "publons_id",
    "quora_username",
    "research_gate_profile",
    "rss_icon",
    "scholar_userid",
    "scopus_id",
    "semanticscholar_id",
    "spotify_id",
    "stackoverflow_id",
    "strava_userid",
    "substack_username",
    "telegram_username",
    "unsplash_id",
    "wechat_qr",
    "wechat_username",
    "whatsapp_number",
    "wikidata_id",
    "wikipedia_id",
    "work_url",
    "x_username",
    "youtube_id",
    "zotero_username",
];

/// Old names of social keys.
const SOCIAL_ALIASES: &[(&str, &str)] = &[("twitter_username", "x_username")];

/// What the config is built from.
pub struct Inputs<'a> {
    /// `_config.yml` (an empty mapping when there is none).
    pub config: &'a Node,
    pub config_file: &'a str,
    pub socials: Option<(&'a Node, &'a str)>,
    pub coauthors: Option<&'a Node>,
    pub venues: Option<&'a Node>,
    /// `bibliography/papers.bib`: the main bibliography as `load_data` finds it.
    pub bibliography: Option<String>,
    /// The favicon under static/ (`assets/img/x.png`, or a generated `favicon-emoji.svg`).
    pub favicon: Option<String>,
    /// Title to use when `_config.yml` has none.
    pub fallback_title: Option<String>,
    pub base_url: String,
    /// Files under static/ (`assets/img/x.jpg`).
    pub static_files: &'a std::collections::HashSet<String>,
    pub news_dir: String,
    pub blog_dir: String,
}

/// The config.toml text.
pub fn build(inputs: &Inputs<'_>, found: &Found, report: &mut Report) -> String {
    let c = inputs.config;
    let file = inputs.config_file;
    let mut used: Vec<&str> = Vec::new();
    let text = |key: &str| c.get(key).and_then(Node::text).map(|s| s.trim().to_owned());

    let mut top = Table::new();
    top.set("base_url", Val::Str(inputs.base_url.clone()));
    used.extend(["url", "baseurl"]);
    let title = text("title")
        .or_else(|| inputs.fallback_title.clone())
        .unwrap_or_else(|| "My homepage".into());
    top.set("title", Val::Str(title.clone()));
    used.push("title");
    if let Some(d) = text("description") {
        top.set("description", Val::Str(one_line(&d)));
    }
    used.push("description");
    let name = ["first_name", "middle_name", "last_name"]
        .iter()
        .filter_map(|k| text(k))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(author) = text("author").filter(|a| !a.is_empty()) {
        top.set("author", Val::Str(author));
    } else if !name.is_empty() {
        top.set("author", Val::Str(name.clone()));
    }
    used.push("author");
    let lang = match text("lang") {
        None => "en".to_owned(),
        Some(l) => language(&l).unwrap_or_else(|| {
            report.attention(
                file,
                None,
                format!(
                    "`lang: {l}` is not a language code Zola accepts: default_language is \"en\""
                ),
            );
            "en".into()
        }),
    };
    top.set("default_language", Val::Str(lang));
    used.push("lang");
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
    // Jekyll keeps file names as written in URLs: so does "safe".
    let slugify = top.table("slugify");
    slugify.set("paths", Val::Str("safe".into()));
    slugify.set("taxonomies", Val::Str("on".into()));
    slugify.set("anchors", Val::Str("on".into()));

    let mut extra = Table::new();
    for key in ["first_name", "middle_name", "last_name"] {
        extra.set(key, Val::Str(text(key).unwrap_or_default()));
        used.push(key);
    }
    if let Some(home) = &found.home_title
        && home != "about"
    {
        extra.set("nav_home_title", Val::Str(home.clone()));
    }
    let mut nav = found.nav.clone();
    // By nav_order; without one (al-folio ≤ 0.2), by title, as al-folio sorted them.
    nav.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| {
                if a.0 == f64::MAX {
                    a.1.cmp(&b.1)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
    });
    // al-folio ≤ 0.2: `blog_nav_title` put the blog first.
    if let Some(blog) = text("blog_nav_title")
        && !blog.is_empty()
        && !nav
            .iter()
            .any(|(_, _, u)| u.starts_with(&format!("@/{}/", inputs.blog_dir)))
    {
        nav.insert(0, (0.0, blog, format!("@/{}/_index.md", inputs.blog_dir)));
    }
    used.push("blog_nav_title");
    // A page in the navbar and in a dropdown: once.
    let mut seen: Vec<String> = Vec::new();
    nav.retain(|(_, _, url)| {
        let new = !seen.contains(url);
        seen.push(url.clone());
        new
    });
    if !nav.is_empty() {
        extra.set(
            "nav",
            Val::Arr(
                nav.into_iter()
                    .map(|(_, name, url)| {
                        let mut t = Table::new();
                        t.set("name", Val::Str(name));
                        t.set("url", Val::Str(url));
                        Val::Table(t)
                    })
                    .collect(),
            ),
        );
    }
    if let Some(dark) = c.get("enable_darkmode") {
        extra.set("theme_toggle", Val::Bool(dark.truthy()));
    }
    used.push("enable_darkmode");
    if let Some(f) = &inputs.favicon {
        extra.set("favicon", Val::Str(f.clone()));
    }
    used.push("icon");
    if let Some(og) = text("og_image").filter(|s| !s.is_empty()) {
        // A bare file name is one of assets/img/, as al-folio's images are.
        let og = if !og.contains('/') && inputs.static_files.contains(&format!("assets/img/{og}")) {
            format!("assets/img/{og}")
        } else {
            og
        };
        extra.set("og_image", Val::Str(og));
    }
    used.push("og_image");
    if let Some(f) = text("footer_text") {
        extra.set("footer_text", Val::Str(one_line(&f)));
    }
    used.push("footer_text");
    if let Some(n) = text("contact_note") {
        extra.set("contact_note", Val::Str(one_line(&n)));
    }
    used.push("contact_note");
    extra.set(
        "news_section",
        Val::Str(format!("{}/_index.md", inputs.news_dir)),
    );
    extra.set(
        "blog_section",
        Val::Str(format!("{}/_index.md", inputs.blog_dir)),
    );

    // Socials, in the order written.
    let socials = extra.table("socials");
    let mut twitter = None;
    match inputs.socials {
        Some((node, socials_file)) => {
            for (key, value) in node.entries() {
                social(socials, key, value, socials_file, report, &mut twitter);
            }
        }
        None => {
            for (key, value) in c.entries() {
                let canonical = SOCIAL_ALIASES
                    .iter()
                    .find(|(old, _)| old == key)
                    .map_or(key.as_str(), |(_, new)| new);
                if SOCIAL_KEYS.contains(&canonical) {
                    social(socials, canonical, value, file, report, &mut twitter);
                }
            }
        }
    }
    used.extend(SOCIAL_KEYS);
    used.extend(SOCIAL_ALIASES.iter().map(|(o, _)| *o));
    if socials.is_empty() {
        extra.0.retain(|(k, _)| k != "socials");
    }
    if let Some(handle) = twitter {
        extra.set("twitter_site", Val::Str(handle));
    }

    // News and latest posts.
    let announcements = extra.table("announcements");
    if let Some(a) = c.get("announcements") {
        copy_keys(a, announcements, &["enabled", "scrollable", "limit"]);
    }
    if let Some(Node::Int(n)) = c.get("news_limit") {
        announcements.set("limit", Val::Int(*n));
    }
    if let Some(s) = c.get("news_scrollable") {
        announcements.set("scrollable", Val::Bool(s.truthy()));
    }
    if announcements.is_empty() {
        extra.0.retain(|(k, _)| k != "announcements");
    }
    used.extend(["announcements", "news_limit", "news_scrollable"]);
    let latest = extra.table("latest_posts");
    if let Some(a) = c.get("latest_posts") {
        copy_keys(a, latest, &["enabled", "scrollable", "limit"]);
    }
    if latest.is_empty() {
        extra.0.retain(|(k, _)| k != "latest_posts");
    }
    used.push("latest_posts");

    // Publications.
    let scholar = extra.table("scholar");
    // No bibliography: "" (the theme's default file does not exist here).
    scholar.set(
        "bibliography",
        Val::Str(inputs.bibliography.clone().unwrap_or_default()),
    );
    if let Some(page) = &found.publications_page {
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
            report.config_unmapped.push((
                format!("scholar.{key}"),
                "a jekyll-scholar setting the folio theme does not need".into(),
            ));
        }
    }
    used.push("scholar");
    if let Some(Node::Int(n)) = c.get("max_author_limit") {
        scholar.set("max_author_limit", Val::Int(*n));
    }
    used.push("max_author_limit");
    if let Some(v) = c.get("enable_publication_thumbnails") {
        scholar.set("enable_publication_thumbnails", Val::Bool(v.truthy()));
    }
    used.push("enable_publication_thumbnails");
    if let Some(v) = c.get("filtered_bibtex_keywords").and_then(from_node) {
        scholar.set("filtered_bibtex_keywords", v);
    }
    used.push("filtered_bibtex_keywords");
    if let Some(b) = c.get("enable_publication_badges")
        && let Some(Val::Table(t)) = from_node(b)
    {
        scholar.set("badges", Val::Table(t));
    }
    used.push("enable_publication_badges");
    if scholar.is_empty() {
        extra.0.retain(|(k, _)| k != "scholar");
    }
    if let Some(v) = inputs.venues.and_then(from_node)
        && matches!(&v, Val::Table(t) if !t.is_empty())
    {
        let Val::Table(t) = v else { unreachable!() };
        extra.set("venues", Val::Table(inline_values(t)));
    }
    if let Some(v) = inputs.coauthors.and_then(from_node)
        && let Val::Table(t) = v
        && !t.is_empty()
    {
        // The theme looks co-authors up by lowercase last name.
        let lowered = Table(
            t.0.into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
        );
        extra.set("coauthors", Val::Table(inline_values(lowered)));
    }

    // The rewriter: al-folio's external link settings.
    if let Some(links) = c.get("external_links") {
        let folio_links = extra.table("folio").table("links");
        if let Some(enabled) = links.get("enabled") {
            folio_links.set("enabled", Val::Bool(enabled.truthy()));
        }
        if let Some(target) = links.get("target") {
            folio_links.set(
                "external_links_new_tab",
                Val::Bool(target.text().as_deref() == Some("_blank")),
            );
        }
    }
    used.push("external_links");

    // Consumed by the content plan.
    used.extend([
        "permalink",
        "collections",
        "blog_name",
        "blog_description",
        "pagination",
        "paginate",
        "paginate_path",
        "display_tags",
        "display_categories",
    ]);

    for (key, value) in c.entries() {
        if used.contains(&key.as_str()) || value.is_null() {
            continue;
        }
        if matches!(value, Node::Bool(false)) && key.starts_with("enable_") {
            continue; // a feature that was off: nothing lost
        }
        report
            .config_unmapped
            .push((key.clone(), unmapped_reason(key).into()));
    }

    top.set("extra", Val::Table(extra));
    let mut out = String::from(
        "# Imported from an al-folio site by `folio import` (see IMPORT_REPORT.md).\n# Every option of the theme, commented: themes/folio/config.example.toml\n\n",
    );
    out.push_str(&top.render());
    out
}

/// Copies `keys` of a mapping (booleans, numbers) into `to`; a plain boolean sets `enabled`.
fn copy_keys(from: &Node, to: &mut Table, keys: &[&str]) {
    match from {
        Node::Bool(b) => to.set("enabled", Val::Bool(*b)),
        Node::Map(_) => {
            for key in keys {
                if let Some(v) = from.get(key).and_then(from_node) {
                    to.set(key, v);
                }
            }
        }
        _ => {}
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

/// One social entry.
fn social(
    socials: &mut Table,
    key: &str,
    value: &Node,
    file: &str,
    report: &mut Report,
    twitter: &mut Option<String>,
) {
    match value {
        Node::Null => {}
        Node::Bool(false) => {}
        Node::Bool(true) => socials.set(key, Val::Bool(true)),
        Node::Map(_) if key == "academia_edu" => {
            let org = value.get("organization").and_then(Node::text);
            let user = value
                .get("username")
                .and_then(Node::text)
                .unwrap_or_default();
            if let Some(org) = org {
                let mut t = Table::new();
                t.set("title", Val::Str("Academia.edu".into()));
                t.set(
                    "url",
                    Val::Str(format!("https://{org}.academia.edu/{user}")),
                );
                t.set("icon", Val::Str("ai ai-academia".into()));
                socials.set(key, Val::Inline(t));
            }
        }
        Node::Map(_) => {
            // A custom entry: { logo | icon, title, url }.
            let Some(Val::Table(t)) = from_node(value) else {
                return;
            };
            if !t.contains("url") {
                report.attention(
                    file,
                    None,
                    format!("social entry `{key}` has no url: not imported"),
                );
                return;
            }
            let extra_keys: Vec<&str> =
                t.0.iter()
                    .map(|(k, _)| k.as_str())
                    .filter(|k| !["title", "url", "logo", "icon"].contains(k))
                    .collect();
            if !extra_keys.is_empty() {
                report.note(
                    file,
                    None,
                    format!(
                        "social entry `{key}`: {} kept but not used by the theme",
                        extra_keys.join(", ")
                    ),
                );
            }
            socials.set(key, Val::Inline(t));
        }
        other => {
            let Some(v) = other.text() else { return };
            if key == "x_username" {
                *twitter = Some(v.clone());
            }
            if !SOCIAL_KEYS.contains(&key) {
                report.attention(
                    file,
                    None,
                    format!("social key `{key}` is not one the theme knows: kept, but shows no icon (make it {{ title, url, icon }})"),
                );
            }
            socials.set(key, Val::Str(v));
        }
    }
}

/// A language code Zola accepts (`en`, `pt-BR`; `zh_CN` → `zh-CN`): the first of a list.
fn language(value: &str) -> Option<String> {
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

/// Folded YAML text (`>`) on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unmapped_reason(key: &str) -> &'static str {
    match key {
        "markdown"
        | "highlighter"
        | "kramdown"
        | "include"
        | "exclude"
        | "keep_files"
        | "plugins"
        | "gems"
        | "whitelist"
        | "defaults"
        | "sass"
        | "jekyll-minifier"
        | "terser"
        | "jekyll-archives"
        | "imagemagick"
        | "third_party_libraries"
        | "lsi"
        | "future"
        | "show_drafts"
        | "incremental"
        | "livereload"
        | "safe"
        | "source"
        | "destination"
        | "collections_dir"
        | "encoding"
        | "webrick"
        | "jekyll_get_json"
        | "liquid"
        | "strict_front_matter"
        | "compress_html"
        | "responsive_image"
        | "jekyll_tabs"
        | "exclude_from_localization"
        | "sitemap"
        | "feed"
        | "github"
        | "repository"
        | "jekyll-scholar"
        | "jekyll_pages_api_search"
        | "bundler"
        | "mathjax"
        | "webp"
        | "data_dir"
        | "layouts_dir"
        | "includes_dir"
        | "plugins_dir"
        | "port"
        | "host"
        | "baseurl_only" => "a Jekyll build setting: Zola needs none",
        "timezone" => "Zola reads dates as written (dates without offset are local times)",
        "google_analytics"
        | "cronitor_analytics"
        | "pirsch_analytics"
        | "openpanel_analytics"
        | "enable_google_analytics"
        | "enable_cronitor_analytics"
        | "enable_pirsch_analytics"
        | "enable_openpanel_analytics"
        | "panelbear_analytics"
        | "enable_panelbear_analytics" => {
            "the folio theme loads no analytics (no third-party requests)"
        }
        "google_site_verification"
        | "bing_site_verification"
        | "enable_google_verification"
        | "enable_bing_verification" => {
            "site verification: add the meta tag in a templates/base.html override, or upload the verification file to static/"
        }
        "giscus" | "disqus_shortname" | "enable_giscus" => "the folio theme has no comments",
        "search_enabled" | "socials_in_search" | "posts_in_search" | "bib_search" => {
            "the folio theme has no search"
        }
        "keywords" => "the folio theme writes no keywords meta tag",
        "navbar_fixed"
        | "footer_fixed"
        | "back_to_top"
        | "enable_progressbar"
        | "enable_navbar_social"
        | "enable_tooltips"
        | "enable_medium_zoom"
        | "enable_masonry"
        | "enable_math"
        | "enable_video_embedding"
        | "enable_project_categories"
        | "lazy_loading_images"
        | "max_width"
        | "last_updated"
        | "impressum_path"
        | "enable_cookie_consent"
        | "enable_heading_anchors" => "no such option in the folio theme",
        "repo_theme_light" | "repo_theme_dark" | "repo_trophies" => {
            "the folio theme has no repositories page"
        }
        "related_blog_posts" | "display_tags" | "display_categories" | "external_sources"
        | "newsletter" => "no such blog option in the folio theme",
        "serve_og_meta" | "serve_schema_org" => "the folio theme always writes Open Graph tags",
        "rss_icon" => "the RSS icon is the social entry rss_icon",
        _ => "the folio theme has no such option",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::yaml;

    static NO_FILES: std::sync::LazyLock<std::collections::HashSet<String>> =
        std::sync::LazyLock::new(Default::default);

    fn inputs<'a>(config: &'a Node, socials: Option<(&'a Node, &'a str)>) -> Inputs<'a> {
        Inputs {
            config,
            config_file: "_config.yml",
            socials,
            coauthors: None,
            venues: None,
            bibliography: Some("bibliography/papers.bib".into()),
            favicon: None,
            fallback_title: None,
            base_url: "https://me.github.io".into(),
            static_files: &NO_FILES,
            news_dir: "news".into(),
            blog_dir: "blog".into(),
        }
    }

    #[test]
    fn old_style_socials_in_config_keep_their_order() {
        let config = yaml::parse(
            "title: blank\nfirst_name: Albert\nmiddle_name:\nlast_name: Einstein\nemail: a@b.org\ngithub_username: ae\ntwitter_username: albert\nscholar_userid: qc6CJjYAAAAJ\nrss_icon: false\ngoogle_analytics: UA-1\nscholar:\n  last_name: Einstein\n  first_name: [Albert, A.]\n  style: apa\nnews_limit: 5\n",
            1,
        )
        .unwrap()
        .node;
        let mut report = Report::default();
        let text = build(&inputs(&config, None), &Found::default(), &mut report);
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(parsed["title"].as_str(), Some("blank"));
        assert_eq!(parsed["author"].as_str(), Some("Albert Einstein"));
        assert_eq!(parsed["extra"]["middle_name"].as_str(), Some(""));
        let email = text.find("email = ").unwrap();
        let github = text.find("github_username").unwrap();
        let x = text.find("x_username").unwrap();
        let scholar = text.find("scholar_userid").unwrap();
        assert!(email < github && github < x && x < scholar, "{text}");
        assert!(!text.contains("rss_icon"), "{text}");
        assert_eq!(parsed["extra"]["twitter_site"].as_str(), Some("albert"));
        assert_eq!(
            parsed["extra"]["scholar"]["last_name"].as_array().unwrap()[0].as_str(),
            Some("Einstein")
        );
        assert_eq!(
            parsed["extra"]["announcements"]["limit"].as_integer(),
            Some(5)
        );
        let unmapped: Vec<&str> = report
            .config_unmapped
            .iter()
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(unmapped, vec!["scholar.style", "google_analytics"]);
    }

    #[test]
    fn languages() {
        assert_eq!(language("en").as_deref(), Some("en"));
        assert_eq!(language("en, zh_CN").as_deref(), Some("en"));
        assert_eq!(language("zh_CN").as_deref(), Some("zh-CN"));
        assert_eq!(language("english"), None);
        assert_eq!(language("e1"), None);
    }

    #[test]
    fn new_style_socials_file_with_custom_entries() {
        let config = yaml::parse("title: Jane Doe\nurl: https://jane.dev\n", 1)
            .unwrap()
            .node;
        let socials = yaml::parse(
            "email: jane@x.org\nacademia_edu:\n  organization: princeton\n  username: Jane\ncustom_social:\n  logo: https://x.org/logo.png\n  title: Custom\n  url: https://x.org/\n  width: 40px\norcid_id: 0000-0002-1825-0097\nscopus_id: 57908475500\nrss_icon: true\n",
            1,
        )
        .unwrap()
        .node;
        let mut report = Report::default();
        let text = build(
            &inputs(&config, Some((&socials, "_data/socials.yml"))),
            &Found::default(),
            &mut report,
        );
        let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let s = &parsed["extra"]["socials"];
        assert_eq!(
            s["academia_edu"]["url"].as_str(),
            Some("https://princeton.academia.edu/Jane")
        );
        assert_eq!(
            s["custom_social"]["logo"].as_str(),
            Some("https://x.org/logo.png")
        );
        assert_eq!(s["scopus_id"].as_str(), Some("57908475500"));
        assert_eq!(s["rss_icon"].as_bool(), Some(true));
        let order: Vec<usize> = [
            "email =",
            "academia_edu =",
            "custom_social =",
            "orcid_id =",
            "rss_icon =",
        ]
        .iter()
        .map(|k| text.find(k).unwrap())
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    }
}
