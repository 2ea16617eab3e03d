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
//! | `{% include social.liquid %}`, `selected_papers` (and `.html`) | the theme's `social` shortcode, `bibliography(query="selected=true")` |
//! | `{% include news.liquid %}` | on the about page, nothing (its template lists the news); elsewhere a link to the news page |
//! | `{% cite k %}`, `{% reference k %}` | the `cite` and `reference` shortcodes |
//! | `{% raw %}…{% endraw %}` | the text, shortcode-shaped pieces escaped |
//! | `{% comment %}…{% endcomment %}` | an HTML comment |
//! | `{% highlight py %}…{% endhighlight %}` | a fenced code block |
//! | `{% details s %}…{% enddetails %}` | `<details><summary>` |
//! | `{% quote key %}…{% endquote %}` (jekyll-scholar) | a `<blockquote>` with `<cite>` and the `cite` shortcode |
//! | `{% tabs g %}{% tab g name %}…{% endtab %}{% endtabs %}` | `<div class="tabs" data-tabs>` of `<section class="tab-panel">`s (the theme's folio-tabs.js makes them tabs) |
//! | `{% bibliography %}` on the publications page | nothing (the page's template lists the bibliography) |
//!
//! Everything else (`if`, `for`, `assign`, other includes, filters it does not know) is reported
//! with its line and kept out of sight: in an HTML comment (escaped where Zola would take it for
//! a shortcode), or as it was inside code (see [`code`]).
//!
//! Modules: [`lexer`] finds the tokens (and block ends, loop pairs, argument values), [`output`]
//! evaluates `{{ … }}`, [`tags`] converts `{% … %}`, [`include`] turns includes into shortcodes.
//! This file holds the tables the caller gives ([`Links`], [`Site`], [`Body`]) and the
//! converter's main loop.

mod bibliography;
mod code;
mod data_loop;
mod include;
mod lexer;
mod notebook;
mod output;
mod tags;

use std::cell::{Cell, OnceCell, RefCell};
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

impl Site<'_> {
    /// The news section (`@/news/_index.md`), when the site has news items (`_news/`).
    pub fn news_section(&self) -> Option<String> {
        let (_, item) = self
            .links
            .by_source
            .iter()
            .find(|(k, _)| k.starts_with("_news/"))?;
        let dir = item.internal.rsplit_once('/')?.0;
        Some(format!("{dir}/_index.md"))
    }
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
    let unwrapped = notebook::unwrap_blocks(text);
    let text: &str = &unwrapped;
    let mut c = Converter {
        text,
        site,
        body,
        report,
        out: String::with_capacity(text.len() + 64),
        pos: 0,
        details: 0,
        tabs: Vec::new(),
        quotes: Vec::new(),
        lines: Cell::new((0, 0)),
        out_line: Cell::new((0, 0)),
        closes: [Cell::new((usize::MAX, None)), Cell::new((usize::MAX, None))],
        no_end: RefCell::new(HashMap::new()),
        for_ends: None,
        code: OnceCell::new(),
        deferred: String::new(),
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
    /// Open `{% quote %}` blocks: the keys each cites.
    quotes: Vec<String>,
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
    /// The text's code blocks and spans, found when a token is first kept.
    code: OnceCell<code::CodeRanges>,
    /// Comments of kept tokens that began a line with text after them: written at the end of
    /// that line (a comment opening a line would make the whole line raw HTML).
    deferred: String,
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
            let text = self.text;
            self.push_source(&text[self.pos..token.start]);
            self.pos = token.end;
            if token.output {
                self.output(&token);
            } else {
                self.tag(&token);
            }
        }
        let text = self.text;
        self.push_source(&text[self.pos..]);
        if !self.deferred.is_empty() {
            let deferred = std::mem::take(&mut self.deferred);
            self.out.push_str(&deferred);
        }
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
        if !self.quotes.is_empty() {
            self.attention(
                self.text.len(),
                "`{% quote %}` without `{% endquote %}`: closed at the end".into(),
            );
            for _ in 0..self.quotes.len() {
                self.out.push_str("\n\n</blockquote>\n");
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

    /// Source text between tokens; deferred comments go before its first line end.
    fn push_source(&mut self, s: &str) {
        if !self.deferred.is_empty()
            && let Some(i) = s.find(['\n', '\r'])
        {
            self.out.push_str(&s[..i]);
            let deferred = std::mem::take(&mut self.deferred);
            self.out.push_str(&deferred);
            self.out.push_str(&s[i..]);
        } else {
            self.out.push_str(s);
        }
    }

    /// Keeps a token the converter cannot translate, and reports it. A visitor never sees it:
    /// outside code it is written inside an HTML comment (escaped for Zola), so the page keeps
    /// it for whoever mends the page; inside a code block or span, where a comment would be
    /// shown, it stays as it was.
    fn keep(&mut self, token: &Token<'_>, why: &str) {
        let original = &self.text[token.start..token.end];
        if self.in_code(token.start) {
            self.out.push_str(&shortcodes::escape(original).0);
        } else {
            self.hide(original, token.end);
        }
        let shown = short(original);
        self.attention(
            token.start,
            format!("Liquid `{shown}` not converted: {why}"),
        );
    }

    /// Whether `offset` is inside a code block or span of the text (found on the first ask).
    fn in_code(&self, offset: usize) -> bool {
        let text = self.text;
        self.code
            .get_or_init(|| code::CodeRanges::of(text))
            .contains(offset)
    }

    /// Writes `original`, source that ends at `end`, inside an HTML comment (escaped for Zola).
    fn hide(&mut self, original: &str, end: usize) {
        let (escaped, _) = shortcodes::escape(original);
        let comment = format!(
            "<!-- folio import: not converted: {} -->",
            escaped.replace("-->", "--&gt;")
        );
        self.push_comment(comment, end);
    }

    /// Writes the comment of a kept token that ends at `end`. A comment that would open a line
    /// with text after it waits for the line's end (a line opened by a comment is raw HTML).
    /// Each test stops at the first character that decides it, so a long line of kept tokens
    /// stays linear.
    fn push_comment(&mut self, comment: String, end: usize) {
        let wait = !self.deferred.is_empty() || {
            let line_start = self.out_line_start();
            self.out[line_start..].trim().is_empty()
                && self.text[end..]
                    .chars()
                    .take_while(|c| *c != '\n' && *c != '\r')
                    .any(|c| !c.is_whitespace())
        };
        if wait {
            self.deferred.push_str(&comment);
        } else {
            self.out.push_str(&comment);
        }
    }

    /// A `{% for %}` loop the converter cannot translate (over `site.posts`, `site.github.*`,
    /// `page.*`): the whole loop, its body being a template for each item, goes into one HTML
    /// comment (its lines are no text of the page on their own), and is reported once. Inside
    /// code, or without its `{% endfor %}`, the tag is kept alone (`keep`).
    fn hide_loop(&mut self, token: &Token<'_>) {
        let why = "Liquid logic has no Zola Markdown equivalent";
        let in_code = self.in_code(token.start);
        let Some((_, end)) = self.for_end(token.start).filter(|_| !in_code) else {
            self.keep(token, why);
            return;
        };
        let text = self.text;
        let original = &text[token.start..end];
        self.hide(original, end);
        let lines = original.lines().count();
        self.attention(
            token.start,
            format!(
                "Liquid loop `{}` ({lines} lines) not converted: {why}; kept in an HTML comment",
                short(&text[token.start..token.end])
            ),
        );
        self.pos = end;
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
