//! Lab and faculty collections: a people collection (`_people`, `_members`, `_team`, …, or
//! documents with a `member`/`person` layout) becomes the theme's people section
//! (`people.html`, `person.html`), al-folio's `_teachings` (layout `course`) its teaching
//! section (`courses.html`, `course.html`), `_books` its bookshelf. Each document's front
//! matter is mapped to the keys those templates read.

use super::Doc;
use crate::import::frontmatter::Mapper;
use crate::import::theme_has;
use crate::import::toml_out::{Table, Val, from_node};
use crate::import::yaml::Node;

/// What a collection is to the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    People,
    Courses,
    Books,
}

impl Kind {
    /// The section template and the page template.
    pub(super) fn templates(self) -> (&'static str, &'static str) {
        match self {
            Kind::People => ("people.html", "person.html"),
            Kind::Courses => ("courses.html", "course.html"),
            Kind::Books => ("books.html", "book.html"),
        }
    }

    /// Keys the templates read from a document's `[extra]` (not reported as kept).
    pub(super) fn known(self) -> &'static [&'static str] {
        match self {
            Kind::People => &["role", "category", "period", "image", "socials"],
            Kind::Courses => &[
                "course_id",
                "term",
                "year",
                "instructors",
                "time",
                "location",
                "schedule",
                "calendar",
            ],
            Kind::Books => &[
                "author",
                "year",
                "rating",
                "status",
                "cover",
                "cover_width",
                "cover_height",
            ],
        }
    }
}

/// The kind of the collection `name`, from its name or (for a document) its layout; `None`
/// for a collection the theme has no templates for, or when the embedded theme lacks them.
pub(super) fn kind(name: &str, layout: &str) -> Option<Kind> {
    let name = name.trim_start_matches('_').to_ascii_lowercase();
    let kind = match (name.as_str(), layout) {
        (_, "member" | "person" | "people" | "profile-member") => Kind::People,
        ("people" | "members" | "member" | "team" | "lab" | "group" | "alumni", _) => Kind::People,
        (_, "course") | ("teachings" | "teaching" | "courses", _) => Kind::Courses,
        (_, "book-review") | ("books", _) => Kind::Books,
        _ => return None,
    };
    let (section, page) = kind.templates();
    (theme_has(&format!("templates/{section}")) && theme_has(&format!("templates/{page}")))
        .then_some(kind)
}

/// Maps a document of a collection of `kind` (its title already placed).
pub(super) fn map(kind: Kind, doc: &Doc, m: &mut Mapper<'_>) {
    match kind {
        Kind::People => person(doc, m),
        Kind::Courses => course(m),
        Kind::Books => {
            for key in Kind::Books.known() {
                m.extra(key);
            }
        }
    }
}

/// The first of `keys` with a value, as non-empty text (marking it used).
fn first_text(m: &mut Mapper<'_>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| m.take(k).and_then(Node::text))
}

/// A member: role (`position`, `role`), category (`category`, the first of `categories`,
/// `group`), period (`period`, `years`, or `start`–`end`), photo (`image`, `img`, `photo`,
/// `avatar`), links (`email`, `website`/`url`/`homepage`, and the about page's social keys
/// under their al-folio or short names); a `profile:` table (name, image, links) as the
/// about page has it: its name the title, the title the role.
fn person(doc: &Doc, m: &mut Mapper<'_>) {
    // Lab sites that give each member an about-page `profile:` (name, image, links) keep the
    // person's name there and the role in `title:`: the name is the title, the title the role.
    let profile = doc.fm.get("profile").filter(|p| matches!(p, Node::Map(_)));
    let text = |key: &str| {
        profile
            .and_then(|p| p.get(key))
            .and_then(Node::text)
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    let mut role = first_text(m, &["position", "role", "job_title"]);
    if let Some(name) = text("name") {
        if let Some(Val::Str(old)) = m.top.get("title").cloned()
            && role.is_none()
            && old.trim() != name
        {
            role = Some(old);
        }
        m.top.set("title", Val::Str(name));
    }
    if let Some(role) = role {
        m.extra.set("role", Val::Str(role));
    }
    let category = match m.take("categories").or_else(|| m.take("category")) {
        Some(Node::Seq(items)) => items.iter().find_map(Node::as_text),
        Some(other) => other
            .as_text()
            .and_then(|t| t.split_whitespace().next().map(str::to_owned)),
        None => None,
    }
    .or_else(|| first_text(m, &["group"]));
    if let Some(c) = category {
        m.extra.set("category", Val::Str(c));
    }
    let period = first_text(m, &["period", "years"]).or_else(|| {
        let start = first_text(m, &["start", "start_year", "joined"]);
        let end = first_text(m, &["end", "end_year", "left"]);
        match (start, end) {
            (Some(s), Some(e)) => Some(format!("{s}–{e}")),
            (Some(s), None) => Some(format!("{s}–")),
            (None, Some(e)) => Some(format!("–{e}")),
            (None, None) => None,
        }
    });
    if let Some(p) = period {
        m.extra.set("period", Val::Str(p));
    }
    // A profile's image is under assets/img/, as al-folio's about layout prepends it.
    let profile_image = text("image").map(|i| {
        let bare = i.trim_start_matches('/');
        if i.contains("://") || bare.starts_with("assets/") {
            i
        } else {
            format!("/assets/img/{bare}")
        }
    });
    if let Some(img) = first_text(m, &["image", "img", "photo", "avatar"]).or(profile_image) {
        m.extra.set("image", Val::Str(img));
    }
    let mut socials = Table::new();
    if let Some(Node::Map(entries)) = m.take("socials") {
        for (k, v) in entries {
            if let Some(v) = from_node(v) {
                socials.set(k, v);
            }
        }
    }
    /// Front-matter key → the theme's social key (its value as written).
    const SOCIAL: &[(&str, &str)] = &[
        ("email", "email"),
        ("github", "github_username"),
        ("github_username", "github_username"),
        ("scholar", "scholar_userid"),
        ("scholar_userid", "scholar_userid"),
        ("orcid", "orcid_id"),
        ("orcid_id", "orcid_id"),
        ("linkedin", "linkedin_username"),
        ("linkedin_username", "linkedin_username"),
        ("twitter", "x_username"),
        ("x_username", "x_username"),
        ("twitter_username", "x_username"),
        ("bluesky_url", "bluesky_url"),
        ("dblp_url", "dblp_url"),
    ];
    for (from, to) in SOCIAL {
        if let Some(v) = m.take(from).and_then(Node::text)
            && !socials.contains(to)
        {
            socials.set(to, Val::Str(v));
        }
    }
    if profile.is_some() {
        for (from, to) in SOCIAL {
            if let Some(v) = text(from)
                && !socials.contains(to)
            {
                socials.set(to, Val::Str(v));
            }
        }
    }
    let website = first_text(m, &["website", "homepage", "url", "web"]).or_else(|| text("website"));
    if let Some(url) = website {
        let mut site = Table::new();
        site.set("url", Val::Str(url));
        site.set("title", Val::Str("Website".into()));
        site.set("icon", Val::Str("fa-solid fa-globe".into()));
        socials.set("website", Val::Table(site));
    }
    if !socials.is_empty() {
        m.extra.set("socials", Val::Table(socials));
    }
}

/// A course: al-folio's course front matter, `instructor` as a one-name list.
fn course(m: &mut Mapper<'_>) {
    for key in [
        "course_id",
        "term",
        "year",
        "time",
        "location",
        "schedule",
        "calendar",
    ] {
        m.extra(key);
    }
    match m.take("instructors").or_else(|| m.take("instructor")) {
        Some(Node::Seq(items)) => {
            let names: Vec<Val> = items
                .iter()
                .filter_map(|i| i.text().or_else(|| i.get("name").and_then(Node::text)))
                .map(Val::Str)
                .collect();
            if !names.is_empty() {
                m.extra.set("instructors", Val::Arr(names));
            }
        }
        Some(n) => {
            if let Some(t) = n.text() {
                m.extra.set("instructors", Val::Arr(vec![Val::Str(t)]));
            }
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_are_known_by_name_or_layout() {
        assert_eq!(kind("people", ""), Some(Kind::People));
        assert_eq!(kind("_members", ""), Some(Kind::People));
        assert_eq!(kind("students", "member"), Some(Kind::People));
        assert_eq!(kind("teachings", "course"), Some(Kind::Courses));
        assert_eq!(kind("classes", "course"), Some(Kind::Courses));
        assert_eq!(kind("books", "book-review"), Some(Kind::Books));
        assert_eq!(kind("talks", "page"), None);
    }
}
