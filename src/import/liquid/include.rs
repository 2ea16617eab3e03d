//! `{% include figure.liquid … %}` (and `video`, `audio`) and `{% responsive_image … %}`: the
//! theme's shortcodes, from literal arguments only; the about page's `social` and
//! `selected_papers` includes, in any page, the theme's `social` and `bibliography`; its `news`
//! include, the about page's own list or a link to the news page.

use super::Converter;
use super::lexer::{Token, string_literal, take_value};
use super::short;
use crate::import::shortcodes::{self, Arg};
use crate::import::yaml::Node;

impl<'a> Converter<'a, '_> {
    pub(super) fn include(&mut self, token: &Token<'_>, args: &str) {
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
        if stem == "news"
            && let Some(section) = self.site.news_section()
        {
            return self.news(token, &section);
        }
        // The about page's parts, wherever a page includes them: the theme's shortcodes.
        let part = match stem {
            "social" => Some(("social", Vec::new())),
            "selected_papers" if !self.site.bibs.is_empty() => Some((
                "bibliography",
                vec![("query".to_owned(), Arg::Str("selected=true".into()))],
            )),
            _ => None,
        };
        if let Some((name, args)) = part {
            self.shortcode(token, name, args);
            return;
        }
        let shortcode = match stem {
            "figure" => "figure",
            "video" => "video",
            "audio" => "audio",
            _ => {
                let why = match stem {
                    "news" => "the site has no news (`_news/`)",
                    "selected_papers" => "the site has no bibliography",
                    "latest_posts" => {
                        "the about page shows the latest posts from its front matter (`latest_posts: true`)"
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

    /// `{% include news.liquid %}`: the about page's template lists the news (when its front
    /// matter asks for them, as the site's own about layout may not have); another page cannot
    /// (Zola's shortcodes cannot read a section), so it links to the news page.
    fn news(&mut self, token: &Token<'_>, section: &str) {
        let page = self.body.page;
        let about = page
            .get("layout")
            .is_some_and(|l| l.as_text().as_deref() == Some("about"));
        let shown = page.get("news").is_some_and(Node::truthy)
            || page
                .get("announcements")
                .and_then(|a| a.get("enabled"))
                .is_some_and(Node::truthy);
        if about && shown {
            self.note(
                token.start,
                "`{% include news %}` removed: the about page lists the news after its text".into(),
            );
            return;
        }
        self.out.push_str(&format!("[News]({section})"));
        self.attention(
            token.start,
            "`{% include news %}` became a link to the news page: only the about page lists the news (set `news: true` in its front matter)".into(),
        );
    }

    /// `key=value` arguments of an include: literals only (variables cannot be converted).
    pub(super) fn include_args(&self, rest: &str) -> Result<Vec<(String, Arg)>, String> {
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

    pub(super) fn include_value(&self, raw: &str) -> Result<Arg, String> {
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

    pub(super) fn responsive_image(&mut self, token: &Token<'_>, args: &str) {
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

    pub(super) fn shortcode(&mut self, token: &Token<'_>, name: &str, args: Vec<(String, Arg)>) {
        match shortcodes::call(name, &args) {
            Some(call) => self.out.push_str(&call),
            None => self.keep(token, "an argument holds all three quote characters"),
        }
    }
}
