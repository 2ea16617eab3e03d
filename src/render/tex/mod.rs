//! TeX as BibTeX values hold it, to HTML: a small reader ([`try_tex_to_html`]) for accents on
//! any letter, text symbols, Greek letters and math symbols, `^`/`_` in math, font commands and
//! declarations, `\url`, `\href`, `\MakeUppercase`; unknown commands are dropped and their
//! arguments kept. The symbol tables are in [`symbols`] and [`compose`]; where a `.bib` file's
//! syntax breaks is found by [`bibfile`].
//!
//! Written by hand: no maintained crate reads the TeX of BibTeX values to Unicode text (the
//! LaTeX→MathML crate folio uses reads math only).

pub mod bibfile;
mod compose;
mod symbols;

pub use bibfile::find_syntax_error;
use symbols::{
    accent, change_case, double_struck, is_word_symbol, letter_accent, math_symbol, symbol,
};

/// A value nested deeper than this many groups and arguments is not read (no real BibTeX value
/// comes near it; without a bound, input built to nest deeper would overflow the stack).
pub const MAX_DEPTH: usize = 200;

/// [`try_tex_to_html`], with a value nested too deep given as its escaped text.
pub fn tex_to_html(tex: &str) -> String {
    try_tex_to_html(tex).unwrap_or_else(|| {
        let mut out = String::with_capacity(tex.len());
        tex.chars().for_each(|c| push_escaped(&mut out, c));
        out
    })
}

/// A BibTeX value (TeX) as HTML: text escaped, TeX turned into characters and a few tags
/// (`em`, `strong`, `sup`, `sub`, `code`, `span.smallcaps`); None when it nests more than
/// [`MAX_DEPTH`] deep.
pub fn try_tex_to_html(tex: &str) -> Option<String> {
    let chars: Vec<char> = tex.chars().collect();
    let mut reader = Reader {
        s: &chars,
        i: 0,
        math: false,
        depth: 0,
        too_deep: false,
    };
    let out = reader.group(false);
    (!reader.too_deep).then(|| collapse_spaces(&out))
}

/// Collapses runs of ASCII white space (TeX's rule); no-break spaces stay.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space && !out.is_empty() {
        out.push(' ');
    }
    out.trim().to_string()
}

struct Reader<'a> {
    s: &'a [char],
    i: usize,
    math: bool,
    /// Groups and arguments open around the current point.
    depth: usize,
    /// The input nested deeper than [`MAX_DEPTH`]: reading stopped.
    too_deep: bool,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.s.get(self.i + n).copied()
    }

    /// Reads up to the end of the current group (a `}` when `inside` is true, else the end of
    /// the input), consuming the closing brace.
    fn group(&mut self, inside: bool) -> String {
        if !self.enter() {
            return String::new();
        }
        let out = self.group_inner(inside);
        self.depth -= 1;
        out
    }

    /// Counts one more level open; false (and reading stops) past [`MAX_DEPTH`].
    fn enter(&mut self) -> bool {
        if self.depth >= MAX_DEPTH {
            self.too_deep = true;
            self.i = self.s.len();
            return false;
        }
        self.depth += 1;
        true
    }

    fn group_inner(&mut self, inside: bool) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            match c {
                '}' => {
                    self.i += 1;
                    if inside {
                        return out;
                    }
                }
                '{' => {
                    self.i += 1;
                    let inner = self.group(true);
                    out.push_str(&inner);
                }
                '\\' => {
                    self.i += 1;
                    self.command(&mut out);
                }
                '$' => {
                    self.i += 1;
                    if self.peek() == Some('$') {
                        self.i += 1;
                    }
                    self.math = !self.math;
                }
                '^' | '_' if self.math => {
                    self.i += 1;
                    let arg = self.argument();
                    let tag = if c == '^' { "sup" } else { "sub" };
                    out.push_str(&format!("<{tag}>{arg}</{tag}>"));
                }
                '~' => {
                    self.i += 1;
                    out.push(if self.math { ' ' } else { '\u{a0}' });
                }
                '-' if !self.math && self.peek_at(1) == Some('-') => {
                    if self.peek_at(2) == Some('-') {
                        self.i += 3;
                        out.push('—');
                    } else {
                        self.i += 2;
                        out.push('–');
                    }
                }
                '`' if !self.math => {
                    if self.peek_at(1) == Some('`') {
                        self.i += 2;
                        out.push('“');
                    } else {
                        self.i += 1;
                        out.push('‘');
                    }
                }
                '\'' if !self.math && self.peek_at(1) == Some('\'') => {
                    self.i += 2;
                    out.push('”');
                }
                '\'' if self.math => {
                    self.i += 1;
                    out.push('′');
                }
                _ => {
                    self.i += 1;
                    push_escaped(&mut out, c);
                }
            }
        }
        out
    }

    /// One argument: a braced group, a command, or a single character.
    fn argument(&mut self) -> String {
        if !self.enter() {
            return String::new();
        }
        let out = self.argument_inner();
        self.depth -= 1;
        out
    }

    fn argument_inner(&mut self) -> String {
        while matches!(self.peek(), Some(' ' | '\n' | '\t' | '\r')) {
            self.i += 1;
        }
        match self.peek() {
            Some('{') => {
                self.i += 1;
                self.group(true)
            }
            Some('\\') => {
                self.i += 1;
                let mut out = String::new();
                self.command(&mut out);
                out
            }
            Some(c) => {
                self.i += 1;
                let mut out = String::new();
                push_escaped(&mut out, c);
                out
            }
            None => String::new(),
        }
    }

    /// Skips an argument (e.g. the URL of `\href`).
    fn skip_argument(&mut self) {
        let math = self.math;
        self.argument();
        self.math = math;
    }

    /// Reads a command after its backslash and writes what it stands for.
    fn command(&mut self, out: &mut String) {
        let Some(first) = self.peek() else {
            out.push('\\');
            return;
        };
        if !first.is_ascii_alphabetic() {
            self.i += 1;
            match first {
                '"' | '\'' | '`' | '^' | '~' | '=' | '.' => {
                    let arg = self.accent_argument();
                    out.push_str(&accent(first, &arg));
                }
                '&' => out.push_str("&amp;"),
                '%' | '$' | '#' | '_' | '{' | '}' | '|' => out.push(first),
                '\\' | ' ' | '\n' | ',' | ';' | ':' | '>' => out.push(' '),
                '!' | '-' | '/' | '@' => {}
                c => push_escaped(out, c),
            }
            return;
        }
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        let name: String = self.s[start..self.i].iter().collect();
        // A control word eats the spaces after it.
        let spaces = self.i;
        while matches!(self.peek(), Some(' ' | '\n' | '\t' | '\r')) {
            self.i += 1;
        }
        let had_space = self.i > spaces;
        let name = name.as_str();
        if let Some(mark) = letter_accent(name) {
            let arg = self.accent_argument();
            out.push_str(&accent(mark, &arg));
            return;
        }
        if let Some(text) = symbol(name).or_else(|| math_symbol(name)) {
            out.push_str(text);
            // A control word eats the spaces after it (`\o rsted` is "ørsted"), but in math
            // (`a \leq b`) and after word-like symbols (`\ldots and`) a space is meant.
            if had_space && (self.math || is_word_symbol(name)) {
                out.push(' ');
            }
            if self.peek() == Some('{') && self.peek_at(1) == Some('}') {
                self.i += 2;
            }
            return;
        }
        match name {
            "emph" | "textit" | "textsl" | "mathit" => self.wrap(out, "<em>", "</em>"),
            "textbf" | "mathbf" | "bm" | "boldsymbol" => self.wrap(out, "<strong>", "</strong>"),
            "textsc" => self.wrap(out, "<span class=\"smallcaps\">", "</span>"),
            "texttt" | "mathtt" => self.wrap(out, "<code>", "</code>"),
            "textsuperscript" => self.wrap(out, "<sup>", "</sup>"),
            "textsubscript" => self.wrap(out, "<sub>", "</sub>"),
            "underline" => self.wrap(out, "<u>", "</u>"),
            "em" | "it" | "sl" | "itshape" | "slshape" => self.declaration(out, "<em>", "</em>"),
            "bf" | "bfseries" => self.declaration(out, "<strong>", "</strong>"),
            "sc" | "scshape" => self.declaration(out, "<span class=\"smallcaps\">", "</span>"),
            "tt" | "ttfamily" => self.declaration(out, "<code>", "</code>"),
            "rm" | "sf" | "normalfont" | "upshape" | "mdseries" | "rmfamily" | "sffamily"
            | "small" | "footnotesize" | "large" | "Large" | "normalsize" => {}
            "MakeUppercase" | "uppercase" => {
                let arg = self.argument();
                out.push_str(&change_case(&arg, true));
            }
            "MakeLowercase" | "lowercase" => {
                let arg = self.argument();
                out.push_str(&change_case(&arg, false));
            }
            "href" => {
                self.skip_argument();
                let text = self.argument();
                out.push_str(&text);
            }
            "mathbb" => {
                let arg = self.argument();
                out.push_str(&double_struck(&arg));
            }
            "sqrt" => {
                let arg = self.argument();
                out.push('√');
                out.push_str(&arg);
            }
            "frac" => {
                let a = self.argument();
                let b = self.argument();
                out.push_str(&format!("{a}/{b}"));
            }
            "noopsort" | "cite" | "citep" | "citet" | "label" | "ref" | "footnote" | "thanks" => {
                self.skip_argument();
            }
            "quad" => out.push(' '),
            "qquad" => out.push_str("  "),
            // \url, \text, \mbox, \mathrm, \NoCaseChange, ... and any command not known:
            // the command goes, its arguments stay.
            _ => {}
        }
    }

    /// `\cmd{arg}` as `open arg close`.
    fn wrap(&mut self, out: &mut String, open: &str, close: &str) {
        let arg = self.argument();
        out.push_str(open);
        out.push_str(&arg);
        out.push_str(close);
    }

    /// `{\em rest of the group}` as `open rest close`.
    fn declaration(&mut self, out: &mut String, open: &str, close: &str) {
        let rest = self.group(true);
        // group(true) consumed the closing brace; put it back for the caller's group.
        if self.i > 0 && self.s.get(self.i - 1) == Some(&'}') {
            self.i -= 1;
        }
        out.push_str(open);
        out.push_str(rest.trim_start());
        out.push_str(close);
    }

    /// The letter an accent applies to: `{\i}`, `\i`, `{e}`, `e`.
    fn accent_argument(&mut self) -> String {
        let arg = self.argument();
        arg.replace('ı', "i").replace('ȷ', "j")
    }
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::{tex_to_html, try_tex_to_html};

    #[track_caller]
    fn t(tex: &str, html: &str) {
        assert_eq!(tex_to_html(tex), html, "{tex}");
    }

    #[test]
    fn accents_every_spelling() {
        t(r#"M{\"u}ller"#, "Müller");
        t(r#"M\"uller"#, "Müller");
        t(r#"M\"{u}ller"#, "Müller");
        t(r#"M{\"{u}}ller"#, "Müller");
        t(r"\'etude", "étude");
        t(r"{\'E}mile", "Émile");
        t(r"Fran{\c{c}}ois", "François");
        t(r"Fran\c cois", "François");
        t(r"\v{S}koda \v Capek", "Škoda Čapek");
        t(r#"Ana{\"\i}s \'{\i}"#, "Anaïs í");
        t(r"Bego{\~n}a", "Begoña");
        t(r"Erd\H{o}s", "Erdős");
        t(r"\k{a} \r{u} \u{g} \={o} \.{z}", "ą ů ğ ō ż");
        // No precomposed letter: the letter and a combining mark.
        t(r#"\"{q}"#, "q\u{308}");
        t(r"\d{x}", "x\u{323}");
        // An argument that is markup: the mark goes on its text, never inside a tag or a
        // character reference.
        t(r"\c{\texttt{c}}", "<code>ç</code>");
        t(r"\c{\emph{\textbf{c}d}}", "<em><strong>ç</strong>d</em>");
        t(r"{\c\tt c}", "<code>ç</code>");
        t(r"\c\tt", "<code></code>");
        t(r"\t\tt", "<code></code>");
        t(r"\'\&", "&amp;\u{301}");
    }

    #[test]
    fn letters_and_symbols() {
        t(r"Gau{\ss}", "Gauß");
        t(r"Stra\ss e", "Straße");
        t(r"{\O}stergaard S{\o}ren", "Østergaard Søren");
        t(r"\o rsted", "ørsted");
        t(
            r#"{\aa}ngstr{\"o}m {\AE}sop \oe uvre"#,
            "ångström Æsop œuvre",
        );
        t(r"{\l}{\'o}d{\'z}", "łódź");
        t(r"A\ldots and \textemdash{} B", "A… and — B");
        t(r"\copyright{} 2024 \textregistered", "© 2024 ®");
    }

    #[test]
    fn escapes_dashes_ties_quotes() {
        t(r"R\&D 50\% \$5 \#1 a\_b \{x\}", "R&amp;D 50% $5 #1 a_b {x}");
        t("pages 1--10 --- a pause", "pages 1–10 — a pause");
        t("Dr.~Who", "Dr.\u{a0}Who");
        t("``quoted'' `single'", "“quoted” ‘single'");
        t("<b> & \"x\"", "&lt;b&gt; &amp; &quot;x&quot;");
    }

    #[test]
    fn braces_and_spaces() {
        t("{The {GPU} Paper}", "The GPU Paper");
        t("a  \n  b", "a b");
        t("{KIVI}: a {{KV}} cache", "KIVI: a KV cache");
        // Unbalanced input never panics.
        t("a } b { c", "a b c");
        t(r"trailing \", "trailing \\");
    }

    #[test]
    fn math() {
        t(r"$O(\log n)$ memory", "O(log n) memory");
        t(r"4$\times$ faster", "4× faster");
        t(r"$\alpha$-divergence", "α-divergence");
        t(r"$x^2 + y_{i,j}$", "x<sup>2</sup> + y<sub>i,j</sub>");
        t(r"$\mathbb{R}^n$", "ℝ<sup>n</sup>");
        t(r"$a \leq b \to \infty$", "a ≤ b → ∞");
        t(r"$\sqrt{n}$ and $\frac{1}{2}$", "√n and 1/2");
        t(r"$f'(x)$", "f′(x)");
    }

    #[test]
    fn fonts_and_links() {
        t(
            r"\emph{Random} \textit{it} \textbf{bold}",
            "<em>Random</em> <em>it</em> <strong>bold</strong>",
        );
        t(
            r"{\em emphasised words} after",
            "<em>emphasised words</em> after",
        );
        t(r"{\bf bold} {\it it}", "<strong>bold</strong> <em>it</em>");
        t(r"\textsc{Caps}", r#"<span class="smallcaps">Caps</span>"#);
        t(
            r"H\textsubscript{2}O x\textsuperscript{th}",
            "H<sub>2</sub>O x<sup>th</sup>",
        );
        t(r"\texttt{code}", "<code>code</code>");
        t(r"\url{https://example.org/a_b}", "https://example.org/a_b");
        t(r"\href{https://example.org}{the site}", "the site");
        t(r"\MakeUppercase{abc} \MakeLowercase{XY}", "ABC xy");
    }

    #[test]
    fn unknown_commands_go_and_their_arguments_stay() {
        t(r"\noopsort{a}Zebra", "Zebra");
        t(r"\unknowncmd{kept} text", "kept text");
        t(r"\NoCaseChange{iPhone}", "iPhone");
        t(r"\mbox{A B}", "A B");
    }

    /// Input nested far deeper than any real value is refused, not a stack overflow.
    #[test]
    fn deep_nesting_is_bounded() {
        for deep in [
            "\\emph{".repeat(10_000),
            "{".repeat(100_000),
            "\\emph\\emph".repeat(50_000),
            "$x^{".repeat(10_000),
        ] {
            assert_eq!(try_tex_to_html(&deep), None);
            assert!(!tex_to_html(&deep).is_empty());
        }
        let fine = format!("{}x{}", "{".repeat(150), "}".repeat(150));
        assert_eq!(try_tex_to_html(&fine).as_deref(), Some("x"));
    }

    #[test]
    fn plain_text_is_unchanged() {
        t(
            "Efficient Machine Learning Systems",
            "Efficient Machine Learning Systems",
        );
        t("Zirui Liu", "Zirui Liu");
        t("", "");
    }
}
