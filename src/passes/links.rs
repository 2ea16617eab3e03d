//! links: a bare e-mail address used as a link target becomes `mailto:`, links to other sites
//! get `rel="noopener noreferrer"` and, when `external_links_new_tab` is on, `target="_blank"`,
//! and a `javascript:`, `vbscript:` or `data:` URL never stays a link (its `href`, or the `src`,
//! `action` or `data` of a frame, form or object, is removed, the text kept, the page reported).
//!
//! A bare address such as `[me@example.org](me@example.org)` in Markdown is resolved by browsers
//! as a relative path; al-folio users write it often. Links to the site's own `base_url` host are
//! not external.

use lol_html::ElementContentHandlers;
use lol_html::Selector;
use lol_html::html_content::Element;

use std::borrow::Cow;

use super::{Handlers, Page, Pass, Tag, TagEdits};
use crate::config::Config;
use crate::html::selector;
use crate::url::host_of;

pub struct LinksPass {
    links: Selector,
    /// The other elements whose URL attribute could run script (see [`SCRIPTABLE`]).
    scriptable: Selector,
    own_host: Option<String>,
    new_tab: bool,
}

impl LinksPass {
    pub fn new(config: &Config) -> Self {
        let own_host = host_of(&config.base_url);
        Self {
            links: selector(&links_selector(own_host.as_deref())),
            scriptable: selector(&scriptable_selector()),
            own_host,
            new_tab: config.folio.links.external_links_new_tab,
        }
    }
}

/// The links the handler may change, as a selector: an `href` with an `@` (a mistaken e-mail
/// address) or a `//` (every absolute or scheme-relative URL, so every external link), less the
/// links that plainly point into the site (`https://own.host/…` without an `@`).
///
/// Why not `a[href]`: a page holds a hundred links or more, almost all to the site itself, and
/// every element a handler is called for costs lol_html a full tokenisation of its tag and the
/// handler two allocations; the handler does nothing for the links this leaves out (same raw
/// attribute value for the selector and for `get_attribute`, so the sets agree exactly).
fn links_selector(own_host: Option<&str>) -> String {
    // `:` and `&` for the unsafe schemes (a scheme ends in a colon, written or as a reference);
    // a backslash for `\\host`, which browsers read as `//host`.
    let mut css = String::from(r#"a[href*="@"], a[href*="&"], a[href*="\\"], a[href*=":"]"#);
    // Only a host made of characters that need no escaping in a CSS string is written into it;
    // another host just keeps every absolute link for the handler to decide.
    let plain = |host: &str| {
        host.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':' | b'[' | b']')
        })
    };
    if let Some(host) = own_host.filter(|h| plain(h)) {
        for scheme in ["https://", "http://"] {
            css.push_str(&format!(r#":not([href^="{scheme}{host}/" s])"#));
        }
    }
    css.push_str(r#", a[href*="//"]"#);
    if let Some(host) = own_host.filter(|h| plain(h)) {
        for scheme in ["https://", "http://", "//"] {
            css.push_str(&format!(r#":not([href^="{scheme}{host}/" s])"#));
        }
    }
    css
}

/// Elements other than `a` with an attribute a browser follows as a URL, which a
/// `javascript:` (or `data:`) URL turns into script: `(element, attribute)`.
const SCRIPTABLE: [(&str, &str); 7] = [
    ("area", "href"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("button", "formaction"),
];

/// The tag names the page prefilter looks at: `a` and those of [`SCRIPTABLE`].
const LOOKED_AT: [&str; 8] = [
    "a", "area", "iframe", "frame", "embed", "object", "form", "button",
];

fn scriptable_selector() -> String {
    SCRIPTABLE
        .iter()
        .flat_map(|(el, attr)| {
            [
                format!(r#"{el}[{attr}*=":"]"#),
                format!(r#"{el}[{attr}*="&"]"#),
            ]
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Pass for LinksPass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        // A page whose every link is already as this pass leaves it (a second run) is not parsed
        // for it.
        if self.page_wants(page.source, page.tags()) {
            self.add_handlers(page, handlers);
        }
    }

    fn tag_edits(&self) -> Option<&dyn TagEdits> {
        Some(self)
    }
}

impl LinksPass {
    /// Whether a link of the page may need a change (a look at its tags, no parse).
    fn page_wants(&self, source: &str, census: &crate::html::tags::Census) -> bool {
        use crate::html::tags::get;
        census.any_start_tag_of(source, &LOOKED_AT, |index, attrs| match index {
            0 => get(attrs, "href").is_some_and(|href| {
                !self
                    .fix(href, get(attrs, "rel"), get(attrs, "target").is_some())
                    .is_none()
            }),
            _ => SCRIPTABLE
                .iter()
                .filter(|(el, _)| *el == LOOKED_AT[index])
                .any(|(_, attr)| get(attrs, attr).is_some_and(crate::unsafe_url::is_unsafe)),
        })
    }

    fn add_handlers<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        handlers.on(
            &self.links,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if !page.in_verbatim() {
                    let at = el.source_location().bytes().start;
                    self.edit(page, at, 0, el);
                }
                Ok(())
            }),
        );
        handlers.on(
            &self.scriptable,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if !page.in_verbatim() {
                    let name = el.tag_name();
                    if let Some(index) = LOOKED_AT.iter().position(|n| *n == name) {
                        let at = el.source_location().bytes().start;
                        self.edit(page, at, index, el);
                    }
                }
                Ok(())
            }),
        );
    }
}

impl TagEdits for LinksPass {
    fn names(&self) -> &'static [&'static str] {
        &LOOKED_AT
    }

    /// A link: its fix (see [`LinksPass::fix`]); another element of [`SCRIPTABLE`]: a script
    /// URL removed. Both handlers and the spliced rewrite call this.
    fn edit(&self, page: &Page<'_>, at: usize, name: usize, tag: &mut dyn Tag) {
        let element = LOOKED_AT[name];
        if name == 0 {
            let Some(href) = tag.get("href").map(Cow::into_owned) else {
                return;
            };
            let fix = self.fix(
                &href,
                tag.get("rel").as_deref(),
                tag.get("target").is_some(),
            );
            if fix.inert {
                tag.remove("href");
                report_inert(page, at, element, "href", &href);
                return;
            }
            if let Some(href) = fix.href {
                tag.set("href", &href);
            }
            if let Some(rel) = fix.rel {
                tag.set("rel", &rel);
            }
            if fix.target {
                tag.set("target", "_blank");
            }
            return;
        }
        for (_, attr) in SCRIPTABLE.iter().filter(|(e, _)| *e == element) {
            if let Some(url) = tag.get(attr).map(Cow::into_owned)
                && crate::unsafe_url::is_unsafe(&url)
            {
                tag.remove(attr);
                report_inert(page, at, element, attr, &url);
            }
        }
    }
}

/// Tells the user which page had a script URL, and that it no longer works as a link.
fn report_inert(page: &Page<'_>, at: usize, element: &str, attribute: &str, url: &str) {
    let shown: String = url.chars().take(40).collect();
    let more = if shown.len() < url.len() { "…" } else { "" };
    page.report.warn(format!(
        "{}: <{element} {attribute}=\"{}{more}\">: a script URL, not kept as a link ({attribute} removed); \
         link to a page instead",
        page.at(at),
        shown.escape_debug(),
    ));
}

/// What the pass changes in one link.
#[derive(Debug, Default, PartialEq, Eq)]
struct Fix {
    /// The `mailto:` for a bare e-mail address.
    href: Option<String>,
    /// The `rel` of an external link, with `noopener noreferrer`.
    rel: Option<String>,
    /// Add `target="_blank"`.
    target: bool,
    /// A script URL: remove the `href`.
    inert: bool,
}

impl Fix {
    fn is_none(&self) -> bool {
        *self == Self::default()
    }
}

impl LinksPass {
    /// The change a link with this raw `href`, `rel` and target needs (the one decision both
    /// the handler and the page prefilter make).
    fn fix(&self, href: &str, rel: Option<&str>, has_target: bool) -> Fix {
        if crate::unsafe_url::is_unsafe(href) {
            return Fix {
                inert: true,
                ..Fix::default()
            };
        }
        let href = href.trim();
        let host = host_of(href);
        let own = host.is_none() || host == self.own_host;
        if own {
            return Fix {
                href: mistaken_email(href).map(|address| format!("mailto:{address}")),
                ..Fix::default()
            };
        }
        let rel = rel.unwrap_or_default();
        let mut tokens: Vec<&str> = rel.split_ascii_whitespace().collect();
        let before = tokens.len();
        for needed in ["noopener", "noreferrer"] {
            if !tokens.iter().any(|t| t.eq_ignore_ascii_case(needed)) {
                tokens.push(needed);
            }
        }
        Fix {
            href: None,
            rel: (tokens.len() != before).then(|| tokens.join(" ")),
            target: self.new_tab && !has_target,
            inert: false,
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tags::Census;
    use std::path::Path;

    /// Rewrites `html` with the links pass, selecting its elements with `css`.
    fn rewrite_with(config: &Config, css: &str, html: &str) -> String {
        let mut pass = LinksPass::new(config);
        pass.links = selector(css);
        let report = crate::report::Report::new();
        let assets = crate::assets::Assets::none();
        let page = Page {
            file: Path::new("/site/blog/post/index.html"),
            root: Path::new("/site"),
            source: html,
            config,
            report: &report,
            assets: &assets,
            verbatim: Default::default(),
            census: Default::default(),
        };
        let passes: Vec<Box<dyn Pass>> = vec![Box::new(pass)];
        let out = crate::engine::rewrite(&passes, &page, html.as_bytes()).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The pass without its page prefilter.
    struct Forced(LinksPass);

    impl Pass for Forced {
        fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
            self.0.add_handlers(page, handlers);
        }
    }

    /// The page prefilter skips a page only when the parse would change nothing in it, for
    /// every kind of link, written every way HTML allows.
    #[test]
    fn the_page_prefilter_skips_only_pages_the_parse_leaves_alone() {
        let hrefs = [
            "https://own.example/blog/",
            "https://own.example/me@uni.example",
            "https://github.com/someone",
            "//cdn.example/x",
            "me@uni.example",
            "mailto:me@uni.example",
            "/local/path",
            "javascript:alert(1)",
            "/über-mich/",
            "\\\\evil.example",
        ];
        let forms = [
            r#"<a href="{h}">x</a>"#,
            r#"<a href="{h}" rel="noopener noreferrer" target="_blank">x</a>"#,
            r#"<a href="{h}" rel="noopener">x</a>"#,
            r#"<A HREF='{h}' REL='NOREFERRER noopener' TARGET=_self>x</A>"#,
            r#"<a title="a > b" href="{h}">x</a>"#,
            r#"<a
  href = {h} rel=noopener&#32;noreferrer target=_blank>x</a>"#,
            r#"<a href="/safe" href="{h}">x</a>"#,
            r#"<a data-href="{h}" href="/safe">x</a>"#,
        ];
        let mut skipped = 0;
        for new_tab in [true, false] {
            let mut config = Config::defaults_for(Path::new("/site"));
            config.base_url = "https://own.example/".into();
            config.folio.links.external_links_new_tab = new_tab;
            for h in hrefs {
                for form in forms {
                    let html = format!("<p>{}</p>", form.replace("{h}", h));
                    let forced = {
                        let report = crate::report::Report::new();
                        let assets = crate::assets::Assets::none();
                        let page = Page {
                            file: Path::new("/site/blog/post/index.html"),
                            root: Path::new("/site"),
                            source: &html,
                            config: &config,
                            report: &report,
                            assets: &assets,
                            verbatim: Default::default(),
                            census: Default::default(),
                        };
                        let passes: Vec<Box<dyn Pass>> =
                            vec![Box::new(Forced(LinksPass::new(&config)))];
                        crate::engine::rewrite(&passes, &page, html.as_bytes()).unwrap()
                    };
                    let wants = LinksPass::new(&config).page_wants(&html, &Census::of(&html));
                    if !wants {
                        skipped += 1;
                        assert_eq!(
                            forced,
                            html.as_bytes(),
                            "skipped, but the parse changes {html}"
                        );
                    }
                    assert_eq!(
                        rewrite_with(&config, "a[href]", &html).as_bytes(),
                        forced,
                        "{html}"
                    );
                }
            }
        }
        assert!(
            skipped > 20,
            "the prefilter skips finished pages ({skipped})"
        );
    }

    /// The narrow selector leaves out only links the handler would not change: the output is
    /// the one `a[href]` gives, for every kind of link.
    #[test]
    fn the_narrow_selector_changes_nothing() {
        let hrefs = [
            "https://own.example/blog/",
            "https://own.example/me@uni.example",
            "https://own.example/a/b?x=1#y",
            "https://own.example",
            "https://own.example:8080/x",
            "https://Own.Example/x",
            "HTTPS://own.example/x",
            "  https://own.example/x",
            "https://own.example.evil.example/x",
            "https://user@own.example/x",
            "https://user@evil.example/x",
            "http://own.example/x",
            "//own.example/x",
            "//cdn.example/x.js",
            "https://github.com/someone",
            "http://[::1]/x",
            "me@uni.example",
            "/blog/me@uni.example",
            "mailto:me@uni.example",
            "/local/path",
            "#fn-1",
            "",
            "https://own.example/&#64;x",
            "https://ext.example/?a=b//c",
            "ftp://files.example/x",
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "java&#x09;script:x",
            "data:text/html,x",
            "\\\\evil.example/x",
            "/\\evil.example/x",
            "https:\\\\evil.example/x",
            "https://own.example/ü",
            "/über-mich/",
            "//ü",
            "é",
            "mailto:é@é.fr",
            "é@é.fr",
            "https://own.example/?a=1&amp;b=2",
        ];
        let html: String = hrefs
            .iter()
            .map(|h| format!("<p><a href=\"{h}\" rel=\"me\">x</a> <A HREF='{h}'>y</A></p>\n"))
            .collect();
        for (base, new_tab) in [
            ("https://own.example", true),
            ("https://own.example/sub/", false),
            ("/", true),
            ("", false),
            ("http://[::1]:1111/", true),
        ] {
            let mut config = Config::defaults_for(Path::new("/site"));
            config.base_url = base.into();
            config.folio.links.external_links_new_tab = new_tab;
            let narrow = links_selector(host_of(base).as_deref());
            assert_eq!(
                rewrite_with(&config, &narrow, &html),
                rewrite_with(&config, "a[href]", &html),
                "base_url {base:?}, selector {narrow:?}"
            );
        }
    }

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
        assert_eq!(
            host_of("\\\\Evil.example/x").as_deref(),
            Some("evil.example")
        );
        assert_eq!(host_of("/\\evil.example").as_deref(), Some("evil.example"));
        assert_eq!(
            host_of("HTTPS:\\\\evil.example").as_deref(),
            Some("evil.example")
        );
        // Links that start with a character of several bytes.
        for local in [
            "/über-mich/",
            "é",
            "//ü",
            "ü",
            "mailto:é@é.fr",
            "https:é",
            "h",
        ] {
            assert_eq!(
                host_of(local).as_deref(),
                (local == "//ü").then_some("ü"),
                "{local}"
            );
        }
    }

    /// Links whose text is not ASCII are rewritten, twice, without a panic and with the second
    /// run changing nothing.
    #[test]
    fn non_ascii_links_rewrite_and_stay() {
        let mut config = Config::defaults_for(Path::new("/site"));
        config.base_url = "https://own.example/".into();
        let html = r#"<p><a href="/über-mich/">a</a><a href="//ü">b</a><a href="é">c</a><a href="é@é.fr">d</a></p>"#;
        let once = rewrite_with(&config, &links_selector(Some("own.example")), html);
        assert!(once.contains(r#"href="mailto:é@é.fr""#), "{once}");
        assert!(
            once.contains(r#"<a href="//ü" rel="noopener noreferrer""#),
            "{once}"
        );
        let twice = rewrite_with(&config, &links_selector(Some("own.example")), &once);
        assert_eq!(once, twice);
        assert!(!LinksPass::new(&config).page_wants(&once, &Census::of(&once)));
    }

    /// A script URL never stays a link, in `a` or in a frame, form or object, however it is
    /// written; the text stays, the page is reported, and a second run changes nothing.
    #[test]
    fn script_urls_are_made_inert() {
        let config = Config::defaults_for(Path::new("/site"));
        let html = concat!(
            r#"<p><a href="javascript:alert(1)">a</a> <A HREF=' JaVaScRiPt:alert(1)'>b</A> "#,
            r#"<a href="java&#x09;script:x">c</a> <a href="data:text/html,x">d</a> "#,
            r#"<a href="vbscript:x" rel="me">e</a> <a href="/safe">f</a></p>"#,
            r#"<iframe src="javascript:x"></iframe><IFRAME SRC="/frame"></IFRAME>"#,
            r#"<form action="javascript:x"><button formaction="data:x">g</button></form>"#,
            r#"<map><area href="javascript:x"></map><object data="data:text/html,x"></object>"#,
            r#"<pre><code><a href="javascript:kept-as-code">h</a></code></pre>"#,
        );
        let pass = LinksPass::new(&config);
        assert!(pass.page_wants(html, &Census::of(html)));
        let report = crate::report::Report::new();
        let assets = crate::assets::Assets::none();
        let page = Page {
            file: Path::new("/site/index.html"),
            root: Path::new("/site"),
            source: html,
            config: &config,
            report: &report,
            assets: &assets,
            verbatim: Default::default(),
            census: Default::default(),
        };
        let passes: Vec<Box<dyn Pass>> = vec![Box::new(LinksPass::new(&config))];
        let out = crate::engine::rewrite(&passes, &page, html.as_bytes()).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<p><a>a</a> <A>b</A> "#,
                r#"<a>c</a> <a>d</a> "#,
                r#"<a rel="me">e</a> <a href="/safe">f</a></p>"#,
                r#"<iframe></iframe><IFRAME SRC="/frame"></IFRAME>"#,
                r#"<form><button>g</button></form>"#,
                r#"<map><area></map><object></object>"#,
                r#"<pre><code><a href="javascript:kept-as-code">h</a></code></pre>"#,
            )
        );
        assert_eq!(report.take_warnings().len(), 10);
        // The script in code is text to the reader, not a link; the prefilter may still look.
        let again = crate::engine::rewrite(&passes, &page, out.as_bytes()).unwrap();
        assert_eq!(again, out.as_bytes());
    }
}
