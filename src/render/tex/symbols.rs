//! The TeX reader's tables: text symbols, Greek letters and math symbols written as commands,
//! accent commands and their combining marks, case changes and blackboard bold.

use super::compose::COMPOSE;

/// Symbols that are words (a space after them is a word space in the output).
pub(super) fn is_word_symbol(name: &str) -> bool {
    matches!(
        name,
        "ldots" | "dots" | "textellipsis" | "LaTeX" | "TeX" | "BibTeX" | "copyright"
    )
}

/// Accent commands spelled with a letter: `\v{s}`, `\c c`, ...
pub(super) fn letter_accent(name: &str) -> Option<char> {
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

pub(super) fn combining(mark: char) -> char {
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
pub(super) fn accent(mark: char, arg: &str) -> String {
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

pub(super) fn change_case(html: &str, upper: bool) -> String {
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

pub(super) fn double_struck(arg: &str) -> String {
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
pub(super) fn symbol(name: &str) -> Option<&'static str> {
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
pub(super) fn math_symbol(name: &str) -> Option<&'static str> {
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
