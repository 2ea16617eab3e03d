//! jekyll-scholar's `{% bibliography … %}` on a page other than the publications page (a
//! project's papers, a talks list): the theme's `bibliography` shortcode, in its place, with
//! the options it has (`--file`, `--query @*[KEY=VALUE, …]*`, `--group_by`, `--max`). A
//! bibliography the shortcode cannot show as asked (cited-only lists, queries on the entry
//! type or with other operators, a .bib the site does not have) is kept as it was and reported.

use super::Converter;
use super::lexer::Token;
use crate::import::shortcodes::Arg;

impl<'a> Converter<'a, '_> {
    pub(super) fn bibliography(&mut self, token: &Token<'_>, args: &str) {
        let words = split_args(args);
        let mut call: Vec<(String, Arg)> = Vec::new();
        let mut dropped = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let word = words[i].as_str();
            let value = words.get(i + 1).map(String::as_str);
            i += 1;
            match (word, value) {
                ("-f" | "--file", Some(file)) => {
                    i += 1;
                    let name = file.strip_suffix(".bib").unwrap_or(file);
                    match self.site.bibs.get(name) {
                        Some(path) => call.push(("file".into(), Arg::Str(path.clone()))),
                        None => {
                            self.keep(
                                token,
                                &format!("the bibliography `{name}` is not in _bibliography/"),
                            );
                            return;
                        }
                    }
                }
                ("-q" | "--query", Some(query)) => {
                    i += 1;
                    match self.query(query) {
                        Ok(q) => call.push(("query".into(), Arg::Str(q))),
                        Err(why) => {
                            self.keep(token, &why);
                            return;
                        }
                    }
                }
                ("-g" | "--group_by", Some(by)) => {
                    i += 1;
                    let by = if by == "year" { "year" } else { "none" };
                    call.push(("group_by".into(), Arg::Str(by.into())));
                }
                ("-m" | "--max", Some(n)) => {
                    i += 1;
                    match n.parse::<i64>() {
                        Ok(n) => call.push(("max".into(), Arg::Int(n))),
                        Err(_) => {
                            self.keep(token, "`--max` is not a number");
                            return;
                        }
                    }
                }
                ("-c" | "--cited" | "--cited_in_order", _) => {
                    self.keep(token, "a list of the entries cited on the page (list them with keys=\"…\" in the bibliography shortcode)");
                    return;
                }
                ("-T" | "--template" | "-s" | "--style" | "-l" | "--locator", Some(v)) => {
                    i += 1;
                    dropped.push(format!("{word} {v}"));
                }
                _ => dropped.push(word.to_owned()),
            }
        }
        if !dropped.is_empty() {
            self.note(
                token.start,
                format!(
                    "`{{% bibliography %}}`: options `{}` dropped (the theme's entry layout is al-folio's)",
                    dropped.join(" ")
                ),
            );
        }
        self.shortcode(token, "bibliography", call);
    }

    /// jekyll-scholar's `@TYPE[KEY=VALUE, …]*` as the shortcode's `KEY=VALUE; …` (values may be
    /// `{{ page.KEY }}`), or why it cannot be.
    fn query(&self, query: &str) -> Result<String, String> {
        let q = query.trim().trim_end_matches('*');
        let Some(rest) = q.strip_prefix("@*[").and_then(|r| r.strip_suffix(']')) else {
            return Err(format!(
                "the query `{query}` is not of the form @*[KEY=VALUE, …] (entry types and other operators have no equivalent in the bibliography shortcode)"
            ));
        };
        let mut pairs = Vec::new();
        for cond in rest.split(',') {
            let Some((key, value)) = cond.split_once('=') else {
                return Err(format!("the query condition `{}` has no `=`", cond.trim()));
            };
            let key = key.trim();
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return Err(format!(
                    "the query condition `{}` uses an operator other than `=`",
                    cond.trim()
                ));
            }
            let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
            let value = match value.strip_prefix("{{").and_then(|v| v.strip_suffix("}}")) {
                Some(expr) => match self.eval(expr.trim()) {
                    Some(v) => v.text(),
                    None => {
                        return Err(format!(
                            "the query value `{value}` is not a page or site value"
                        ));
                    }
                },
                None => value.to_owned(),
            };
            if value.contains(';') || value.contains('=') {
                return Err(format!("the query value `{value}` holds `;` or `=`"));
            }
            pairs.push(format!("{key}={value}"));
        }
        Ok(pairs.join("; "))
    }
}

/// The tag's words, a `{{ … }}` or a `[…]` with spaces inside (a query) kept as one.
fn split_args(args: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut open = false;
    for w in args.split_whitespace() {
        if open && let Some(last) = words.last_mut() {
            last.push(' ');
            last.push_str(w);
        } else {
            words.push(w.to_owned());
        }
        let last = words.last().map(String::as_str).unwrap_or("");
        open = last.matches("{{").count() > last.matches("}}").count()
            || last.matches('[').count() > last.matches(']').count();
    }
    words
}

#[cfg(test)]
mod tests {
    use super::split_args;

    #[test]
    fn a_liquid_value_stays_one_word() {
        assert_eq!(
            split_args("-f papers -q @*[project={{ page.title }}]* --max 3"),
            [
                "-f",
                "papers",
                "-q",
                "@*[project={{ page.title }}]*",
                "--max",
                "3"
            ]
        );
        assert_eq!(
            split_args("-q @*[year=2020, selected=true]*"),
            ["-q", "@*[year=2020, selected=true]*"]
        );
    }
}
