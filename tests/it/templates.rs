//! The folio theme's Tera templates, rendered with the `tera` crate at the
//! version Zola 0.22.1 uses (1.20.1, features preserve_order + date-locale),
//! against a Zola-shaped context built from the demo site's real config.toml
//! and content front matter. Zola's own functions and filters are replaced by
//! small stubs that mimic their output (see `register_zola_stubs`).
//!
//! Snapshots: tests/snapshots/templates__*.snap
//! (update with `INSTA_UPDATE=always cargo test --test templates`).

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};
use tera::{Context, Tera};

// ---------------------------------------------------------------------------
// Paths and small helpers
// ---------------------------------------------------------------------------

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn theme_dir() -> PathBuf {
    root().join("theme")
}

/// The file Zola's image functions find for `path`: under the site, then its static/ and
/// content/, then the theme's static/ (as `search_for_file` in Zola 0.22.1).
fn image_file(path: &str) -> Option<PathBuf> {
    let rel = path.trim_start_matches('/');
    [
        root(),
        root().join("static"),
        root().join("content"),
        theme_dir().join("static"),
    ]
    .into_iter()
    .map(|d| d.join(rel))
    .find(|f| f.is_file())
}

fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// TOML -> JSON the way Zola hands values to Tera (datetimes become strings).
fn toml_to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Splits a Zola content file into (front matter, Markdown body).
fn split_front_matter(text: &str) -> (toml::Table, String) {
    let text = text.trim_start_matches('\u{feff}');
    let rest = text.strip_prefix("+++").expect("TOML front matter");
    let end = rest.find("\n+++").expect("closing +++");
    let fm: toml::Table = toml::from_str(&rest[..end]).expect("front matter parses");
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']).to_string();
    (fm, body)
}

// ---------------------------------------------------------------------------
// A tiny Markdown renderer, standing in for Zola's (headings with ids,
// paragraphs, lists, links, bold, inline code, raw HTML lines).
// ---------------------------------------------------------------------------

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn inline_md(s: &str, base_url: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(stripped) = rest.strip_prefix("**")
            && let Some(end) = stripped.find("**")
        {
            out.push_str(&format!(
                "<strong>{}</strong>",
                inline_md(&stripped[..end], base_url)
            ));
            rest = &stripped[end + 2..];
            continue;
        }
        if let Some(stripped) = rest.strip_prefix('*')
            && let Some(end) = stripped.find('*').filter(|&e| e > 0)
        {
            out.push_str(&format!(
                "<em>{}</em>",
                inline_md(&stripped[..end], base_url)
            ));
            rest = &stripped[end + 1..];
            continue;
        }
        if let Some(stripped) = rest.strip_prefix('`')
            && let Some(end) = stripped.find('`')
        {
            out.push_str(&format!("<code>{}</code>", escape_text(&stripped[..end])));
            rest = &stripped[end + 1..];
            continue;
        }
        if let Some(stripped) = rest.strip_prefix('[')
            && let Some(close) = stripped.find("](")
            && let Some(end) = stripped[close + 2..].find(')')
        {
            let text = &stripped[..close];
            let href = &stripped[close + 2..close + 2 + end];
            let link = if href.contains("://") {
                format!(
                    "<a rel=\"external\" href=\"{}\">{}</a>",
                    href,
                    inline_md(text, base_url)
                )
            } else if href.contains('/') || href.starts_with('#') {
                format!("<a href=\"{}\">{}</a>", href, inline_md(text, base_url))
            } else {
                // Zola treats a bare name as a co-located asset of the page.
                format!(
                    "<a href=\"{}/{}\">{}</a>",
                    base_url,
                    href,
                    inline_md(text, base_url)
                )
            };
            out.push_str(&link);
            rest = &stripped[close + 2 + end + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn render_markdown(md: &str, base_url: &str) -> String {
    let mut html = String::new();
    let mut para: Vec<String> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let flush = |html: &mut String, para: &mut Vec<String>, list: &mut Vec<String>| {
        if !para.is_empty() {
            html.push_str(&format!(
                "<p>{}</p>\n",
                inline_md(&para.join("\n"), base_url)
            ));
            para.clear();
        }
        if !list.is_empty() {
            html.push_str("<ul>\n");
            for item in list.iter() {
                html.push_str(&format!("<li>{}</li>\n", inline_md(item, base_url)));
            }
            html.push_str("</ul>\n");
            list.clear();
        }
    };
    for line in md.lines() {
        let t = line.trim();
        if t.is_empty() {
            if !para.is_empty() {
                flush(&mut html, &mut para, &mut list);
            }
            continue;
        }
        if t.starts_with('#') {
            flush(&mut html, &mut para, &mut list);
            let level = t.chars().take_while(|&c| c == '#').count();
            let text = t[level..].trim();
            html.push_str(&format!(
                "<h{level} id=\"{}\">{}</h{level}>\n",
                slugify(text),
                inline_md(text, base_url)
            ));
        } else if t.starts_with("<!--") || t.starts_with("<p>") || t.starts_with("<div") {
            flush(&mut html, &mut para, &mut list);
            html.push_str(t);
            html.push('\n');
        } else if let Some(item) = t.strip_prefix("- ") {
            flush(&mut html, &mut para, &mut Vec::new());
            list.push(item.to_string());
        } else {
            if !list.is_empty() {
                flush(&mut html, &mut Vec::new(), &mut list);
            }
            para.push(t.to_string());
        }
    }
    flush(&mut html, &mut para, &mut list);
    html
}

// ---------------------------------------------------------------------------
// The site: config (Zola's SerializedConfig shape) and content (Zola's
// SerializingSection / SerializingPage shapes).
// ---------------------------------------------------------------------------

#[derive(Clone)]
struct Site {
    /// The raw config text: load_data(path="config.toml", format="plain") returns it.
    config_text: String,
    /// Files load_data finds by path before looking on disk (the site root, static/, content/).
    files: HashMap<String, String>,
    config: Value,
    base_url: String,
    sections: HashMap<String, Value>,
    permalinks: HashMap<String, String>,
}

fn serialized_config(config_text: &str) -> Value {
    let mut t: toml::Table = toml::from_str(config_text).expect("config.toml parses");
    let theme: toml::Table = toml::from_str(&read(theme_dir().join("theme.toml"))).unwrap();
    let mut extra = match t.remove("extra") {
        Some(toml::Value::Table(e)) => e,
        _ => toml::Table::new(),
    };
    if let Some(toml::Value::Table(theme_extra)) = theme.get("extra") {
        folio::config::merge_theme_extra(&mut extra, theme_extra).unwrap_or_else(|key| {
            panic!("Cannot merge config.toml with theme.toml: [extra] {key}")
        });
    }
    let s = |k: &str| t.get(k).map(toml_to_json).unwrap_or(Value::Null);
    let b = |k: &str, d: bool| t.get(k).and_then(|v| v.as_bool()).unwrap_or(d);
    let taxonomies: Vec<Value> = t
        .get("taxonomies")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .map(|tx| {
                    let name = tx.get("name").and_then(|v| v.as_str()).unwrap_or_default();
                    json!({
                        "name": name,
                        "slug": slugify(name),
                        "paginate_by": tx.get("paginate_by").map(toml_to_json).unwrap_or(Value::Null),
                        "paginate_path": tx.get("paginate_path").map(toml_to_json).unwrap_or(Value::Null),
                        "render": tx.get("render").and_then(|v| v.as_bool()).unwrap_or(true),
                        "feed": tx.get("feed").and_then(|v| v.as_bool()).unwrap_or(false),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let feeds = b("generate_feeds", false);
    json!({
        "base_url": s("base_url"),
        "mode": "build",
        "title": s("title"),
        "description": s("description"),
        "languages": {},
        "default_language": t.get("default_language").and_then(|v| v.as_str()).unwrap_or("en"),
        "generate_feed": feeds,
        "generate_feeds": feeds,
        "feed_filenames": t.get("feed_filenames").map(toml_to_json).unwrap_or(json!(["atom.xml"])),
        "taxonomies": taxonomies,
        "author": s("author"),
        "build_search_index": b("build_search_index", false),
        "extra": toml_to_json(&toml::Value::Table(extra)),
        "markdown": {
            "highlighting": null, "render_emoji": false, "external_links_class": null,
            "external_links_target_blank": false, "external_links_no_follow": false,
            "external_links_no_referrer": false, "external_links_external": true,
            "smart_punctuation": false, "definition_list": false, "bottom_footnotes": false,
            "lazy_async_image": false, "insert_anchor_links": "none", "github_alerts": false
        },
        "search": { "index_format": "elasticlunr_javascript" },
        "generate_sitemap": b("generate_sitemap", true),
        "generate_robots_txt": b("generate_robots_txt", true),
        "exclude_paginated_pages_in_sitemap": "none",
    })
}

fn word_stats(md: &str) -> (usize, usize) {
    let words = md.split_whitespace().count();
    (words, words.div_ceil(200).max(1))
}

fn page_value(rel: &str, text: &str, base_url: &str, section_rel: &str) -> Value {
    let (fm, body) = split_front_matter(text);
    let fm = toml_to_json(&toml::Value::Table(fm));
    let slug = Path::new(rel)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let dir = Path::new(rel)
        .parent()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let path = if dir.is_empty() {
        format!("/{slug}/")
    } else {
        format!("/{dir}/{slug}/")
    };
    let date = fm.get("date").cloned().unwrap_or(Value::Null);
    let (year, month, day) = match date.as_str() {
        Some(d) if d.len() >= 10 => (
            json!(d[0..4].parse::<i32>().unwrap()),
            json!(d[5..7].parse::<u8>().unwrap()),
            json!(d[8..10].parse::<u8>().unwrap()),
        ),
        _ => (Value::Null, Value::Null, Value::Null),
    };
    let (word_count, reading_time) = word_stats(&body);
    json!({
        "relative_path": rel,
        "colocated_path": null,
        "content": render_markdown(&body, base_url),
        "permalink": format!("{base_url}{path}"),
        "slug": slug,
        "ancestors": if section_rel == "_index.md" { json!(["_index.md"]) } else { json!(["_index.md", section_rel]) },
        "title": fm.get("title").cloned().unwrap_or(Value::Null),
        "description": fm.get("description").cloned().unwrap_or(Value::Null),
        "updated": null,
        "date": date,
        "year": year, "month": month, "day": day,
        "taxonomies": fm.get("taxonomies").cloned().unwrap_or(json!({})),
        "authors": [],
        "extra": fm.get("extra").cloned().unwrap_or(json!({})),
        "path": path,
        "components": if dir.is_empty() { json!([slug]) } else { json!([dir, slug]) },
        "summary": null,
        "toc": [],
        "word_count": word_count,
        "reading_time": reading_time,
        "assets": [],
        "draft": false,
        "lang": "en",
        "lower": null,
        "higher": null,
        "translations": [],
        "backlinks": [],
    })
}

fn section_value(
    rel: &str,
    text: &str,
    base_url: &str,
    pages: Vec<Value>,
    subsections: Vec<&str>,
) -> Value {
    let (fm, body) = split_front_matter(text);
    let fm = toml_to_json(&toml::Value::Table(fm));
    let dir = Path::new(rel)
        .parent()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let path = if dir.is_empty() {
        "/".to_string()
    } else {
        format!("/{dir}/")
    };
    let (word_count, reading_time) = word_stats(&body);
    let ancestors: Vec<String> = if dir.is_empty() {
        vec![]
    } else {
        let parts: Vec<&str> = dir.split('/').collect();
        std::iter::once("_index.md".to_string())
            .chain((1..parts.len()).map(|i| format!("{}/_index.md", parts[..i].join("/"))))
            .collect()
    };
    let toc: Vec<Value> = body
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            let level = l.chars().take_while(|&c| c == '#').count();
            let title = l[level..].trim();
            json!({"level": level, "id": slugify(title), "permalink": format!("{base_url}{path}#{}", slugify(title)), "title": title, "children": []})
        })
        .collect();
    json!({
        "relative_path": rel,
        "colocated_path": null,
        "content": render_markdown(&body, base_url),
        "permalink": format!("{base_url}{path}"),
        "draft": false,
        "ancestors": ancestors,
        "title": fm.get("title").cloned().unwrap_or(Value::Null),
        "description": fm.get("description").cloned().unwrap_or(Value::Null),
        "extra": fm.get("extra").cloned().unwrap_or(json!({})),
        "path": path,
        "components": if dir.is_empty() { json!([]) } else { json!([dir]) },
        "toc": toc,
        "word_count": word_count,
        "reading_time": reading_time,
        "lang": "en",
        "assets": [],
        "pages": pages,
        "subsections": subsections,
        "translations": [],
        "backlinks": [],
        "generate_feeds": false,
        "transparent": false,
        "paginate_by": fm.get("paginate_by").cloned().unwrap_or(Value::Null),
        "paginate_reversed": false,
    })
}

/// The demo site, with `config_text` and the home page's front matter replaced when given.
fn site(config_text: &str, home_text: &str) -> Site {
    let config = serialized_config(config_text);
    let base_url = config["base_url"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let mut sections = HashMap::new();
    let mut permalinks = HashMap::new();
    let mut subsections = Vec::new();
    for name in ["news", "blog", "projects", "books", "people", "teaching"] {
        let dir = root().join("content").join(name);
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        let section_rel = format!("{name}/_index.md");
        let mut pages = Vec::new();
        let mut children = Vec::new();
        for f in entries {
            let file = f.file_name().unwrap().to_string_lossy().to_string();
            if f.is_dir() && f.join("_index.md").is_file() {
                // A transparent subsection (blog/2024/): its pages are also the section's.
                let sub_rel = format!("{name}/{file}/_index.md");
                let mut sub_pages = Vec::new();
                let mut files: Vec<_> = fs::read_dir(&f)
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                files.sort();
                for g in files {
                    let gname = g.file_name().unwrap().to_string_lossy().to_string();
                    if gname == "_index.md" || !gname.ends_with(".md") {
                        continue;
                    }
                    let rel = format!("{name}/{file}/{gname}");
                    let p = page_value(&rel, &read(&g), &base_url, &section_rel);
                    permalinks.insert(rel, p["permalink"].as_str().unwrap().to_string());
                    sub_pages.push(p);
                }
                sub_pages.sort_by(|a, b| b["date"].as_str().cmp(&a["date"].as_str()));
                pages.extend(sub_pages.iter().cloned());
                let sub = section_value(
                    &sub_rel,
                    &read(f.join("_index.md")),
                    &base_url,
                    sub_pages,
                    vec![],
                );
                permalinks.insert(
                    sub_rel.clone(),
                    sub["permalink"].as_str().unwrap().to_string(),
                );
                sections.insert(sub_rel.clone(), sub);
                children.push(sub_rel);
                continue;
            }
            if file == "_index.md" || !file.ends_with(".md") {
                continue;
            }
            let rel = format!("{name}/{file}");
            let p = page_value(&rel, &read(&f), &base_url, &section_rel);
            permalinks.insert(rel, p["permalink"].as_str().unwrap().to_string());
            pages.push(p);
        }
        // Zola sorts sort_by = "date" sections newest first; `lower` is the newer neighbour,
        // `higher` the older one.
        pages.sort_by(|a, b| b["date"].as_str().cmp(&a["date"].as_str()));
        let basic: Vec<Value> = pages
            .iter()
            .map(|p| json!({"title": p["title"], "permalink": p["permalink"], "date": p["date"]}))
            .collect();
        for (i, p) in pages.iter_mut().enumerate() {
            if i > 0 {
                p["lower"] = basic[i - 1].clone();
            }
            if i + 1 < basic.len() {
                p["higher"] = basic[i + 1].clone();
            }
        }
        let s = section_value(
            &section_rel,
            &read(dir.join("_index.md")),
            &base_url,
            pages,
            children.iter().map(String::as_str).collect(),
        );
        permalinks.insert(
            section_rel.clone(),
            s["permalink"].as_str().unwrap().to_string(),
        );
        sections.insert(section_rel, s);
    }
    subsections.push("news/_index.md");
    subsections.push("blog/_index.md");
    subsections.push("projects/_index.md");
    // Pages at the root of content/ (publications.md, ...): pages of the home section.
    let mut root_pages = Vec::new();
    let mut files: Vec<_> = fs::read_dir(root().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in files {
        let file = f.file_name().unwrap().to_string_lossy().to_string();
        if file == "_index.md" || !file.ends_with(".md") {
            continue;
        }
        let p = page_value(&file, &read(&f), &base_url, "_index.md");
        permalinks.insert(file, p["permalink"].as_str().unwrap().to_string());
        root_pages.push(p);
    }
    // Page bundles at the root (content/cv/index.md).
    let mut bundles: Vec<_> = fs::read_dir(root().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("index.md").is_file())
        .collect();
    bundles.sort();
    for b in bundles {
        let name = b.file_name().unwrap().to_string_lossy().to_string();
        let rel = format!("{name}/index.md");
        let mut p = page_value(&rel, &read(b.join("index.md")), &base_url, "_index.md");
        p["path"] = json!(format!("/{name}/"));
        p["permalink"] = json!(format!("{base_url}/{name}/"));
        p["slug"] = json!(name);
        permalinks.insert(rel, p["permalink"].as_str().unwrap().to_string());
        root_pages.push(p);
    }
    let home = section_value("_index.md", home_text, &base_url, root_pages, subsections);
    permalinks.insert(
        "_index.md".into(),
        home["permalink"].as_str().unwrap().to_string(),
    );
    sections.insert("_index.md".into(), home);
    Site {
        config_text: config_text.to_string(),
        files: HashMap::new(),
        config,
        base_url,
        sections,
        permalinks,
    }
}

fn demo_config() -> String {
    read(root().join("config.toml"))
}

fn demo_home() -> String {
    read(root().join("content/_index.md"))
}

// ---------------------------------------------------------------------------
// Stubs for Zola's Tera functions and filters
// ---------------------------------------------------------------------------

struct GetUrl {
    base_url: String,
    feed_filenames: Vec<String>,
    permalinks: HashMap<String, String>,
}

impl tera::Function for GetUrl {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = args
            .get("path")
            .and_then(|v| v.as_str())
            .ok_or("`get_url` requires a `path`")?;
        let trailing_slash = args
            .get("trailing_slash")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let cachebust = args
            .get("cachebust")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if let Some(internal) = path.strip_prefix("@/") {
            let (file, anchor) = internal
                .split_once('#')
                .map_or((internal, None), |(f, a)| (f, Some(a)));
            let permalink = self.permalinks.get(file).ok_or_else(|| {
                format!("`get_url`: could not resolve URL for link `{path}` not found.")
            })?;
            return Ok(Value::String(match anchor {
                Some(a) => format!("{permalink}#{a}"),
                None => permalink.clone(),
            }));
        }
        // config.make_permalink
        let trailing_bit = if path.ends_with('/')
            || self
                .feed_filenames
                .iter()
                .any(|f| path.ends_with(f.as_str()))
            || path.is_empty()
            || path.contains('#')
        {
            ""
        } else {
            "/"
        };
        let mut permalink = if path == "/" {
            format!("{}/", self.base_url)
        } else if path.starts_with('/') {
            format!("{}{}{}", self.base_url, path, trailing_bit)
        } else {
            format!("{}/{}{}", self.base_url, path, trailing_bit)
        };
        if !trailing_slash && permalink.ends_with('/') {
            permalink.pop();
        }
        if cachebust {
            permalink.push_str("?h=00000000000000000000");
        }
        Ok(Value::String(permalink))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct GetTaxonomyUrl {
    base_url: String,
}

impl tera::Function for GetTaxonomyUrl {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let kind = args
            .get("kind")
            .and_then(|v| v.as_str())
            .ok_or("`get_taxonomy_url` requires `kind`")?;
        let name = args
            .get("name")
            .and_then(|v| v.as_str())
            .ok_or("`get_taxonomy_url` requires `name`")?;
        Ok(Value::String(format!(
            "{}/{}/{}/",
            self.base_url,
            kind,
            slugify(name)
        )))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Zola 0.22.1's `markdown` filter (components/markdown, `render_content` with the site's
/// config and no page): pulldown-cmark 0.13 with Zola's options, raw HTML passed through as
/// Zola does, links fixed as Zola's `fix_link` does (`@/` resolved, anything else kept), and
/// http(s) links written by Zola itself (`construct_external_link_tag`: `rel="external"`, the
/// title not escaped). `inline = true` drops the first `<p>` and the last `</p>\n`.
/// Shortcodes are not expanded: a call in the input is an error here (Zola would render it).
fn markdown_filter(permalinks: HashMap<String, String>) -> impl tera::Filter {
    move |value: &Value, args: &HashMap<String, Value>| -> tera::Result<Value> {
        let s = value.as_str().ok_or("`markdown` expects a string")?;
        let inline = args
            .get("inline")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let mut html = zola_markdown(s, &permalinks)?;
        if inline {
            html = html
                .trim_start_matches("<p>")
                .trim_end_matches("</p>\n")
                .to_string();
        }
        Ok(Value::String(html))
    }
}

fn zola_markdown(s: &str, permalinks: &HashMap<String, String>) -> tera::Result<String> {
    use pulldown_cmark::{Event, LinkType, Options, Parser, Tag};
    let shortcode = regex::Regex::new(r"\{[{%]\s*[A-Za-z_][A-Za-z0-9_]*\s*\(").unwrap();
    if shortcode.is_match(s) {
        return Err(
            format!("`markdown` stub: shortcode call in {s:?} (Zola would render it)").into(),
        );
    }
    let is_external = |l: &str| l.starts_with("http:") || l.starts_with("https:");
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_TASKLISTS);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let mut events = Vec::new();
    for event in Parser::new_ext(s, opts) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.is_empty() => {
                return Err("There is a link that is missing a URL".into());
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let fixed = if link_type == LinkType::Email {
                    dest_url.to_string()
                } else if let Some(internal) = dest_url.strip_prefix("@/") {
                    let (file, anchor) = internal
                        .split_once('#')
                        .map_or((internal, None), |(f, a)| (f, Some(a)));
                    let permalink = permalinks
                        .get(file)
                        .ok_or_else(|| format!("Broken relative link `{dest_url}`"))?;
                    match anchor {
                        Some(a) => format!("{permalink}#{a}"),
                        None => permalink.clone(),
                    }
                } else {
                    // Zola puts the page's permalink in front of a co-located asset's link:
                    // the filter renders for no page, so that is "" and every link stays as written.
                    dest_url.to_string()
                };
                if is_external(&dest_url) {
                    // external_links_external = true (Zola's default).
                    let mut href = String::new();
                    pulldown_cmark_escape::escape_href(&mut href, &dest_url).unwrap();
                    let title = if title.is_empty() {
                        String::new()
                    } else {
                        format!("title=\"{title}\" ")
                    };
                    events.push(Event::Html(
                        format!("<a rel=\"external\" {title}href=\"{href}\">").into(),
                    ));
                } else {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: fixed.into(),
                        title,
                        id,
                    }));
                }
            }
            e => events.push(e),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html)
}

/// Zola's regex_replace filter: the regex crate, as Zola's (patterns compiled once).
fn regex_replace_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    use std::sync::Mutex;
    static CACHE: Mutex<Option<HashMap<String, regex::Regex>>> = Mutex::new(None);
    let s = value.as_str().ok_or("`regex_replace` expects a string")?;
    let pattern = args
        .get("pattern")
        .and_then(|v| v.as_str())
        .ok_or("Filter `regex_replace` expected an arg called `pattern`")?;
    let rep = args
        .get("rep")
        .and_then(|v| v.as_str())
        .ok_or("Filter `regex_replace` expected an arg called `rep`")?;
    let mut cache = CACHE.lock().unwrap();
    let cache = cache.get_or_insert_with(HashMap::new);
    if !cache.contains_key(pattern) {
        let re = regex::Regex::new(pattern)
            .map_err(|e| format!("`regex_replace`: failed to compile regex: {e}"))?;
        cache.insert(pattern.to_string(), re);
    }
    Ok(Value::String(
        cache[pattern].replace_all(s, rep).into_owned(),
    ))
}

fn base64_encode(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let s = value
        .as_str()
        .ok_or("`base64_encode` expects a string")?
        .as_bytes();
    let mut out = String::new();
    for chunk in s.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    Ok(Value::String(out))
}

/// Zola's load_data(format = "bibtex") (nom-bibtex 0.6): {preambles, comments, variables,
/// bibliographies: [{entry_type, citation_key, tags}]}; tag keys lowercase, values as written
/// inside their outer braces or quotes, @string macros and jan..dec expanded, `#` joined, a
/// field with an undefined macro dropped.
fn bibtex_value(text: &str) -> Result<Value, String> {
    const MONTHS: [(&str, &str); 12] = [
        ("jan", "January"),
        ("feb", "February"),
        ("mar", "March"),
        ("apr", "April"),
        ("may", "May"),
        ("jun", "June"),
        ("jul", "July"),
        ("aug", "August"),
        ("sep", "September"),
        ("oct", "October"),
        ("nov", "November"),
        ("dec", "December"),
    ];
    let b = text.as_bytes();
    let mut i = 0;
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut entries = Vec::new();
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i] as char).is_whitespace() {
            *i += 1;
        }
    };
    let ident = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && !b"{}(),=#\"\t\n\r @".contains(&b[*i]) {
            *i += 1;
        }
        text[start..*i].to_string()
    };
    let braced = |i: &mut usize| -> Result<String, String> {
        // at '{'
        let start = *i + 1;
        let mut depth = 0;
        while *i < b.len() {
            match b[*i] {
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        *i += 1;
                        return Ok(text[start..*i - 1].to_string());
                    }
                }
                _ => {}
            }
            *i += 1;
        }
        Err("unbalanced braces".into())
    };
    // A value: parts joined by '#'; None when a macro is undefined.
    let value = |i: &mut usize, vars: &[(String, String)]| -> Result<Option<String>, String> {
        let mut out = String::new();
        let mut ok = true;
        loop {
            skip_ws(i);
            match b.get(*i) {
                // nom-bibtex trims a braced value (not a quoted one).
                Some(b'{') => out.push_str(braced(i)?.trim()),
                Some(b'"') => {
                    let start = *i + 1;
                    *i += 1;
                    let mut depth = 0;
                    while *i < b.len() && !(b[*i] == b'"' && depth == 0) {
                        match b[*i] {
                            b'{' => depth += 1,
                            b'}' => depth -= 1,
                            _ => {}
                        }
                        *i += 1;
                    }
                    out.push_str(&text[start..*i]);
                    *i += 1;
                }
                Some(_) => {
                    let word = ident(i);
                    if word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() {
                        out.push_str(&word);
                    } else if let Some((_, v)) = vars.iter().find(|(k, _)| *k == word) {
                        out.push_str(v);
                    } else if let Some((_, m)) = MONTHS.iter().find(|(k, _)| *k == word) {
                        out.push_str(m);
                    } else {
                        ok = false;
                    }
                }
                None => return Err("unexpected end of input".into()),
            }
            skip_ws(i);
            if b.get(*i) == Some(&b'#') {
                *i += 1;
                continue;
            }
            return Ok(ok.then_some(out));
        }
    };
    while i < b.len() {
        if b[i] != b'@' {
            i += 1;
            continue;
        }
        i += 1;
        let kind = ident(&mut i);
        skip_ws(&mut i);
        if b.get(i) != Some(&b'{') {
            return Err(format!("expected '{{' after @{kind}"));
        }
        match kind.to_lowercase().as_str() {
            "comment" | "preamble" => {
                braced(&mut i)?;
            }
            "string" => {
                i += 1;
                skip_ws(&mut i);
                let name = ident(&mut i);
                skip_ws(&mut i);
                if b.get(i) != Some(&b'=') {
                    return Err(format!("@string {name}: expected '='"));
                }
                i += 1;
                let v = value(&mut i, &vars)?.unwrap_or_default();
                skip_ws(&mut i);
                i += 1; // '}'
                vars.push((name, v));
            }
            _ => {
                i += 1;
                skip_ws(&mut i);
                let key = ident(&mut i);
                skip_ws(&mut i);
                let mut tags = serde_json::Map::new();
                loop {
                    skip_ws(&mut i);
                    match b.get(i) {
                        Some(b',') => {
                            i += 1;
                            continue;
                        }
                        Some(b'}') => {
                            i += 1;
                            break;
                        }
                        None => return Err(format!("entry {key}: unexpected end of input")),
                        _ => {}
                    }
                    let field = ident(&mut i).to_lowercase();
                    skip_ws(&mut i);
                    if b.get(i) != Some(&b'=') {
                        return Err(format!("entry {key}: expected '=' after {field}"));
                    }
                    i += 1;
                    if let Some(v) = value(&mut i, &vars)? {
                        tags.insert(field, Value::String(v));
                    }
                }
                entries.push(json!({"entry_type": kind, "citation_key": key, "tags": tags}));
            }
        }
    }
    let variables: serde_json::Map<String, Value> = vars
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect();
    Ok(json!({"preambles": [], "comments": [], "variables": variables, "bibliographies": entries}))
}

fn register_zola_stubs(tera: &mut Tera, site: &Site) {
    let site = Arc::new(site.clone());
    let feed_filenames: Vec<String> = site.config["feed_filenames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    tera.register_function(
        "get_url",
        GetUrl {
            base_url: site.base_url.clone(),
            feed_filenames,
            permalinks: site.permalinks.clone(),
        },
    );
    tera.register_function(
        "get_taxonomy_url",
        GetTaxonomyUrl {
            base_url: site.base_url.clone(),
        },
    );
    let s = site.clone();
    tera.register_function("get_section", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(|v| v.as_str())
            .ok_or("`get_section` requires a `path`")?;
        let mut section = s
            .sections
            .get(path)
            .cloned()
            .ok_or_else(|| format!("Section `{path}` not found."))?;
        if args
            .get("metadata_only")
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
        {
            section["pages"] = json!([]);
        }
        Ok(section)
    });
    let s = site.clone();
    tera.register_function("get_page", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(|v| v.as_str())
            .ok_or("`get_page` requires a `path`")?;
        s.sections
            .values()
            .flat_map(|sec| sec["pages"].as_array().cloned().unwrap_or_default())
            .find(|p| p["relative_path"] == path)
            .ok_or_else(|| format!("Page `{path}` not found.").into())
    });
    let s = site.clone();
    tera.register_function("load_data", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let required = args
            .get("required")
            .and_then(|v| v.as_bool())
            .unwrap_or(true);
        // Zola infers the format from the extension when none is given.
        let inferred = match path.rsplit('.').next() {
            Some("toml") => "toml",
            Some("json") => "json",
            Some("yaml" | "yml") => "yaml",
            Some("bib") => "bibtex",
            _ => "plain",
        };
        let format = args
            .get("format")
            .and_then(|v| v.as_str())
            .unwrap_or(inferred);
        if path == "config.toml" && format == "plain" {
            return Ok(Value::String(s.config_text.clone()));
        }
        // Zola's search order: the site root, static/, content/ (and "@/" = content/).
        let rel = path
            .strip_prefix("@/")
            .map(|p| format!("content/{p}"))
            .unwrap_or_else(|| path.trim_start_matches('/').to_string());
        let text = s.files.get(path).cloned().or_else(|| {
            ["", "static/", "content/"]
                .iter()
                .map(|d| root().join(format!("{d}{rel}")))
                .find(|p| p.is_file())
                .map(|p| read(&p))
        });
        if let Some(text) = text {
            return match format {
                "bibtex" => bibtex_value(&text).map_err(|e| e.into()),
                "json" => serde_json::from_str(&text).map_err(|e| format!("{e:?}").into()),
                "yaml" => serde_yaml::from_str::<Value>(&text).map_err(|e| format!("{e:?}").into()),
                "toml" => toml::from_str::<toml::Value>(&text)
                    .map(|v| toml_to_json(&v))
                    .map_err(|e| format!("{e:?}").into()),
                _ => Ok(Value::String(text)),
            };
        }
        if required {
            Err(format!("`load_data`: file {path} not found (stub)").into())
        } else {
            Ok(Value::Null)
        }
    });
    tera.register_function("now", |_: &HashMap<String, Value>| {
        Ok(json!("2025-01-01T12:00:00+00:00"))
    });
    tera.register_function("trans", |args: &HashMap<String, Value>| {
        Ok(args.get("key").cloned().unwrap_or(Value::Null))
    });
    tera.register_function("get_hash", |_: &HashMap<String, Value>| {
        Ok(json!("0000000000000000"))
    });
    // Zola's image functions as Zola 0.22.1 has them: the file looked for under the site's
    // root, static/, content/ and the theme's static/; its real size; resize_image's URL
    // (processed_images/STEM.HASH.EXT, here with a zero hash) and the size after the op.
    tera.register_function("get_image_metadata", |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or_default();
        let allow_missing = args.get("allow_missing").and_then(Value::as_bool) == Some(true);
        match image_file(path) {
            Some(f) => {
                let size = imagesize::size(&f).map_err(|e| tera::Error::msg(format!("Failed to read image: {e}")))?;
                Ok(json!({"width": size.width, "height": size.height, "format": f.extension().unwrap().to_string_lossy(), "mime": "image"}))
            }
            None if allow_missing => Ok(Value::Null),
            None => Err(tera::Error::msg(format!("`get_image_metadata`: Cannot find path: {path}"))),
        }
    });
    let images_base = site.base_url.clone();
    tera.register_function("resize_image", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or_default();
        let f = image_file(path).ok_or_else(|| tera::Error::msg(format!("`resize_image`: Cannot find file: {path}")))?;
        let size = imagesize::size(&f).map_err(|e| tera::Error::msg(e.to_string()))?;
        let (w, h) = (size.width as u64, size.height as u64);
        let op = args.get("op").and_then(Value::as_str).unwrap_or("fill");
        let width = args.get("width").and_then(Value::as_u64);
        let (nw, nh) = match (op, width) {
            ("fit_width", Some(nw)) => (nw, h * nw / w),
            _ => return Err(tera::Error::msg(format!("resize_image stub: op {op} not modelled"))),
        };
        let format = args.get("format").and_then(Value::as_str).unwrap_or("auto");
        let ext = if format == "auto" { f.extension().unwrap().to_string_lossy().to_string() } else { format.to_string() };
        let stem = f.file_stem().unwrap().to_string_lossy();
        Ok(json!({"url": format!("{images_base}/processed_images/{stem}.0000000000000000.{ext}"), "static_path": "", "width": nw, "height": nh, "orig_width": w, "orig_height": h}))
    });
    // The terms of every page of the site's sections, as Zola lists a taxonomy's items.
    let sections = site.sections.clone();
    tera.register_function("get_taxonomy", move |args: &HashMap<String, Value>| {
        let kind = args.get("kind").and_then(Value::as_str).unwrap_or_default();
        let mut names: Vec<String> = Vec::new();
        for section in sections.values() {
            for page in section["pages"].as_array().into_iter().flatten() {
                for term in page["taxonomies"][kind].as_array().into_iter().flatten() {
                    if let Some(t) = term.as_str().filter(|t| !names.iter().any(|n| n == t)) {
                        names.push(t.to_owned());
                    }
                }
            }
        }
        let slug = |t: &str| {
            t.to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        };
        let items: Vec<Value> = names
            .iter()
            .map(|n| json!({"name": n, "slug": slug(n), "pages": [], "page_count": 0}))
            .collect();
        Ok(json!({"kind": {"name": kind}, "lang": "en", "permalink": "", "items": items}))
    });
    tera.register_function("get_taxonomy_term", |args: &HashMap<String, Value>| {
        Ok(json!({"name": args.get("term").cloned().unwrap_or(Value::Null), "slug": "", "path": "", "permalink": "", "pages": [], "page_count": 0}))
    });
    tera.register_filter("markdown", markdown_filter(site.permalinks.clone()));
    tera.register_filter("regex_replace", regex_replace_filter);
    tera.register_filter("base64_encode", base64_encode);
    tera.register_filter("base64_decode", |v: &Value, _: &HashMap<String, Value>| {
        Ok(v.clone())
    });
    tera.register_filter("num_format", |v: &Value, _: &HashMap<String, Value>| {
        Ok(v.clone())
    });
}

/// All theme templates, loaded the way Zola loads a theme's (parse, then build the inheritance chains).
fn load_theme(site: &Site) -> Tera {
    let glob = format!("{}/templates/**/*.{{*ml,md}}", theme_dir().display());
    let mut tera = Tera::parse(&glob).expect("theme templates parse with tera 1.20.1");
    tera.build_inheritance_chains()
        .expect("template inheritance resolves");
    register_zola_stubs(&mut tera, site);
    tera
}

fn section_context(site: &Site, rel: &str) -> Context {
    let section = &site.sections[rel];
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("current_url", &section["permalink"]);
    ctx.insert("current_path", &section["path"]);
    ctx.insert("section", section);
    ctx.insert("lang", "en");
    ctx
}

fn page_context(site: &Site, section_rel: &str, index: usize) -> Context {
    let page = &site.sections[section_rel]["pages"][index];
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("current_url", &page["permalink"]);
    ctx.insert("current_path", &page["path"]);
    ctx.insert("zola_version", "0.22.1");
    ctx.insert("page", page);
    ctx.insert("lang", "en");
    ctx
}

fn render_home(config_text: &str, home_text: &str) -> String {
    let site = site(config_text, home_text);
    let tera = load_theme(&site);
    tera.render("index.html", &section_context(&site, "_index.md"))
        .unwrap_or_else(|e| panic!("index.html renders: {e:?}\n{}", error_chain(&e)))
}

fn error_chain(e: &tera::Error) -> String {
    let mut out = String::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = cur {
        out.push_str(&format!("  {err}\n"));
        cur = err.source();
    }
    out
}

/// The part of the page the about layout writes (inside <main>), with the
/// Markdown body replaced by a marker (it is the same in every case).
fn main_part(html: &str, config_text: &str, home_text: &str) -> String {
    let site = site(config_text, home_text);
    let content = site.sections["_index.md"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    html[start..end].replace(&content, "[section.content]")
}

// ---------------------------------------------------------------------------
// Editing the demo's config and front matter for the cases
// ---------------------------------------------------------------------------

/// Replaces the `[table]` block (up to the next `[` header) of a TOML text, or appends it.
fn with_table(text: &str, header: &str, body: Option<&str>) -> String {
    let marker = format!("\n{header}\n");
    let (before, after) = match text.find(&marker) {
        Some(i) => {
            let rest = &text[i + marker.len()..];
            let end = rest.find("\n[").map_or(rest.len(), |j| j + 1);
            (text[..i + 1].to_string(), rest[end..].to_string())
        }
        None => (format!("{}\n", text.trim_end()), String::new()),
    };
    match body {
        Some(b) => format!("{before}{header}\n{}\n\n{after}", b.trim()),
        None => format!("{before}{after}"),
    }
}

/// Edits the home page: `f` gets the front matter TOML and returns the new one.
fn with_home_front_matter(f: impl Fn(&str) -> String) -> String {
    let text = demo_home();
    let rest = text.strip_prefix("+++").unwrap();
    let end = rest.find("\n+++").unwrap();
    format!(
        "+++{}{}",
        f(&rest[..end + 1]).trim_end_matches('\n').to_owned() + "\n",
        &rest[end + 1..]
    )
}

fn set_config_title(text: &str, title: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with("title = ") {
                format!("title = {title:?}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

/// Hostile strings in every field the theme renders (tests/templates/xss.rs).
#[path = "templates/books.rs"]
mod books;
#[path = "templates/fields.rs"]
mod fields;
#[path = "templates/lab.rs"]
mod lab;
#[path = "templates/notebook.rs"]
mod notebook;
#[path = "templates/pictures.rs"]
mod pictures;
#[path = "templates/reader.rs"]
pub(crate) mod reader;
#[path = "templates/services.rs"]
mod services;
#[path = "templates/titles.rs"]
mod titles;
#[path = "templates/xss.rs"]
mod xss;

#[test]
fn every_template_parses_with_tera_1_20_1() {
    let dir = theme_dir().join("templates");
    let files = walk(&dir);
    let count = files.len();
    let mut tera = Tera::default();
    tera.add_raw_templates(files.iter().map(|f| {
        (
            f.strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/"),
            read(f),
        )
    }))
    .unwrap_or_else(|e| panic!("templates do not parse: {}", error_chain(&e)));
    assert!(count >= 10, "expected the theme's templates, found {count}");
    // ... and together, with their inheritance chains (as Zola loads them).
    load_theme(&site(&demo_config(), &demo_home()));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Every page template renders with the context Zola gives it.
fn render_all_pages(site: &Site) -> Vec<(String, String)> {
    let tera = load_theme(site);
    let mut out = Vec::new();
    let r = |name: &str, ctx: &Context| {
        tera.render(name, ctx)
            .unwrap_or_else(|e| panic!("{name} renders: {}", error_chain(&e)))
    };
    out.push((
        "index.html".into(),
        r("index.html", &section_context(site, "_index.md")),
    ));
    out.push((
        "news.html".into(),
        r("news.html", &section_context(site, "news/_index.md")),
    ));
    out.push((
        "section.html".into(),
        r("section.html", &section_context(site, "blog/_index.md")),
    ));
    out.push((
        "news_item.html".into(),
        r("news_item.html", &page_context(site, "news/_index.md", 0)),
    ));
    out.push((
        "post.html".into(),
        r("post.html", &page_context(site, "blog/_index.md", 0)),
    ));
    out.push((
        "page.html".into(),
        r("page.html", &page_context(site, "blog/_index.md", 0)),
    ));
    out.push((
        "publications.html".into(),
        r(
            "publications.html",
            &root_page_context(site, "publications.md"),
        ),
    ));
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("lang", "en");
    out.push(("404.html".into(), r("404.html", &ctx)));
    let blog = &site.sections["blog/_index.md"];
    let post = &blog["pages"][0];
    let term = json!({"name": "zola", "slug": "zola", "path": "/tags/zola/", "permalink": format!("{}/tags/zola/", site.base_url), "pages": [post], "page_count": 1});
    let taxonomy = json!({"name": "tags", "slug": "tags", "paginate_by": null, "paginate_path": null, "render": true, "feed": false});
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("lang", "en");
    ctx.insert("taxonomy", &taxonomy);
    ctx.insert("terms", &json!([term]));
    ctx.insert("current_url", &format!("{}/tags/", site.base_url));
    ctx.insert("current_path", "/tags/");
    out.push(("taxonomy_list.html".into(), r("taxonomy_list.html", &ctx)));
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("lang", "en");
    ctx.insert("taxonomy", &taxonomy);
    ctx.insert("term", &term);
    ctx.insert("current_url", &term["permalink"]);
    ctx.insert("current_path", "/tags/zola/");
    out.push((
        "taxonomy_single.html".into(),
        r("taxonomy_single.html", &ctx),
    ));
    out
}

#[test]
fn every_page_template_renders() {
    let site = site(&demo_config(), &demo_home());
    for (name, html) in render_all_pages(&site) {
        assert!(
            html.starts_with("<!DOCTYPE html>"),
            "{name}: {}",
            &html[..html.len().min(200)]
        );
        assert!(html.contains("</html>"), "{name}");
        assert!(
            !html.contains("&#x2F;"),
            "{name}: URLs must not be written with &#x2F;"
        );
    }
}

#[test]
fn demo_home_page_full() {
    let html = render_home(&demo_config(), &demo_home());
    let content = site(&demo_config(), &demo_home()).sections["_index.md"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    insta::assert_snapshot!(
        "demo_home_page",
        html.replace(&content, "[section.content]")
    );
}

#[test]
fn demo_about_page_content() {
    let html = render_home(&demo_config(), &demo_home());
    // The seed's own settings: profile on the right with the address, the bio, social icons, contact note.
    assert!(
        html.contains(
            r#"<div class="profile float-right" data-align="right" data-circular="false">"#
        )
    );
    assert!(html.contains(r#"<img src="/assets/img/profile.jpeg" class="img-fluid z-depth-1 rounded" width="480" height="600" alt="Zirui Liu"></picture>"#));
    assert!(html.contains(r#"<div class="more-info"><p>Duncan Hall, 3014</p>"#));
    assert!(html.contains(r#"<h3 id="news">News</h3>"#));
    assert!(html.contains(r#"<div class="social" data-pagefind-ignore>"#));
    assert!(html.contains(r#"<div class="contact-note">"#));
    // The seed's settings: news = false, latest_posts = false, selected_papers = false; the
    // Markdown "News" list is the page's own.
    assert!(!html.contains(r#"<div class="news">"#));
    assert!(!html.contains(r#"style="color: inherit">news</a>"#));
    assert!(!html.contains("latest posts"));
    assert!(!html.contains("selected publications"));
    // The e-mail address is not in the HTML in plain text, but the link is a mailto: link.
    let socials = &html[html.find("contact-icons").unwrap()..];
    assert!(!socials[..socials.find("</div>").unwrap()].contains("ziruiliu.recruit@gmail.com"));
    assert!(html.contains(r#"<a href="mailto:&#122;&#105;&#114;"#));
    // The theme toggle: three states, accessible name, Tabler icons as the theme's inline SVG.
    assert!(html.contains(r#"<button id="light-toggle""#));
    for state in ["system", "light", "dark"] {
        assert!(
            html.contains(&format!(
                r#"<span class="light-toggle-icon light-toggle-{state}"><svg class="icon" aria-hidden="true""#
            )),
            "{state}"
        );
    }
    // No request leaves the site.
    for needle in [
        "cdn.",
        "googleapis",
        "jsdelivr",
        "unpkg",
        "<script src",
        "gstatic",
    ] {
        assert!(!html.contains(needle), "{needle}");
    }
}

fn profile_case(name: &str, edit: impl Fn(&str) -> String) {
    let home = with_home_front_matter(edit);
    let config = demo_config();
    let html = render_home(&config, &home);
    insta::assert_snapshot!(name, main_part(&html, &config, &home));
}

#[test]
fn profile_align_left() {
    profile_case("profile_align_left", |fm| {
        fm.replace(r#"align = "right""#, r#"align = "left""#)
    });
}

#[test]
fn profile_align_right() {
    profile_case("profile_align_right", |fm| fm.to_string());
}

#[test]
fn profile_align_missing_or_unknown_is_right() {
    profile_case("profile_align_missing", |fm| {
        fm.replace("align = \"right\"\n", "")
    });
    let home = with_home_front_matter(|fm| fm.replace(r#"align = "right""#, r#"align = "center""#));
    let html = render_home(&demo_config(), &home);
    assert!(html.contains(r#"<div class="profile float-right" data-align="right""#));
}

#[test]
fn profile_circular() {
    profile_case("profile_circular", |fm| {
        fm.replace("image_circular = false", "image_circular = true")
    });
}

#[test]
fn profile_more_info_newer_name() {
    profile_case("profile_more_info", |fm| {
        fm.replace("address = \"\"\"", "more_info = \"\"\"")
            .replace("image = \"profile.jpeg\"", "image = \"/img/me.png\"")
    });
}

#[test]
fn subtitle_is_html_like_al_folio() {
    // al-folio writes `{{ page.subtitle }}` unescaped, and its stock subtitle holds a link: the
    // owner's own front matter is trusted HTML, like profile.more_info.
    let home = with_home_front_matter(|fm| {
        fm.replace(
            "subtitle = \"\"",
            "subtitle = \"<a href='https://example.edu/'>Affiliations</a>. Address. Contacts. Moto. Etc. &amp; more\"",
        )
    });
    let html = render_home(&demo_config(), &home);
    assert!(html.contains(
        r#"<p class="desc"><a href='https://example.edu/'>Affiliations</a>. Address. Contacts. Moto. Etc. &amp; more</p>"#
    ));
    let start = html.find("<header class=\"post-header\">").unwrap();
    let end = start + html[start..].find("</header>").unwrap() + "</header>".len();
    insta::assert_snapshot!("about_subtitle_html", &html[start..end]);
    // Empty or missing: an empty line, as before.
    assert!(render_home(&demo_config(), &demo_home()).contains(r#"<p class="desc"></p>"#));
}

#[test]
fn no_profile() {
    profile_case("no_profile", |fm| {
        let i = fm.find("[extra.profile]").unwrap();
        fm[..i].to_string()
    });
}

#[test]
fn no_socials() {
    let config = with_table(&demo_config(), "[extra.socials]", None);
    let home = demo_home();
    let html = render_home(&config, &home);
    assert!(!html.contains("<a href=\"mailto:"));
    insta::assert_snapshot!("no_socials", main_part(&html, &config, &home));
    // social = false: no block at all.
    let home = with_home_front_matter(|fm| fm.replace("social = true", "social = false"));
    let html = render_home(&demo_config(), &home);
    assert!(!html.contains(r#"<div class="social""#));
}

/// Every al-folio social key, written deliberately out of alphabetical order.
const MANY_SOCIALS: &str = r#"
scholar_userid = "0i1w_egAAAAJ"
email = "ziruiliu.recruit@gmail.com"
orcid_id = "0000-0002-1825-0097"
github_username = "octocat"
zotero_username = "zuser"
acm_id = "81100000000"
academia_edu = "rice"
arxiv_id = "liu_z_1"
blogger_url = "https://example.blogspot.com"
bluesky_url = "https://bsky.app/profile/example.bsky.social"
cv_pdf = "/assets/pdf/cv.pdf"
dblp_url = "https://dblp.org/pid/00/0000.html"
discord_id = "123456789012345678"
facebook_id = "fbuser"
flickr_id = "flickruser"
gitlab_username = "gluser"
hal_id = "zirui-liu"
ieee_id = "37000000000"
inspirehep_id = "1010907"
instagram_id = "iguser"
kaggle_id = "kuser"
keybase_username = "kbuser"
lastfm_id = "lfmuser"
lattes_id = "1234567890123456"
leetcode_id = "lcuser"
letterboxd_id = "lbuser"
linkedin_username = "liuser"
mastodon_username = "mastodon.social/@user"
medium_username = "muser"
osf_id = "abcde"
pinterest_id = "puser"
publons_id = "A-1234-2020"
quora_username = "Q-User"
research_gate_profile = "Zirui-Liu"
rss_icon = true
scopus_id = "57200000000"
semanticscholar_id = "1234567"
spotify_id = "suser"
stackoverflow_id = "12345"
strava_userid = "54321"
substack_username = "subuser"
telegram_username = "tguser"
unsplash_id = "unuser"
wechat_qr = "wechat-qr.jpg"
wechat_username = "wxuser"
whatsapp_number = 15555555555
wikidata_id = "Q42"
wikipedia_id = "WikiUser"
work_url = "https://cs.example.edu/~me/"
x_username = "xuser"
youtube_id = "ytuser"
"#;

fn socials_block(html: &str) -> &str {
    let start = html
        .find(r#"<div class="contact-icons">"#)
        .expect("contact-icons");
    let end = start + html[start..].find("</div>").unwrap() + "</div>".len();
    &html[start..end]
}

fn keys_in_order(toml_body: &str) -> Vec<String> {
    toml_body
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .filter(|k| !k.is_empty() && !k.starts_with('#'))
        .collect()
}

#[test]
fn many_socials_in_config_order() {
    let config = with_table(&demo_config(), "[extra.socials]", Some(MANY_SOCIALS));
    let home = demo_home();
    let html = render_home(&config, &home);
    let block = socials_block(&html);
    let links = block.matches("<a ").count();
    assert_eq!(
        links,
        keys_in_order(MANY_SOCIALS).len(),
        "one link per key:\n{block}"
    );
    // Order: the config file's, not Zola's sorted one.
    let expect_prefix = [
        "https://scholar.google.com/citations?user=0i1w_egAAAAJ",
        "mailto:",
        "https://orcid.org/0000-0002-1825-0097",
        "https://github.com/octocat",
        "https://www.zotero.org/zuser",
        "https://dl.acm.org/profile/81100000000/",
    ];
    let mut pos = 0;
    for href in expect_prefix {
        let found = block[pos..]
            .find(&format!("href=\"{href}"))
            .unwrap_or_else(|| panic!("{href} after {pos}:\n{block}"));
        pos += found + 1;
    }
    // Every link has a title and an aria-label, and an al-folio icon (as the theme's inline SVG).
    for a in block.split("<a ").skip(1) {
        assert!(
            a.contains(" title=\"") && a.contains(" aria-label=\""),
            "{a}"
        );
        assert!(
            a.contains("><svg class=\"icon\" aria-hidden=\"true\""),
            "{a}"
        );
    }
    assert!(block.contains(r#"rel="me""#), "mastodon gets rel=me");
    assert!(
        block.contains(r#"href="https://example.com/atom.xml""#),
        "rss_icon links the feed"
    );
    insta::assert_snapshot!("many_socials", block);
}

#[test]
fn social_order_can_be_set_explicitly() {
    let config = with_table(&demo_config(), "[extra.socials]", Some(MANY_SOCIALS)).replace(
        "[extra.socials]",
        "social_order = [\"github_username\", \"email\"]\n\n[extra.socials]",
    );
    let config = {
        // social_order belongs to [extra]: move it above the first [[extra.nav]].
        let line = "social_order = [\"github_username\", \"email\"]\n\n";
        let c = config.replace(line, "");
        c.replacen("[[extra.nav]]", &format!("{line}[[extra.nav]]"), 1)
    };
    let html = render_home(&config, &demo_home());
    let block = socials_block(&html);
    let gh = block.find("https://github.com/octocat").unwrap();
    let mail = block.find("mailto:").unwrap();
    let scholar = block.find("scholar.google.com").unwrap();
    assert!(gh < mail && mail < scholar, "{block}");
}

#[test]
fn custom_socials() {
    let body = r#"
email = "ziruiliu.recruit@gmail.com"
homepage = { title = "Lab homepage", url = "https://lab.example.edu/", icon = "fa-solid fa-house" }
scholar_userid = "0i1w_egAAAAJ"
service = { title = "My <service>", url = "https://example.org/me", logo = "/assets/img/service.svg" }
internal = { title = "CV page", url = "@/blog/_index.md", icon = "ai ai-cv" }
"#;
    let config = with_table(&demo_config(), "[extra.socials]", Some(body));
    let config = format!(
        "{config}\n[extra.socials.zz_last]\ntitle = \"Sub-table entry\"\nurl = \"https://sub.example.org/\"\nicon = \"fa-brands fa-github\"\n"
    );
    let html = render_home(&config, &demo_home());
    let block = socials_block(&html);
    let order: Vec<usize> = [
        "mailto:",
        "lab.example.edu",
        "scholar.google.com",
        "example.org/me",
        "https://example.com/blog/",
        "sub.example.org",
    ]
    .iter()
    .map(|n| block.find(n).unwrap_or_else(|| panic!("{n}:\n{block}")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{block}");
    assert!(
        block.contains(r#"title="My &lt;service&gt;""#),
        "titles are escaped"
    );
    // A site path keeps base_url's path.
    assert!(block.contains(
        r#"<img src="https://example.com/assets/img/service.svg" alt="" class="social-logo">"#
    ));
    insta::assert_snapshot!("custom_socials", block);
}

/// The networks the theme's `folio::social` macro links (its `key == "…"` and `key in […]`
/// branches in macros/folio.html), sorted.
fn theme_social_keys() -> BTreeSet<String> {
    let text = read(theme_dir().join("templates/macros/folio.html"));
    let start = text
        .find("{% macro social(key, v, config)")
        .expect("macros/folio.html has the social macro");
    let end = start
        + text[start..]
            .find("endmacro social")
            .expect("the social macro ends");
    let body = &text[start..end];
    let quoted =
        |s: &str| -> Vec<String> { s.split('"').skip(1).step_by(2).map(str::to_owned).collect() };
    let mut keys = BTreeSet::new();
    for (at, _) in body.match_indices("key == \"") {
        let rest = &body[at + "key == ".len()..];
        keys.extend(quoted(&rest[..rest[1..].find('"').unwrap() + 2]));
    }
    for (at, _) in body.match_indices("key in [") {
        let rest = &body[at + "key in [".len()..];
        keys.extend(quoted(&rest[..rest.find(']').expect("the list closes")]));
    }
    keys
}

/// The theme's social networks and `folio import`'s (`folio::import::config::SOCIAL_KEYS`, the
/// al-folio keys it carries into [extra.socials]) are the same list, both ways; and every one of
/// them renders one link whose icon classes the rewriter draws (`folio::icons::lookup`), so a
/// network added on one side only, or with an icon the rewriter does not know, fails here by name.
#[test]
fn social_networks_of_the_theme_and_the_importer_agree() {
    let theme = theme_social_keys();
    let code: BTreeSet<String> = folio::import::config::SOCIAL_KEYS
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert!(theme.len() > 40, "the social macro was read: {theme:?}");
    let only_theme: Vec<_> = theme.difference(&code).collect();
    let only_code: Vec<_> = code.difference(&theme).collect();
    assert!(
        only_theme.is_empty() && only_code.is_empty(),
        "social networks differ: only in theme/templates/macros/folio.html (social): {only_theme:?}; \
         only in src/import/config.rs (SOCIAL_KEYS): {only_code:?}"
    );

    let site = site(&demo_config(), &demo_home());
    let mut tera = load_theme(&site);
    tera.add_raw_template(
        "social_key_test.html",
        r#"{%- import "macros/folio.html" as folio -%}{{ folio::social(key=key, v=v, config=config) }}"#,
    )
    .unwrap();
    let mut config = site.config.clone();
    config["generate_feeds"] = json!(true);
    let mut no_link = vec![];
    let mut unknown_icon = vec![];
    for key in &code {
        let v = match key.as_str() {
            "rss_icon" => json!(true),
            "email" => json!("someone@example.org"),
            "wechat_qr" => json!("wechat-qr.png"),
            "cv_pdf" => json!("/assets/pdf/cv.pdf"),
            k if k.ends_with("_url") => json!("https://example.org/someone"),
            _ => json!("someone"),
        };
        let mut ctx = Context::new();
        ctx.insert("config", &config);
        ctx.insert("key", key);
        ctx.insert("v", &v);
        let html = tera
            .render("social_key_test.html", &ctx)
            .unwrap_or_else(|e| panic!("{key}: {e:?}\n{}", error_chain(&e)));
        // The theme's own inline SVG (macros/icons.html, generated from the icons pass and
        // checked equal to it by icons::the_themes_inline_social_icons_are_the_passes_own_svg).
        if html.matches("<a href=\"").count() == 1
            && html.matches("<svg class=\"icon\"").count() == 1
            && !html.contains("<i class=")
        {
            continue;
        }
        let Some(classes) = html
            .split("<i class=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .filter(|_| html.matches("<a href=\"").count() == 1)
        else {
            no_link.push(format!("{key}: {html:?}"));
            continue;
        };
        let classes: Vec<&str> = classes.split_ascii_whitespace().collect();
        let drawn = classes.iter().any(|&c| {
            folio::icons::Family::from_class(c).is_some_and(|family| {
                classes.iter().any(|&n| {
                    n != c
                        && n.strip_prefix(family.name_prefix())
                            .is_some_and(|name| folio::icons::lookup(family, name).is_some())
                })
            })
        });
        if !drawn {
            unknown_icon.push(format!("{key}: {}", classes.join(" ")));
        }
    }
    assert!(
        no_link.is_empty(),
        "networks the theme makes no single link for: {no_link:#?}"
    );
    assert!(
        unknown_icon.is_empty(),
        "networks whose icon the rewriter does not know: {unknown_icon:#?}"
    );
}

#[test]
fn javascript_urls_never_become_links() {
    let body = r#"
email = "ziruiliu.recruit@gmail.com"
bluesky_url = "javascript:alert(1)"
work_url = " JavaScript:alert(document.cookie)"
dblp_url = "data:text/html,<script>alert(1)</script>"
blogger_url = "vbscript:msgbox(1)"
cv_pdf = "java\tscript:alert(1)"
evil = { title = "Evil", url = "jAvAsCrIpT:alert(1)", icon = "fa-solid fa-bug" }
evil_logo = { title = "Evil logo", url = "https://ok.example.org/", logo = "javascript:alert(1)" }
"#;
    let config = with_table(&demo_config(), "[extra.socials]", Some(body));
    let config = config.replace(
        "url = \"@/blog/_index.md\"",
        "url = \"javascript:alert('nav')\"",
    );
    let html = render_home(&config, &demo_home());
    let lower = html.to_lowercase();
    for bad in ["javascript:", "vbscript:", "data:text", "java\tscript"] {
        assert!(
            !lower.contains(bad),
            "{bad} found in:\n{}",
            socials_block(&html)
        );
    }
    let block = socials_block(&html);
    assert_eq!(
        block.matches("<a ").count(),
        2,
        "only e-mail and the custom entry with a safe url:\n{block}"
    );
    insta::assert_snapshot!("javascript_urls", block);
}

#[test]
fn blank_title_mode() {
    let config = set_config_title(&demo_config(), "blank")
        .replace("middle_name = \"\"", "middle_name = \"Ray\"");
    let home = demo_home();
    let html = render_home(&config, &home);
    assert!(html.contains(r#"<span class="font-weight-bold">Zirui</span> Ray Liu"#));
    insta::assert_snapshot!("blank_title", main_part(&html, &config, &home));
    // Elsewhere the navbar brand uses the same markup.
    let site = site(&config, &home);
    let tera = load_theme(&site);
    let post = tera
        .render("post.html", &page_context(&site, "blog/_index.md", 0))
        .unwrap();
    assert!(post.contains(r#"<a class="navbar-brand title font-weight-lighter" href="https://example.com/"><span class="font-weight-bold">Zirui</span> Ray Liu</a>"#));
    assert!(post.contains("<title>Hello, folio | Zirui Ray Liu</title>"));
}

#[test]
fn news_and_latest_posts_newer_shapes() {
    let home = with_home_front_matter(|fm| {
        fm.replace(
            "news = false",
            "announcements = { enabled = true, scrollable = true, limit = 2 }",
        )
        .replace(
            "latest_posts = false",
            "latest_posts = { enabled = true, scrollable = false, limit = 3 }",
        )
    });
    let config = demo_config();
    let html = render_home(&config, &home);
    let news = &html[html.find(r#"<div class="news">"#).unwrap()..];
    // Newest first, limited to 2, no <p> around inline items, dates the al-folio way.
    let jul = news.find("Jul 10, 2024").unwrap();
    let may = news.find("May 02, 2024").unwrap();
    assert!(jul < may);
    assert!(
        !news[..news.find("</table>").unwrap()].contains("Sep 22, 2023"),
        "limit = 2"
    );
    assert!(
        news.contains(
            r#"<a class="news-title" href="https://example.com/news/kivi-transformers/">"#
        )
    );
    // scrollable only matters with more than 3 items in total (there are 3).
    assert!(!news.contains("max-height"));
    assert!(
        html.contains(r#"<a href="https://example.com/news/" style="color: inherit">news</a>"#)
    );
    assert!(html.contains(
        r#"<a href="https://example.com/blog/" style="color: inherit">latest posts</a>"#
    ));
    insta::assert_snapshot!("news_and_latest_posts", main_part(&html, &config, &home));
}

#[test]
fn news_older_shape_and_empty() {
    // Older al-folio: news = true + news_limit, site-wide [extra.announcements].
    let home =
        with_home_front_matter(|fm| fm.replace("news = false", "news = true\nnews_limit = 1"));
    let html = render_home(&demo_config(), &home);
    let news = &html[html.find(r#"<div class="news">"#).unwrap()..];
    assert_eq!(
        news[..news.find("</table>").unwrap()]
            .matches("<tr>")
            .count(),
        1
    );
    // Site-wide switch off.
    let config = with_table(
        &demo_config(),
        "[extra.announcements]",
        Some("enabled = false"),
    );
    let html = render_home(&config, &home);
    assert!(!html.contains(r#"style="color: inherit">news</a>"#));
    // No items: al-folio's message.
    let mut s = site(&demo_config(), &home);
    s.sections.get_mut("news/_index.md").unwrap()["pages"] = json!([]);
    let tera = load_theme(&s);
    let html = tera
        .render("index.html", &section_context(&s, "_index.md"))
        .unwrap();
    assert!(html.contains("<p>No news so far...</p>"));
}

#[test]
fn scrollable_news_with_more_than_three_items() {
    let home = with_home_front_matter(|fm| {
        fm.replace(
            "news = false",
            "announcements = { enabled = true, scrollable = true, limit = 10 }",
        )
    });
    let mut s = site(&demo_config(), &home);
    let pages = s.sections["news/_index.md"]["pages"]
        .as_array()
        .unwrap()
        .clone();
    let mut more = pages.clone();
    let mut extra = pages[0].clone();
    extra["date"] = json!("2015-11-07");
    extra["title"] = json!("An old item");
    more.push(extra);
    s.sections.get_mut("news/_index.md").unwrap()["pages"] = json!(more);
    let tera = load_theme(&s);
    let html = tera
        .render("index.html", &section_context(&s, "_index.md"))
        .unwrap();
    assert!(html.contains(r#"<div class="table-responsive" style="max-height: 60vw">"#));
    assert!(html.contains(r#"<th scope="row" style="width: 20%">Nov 07, 2015</th>"#));
}

#[test]
fn navbar_marks_the_current_item() {
    let site = site(&demo_config(), &demo_home());
    let tera = load_theme(&site);
    let home = tera
        .render("index.html", &section_context(&site, "_index.md"))
        .unwrap();
    assert!(home.contains(
        r#"<li class="nav-item active">
              <a class="nav-link" href="https://example.com/" aria-current="page">about</a>"#
    ));
    assert!(!home.contains("navbar-brand"), "no brand on the home page");
    let news = tera
        .render("news.html", &section_context(&site, "news/_index.md"))
        .unwrap();
    assert!(news.contains(
        r#"<a class="nav-link" href="https://example.com/news/" aria-current="page">news</a>"#
    ));
    assert!(news.contains(r#"<a class="navbar-brand title font-weight-lighter" href="https://example.com/">Zirui Liu</a>"#));
    let post = tera
        .render("post.html", &page_context(&site, "blog/_index.md", 0))
        .unwrap();
    assert!(post.contains(
        r#"<a class="nav-link" href="https://example.com/blog/" aria-current="true">blog</a>"#
    ));
    // nav items in the user's order
    let n = news.find(">news</a>").unwrap();
    let b = news.find(">blog</a>").unwrap();
    assert!(n < b);
}

#[test]
fn every_theme_option_has_a_default_and_is_documented() {
    let theme: toml::Table = toml::from_str(&read(theme_dir().join("theme.toml"))).unwrap();
    let extra = theme["extra"].as_table().unwrap();
    // Every config.extra.KEY the templates read has a default in theme.toml.
    let mut used = BTreeSet::new();
    for f in walk(&theme_dir().join("templates")) {
        let text = read(&f);
        for (i, _) in text.match_indices("config.extra.") {
            let key: String = text[i + 13..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            used.insert(key);
        }
    }
    for key in &used {
        assert!(
            extra.contains_key(key),
            "theme.toml [extra] has no default for `{key}`"
        );
    }
    // config.example.toml: a valid config that lists every option.
    let example_text = read(theme_dir().join("config.example.toml"));
    let example: toml::Table = toml::from_str(&example_text).expect("config.example.toml parses");
    assert_eq!(example["theme"].as_str(), Some("folio"));
    fn keys(prefix: &str, t: &toml::Table, out: &mut Vec<String>) {
        for (k, v) in t {
            match v {
                toml::Value::Table(sub) if !sub.is_empty() => {
                    keys(&format!("{prefix}{k}."), sub, out)
                }
                _ => out.push(format!("{prefix}{k}")),
            }
        }
    }
    let mut all = Vec::new();
    keys("", extra, &mut all);
    for key in all {
        let leaf = key.rsplit('.').next().unwrap();
        assert!(
            example_text.contains(&format!("\n{leaf} ="))
                || example_text.contains(&format!("# {leaf} ="))
                || example_text.contains(&format!("[[extra.{leaf}]]"))
                || example_text.contains(&format!("[extra.{leaf}]")),
            "config.example.toml does not document `{key}`"
        );
    }
    for key in used {
        assert!(
            example_text.contains(&key),
            "config.example.toml does not mention `{key}`"
        );
    }
}

#[test]
fn templates_use_only_classes_the_sass_defines() {
    let mut sass = String::new();
    for f in walk(&theme_dir().join("sass")) {
        sass.push_str(&read(&f));
        sass.push('\n');
    }
    let defined = |class: &str| {
        sass.match_indices(&format!(".{class}")).any(|(i, m)| {
            let next = sass[i + m.len()..].chars().next().unwrap_or(' ');
            !(next.is_ascii_alphanumeric() || next == '-' || next == '_')
        })
    };
    // Icon vocabulary: these become inline SVG after `folio rewrite`.
    let icon = |c: &str| {
        c == "ai"
            || c == "ti"
            || c.starts_with("ai-")
            || c.starts_with("ti-")
            || c.starts_with("fa-")
    };
    let mut config = with_table(&demo_config(), "[extra.socials]", Some(MANY_SOCIALS));
    config = config.replace("[extra]\n", "[extra]\nog_image = \"og.png\"\n");
    let home = with_home_front_matter(|fm| {
        fm.replace(
            "news = false",
            "announcements = { enabled = true, scrollable = true, limit = 2 }",
        )
        .replace("latest_posts = false", "latest_posts = { enabled = true }")
    });
    let site = site(&config, &home);
    let mut missing = BTreeSet::new();
    for (name, html) in render_all_pages(&site) {
        // Only the theme's markup: drop the Markdown content Zola renders.
        let mut html = html;
        for sec in site.sections.values() {
            html = html.replace(sec["content"].as_str().unwrap(), "");
            for p in sec["pages"].as_array().unwrap() {
                html = html.replace(p["content"].as_str().unwrap(), "");
            }
        }
        for (i, _) in html.match_indices(" class=\"") {
            let rest = &html[i + 8..];
            let value = &rest[..rest.find('"').unwrap()];
            for class in value.split_whitespace() {
                if !icon(class) && !defined(class) {
                    missing.insert(format!("{class} ({name})"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "classes without a Sass rule: {missing:#?}"
    );
}

#[test]
fn al_folio_gallery_classes_have_rules() {
    // What al-folio's posts and projects wrap around {% include figure.liquid %} (the figure
    // shortcode after `folio import`): Bootstrap's grid and spacing, MDB's shadow, the caption.
    let mut sass = String::new();
    for f in walk(&theme_dir().join("sass")) {
        sass.push_str(&read(&f));
        sass.push('\n');
    }
    let rule = |class: &str| {
        sass.match_indices(&format!(".{class}")).any(|(i, m)| {
            let next = sass[i + m.len()..].chars().next().unwrap_or(' ');
            !(next.is_ascii_alphanumeric() || next == '-' || next == '_')
        })
    };
    let mut classes: Vec<String> = [
        "row",
        "col",
        "col-sm",
        "col-md",
        "mt-3",
        "mt-md-0",
        "img-fluid",
        "rounded",
        "rounded-circle",
        "z-depth-1",
        "caption",
        "justify-content-center",
        "justify-content-sm-center",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect();
    for n in 1..=12 {
        classes.push(format!("col-sm-{n}"));
        classes.push(format!("col-md-{n}"));
    }
    let missing: Vec<&String> = classes.iter().filter(|c| !rule(c)).collect();
    assert!(missing.is_empty(), "no Sass rule for {missing:?}");
}

// ---------------------------------------------------------------------------
// Publications
// ---------------------------------------------------------------------------

/// The context Zola gives a page at the root of content/ (e.g. publications.md).
fn root_page_context(site: &Site, rel: &str) -> Context {
    let pages = site.sections["_index.md"]["pages"].as_array().unwrap();
    let index = pages
        .iter()
        .position(|p| p["relative_path"] == rel)
        .unwrap_or_else(|| panic!("no page {rel}"));
    page_context(site, "_index.md", index)
}

/// Renders the publications page with `config_text`, the .bib file replaced by `bib` when given.
fn render_publications(config_text: &str, bib: Option<&str>) -> String {
    let mut s = site(config_text, &demo_home());
    if let Some(bib) = bib {
        s.files
            .insert("bibliography/papers.bib".into(), bib.to_string());
    }
    let tera = load_theme(&s);
    tera.render(
        "publications.html",
        &root_page_context(&s, "publications.md"),
    )
    .unwrap_or_else(|e| panic!("publications.html renders: {}", error_chain(&e)))
}

/// The publications block of a page (from <div class="publications"> to </article>).
fn publications_part(html: &str) -> &str {
    let start = html
        .find(r#"<div class="publications" id="publications-list">"#)
        .expect("div.publications");
    let end = start + html[start..].find("</article>").expect("</article>");
    &html[start..end]
}

/// One entry's markup, by citation key: from its <li> to the next.
fn entry_part<'a>(html: &'a str, key: &str) -> &'a str {
    let at = html
        .find(&format!(r#"id="{key}""#))
        .unwrap_or_else(|| panic!("entry {key}"));
    let start = html[..at].rfind("<li").unwrap();
    let end = at + html[at..].find("</li>").unwrap() + "</li>".len();
    &html[start..end]
}

/// The text of an HTML fragment (tags dropped).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn demo_publications_page() {
    let html = render_publications(&demo_config(), None);
    let part = publications_part(&html);
    // Year headings, newest first; the entry without a year last.
    let years: Vec<&str> = part
        .match_indices(r#"<h2 class="bibliography""#)
        .map(|(i, m)| {
            let rest = &part[i + m.len()..];
            let rest = &rest[rest.find('>').unwrap() + 1..];
            &rest[..rest.find('<').unwrap()]
        })
        .collect();
    assert_eq!(
        years,
        ["2024", "2023", "2022", "2021", "2020", "undated"],
        "{part}"
    );
    assert_eq!(
        part.matches("<li>").count() + part.matches("<li data-search=").count(),
        10
    );
    // Inside a year, the file's order.
    let a = part.find(r#"id="liu2024lowbit""#).unwrap();
    let b = part.find(r#"id="okonkwo2024context""#).unwrap();
    let c = part.find(r#"id="liu2024thesis""#).unwrap();
    assert!(a < b && b < c);
    // @string macros expanded, month macros shortened the al-folio way.
    assert!(part.contains("<em>In Proceedings of the 41st International Conference on Machine Learning</em>, Vienna, Austria, Jul 2024"));
    // Venue badge with colour and link; co-author link; the owner in <em>.
    assert!(part.contains(r#"<abbr class="badge rounded w-100" style="background-color:#1c4587"><a href="https://icml.cc/">ICML</a></abbr>"#));
    assert!(part.contains(r#"<a href="https://example.org/~okonkwo/">Mara Okonkwo</a>"#));
    assert!(part.contains("<em>Zirui Liu</em>"));
    // A co-author whose key has an accent ("müller", from M{\"u}ller).
    assert!(part.contains(r#"<a href="https://example.org/~mueller/"><span class="bib-tex""#));
    insta::assert_snapshot!("publications_demo", part);
}

#[test]
fn every_link_kind() {
    let bib = r#"
@inproceedings{all,
  title = {Every Link},
  author = {Liu, Zirui},
  booktitle = {Proc. of Examples},
  year = {2024},
  abbr = {EX},
  abstract = {An abstract with 50\% more.},
  arxiv = {2401.00001},
  award = {Best paper: see [the list](https://example.org/awards).},
  award_name = {Best Paper},
  bibtex_show = {true},
  blog = {https://example.org/blog},
  code = {https://github.com/example/code},
  doi = {10.1000/xyz},
  hal = {hal-0001},
  html = {page.html},
  pdf = {paper.pdf},
  poster = {/files/poster.pdf},
  preview = {preview.png},
  slides = {https://example.org/slides.pdf},
  supp = {supp.pdf},
  video = {https://example.org/video},
  website = {https://example.org/},
  altmetric = {true},
  dimensions = {true},
  google_scholar_id = {GSID},
  inspirehep_id = {12345},
  annotation = {Alphabetical order.},
  additional_info = {, *Oral*},
  note = {A note},
  location = {Online},
  month = {3},
  selected = {true},
}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let e = entry_part(&html, "all");
    // al-folio's order of buttons.
    let order = [
        ">Best Paper</summary>",
        ">Abs</summary>",
        ">DOI</a>",
        ">arXiv</a>",
        ">HAL</a>",
        ">Bib</summary>",
        ">HTML</a>",
        ">PDF</a>",
        ">Supp</a>",
        ">Video</a>",
        ">Blog</a>",
        ">Code</a>",
        ">Poster</a>",
        ">Slides</a>",
        ">Website</a>",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|n| e.find(n).unwrap_or_else(|| panic!("{n} in\n{e}")))
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{e}");
    // Relative pdf/supp/poster/slides go to the static pdf folder, html to assets/html.
    assert!(e.contains(r#"href="https://example.com/assets/pdf/paper.pdf""#));
    assert!(e.contains(r#"href="https://example.com/assets/pdf/supp.pdf""#));
    assert!(e.contains(r#"href="https://example.com/files/poster.pdf""#));
    assert!(e.contains(r#"href="https://example.org/slides.pdf""#));
    assert!(e.contains(r#"href="https://example.com/assets/html/page.html""#));
    assert!(e.contains(r#"href="https://doi.org/10.1000/xyz""#));
    assert!(e.contains(r#"href="https://arxiv.org/abs/2401.00001""#));
    assert!(e.contains(r#"href="https://hal.science/hal-0001""#));
    assert!(e.contains(r#"src="https://example.com/assets/img/publication_preview/preview.png""#));
    // Abstract, award and BibTeX open without JavaScript.
    assert!(e.contains(r#"<details class="abstract">"#));
    assert!(e.contains(r#"<a rel="external" href="https://example.org/awards">the list</a>"#));
    // The BibTeX: al-folio's keywords left out, the usual fields in the usual order.
    let bibtex = &e[e.find("<code").unwrap()..e.find("</code>").unwrap()];
    for hidden in [
        "abbr",
        "abstract",
        "arxiv",
        "award",
        "bibtex_show",
        "pdf",
        "preview",
        "selected",
        "google_scholar_id",
        "annotation",
        "additional_info",
    ] {
        assert!(
            !bibtex.contains(&format!("\n  {hidden} = ")),
            "{hidden} in {bibtex}"
        );
    }
    assert!(bibtex.contains("@inproceedings{all,\n  author = {Liu, Zirui},\n  title = {Every Link},\n  booktitle = {Proc. of Examples},\n  location = {Online},\n  month = {3},\n  year = {2024},\n  note = {A note},\n  doi = {10.1000/xyz}\n}"), "{bibtex}");
    // Badges as plain links, no third-party script or image.
    assert!(e.contains(r#"<a class="badge-link" href="https://www.altmetric.com/details/arxiv/2401.00001">Altmetric</a>"#));
    assert!(e.contains(r#"<a class="badge-link" href="https://badge.dimensions.ai/details/doi/10.1000/xyz">Dimensions</a>"#));
    assert!(e.contains("citation_for_view=0i1w_egAAAAJ:GSID"));
    assert!(e.contains(r#"href="https://inspirehep.net/literature/12345""#));
    assert!(!e.contains("<script") && !e.contains("img.shields.io"));
    // Periodical line: "In" booktitle, location, additional_info, month and year.
    assert!(e.contains(r#"<div class="periodical"><em>In Proc. of Examples</em>, Online, <em>Oral</em>, Mar 2024</div>"#), "{e}");
    assert!(e.contains(r#"<div class="periodical">A note</div>"#));
    insta::assert_snapshot!("publications_every_link", e);
}

/// Older al-folio configs give only `scholar.last_name`: the last name alone marks the owner.
#[test]
fn owner_is_emphasised_by_the_last_name_alone_without_first_names() {
    let bib = r#"
@article{a, title = {A}, author = {Liu, Zirui and Okonkwo, Mara}, journal = {J}, year = 2024}
@article{b, title = {B}, author = {Mara Okonkwo and Xia Liu}, journal = {J}, year = 2024}
"#;
    let config = demo_config().replace("first_name = [\"Zirui\", \"Z.\"]\n", "");
    assert!(
        !config.contains("first_name = [\"Zirui\""),
        "the test removes first_name"
    );
    let html = render_publications(&config, Some(bib));
    let a = entry_part(&html, "a");
    assert!(a.contains("<em>Zirui Liu</em>"), "{a}");
    assert!(!a.contains("<em>Mara Okonkwo</em>"), "{a}");
    let b = entry_part(&html, "b");
    assert!(b.contains("<em>Xia Liu</em>"), "{b}");
    // With first names, the first name must match too.
    let html = render_publications(&demo_config(), Some(bib));
    assert!(!entry_part(&html, "b").contains("<em>Xia Liu</em>"));
}

#[test]
fn owner_is_emphasised_in_either_name_order() {
    let bib = r#"
@article{a, title = {A}, author = {Liu, Zirui and Okonkwo, Mara}, journal = {J}, year = 2024}
@article{b, title = {B}, author = {Mara Okonkwo and Zirui Liu}, journal = {J}, year = 2024}
@article{c, title = {C}, author = {Z. Liu and Liu, Xia and Yi Liu}, journal = {J}, year = 2024}
@article{d, title = {D}, author = {Liu*, Zirui and Okonkwo, Mara\textsuperscript{\dag}}, journal = {J}, year = 2024}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let author = |key: &str| {
        let e = entry_part(&html, key);
        let start = e.find(r#"<div class="author">"#).unwrap();
        e[start..start + e[start..].find("</div>").unwrap()].to_string()
    };
    assert!(
        author("a").contains(
            r#"<em>Zirui Liu</em> and <a href="https://example.org/~okonkwo/">Mara Okonkwo</a>"#
        ),
        "{}",
        author("a")
    );
    assert_eq!(
        text_of(&author("b")),
        "Mara Okonkwo and Zirui Liu",
        "two authors: no comma"
    );
    assert!(author("b").contains("<em>Zirui Liu</em>"));
    // "Z." is in first_name; Xia Liu and Yi Liu are not the owner.
    let c = author("c");
    assert!(c.contains("<em>Z. Liu</em>"), "{c}");
    assert!(
        !c.contains("<em>Xia Liu</em>") && !c.contains("<em>Yi Liu</em>"),
        "{c}"
    );
    assert_eq!(text_of(&c), "Z. Liu, Xia Liu, and Yi Liu");
    // Equal-contribution marks: kept as <sup>, ignored for matching.
    let d = author("d");
    assert!(d.contains("<em>Zirui Liu<sup>*</sup></em>"), "{d}");
}

#[test]
fn more_authors_expand_without_javascript() {
    let bib = r#"
@article{five, title = {Five}, author = {A One and B Two and C Three and D Four and E Five}, year = 2024}
@article{four, title = {Four}, author = {A One and B Two and C Three and D Four}, year = 2024}
@article{three, title = {Three}, author = {A One and B Two and C Three}, year = 2024}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let five = entry_part(&html, "five");
    assert!(five.contains(r#"A One, B Two, C Three, and <details class="more-authors"><summary title="Show 2 more authors">2 more authors</summary>D Four, E Five</details>"#), "{five}");
    let four = entry_part(&html, "four");
    assert!(
        four.contains(
            "<summary title=\"Show 1 more author\">1 more author</summary>D Four</details>"
        ),
        "{four}"
    );
    let three = entry_part(&html, "three");
    assert!(!three.contains("more-authors"));
    assert!(three.contains("A One, B Two, and C Three"), "{three}");
    // max_author_limit = 0: everyone.
    let config = demo_config().replace("max_author_limit = 3", "max_author_limit = 0");
    let html = render_publications(&config, Some(bib));
    assert!(entry_part(&html, "five").contains("A One, B Two, C Three, D Four, and E Five"));
    insta::assert_snapshot!("publications_more_authors", five);
}

#[test]
fn entries_with_missing_fields_still_render() {
    let bib = r#"
@misc{only_key,}
@misc{only_title, title = {Just a Title}}
@article{no_title, author = {Liu, Zirui}, year = {2019}}
@book{editor_only, title = {Edited}, editor = {Mara Okonkwo and Tobias Lindqvist}, publisher = {Example Press}, year = 2018}
@misc{undefined_macro, title = {Undefined Macro}, journal = nosuchmacro, year = 2017}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let part = publications_part(&html);
    assert!(entry_part(part, "only_key").contains(r#"<div class="title">only_key</div>"#));
    assert!(entry_part(part, "only_title").contains(r#"<div class="title">Just a Title</div>"#));
    assert!(entry_part(part, "no_title").contains(r#"<div class="title">no_title</div>"#));
    let ed = entry_part(part, "editor_only");
    assert!(
        text_of(ed).contains("Mara Okonkwo and Tobias Lindqvist (eds.)"),
        "{ed}"
    );
    assert!(
        ed.contains(r#"<div class="periodical">Example Press, 2018</div>"#),
        "{ed}"
    );
    // Zola drops a field whose @string macro is undefined; the entry stays.
    let um = entry_part(part, "undefined_macro");
    assert!(um.contains(r#"<div class="periodical">2017</div>"#), "{um}");
    assert!(part.contains(r#"<h2 class="bibliography">undated</h2>"#));
    insta::assert_snapshot!("publications_missing_fields", part);
}

#[test]
fn tex_in_values_becomes_text() {
    let bib = r#"
@article{tex,
  title = {{GPU}s for M{\"u}ller's \'Etude -- a {\ss}tudy --- {\O}resund~Bridge \& {\emph{More}} with $\alpha$ and 4$\times$},
  author = {M{\"u}ller, J{\"o}rg and Fran{\c{c}}ois, Ana{\"\i}s and Bego{\~n}a {\'A}lvarez and {\v{S}}koda, Ji{\v{r}}{\'\i}},
  journal = {Journal of {\textsc{TeX}} \emph{Things}},
  year = 2024,
}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let e = entry_part(&html, "tex");
    let title = &e[e.find(r#"<div class="title">"#).unwrap()..];
    let title = &title[..title.find("</div>").unwrap()];
    assert_eq!(
        text_of(title),
        "GPUs for Müller's Étude – a ßtudy — Øresund\u{a0}Bridge &amp; More with α and 4×"
    );
    assert!(title.contains("<em>More</em>"));
    // Marked for the rewriter, with the raw value.
    assert!(
        title.contains(r#"<span class="bib-tex" data-tex="{GPU}s for M{\&quot;u}ller"#),
        "{title}"
    );
    let authors = text_of(
        &e[e.find(r#"<div class="author">"#).unwrap()
            ..e.find(r#"<div class="periodical">"#).unwrap()],
    );
    assert_eq!(
        authors,
        "Jörg Müller, Anaïs François, Begoña Álvarez, and 1 more authorJiří Škoda"
    );
    assert!(e.contains(r#"<span class="smallcaps">TeX</span>"#), "{e}");
    insta::assert_snapshot!("publications_tex", e);
}

#[test]
fn grouping_query_and_thumbnails() {
    let bib = r#"
@article{j1, title = {J1}, author = {A B}, journal = {J}, year = 2020, category = {journal}}
@inproceedings{c1, title = {C1}, author = {A B}, booktitle = {C}, year = 2022, category = {conference}}
@article{j2, title = {J2}, author = {A B}, journal = {J}, year = 2023, category = {journal}}
"#;
    // group_by = "none": one list, file order, no headings.
    let config = demo_config().replace(
        "max_author_limit = 3",
        "max_author_limit = 3\ngroup_by = \"none\"\nenable_publication_thumbnails = false",
    );
    let html = render_publications(&config, Some(bib));
    let part = publications_part(&html);
    assert!(!part.contains("<h2"));
    assert!(part.find(r#"id="j1""#).unwrap() < part.find(r#"id="j2""#).unwrap());
    // No thumbnail column: the entry is col-sm-10.
    assert!(part.contains(r#"<div id="j1" class="col-sm-10""#));
    assert!(!part.contains("col-sm-2"));
    // A query in the page's front matter: al-folio's --query @*[category=journal].
    let mut s = site(&demo_config(), &demo_home());
    s.files.insert("bibliography/papers.bib".into(), bib.into());
    let pages = s.sections.get_mut("_index.md").unwrap()["pages"]
        .as_array_mut()
        .unwrap();
    let page = pages
        .iter_mut()
        .find(|p| p["relative_path"] == "publications.md")
        .unwrap();
    page["extra"] = json!({"query": {"category": "journal"}});
    let tera = load_theme(&s);
    let html = tera
        .render(
            "publications.html",
            &root_page_context(&s, "publications.md"),
        )
        .unwrap();
    assert!(html.contains(r#"id="j1""#) && html.contains(r#"id="j2""#));
    assert!(!html.contains(r#"id="c1""#));
}

#[test]
fn unsafe_urls_in_the_bib_never_become_links() {
    let bib = r#"
@misc{evil, title = {Evil}, year = 2024, pdf = {javascript:alert(1)}, code = {javascript:alert(2)}, website = { JaVaScRiPt:alert(3)}, preview = {data:image/png;base64,xx}, html = {vbscript:x}}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let e = entry_part(&html, "evil").to_lowercase();
    for bad in ["javascript:", "data:", "vbscript:"] {
        assert!(!e.contains(bad), "{bad} in {e}");
    }
}

#[test]
fn html_in_bib_values_renders_as_al_folio_printed_it_and_nothing_else() {
    // al-folio prints BibTeX values as written: sites put links, anchors and emphasis in them.
    let bib = r#"
@article{html, title = {<a name="lnk_x"> M3imic: Whole-Body <em>Control</em></a>}, author = {Lu, Zuxing and <em><b>Zuo<sup>#</sup></b></em>, <em><b>Xingxing</b></em>}, journal = {University of Washington <a href = "https://www.pims.math.ca/a?b=1&c=2" target="_new">(PIMS), Spring}, year = 2024}
@article{evil, title = {<script>alert(1)</script> <a href="javascript:alert(2)">x</a> <b onclick="alert(3)">y</b>}, year = 2024}
"#;
    let html = render_publications(&demo_config(), Some(bib));
    let e = entry_part(&html, "html");
    assert!(
        e.contains("M3imic: Whole-Body <em>Control</em></div>"),
        "{e}"
    );
    assert!(!e.contains("lnk_x") && !e.contains("&lt;"), "{e}");
    assert!(e.contains("<em><b>Zuo<sup>#</sup></b></em>"), "{e}");
    // A link left open runs to the value's end, its other attributes dropped.
    assert!(
        e.contains(r#"University of Washington <a href="https://www.pims.math.ca/a?b=1&amp;c=2">(PIMS), Spring</a>"#),
        "{e}"
    );
    let evil = entry_part(&html, "evil");
    assert!(
        !evil.contains("<script") && !evil.contains("javascript:alert(2)\">"),
        "{evil}"
    );
    assert!(
        !evil.contains("onclick") || evil.contains("&lt;b onclick"),
        "{evil}"
    );
    assert!(evil.contains("&lt;script&gt;"), "{evil}");
}

#[test]
fn selected_papers_on_the_about_page() {
    let home = with_home_front_matter(|fm| {
        fm.replace("selected_papers = false", "selected_papers = true")
    });
    let html = render_home(&demo_config(), &home);
    let start = html.find("selected publications").expect("heading");
    let part = &html[start..html.find(r#"<div class="social""#).unwrap()];
    assert!(html.contains(r#"<a href="https://example.com/publications/" style="color: inherit">selected publications</a>"#));
    // Only selected = {true}, no year headings.
    assert_eq!(
        part.matches("<li>").count() + part.matches("<li data-search=").count(),
        3,
        "{part}"
    );
    assert!(!part.contains("h2 class=\"bibliography\""));
    for key in ["liu2024lowbit", "okonkwo2024context", "liu2023sampling"] {
        assert!(part.contains(&format!(r#"id="{key}""#)), "{key}");
    }
    // selected_papers = false (the demo's): nothing.
    assert!(!render_home(&demo_config(), &demo_home()).contains("selected publications"));
}

// ---------------------------------------------------------------------------
// Blog
// ---------------------------------------------------------------------------

/// The context Zola gives blog.html for pager `n` (1-based) of the blog section.
fn blog_context(site: &Site, n: usize) -> Context {
    let blog = &site.sections["blog/_index.md"];
    let by = blog["paginate_by"].as_u64().expect("paginate_by") as usize;
    let pages = blog["pages"].as_array().unwrap();
    let count = pages.len().div_ceil(by).max(1);
    let permalink = blog["permalink"].as_str().unwrap().to_string();
    let pager = |i: usize| {
        if i == 1 {
            permalink.clone()
        } else {
            format!("{permalink}page/{i}/")
        }
    };
    let paginator = json!({
        "paginate_by": by,
        "first": pager(1),
        "last": pager(count),
        "previous": if n > 1 { json!(pager(n - 1)) } else { Value::Null },
        "next": if n < count { json!(pager(n + 1)) } else { Value::Null },
        "number_pagers": count,
        "base_url": format!("{permalink}page/"),
        "pages": pages.iter().skip((n - 1) * by).take(by).cloned().collect::<Vec<_>>(),
        "current_index": n,
        "total_pages": pages.len(),
    });
    let mut section = blog.clone();
    section["pages"] = json!([]);
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("current_url", &pager(n));
    ctx.insert("current_path", "/blog/");
    ctx.insert("section", &section);
    ctx.insert("paginator", &paginator);
    ctx.insert("lang", "en");
    ctx
}

fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("<main>");
    let end = html.find("</main>").expect("</main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn blog_listing_with_pagination() {
    let site = site(&demo_config(), &demo_home());
    let tera = load_theme(&site);
    let first = tera.render("blog.html", &blog_context(&site, 1)).unwrap();
    let main = main_of(&first);
    // al-folio's header bar and featured tags / categories.
    assert!(main.contains("<div class=\"header-bar\">\n    <h1>blog</h1>\n    <h2>notes on efficient machine learning systems</h2>"));
    assert!(main.contains(r#"<a href="https://example.com/tags/llm/">llm</a>"#));
    assert!(main.contains(r#"<a href="https://example.com/categories/notes/">notes</a>"#));
    // paginate_by = 3: three posts, newest first; numbered pages.
    assert_eq!(main.matches("<a class=\"post-title\"").count(), 3);
    let list = &main[main.find("<ul class=\"post-list\">").unwrap()..];
    assert!(list.find("Hello, folio").unwrap() < list.find("Measuring KV cache").unwrap());
    // The featured post (extra.featured = true), pinned above the list as a card, on page 1 only.
    let featured = &main[main.find("<section class=\"featured-posts\"").unwrap()
        ..main.find("<ul class=\"post-list\">").unwrap()];
    assert_eq!(
        featured
            .matches("class=\"card hoverable featured-card\"")
            .count(),
        1
    );
    assert!(featured.contains(
        r#"<a class="card-link" href="https://example.com/blog/2024/kv-cache-memory/">"#
    ));
    assert!(featured.contains("fa-thumbtack"));
    assert!(main.contains(
        r#"<li class="page-item active">
        <a class="page-link" href="https://example.com/blog/" aria-current="page">1</a>"#
    ));
    assert!(main.contains(r#"<a class="page-link" href="https://example.com/blog/page/2/">2</a>"#));
    assert!(main.contains(
        r#"<li class="page-item disabled">
        <span class="page-link">Newer</span>"#
    ));
    // A post that lives elsewhere links there, with the external mark.
    assert!(main.contains(r#"<a class="post-title" href="https://example.org/blog/fine-tuning-memory/">Where the memory goes when fine-tuning</a> <i class="fa-solid fa-arrow-up-right-from-square fa-xs external-mark" aria-hidden="true"></i>"#));
    // The year links its archive (a transparent year section).
    assert!(main.contains(r#"<a href="https://example.com/blog/2024/"><i class="fa-solid fa-calendar fa-sm"></i> 2024</a>"#));
    insta::assert_snapshot!("blog_page_1", main);
    let second = tera.render("blog.html", &blog_context(&site, 2)).unwrap();
    let main = main_of(&second);
    assert!(main.contains("Reading list: efficient training"));
    assert!(main.contains(r#"<img src="/assets/img/publication_preview/sampling.svg" class="card-img" alt="" loading="lazy">"#));
    assert!(
        main.contains(
            r#"<a class="page-link" href="https://example.com/blog/" rel="prev">Newer</a>"#
        )
    );
    insta::assert_snapshot!("blog_page_2", main);
}

/// The demo site with `n` blog posts made from the demo's first one (titles "Post 0", …,
/// permalinks /blog/post-i/), dated by `date(i)` (None: undated), in the order given.
fn site_with_posts(n: usize, date: impl Fn(usize) -> Option<String>) -> Site {
    let mut s = site(&demo_config(), &demo_home());
    let blog = s.sections.get_mut("blog/_index.md").unwrap();
    let model = blog["pages"][0].clone();
    let pages: Vec<Value> = (0..n)
        .map(|i| {
            let mut p = model.clone();
            p["title"] = json!(format!("Post {i}"));
            p["permalink"] = json!(format!("https://example.com/blog/post-{i}/"));
            p["path"] = json!(format!("/blog/post-{i}/"));
            p["extra"] = json!({});
            p["date"] = date(i).map_or(Value::Null, Value::String);
            p
        })
        .collect();
    blog["pages"] = json!(pages);
    s
}

/// The page numbers of a blog pager's navigation.
fn pager_numbers(html: &str) -> Vec<usize> {
    let nav = &html[html
        .find("<nav aria-label=\"Blog pages\">")
        .expect("pagination")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    regex::Regex::new(r#"<a class="page-link" href="[^"]*"(?: aria-current="page")?>(\d+)</a>"#)
        .unwrap()
        .captures_iter(nav)
        .map(|c| c[1].parse().unwrap())
        .collect()
}

#[test]
fn blog_pagination_is_al_folios_page_trail() {
    // 40 posts, 3 a page: 14 pagers. Each lists al-folio's trail (jekyll-paginate-v2, before 1,
    // after 3: five numbers, padded at the ends), never all 14: with every number on every
    // pager, N posts made N² links (52 MB of HTML for 3,000 posts at 5 a page).
    let mut s = site_with_posts(40, |i| Some(format!("2020-01-{:02}", 28 - i % 28)));
    let tera = load_theme(&s);
    let numbers =
        |s: &Site, n: usize| pager_numbers(&tera.render("blog.html", &blog_context(s, n)).unwrap());
    assert_eq!(numbers(&s, 1), [1, 2, 3, 4, 5]);
    assert_eq!(numbers(&s, 2), [1, 2, 3, 4, 5]);
    assert_eq!(numbers(&s, 3), [2, 3, 4, 5, 6]);
    assert_eq!(numbers(&s, 7), [6, 7, 8, 9, 10]);
    assert_eq!(numbers(&s, 12), [10, 11, 12, 13, 14]);
    assert_eq!(numbers(&s, 13), [10, 11, 12, 13, 14]);
    assert_eq!(numbers(&s, 14), [10, 11, 12, 13, 14]);
    let html = tera.render("blog.html", &blog_context(&s, 7)).unwrap();
    assert!(html.contains(
        r#"<a class="page-link" href="https://example.com/blog/page/7/" aria-current="page">7</a>"#
    ));
    assert!(html.contains(
        r#"<a class="page-link" href="https://example.com/blog/page/6/" rel="prev">Newer</a>"#
    ));
    assert!(html.contains(
        r#"<a class="page-link" href="https://example.com/blog/page/8/" rel="next">Older</a>"#
    ));
    // The section can set its own trail.
    s.sections.get_mut("blog/_index.md").unwrap()["extra"]["pagination_trail"] =
        json!({"before": 2, "after": 2});
    assert_eq!(numbers(&s, 7), [5, 6, 7, 8, 9]);
    assert_eq!(numbers(&s, 1), [1, 2, 3, 4, 5]);
    assert_eq!(numbers(&s, 14), [10, 11, 12, 13, 14]);
    // Fewer pagers than the trail: all of them (the demo: 3).
    let demo = site(&demo_config(), &demo_home());
    assert_eq!(numbers(&demo, 2), [1, 2, 3]);
}

#[test]
fn latest_posts_of_a_large_blog_are_the_newest() {
    // The about page hands news_table only the posts whose date is among the `limit` newest
    // (a big section's pages are copied each time they go through a macro or a filter): the
    // result must be what sorting every post gives — dated posts, newest first, posts of the
    // same date in reverse section order (Tera's stable sort, reversed) — out of any order,
    // with undated posts and ties at the cut.
    let date = |i: usize| match i % 10 {
        0 => None,
        _ => Some(format!("20{:02}-06-01", 10 + (i * 7) % 13)),
    };
    let n = 60;
    let s = site_with_posts(n, date);
    // The reference: sort(attribute="date") | reverse over every dated post.
    let mut dated: Vec<(String, usize)> = (0..n).filter_map(|i| date(i).map(|d| (d, i))).collect();
    dated.sort_by(|a, b| a.0.cmp(&b.0));
    dated.reverse();
    let expected = |limit: usize| -> Vec<String> {
        dated
            .iter()
            .take(limit)
            .map(|(_, i)| format!("Post {i}"))
            .collect()
    };
    // Ties at the cut are part of the case.
    assert_eq!(
        dated[3].0, dated[4].0,
        "the fifth newest post has the fourth's date"
    );
    let titles = |html: &str| -> Vec<String> {
        let start = html.find("latest posts").unwrap();
        let block = &html[start..start + html[start..].find("</table>").unwrap()];
        regex::Regex::new(r#"class="news-title" href="[^"]*">([^<]*)</a>"#)
            .unwrap()
            .captures_iter(block)
            .map(|c| c[1].to_string())
            .collect()
    };
    for limit in [1, 3, 4, 5] {
        let home = with_home_front_matter(|fm| {
            fm.replace(
                "latest_posts = false",
                &format!("latest_posts = {{ enabled = true, scrollable = true, limit = {limit} }}"),
            )
        });
        let mut s2 = site(&demo_config(), &home);
        s2.sections.insert(
            "blog/_index.md".into(),
            s.sections["blog/_index.md"].clone(),
        );
        let tera = load_theme(&s2);
        let html = tera
            .render("index.html", &section_context(&s2, "_index.md"))
            .unwrap();
        assert_eq!(titles(&html), expected(limit), "limit = {limit}");
        // scrollable counts every dated post, not the candidates.
        assert!(html.contains(r#"<div class="table-responsive" style="max-height: 60vw">"#));
    }
    // limit = 0: every dated post.
    let home = with_home_front_matter(|fm| {
        fm.replace(
            "latest_posts = false",
            "latest_posts = { enabled = true, limit = 0 }",
        )
    });
    let mut s2 = site(&demo_config(), &home);
    s2.sections.insert(
        "blog/_index.md".into(),
        s.sections["blog/_index.md"].clone(),
    );
    let tera = load_theme(&s2);
    let html = tera
        .render("index.html", &section_context(&s2, "_index.md"))
        .unwrap();
    assert_eq!(titles(&html), expected(dated.len()));
}

#[test]
fn blog_year_archive_tag_page_and_post() {
    let site = site(&demo_config(), &demo_home());
    let tera = load_theme(&site);
    let year = tera
        .render(
            "blog_year.html",
            &section_context(&site, "blog/2023/_index.md"),
        )
        .unwrap();
    let main = main_of(&year);
    assert!(main.contains("<h1>2023</h1>"));
    assert_eq!(main.matches("<a class=\"post-title\"").count(), 2);
    assert!(main.contains(r#"<a href="https://example.com/blog/">&larr; all posts</a>"#));
    // A tag's archive.
    let blog = &site.sections["blog/_index.md"];
    let tagged: Vec<Value> = blog["pages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["taxonomies"]["tags"]
                .as_array()
                .is_some_and(|t| t.contains(&json!("llm")))
        })
        .cloned()
        .collect();
    let term = json!({"name": "llm", "slug": "llm", "path": "/tags/llm/", "permalink": "https://example.com/tags/llm/", "pages": tagged, "page_count": 3});
    let taxonomy = json!({"name": "tags", "slug": "tags", "paginate_by": null, "paginate_path": null, "render": true, "feed": false});
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("lang", "en");
    ctx.insert("taxonomy", &taxonomy);
    ctx.insert("term", &term);
    ctx.insert("current_url", "https://example.com/tags/llm/");
    ctx.insert("current_path", "/tags/llm/");
    let tag = tera.render("taxonomy_single.html", &ctx).unwrap();
    let main = main_of(&tag);
    assert!(main.contains("<h1>llm</h1>\n    <h2>an archive of posts with this tag</h2>"));
    assert_eq!(main.matches("<a class=\"post-title\"").count(), 3);
    insta::assert_snapshot!("tag_page", main);
    // A post: date, reading time, year link, tags, categories; previous = newer, next = older.
    let i = blog["pages"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["relative_path"] == "blog/2024/kv-cache-memory.md")
        .unwrap();
    let post = tera
        .render("post.html", &page_context(&site, "blog/_index.md", i))
        .unwrap();
    let main = main_of(&post);
    assert!(main.contains("Created on <time datetime=\"2024-03-14\">March 14, 2024</time>"));
    assert!(main.contains(" min read"));
    assert!(main.contains(r#"<a href="https://example.com/blog/2024/"><i class="fa-solid fa-calendar fa-sm"></i> 2024</a>"#));
    assert!(main.contains(r#"<a class="post-pagination-newer" href="https://example.com/blog/2024/hello-folio/" rel="prev">&larr; Hello, folio</a>"#));
    assert!(main.contains(r#"<a class="post-pagination-older" href="https://example.com/blog/2023/fine-tuning-memory/" rel="next">Where the memory goes when fine-tuning &rarr;</a>"#));
    insta::assert_snapshot!(
        "post_page",
        main.replace(
            blog["pages"][i]["content"].as_str().unwrap(),
            "[page.content]"
        )
    );
    // The redirected post's own page says where it lives.
    let j = blog["pages"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p["relative_path"] == "blog/2023/fine-tuning-memory.md")
        .unwrap();
    let away = tera
        .render("post.html", &page_context(&site, "blog/_index.md", j))
        .unwrap();
    assert!(away.contains(r#"<p class="redirect-note">This post lives at <a href="https://example.org/blog/fine-tuning-memory/">"#));
    assert!(
        !away.contains("http-equiv"),
        "no automatic redirect to another site"
    );
}

#[test]
fn latest_posts_mark_only_other_sites() {
    let home =
        with_home_front_matter(|fm| fm.replace("latest_posts = false", "latest_posts = true"));
    let html = render_home(&demo_config(), &home);
    let start = html.find("latest posts").unwrap();
    let block = &html[start..start + html[start..].find("</table>").unwrap()];
    // limit = 3 (theme default), newest first.
    assert_eq!(block.matches("<tr>").count(), 3);
    assert!(block.contains(r#"<a class="news-title" href="https://example.org/blog/fine-tuning-memory/">Where the memory goes when fine-tuning</a> <i class="fa-solid fa-arrow-up-right-from-square fa-xs external-mark" aria-hidden="true"></i>"#));
    assert_eq!(block.matches("external-mark").count(), 1);
    // A redirect inside the site gets no mark.
    let mut s = site(&demo_config(), &home);
    s.sections.get_mut("blog/_index.md").unwrap()["pages"][0]["extra"] =
        json!({"redirect": "https://example.com/publications/"});
    let tera = load_theme(&s);
    let html = tera
        .render("index.html", &section_context(&s, "_index.md"))
        .unwrap();
    let start = html.find("latest posts").unwrap();
    let block = &html[start..start + html[start..].find("</table>").unwrap()];
    assert!(block.contains(
        r#"<a class="news-title" href="https://example.com/publications/">Hello, folio</a>"#
    ));
    assert_eq!(block.matches("external-mark").count(), 1);
    // No posts: al-folio's message.
    s.sections.get_mut("blog/_index.md").unwrap()["pages"] = json!([]);
    let tera = load_theme(&s);
    let html = tera
        .render("index.html", &section_context(&s, "_index.md"))
        .unwrap();
    assert!(html.contains("<p>No posts so far...</p>"));
}

// ---------------------------------------------------------------------------
// Projects
// ---------------------------------------------------------------------------

#[test]
fn projects_grid() {
    let site = site(&demo_config(), &demo_home());
    let tera = load_theme(&site);
    let html = tera
        .render(
            "projects.html",
            &section_context(&site, "projects/_index.md"),
        )
        .unwrap();
    let main = main_of(&html);
    // display_categories, in that order, each a row of cards by importance.
    let research = main.find(r#"<h2 class="category">research</h2>"#).unwrap();
    let fun = main.find(r#"<h2 class="category">fun</h2>"#).unwrap();
    assert!(research < fun);
    let order = ["LowBit-KV", "Column-row sampling", "Activation compression"];
    let pos: Vec<usize> = order
        .iter()
        .map(|t| main.find(&format!(">{t}</h3>")).unwrap())
        .collect();
    assert!(
        pos.windows(2).all(|w| w[0] < w[1]) && pos[2] < fun,
        "importance order"
    );
    assert!(main.contains(r#"<div class="row row-cols-1 row-cols-md-3">"#));
    // A card links to its page, or to extra.redirect.
    assert!(
        main.contains(r#"<a class="card-link" href="https://example.com/projects/lowbit-kv/">"#)
    );
    assert!(main.contains(r#"<a class="card-link" href="https://example.org/kv-calculator/">"#));
    assert!(main.contains(r#"<img src="/assets/img/projects/lowbit-kv.svg" class="card-img-top" alt="" loading="lazy">"#));
    assert!(main.contains(r#"<a class="github-icon" href="https://github.com/example/lowbit-kv""#));
    insta::assert_snapshot!("projects_grid", main);

    // No categories, horizontal cards: one grid, two columns, h2 titles, importance first.
    let mut s = site.clone();
    s.sections.get_mut("projects/_index.md").unwrap()["extra"] = json!({"horizontal": true});
    let tera = load_theme(&s);
    let html = tera
        .render("projects.html", &section_context(&s, "projects/_index.md"))
        .unwrap();
    let main = main_of(&html);
    assert!(!main.contains("category"));
    assert!(main.contains(r#"<div class="row row-cols-1 row-cols-md-2">"#));
    assert!(main.contains(r#"<div class="card h-100 hoverable card-horizontal">"#));
    assert_eq!(main.matches(r#"<h2 class="card-title">"#).count(), 5);
}

// ---------------------------------------------------------------------------
// CV
// ---------------------------------------------------------------------------

const JSON_RESUME: &str = r#"{
  "basics": {
    "name": "Zirui Liu",
    "label": "Assistant Professor",
    "email": "zl@example.com",
    "url": "https://example.com/",
    "summary": "Efficient machine learning systems.",
    "location": { "city": "Minneapolis", "region": "MN", "countryCode": "US" },
    "profiles": [{ "network": "GitHub", "username": "example", "url": "https://github.com/example" }]
  },
  "work": [{ "name": "University of Minnesota", "position": "Assistant Professor", "startDate": "2024-08-01", "highlights": ["Teaching"] }],
  "education": [{ "institution": "Rice University", "area": "Computer Science", "studyType": "PhD", "startDate": "2019-08", "endDate": "2024-05", "courses": ["Systems"] }],
  "awards": [{ "title": "Fellowship", "date": "2021-09-01", "awarder": "Rice University" }],
  "skills": [{ "name": "Programming", "level": "Expert", "keywords": ["Python", "Rust"] }],
  "languages": [{ "language": "English", "fluency": "Fluent" }],
  "interests": [],
  "references": [{ "name": "A Colleague", "reference": "Careful and kind." }],
  "projects": [{ "name": "LowBit-KV", "startDate": "2023-01", "endDate": "2024-02", "description": "2-bit KV cache.", "url": "javascript:alert(1)" }]
}"#;

fn render_cv(site: &Site) -> String {
    let tera = load_theme(site);
    let html = tera
        .render("cv.html", &root_page_context(site, "cv/index.md"))
        .unwrap_or_else(|e| panic!("cv.html renders: {}", error_chain(&e)));
    main_of(&html).to_string()
}

#[test]
fn cv_from_rendercv_yaml() {
    let site = site(&demo_config(), &demo_home());
    let main = render_cv(&site);
    // The PDF download in the title, from the pdf folder.
    assert!(main.contains(r#"<a href="https://example.com/assets/pdf/cv.pdf" class="float-right cv-pdf" title="Download the CV (PDF)" aria-label="Download the CV (PDF)">"#));
    // Sections in the file's order, each a card; entry kinds from their keys.
    let order = [
        ">Summary</h2>",
        ">Experience</h2>",
        ">Education</h2>",
        ">Publications</h2>",
        ">Awards</h2>",
        ">Skills</h2>",
        ">Service</h2>",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|t| main.find(t).unwrap_or_else(|| panic!("{t}")))
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]));
    assert!(main.contains(r#"<span class="badge font-weight-bold text-uppercase align-middle">Aug 2024 – present</span>"#));
    assert!(main.contains(r#"<h3 class="title font-weight-bold">Rice University</h3>"#));
    assert!(main.contains(r#"<p class="cv-subtitle">PhD in Computer Science</p>"#));
    assert!(main.contains(r#"<span class="cv-label">Programming:</span> Python, C++, CUDA, Rust"#));
    assert!(main.contains(
        r#"<a href="https://scholar.google.com/citations?user=0i1w_egAAAAJ">0i1w_egAAAAJ</a>"#
    ));
    // The e-mail address is entity-encoded, never in plain text.
    assert!(!main.contains("ziruiliu.recruit@gmail.com"));
    insta::assert_snapshot!("cv_rendercv", main);
}

#[test]
fn cv_from_json_resume() {
    let mut s = site(&demo_config(), &demo_home());
    s.files.insert("resume.json".into(), JSON_RESUME.into());
    let pages = s.sections.get_mut("_index.md").unwrap()["pages"]
        .as_array_mut()
        .unwrap();
    let cv = pages
        .iter_mut()
        .find(|p| p["relative_path"] == "cv/index.md")
        .unwrap();
    cv["extra"] = json!({"data": "resume.json", "cv_pdf": "https://example.org/cv.pdf"});
    let main = render_cv(&s);
    assert!(main.contains(r#"<a href="https://example.org/cv.pdf" class="float-right cv-pdf""#));
    assert!(main.contains(r#"<h2 class="card-title font-weight-medium">Zirui Liu</h2>"#));
    assert!(main.contains("Minneapolis, MN, US"));
    let order = [
        ">Work</h2>",
        ">Education</h2>",
        ">Awards</h2>",
        ">Skills</h2>",
        ">Languages</h2>",
        ">References</h2>",
        ">Projects</h2>",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|t| main.find(t).unwrap_or_else(|| panic!("{t}")))
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]));
    assert!(
        !main.contains(">Interests</h2>"),
        "empty sections are left out"
    );
    assert!(main.contains(">Aug 2024 – present</span>"));
    assert!(main.contains(">Aug 2019 – May 2024</span>"));
    assert!(main.contains(r#"<span class="cv-label">Programming (Expert):</span> Python, Rust"#));
    assert!(!main.to_lowercase().contains("javascript:"));
    insta::assert_snapshot!("cv_json_resume", main);
}

/// al-folio's first CV format (2020–2023): `_data/cv.yml` as a list of typed sections.
const AL_FOLIO_CV: &str = r#"- title: General Information
  type: map
  contents:
    - name: Full Name
      value: Ann <b>Lee</b>
    - name: Languages
      value: English, German
- title: Education
  type: time_table
  contents:
    - title: PhD
      institution: University of Zurich
      year: 2012 - 2017
      description:
        - Thesis on <em>light</em>.
        - title: Teaching
          contents:
            - Physics I
            - Physics II
    - year: 2011
      items:
        - Prize <script>alert(1)</script>
- title: Academic Interests
  type: nested_list
  contents:
    - title: Optics.
      items:
        - Lenses.
- title: Other Interests
  type: list
  contents:
    - <u>Hobbies:</u> chess
"#;

#[test]
fn cv_from_al_folios_first_format() {
    let mut s = site(&demo_config(), &demo_home());
    s.files.insert("cv_old.yml".into(), AL_FOLIO_CV.into());
    let pages = s.sections.get_mut("_index.md").unwrap()["pages"]
        .as_array_mut()
        .unwrap();
    let cv = pages
        .iter_mut()
        .find(|p| p["relative_path"] == "cv/index.md")
        .unwrap();
    cv["extra"] = json!({"data": "cv_old.yml", "toc": true});
    let main = render_cv(&s);
    let order = [
        r#"<h2 class="card-title font-weight-medium">General Information</h2>"#,
        r#"<tr><th scope="row">Full Name</th><td>Ann <b>Lee</b></td></tr>"#,
        r#"<span class="badge font-weight-bold text-uppercase align-middle">2012 - 2017</span>"#,
        r#"<h3 class="title font-weight-bold">PhD</h3>"#,
        r#"<p class="cv-subtitle">University of Zurich</p>"#,
        "<li>Thesis on <em>light</em>.</li>",
        "<li>Teaching",
        "<li>Physics II</li>",
        ">2011</span>",
        ">Academic Interests</h2>",
        r#"<h3 class="title font-weight-bold">Optics.</h3>"#,
        "<li>Lenses.</li>",
        r#"<li class="list-group-item"><u>Hobbies:</u> chess</li>"#,
    ];
    let mut at = 0;
    for t in order {
        let found = main[at..]
            .find(t)
            .unwrap_or_else(|| panic!("{t} after {at}:\n{main}"));
        at += found + t.len();
    }
    assert!(!main.contains("<script>alert"), "{main}");
    assert!(!main.contains("neither RenderCV"), "{main}");
    // The table of contents lists the sections.
    assert!(
        main.contains(r##"href="#cv-academic-interests""##),
        "{main}"
    );
    insta::assert_snapshot!("cv_al_folio_first_format", main);
}

#[test]
fn navbar_social_puts_the_icons_in_the_about_pages_navbar() {
    let off = render_home(&demo_config(), &demo_home());
    assert!(!off.contains(r#"<div class="navbar-brand social">"#));
    let config = demo_config().replacen("[extra]\n", "[extra]\nnavbar_social = true\n", 1);
    assert_ne!(config, demo_config());
    let home = render_home(&config, &demo_home());
    let nav = &home[home.find(r#"<nav id="navbar""#).unwrap()..home.find("</nav>").unwrap()];
    let brand = &nav[nav
        .find(r#"<div class="navbar-brand social">"#)
        .expect("icons in the navbar")..];
    let brand = &brand[..brand.find("</div>").unwrap()];
    assert!(
        brand.contains("mailto:") && brand.contains("scholar.google.com"),
        "{brand}"
    );
    // Other pages keep the site's name there.
    let site = site(&config, &demo_home());
    let post = load_theme(&site)
        .render("post.html", &page_context(&site, "blog/_index.md", 0))
        .unwrap();
    assert!(!post.contains("navbar-brand social") && post.contains("navbar-brand title"));
}

#[test]
fn code_copy_script_is_on_by_default_and_can_be_off() {
    let html = render_home(&demo_config(), &demo_home());
    let script = r#"b.className="copy""#;
    assert_eq!(html.matches(script).count(), 1);
    // After the page's content, so every block is there when it runs.
    assert!(html.find(script).unwrap() > html.find("</main>").unwrap());
    let off = demo_config().replace("[extra]\n", "[extra]\ncode_copy = false\n");
    assert_ne!(off, demo_config());
    assert!(!render_home(&off, &demo_home()).contains(script));
}

/// The navbar's search button and the search dialog, and the publications filter (bib_search),
/// with their switches.
#[test]
fn search_button_dialog_and_publications_filter() {
    let html = render_publications(&demo_config(), None);
    assert!(html.contains(r#"<main class="container mt-5" id="main" data-pagefind-body>"#));
    assert!(html.contains(r#"<li class="nav-item search-item">"#));
    assert!(html.contains(r#"<button id="search-toggle" class="search-toggle nav-link" type="button" aria-haspopup="dialog" aria-controls="search-dialog""#));
    assert!(html.contains(r#"<span class="search-hint" aria-hidden="true">ctrl k</span>"#));
    assert!(html.contains(
        r#"data-bundle="https://example.com/pagefind/" data-script="https://example.com/folio-search.js">"#
    ));
    assert!(html.contains(r#"<dialog id="search-dialog" class="search-dialog" aria-labelledby="search-dialog-title" data-pagefind-ignore="all""#));
    // Nothing of Pagefind is named outside the dialog's data attributes: loaded on opening only.
    assert!(!html.contains("pagefind.js"));
    assert!(html.contains(r#"<div class="bibsearch" hidden>"#));
    assert!(html.contains(r#"<label for="bibsearch" class="sr-only">Filter publications</label>"#));
    assert!(html.contains(r#"<h2 class="bibliography" data-pagefind-filter="year">2024</h2>"#));
    assert!(html.contains(
        r#"data-pagefind-title="LowBit-KV: Tuning-Free 2-bit Quantization of the KV Cache""#
    ));

    // Both off.
    let off = demo_config().replacen("[extra]\n", "[extra]\nbib_search = false\n", 1)
        + "\n[extra.folio.search]\nenabled = false\n";
    let html = render_publications(&off, None);
    assert!(!html.contains("search-toggle"));
    assert!(!html.contains("search-dialog"));
    assert!(!html.contains("data-pagefind-body"));
    assert!(!html.contains("bibsearch"));
    // The list is still whole.
    assert_eq!(html.matches(r#"<div class="row">"#).count(), 10);
}

#[test]
fn dropdown_menu_escapes_its_names_and_drops_unsafe_links() {
    let config = format!(
        "{}\n[[extra.nav]]\nname = \"<b>menu</b>\"\nchildren = [{{ name = \"<i>a</i>\", url = \"javascript:alert(1)\" }}, {{ divider = true }}, {{ name = \"ok & fine\", url = \"/ok/\" }}]\n",
        demo_config()
    );
    let html = render_home(&config, &demo_home());
    let nav = &html[html.find("<nav id=\"navbar\"").unwrap()..html.find("</nav>").unwrap()];
    assert!(
        !nav.contains("<b>menu</b>") && nav.contains("&lt;b&gt;menu&lt;"),
        "{nav}"
    );
    assert!(
        !nav.contains("javascript:") && !nav.contains("<i>a</i>"),
        "{nav}"
    );
    assert!(nav.contains(r#"<li role="none"><a class="dropdown-item" role="menuitem" href="https://example.com/ok/">ok &amp; fine</a></li>"#), "{nav}");
    // The demo's own dropdown is entry 6, this one 7: distinct ids.
    assert!(nav.contains(r#"aria-controls="nav-menu-7""#) && nav.contains(r#"id="nav-menu-7""#));
    // One dropdown script on the page, only because there are dropdowns.
    assert_eq!(html.matches("#navbar .dropdown").count(), 1);
    let plain = demo_config().replace(
        "name = \"more\"\nchildren",
        "name = \"more\"\nurl = \"/more/\"\nchildren_off",
    );
    assert!(!render_home(&plain, &demo_home()).contains("#navbar .dropdown"));
}

/// Older al-folio's `_data/coauthors.yml` (`Name: {url: …}`, imported as one table per last
/// name): the co-author is linked on the last name alone; a bare URL string breaks nothing.
#[test]
fn coauthors_in_the_older_map_form_are_linked_by_last_name() {
    let bib = r#"
@article{a, title = {A}, author = {Liu, Zirui and Okonkwo, Mara and Rosen, Nathan and Adams, Ed}, journal = {J}, year = 2024}
"#;
    let start = demo_config().find("[extra.coauthors]").unwrap();
    let mut config = demo_config();
    let end = config[start..]
        .find("\n[")
        .map_or(config.len(), |e| start + e + 1);
    config.replace_range(
        start..end,
        "[extra.coauthors]\nrosen = { url = \"https://example.org/rosen\" }\nadams = \"https://example.org/adams\"\n",
    );
    let html = render_publications(&config, Some(bib));
    let a = entry_part(&html, "a");
    assert!(
        a.contains(r#"<a href="https://example.org/rosen">Nathan Rosen</a>"#),
        "{a}"
    );
    assert!(
        a.contains("Ed Adams") && !a.contains("example.org/adams"),
        "{a}"
    );
}

/// The `bibliography` shortcode rendered as Zola would (its arguments are the context), over
/// the demo's papers.bib: the ids of the entries it lists, in order, and the HTML.
fn bibliography_shortcode(args: &[(&str, Value)]) -> (Vec<String>, String) {
    let site = site(&demo_config(), &demo_home());
    let tera = load_theme(&site);
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("lang", "en");
    for (k, v) in args {
        ctx.insert(*k, v);
    }
    let html = tera
        .render("shortcodes/bibliography.html", &ctx)
        .unwrap_or_else(|e| panic!("bibliography renders: {}", error_chain(&e)));
    let ids = regex::Regex::new(r#"<div id="([^"]+)" class="col-sm-8""#).unwrap();
    let ids: Vec<String> = ids.captures_iter(&html).map(|c| c[1].to_owned()).collect();
    (ids, html)
}

#[test]
fn bibliography_shortcode_lists_the_entries_asked_for() {
    let s = |v: &str| Value::String(v.to_owned());
    // No argument: the site's bibliography, one list, every entry in the file's order.
    let (all, html) = bibliography_shortcode(&[]);
    assert_eq!(all.len(), 10, "{html}");
    assert!(html.starts_with("<div class=\"publications\">"), "{html}");
    assert!(!html.contains("<h2"), "one list by default: {html}");
    // keys: only those, in the file's order (not the order asked).
    let (ids, _) = bibliography_shortcode(&[("keys", s("liu2021survey liu2024lowbit nokey"))]);
    assert_eq!(ids, ["liu2024lowbit", "liu2021survey"]);
    // years: a range, an open range, a single year (also as a number).
    let (ids, _) = bibliography_shortcode(&[("years", s("2022-2023"))]);
    assert_eq!(
        ids,
        [
            "raman2023gnnquant",
            "liu2023sampling",
            "watanabe2022placement",
            "liu2022compress"
        ]
    );
    let (ids, _) = bibliography_shortcode(&[("years", s("-2021"))]);
    assert_eq!(ids, ["liu2021survey", "bare2020"]);
    let (ids, _) = bibliography_shortcode(&[("years", Value::from(2021))]);
    assert_eq!(ids, ["liu2021survey"]);
    // query: KEY=VALUE pairs (all must hold); KEY=* for entries that have the field.
    let (ids, _) = bibliography_shortcode(&[("query", s("selected=true"))]);
    assert_eq!(
        ids,
        ["liu2024lowbit", "okonkwo2024context", "liu2023sampling"]
    );
    let (ids, _) = bibliography_shortcode(&[("query", s("selected=*; year=2023"))]);
    assert_eq!(ids, ["liu2023sampling"]);
    // key=X: jekyll-scholar's @*[key=X], the entry with that citation key.
    let (ids, _) = bibliography_shortcode(&[("query", s("key=liu2021survey"))]);
    assert_eq!(ids, ["liu2021survey"]);
    // max, and year headings on request.
    let (ids, html) = bibliography_shortcode(&[("max", Value::from(2)), ("group_by", s("year"))]);
    assert_eq!(ids, ["liu2024lowbit", "okonkwo2024context"]);
    assert!(
        html.contains("<h2 class=\"bibliography\" data-pagefind-filter=\"year\">2024</h2>"),
        "{html}"
    );
    // A file that is not there: a note, named and escaped, not a failed build.
    let (ids, html) = bibliography_shortcode(&[("file", s("missing<x>.bib"))]);
    assert!(ids.is_empty());
    assert!(
        html.contains("missing&lt;x&gt;.bib could not be read"),
        "{html}"
    );
}

/// The demo's repositories page rendered with `site` (its data file and config as given).
fn repositories_page(site: &Site) -> String {
    let pages = site.sections["_index.md"]["pages"].as_array().unwrap();
    let index = pages
        .iter()
        .position(|p| p["relative_path"] == "repositories.md")
        .expect("the demo has content/repositories.md");
    let tera = load_theme(site);
    tera.render("repositories.html", &page_context(site, "_index.md", index))
        .unwrap_or_else(|e| panic!("repositories.html renders: {}", error_chain(&e)))
}

#[test]
fn repositories_page_links_users_and_repositories_and_loads_nothing_from_elsewhere() {
    let mut site = site(&demo_config(), &demo_home());
    let html = repositories_page(&site);
    for href in [
        "https://github.com/example\"",
        "https://github.com/example/lowbit-kv\"",
        "https://github.com/example/kv-calculator\"",
    ] {
        assert!(
            html.contains(&format!("class=\"repo-card\" href=\"{href}")),
            "{href}: {html}"
        );
    }
    assert!(
        !html.contains("<img"),
        "no image from another site by default: {html}"
    );
    // Hostile names are escaped; an entry without an owner is not a repository card; the
    // statistics images only when the site asks for them.
    site.files.insert(
        "data/repositories.yml".into(),
        "github_users: ['a\"><script>x</script>']\ngithub_repos: [noslash, 'o/r&x']\n".into(),
    );
    site.config["extra"]["repositories"] = serde_json::json!({ "stats_cards": true });
    let html = repositories_page(&site);
    assert!(!html.contains("<script>x"), "{html}");
    assert!(
        html.contains("a&quot;&gt;&lt;script&gt;x&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("noslash"), "{html}");
    assert!(
        html.contains("<span class=\"repo-name\">r&amp;x</span>"),
        "{html}"
    );
    assert_eq!(html.matches("class=\"repo-stats\"").count(), 2, "{html}");
    assert!(
        html.contains(
            "src=\"https://github-readme-stats.vercel.app/api/pin/?username=o&amp;repo=r%26x"
        ),
        "{html}"
    );
    // No data file: a note, not a failed build.
    site.files.clear();
    let mut missing = site;
    if let Some(pages) = missing
        .sections
        .get_mut("_index.md")
        .and_then(|s| s["pages"].as_array_mut())
    {
        for p in pages
            .iter_mut()
            .filter(|p| p["relative_path"] == "repositories.md")
        {
            p["extra"]["repositories"] = Value::String("data/none.yml".into());
        }
    }
    assert!(repositories_page(&missing).contains("No repositories file: write data/none.yml"));
}

/// A limit that is not a number (`limit = "five"`) stops the render with the page's file and the
/// key, for the news and for the latest posts, instead of an error inside the template.
#[test]
fn a_non_numeric_limit_names_the_file_and_the_key() {
    let site_for = |fm_line: &str| {
        let line = fm_line.to_owned();
        let home = with_home_front_matter(move |fm| {
            fm.replace("news = false  # includes a list of news items\n", "")
                .replace(
                    "latest_posts = false  # includes a list of the newest posts\n",
                    "",
                )
                .replacen("[extra]\n", &format!("[extra]\n{line}\n"), 1)
        });
        site(&demo_config(), &home)
    };
    for (line, key) in [
        (
            r#"announcements = { enabled = true, limit = "five" }"#,
            r#"content/_index.md: [extra.announcements] limit = "five": the number of news items"#,
        ),
        (
            r#"latest_posts = { enabled = true, limit = "three" }"#,
            r#"content/_index.md: [extra.latest_posts] limit = "three": the number of posts"#,
        ),
    ] {
        let site = site_for(line);
        let tera = load_theme(&site);
        let err = tera
            .render("index.html", &section_context(&site, "_index.md"))
            .expect_err(line);
        let chain = error_chain(&err);
        assert!(chain.contains(key), "{chain}");
    }
    // A number renders.
    let site = site_for("announcements = { enabled = true, limit = 2 }");
    let tera = load_theme(&site);
    assert!(
        tera.render("index.html", &section_context(&site, "_index.md"))
            .is_ok()
    );
}
