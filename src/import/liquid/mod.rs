//! Bodies: the Liquid that al-folio sites use, turned into Zola Markdown.
//!
//! Jekyll runs Liquid over a page before Markdown, so every `{{ … }}` and `{% … %}` is looked at,
//! code blocks included. Converted:
//!
//! | Liquid | Zola |
//! |---|---|
//! | `{{ site.baseurl }}`, `{{ site.url }}`, `{{ '/x' \| relative_url }}`, `absolute_url`, `prepend: site.baseurl` | nothing (the path stays a site path, made base-path-aware by `site_links`); at the start of a Markdown link to an imported page, an internal link `@/…` |
//! | `{{ site.KEY }}`, `{{ page.KEY }}` (text values) | the value |
//! | `{% link _pages/x.md %}`, `{% post_url 2015-03-15-x %}` | `@/…` in Markdown links, the URL elsewhere |
//! | `{% include figure.liquid … %}` (and `.html`), `video`, `audio`, `{% responsive_image … %}` | the theme's `figure`, `video`, `audio` shortcodes |
//! | `{% cite k %}`, `{% reference k %}` | the `cite` and `reference` shortcodes |
//! | `{% raw %}…{% endraw %}` | the text, shortcode-shaped pieces escaped |
//! | `{% comment %}…{% endcomment %}` | an HTML comment |
//! | `{% highlight py %}…{% endhighlight %}` | a fenced code block |
//! | `{% details s %}…{% enddetails %}` | `<details><summary>` |
//! | `{% tabs g %}{% tab g name %}…{% endtab %}{% endtabs %}` | `<div class="tabs" data-tabs>` of `<section class="tab-panel">`s (the theme's folio-tabs.js makes them tabs) |
//! | `{% bibliography %}` on the publications page | nothing (the page's template lists the bibliography) |
//!
//! Everything else (`if`, `for`, `assign`, other includes, filters it does not know) stays as
//! text, escaped where Zola would take it for a shortcode, and is reported with its line.
//!
//! Modules: [`lexer`] finds the tokens (and block ends, loop pairs, argument values), [`output`]
//! evaluates `{{ … }}`, [`tags`] converts `{% … %}`, [`include`] turns includes into shortcodes.
//! This file holds the tables the caller gives ([`Links`], [`Site`], [`Body`]) and the
//! converter's main loop.

mod bibliography;
mod data_loop;
mod include;
mod lexer;
mod output;
mod tags;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::report::Report;
use super::shortcodes;
use super::yaml::Node;
use lexer::Token;

/// Where a link to an imported file goes.
#[derive(Debug, Clone)]
pub struct Target {
    /// Zola's internal link: `@/blog/x.md`.
    pub internal: String,
    /// The page's URL path on the old site, without baseurl: `/blog/2015/x/`.
    pub url: String,
}

/// Link resolution tables, filled once every file's destination is known.
#[derive(Debug, Default)]
pub struct Links {
    /// By source path (`_pages/about.md`, `_posts/2015-03-15-x.md`).
    pub by_source: HashMap<String, Target>,
    /// Posts by file stem (`2015-03-15-x`), as `{% post_url %}` names them.
    pub by_post: HashMap<String, Target>,
    /// By URL path, normalised with a trailing slash (`/blog/2015/x/`).
    pub by_url: HashMap<String, Target>,
}

impl Links {
    /// The target for a URL path (with or without trailing slash, `.html` or `index.html`).
    pub fn lookup_url(&self, path: &str) -> Option<&Target> {
        let path = path.strip_suffix("index.html").unwrap_or(path);
        let path = path.strip_suffix(".html").unwrap_or(path);
        let key = if path.ends_with('/') {
            path.to_owned()
        } else {
            format!("{path}/")
        };
        self.by_url.get(&key)
    }
}

/// The site around a body.
pub struct Site<'a> {
    /// `baseurl` of the old site: "" or "/path".
    pub baseurl: &'a str,
    /// `url` of the old site, no trailing slash ("" if unknown).
    pub url: &'a str,
    /// `_config.yml`, for `{{ site.KEY }}`.
    pub config: &'a Node,
    pub links: &'a Links,
    /// The site's .bib files by name without `.bib` (`papers`), as imported
    /// (`bibliography/papers.bib`).
    pub bibs: &'a HashMap<String, String>,
    /// The `_data` files copied to `data/`, and the shortcodes made of loops over them.
    pub data: &'a DataLoops,
}

/// The `_data` files a loop may read (`collaborators` → `data/collaborators.yml`, with the
/// source file), and the Markdown shortcodes the loops over them became (name, Tera text), for
/// the site's `templates/shortcodes/`.
#[derive(Debug, Default)]
pub struct DataLoops {
    pub files: HashMap<String, (String, Option<std::path::PathBuf>)>,
    pub made: RefCell<Vec<(String, String)>>,
    /// Whether a file parses, found the first time a loop names it.
    parses: RefCell<HashMap<String, bool>>,
}

impl DataLoops {
    pub fn new(files: HashMap<String, (String, Option<std::path::PathBuf>)>) -> Self {
        Self {
            files,
            ..Default::default()
        }
    }
}

impl data_loop::DataFiles for DataLoops {
    /// The copy's path, if the file parses as Zola's `load_data` needs (UTF-8 as it is; JSON,
    /// or YAML through the import's bounded parser): one that does not would stop the build.
    fn path(&self, name: &str) -> Option<String> {
        let (path, source) = self.files.get(name)?;
        let Some(source) = source else {
            return Some(path.clone());
        };
        let ok = *self
            .parses
            .borrow_mut()
            .entry(name.to_owned())
            .or_insert_with(|| {
                let Ok(bytes) = super::source::read(source, 16 << 20) else {
                    return false;
                };
                let Ok(text) = std::str::from_utf8(&bytes) else {
                    return false;
                };
                if path.ends_with(".json") {
                    serde_json::from_str::<serde_json::Value>(text).is_ok()
                } else {
                    super::yaml::parse(text, 1).is_ok()
                }
            });
        ok.then(|| path.clone())
    }
}

/// The body being converted.
pub struct Body<'a> {
    /// The source file, for the report.
    pub file: &'a str,
    /// The line of the file the body starts on.
    pub first_line: usize,
    /// The page's front matter, for `{{ page.KEY }}`.
    pub page: &'a Node,
    /// The page is the publications page: `{% bibliography %}` is the template's job.
    pub publications: bool,
}

/// Converts a body (see the module docs).
pub fn convert(text: &str, site: &Site<'_>, body: &Body<'_>, report: &mut Report) -> String {
    let mut c = Converter {
        text,
        site,
        body,
        report,
        out: String::with_capacity(text.len() + 64),
        pos: 0,
        details: 0,
        tabs: Vec::new(),
        lines: Cell::new((0, 0)),
        out_line: Cell::new((0, 0)),
        closes: [Cell::new((usize::MAX, None)), Cell::new((usize::MAX, None))],
        no_end: RefCell::new(HashMap::new()),
        for_ends: None,
    };
    c.run();
    c.out
}

struct Converter<'a, 'r> {
    text: &'a str,
    site: &'a Site<'a>,
    body: &'a Body<'a>,
    report: &'r mut Report,
    out: String,
    pos: usize,
    details: usize,
    /// Open `{% tabs %}` blocks, each with whether a `{% tab %}` in it is open.
    tabs: Vec<bool>,
    // Caches that keep the work linear in the text's size on hostile input (thousands of
    // unclosed tags, a tag on every line): each remembers how far it has already looked.
    /// (offset, newlines in `text` before it).
    lines: Cell<(usize, usize)>,
    /// (length of `out` looked at, where its last line starts).
    out_line: Cell<(usize, usize)>,
    /// For `}}` and `%}`: (searched from, the first occurrence at or after it, if any);
    /// `usize::MAX` before the first search.
    closes: [Cell<(usize, Option<usize>)>; 2],
    /// Block names whose end tag is known to be absent from this offset on.
    no_end: RefCell<HashMap<&'static str, usize>>,
    /// `{% for %}` start offset → its `{% endfor %}` (start, end), computed once when needed.
    for_ends: Option<HashMap<usize, (usize, usize)>>,
}

impl Converter<'_, '_> {
    fn attention(&mut self, offset: usize, message: String) {
        let line = self.line_at(offset);
        self.report.attention(self.body.file, Some(line), message);
    }

    fn note(&mut self, offset: usize, message: String) {
        let line = self.line_at(offset);
        self.report.note(self.body.file, Some(line), message);
    }

    fn run(&mut self) {
        while let Some(token) = self.next_token() {
            self.out.push_str(&self.text[self.pos..token.start]);
            self.pos = token.end;
            if token.output {
                self.output(&token);
            } else {
                self.tag(&token);
            }
        }
        self.out.push_str(&self.text[self.pos..]);
        if !self.tabs.is_empty() {
            self.attention(
                self.text.len(),
                "`{% tabs %}` without `{% endtabs %}`: closed at the end".into(),
            );
            while let Some(tab_open) = self.tabs.pop() {
                if tab_open {
                    self.out.push_str("\n\n</section>");
                }
                self.out.push_str("\n</div>\n");
            }
        }
        if self.details > 0 {
            self.attention(
                self.text.len(),
                "`{% details %}` without `{% enddetails %}`: closed at the end".into(),
            );
            for _ in 0..self.details {
                self.out.push_str("\n\n</details>\n");
            }
        }
    }

    /// Keeps a token as text (escaped for Zola) and reports it.
    fn keep(&mut self, token: &Token<'_>, why: &str) {
        let original = &self.text[token.start..token.end];
        let (escaped, _) = shortcodes::escape(original);
        self.out.push_str(&escaped);
        let shown = short(original);
        self.attention(
            token.start,
            format!("Liquid `{shown}` not converted: {why}"),
        );
    }
}

/// A token for a message: one line, at most 80 characters.
pub fn short(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 80 {
        let cut: String = one.chars().take(77).collect();
        format!("{cut}…")
    } else {
        one
    }
}

#[cfg(test)]
mod tests;
