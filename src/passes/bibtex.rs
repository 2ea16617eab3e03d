//! bibtex: TeX in the publications' BibTeX values, to HTML text.
//!
//! The theme's templates (theme/templates/macros/tex.html) already turn the common TeX of
//! BibTeX values into text: accents on the usual Latin letters, `--`, `~`, braces, `\&`,
//! `\emph{..}`. Where a value has TeX commands or math they mark the result:
//!
//! ```html
//! <span class="bib-tex" data-tex="RAW VALUE">what the template made of it</span>
//! ```
//!
//! This pass reads RAW again with a small TeX reader ([`tex_to_html`]): any accent on any
//! letter (precomposed when Unicode has the letter), dotless i and j, the text symbols
//! (`\ss`, `\o`, `\ldots`, `\textemdash`, ...), Greek letters and common math symbols,
//! `^`/`_` in math as superscript/subscript, font commands and declarations (`\emph`,
//! `\textbf`, `\textsc`, `{\em ..}`, `{\bf ..}`), `\url`, `\href`, `\MakeUppercase`; unknown
//! commands are dropped and their arguments kept. It writes the result as the span's
//! content and removes the span, so a second run finds nothing to do.

use lol_html::html_content::{ContentType, Element};
use lol_html::{ElementContentHandlers, Selector};

use super::{Handlers, Page, Pass, selector};

pub struct BibtexPass {
    marked: Selector,
}

impl BibtexPass {
    pub fn new() -> Self {
        Self {
            marked: selector("span.bib-tex[data-tex]"),
        }
    }
}

impl Default for BibtexPass {
    fn default() -> Self {
        Self::new()
    }
}

impl Pass for BibtexPass {
    fn name(&self) -> &'static str {
        "bibtex"
    }

    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        if !super::text::has(page.source, "bib-tex") {
            return;
        }
        handlers.on(
            &self.marked,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if page.in_verbatim() {
                    return Ok(());
                }
                // Only the template's own markup, `<span …>text</span>`: the content of a span
                // whose end tag is missing runs on into the page, which replacing it would take.
                let from = el.source_location().bytes().end;
                if !page
                    .source
                    .get(from..)
                    .and_then(|rest| rest.find('<').map(|lt| &rest[lt..]))
                    .is_some_and(|tag| {
                        tag.get(..7)
                            .is_some_and(|t| t.eq_ignore_ascii_case("</span>"))
                    })
                {
                    return Ok(());
                }
                if !finish(el, page.config.folio.emoji.enabled) {
                    page.report.warn(format!(
                        "{}: a BibTeX value nests braces or commands more than {MAX_DEPTH} deep: \
                         left as the template wrote it (check the .bib entry)",
                        page.file.display()
                    ));
                }
                Ok(())
            }),
        );
    }
}

/// Replaces a marked span by the conversion of its `data-tex`; a value nested too deep to read
/// is left as the template wrote it (false: the caller reports it). With `emoji`, shortcodes in
/// the result become emoji here: the emoji pass never sees text a handler writes, and a second
/// run would otherwise find them.
fn finish(el: &mut Element<'_, '_>, emoji: bool) -> bool {
    let Some(raw) = el.get_attribute("data-tex") else {
        return true;
    };
    match try_tex_to_html(&unescape_attribute(&raw)) {
        Some(html) => {
            let html = match emoji {
                true => super::emoji::replace_in_html(&html),
                false => std::borrow::Cow::Borrowed(html.as_str()),
            };
            el.set_inner_content(&html, ContentType::Html);
            el.remove_and_keep_content();
            true
        }
        None => false,
    }
}

/// An attribute value as lol_html hands it over (character references not decoded) to text:
/// the references the templates write (`&amp;` `&lt;` `&gt;` `&quot;` `&#39;`) and numeric ones.
fn unescape_attribute(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest[1..].find(';').map(|e| e + 1).filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name.strip_prefix('#').and_then(|n| {
                match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                }
                .and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

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

/// Where a BibTeX file most likely breaks, for a message that names it: the 1-based line and
/// the citation key of the first entry whose braces (or quotes) do not close before the next
/// entry starts (an `@` at the start of a line) or the file ends. Zola's own message on a
/// syntax error gives a line but not the file; `folio build` can add this when `zola build`
/// fails on a `load_data(format = "bibtex")`. `None` when every entry closes.
pub fn find_syntax_error(bib: &str) -> Option<(usize, String)> {
    let starts: Vec<usize> = bib
        .match_indices('@')
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || bib[..i].trim_end_matches([' ', '\t']).ends_with('\n'))
        .collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(bib.len());
        let entry = &bib[start..end];
        let Some(open) = entry.find(['{', '(']) else {
            continue;
        };
        let kind = entry[1..open].trim().to_ascii_lowercase();
        if kind == "comment" {
            continue;
        }
        let mut depth = 0i32;
        let mut quoted = false;
        let mut closed = false;
        let mut prev = ' ';
        for c in entry[open..].chars() {
            match c {
                '"' if prev != '\\' && depth == 1 => quoted = !quoted,
                '{' | '(' if !quoted => depth += 1,
                '}' | ')' if !quoted => {
                    depth -= 1;
                    if depth == 0 {
                        closed = true;
                        break;
                    }
                }
                _ => {}
            }
            prev = c;
        }
        if !closed {
            let line = bib[..start].matches('\n').count() + 1;
            let key = entry[open + 1..]
                .split([',', '\n'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            return Some((line, key));
        }
    }
    None
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

/// Symbols that are words (a space after them is a word space in the output).
fn is_word_symbol(name: &str) -> bool {
    matches!(
        name,
        "ldots" | "dots" | "textellipsis" | "LaTeX" | "TeX" | "BibTeX" | "copyright"
    )
}

/// Accent commands spelled with a letter: `\v{s}`, `\c c`, ...
fn letter_accent(name: &str) -> Option<char> {
    Some(match name {
        "u" => 'u',
        "v" => 'v',
        "H" => 'H',
        "c" => 'c',
        "k" => 'k',
        "r" => 'r',
        "d" => 'd',
        "b" => 'b',
        "t" => 't',
        "G" => 'G',
        "textacutedbl" => 'H',
        _ => return None,
    })
}

fn combining(mark: char) -> char {
    match mark {
        '"' => '\u{308}',
        '\'' => '\u{301}',
        '`' => '\u{300}',
        '^' => '\u{302}',
        '~' => '\u{303}',
        '=' => '\u{304}',
        '.' => '\u{307}',
        'u' => '\u{306}',
        'v' => '\u{30c}',
        'H' => '\u{30b}',
        'c' => '\u{327}',
        'k' => '\u{328}',
        'r' => '\u{30a}',
        'd' => '\u{323}',
        'b' => '\u{331}',
        't' => '\u{361}',
        'G' => '\u{30f}',
        _ => '\u{301}',
    }
}

/// The accented letter: precomposed when Unicode has it, else the letter and a combining mark.
/// `arg` is HTML (the argument as read, e.g. `<code>x</code>` for `\c{\tt x}`): the mark goes
/// on its first character of text, after the tags it starts with, and after a character
/// reference (`&amp;`) rather than inside it. An argument with no text keeps no mark.
fn accent(mark: char, arg: &str) -> String {
    let mut start = 0;
    while arg[start..].starts_with('<') {
        match arg[start..].find('>') {
            Some(end) => start += end + 1,
            None => break,
        }
    }
    let (tags, text) = arg.split_at(start);
    let mut chars = text.chars();
    let Some(base) = chars.next() else {
        return arg.to_owned();
    };
    let m = combining(mark);
    let mut out = String::from(tags);
    if base == '&'
        && let Some(end) = text.find(';')
    {
        out.push_str(&text[..=end]);
        out.push(m);
        out.push_str(&text[end + 1..]);
        return out;
    }
    match COMPOSE.binary_search_by(|&(b, c, _)| (b, c).cmp(&(base, m))) {
        Ok(i) => out.push(COMPOSE[i].2),
        Err(_) => {
            out.push(base);
            out.push(m);
        }
    }
    out.extend(chars);
    out
}

fn change_case(html: &str, upper: bool) -> String {
    // Only the text between tags changes case.
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut in_entity = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            '&' => in_entity = true,
            ';' => in_entity = false,
            _ => {}
        }
        if in_tag || in_entity || c == ';' || c == '>' {
            out.push(c);
        } else if upper {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn double_struck(arg: &str) -> String {
    arg.chars()
        .map(|c| match c {
            'R' => 'ℝ',
            'N' => 'ℕ',
            'Z' => 'ℤ',
            'Q' => 'ℚ',
            'C' => 'ℂ',
            'P' => 'ℙ',
            'E' => '𝔼',
            c => c,
        })
        .collect()
}

/// Text symbols and letters written as commands.
fn symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "ss" => "ß",
        "SS" => "SS",
        "o" => "ø",
        "O" => "Ø",
        "aa" => "å",
        "AA" => "Å",
        "ae" => "æ",
        "AE" => "Æ",
        "oe" => "œ",
        "OE" => "Œ",
        "l" => "ł",
        "L" => "Ł",
        "i" => "ı",
        "j" => "ȷ",
        "dh" => "ð",
        "DH" => "Ð",
        "th" => "þ",
        "TH" => "Þ",
        "ng" => "ŋ",
        "NG" => "Ŋ",
        "dj" => "đ",
        "DJ" => "Đ",
        "ldots" | "dots" | "textellipsis" => "…",
        "textendash" => "–",
        "textemdash" => "—",
        "textquoteleft" => "‘",
        "textquoteright" => "’",
        "textquotedblleft" => "“",
        "textquotedblright" => "”",
        "guillemotleft" | "guillemetleft" => "«",
        "guillemotright" | "guillemetright" => "»",
        "copyright" | "textcopyright" => "©",
        "textregistered" => "®",
        "texttrademark" => "™",
        "textbackslash" => "\\",
        "textasciitilde" => "~",
        "textasciicircum" => "^",
        "textbar" => "|",
        "textbullet" => "•",
        "textdegree" => "°",
        "textless" => "&lt;",
        "textgreater" => "&gt;",
        "textunderscore" => "_",
        "pounds" | "textsterling" => "£",
        "euro" | "texteuro" => "€",
        "S" | "textsection" => "§",
        "P" | "textparagraph" => "¶",
        "dag" | "textdagger" => "†",
        "ddag" | "textdaggerdbl" => "‡",
        "LaTeX" => "LaTeX",
        "TeX" => "TeX",
        "BibTeX" => "BibTeX",
        "space" => " ",
        "textexclamdown" => "¡",
        "textquestiondown" => "¿",
        _ => return None,
    })
}

/// Greek letters and the math symbols seen in titles and abstracts.
fn math_symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "epsilon" => "ϵ",
        "varepsilon" => "ε",
        "zeta" => "ζ",
        "eta" => "η",
        "theta" => "θ",
        "vartheta" => "ϑ",
        "iota" => "ι",
        "kappa" => "κ",
        "lambda" => "λ",
        "mu" => "μ",
        "nu" => "ν",
        "xi" => "ξ",
        "pi" => "π",
        "varpi" => "ϖ",
        "rho" => "ρ",
        "varrho" => "ϱ",
        "sigma" => "σ",
        "varsigma" => "ς",
        "tau" => "τ",
        "upsilon" => "υ",
        "phi" => "ϕ",
        "varphi" => "φ",
        "chi" => "χ",
        "psi" => "ψ",
        "omega" => "ω",
        "Gamma" => "Γ",
        "Delta" => "Δ",
        "Theta" => "Θ",
        "Lambda" => "Λ",
        "Xi" => "Ξ",
        "Pi" => "Π",
        "Sigma" => "Σ",
        "Upsilon" => "Υ",
        "Phi" => "Φ",
        "Psi" => "Ψ",
        "Omega" => "Ω",
        "times" => "×",
        "cdot" => "·",
        "cdots" => "⋯",
        "pm" => "±",
        "mp" => "∓",
        "div" => "÷",
        "approx" => "≈",
        "sim" => "∼",
        "simeq" => "≃",
        "cong" => "≅",
        "equiv" => "≡",
        "propto" => "∝",
        "leq" | "le" => "≤",
        "geq" | "ge" => "≥",
        "neq" | "ne" => "≠",
        "ll" => "≪",
        "gg" => "≫",
        "infty" => "∞",
        "to" | "rightarrow" => "→",
        "leftarrow" | "gets" => "←",
        "leftrightarrow" => "↔",
        "Rightarrow" | "implies" => "⇒",
        "Leftarrow" => "⇐",
        "Leftrightarrow" | "iff" => "⇔",
        "mapsto" => "↦",
        "uparrow" => "↑",
        "downarrow" => "↓",
        "in" => "∈",
        "notin" => "∉",
        "ni" => "∋",
        "subset" => "⊂",
        "subseteq" => "⊆",
        "supset" => "⊃",
        "supseteq" => "⊇",
        "cup" => "∪",
        "cap" => "∩",
        "setminus" => "∖",
        "forall" => "∀",
        "exists" => "∃",
        "neg" | "lnot" => "¬",
        "wedge" | "land" => "∧",
        "vee" | "lor" => "∨",
        "emptyset" | "varnothing" => "∅",
        "sum" => "∑",
        "prod" => "∏",
        "int" => "∫",
        "oint" => "∮",
        "partial" => "∂",
        "nabla" => "∇",
        "ell" => "ℓ",
        "hbar" => "ℏ",
        "prime" => "′",
        "circ" => "∘",
        "bullet" => "•",
        "star" => "⋆",
        "ast" => "∗",
        "oplus" => "⊕",
        "otimes" => "⊗",
        "langle" => "⟨",
        "rangle" => "⟩",
        "lfloor" => "⌊",
        "rfloor" => "⌋",
        "lceil" => "⌈",
        "rceil" => "⌉",
        "mid" | "vert" => "|",
        "Vert" => "‖",
        "perp" => "⊥",
        "parallel" => "∥",
        "top" => "⊤",
        "log" => "log",
        "ln" => "ln",
        "exp" => "exp",
        "sin" => "sin",
        "cos" => "cos",
        "tan" => "tan",
        "max" => "max",
        "min" => "min",
        "arg" => "arg",
        "lim" => "lim",
        "det" => "det",
        "sup" => "sup",
        "inf" => "inf",
        "Pr" => "Pr",
        _ => return None,
    })
}

/// (base letter, combining mark, precomposed letter), sorted: the Latin letters Unicode
/// composes with the marks of TeX's accent commands (generated with Python's unicodedata).
static COMPOSE: &[(char, char, char)] = &[
    ('A', '\u{300}', 'À'),
    ('A', '\u{301}', 'Á'),
    ('A', '\u{302}', 'Â'),
    ('A', '\u{303}', 'Ã'),
    ('A', '\u{304}', 'Ā'),
    ('A', '\u{306}', 'Ă'),
    ('A', '\u{307}', 'Ȧ'),
    ('A', '\u{308}', 'Ä'),
    ('A', '\u{30a}', 'Å'),
    ('A', '\u{30c}', 'Ǎ'),
    ('A', '\u{323}', 'Ạ'),
    ('A', '\u{328}', 'Ą'),
    ('B', '\u{307}', 'Ḃ'),
    ('B', '\u{323}', 'Ḅ'),
    ('B', '\u{331}', 'Ḇ'),
    ('C', '\u{301}', 'Ć'),
    ('C', '\u{302}', 'Ĉ'),
    ('C', '\u{307}', 'Ċ'),
    ('C', '\u{30c}', 'Č'),
    ('C', '\u{327}', 'Ç'),
    ('D', '\u{307}', 'Ḋ'),
    ('D', '\u{30c}', 'Ď'),
    ('D', '\u{323}', 'Ḍ'),
    ('D', '\u{327}', 'Ḑ'),
    ('D', '\u{331}', 'Ḏ'),
    ('E', '\u{300}', 'È'),
    ('E', '\u{301}', 'É'),
    ('E', '\u{302}', 'Ê'),
    ('E', '\u{303}', 'Ẽ'),
    ('E', '\u{304}', 'Ē'),
    ('E', '\u{306}', 'Ĕ'),
    ('E', '\u{307}', 'Ė'),
    ('E', '\u{308}', 'Ë'),
    ('E', '\u{30c}', 'Ě'),
    ('E', '\u{323}', 'Ẹ'),
    ('E', '\u{327}', 'Ȩ'),
    ('E', '\u{328}', 'Ę'),
    ('F', '\u{307}', 'Ḟ'),
    ('G', '\u{301}', 'Ǵ'),
    ('G', '\u{302}', 'Ĝ'),
    ('G', '\u{304}', 'Ḡ'),
    ('G', '\u{306}', 'Ğ'),
    ('G', '\u{307}', 'Ġ'),
    ('G', '\u{30c}', 'Ǧ'),
    ('G', '\u{327}', 'Ģ'),
    ('H', '\u{302}', 'Ĥ'),
    ('H', '\u{307}', 'Ḣ'),
    ('H', '\u{308}', 'Ḧ'),
    ('H', '\u{30c}', 'Ȟ'),
    ('H', '\u{323}', 'Ḥ'),
    ('H', '\u{327}', 'Ḩ'),
    ('I', '\u{300}', 'Ì'),
    ('I', '\u{301}', 'Í'),
    ('I', '\u{302}', 'Î'),
    ('I', '\u{303}', 'Ĩ'),
    ('I', '\u{304}', 'Ī'),
    ('I', '\u{306}', 'Ĭ'),
    ('I', '\u{307}', 'İ'),
    ('I', '\u{308}', 'Ï'),
    ('I', '\u{30c}', 'Ǐ'),
    ('I', '\u{323}', 'Ị'),
    ('I', '\u{328}', 'Į'),
    ('J', '\u{302}', 'Ĵ'),
    ('K', '\u{301}', 'Ḱ'),
    ('K', '\u{30c}', 'Ǩ'),
    ('K', '\u{323}', 'Ḳ'),
    ('K', '\u{327}', 'Ķ'),
    ('K', '\u{331}', 'Ḵ'),
    ('L', '\u{301}', 'Ĺ'),
    ('L', '\u{30c}', 'Ľ'),
    ('L', '\u{323}', 'Ḷ'),
    ('L', '\u{327}', 'Ļ'),
    ('L', '\u{331}', 'Ḻ'),
    ('M', '\u{301}', 'Ḿ'),
    ('M', '\u{307}', 'Ṁ'),
    ('M', '\u{323}', 'Ṃ'),
    ('N', '\u{300}', 'Ǹ'),
    ('N', '\u{301}', 'Ń'),
    ('N', '\u{303}', 'Ñ'),
    ('N', '\u{307}', 'Ṅ'),
    ('N', '\u{30c}', 'Ň'),
    ('N', '\u{323}', 'Ṇ'),
    ('N', '\u{327}', 'Ņ'),
    ('N', '\u{331}', 'Ṉ'),
    ('O', '\u{300}', 'Ò'),
    ('O', '\u{301}', 'Ó'),
    ('O', '\u{302}', 'Ô'),
    ('O', '\u{303}', 'Õ'),
    ('O', '\u{304}', 'Ō'),
    ('O', '\u{306}', 'Ŏ'),
    ('O', '\u{307}', 'Ȯ'),
    ('O', '\u{308}', 'Ö'),
    ('O', '\u{30b}', 'Ő'),
    ('O', '\u{30c}', 'Ǒ'),
    ('O', '\u{323}', 'Ọ'),
    ('O', '\u{328}', 'Ǫ'),
    ('P', '\u{301}', 'Ṕ'),
    ('P', '\u{307}', 'Ṗ'),
    ('R', '\u{301}', 'Ŕ'),
    ('R', '\u{307}', 'Ṙ'),
    ('R', '\u{30c}', 'Ř'),
    ('R', '\u{323}', 'Ṛ'),
    ('R', '\u{327}', 'Ŗ'),
    ('R', '\u{331}', 'Ṟ'),
    ('S', '\u{301}', 'Ś'),
    ('S', '\u{302}', 'Ŝ'),
    ('S', '\u{307}', 'Ṡ'),
    ('S', '\u{30c}', 'Š'),
    ('S', '\u{323}', 'Ṣ'),
    ('S', '\u{327}', 'Ş'),
    ('T', '\u{307}', 'Ṫ'),
    ('T', '\u{30c}', 'Ť'),
    ('T', '\u{323}', 'Ṭ'),
    ('T', '\u{327}', 'Ţ'),
    ('T', '\u{331}', 'Ṯ'),
    ('U', '\u{300}', 'Ù'),
    ('U', '\u{301}', 'Ú'),
    ('U', '\u{302}', 'Û'),
    ('U', '\u{303}', 'Ũ'),
    ('U', '\u{304}', 'Ū'),
    ('U', '\u{306}', 'Ŭ'),
    ('U', '\u{308}', 'Ü'),
    ('U', '\u{30a}', 'Ů'),
    ('U', '\u{30b}', 'Ű'),
    ('U', '\u{30c}', 'Ǔ'),
    ('U', '\u{323}', 'Ụ'),
    ('U', '\u{328}', 'Ų'),
    ('V', '\u{303}', 'Ṽ'),
    ('V', '\u{323}', 'Ṿ'),
    ('W', '\u{300}', 'Ẁ'),
    ('W', '\u{301}', 'Ẃ'),
    ('W', '\u{302}', 'Ŵ'),
    ('W', '\u{307}', 'Ẇ'),
    ('W', '\u{308}', 'Ẅ'),
    ('W', '\u{323}', 'Ẉ'),
    ('X', '\u{307}', 'Ẋ'),
    ('X', '\u{308}', 'Ẍ'),
    ('Y', '\u{300}', 'Ỳ'),
    ('Y', '\u{301}', 'Ý'),
    ('Y', '\u{302}', 'Ŷ'),
    ('Y', '\u{303}', 'Ỹ'),
    ('Y', '\u{304}', 'Ȳ'),
    ('Y', '\u{307}', 'Ẏ'),
    ('Y', '\u{308}', 'Ÿ'),
    ('Y', '\u{323}', 'Ỵ'),
    ('Z', '\u{301}', 'Ź'),
    ('Z', '\u{302}', 'Ẑ'),
    ('Z', '\u{307}', 'Ż'),
    ('Z', '\u{30c}', 'Ž'),
    ('Z', '\u{323}', 'Ẓ'),
    ('Z', '\u{331}', 'Ẕ'),
    ('a', '\u{300}', 'à'),
    ('a', '\u{301}', 'á'),
    ('a', '\u{302}', 'â'),
    ('a', '\u{303}', 'ã'),
    ('a', '\u{304}', 'ā'),
    ('a', '\u{306}', 'ă'),
    ('a', '\u{307}', 'ȧ'),
    ('a', '\u{308}', 'ä'),
    ('a', '\u{30a}', 'å'),
    ('a', '\u{30c}', 'ǎ'),
    ('a', '\u{323}', 'ạ'),
    ('a', '\u{328}', 'ą'),
    ('b', '\u{307}', 'ḃ'),
    ('b', '\u{323}', 'ḅ'),
    ('b', '\u{331}', 'ḇ'),
    ('c', '\u{301}', 'ć'),
    ('c', '\u{302}', 'ĉ'),
    ('c', '\u{307}', 'ċ'),
    ('c', '\u{30c}', 'č'),
    ('c', '\u{327}', 'ç'),
    ('d', '\u{307}', 'ḋ'),
    ('d', '\u{30c}', 'ď'),
    ('d', '\u{323}', 'ḍ'),
    ('d', '\u{327}', 'ḑ'),
    ('d', '\u{331}', 'ḏ'),
    ('e', '\u{300}', 'è'),
    ('e', '\u{301}', 'é'),
    ('e', '\u{302}', 'ê'),
    ('e', '\u{303}', 'ẽ'),
    ('e', '\u{304}', 'ē'),
    ('e', '\u{306}', 'ĕ'),
    ('e', '\u{307}', 'ė'),
    ('e', '\u{308}', 'ë'),
    ('e', '\u{30c}', 'ě'),
    ('e', '\u{323}', 'ẹ'),
    ('e', '\u{327}', 'ȩ'),
    ('e', '\u{328}', 'ę'),
    ('f', '\u{307}', 'ḟ'),
    ('g', '\u{301}', 'ǵ'),
    ('g', '\u{302}', 'ĝ'),
    ('g', '\u{304}', 'ḡ'),
    ('g', '\u{306}', 'ğ'),
    ('g', '\u{307}', 'ġ'),
    ('g', '\u{30c}', 'ǧ'),
    ('g', '\u{327}', 'ģ'),
    ('h', '\u{302}', 'ĥ'),
    ('h', '\u{307}', 'ḣ'),
    ('h', '\u{308}', 'ḧ'),
    ('h', '\u{30c}', 'ȟ'),
    ('h', '\u{323}', 'ḥ'),
    ('h', '\u{327}', 'ḩ'),
    ('h', '\u{331}', 'ẖ'),
    ('i', '\u{300}', 'ì'),
    ('i', '\u{301}', 'í'),
    ('i', '\u{302}', 'î'),
    ('i', '\u{303}', 'ĩ'),
    ('i', '\u{304}', 'ī'),
    ('i', '\u{306}', 'ĭ'),
    ('i', '\u{308}', 'ï'),
    ('i', '\u{30c}', 'ǐ'),
    ('i', '\u{323}', 'ị'),
    ('i', '\u{328}', 'į'),
    ('j', '\u{302}', 'ĵ'),
    ('j', '\u{30c}', 'ǰ'),
    ('k', '\u{301}', 'ḱ'),
    ('k', '\u{30c}', 'ǩ'),
    ('k', '\u{323}', 'ḳ'),
    ('k', '\u{327}', 'ķ'),
    ('k', '\u{331}', 'ḵ'),
    ('l', '\u{301}', 'ĺ'),
    ('l', '\u{30c}', 'ľ'),
    ('l', '\u{323}', 'ḷ'),
    ('l', '\u{327}', 'ļ'),
    ('l', '\u{331}', 'ḻ'),
    ('m', '\u{301}', 'ḿ'),
    ('m', '\u{307}', 'ṁ'),
    ('m', '\u{323}', 'ṃ'),
    ('n', '\u{300}', 'ǹ'),
    ('n', '\u{301}', 'ń'),
    ('n', '\u{303}', 'ñ'),
    ('n', '\u{307}', 'ṅ'),
    ('n', '\u{30c}', 'ň'),
    ('n', '\u{323}', 'ṇ'),
    ('n', '\u{327}', 'ņ'),
    ('n', '\u{331}', 'ṉ'),
    ('o', '\u{300}', 'ò'),
    ('o', '\u{301}', 'ó'),
    ('o', '\u{302}', 'ô'),
    ('o', '\u{303}', 'õ'),
    ('o', '\u{304}', 'ō'),
    ('o', '\u{306}', 'ŏ'),
    ('o', '\u{307}', 'ȯ'),
    ('o', '\u{308}', 'ö'),
    ('o', '\u{30b}', 'ő'),
    ('o', '\u{30c}', 'ǒ'),
    ('o', '\u{323}', 'ọ'),
    ('o', '\u{328}', 'ǫ'),
    ('p', '\u{301}', 'ṕ'),
    ('p', '\u{307}', 'ṗ'),
    ('r', '\u{301}', 'ŕ'),
    ('r', '\u{307}', 'ṙ'),
    ('r', '\u{30c}', 'ř'),
    ('r', '\u{323}', 'ṛ'),
    ('r', '\u{327}', 'ŗ'),
    ('r', '\u{331}', 'ṟ'),
    ('s', '\u{301}', 'ś'),
    ('s', '\u{302}', 'ŝ'),
    ('s', '\u{307}', 'ṡ'),
    ('s', '\u{30c}', 'š'),
    ('s', '\u{323}', 'ṣ'),
    ('s', '\u{327}', 'ş'),
    ('t', '\u{307}', 'ṫ'),
    ('t', '\u{308}', 'ẗ'),
    ('t', '\u{30c}', 'ť'),
    ('t', '\u{323}', 'ṭ'),
    ('t', '\u{327}', 'ţ'),
    ('t', '\u{331}', 'ṯ'),
    ('u', '\u{300}', 'ù'),
    ('u', '\u{301}', 'ú'),
    ('u', '\u{302}', 'û'),
    ('u', '\u{303}', 'ũ'),
    ('u', '\u{304}', 'ū'),
    ('u', '\u{306}', 'ŭ'),
    ('u', '\u{308}', 'ü'),
    ('u', '\u{30a}', 'ů'),
    ('u', '\u{30b}', 'ű'),
    ('u', '\u{30c}', 'ǔ'),
    ('u', '\u{323}', 'ụ'),
    ('u', '\u{328}', 'ų'),
    ('v', '\u{303}', 'ṽ'),
    ('v', '\u{323}', 'ṿ'),
    ('w', '\u{300}', 'ẁ'),
    ('w', '\u{301}', 'ẃ'),
    ('w', '\u{302}', 'ŵ'),
    ('w', '\u{307}', 'ẇ'),
    ('w', '\u{308}', 'ẅ'),
    ('w', '\u{30a}', 'ẘ'),
    ('w', '\u{323}', 'ẉ'),
    ('x', '\u{307}', 'ẋ'),
    ('x', '\u{308}', 'ẍ'),
    ('y', '\u{300}', 'ỳ'),
    ('y', '\u{301}', 'ý'),
    ('y', '\u{302}', 'ŷ'),
    ('y', '\u{303}', 'ỹ'),
    ('y', '\u{304}', 'ȳ'),
    ('y', '\u{307}', 'ẏ'),
    ('y', '\u{308}', 'ÿ'),
    ('y', '\u{30a}', 'ẙ'),
    ('y', '\u{323}', 'ỵ'),
    ('z', '\u{301}', 'ź'),
    ('z', '\u{302}', 'ẑ'),
    ('z', '\u{307}', 'ż'),
    ('z', '\u{30c}', 'ž'),
    ('z', '\u{323}', 'ẓ'),
    ('z', '\u{331}', 'ẕ'),
];

#[cfg(test)]
mod tests {
    use super::{finish, tex_to_html, try_tex_to_html};
    use lol_html::{RewriteStrSettings, element, rewrite_str};

    fn rewrite(html: &str) -> String {
        let settings = RewriteStrSettings::new().append_element_content_handler(element!(
            "span.bib-tex[data-tex]",
            |el| {
                finish(el, false);
                Ok(())
            }
        ));
        rewrite_str(html, settings).unwrap()
    }

    #[test]
    fn attribute_references_are_decoded() {
        use super::unescape_attribute as u;
        assert_eq!(
            u("M{\\&quot;u}ller &amp; &lt;b&gt; &#39;x&#x27; &#233;"),
            "M{\\\"u}ller & <b> 'x' é"
        );
        assert_eq!(u("a & b &unknown; &"), "a & b &unknown; &");
    }

    #[test]
    fn marked_spans_are_converted_and_unwrapped() {
        let html = r#"<div class="title"><span class="bib-tex" data-tex="A $\alpha$-Study of M{\&quot;u}ller &amp; \textsc{Co}">A \alpha-Study of Müller &amp; \textsc{Co}</span></div>"#;
        assert_eq!(
            rewrite(html),
            r#"<div class="title">A α-Study of Müller &amp; <span class="smallcaps">Co</span></div>"#
        );
        // Idempotent: nothing is marked any more.
        assert_eq!(rewrite(&rewrite(html)), rewrite(html));
        // Other spans are left alone.
        let plain = r#"<span class="bib-tex">x</span><span data-tex="y">z</span>"#;
        assert_eq!(rewrite(plain), plain);
    }

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

    #[test]
    fn syntax_errors_are_located() {
        use super::find_syntax_error as f;
        let good = "@string{a = {x}}\n@article{k1, title = {A {B} C}, year = 2020}\n% note @ here\n@misc{k2,\n  note = \"q {x}\"\n}\n";
        assert_eq!(f(good), None);
        let bad = "@article{good, title = {Good}}\n\n@article{broken, title = {Unclosed, year = 2021\n\n@misc{next, title = {N}}\n";
        assert_eq!(f(bad), Some((3, "broken".to_string())));
        assert_eq!(f("@misc{last, title = {x}"), Some((1, "last".to_string())));
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
