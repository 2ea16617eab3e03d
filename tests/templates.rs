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

/// Zola's `config::merge`: theme.toml [extra] goes under the site's [extra];
/// the site's values win, tables merge recursively.
fn merge_theme_extra(into: &mut toml::Table, from: &toml::Table) {
    for (k, v) in from {
        match (into.get_mut(k), v) {
            (None, _) => {
                into.insert(k.clone(), v.clone());
            }
            (Some(toml::Value::Table(a)), toml::Value::Table(b)) => merge_theme_extra(a, b),
            (Some(a), b) if a.is_table() != b.is_table() => {
                panic!("Cannot merge config.toml with theme.toml: {k} has incompatible types")
            }
            _ => {}
        }
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
        if let Some(stripped) = rest.strip_prefix("**") {
            if let Some(end) = stripped.find("**") {
                out.push_str(&format!(
                    "<strong>{}</strong>",
                    inline_md(&stripped[..end], base_url)
                ));
                rest = &stripped[end + 2..];
                continue;
            }
        }
        if let Some(stripped) = rest.strip_prefix('`') {
            if let Some(end) = stripped.find('`') {
                out.push_str(&format!("<code>{}</code>", escape_text(&stripped[..end])));
                rest = &stripped[end + 1..];
                continue;
            }
        }
        if let Some(stripped) = rest.strip_prefix('[') {
            if let Some(close) = stripped.find("](") {
                if let Some(end) = stripped[close + 2..].find(')') {
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
            }
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
        merge_theme_extra(&mut extra, theme_extra);
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
    let path = format!("/{dir}/{slug}/");
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
        "ancestors": ["_index.md", section_rel],
        "title": fm.get("title").cloned().unwrap_or(Value::Null),
        "description": fm.get("description").cloned().unwrap_or(Value::Null),
        "updated": null,
        "date": date,
        "year": year, "month": month, "day": day,
        "taxonomies": fm.get("taxonomies").cloned().unwrap_or(json!({})),
        "authors": [],
        "extra": fm.get("extra").cloned().unwrap_or(json!({})),
        "path": path,
        "components": [dir, slug],
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
        "ancestors": if dir.is_empty() { json!([]) } else { json!(["_index.md"]) },
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
    for name in ["news", "blog"] {
        let dir = root().join("content").join(name);
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let section_rel = format!("{name}/_index.md");
        let mut pages = Vec::new();
        for f in files {
            let file = f.file_name().unwrap().to_string_lossy().to_string();
            if file == "_index.md" || !file.ends_with(".md") {
                continue;
            }
            let rel = format!("{name}/{file}");
            let p = page_value(&rel, &read(&f), &base_url, &section_rel);
            permalinks.insert(rel, p["permalink"].as_str().unwrap().to_string());
            pages.push(p);
        }
        // Zola sorts sort_by = "date" sections newest first.
        pages.sort_by(|a, b| b["date"].as_str().cmp(&a["date"].as_str()));
        let s = section_value(
            &section_rel,
            &read(dir.join("_index.md")),
            &base_url,
            pages,
            vec![],
        );
        permalinks.insert(
            section_rel.clone(),
            s["permalink"].as_str().unwrap().to_string(),
        );
        sections.insert(section_rel, s);
    }
    subsections.push("news/_index.md");
    subsections.push("blog/_index.md");
    let home = section_value("_index.md", home_text, &base_url, vec![], subsections);
    permalinks.insert(
        "_index.md".into(),
        home["permalink"].as_str().unwrap().to_string(),
    );
    sections.insert("_index.md".into(), home);
    Site {
        config_text: config_text.to_string(),
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

fn markdown_filter(base_url: String) -> impl tera::Filter {
    move |value: &Value, args: &HashMap<String, Value>| -> tera::Result<Value> {
        let s = value.as_str().ok_or("`markdown` expects a string")?;
        let inline = args
            .get("inline")
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let mut html = render_markdown(s, &base_url);
        if inline {
            html = html
                .trim_start_matches("<p>")
                .trim_end_matches("</p>\n")
                .to_string();
        }
        Ok(Value::String(html))
    }
}

/// Zola's regex_replace filter; the stub knows the one pattern the theme uses
/// (drop a URL's scheme and host) and refuses any other.
fn regex_replace_filter(value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = value.as_str().ok_or("`regex_replace` expects a string")?;
    let pattern = args
        .get("pattern")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let rep = args.get("rep").and_then(|v| v.as_str()).unwrap_or_default();
    if pattern != "^[A-Za-z][A-Za-z0-9+.-]*://[^/]*" {
        return Err(format!("regex_replace stub: unsupported pattern {pattern:?}").into());
    }
    match s.find("://") {
        Some(i)
            if s[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) =>
        {
            let after = &s[i + 3..];
            let rest = after.find('/').map_or("", |j| &after[j..]);
            Ok(Value::String(format!("{rep}{rest}")))
        }
        _ => Ok(Value::String(s.to_string())),
    }
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
        let format = args
            .get("format")
            .and_then(|v| v.as_str())
            .unwrap_or("plain");
        if path == "config.toml" && format == "plain" {
            return Ok(Value::String(s.config_text.clone()));
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
    tera.register_function("get_image_metadata", |_: &HashMap<String, Value>| {
        Ok(json!({"width": 480, "height": 600, "format": "jpg", "mime": "image/jpeg"}))
    });
    tera.register_function("resize_image", |args: &HashMap<String, Value>| {
        Ok(json!({"url": args.get("path").cloned().unwrap_or(Value::Null), "static_path": "", "width": 480, "height": 600, "orig_width": 480, "orig_height": 600}))
    });
    tera.register_function("get_taxonomy", |args: &HashMap<String, Value>| {
        Ok(json!({"kind": {"name": args.get("kind").cloned().unwrap_or(Value::Null)}, "lang": "en", "permalink": "", "items": []}))
    });
    tera.register_function("get_taxonomy_term", |args: &HashMap<String, Value>| {
        Ok(json!({"name": args.get("term").cloned().unwrap_or(Value::Null), "slug": "", "path": "", "permalink": "", "pages": [], "page_count": 0}))
    });
    tera.register_filter("markdown", markdown_filter(site.base_url.clone()));
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
    assert!(html.contains(r#"<img src="/assets/img/profile.jpeg" class="img-fluid z-depth-1 rounded" alt="Zirui Liu">"#));
    assert!(html.contains(r#"<div class="more-info"><p>Duncan Hall, 3014</p>"#));
    assert!(html.contains(r#"<h3 id="news">News</h3>"#));
    assert!(html.contains(r#"<div class="social">"#));
    assert!(html.contains(r#"<div class="contact-note">"#));
    // news = false, latest_posts = false, selected_papers = false: no such blocks.
    assert!(!html.contains(r#"<div class="news">"#));
    assert!(!html.contains("selected publications"));
    // The e-mail address is not in the HTML in plain text, but the link is a mailto: link.
    let socials = &html[html.find("contact-icons").unwrap()..];
    assert!(!socials[..socials.find("</div>").unwrap()].contains("ziruiliu.recruit@gmail.com"));
    assert!(html.contains(r#"<a href="mailto:&#122;&#105;&#114;"#));
    // The theme toggle: three states, accessible name, Tabler icons.
    assert!(html.contains(r#"<button id="light-toggle""#));
    for icon in ["ti ti-sun-moon", "ti ti-sun", "ti ti-moon-stars"] {
        assert!(
            html.contains(&format!(r#"<i class="{icon}"></i>"#)),
            "{icon}"
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
    assert!(!html.contains(r#"<div class="social">"#));
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
    // Every link has a title and an aria-label, and an al-folio icon.
    for a in block.split("<a ").skip(1) {
        assert!(
            a.contains(" title=\"") && a.contains(" aria-label=\""),
            "{a}"
        );
        assert!(
            a.contains("<i class=\"fa-") || a.contains("<i class=\"ai ai-"),
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
    assert!(block.contains(r#"<img src="/assets/img/service.svg" alt="" class="social-logo">"#));
    insta::assert_snapshot!("custom_socials", block);
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
    assert!(!html.contains(r#"<div class="news">"#));
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
