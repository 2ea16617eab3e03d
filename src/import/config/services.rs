//! The opt-in services and structured data: al-folio's `giscus:` and `disqus_shortname`
//! (comments), `google_analytics` / `enable_google_analytics`, GoatCounter's code, and
//! `enable_cookie_consent` (analytics), `google_site_verification` / `bing_site_verification`
//! (with their `enable_*_verification` switches), `serve_og_meta` and `serve_schema_org` →
//! the theme's `[extra]` keys of the same meaning. A value the theme would refuse (an id with
//! other characters, Universal Analytics' retired `UA-` ids, al-folio's own example Disqus
//! forum) is reported instead of written.

use super::Build;
use crate::import::toml_out::Val;
use crate::import::yaml::Node;

/// A switch as al-folio's templates write it for giscus (`1`/`0`, `true`/`false`, `"1"`).
fn flag(n: &Node) -> Option<bool> {
    match n {
        Node::Bool(b) => Some(*b),
        Node::Int(i) => Some(*i != 0),
        _ => match n.text()?.trim() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        },
    }
}

/// Text made only of `allowed` characters (and not empty).
fn id(s: &str, allowed: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(allowed)
}

fn giscus_id(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '=')
}

/// `enable_KEY`-style switch next to a value: on unless the site says false (older versions
/// had only the value).
fn switched_on(b: &Build<'_, '_>, switch: &str) -> bool {
    b.inputs.config.get(switch).is_none_or(Node::truthy)
}

/// `giscus:` → `[extra.giscus]`, `disqus_shortname` → `disqus_shortname`; al-folio showed
/// comments only on posts and pages that ask (`giscus_comments: true`, `disqus_comments:
/// true`, which the content step turns into `comments = true`), so `comments_on_posts = false`.
pub(super) fn comments(b: &mut Build<'_, '_>) {
    let c = b.inputs.config;
    let mut any = false;
    if let Some(g) = c.get("giscus").filter(|g| matches!(g, Node::Map(_))) {
        let text = |k: &str| g.get(k).and_then(Node::text).map(|s| s.trim().to_owned());
        let repo = text("repo").unwrap_or_default();
        let repo_ok = repo.split_once('/').is_some_and(|(o, r)| {
            let part = |s: &str| {
                id(s, |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
                })
            };
            part(o) && part(r)
        });
        if repo_ok {
            let table = b.extra.table("giscus");
            table.set("repo", Val::Str(repo));
            for key in ["repo_id", "category_id"] {
                table.set(key, Val::Str(text(key).unwrap_or_default()));
            }
            for key in ["category", "mapping", "input_position", "lang"] {
                if let Some(v) = text(key).filter(|v| !v.is_empty()) {
                    table.set(key, Val::Str(v));
                }
            }
            for key in ["strict", "reactions_enabled", "emit_metadata"] {
                if let Some(v) = g.get(key).and_then(flag) {
                    table.set(key, Val::Bool(v));
                }
            }
            let ids_ok = ["repo_id", "category_id"]
                .iter()
                .all(|k| text(k).is_some_and(|v| id(&v, giscus_id)));
            if !ids_ok {
                b.report.config_unmapped.push((
                    "giscus.repo_id".into(),
                    "giscus needs repo_id and category_id (from https://giscus.app): comments stay off until [extra.giscus] has both".into(),
                ));
            }
            for (key, value) in g.entries() {
                let mapped = [
                    "repo",
                    "repo_id",
                    "category",
                    "category_id",
                    "mapping",
                    "strict",
                    "reactions_enabled",
                    "emit_metadata",
                    "input_position",
                    "lang",
                ];
                if mapped.contains(&key.as_str()) || value.is_null() {
                    continue;
                }
                let why = if key == "theme" {
                    "giscus follows the site's light/dark palette"
                } else {
                    "a giscus setting the folio theme does not pass on"
                };
                b.report
                    .config_unmapped
                    .push((format!("giscus.{key}"), why.into()));
            }
            any = true;
        } else if !repo.is_empty() {
            b.report.config_unmapped.push((
                "giscus.repo".into(),
                "not a GitHub \"user/repository\": comments stay off".into(),
            ));
        }
    }
    if let Some(name) = b.text("disqus_shortname").filter(|s| !s.is_empty()) {
        if name == "al-folio" {
            b.report.config_unmapped.push((
                "disqus_shortname".into(),
                "al-folio's example value (al-folio's own Disqus forum): set disqus_shortname in config.toml to your forum's".into(),
            ));
        } else if id(&name, |c| c.is_ascii_alphanumeric() || c == '-') {
            b.extra.set("disqus_shortname", Val::Str(name));
            any = true;
        } else {
            b.report.config_unmapped.push((
                "disqus_shortname".into(),
                "not a Disqus shortname (letters, digits and dashes): comments stay off".into(),
            ));
        }
    }
    if any {
        b.extra.set("comments_on_posts", Val::Bool(false));
    }
}

/// Google Analytics 4 (`google_analytics` when `enable_google_analytics` is not false),
/// GoatCounter (`goatcounter_code`, `enable_goatcounter`), and `enable_cookie_consent`.
pub(super) fn analytics(b: &mut Build<'_, '_>) {
    if let Some(ga) = b.text("google_analytics").filter(|s| !s.is_empty())
        && switched_on(b, "enable_google_analytics")
    {
        let ga4 = ga.split_once('-').is_some_and(|(p, rest)| {
            (1..=3).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_uppercase())
                && p != "UA"
                && id(rest, |c| c.is_ascii_uppercase() || c.is_ascii_digit())
        });
        if ga4 {
            b.extra.set("google_analytics", Val::Str(ga));
        } else {
            let why = if ga.starts_with("UA-") {
                "a Universal Analytics id (UA-): Google stopped it in 2023; set a GA4 measurement id (G-...) as google_analytics"
            } else {
                "not a Google Analytics 4 measurement id (G-...)"
            };
            b.report
                .config_unmapped
                .push(("google_analytics".into(), why.into()));
        }
    }
    if let Some(code) = b.text("goatcounter_code").filter(|s| !s.is_empty())
        && switched_on(b, "enable_goatcounter")
    {
        let code = code.to_ascii_lowercase();
        if id(&code, |c| c.is_ascii_alphanumeric() || c == '-') {
            b.extra.set("goatcounter_code", Val::Str(code));
        } else {
            b.report.config_unmapped.push((
                "goatcounter_code".into(),
                "not a GoatCounter code (the NAME of NAME.goatcounter.com)".into(),
            ));
        }
    }
    if let Some(v) = b.inputs.config.get("enable_cookie_consent") {
        b.extra.set("enable_cookie_consent", Val::Bool(v.truthy()));
    }
}

/// `google_site_verification` and `bing_site_verification` (when their `enable_*_verification`
/// switch is not false).
pub(super) fn verification(b: &mut Build<'_, '_>) {
    for (key, switch) in [
        ("google_site_verification", "enable_google_verification"),
        ("bing_site_verification", "enable_bing_verification"),
    ] {
        if let Some(v) = b.text(key).filter(|s| !s.is_empty())
            && switched_on(b, switch)
        {
            b.extra.set(key, Val::Str(v));
        }
    }
}

/// `serve_og_meta` and `serve_schema_org`, as the site set them.
pub(super) fn meta(b: &mut Build<'_, '_>) {
    for key in ["serve_og_meta", "serve_schema_org"] {
        if let Some(v) = b.inputs.config.get(key) {
            b.extra.set(key, Val::Bool(v.truthy()));
        }
    }
}
