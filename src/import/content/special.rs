//! Pages the theme has templates for: the about page's `profile`, the publications page's
//! bibliography (`extra.bibliography`) and the CV page's data file.

use super::body::convert_body;
use super::{Context, CvData, Doc};
use crate::import::frontmatter::Mapper;
use crate::import::report::Report;
use crate::import::toml_out::{Val, from_node};
use crate::import::yaml::Node;

/// `{% bibliography -f talks %}` → `extra.bibliography` for the page.
pub(super) fn publications_extra(
    doc: &Doc,
    m: &mut Mapper<'_>,
    ctx: &Context<'_>,
    report: &mut Report,
) {
    let mut files: Vec<String> = Vec::new();
    let mut rest = doc.body.as_str();
    while let Some(i) = rest.find("bibliography") {
        let tail = &rest[i + "bibliography".len()..];
        let end = tail.find("%}").unwrap_or(tail.len());
        let args: Vec<&str> = tail[..end].split_whitespace().collect();
        for pair in args.windows(2) {
            if pair[0] == "-f" || pair[0] == "--file" {
                let raw = pair[1].trim_matches(|c| c == '"' || c == '\'');
                // `-f {{ site.scholar.bibliography }}`: the value from _config.yml.
                let resolved = if raw == "{{" {
                    args.iter()
                        .skip_while(|a| **a != "{{")
                        .nth(1)
                        .and_then(|expr| lookup(ctx.site.config, expr.trim_start_matches("site.")))
                } else {
                    None
                };
                let f = resolved.as_deref().unwrap_or(raw);
                let f = f.strip_suffix(".bib").unwrap_or(f).to_owned();
                if !files.contains(&f) {
                    files.push(f);
                }
            }
        }
        rest = &tail[end.min(tail.len())..];
    }
    if let Some(first) = files.first() {
        match ctx.bibs.get(first) {
            Some(path) => m.extra.set("bibliography", Val::Str(path.clone())),
            None => report.attention(
                &doc.src,
                None,
                format!("the bibliography `{first}` is not in _bibliography/"),
            ),
        }
        if files.len() > 1 {
            report.attention(
                &doc.src,
                None,
                format!(
                    "the page lists several bibliographies ({}): the template shows one, `{first}`",
                    files.join(", ")
                ),
            );
        }
    }
    // A query on the year is al-folio's year grouping, which the template does.
    let queries = doc.body.matches("@*[").count() + doc.body.matches("--query").count();
    let year_queries = doc.body.matches("@*[year=").count();
    if queries > year_queries {
        report.attention(
            &doc.src,
            None,
            "jekyll-scholar queries are not converted: set extra.query = { FIELD = \"VALUE\" } to filter".to_owned(),
        );
    }
}

/// The CV page: `cv_pdf` stays (the theme reads it, a file of assets/pdf/ as in al-folio), the
/// data file is `[extra] data`: RenderCV YAML or al-folio's first format, a list of sections
/// (`_data/cv.yml` → data/cv.yml), or JSON Resume (`cv_format: jsonresume`,
/// assets/json/resume.json).
pub(super) fn cv_extra(doc: &Doc, m: &mut Mapper<'_>, ctx: &Context<'_>, report: &mut Report) {
    m.extra("cv_pdf");
    let format = m.take("cv_format").and_then(Node::text).unwrap_or_default();
    let json = "assets/json/resume.json";
    let data = match (&ctx.cv, format.as_str()) {
        (_, "jsonresume") if ctx.static_files.contains(json) => Some(json.to_owned()),
        (CvData::RenderCv(path), _) => Some(path.clone()),
        (CvData::OldList(path), _) => {
            report.note(
                &doc.src,
                None,
                format!("_data/cv.yml is in al-folio's first CV format (a list of sections): copied to {path}, which the theme's CV draws as al-folio did"),
            );
            Some(path.clone())
        }
        (CvData::None, _) if ctx.static_files.contains(json) => Some(json.to_owned()),
        (CvData::None, _) => None,
    };
    if let Some(d) = data {
        m.extra.set("data", Val::Str(d));
    }
}

/// A dotted path (`scholar.bibliography`) in a YAML tree, as text.
fn lookup(node: &Node, path: &str) -> Option<String> {
    path.split('.')
        .try_fold(node, |n, key| n.get(key))
        .and_then(Node::text)
}

/// The about page's `profile`, image paths made to work with the theme.
pub(super) fn profile_table(
    profile: &Node,
    ctx: &Context<'_>,
    file: &str,
    report: &mut Report,
) -> Val {
    let Some(Val::Table(mut t)) = from_node(profile) else {
        report.attention(
            file,
            None,
            "`profile` is not a mapping: kept as is".to_owned(),
        );
        return from_node(profile).unwrap_or(Val::Bool(false));
    };
    if let Some(Val::Str(image)) = t.get("image").cloned() {
        let external = image.contains("://") || image.starts_with("//");
        // al-folio prepends assets/img/ to the image, with or without a slash in it; sites whose
        // own about layout looks elsewhere (assets/images/, images/, img/, a path from the
        // root) have it there: the first of those the source has is the picture.
        let rel = if external {
            None
        } else if let Some(abs) = image.strip_prefix('/') {
            Some(abs.to_owned())
        } else {
            let default = format!("assets/img/{image}");
            let found = ["assets/img/", "assets/images/", "images/", "img/", ""]
                .iter()
                .map(|dir| format!("{dir}{image}"))
                .find(|rel| ctx.static_files.contains(rel));
            Some(found.unwrap_or(default))
        };
        if let Some(rel) = rel {
            // A relative name the theme would not find as written (it looks in assets/img/):
            // written as the path it has in the site.
            let relative = !image.starts_with('/');
            if relative && (image.contains('/') || rel != format!("assets/img/{image}")) {
                // A path with a slash is a path from the site's root to the theme; a bare name
                // would be taken as one in assets/img/.
                let value = if rel.contains('/') {
                    rel.clone()
                } else {
                    format!("/{rel}")
                };
                t.set("image", Val::Str(value));
            }
            if !ctx.static_files.contains(&rel) {
                let message =
                    format!("profile image `{rel}` is not in the source: put it in static/{rel}");
                if ctx.single_page {
                    report.note(file, None, message);
                } else {
                    report.attention(file, None, message);
                }
            }
        }
    }
    Val::Table(t)
}

/// al-folio's profiles layout: each of `profiles` is an about page's profile (its image found
/// as [`profile_table`] finds it) whose `content` names a Markdown file next to the page
/// (`{% include_relative %}`; Jekyll copied it as it was). The file's text is converted as a
/// page's body (Liquid, kramdown, site links) and becomes the profile's `text`, which
/// profiles.html renders with Zola's `markdown` filter (shortcodes and `@/` links work there).
/// A file not in the source is reported.
pub(super) fn profiles_list(
    profiles: &Node,
    doc: &Doc,
    ctx: &Context<'_>,
    report: &mut Report,
) -> Val {
    let Node::Seq(items) = profiles else {
        report.attention(
            &doc.src,
            None,
            "`profiles` is not a list: kept as is, the page shows its body".to_owned(),
        );
        return from_node(profiles).unwrap_or(Val::Bool(false));
    };
    let dir = doc.src.rsplit_once('/').map_or("", |(d, _)| d);
    let list = items
        .iter()
        .map(|item| {
            let mut value = profile_table(item, ctx, &doc.src, report);
            if let Val::Table(t) = &mut value
                && let Some(Val::Str(content)) = t.get("content").cloned()
            {
                let name = content.trim().trim_start_matches("./");
                let beside = if dir.is_empty() {
                    name.to_owned()
                } else {
                    format!("{dir}/{name}")
                };
                let found = [beside.as_str(), name]
                    .into_iter()
                    .find_map(|f| ctx.markdown_statics.get(f).map(|text| (f, text)));
                match found {
                    Some((file, text)) => {
                        let included =
                            Doc::new(file.to_owned(), "", Node::Map(Vec::new()), text.clone(), 1);
                        let body = convert_body(&included, text, ctx, false, report).text;
                        t.0.retain(|(k, _)| k != "content");
                        t.set("text", Val::Str(body));
                    }
                    None => report.attention(
                        &doc.src,
                        None,
                        format!("profile content `{content}` is not in the source: write its Markdown as the profile's `text`, or put the file in the site and name it in `content`"),
                    ),
                }
            }
            value
        })
        .collect();
    Val::Arr(list)
}
