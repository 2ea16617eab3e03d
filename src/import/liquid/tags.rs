//! Liquid tags (`{% … %}`): the dispatch, the blocks (`raw`, `comment`, `highlight`, `details`,
//! `tabs`, `quote`, the publications page's loops), links (`link`, `post_url`), embeds and citations.

use super::Converter;
use super::lexer::Token;
use crate::import::shortcodes::{self, Arg};

impl<'a> Converter<'a, '_> {
    pub(super) fn tag(&mut self, token: &Token<'_>) {
        let inner = token.inner;
        let (name, args) = match inner.find(char::is_whitespace) {
            Some(i) => (&inner[..i], inner[i..].trim()),
            None => (inner, ""),
        };
        match name {
            "raw" => self.block_raw(token),
            "katexmm" => self.block_katex(token, "katexmm", None),
            "katex" => {
                let display = args.split_whitespace().any(|a| a == "display");
                self.block_katex(token, "katex", Some(if display { "$$" } else { "$" }));
            }
            "nocite" => self.note(
                token.start,
                "`{% nocite %}` removed: the publications page lists every entry of the bibliography"
                    .into(),
            ),
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
            "tabs" => {
                self.out.push_str("<div class=\"tabs\" data-tabs>\n");
                self.tabs.push(false);
            }
            "tab" if !self.tabs.is_empty() => {
                // `{% tab GROUP NAME %}`: the name is what follows the group.
                let label = args
                    .split_once(char::is_whitespace)
                    .map_or(args, |(_, n)| n.trim())
                    .trim_matches(|c| c == '"' || c == '\'');
                let label = crate::html::text::escape(label);
                let (label, _) = shortcodes::escape(&label);
                if let Some(open) = self.tabs.last_mut() {
                    if *open {
                        self.out.push_str("\n\n</section>\n");
                    }
                    *open = true;
                }
                self.out.push_str(&format!(
                    "<section class=\"tab-panel\"><p class=\"tab-title\">{label}</p>\n\n"
                ));
            }
            "endtab" if self.tabs.last() == Some(&true) => {
                self.out.push_str("\n\n</section>\n");
                if let Some(open) = self.tabs.last_mut() {
                    *open = false;
                }
            }
            "endtabs" if !self.tabs.is_empty() => {
                if self.tabs.pop() == Some(true) {
                    self.out.push_str("\n\n</section>\n");
                }
                self.out.push_str("</div>");
            }
            // jekyll-scholar's `{% quote key %}text{% endquote %}`: the text quoted, the
            // citation under it.
            "quote" => {
                let keys: Vec<&str> = args
                    .split_whitespace()
                    .filter(|w| !w.starts_with('-'))
                    .map(|w| w.trim_matches(|c| c == '"' || c == '\''))
                    .filter(|w| !w.is_empty() && !w.contains(['{', '}']))
                    .collect();
                self.out.push_str("<blockquote>\n\n");
                self.quotes.push(keys.join(" "));
            }
            "endquote" if !self.quotes.is_empty() => {
                let keys = self.quotes.pop().unwrap_or_default();
                self.out.push_str("\n\n");
                if let Some(call) = (!keys.is_empty())
                    .then(|| shortcodes::call("cite", &[("key".into(), Arg::Str(keys))]))
                    .flatten()
                {
                    self.out.push_str(&format!("<cite>{call}</cite>\n"));
                }
                self.out.push_str("</blockquote>");
            }
            "link" => self.link(token, args, false),
            "post_url" => self.link(token, args, true),
            "include" => self.include(token, args),
            "responsive_image" => self.responsive_image(token, args),
            "cite" | "reference" => self.cite(token, name, args),
            "twitter" | "gist" => self.embed(token, name, args),
            "jupyter_notebook" => self.notebook(token, args),
            "bibliography" if self.body.publications => {
                self.note(
                    token.start,
                    "`{% bibliography %}` removed: the publications template lists the bibliography"
                        .into(),
                );
            }
            "for" if self.body.publications => self.publications_loop(token),
            "for" if args.contains("site.data.") => self.data_loop(token),
            "bibliography" => self.bibliography(token, args),
            "for" => self.hide_loop(token),
            "if" | "elsif" | "else" | "endif" | "unless" | "endunless" | "endfor"
            | "case" | "when" | "endcase" | "assign" | "capture" | "endcapture" | "break"
            | "continue" | "cycle" | "increment" | "decrement" | "tablerow" | "endtablerow" => {
                self.keep(token, "Liquid logic has no Zola Markdown equivalent")
            }
            _ => self.keep(token, "no Zola equivalent"),
        }
    }
    /// the template's job: it goes; other loops stay.
    pub(super) fn publications_loop(&mut self, token: &Token<'_>) {
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

    pub(super) fn block_raw(&mut self, token: &Token<'_>) {
        let Some((content_end, end)) = self.block_end("raw") else {
            self.keep(token, "`{% raw %}` without `{% endraw %}`");
            return;
        };
        let (escaped, _) = shortcodes::escape(&self.text[self.pos..content_end]);
        self.out.push_str(&escaped);
        self.pos = end;
    }

    /// `{% katexmm %}…{% endkatexmm %}` (jekyll-katex: `$…$` and `$$…$$` inside are math, as
    /// they are everywhere once imported): the text. `{% katex [display] %}TeX{% endkatex %}`:
    /// the TeX between `delim`s.
    pub(super) fn block_katex(
        &mut self,
        token: &Token<'_>,
        name: &'static str,
        delim: Option<&str>,
    ) {
        let end_name = if name == "katex" { "katex" } else { "katexmm" };
        let Some((content_end, end)) = self.block_end(end_name) else {
            self.keep(token, "a math block without its end tag");
            return;
        };
        let content = &self.text[self.pos..content_end];
        let (escaped, _) = shortcodes::escape(content);
        match delim {
            Some(d) => self.out.push_str(&format!("{d}{}{d}", escaped.trim())),
            None => self.out.push_str(&escaped),
        }
        self.pos = end;
    }

    pub(super) fn block_comment(&mut self, token: &Token<'_>) {
        let Some((content_end, end)) = self.block_end("comment") else {
            self.keep(token, "`{% comment %}` without `{% endcomment %}`");
            return;
        };
        let content = self.text[self.pos..content_end].replace("-->", "--&gt;");
        let (escaped, _) = shortcodes::escape(&content);
        self.out.push_str(&format!("<!--{escaped}-->"));
        self.pos = end;
    }

    pub(super) fn block_highlight(&mut self, token: &Token<'_>, args: &str) {
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

    pub(super) fn link(&mut self, token: &Token<'_>, args: &str, post: bool) {
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
        // Elsewhere (an HTML attribute, text) the site path: the site links step gives it the
        // base path.
        self.out.push_str(&target.url);
    }

    /// `{% jupyter_notebook PATH %}` → the theme's `notebook` shortcode (see `notebook.rs`).
    pub(super) fn notebook(&mut self, token: &Token<'_>, args: &str) {
        let text = self.text;
        let Some(path) = super::notebook::path_of(args, &text[..token.start]) else {
            self.keep(token, "the notebook's path is not a plain .ipynb path");
            return;
        };
        self.shortcode(
            token,
            "notebook",
            vec![("path".into(), Arg::Str(path.clone()))],
        );
        self.note(
            token.start,
            format!("Jupyter notebook `{path}`: rendered at build time by the theme's `notebook` shortcode (no iframe)"),
        );
    }

    /// `{% twitter URL %}` and `{% gist user/id %}`: a link instead of the embed (which loads
    /// another site's script).
    pub(super) fn embed(&mut self, token: &Token<'_>, name: &str, args: &str) {
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

    pub(super) fn cite(&mut self, token: &Token<'_>, name: &str, args: &str) {
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

pub(super) fn longest_run(s: &str, c: char) -> usize {
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

impl Converter<'_, '_> {
    /// A loop over `_data`: a Markdown shortcode of the site that makes the same list from the
    /// copied data file, called in its place; a loop it cannot translate stays, reported.
    fn data_loop(&mut self, token: &Token<'_>) {
        let Some((_, end)) = self.for_end(token.start) else {
            return self.keep(token, "`{% for %}` without `{% endfor %}`");
        };
        let block = &self.text[token.start..end];
        let Some(template) = super::data_loop::translate(block, self.site.data, self.body.file)
        else {
            return self.keep(
                token,
                "a loop over _data with Liquid beyond what is translated (for, if, unless, ==, !=, and, or, forloop, escape/strip/upcase/downcase): write it as a shortcode in templates/shortcodes/",
            );
        };
        let made = &self.site.data.made;
        let stem = self.body.file.rsplit('/').next().unwrap_or("page");
        let stem: String = stem
            .split('.')
            .next()
            .unwrap_or("page")
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        // Numbered within the page (pages are converted in no fixed order across the site).
        let prefix = format!("data_{stem}_");
        let n = made
            .borrow()
            .iter()
            .filter(|(m, _)| {
                m.strip_prefix(&prefix)
                    .is_some_and(|r| r.parse::<usize>().is_ok())
            })
            .count();
        let name = format!("{prefix}{}", n + 1);
        made.borrow_mut().push((name.clone(), template));
        self.out.push_str(&format!("{{{{ {name}() }}}}"));
        self.pos = end;
        self.note(
            token.start,
            format!("a loop over _data: the shortcode templates/shortcodes/{name}.md makes the same list from data/, in Tera"),
        );
    }
}
