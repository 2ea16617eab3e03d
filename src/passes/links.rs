//! links: a bare e-mail address used as a link target becomes `mailto:`, and links to other sites
//! get `rel="noopener noreferrer"` and, when `external_links_new_tab` is on, `target="_blank"`.
//!
//! A bare address such as `[me@example.org](me@example.org)` in Markdown is resolved by browsers
//! as a relative path; al-folio users write it often. Links to the site's own `base_url` host are
//! not external.

use lol_html::ElementContentHandlers;
use lol_html::Selector;
use lol_html::html_content::Element;

use super::{Handlers, Page, Pass, selector};
use crate::config::Config;

pub struct LinksPass {
    links: Selector,
    own_host: Option<String>,
    new_tab: bool,
}

impl LinksPass {
    pub fn new(config: &Config) -> Self {
        Self {
            links: selector("a[href]"),
            own_host: host_of(&config.base_url),
            new_tab: config.folio.links.external_links_new_tab,
        }
    }
}

impl Pass for LinksPass {
    fn name(&self) -> &'static str {
        "links"
    }

    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        handlers.on(
            &self.links,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if page.in_verbatim() {
                    return Ok(());
                }
                let Some(href) = el.get_attribute("href") else {
                    return Ok(());
                };
                let href = href.trim();
                let host = host_of(href);
                let own = host.is_none() || host == self.own_host;
                if let Some(address) = own.then(|| mistaken_email(href)).flatten() {
                    el.set_attribute("href", &format!("mailto:{address}"))?;
                    return Ok(());
                }
                if own {
                    return Ok(());
                }
                let rel = el.get_attribute("rel").unwrap_or_default();
                let mut tokens: Vec<&str> = rel.split_ascii_whitespace().collect();
                let before = tokens.len();
                for needed in ["noopener", "noreferrer"] {
                    if !tokens.iter().any(|t| t.eq_ignore_ascii_case(needed)) {
                        tokens.push(needed);
                    }
                }
                if tokens.len() != before {
                    el.set_attribute("rel", &tokens.join(" "))?;
                }
                if self.new_tab && !el.has_attribute("target") {
                    el.set_attribute("target", "_blank")?;
                }
                Ok(())
            }),
        );
    }
}

/// The address in a link to this site that is really an e-mail address: the bare
/// `me@uni.example` as written in Markdown, or what Zola makes of it, a page-relative path
/// resolved to `https://site.example/me@uni.example` (or `…/page/me@uni.example`).
fn mistaken_email(href: &str) -> Option<&str> {
    if href.contains(['?', '#']) {
        return None;
    }
    let last = href.rsplit('/').next()?;
    is_bare_email(last).then_some(last)
}

/// `name@domain.tld` with no scheme, path, query or spaces.
fn is_bare_email(href: &str) -> bool {
    let Some((local, domain)) = href.split_once('@') else {
        return false;
    };
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '%'))
    };
    plain(local)
        && plain(domain)
        && !domain.contains('@')
        && domain.rsplit_once('.').is_some_and(|(name, tld)| {
            !name.is_empty() && tld.len() >= 2 && tld.chars().all(char::is_alphabetic)
        })
}

/// The lower-cased host of an absolute `http(s)://` or scheme-relative `//` URL.
fn host_of(url: &str) -> Option<String> {
    let lower = url.trim();
    let rest = [("https://", 8), ("http://", 7), ("//", 2)]
        .iter()
        .find(|(prefix, _)| {
            lower.len() >= prefix.len() && lower[..prefix.len()].eq_ignore_ascii_case(prefix)
        })
        .map(|(_, n)| &lower[*n..])?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if host_port.starts_with('[') {
        host_port.split(']').next().map(|h| format!("{h}]"))?
    } else {
        host_port.split(':').next().unwrap_or("").to_owned()
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_emails() {
        assert!(is_bare_email("ziruiliu.recruit@gmail.com"));
        assert!(is_bare_email("a+b@x.co.uk"));
        assert!(!is_bare_email("mailto:a@b.org"));
        assert!(!is_bare_email("https://a@b.org/"));
        assert!(!is_bare_email("/path/a@b.org"));
        assert!(!is_bare_email("a@localhost"));
        assert!(!is_bare_email("@b.org"));
    }

    #[test]
    fn emails_zola_resolved_as_paths() {
        assert_eq!(
            mistaken_email("https://example.com/ziruiliu.recruit@gmail.com"),
            Some("ziruiliu.recruit@gmail.com")
        );
        assert_eq!(mistaken_email("/blog/post/a@b.org"), Some("a@b.org"));
        assert_eq!(mistaken_email("a@b.org"), Some("a@b.org"));
        assert_eq!(mistaken_email("https://example.com/a@b.org/"), None);
        assert_eq!(mistaken_email("https://example.com/x?to=a@b.org"), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://Example.org/x").as_deref(),
            Some("example.org")
        );
        assert_eq!(host_of("http://u:p@h.org:8080?q").as_deref(), Some("h.org"));
        assert_eq!(host_of("//cdn.org/a").as_deref(), Some("cdn.org"));
        assert_eq!(host_of("/local"), None);
        assert_eq!(host_of("mailto:a@b.org"), None);
        assert_eq!(host_of("https://"), None);
    }
}
