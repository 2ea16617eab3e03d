//! Bodies: the Liquid that al-folio sites use, turned into Zola Markdown.
//!
//! Jekyll runs Liquid over a page before Markdown, so every `{{ … }}` and `{% … %}` is looked at,
//! code blocks included. Converted:
//!
//! | Liquid | Zola |
//! |---|---|
//! | `{{ site.baseurl }}`, `{{ site.url }}`, `{{ '/x' \| relative_url }}`, `absolute_url`, `prepend: site.baseurl` | the literal URL prefix of the old site; at the start of a Markdown link to an imported page, an internal link `@/…` |
//! | `{{ site.KEY }}`, `{{ page.KEY }}` (text values) | the value |
//! | `{% link _pages/x.md %}`, `{% post_url 2015-03-15-x %}` | `@/…` in Markdown links, the URL elsewhere |
//! | `{% include figure.liquid … %}` (and `.html`), `video`, `audio`, `{% responsive_image … %}` | the theme's `figure`, `video`, `audio` shortcodes |
//! | `{% cite k %}`, `{% reference k %}` | the `cite` and `reference` shortcodes |
//! | `{% raw %}…{% endraw %}` | the text, shortcode-shaped pieces escaped |
//! | `{% comment %}…{% endcomment %}` | an HTML comment |
//! | `{% highlight py %}…{% endhighlight %}` | a fenced code block |
//! | `{% details s %}…{% enddetails %}` | `<details><summary>` |
//! | `{% bibliography %}` on the publications page | nothing (the page's template lists the bibliography) |
//!
//! Everything else (`if`, `for`, `assign`, other includes, filters it does not know) stays as
//! text, escaped where Zola would take it for a shortcode, and is reported with its line.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::report::Report;
use super::shortcodes::{self, Arg};
use super::yaml::Node;

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

/// A Liquid tag or output found in the text.
struct Token<'a> {
    start: usize,
    end: usize,
    /// Inside the delimiters, whitespace-control dashes and spaces trimmed.
    inner: &'a str,
    output: bool,
}

impl<'a> Converter<'a, '_> {
    fn line_at(&self, offset: usize) -> usize {
        let (mut at, mut newlines) = self.lines.get();
        if offset < at {
            (at, newlines) = (0, 0);
        }
        newlines += memchr::memchr_iter(b'\n', &self.text.as_bytes()[at..offset]).count();
        self.lines.set((offset, newlines));
        self.body.first_line + newlines
    }

    /// Whether `close` occurs in `text[from..before]` (the first occurrence from `from` is
    /// remembered, so scanning ahead costs nothing the second time).
    fn close_before(&self, close: &str, from: usize, before: usize) -> bool {
        let cell = &self.closes[usize::from(close == "%}")];
        let (searched, found) = cell.get();
        let next = if from >= searched && found.is_none_or(|f| f >= from) {
            found
        } else {
            let found = memchr::memmem::find(&self.text.as_bytes()[from..], close.as_bytes())
                .map(|i| from + i);
            cell.set((from, found));
            found
        };
        next.is_some_and(|n| n + close.len() <= before)
    }

    /// Where the last line of the output starts.
    fn out_line_start(&self) -> usize {
        let (mut seen, mut start) = self.out_line.get();
        if seen > self.out.len() {
            (seen, start) = (0, 0);
        }
        if let Some(i) = memchr::memrchr(b'\n', &self.out.as_bytes()[seen..]) {
            start = seen + i + 1;
        }
        self.out_line.set((self.out.len(), start));
        start
    }

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

    /// The next `{{ … }}` or `{% … %}` from `self.pos`.
    fn next_token(&self) -> Option<Token<'a>> {
        let text = self.text;
        let mut from = self.pos;
        loop {
            let rel = text[from..].find('{')?;
            let start = from + rel;
            let rest = &text[start..];
            let (close, output) = if rest.starts_with("{{") {
                ("}}", true)
            } else if rest.starts_with("{%") {
                ("%}", false)
            } else {
                from = start + 1;
                continue;
            };
            if !self.close_before(close, start + 2, start + MAX_TAG.min(rest.len())) {
                from = start + 2;
                continue;
            }
            let Some(end) = find_close(rest, close) else {
                from = start + 2;
                continue;
            };
            let mut inner = &rest[2..end - 2];
            inner = inner.strip_prefix('-').unwrap_or(inner);
            inner = inner.strip_suffix('-').unwrap_or(inner);
            let inner = inner.trim();
            return Some(Token {
                start,
                end: start + end,
                inner,
                output,
            });
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

    // ---- outputs: {{ … }}

    fn output(&mut self, token: &Token<'_>) {
        let expr = token.inner;
        match self.eval(expr) {
            Some(Value::Url(prefix)) => self.url_value(prefix),
            Some(Value::Text(text)) => self.out.push_str(&text),
            None => self.keep(token, "only site/page values and URL filters are converted"),
        }
    }

    /// Evaluates the expressions this module knows; `None` for the rest.
    fn eval(&self, expr: &str) -> Option<Value> {
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
                ("relative_url", None) => {
                    let path = value.text();
                    if path.contains("://") {
                        Value::Text(path)
                    } else {
                        Value::Url(join_url(self.site.baseurl, &path))
                    }
                }
                ("absolute_url", None) => {
                    let path = value.text();
                    if path.contains("://") {
                        Value::Text(path)
                    } else {
                        Value::Url(format!(
                            "{}{}",
                            self.site.url,
                            join_url(self.site.baseurl, &path)
                        ))
                    }
                }
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

    fn eval_base(&self, base: &str) -> Option<Value> {
        if let Some(s) = string_literal(base) {
            return Some(Value::Text(s));
        }
        match base {
            "site.baseurl" => return Some(Value::Url(self.site.baseurl.to_owned())),
            "site.url" => return Some(Value::Url(self.site.url.to_owned())),
            _ => {}
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

    /// Writes a URL prefix; at the start of a Markdown link destination followed by the path of
    /// an imported page, writes the internal link instead (and consumes the path).
    fn url_value(&mut self, prefix: String) {
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
    fn internal_for(&self, candidate: &str, prefix_len: usize) -> Option<(String, usize)> {
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
    fn in_link_destination(&self) -> bool {
        if self.out.ends_with("](") || self.out.ends_with("](<") {
            return true;
        }
        let line = &self.out[self.out_line_start()..];
        let trimmed = line.trim_start();
        trimmed.starts_with('[') && trimmed.trim_end().ends_with("]:") && !trimmed.starts_with("[^")
    }

    // ---- tags: {% … %}

    fn tag(&mut self, token: &Token<'_>) {
        let inner = token.inner;
        let (name, args) = match inner.find(char::is_whitespace) {
            Some(i) => (&inner[..i], inner[i..].trim()),
            None => (inner, ""),
        };
        match name {
            "raw" => self.block_raw(token),
            "comment" => self.block_comment(token),
            "highlight" => self.block_highlight(token, args),
            "details" => {
                let summary = args.trim_matches(|c| c == '"' || c == '\'');
                self.out
                    .push_str(&format!("<details><summary>{summary}</summary>\n\n"));
                self.details += 1;
            }
            "enddetails" if self.details > 0 => {
                self.details -= 1;
                self.out.push_str("\n\n</details>");
            }
            "link" => self.link(token, args, false),
            "post_url" => self.link(token, args, true),
            "include" => self.include(token, args),
            "responsive_image" => self.responsive_image(token, args),
            "cite" | "reference" => self.cite(token, name, args),
            "twitter" | "gist" => self.embed(token, name, args),
            "bibliography" if self.body.publications => {
                self.note(
                    token.start,
                    "`{% bibliography %}` removed: the publications template lists the bibliography"
                        .into(),
                );
            }
            "for" if self.body.publications => self.publications_loop(token),
            "bibliography" => self.keep(
                token,
                "a bibliography outside the publications page (use template = \"publications.html\" with extra.bibliography)",
            ),
            "if" | "elsif" | "else" | "endif" | "unless" | "endunless" | "for" | "endfor"
            | "case" | "when" | "endcase" | "assign" | "capture" | "endcapture" | "break"
            | "continue" | "cycle" | "increment" | "decrement" | "tablerow" | "endtablerow" => {
                self.keep(token, "Liquid logic has no Zola Markdown equivalent")
            }
            _ => self.keep(token, "no Zola equivalent"),
        }
    }

    /// The end of a block: the text up to `{% endNAME %}` and where the end tag stops.
    fn block_end(&self, name: &'static str) -> Option<(usize, usize)> {
        // Absent from an offset on: absent from every later one (each `{%` is looked at on its
        // own), so a thousand unclosed blocks cost one scan.
        if self
            .no_end
            .borrow()
            .get(name)
            .is_some_and(|&p| self.pos >= p)
        {
            return None;
        }
        let end_tag = format!("end{name}");
        let mut from = self.pos;
        loop {
            let Some(rel) = memchr::memmem::find(&self.text.as_bytes()[from..], b"{%") else {
                self.no_end.borrow_mut().insert(name, self.pos);
                return None;
            };
            let start = from + rel;
            from = start + 2;
            if !self.close_before("%}", start + 2, (start + MAX_TAG).min(self.text.len())) {
                continue;
            }
            let Some(end) = find_close(&self.text[start..], "%}") else {
                continue;
            };
            let inner = self.text[start + 2..start + end - 2]
                .trim_matches('-')
                .trim();
            if inner == end_tag {
                return Some((start, start + end));
            }
        }
    }

    /// The `{% endfor %}` of the `{% for %}` tag at `start` (loops nest): every pair is found
    /// in one pass over the text, the first time one is asked for.
    fn for_end(&mut self, start: usize) -> Option<(usize, usize)> {
        if self.for_ends.is_none() {
            self.for_ends = Some(self.for_pairs());
        }
        self.for_ends.as_ref()?.get(&start).copied()
    }

    fn for_pairs(&self) -> HashMap<usize, (usize, usize)> {
        let text = self.text;
        let mut ends = HashMap::new();
        let mut open = Vec::new();
        let mut from = 0;
        while let Some(rel) = memchr::memmem::find(&text.as_bytes()[from..], b"{%") {
            let at = from + rel;
            from = at + 2;
            if !self.close_before("%}", at + 2, (at + MAX_TAG).min(text.len())) {
                continue;
            }
            let Some(end) = find_close(&text[at..], "%}") else {
                continue;
            };
            let inner = text[at + 2..at + end - 2].trim_matches('-').trim();
            match inner.split_whitespace().next().unwrap_or("") {
                "for" => open.push(at),
                "endfor" => {
                    if let Some(o) = open.pop() {
                        ends.insert(o, (at, at + end));
                    }
                }
                _ => {}
            }
            from = at + end;
        }
        ends
    }

    /// On the publications page, a loop around `{% bibliography %}` (al-folio's year groups) is
    /// the template's job: it goes; other loops stay.
    fn publications_loop(&mut self, token: &Token<'_>) {
        match self.for_end(token.start) {
            Some((content_end, end))
                if self.text[self.pos..content_end].contains("bibliography") =>
            {
                let lines = self.text[token.start..end].lines().count();
                self.note(
                    token.start,
                    format!("a {lines}-line loop around `{{% bibliography %}}` removed: the publications template groups the bibliography by year"),
                );
                self.pos = end;
            }
            _ => self.keep(token, "Liquid logic has no Zola Markdown equivalent"),
        }
    }

    fn block_raw(&mut self, token: &Token<'_>) {
        let Some((content_end, end)) = self.block_end("raw") else {
            self.keep(token, "`{% raw %}` without `{% endraw %}`");
            return;
        };
        let (escaped, _) = shortcodes::escape(&self.text[self.pos..content_end]);
        self.out.push_str(&escaped);
        self.pos = end;
    }

    fn block_comment(&mut self, token: &Token<'_>) {
        let Some((content_end, end)) = self.block_end("comment") else {
            self.keep(token, "`{% comment %}` without `{% endcomment %}`");
            return;
        };
        let content = self.text[self.pos..content_end].replace("-->", "--&gt;");
        let (escaped, _) = shortcodes::escape(&content);
        self.out.push_str(&format!("<!--{escaped}-->"));
        self.pos = end;
    }

    fn block_highlight(&mut self, token: &Token<'_>, args: &str) {
        let Some((content_end, end)) = self.block_end("highlight") else {
            self.keep(token, "`{% highlight %}` without `{% endhighlight %}`");
            return;
        };
        let mut words = args.split_whitespace();
        let lang = words.next().unwrap_or("").to_owned();
        let options: Vec<&str> = words.collect();
        if !options.is_empty() {
            self.note(
                token.start,
                format!(
                    "`{{% highlight {lang} {} %}}`: the options are dropped (a plain code block)",
                    options.join(" ")
                ),
            );
        }
        // Jekyll strips leading and trailing line terminators.
        let content = self.text[self.pos..content_end]
            .trim_start_matches(['\r', '\n'])
            .trim_end_matches(['\r', '\n', ' ', '\t']);
        let longest = longest_run(content, '`');
        let fence = "`".repeat(longest.max(2) + 1);
        let (escaped, _) = shortcodes::escape(content);
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
            .push_str(&format!("{fence}{lang}\n{escaped}\n{fence}"));
        self.pos = end;
    }

    fn link(&mut self, token: &Token<'_>, args: &str, post: bool) {
        let arg = args.trim().trim_matches(|c| c == '"' || c == '\'');
        let target = if post {
            self.site.links.by_post.get(arg).or_else(|| {
                // `{% post_url sub/2015-… %}` names a post in a subdirectory by its stem too.
                arg.rsplit('/')
                    .next()
                    .and_then(|s| self.site.links.by_post.get(s))
            })
        } else {
            self.site.links.by_source.get(arg.trim_start_matches('/'))
        };
        let Some(target) = target.cloned() else {
            self.keep(token, "the file it names is not part of the import");
            return;
        };
        // `{{ site.baseurl }}{% link … %}` (needed before Jekyll 4): the prefix is already out.
        if self.in_link_destination() {
            self.out.push_str(&target.internal);
            return;
        }
        if !self.site.baseurl.is_empty() && self.out.ends_with(self.site.baseurl) {
            let cut = self.out.len() - self.site.baseurl.len();
            if self.out[..cut].ends_with("](") {
                self.out.truncate(cut);
                self.out_line.set((0, 0));
                self.out.push_str(&target.internal);
                return;
            }
        }
        if !self.out.ends_with(self.site.baseurl) || self.site.baseurl.is_empty() {
            self.out.push_str(self.site.baseurl);
        }
        self.out.push_str(&target.url);
    }

    fn include(&mut self, token: &Token<'_>, args: &str) {
        let (file, rest) = match args.find(char::is_whitespace) {
            Some(i) => (&args[..i], &args[i..]),
            None => (args, ""),
        };
        let stem = file
            .strip_suffix(".liquid")
            .or_else(|| file.strip_suffix(".html"))
            .unwrap_or(file);
        if stem == "bib_search" && self.body.publications {
            self.note(
                token.start,
                "`{% include bib_search.liquid %}` removed: the folio theme has no search".into(),
            );
            return;
        }
        let shortcode = match stem {
            "figure" => "figure",
            "video" => "video",
            "audio" => "audio",
            _ => {
                let why = match stem {
                    "news" | "latest_posts" | "selected_papers" | "social" => {
                        "the about page shows this from its front matter (news, latest_posts, selected_papers, social)"
                    }
                    _ => "no shortcode for this include",
                };
                self.keep(token, why);
                return;
            }
        };
        match self.include_args(rest) {
            Ok(args) => self.shortcode(token, shortcode, args),
            Err(why) => self.keep(token, &why),
        }
    }

    /// `key=value` arguments of an include: literals only (variables cannot be converted).
    fn include_args(&self, rest: &str) -> Result<Vec<(String, Arg)>, String> {
        let mut args = Vec::new();
        let mut s = rest.trim_start();
        while !s.is_empty() {
            let eq = s
                .find('=')
                .ok_or_else(|| format!("cannot read the arguments `{}`", short(s)))?;
            let key = s[..eq].trim();
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
            {
                return Err(format!("cannot read the arguments `{}`", short(s)));
            }
            let after = s[eq + 1..].trim_start();
            let (raw, next) = take_value(after);
            let value = self.include_value(raw)?;
            args.push((key.replace('-', "_"), value));
            s = next.trim_start();
        }
        Ok(args)
    }

    fn include_value(&self, raw: &str) -> Result<Arg, String> {
        if let Some(s) = string_literal(raw) {
            // `{{ … }}` inside a quoted argument: only the values this module knows.
            if s.contains("{{") || s.contains("{%") {
                let mut out = String::new();
                let mut rest = s.as_str();
                while let Some(i) = rest.find("{{") {
                    out.push_str(&rest[..i]);
                    let end = rest[i..]
                        .find("}}")
                        .ok_or_else(|| format!("cannot read `{}`", short(raw)))?;
                    let expr = rest[i + 2..i + end].trim_matches('-').trim();
                    out.push_str(
                        &self
                            .eval(expr)
                            .ok_or_else(|| {
                                format!("the argument `{}` uses a variable", short(raw))
                            })?
                            .text(),
                    );
                    rest = &rest[i + end + 2..];
                }
                if rest.contains("{%") {
                    return Err(format!("the argument `{}` uses a tag", short(raw)));
                }
                out.push_str(rest);
                return Ok(Arg::Str(out));
            }
            return Ok(Arg::Str(s));
        }
        if raw.starts_with("page.") || raw.starts_with("site.") {
            return match self.eval_base(raw) {
                Some(v) => Ok(Arg::Str(v.text())),
                None => Err(format!("the argument `{}` is not a text value", short(raw))),
            };
        }
        match raw {
            "true" => Ok(Arg::Bool(true)),
            "false" => Ok(Arg::Bool(false)),
            _ => raw
                .parse::<i64>()
                .map(Arg::Int)
                .or_else(|_| raw.parse::<f64>().map(|_| Arg::Str(raw.to_owned())))
                .map_err(|_| format!("the argument `{}` is a variable", short(raw))),
        }
    }

    fn responsive_image(&mut self, token: &Token<'_>, args: &str) {
        // `path: assets/img/x.jpg class: "img-fluid rounded" alt: "…"`
        let mut out = Vec::new();
        let mut s = args.trim();
        while !s.is_empty() {
            let Some(colon) = s.find(':') else {
                self.keep(token, "cannot read the arguments");
                return;
            };
            let key = s[..colon].trim().replace('-', "_");
            let after = s[colon + 1..].trim_start();
            let (raw, next) = take_value(after);
            let value = string_literal(raw).unwrap_or_else(|| raw.to_owned());
            out.push((key, Arg::Str(value)));
            s = next.trim_start();
        }
        self.shortcode(token, "figure", out);
    }

    fn shortcode(&mut self, token: &Token<'_>, name: &str, args: Vec<(String, Arg)>) {
        match shortcodes::call(name, &args) {
            Some(call) => self.out.push_str(&call),
            None => self.keep(token, "an argument holds all three quote characters"),
        }
    }

    /// `{% twitter URL %}` and `{% gist user/id %}`: a link instead of the embed (which loads
    /// another site's script).
    fn embed(&mut self, token: &Token<'_>, name: &str, args: &str) {
        let target = args.split_whitespace().next().unwrap_or("");
        let url = match name {
            "gist" if !target.is_empty() && !target.contains("://") => {
                format!("https://gist.github.com/{target}")
            }
            _ => target.to_owned(),
        };
        if !(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(['"', '<', '>'])
        {
            self.keep(token, "the embed has no URL");
            return;
        }
        self.out.push_str(&format!(
            "<blockquote class=\"{name}-embed\"><p><a href=\"{url}\">{url}</a></p></blockquote>"
        ));
        self.note(
            token.start,
            format!(
                "`{{% {name} %}}` is a link to {url}: the embed would load another site's script"
            ),
        );
    }

    fn cite(&mut self, token: &Token<'_>, name: &str, args: &str) {
        let mut keys = Vec::new();
        let mut dropped = Vec::new();
        let mut words = args.split_whitespace();
        while let Some(w) = words.next() {
            if w.starts_with('-') {
                // --file x, -f x, --locator 23, -l 23, --label x, -L x, --prefix x, --suffix x
                let takes_value = matches!(
                    w,
                    "-f" | "--file"
                        | "-l"
                        | "--locator"
                        | "-L"
                        | "--label"
                        | "--prefix"
                        | "--suffix"
                        | "-p"
                        | "-s"
                        | "-t"
                        | "--text"
                        | "--style"
                );
                let mut shown = w.to_owned();
                if takes_value && let Some(v) = words.next() {
                    shown.push(' ');
                    shown.push_str(v);
                }
                dropped.push(shown);
            } else if w.contains("{{") || w.contains('}') {
                self.keep(token, "a citation key from a variable");
                return;
            } else {
                keys.push(w.trim_matches(|c| c == '"' || c == '\''));
            }
        }
        if keys.is_empty() {
            self.keep(token, "no citation key");
            return;
        }
        if !dropped.is_empty() {
            self.note(
                token.start,
                format!(
                    "`{{% {name} %}}`: options `{}` dropped (the shortcode cites from the site's bibliography)",
                    dropped.join(" ")
                ),
            );
        }
        self.shortcode(token, name, vec![("key".into(), Arg::Str(keys.join(" ")))]);
    }
}

/// A value produced by an expression: URL prefixes may become internal links.
enum Value {
    Url(String),
    Text(String),
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Url(s) | Value::Text(s) => s.clone(),
        }
    }
}

/// `baseurl` + `path` with one slash between.
fn join_url(base: &str, path: &str) -> String {
    if path.is_empty() {
        return base.to_owned();
    }
    format!(
        "{}/{}",
        base.trim_end_matches('/'),
        path.trim_start_matches('/')
    )
}

/// The longest Liquid tag looked for (a stray `{{` never makes the scan quadratic).
const MAX_TAG: usize = 4096;

/// The offset just after the closing delimiter, quotes respected (an unbalanced quote: the first
/// delimiter), within [`MAX_TAG`] bytes.
fn find_close(s: &str, close: &str) -> Option<usize> {
    let mut limit = s.len().min(MAX_TAG);
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &s[..limit];
    let bytes = window.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 2;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if bytes[i..].starts_with(close.as_bytes()) => return Some(i + close.len()),
            None => {}
        }
        i += 1;
    }
    window.get(2..)?.find(close).map(|i| i + 2 + close.len())
}

/// `'text'` or `"text"` → text.
fn string_literal(s: &str) -> Option<String> {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) && !s[1..s.len() - 1].contains(q) {
            return Some(s[1..s.len() - 1].to_owned());
        }
    }
    None
}

/// The expression and its filters, split on `|` outside quotes.
fn split_filters(expr: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in expr.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '|' => {
                parts.push(&expr[start..i]);
                start = i + 1;
            }
            None => {}
        }
    }
    parts.push(&expr[start..]);
    parts
}

/// One argument value (quoted, or up to whitespace) and the rest.
fn take_value(s: &str) -> (&str, &str) {
    if let Some(q) = s.chars().next().filter(|c| *c == '"' || *c == '\'')
        && let Some(end) = s[1..].find(q)
    {
        return (&s[..end + 2], &s[end + 2..]);
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], &s[end..])
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
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
mod tests {
    use super::*;

    fn links() -> Links {
        let mut links = Links::default();
        let about = Target {
            internal: "@/_index.md".into(),
            url: "/".into(),
        };
        let post = Target {
            internal: "@/blog/2015-03-15-formatting.md".into(),
            url: "/blog/2015/formatting/".into(),
        };
        let pubs = Target {
            internal: "@/publications.md".into(),
            url: "/publications/".into(),
        };
        links
            .by_source
            .insert("_pages/about.md".into(), about.clone());
        links
            .by_source
            .insert("_pages/publications.md".into(), pubs.clone());
        links
            .by_post
            .insert("2015-03-15-formatting".into(), post.clone());
        links.by_url.insert("/".into(), about);
        links.by_url.insert("/blog/2015/formatting/".into(), post);
        links.by_url.insert("/publications/".into(), pubs);
        links
    }

    fn run_with(text: &str, baseurl: &str) -> (String, Report) {
        let links = links();
        let config = super::super::yaml::parse(
            "title: My Site\nemail: me@example.org\nurl: https://me.github.io\nscholar:\n  last_name: [X]\n",
            1,
        )
        .unwrap()
        .node;
        let page = super::super::yaml::parse("title: A page\nimg: /assets/img/1.jpg\n", 1)
            .unwrap()
            .node;
        let site = Site {
            baseurl,
            url: "https://me.github.io",
            config: &config,
            links: &links,
        };
        let body = Body {
            file: "_pages/x.md",
            first_line: 5,
            page: &page,
            publications: false,
        };
        let mut report = Report::default();
        let out = convert(text, &site, &body, &mut report);
        (out, report)
    }

    fn run(text: &str) -> String {
        run_with(text, "").0
    }

    #[test]
    fn site_urls() {
        assert_eq!(
            run("![x]({{ site.baseurl }}/assets/img/1.jpg)"),
            "![x](/assets/img/1.jpg)"
        );
        assert_eq!(
            run_with("<img src=\"{{ site.baseurl }}/assets/img/1.jpg\">", "/repo").0,
            "<img src=\"/repo/assets/img/1.jpg\">"
        );
        assert_eq!(
            run("[cv]({{ site.url }}{{ site.baseurl }}/assets/pdf/cv.pdf)"),
            "[cv](https://me.github.io/assets/pdf/cv.pdf)"
        );
        assert_eq!(
            run_with("{{ '/assets/pdf/x.pdf' | relative_url }}", "/repo").0,
            "/repo/assets/pdf/x.pdf"
        );
        assert_eq!(
            run_with("{{ 'assets/x.pdf' | absolute_url }}", "/repo").0,
            "https://me.github.io/repo/assets/x.pdf"
        );
        assert_eq!(
            run_with("{{ \"/x\" | prepend: site.baseurl }}", "/repo").0,
            "/repo/x"
        );
        assert_eq!(run("{{- site.baseurl -}}/a"), "/a");
    }

    #[test]
    fn links_to_imported_pages_become_internal() {
        assert_eq!(
            run("see [the post]({{ site.baseurl }}/blog/2015/formatting/#code) now"),
            "see [the post](@/blog/2015-03-15-formatting.md#code) now"
        );
        assert_eq!(
            run_with("[pubs]({{ site.baseurl }}/publications/)", "/repo").0,
            "[pubs](@/publications.md)"
        );
        assert_eq!(
            run("[p]({% post_url 2015-03-15-formatting %})"),
            "[p](@/blog/2015-03-15-formatting.md)"
        );
        assert_eq!(
            run_with(
                "[p]({{ site.baseurl }}{% post_url 2015-03-15-formatting %})",
                "/repo"
            )
            .0,
            "[p](@/blog/2015-03-15-formatting.md)"
        );
        assert_eq!(run("[a]({% link _pages/about.md %})"), "[a](@/_index.md)");
        assert_eq!(
            run_with("<a href=\"{% link _pages/publications.md %}\">", "/repo").0,
            "<a href=\"/repo/publications/\">"
        );
        assert_eq!(
            run("[ref]: {{ site.baseurl }}/publications/"),
            "[ref]: @/publications.md"
        );
        let (out, report) = run_with("[x]({% post_url 2099-01-01-missing %})", "");
        assert_eq!(out, "[x]({% post_url 2099-01-01-missing %})");
        assert_eq!(report.attention_count(), 1);
        assert_eq!(report.entries[0].line, Some(5));
    }

    #[test]
    fn site_and_page_values() {
        assert_eq!(
            run("{{ site.title }} / {{ page.title }}"),
            "My Site / A page"
        );
        assert_eq!(run("{{ site.email }}"), "me@example.org");
        let (out, report) = run_with("{{ site.scholar }} {{ content }} {{ x | upcase }}", "");
        assert_eq!(out, "{{ site.scholar }} {{ content }} {{ x | upcase }}");
        assert_eq!(report.attention_count(), 3);
    }

    #[test]
    fn includes_become_shortcodes() {
        assert_eq!(
            run(
                "{% include figure.liquid path=\"assets/img/9.jpg\" class=\"img-fluid rounded z-depth-1\" zoomable=true max-width=\"50%\" %}"
            ),
            "{{ figure(path=\"assets/img/9.jpg\", class=\"img-fluid rounded z-depth-1\", zoomable=true, max_width=\"50%\") }}"
        );
        assert_eq!(
            run("{% include figure.html path='assets/img/1.jpg' title=\"example image\" %}"),
            "{{ figure(path=\"assets/img/1.jpg\", title=\"example image\") }}"
        );
        assert_eq!(
            run(
                "{%- include video.liquid path=\"assets/video/a.mp4\" controls=true autoplay=true -%}"
            ),
            "{{ video(path=\"assets/video/a.mp4\", controls=true, autoplay=true) }}"
        );
        assert_eq!(
            run("{% include figure.liquid path=\"{{ site.baseurl }}/assets/img/1.jpg\" %}"),
            "{{ figure(path=\"/assets/img/1.jpg\") }}"
        );
        assert_eq!(
            run("{% responsive_image path: assets/img/1.jpg class: \"img-fluid rounded\" %}"),
            "{{ figure(path=\"assets/img/1.jpg\", class=\"img-fluid rounded\") }}"
        );
        assert_eq!(
            run("{% include figure.liquid path=page.img %}"),
            "{{ figure(path=\"/assets/img/1.jpg\") }}"
        );
        let (out, report) = run_with("{% include figure.liquid path=project.img %}", "");
        assert_eq!(out, "{% include figure.liquid path=project.img %}");
        assert!(report.entries[0].message.contains("variable"));
        let (_, report) = run_with("{% include news.liquid %}", "");
        assert!(report.entries[0].message.contains("front matter"));
    }

    #[test]
    fn embeds_become_links() {
        assert_eq!(
            run("{% twitter https://twitter.com/rubygems/status/518821243320287232 %}"),
            "<blockquote class=\"twitter-embed\"><p><a href=\"https://twitter.com/rubygems/status/518821243320287232\">https://twitter.com/rubygems/status/518821243320287232</a></p></blockquote>"
        );
        assert_eq!(
            run("{% gist vinta/1234 %}"),
            "<blockquote class=\"gist-embed\"><p><a href=\"https://gist.github.com/vinta/1234\">https://gist.github.com/vinta/1234</a></p></blockquote>"
        );
        let (out, report) = run_with("{% twitter %}", "");
        assert_eq!(out, "{% twitter %}");
        assert_eq!(report.attention_count(), 1);
    }

    #[test]
    fn citations() {
        assert_eq!(
            run("as in {% cite einstein1905 %}."),
            "as in {{ cite(key=\"einstein1905\") }}."
        );
        assert_eq!(
            run("{% cite a b --file papers %}"),
            "{{ cite(key=\"a b\") }}"
        );
        assert_eq!(
            run("{% reference einstein1905 %}"),
            "{{ reference(key=\"einstein1905\") }}"
        );
    }

    #[test]
    fn blocks() {
        assert_eq!(
            run("{% raw %}{{ site.baseurl }} {{ figure(path=\"x\") }}{% endraw %}"),
            "{{ site.baseurl }} {{/* figure(path=\"x\") */}}"
        );
        assert_eq!(
            run("a {% comment %} hidden --> {% endcomment %} b"),
            "a <!-- hidden --&gt; --> b"
        );
        assert_eq!(
            run(
                "text\n{% highlight python linenos %}\n\ndef f():\n    return 1\n{% endhighlight %}\nafter"
            ),
            "text\n```python\ndef f():\n    return 1\n```\nafter"
        );
        assert_eq!(
            run("{% details Click here %}\nHidden *text*\n{% enddetails %}"),
            "<details><summary>Click here</summary>\n\n\nHidden *text*\n\n\n</details>"
        );
        let (out, report) = run_with("{% raw %} never closed", "");
        assert_eq!(out, "{% raw %} never closed");
        assert_eq!(report.attention_count(), 1);
    }

    #[test]
    fn logic_stays_as_text_and_is_reported() {
        let text = "{% for y in page.years %}\n  <h2>{{y}}</h2>\n{% endfor %}";
        let (out, report) = run_with(text, "");
        assert_eq!(out, text);
        let lines: Vec<_> = report.entries.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(5), Some(6), Some(7)]);
    }

    #[test]
    fn the_publications_page_loses_its_bibliography_loops() {
        let links = links();
        let config = Node::Map(Vec::new());
        let site = Site {
            baseurl: "",
            url: "",
            config: &config,
            links: &links,
        };
        let body = Body {
            file: "_pages/publications.md",
            first_line: 1,
            page: &config,
            publications: true,
        };
        let mut report = Report::default();
        let out = convert(
            "Intro.\n{% include bib_search.liquid %}\n<div class=\"publications\">\n{% for y in page.years %}\n  <h2>{{y}}</h2>\n  {% for z in x %}{% endfor %}\n  {% bibliography -f papers -q @*[year={{y}}]* %}\n{% endfor %}\n{% bibliography %}\n</div>\n",
            &site,
            &body,
            &mut report,
        );
        assert_eq!(out, "Intro.\n\n<div class=\"publications\">\n\n\n</div>\n");
        assert_eq!(report.attention_count(), 0, "{:?}", report.entries);
    }

    #[test]
    fn kept_text_that_looks_like_a_shortcode_is_escaped() {
        let (out, _) = run_with("{{ youtube(id=\"x\") }}", "");
        assert_eq!(out, "{{/* youtube(id=\"x\") */}}");
    }
}
