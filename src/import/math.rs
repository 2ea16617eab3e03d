//! Bodies: math as al-folio's kramdown and MathJax read it, written so that Zola's Markdown hands
//! `folio rewrite`'s math pass the same TeX.
//!
//! kramdown reads `$$…$$` as math: a display formula when it is a paragraph of its own, inline
//! otherwise. al-folio's MathJax also reads `$…$` (with `enable_math`, on by default) and numbers
//! bare `\begin{equation}…\end{equation}` blocks. CommonMark reads Markdown inside all of them:
//! `\{`, `\,` and `\\` lose a backslash, `a_1 + b_1` or `a*b*c` may turn into emphasis. So inside
//! each formula every backslash not before a letter is doubled and `_` and `*` are escaped (what
//! Markdown prints is then the TeX as written); an inline `$$…$$` becomes `\\(…\\)` (the math
//! pass's inline delimiters, as Markdown spells them); a bare environment block is put between
//! `$$` lines. Code (fenced, indented or inline) is left alone; an escaped dollar `\$` becomes
//! `&#36;`, a dollar sign that nothing takes for a delimiter.
//!
//! Written by hand: this is the meeting point of two Markdown dialects, which no crate covers.

/// Environments MathJax typesets without delimiters when a paragraph starts with them.
const ENVIRONMENTS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
];

/// Rewrites the formulas of a Markdown body (see the module docs). `single_dollar`: `$…$` is
/// math too (al-folio's `enable_math`). Returns the body and how many formulas it holds.
pub fn convert(text: &str, single_dollar: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut count = 0;
    let mut paragraph = String::new();
    let mut fence: Option<(char, usize)> = None;
    let flush = |paragraph: &mut String, out: &mut String, count: &mut usize| {
        if !paragraph.is_empty() {
            let (text, n) = formulas(paragraph, single_dollar);
            out.push_str(&text);
            *count += n;
            paragraph.clear();
        }
    };
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(f) = super::kramdown::fence_of(body) {
            flush(&mut paragraph, &mut out, &mut count);
            fence = match fence {
                None => Some(f),
                Some((c, n)) if f.0 == c && f.1 >= n && body.trim().chars().all(|x| x == c) => None,
                open => open,
            };
            out.push_str(line);
            continue;
        }
        let indented_code =
            paragraph.is_empty() && (body.starts_with("    ") || body.starts_with('\t'));
        if fence.is_some() || indented_code {
            out.push_str(line);
            continue;
        }
        if body.trim().is_empty() {
            flush(&mut paragraph, &mut out, &mut count);
            out.push_str(line);
            continue;
        }
        paragraph.push_str(line);
    }
    flush(&mut paragraph, &mut out, &mut count);
    (out, count)
}

/// The formulas of one paragraph (lines without a blank one between them).
fn formulas(paragraph: &str, single_dollar: bool) -> (String, usize) {
    if let Some(block) = environment_block(paragraph) {
        return (block, 1);
    }
    let mut out = String::with_capacity(paragraph.len());
    let mut count = 0;
    let mut i = 0;
    let bytes = paragraph.as_bytes();
    while i < bytes.len() {
        let rest = &paragraph[i..];
        match bytes[i] {
            b'`' => {
                let run = rest.bytes().take_while(|b| *b == b'`').count();
                let end = closing_backticks(&rest[run..], run).map_or(run, |e| run + e + run);
                out.push_str(&rest[..end]);
                i += end;
            }
            b'\\' if rest[1..].starts_with('$') => {
                // A dollar sign that stays one: as a character reference, which no math reader
                // (nor `folio audit`) takes for a delimiter.
                out.push_str("&#36;");
                i += 2;
            }
            b'$' if rest.starts_with("$$") => match rest[2..].find("$$") {
                Some(len) if !rest[2..2 + len].trim().is_empty() => {
                    let tex = &rest[2..2 + len];
                    let after = &rest[2 + len + 2..];
                    let display = paragraph[..i].trim().is_empty() && after.trim().is_empty();
                    if display {
                        out.push_str("$$");
                        out.push_str(&escape(tex));
                        out.push_str("$$");
                    } else {
                        out.push_str("\\\\(");
                        out.push_str(&escape(tex.trim()));
                        out.push_str("\\\\)");
                    }
                    count += 1;
                    i += 2 + len + 2;
                }
                _ => {
                    out.push_str("$$");
                    i += 2;
                }
            },
            b'$' if single_dollar => match inline_dollar(rest) {
                Some(len) => {
                    out.push('$');
                    out.push_str(&escape(&rest[1..len]));
                    out.push('$');
                    count += 1;
                    i += len + 1;
                }
                None => {
                    out.push('$');
                    i += 1;
                }
            },
            _ => {
                let c = rest.chars().next().unwrap_or_default();
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    (out, count)
}

/// Where a code span opened by `run` backticks closes in `rest` (the offset of the closing run).
fn closing_backticks(rest: &str, run: usize) -> Option<usize> {
    let mut at = 0;
    while let Some(found) = rest[at..].find('`') {
        let start = at + found;
        let len = rest[start..].bytes().take_while(|b| *b == b'`').count();
        if len == run {
            return Some(start);
        }
        at = start + len;
    }
    None
}

/// `$…$` at the start of `rest` as the math pass reads it: a non-space after the opening `$`, a
/// non-space before the closing one, and no digit after it (so `$5 and $10` is text). The offset
/// of the closing `$`.
fn inline_dollar(rest: &str) -> Option<usize> {
    let first = rest[1..].chars().next()?;
    if first.is_whitespace() || first == '$' {
        return None;
    }
    let mut prev = '$';
    for (k, c) in rest.char_indices().skip(1) {
        if c == '\n' && prev == '\n' {
            return None;
        }
        if c == '$' && prev != '\\' && k > 1 {
            let next = rest[k + 1..].chars().next();
            let closes = !prev.is_whitespace() && !next.is_some_and(|n| n.is_ascii_digit());
            return closes.then_some(k);
        }
        prev = c;
    }
    None
}

/// A paragraph that is one bare `\begin{env}…\end{env}` of [`ENVIRONMENTS`], between `$$` lines.
fn environment_block(paragraph: &str) -> Option<String> {
    let trimmed = paragraph.trim();
    let env = trimmed.strip_prefix("\\begin{")?.split('}').next()?;
    if !ENVIRONMENTS.contains(&env) || !trimmed.ends_with(&format!("\\end{{{env}}}")) {
        return None;
    }
    let ending = &paragraph[paragraph.trim_end().len()..];
    Some(format!("$$\n{}\n$${ending}", escape(trimmed)))
}

/// TeX that Markdown prints as written: a backslash not before an ASCII letter doubled, `_` and
/// `*` escaped, and what smart punctuation would change (quotes, `--`, `...`) escaped.
fn escape(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len() + 8);
    let mut chars = tex.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_alphabetic) => out.push('\\'),
            '\\' => out.push_str("\\\\"),
            '_' | '*' => {
                out.push('\\');
                out.push(c);
            }
            // Zola's smart punctuation would make `f'(x)` a curly quote, `a--b` a dash: an
            // escaped character is left as it is.
            '\'' | '"' => {
                out.push('\\');
                out.push(c);
            }
            '-' if chars.peek() == Some(&'-') || out.ends_with('-') => {
                out.push_str("\\-");
            }
            '.' if chars.peek() == Some(&'.') || out.ends_with('.') => {
                out.push_str("\\.");
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(text: &str) -> String {
        convert(text, true).0
    }

    #[test]
    fn kramdown_dollars_display_alone_inline_in_text() {
        assert_eq!(
            conv("Inline $$ E = mc^2 $$ here.\n\n$$\n\\sum_{k=1}^\\infty x_k\n$$\n"),
            "Inline \\\\(E = mc^2\\\\) here.\n\n$$\n\\sum\\_{k=1}^\\infty x\\_k\n$$\n"
        );
        assert_eq!(convert("$$a_1$$", false), ("$$a\\_1$$".into(), 1));
    }

    #[test]
    fn markdown_escapes_inside_formulas_only() {
        assert_eq!(
            conv("Set $\\{a_1, b_2\\}$ and \\\\ *em* and $$x \\\\ y \\, z$$ end"),
            "Set $\\\\{a\\_1, b\\_2\\\\}$ and \\\\ *em* and \\\\(x \\\\\\\\ y \\\\, z\\\\) end"
        );
        assert_eq!(conv("a*b*c $a*b*c$"), "a*b*c $a\\*b\\*c$");
    }

    #[test]
    fn prices_code_and_escaped_dollars_stay() {
        for text in [
            "It costs $5 and $10.",
            "`$x_1$` and ``$$a_b$$``",
            "a $ b $ c",
            "```\n$$a_b$$\n```\n",
            "    $a_b$ indented code\n",
            "$$ $$",
        ] {
            assert_eq!(conv(text), text, "{text}");
        }
        assert_eq!(convert("$a_1$", false), ("$a_1$".into(), 0));
        assert_eq!(
            conv("\\$x_1\\$ or \\$\\$10"),
            "&#36;x_1&#36; or &#36;&#36;10"
        );
        assert_eq!(conv("`\\$x`"), "`\\$x`");
    }

    #[test]
    fn environments_become_display_blocks() {
        let text = "Before.\n\n\\begin{equation}\n\\label{eq:1}\na_1 = b \\\\ c\n\\end{equation}\n\nAfter.\n";
        let (out, n) = convert(text, true);
        assert_eq!(n, 1);
        assert_eq!(
            out,
            "Before.\n\n$$\n\\begin{equation}\n\\label{eq:1}\na\\_1 = b \\\\\\\\ c\n\\end{equation}\n$$\n\nAfter.\n"
        );
        // An environment MathJax does not typeset bare stays.
        let other = "\\begin{itemize}\n\\item a_b\n\\end{itemize}\n";
        assert_eq!(conv(other), other);
    }
}
