//! Liquid outputs (`{{ … }}`): `site.*` and `page.*` values, the URL filters, and URL prefixes
//! that become Zola internal links at the start of a Markdown link destination. The old site's
//! `baseurl` (and its host before a path) is never written: a path stays a site path, which
//! [`crate::import::site_links`] makes base-path-aware.

use super::Converter;
use super::lexer::{Token, split_filters, string_literal};
use crate::import::yaml::Node;

impl<'a> Converter<'a, '_> {
    pub(super) fn output(&mut self, token: &Token<'_>) {
        let expr = token.inner;
        match self.eval(expr) {
            Some(Value::Url(prefix)) => self.url_value(prefix),
            Some(Value::Text(text)) => self.out.push_str(&text),
            None if expr.contains("site.github") => self.keep(
                token,
                "`site.github` is filled by GitHub at build time: give `repository: owner/name` in _config.yml and import again, or write the value",
            ),
            None => self.keep(token, "only site/page values and URL filters are converted"),
        }
    }

    /// Evaluates the expressions this module knows; `None` for the rest.
    pub(super) fn eval(&self, expr: &str) -> Option<Value> {
        let mut parts = split_filters(expr);
        let base = parts.remove(0);
        let mut value = self.eval_base(base.trim())?;
        for filter in parts {
            let filter = filter.trim();
            let (name, arg) = match filter.split_once(':') {
                Some((n, a)) => (n.trim(), Some(a.trim())),
                None => (filter, None),
            };
            value = match (name, arg) {
                // Site paths stay site paths: the old base path is never written (the site
                // links step gives them the new one), and `absolute_url` needs no host.
                ("relative_url" | "absolute_url", None) => {
                    let path = value.text();
                    if path.contains("://") {
                        Value::Text(path)
                    } else {
                        Value::Url(join_url("", &path))
                    }
                }
                ("prepend", Some("site.baseurl" | "site.url")) => Value::Url(value.text()),
                ("prepend", Some(arg)) => {
                    let before = self.eval_base(arg)?;
                    match before {
                        Value::Url(u) => Value::Url(format!("{u}{}", value.text())),
                        Value::Text(t) => Value::Text(format!("{t}{}", value.text())),
                    }
                }
                ("append", Some(arg)) => {
                    let after = self.eval_base(arg)?.text();
                    match value {
                        Value::Url(u) => Value::Url(format!("{u}{after}")),
                        Value::Text(t) => Value::Text(format!("{t}{after}")),
                    }
                }
                _ => return None,
            };
        }
        Some(value)
    }

    pub(super) fn eval_base(&self, base: &str) -> Option<Value> {
        if let Some(s) = string_literal(base) {
            return Some(Value::Text(s));
        }
        match base {
            "site.baseurl" => return Some(Value::Url(String::new())),
            // Before a path (`{{ site.url }}{{ site.baseurl }}/x`, `{{ site.url }}/x`) the
            // host goes too; alone it is the site's address.
            "site.url" => {
                let rest = &self.text[self.pos..];
                let prefix = rest.starts_with('/') || rest.starts_with("{{");
                let url = if prefix { "" } else { self.site.url };
                return Some(Value::Url(url.to_owned()));
            }
            _ => {}
        }
        if let Some(field) = base.strip_prefix("site.github.") {
            return self.github(field).map(Value::Text);
        }
        let (scope, key) = base.split_once('.')?;
        let root = match scope {
            "site" => self.site.config,
            "page" => self.body.page,
            _ => return None,
        };
        let mut node = root;
        for part in key.split('.') {
            if !part
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return None;
            }
            node = node.get(part)?;
        }
        match node {
            Node::Str(_) | Node::Int(_) | Node::Float(_) | Node::Bool(_) => {
                node.as_text().map(Value::Text)
            }
            Node::Null => Some(Value::Text(String::new())),
            _ => None,
        }
    }

    /// The `site.github.*` values (jekyll-github-metadata) that follow from `repository:
    /// owner/name` in `_config.yml`.
    fn github(&self, field: &str) -> Option<String> {
        let nwo = self.site.config.get("repository")?.as_text()?;
        let (owner, name) = nwo.trim().split_once('/')?;
        let ok = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        if !ok(owner) || !ok(name) {
            return None;
        }
        let repo = format!("https://github.com/{owner}/{name}");
        Some(match field {
            "repository_nwo" => format!("{owner}/{name}"),
            "repository_name" | "project_title" => name.to_owned(),
            "owner_name" => owner.to_owned(),
            "owner_url" => format!("https://github.com/{owner}"),
            "repository_url" | "html_url" => repo,
            "issues_url" => format!("{repo}/issues"),
            "releases_url" => format!("{repo}/releases"),
            "clone_url" => format!("{repo}.git"),
            "zip_url" => format!("{repo}/zipball/HEAD"),
            "tar_url" => format!("{repo}/tarball/HEAD"),
            _ => return None,
        })
    }

    /// Writes a URL prefix; at the start of a Markdown link destination followed by the path of
    /// an imported page, writes the internal link instead (and consumes the path).
    pub(super) fn url_value(&mut self, prefix: String) {
        if self.in_link_destination() {
            let rest = &self.text[self.pos..];
            let len = rest
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | '{')
                })
                .unwrap_or(rest.len());
            let candidate = format!("{prefix}{}", &rest[..len]);
            if let Some((internal, consumed)) = self.internal_for(&candidate, prefix.len()) {
                self.out.push_str(&internal);
                self.pos += consumed;
                return;
            }
        }
        self.out.push_str(&prefix);
    }

    /// `@/…#anchor` for a full URL (`prefix` + path) that names an imported page, and how much
    /// of the text after the token it used.
    pub(super) fn internal_for(
        &self,
        candidate: &str,
        prefix_len: usize,
    ) -> Option<(String, usize)> {
        let (path_part, anchor) = match candidate.find(['#', '?']) {
            Some(i) => (&candidate[..i], &candidate[i..]),
            None => (candidate, ""),
        };
        let without_host = if !self.site.url.is_empty() {
            path_part.strip_prefix(self.site.url).unwrap_or(path_part)
        } else {
            path_part
        };
        let site_path = without_host
            .strip_prefix(self.site.baseurl)
            .unwrap_or(without_host);
        if !site_path.starts_with('/') {
            return None;
        }
        let target = self.site.links.lookup_url(site_path)?;
        if anchor.starts_with('?') {
            return None;
        }
        Some((
            format!("{}{anchor}", target.internal),
            candidate.len() - prefix_len,
        ))
    }

    /// Whether the output ends at the start of a Markdown link destination: `](` or a reference
    /// definition `[id]: `.
    pub(super) fn in_link_destination(&self) -> bool {
        if self.out.ends_with("](") || self.out.ends_with("](<") {
            return true;
        }
        let line = &self.out[self.out_line_start()..];
        let trimmed = line.trim_start();
        trimmed.starts_with('[') && trimmed.trim_end().ends_with("]:") && !trimmed.starts_with("[^")
    }
}

/// A value produced by an expression: URL prefixes may become internal links.
pub(super) enum Value {
    Url(String),
    Text(String),
}

impl Value {
    pub(super) fn text(&self) -> String {
        match self {
            Value::Url(s) | Value::Text(s) => s.clone(),
        }
    }
}

/// `baseurl` + `path` with one slash between.
pub(super) fn join_url(base: &str, path: &str) -> String {
    if path.is_empty() {
        return base.to_owned();
    }
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}
