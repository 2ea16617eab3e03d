//! Zola's shortcode syntax: writing calls, and escaping text that Zola would take for one.
//!
//! Zola looks for shortcodes everywhere in a page's Markdown, code blocks included: text of the
//! exact form `{{ name(arg=literal, …) }}`, `{% name(…) %}` or `{% end %}` is a call (an unknown
//! name fails the build). [`escape`] rewrites such text that the import keeps (Liquid left as
//! text, `{% raw %}` blocks) into Zola's escaped form `{{/* … */}}`, which renders as written.
//! The matcher follows Zola's grammar (`components/markdown/src/content.pest`), so text that is
//! not a call is left byte for byte.

/// A shortcode argument value.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Bool(bool),
    Int(i64),
}

/// `{{ name(k="v", …) }}`, or `None` when a string cannot be written as a literal (it holds all
/// three quote characters).
pub fn call(name: &str, args: &[(String, Arg)]) -> Option<String> {
    let mut parts = Vec::new();
    for (key, value) in args {
        let value = match value {
            Arg::Str(s) => quote(s)?,
            Arg::Bool(b) => b.to_string(),
            Arg::Int(i) => i.to_string(),
        };
        parts.push(format!("{key}={value}"));
    }
    Some(format!("{{{{ {name}({}) }}}}", parts.join(", ")))
}

/// A string literal in Zola's shortcode grammar (no escapes: pick a quote the text lacks).
pub fn quote(s: &str) -> Option<String> {
    ['"', '\'', '`']
        .into_iter()
        .find(|q| !s.contains(*q))
        .map(|q| format!("{q}{s}{q}"))
}

/// `text` with every shortcode-shaped piece escaped, and whether anything was.
pub fn escape(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] == b'{'
            && let Some((len, kind)) = match_call(&text[i..])
        {
            let piece = &text[i..i + len];
            match kind {
                Kind::Inline => {
                    out.push_str("{{/*");
                    out.push_str(&piece[2..len - 2]);
                    out.push_str("*/}}");
                }
                Kind::Block => {
                    out.push_str("{%/*");
                    out.push_str(&piece[2..len - 2]);
                    out.push_str("*/%}");
                }
                // A lone `{% end %}` has no escaped form: a zero-width space breaks it.
                Kind::End => {
                    out.push_str("{%\u{200b}");
                    out.push_str(&piece[2..]);
                }
            }
            changed = true;
            i += len;
            continue;
        }
        let c = text[i..].chars().next().expect("in bounds");
        out.push(c);
        i += c.len_utf8();
    }
    (out, changed)
}

#[derive(Debug, PartialEq)]
enum Kind {
    Inline,
    Block,
    End,
}

/// If `s` starts with a shortcode call (or `{% end %}`), its length.
fn match_call(s: &str) -> Option<(usize, Kind)> {
    let (close, kind) = if s.starts_with("{{") {
        ("}}", Kind::Inline)
    } else if s.starts_with("{%") {
        ("%}", Kind::Block)
    } else {
        return None;
    };
    let mut p = Parser { s, i: 2 };
    p.ws();
    if kind == Kind::Block && p.s[p.i..].starts_with("end") {
        let mut q = Parser { s, i: p.i + 3 };
        q.ws();
        if q.s[q.i..].starts_with("%}") {
            return Some((q.i + 2, Kind::End));
        }
    }
    if s[p.i..].starts_with("/*") {
        return None; // already escaped
    }
    p.ident()?;
    p.ws();
    p.eat("(")?;
    p.ws();
    if !p.s[p.i..].starts_with(')') {
        loop {
            p.ident()?;
            p.ws();
            p.eat("=")?;
            p.ws();
            p.literal()?;
            p.ws();
            if p.eat(",").is_none() {
                break;
            }
            p.ws();
        }
    }
    p.eat(")")?;
    p.ws();
    p.eat(close)?;
    Some((p.i, kind))
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(c) = self.s[self.i..].chars().next() {
            if matches!(c, ' ' | '\t' | '\r' | '\n') {
                self.i += 1;
            } else {
                break;
            }
        }
    }

    fn eat(&mut self, t: &str) -> Option<()> {
        if self.s[self.i..].starts_with(t) {
            self.i += t.len();
            Some(())
        } else {
            None
        }
    }

    fn ident(&mut self) -> Option<()> {
        let rest = &self.s[self.i..];
        let first = rest.chars().next()?;
        if !(first.is_ascii_alphabetic() || first == '_') {
            return None;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.i += len;
        Some(())
    }

    fn literal(&mut self) -> Option<()> {
        let rest = &self.s[self.i..];
        let first = rest.chars().next()?;
        match first {
            '"' | '\'' | '`' => {
                let end = rest[1..].find(first)?;
                self.i += end + 2;
            }
            '[' => {
                self.i += 1;
                self.ws();
                while self.eat("]").is_none() {
                    self.literal()?;
                    self.ws();
                    if self.eat(",").is_none() {
                        self.ws();
                        self.eat("]")?;
                        break;
                    }
                    self.ws();
                }
            }
            _ if rest.starts_with("true") => self.i += 4,
            _ if rest.starts_with("false") => self.i += 5,
            '-' | '0'..='9' => {
                let len = rest[1..]
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .map_or(rest.len(), |l| l + 1);
                if len == 1 && first == '-' {
                    return None;
                }
                self.i += len;
            }
            _ => return None,
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls() {
        assert_eq!(
            call(
                "figure",
                &[
                    ("path".into(), Arg::Str("assets/img/1.jpg".into())),
                    ("zoomable".into(), Arg::Bool(true)),
                    ("caption".into(), Arg::Str("say \"hi\"".into())),
                ]
            )
            .unwrap(),
            "{{ figure(path=\"assets/img/1.jpg\", zoomable=true, caption='say \"hi\"') }}"
        );
        assert_eq!(call("x", &[("a".into(), Arg::Str("\"'`".into()))]), None);
    }

    #[test]
    fn escapes_exactly_what_zola_parses() {
        for (input, want) in [
            ("{{ youtube(id=\"x\") }}", "{{/* youtube(id=\"x\") */}}"),
            ("{{ f() }}", "{{/* f() */}}"),
            (
                "a {% quote(author='x', n=[1, 2], f=-1.5) %}b{% end %}",
                "a {%/* quote(author='x', n=[1, 2], f=-1.5) */%}b{%\u{200b} end %}",
            ),
            ("{{ site.baseurl }}", "{{ site.baseurl }}"),
            ("{% if x %}", "{% if x %}"),
            ("{{ f(x) }}", "{{ f(x) }}"),
            ("{{ f(a=b) }}", "{{ f(a=b) }}"),
            ("{{/* f() */}}", "{{/* f() */}}"),
            ("{{ '{{' | x }}", "{{ '{{' | x }}"),
            ("{", "{"),
            ("{{ ", "{{ "),
        ] {
            assert_eq!(escape(input).0, want, "{input}");
        }
    }
}
