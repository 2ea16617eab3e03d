//! Syntax highlighting as an engine, used by the highlight pass, the asset phase and the audit:
//! the grammars and language names (here), each theme's palette ([`palette`]), the renderer
//! that writes one block's spans ([`renderer`]), the cache of highlighted blocks ([`cache`]) and
//! the light/dark stylesheet with its contrast check ([`stylesheet`]).
//!
//! Grammars are syntect's and bat's (two-face), on the Oniguruma engine; they load once per
//! process on first use.

use std::sync::OnceLock;

use lol_html::html_content::Element;
use syntect::parsing::{SyntaxReference, SyntaxSet};

pub mod cache;
pub mod palette;
pub mod renderer;
pub mod stylesheet;

pub use cache::HighlightCache;
pub use renderer::{Renderer, themes_key};
pub use stylesheet::stylesheet;

/// The class prefix of every span this pass writes.
pub const PREFIX: &str = "hl-";

/// Lines longer than this (minified code) are not highlighted.
pub(crate) const MAX_LINE: usize = 5_000;

/// Language names that are plain text on purpose: wrapped, not reported.
const PLAIN: &[&str] = &[
    "",
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "nohighlight",
];

/// Names people give code blocks that the grammars know under another name.
const ALIASES: &[(&str, &str)] = &[
    ("shell", "bash"),
    ("console", "bash"),
    ("shell-session", "bash"),
    ("zsh", "bash"),
    ("sh", "bash"),
    ("jinja", "jinja2"),
    ("tera", "jinja2"),
    ("j2", "jinja2"),
    ("yml", "yaml"),
    ("jsonc", "json"),
    ("json5", "json"),
    ("rs", "rust"),
    ("py", "python"),
    ("python3", "python"),
    ("js", "javascript"),
    ("mjs", "javascript"),
    ("ts", "typescript"),
    ("md", "markdown"),
    ("c++", "cpp"),
    ("objc", "objective-c"),
    ("golang", "go"),
    ("dockerfile", "Dockerfile"),
    ("docker", "Dockerfile"),
    ("make", "Makefile"),
    ("makefile", "Makefile"),
    ("ps1", "powershell"),
    ("tex", "latex"),
    ("bibtex", "bib"),
    ("patch", "diff"),
    ("html+jinja", "jinja2"),
    ("postgresql", "sql"),
    ("cs", "c#"),
    ("csharp", "c#"),
    ("fs", "f#"),
    ("fsharp", "f#"),
    ("kt", "kotlin"),
    ("rb", "ruby"),
    ("hs", "haskell"),
    ("ex", "elixir"),
    ("nginx", "nginx"),
    ("svg", "xml"),
    ("vue", "html"),
];

/// All grammars (syntect's defaults and bat's), loaded once per process on first use.
pub fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(two_face::syntax::extra_newlines)
}

/// The grammar for a code block's language name, if any knows it.
pub fn find_syntax<'s>(set: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    let lang = lang.trim();
    let lower = lang.to_ascii_lowercase();
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, to)| to);
    set.find_syntax_by_token(name)
        .or_else(|| set.find_syntax_by_token(lang))
        .or_else(|| {
            set.syntaxes()
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(name))
        })
}

/// The language of a `code` (or `pre`) element: `data-lang`, else a `language-x` / `lang-x`
/// class.
pub fn block_language(el: &Element<'_, '_>) -> Option<String> {
    if let Some(lang) = el.get_attribute("data-lang") {
        return Some(lang);
    }
    let class = el.get_attribute("class")?;
    class.split_ascii_whitespace().find_map(|c| {
        c.strip_prefix("language-")
            .or_else(|| c.strip_prefix("lang-"))
            .map(str::to_owned)
    })
}

/// Whether a language name means plain text on purpose (`text`, `plain`, none…).
pub(crate) fn is_plain_name(lang: &str) -> bool {
    let lang = lang.trim();
    PLAIN.iter().any(|p| p.eq_ignore_ascii_case(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn known_languages_and_aliases() {
        let set = syntaxes();
        for lang in [
            "rust",
            "python",
            "toml",
            "typescript",
            "ts",
            "bash",
            "sh",
            "shell",
            "console",
            "yaml",
            "json",
            "html",
            "css",
            "js",
            "c",
            "cpp",
            "go",
            "java",
            "sql",
            "jinja2",
            "Rust",
            "markdown",
            "diff",
            "dockerfile",
            "latex",
            "scss",
            "ruby",
            "haskell",
        ] {
            assert!(find_syntax(set, lang).is_some(), "{lang}");
        }
        assert!(find_syntax(set, "no-such-language").is_none());
    }
}
