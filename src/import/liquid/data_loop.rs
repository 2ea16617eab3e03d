//! A Liquid loop over `_data` (`{% for c in site.data.collaborators %}…{% endfor %}`, the
//! member lists, talks and collaborator pages of lab sites) as a Zola Markdown shortcode: the
//! same loop in Tera over `load_data` of the copied file, so the page keeps following the data
//! file. Only a small part of Liquid is translated, each piece into Tera that cannot fail on
//! the data (a missing key is empty, as in Liquid): `for` (with `reversed`), `if` / `elsif` /
//! `else` / `unless` on values, `==` / `!=`, `and` / `or`, `forloop.index|index0|first|last`,
//! and outputs of values with the filters `escape`, `strip`, `upcase`, `downcase`. Anything
//! else: `None`, and the loop stays as it was, reported. Written by hand: no crate translates
//! Liquid to Tera.

use super::lexer::{split_filters, string_literal};

/// The data files the loop may read: `site.data.NAME…` → the path of the copy (`data/x.yml`).
pub(crate) trait DataFiles {
    fn path(&self, name: &str) -> Option<String>;
}

/// Translates `block` (a whole `{% for %}…{% endfor %}` over `site.data`) into the text of a
/// Tera template, or `None`.
pub(crate) fn translate(block: &str, files: &dyn DataFiles, source: &str) -> Option<String> {
    let mut t = Translator {
        files,
        loaded: Vec::new(),
        scope: Vec::new(),
        open: Vec::new(),
    };
    let body = t.run(block)?;
    if !t.open.is_empty() || t.loaded.is_empty() {
        return None;
    }
    let mut out = format!(
        "{{#- folio import: the Liquid loop of {} over _data, in Tera (edit the data file, or this). -#}}\n",
        source.replace("#}", "# }")
    );
    for (i, path) in t.loaded.iter().enumerate() {
        out.push_str(&format!(
            "{{%- set data_{} = load_data(path=\"{path}\") -%}}\n",
            i + 1
        ));
    }
    out.push_str(&body);
    Some(out)
}

struct Translator<'f> {
    files: &'f dyn DataFiles,
    /// The data files loaded, in order (`data_1`, `data_2`, …).
    loaded: Vec<String>,
    /// Loop variables in scope.
    scope: Vec<String>,
    /// Open blocks: `for`, `if`, `unless`.
    open: Vec<&'static str>,
}

impl Translator<'_> {
    fn run(&mut self, block: &str) -> Option<String> {
        let mut out = String::with_capacity(block.len() + 64);
        let mut i = 0;
        while let Some(found) = next_delim(&block[i..]) {
            let at = i + found;
            let text = &block[i..at];
            if text.contains("{#") || text.contains("#}") {
                return None;
            }
            out.push_str(text);
            let output = block[at..].starts_with("{{");
            let close = if output { "}}" } else { "%}" };
            let len = block[at + 2..].find(close)?;
            let raw = &block[at + 2..at + 2 + len];
            let left = if raw.starts_with('-') { "-" } else { "" };
            let right = if raw.ends_with('-') { "-" } else { "" };
            let inner = raw.trim_matches('-').trim();
            if output {
                out.push_str(&format!("{{{{{left} {} {right}}}}}", self.output(inner)?));
            } else {
                out.push_str(&format!("{{%{left} {} {right}%}}", self.tag(inner)?));
            }
            i = at + 2 + len + 2;
        }
        let rest = &block[i..];
        if rest.contains("{#") || rest.contains("#}") {
            return None;
        }
        out.push_str(rest);
        Some(out)
    }

    fn tag(&mut self, inner: &str) -> Option<String> {
        let (name, args) = match inner.split_once(char::is_whitespace) {
            Some((n, a)) => (n, a.trim()),
            None => (inner, ""),
        };
        match name {
            "for" => {
                let mut words = args.split_whitespace();
                let var = words.next()?;
                if words.next()? != "in" || !ident(var) || var == "loop" {
                    return None;
                }
                let source = words.next()?;
                let reversed = match words.next() {
                    None => false,
                    Some("reversed") if words.next().is_none() => true,
                    _ => return None,
                };
                let list = self.value(source)?;
                self.scope.push(var.to_owned());
                self.open.push("for");
                let reverse = if reversed { " | reverse" } else { "" };
                Some(format!("for {var} in {list} | default(value=[]){reverse}"))
            }
            "endfor" => {
                (self.open.pop()? == "for").then_some(())?;
                self.scope.pop();
                Some("endfor".into())
            }
            "if" => {
                self.open.push("if");
                Some(format!("if {}", self.condition(args)?))
            }
            "unless" => {
                // One term only: Tera reads `not` before a filtered value, not before a group.
                let words = words(args)?;
                if words.len() != 1 {
                    return None;
                }
                self.open.push("unless");
                Some(format!("if not {}", self.truth(&words[0])?))
            }
            "elsif" if self.open.last() == Some(&"if") => {
                Some(format!("elif {}", self.condition(args)?))
            }
            "else" if args.is_empty() && matches!(self.open.last(), Some(&"if" | &"unless")) => {
                Some("else".into())
            }
            "endif" | "endunless" => {
                let want = if name == "endif" { "if" } else { "unless" };
                (self.open.pop()? == want).then_some(())?;
                Some("endif".into())
            }
            _ => None,
        }
    }

    /// `a`, `a == "x"`, `a != b`, joined by `and` / `or`.
    fn condition(&mut self, args: &str) -> Option<String> {
        let words = words(args)?;
        let mut out = Vec::new();
        let mut i = 0;
        loop {
            let left = words.get(i)?;
            match words.get(i + 1).map(String::as_str) {
                Some(op @ ("==" | "!=")) => {
                    let right = words.get(i + 2)?;
                    out.push(format!(
                        "{} {op} {}",
                        self.operand(left)?,
                        self.operand(right)?
                    ));
                    i += 3;
                }
                _ => {
                    out.push(self.truth(left)?);
                    i += 1;
                }
            }
            match words.get(i).map(String::as_str) {
                None => break,
                Some(join @ ("and" | "or")) => {
                    out.push(join.to_owned());
                    i += 1;
                }
                Some(_) => return None,
            }
        }
        Some(out.join(" "))
    }

    fn truth(&mut self, word: &str) -> Option<String> {
        if let Some(l) = literal(word) {
            return Some(l);
        }
        let v = self.value(word)?;
        if v.starts_with("loop.") {
            return Some(v);
        }
        Some(format!("{v} | default(value=false)"))
    }

    fn operand(&mut self, word: &str) -> Option<String> {
        if let Some(l) = literal(word) {
            return Some(l);
        }
        Some(format!("{} | default(value=\"\")", self.value(word)?))
    }

    /// `{{ value | filter … }}` → the value (empty when missing) as escaped text.
    fn output(&mut self, inner: &str) -> Option<String> {
        let mut parts = split_filters(inner);
        let base = parts.remove(0).trim();
        let mut out = match literal(base) {
            Some(l) => l,
            None => format!("{} | default(value=\"\") | as_str", self.value(base)?),
        };
        for f in parts {
            let filter = match f.trim() {
                "escape" => continue,
                "strip" => "trim",
                "upcase" => "upper",
                "downcase" => "lower",
                _ => return None,
            };
            out.push_str(" | ");
            out.push_str(filter);
        }
        out.push_str(" | escape");
        Some(out)
    }

    /// A loop variable's path, `forloop.*`, or `site.data.NAME.path`.
    fn value(&mut self, expr: &str) -> Option<String> {
        let parts: Vec<&str> = expr.split('.').collect();
        if !parts.iter().all(|p| ident(p)) {
            return None;
        }
        match parts.as_slice() {
            ["forloop", field] => match *field {
                "index" | "index0" | "first" | "last" => Some(format!("loop.{field}")),
                _ => None,
            },
            ["site", "data", name, rest @ ..] => {
                let path = self.files.path(name)?;
                let n = match self.loaded.iter().position(|p| *p == path) {
                    Some(i) => i + 1,
                    None => {
                        self.loaded.push(path);
                        self.loaded.len()
                    }
                };
                let mut v = format!("data_{n}");
                for r in rest {
                    v.push('.');
                    v.push_str(r);
                }
                Some(v)
            }
            [var, ..] if self.scope.iter().any(|s| s == var) => Some(expr.to_owned()),
            _ => None,
        }
    }
}

/// The next `{{` or `{%`.
fn next_delim(s: &str) -> Option<usize> {
    let a = s.find("{{");
    let b = s.find("{%");
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// A Liquid literal as Tera's: a quoted string (without `"` or `\` inside), a whole number,
/// `true` / `false`.
fn literal(word: &str) -> Option<String> {
    if let Some(s) = string_literal(word) {
        return (!s.contains('"') && !s.contains('\\')).then(|| format!("\"{s}\""));
    }
    if word == "true"
        || word == "false"
        || (!word.is_empty() && word.chars().all(|c| c.is_ascii_digit()))
    {
        return Some(word.to_owned());
    }
    None
}

/// A condition's words, a quoted string kept whole; `None` for an unclosed quote.
fn words(s: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    for c in s.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                cur.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            (_, c) => cur.push(c),
        }
    }
    if quote.is_some() {
        return None;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Files;
    impl DataFiles for Files {
        fn path(&self, name: &str) -> Option<String> {
            ["collaborators", "members"]
                .contains(&name)
                .then(|| format!("data/{name}.yml"))
        }
    }

    fn t(block: &str) -> Option<String> {
        translate(block, &Files, "_pages/x.md")
            .map(|s| s.lines().skip(1).collect::<Vec<_>>().join("\n"))
    }

    #[test]
    fn a_list_of_collaborators() {
        assert_eq!(
            t("{% for c in site.data.collaborators %}\n- [{{ c.name }}]({{ c.url }}), {{ c.place }}\n{% endfor %}").unwrap(),
            "{%- set data_1 = load_data(path=\"data/collaborators.yml\") -%}\n{% for c in data_1 | default(value=[]) %}\n- [{{ c.name | default(value=\"\") | as_str | escape }}]({{ c.url | default(value=\"\") | as_str | escape }}), {{ c.place | default(value=\"\") | as_str | escape }}\n{% endfor %}"
        );
    }

    #[test]
    fn nested_loops_conditions_and_forloop() {
        let out = t("{%- for g in site.data.members.groups reversed -%}\n## {{ g.title | upcase }}\n{% for m in g.people %}{% if m.url and m.role != 'alumni' %}[{{ m.name }}]({{ m.url }}){% elsif m.name %}{{ m.name | strip }}{% else %}?{% endif %}{% unless forloop.last %}, {% endunless %}{% endfor %}\n{%- endfor -%}").unwrap();
        assert!(
            out.contains("{%- for g in data_1.groups | default(value=[]) | reverse -%}"),
            "{out}"
        );
        assert!(
            out.contains("{{ g.title | default(value=\"\") | as_str | upper | escape }}"),
            "{out}"
        );
        assert!(out.contains("{% if m.url | default(value=false) and m.role | default(value=\"\") != \"alumni\" %}"), "{out}");
        assert!(
            out.contains("{% elif m.name | default(value=false) %}"),
            "{out}"
        );
        assert!(out.contains("{% if not loop.last %}, {% endif %}"), "{out}");
        assert!(out.ends_with("{%- endfor -%}"), "{out}");
    }

    #[test]
    fn what_is_not_translated() {
        for block in [
            // Not over _data, or over a file the import did not copy.
            "{% for p in site.posts %}{{ p.title }}{% endfor %}",
            "{% for c in site.data.socials %}{{ c }}{% endfor %}",
            // Filters, tags and operators outside the translated part.
            "{% for c in site.data.members %}{{ c.url | relative_url }}{% endfor %}",
            "{% for c in site.data.members limit:3 %}{{ c.name }}{% endfor %}",
            "{% for c in site.data.members %}{% assign x = c %}{% endfor %}",
            "{% for c in site.data.members %}{% if c.tags contains 'a' %}x{% endif %}{% endfor %}",
            "{% for c in site.data.members %}{% if c.year > 2020 %}x{% endif %}{% endfor %}",
            "{% for c in site.data.members %}{{ page.title }}{% endfor %}",
            // A Tera comment opener in the text, an unclosed block, a bad quote.
            "{% for c in site.data.members %}{#{{ c.name }}{% endfor %}",
            "{% for c in site.data.members %}{% if c.x %}{% endfor %}",
            "{% for c in site.data.members %}{% if c.x == \"a %}y{% endif %}{% endfor %}",
            "{% for c in site.data.members %}{{ \"a\\\"b\" }}{% endfor %}",
            // unless over several terms (Tera has no `not (…)` around filtered values).
            "{% for c in site.data.members %}{% unless c.a and c.b %}x{% endunless %}{% endfor %}",
        ] {
            assert_eq!(t(block), None, "{block}");
        }
    }
}
