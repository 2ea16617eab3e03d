//! Pseudocode at build time: the LaTeX `algorithm`/`algorithmic` text of a ```` ```pseudocode ````
//! block, as al-folio hands it to pseudocode.js, → numbered lines of HTML with the keywords in
//! bold, the blocks indented and the formulas in MathML (through [`crate::render::math`]); no
//! JavaScript. The highlight pass writes the result inside the block's `<code>`.
//!
//! Written by hand: no crate reads algorithmic (pseudocode.js is JavaScript). What it knows:
//! `\caption`, `\STATE`, `\RETURN`, `\PRINT`, `\IF`/`\ELSIF`/`\ELSE`/`\ENDIF`, `\FOR`,
//! `\FORALL`, `\ENDFOR`, `\WHILE`/`\ENDWHILE`, `\REPEAT`/`\UNTIL`, `\LOOP`/`\ENDLOOP`,
//! `\PROCEDURE`, `\FUNCTION` and their ends, `\REQUIRE`, `\ENSURE`, `\INPUT`, `\OUTPUT`, `\BREAK`,
//! `\CONTINUE`, and in text `\CALL`, `\COMMENT`, `\TO`, `\DOWNTO`, `\TRUE`, `\FALSE`, `\AND`,
//! `\OR`, `\NOT`, `\textbf`, `\textit`, `\emph`, `\texttt`, `$…$`. Anything else stays as text.

use crate::html::text::escape;
use crate::render::math::to_mathml;

/// The deepest indentation written (deeper blocks stay at it).
const MAX_INDENT: usize = 8;

/// The HTML of one pseudocode block (its text decoded): a caption line when it has one, then one
/// `span.ps-line` per statement, indented by `ps-iN`.
pub fn to_html(code: &str) -> String {
    let text = strip_comments(code);
    let mut out = String::new();
    if let Some(caption) = command_arg(&text, "\\caption") {
        out.push_str(&format!(
            r#"<span class="ps-caption"><b>Algorithm</b> {}</span>"#,
            inline(caption)
        ));
    }
    let body = between(&text, "\\begin{algorithmic}", "\\end{algorithmic}").unwrap_or(&text);
    let mut indent = 0usize;
    for (cmd, rest) in statements(body) {
        let (args, tail) = brace_args(rest, arity(cmd));
        let arg = |i: usize| args.get(i).map_or(String::new(), |a| inline(a));
        let tail = inline(tail);
        let kw = |w: &str| format!(r#"<b class="ps-keyword">{w}</b>"#);
        let (before, line, after): (isize, String, isize) = match cmd {
            "STATE" => (0, tail.clone(), 0),
            "RETURN" | "PRINT" => (0, join(&kw(&cmd.to_lowercase()), &tail), 0),
            "BREAK" | "CONTINUE" => (0, join(&kw(&cmd.to_lowercase()), &tail), 0),
            "IF" => (0, format!("{} {} {}", kw("if"), arg(0), kw("then")), 1),
            "ELSIF" => (
                -1,
                format!("{} {} {}", kw("else if"), arg(0), kw("then")),
                1,
            ),
            "ELSE" => (-1, kw("else"), 1),
            "ENDIF" => (-1, kw("end if"), 0),
            "FOR" => (0, format!("{} {} {}", kw("for"), arg(0), kw("do")), 1),
            "FORALL" => (0, format!("{} {} {}", kw("for all"), arg(0), kw("do")), 1),
            "ENDFOR" => (-1, kw("end for"), 0),
            "WHILE" => (0, format!("{} {} {}", kw("while"), arg(0), kw("do")), 1),
            "ENDWHILE" => (-1, kw("end while"), 0),
            "LOOP" => (0, kw("loop"), 1),
            "ENDLOOP" => (-1, kw("end loop"), 0),
            "REPEAT" => (0, kw("repeat"), 1),
            "UNTIL" => (-1, format!("{} {}", kw("until"), arg(0)), 0),
            "PROCEDURE" | "FUNCTION" => (
                0,
                format!(
                    r#"{} <span class="ps-name">{}</span>({})"#,
                    kw(&cmd.to_lowercase()),
                    arg(0),
                    arg(1)
                ),
                1,
            ),
            "ENDPROCEDURE" => (-1, kw("end procedure"), 0),
            "ENDFUNCTION" => (-1, kw("end function"), 0),
            "REQUIRE" | "ENSURE" | "INPUT" | "OUTPUT" => {
                let word = format!("{}{}:", &cmd[..1], cmd[1..].to_lowercase());
                (0, join(&kw(&word), &tail), 0)
            }
            _ => (0, String::new(), 0),
        };
        indent = indent.saturating_add_signed(before);
        // Text after a block's opening or end (`\IF{c} x`) goes on its line.
        let line = match cmd {
            "STATE" | "RETURN" | "PRINT" | "BREAK" | "CONTINUE" | "REQUIRE" | "ENSURE"
            | "INPUT" | "OUTPUT" => line,
            _ => join(&line, &tail),
        };
        out.push_str(&format!(
            r#"<span class="ps-line ps-i{}">{line}</span>"#,
            indent.min(MAX_INDENT)
        ));
        indent = indent.saturating_add_signed(after);
    }
    out
}

fn join(a: &str, b: &str) -> String {
    if b.is_empty() {
        a.to_owned()
    } else {
        format!("{a} {b}")
    }
}

/// The commands that start a statement (a line).
const STATEMENTS: &[&str] = &[
    "STATE",
    "RETURN",
    "PRINT",
    "IF",
    "ELSIF",
    "ELSE",
    "ENDIF",
    "FORALL",
    "FOR",
    "ENDFOR",
    "WHILE",
    "ENDWHILE",
    "LOOP",
    "ENDLOOP",
    "REPEAT",
    "UNTIL",
    "PROCEDURE",
    "ENDPROCEDURE",
    "FUNCTION",
    "ENDFUNCTION",
    "REQUIRE",
    "ENSURE",
    "INPUT",
    "OUTPUT",
    "BREAK",
    "CONTINUE",
];

/// How many brace arguments a statement command takes.
fn arity(cmd: &str) -> usize {
    match cmd {
        "IF" | "ELSIF" | "FOR" | "FORALL" | "WHILE" | "UNTIL" => 1,
        "PROCEDURE" | "FUNCTION" => 2,
        _ => 0,
    }
}

/// The statements of `body`: each command that starts one, with the text up to the next.
fn statements(body: &str) -> Vec<(&str, &str)> {
    let mut starts: Vec<(usize, &str)> = Vec::new();
    let bytes = body.as_bytes();
    let mut depth = 0usize;
    let mut math = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let name_len = body[i + 1..]
                    .bytes()
                    .take_while(u8::is_ascii_alphabetic)
                    .count();
                let name = &body[i + 1..i + 1 + name_len];
                if depth == 0
                    && !math
                    && let Some(cmd) = STATEMENTS.iter().find(|c| **c == name)
                {
                    starts.push((i, cmd));
                }
                i += 1 + name_len.max(1);
                continue;
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'$' => math = !math,
            _ => {}
        }
        i += 1;
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, (at, cmd))| {
            let end = starts.get(k + 1).map_or(body.len(), |(e, _)| *e);
            (*cmd, &body[at + 1 + cmd.len()..end])
        })
        .collect()
}

/// Up to `n` brace groups at the start of `s` (spaces between them skipped), and what follows.
fn brace_args(s: &str, n: usize) -> (Vec<&str>, &str) {
    let mut args = Vec::new();
    let mut rest = s;
    while args.len() < n {
        let t = rest.trim_start();
        let Some(inner) = t.strip_prefix('{') else {
            break;
        };
        let Some(close) = group_end(inner) else {
            break;
        };
        args.push(&inner[..close]);
        rest = &inner[close + 1..];
    }
    (args, rest)
}

/// Where the group opened just before `s` closes (the index of its `}`).
fn group_end(s: &str) -> Option<usize> {
    let mut depth = 1usize;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The argument of the first `\name{…}` in `s`.
fn command_arg<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let at = s.find(&format!("{name}{{"))?;
    let inner = &s[at + name.len() + 1..];
    Some(&inner[..group_end(inner)?])
}

fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = s.find(open)? + open.len();
    let end = s[start..].find(close).map_or(s.len(), |e| start + e);
    Some(&s[start..end])
}

/// The text without `%` comments (an escaped `\%` stays), lines joined.
fn strip_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    for line in code.lines() {
        let mut cut = line.len();
        let mut prev = ' ';
        for (i, c) in line.char_indices() {
            if c == '%' && prev != '\\' {
                cut = i;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

/// Text inside a statement: formulas as MathML, the inline commands, the rest escaped, spaces
/// collapsed.
fn inline(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('$') {
            let end = r.find('$').unwrap_or(r.len());
            let tex = &r[..end];
            match to_mathml(&escape(tex), false) {
                Ok(m) => out.push_str(&m),
                Err(_) => out.push_str(&format!("<code>{}</code>", escape(tex))),
            }
            rest = r.get(end + 1..).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix('\\') {
            let name_len = r.bytes().take_while(u8::is_ascii_alphabetic).count();
            let name = &r[..name_len];
            let after = &r[name_len..];
            let word = |w: &str| format!(r#"<b class="ps-keyword">{w}</b>"#);
            match name {
                "CALL" => {
                    let (args, tail) = brace_args(after, 2);
                    let get = |i: usize| args.get(i).map_or(String::new(), |a| inline(a));
                    out.push_str(&format!(
                        r#"<span class="ps-name">{}</span>({})"#,
                        get(0),
                        get(1)
                    ));
                    rest = tail;
                    continue;
                }
                "COMMENT" => {
                    let (args, tail) = brace_args(after, 1);
                    let text = args.first().map_or(String::new(), |a| inline(a));
                    out.push_str(&format!(r#"<span class="ps-comment">▷ {text}</span>"#));
                    rest = tail;
                    continue;
                }
                "textbf" | "textit" | "emph" | "texttt" | "textrm" | "text" | "mathrm" => {
                    let (args, tail) = brace_args(after, 1);
                    let text = args.first().map_or(String::new(), |a| inline(a));
                    let (open, close) = match name {
                        "textbf" => ("<b>", "</b>"),
                        "textit" | "emph" => ("<i>", "</i>"),
                        "texttt" => ("<code>", "</code>"),
                        _ => ("", ""),
                    };
                    out.push_str(&format!("{open}{text}{close}"));
                    rest = tail;
                    continue;
                }
                "TO" | "DOWNTO" | "TRUE" | "FALSE" | "AND" | "OR" | "NOT" | "XOR" => {
                    out.push_str(&word(&name.to_lowercase()));
                }
                "" => {
                    // `\\`, `\{`, `\%`, `\$`…: the character itself (a line break: a space).
                    let c = after.chars().next().unwrap_or(' ');
                    out.push_str(&escape(if c == '\\' {
                        " "
                    } else {
                        &after[..c.len_utf8().min(after.len())]
                    }));
                    rest = after.get(c.len_utf8()..).unwrap_or("");
                    continue;
                }
                _ => out.push_str(&escape(&format!("\\{name}"))),
            }
            rest = after;
        } else {
            let end = rest.find(['$', '\\']).unwrap_or(rest.len());
            out.push_str(&escape(&rest[..end].replace(['{', '}'], "")));
            rest = &rest[end..];
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// al-folio's demo post (Quicksort, from Introduction to Algorithms).
    const QUICKSORT: &str = r"% This quicksort algorithm is extracted from Chapter 7
\begin{algorithm}
\caption{Quicksort}
\begin{algorithmic}
\PROCEDURE{Quicksort}{$A, p, r$}
    \IF{$p < r$}
        \STATE $q = $ \CALL{Partition}{$A, p, r$}
        \STATE \CALL{Quicksort}{$A, p, q - 1$}
    \ENDIF
\ENDPROCEDURE
\PROCEDURE{Partition}{$A, p, r$}
    \FOR{$j = p$ \TO $r - 1$}
        \STATE exchange
        $A[i]$ with $A[j]$ \COMMENT{50\% of the time} % a TeX comment
    \ENDFOR
\ENDPROCEDURE
\end{algorithmic}
\end{algorithm}";

    #[test]
    fn quicksort_becomes_indented_lines() {
        let html = to_html(QUICKSORT);
        let lines: Vec<&str> = html.split("<span class=\"ps-line").skip(1).collect();
        assert_eq!(lines.len(), 11, "{html}");
        assert!(html.starts_with(r#"<span class="ps-caption"><b>Algorithm</b> Quicksort</span>"#));
        let indents: Vec<&str> = lines.iter().map(|l| &l[4..6]).collect();
        assert_eq!(
            indents,
            [
                "i0", "i1", "i2", "i2", "i1", "i0", "i0", "i1", "i2", "i1", "i0"
            ],
            "{html}"
        );
        assert!(lines[0].contains(r#"<b class="ps-keyword">procedure</b> <span class="ps-name">Quicksort</span>(<math"#), "{}", lines[0]);
        assert!(
            lines[1].contains(r#"<b class="ps-keyword">if</b> <math"#)
                && lines[1].contains(r#"<b class="ps-keyword">then</b>"#)
        );
        assert!(lines[2].contains(r#"<span class="ps-name">Partition</span>(<math"#));
        assert!(lines[4].contains("end if"));
        assert!(lines[7].contains(r#"<b class="ps-keyword">to</b>"#));
        // A statement over two lines is one line; `\%` is a per cent sign, `%` opens a comment.
        assert!(
            lines[8].starts_with(r#" ps-i2">exchange <math"#),
            "{}",
            lines[8]
        );
        assert!(
            lines[8].ends_with(r#"<span class="ps-comment">▷ 50% of the time</span></span>"#),
            "{}",
            lines[8]
        );
        assert!(!html.contains("\\STATE") && !html.contains("$"), "{html}");
    }

    #[test]
    fn text_is_escaped_and_bad_math_is_kept_as_code() {
        let html = to_html(r"\STATE <script>alert(1)</script> \unknown{x} $\frac{1$ & done");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("\\unknown"), "{html}");
        // Unbalanced input never panics and never loses the text.
        for s in [
            r"\IF{",
            r"\ENDIF\ENDIF\ENDFOR",
            r"\CALL{",
            "$",
            r"\",
            "{{{",
            r"\PROCEDURE{a}",
        ] {
            let _ = to_html(s);
        }
        assert!(to_html(r"\ENDIF\ENDIF").contains("ps-i0"));
        let deep = r"\IF{a}".repeat(20);
        assert!(to_html(&deep).contains("ps-i8"));
    }
}
