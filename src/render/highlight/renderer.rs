//! One code block's highlighted HTML: syntect's tokens styled by a light and a dark theme at
//! once, written as flat spans with one short class per palette colour and font style.

use syntect::highlighting::{HighlightIterator, HighlightState, Highlighter};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::palette::{Palette, theme};
use crate::config::HighlightOptions;
use crate::html::text::escape_into;

/// Highlights with a light and a dark theme at once.
pub struct Renderer {
    light: Highlighter<'static>,
    dark: Highlighter<'static>,
    light_palette: Palette,
    dark_palette: Palette,
    /// Names what the classes depend on, for the cache key.
    pub(crate) themes: String,
}

/// What the highlight classes depend on besides the code: the two themes (their colours number
/// the classes). Part of the cache's file names.
pub fn themes_key(options: &HighlightOptions) -> String {
    format!(
        "{}\0{}",
        options.light_theme.trim().to_ascii_lowercase(),
        options.dark_theme.trim().to_ascii_lowercase()
    )
}

impl Renderer {
    /// The renderer for the configured themes.
    pub fn new(options: &HighlightOptions) -> Result<Self, String> {
        let light = theme(&options.light_theme, "light_theme")?;
        let dark = theme(&options.dark_theme, "dark_theme")?;
        Ok(Self {
            light: Highlighter::new(light),
            dark: Highlighter::new(dark),
            light_palette: Palette::of(light),
            dark_palette: Palette::of(dark),
            themes: themes_key(options),
        })
    }

    /// Highlights `code` (plain text) with `syntax`: flat spans with the classes of both
    /// themes, neighbouring tokens with the same classes merged, text escaped.
    pub fn highlight(
        &self,
        set: &SyntaxSet,
        syntax: &SyntaxReference,
        code: &str,
    ) -> Result<String, String> {
        fn flush(html: &mut String, classes: &str, text: &str) {
            if text.is_empty() {
                return;
            }
            if classes.is_empty() {
                escape_into(text, html);
            } else {
                html.push_str(r#"<span class=""#);
                html.push_str(classes);
                html.push_str(r#"">"#);
                escape_into(text, html);
                html.push_str("</span>");
            }
        }
        let mut parse = ParseState::new(syntax);
        let mut light = HighlightState::new(&self.light, ScopeStack::new());
        let mut dark = HighlightState::new(&self.dark, ScopeStack::new());
        let mut html = String::with_capacity(code.len() * 2);
        let mut classes = String::new();
        let mut open = String::new(); // the classes of the span being collected
        let mut text = String::new(); // its text, not yet escaped
        // The grammars expect every line to end with a newline.
        let owned;
        let (source, added_newline) = if code.ends_with('\n') || code.is_empty() {
            (code, false)
        } else {
            owned = format!("{code}\n");
            (owned.as_str(), true)
        };
        for line in LinesWithEndings::from(source) {
            let ops = parse.parse_line(line, set).map_err(|e| e.to_string())?;
            let tokens = HighlightIterator::new(&mut light, &ops, line, &self.light)
                .zip(HighlightIterator::new(&mut dark, &ops, line, &self.dark));
            for ((light_style, token), (dark_style, _)) in tokens {
                if token.is_empty() {
                    continue;
                }
                classes.clear();
                if token.trim().is_empty() && !text.is_empty() {
                    classes.push_str(&open); // white space joins the span before it
                } else {
                    self.light_palette.classes('l', light_style, &mut classes);
                    self.dark_palette.classes('d', dark_style, &mut classes);
                }
                if classes != open {
                    flush(&mut html, &open, &text);
                    text.clear();
                    std::mem::swap(&mut open, &mut classes);
                }
                text.push_str(token);
            }
        }
        if added_newline {
            text.pop();
        }
        flush(&mut html, &open, &text);
        Ok(html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::highlight::{find_syntax, syntaxes};
    #[test]
    fn highlights_with_classes_and_escapes() {
        let set = syntaxes();
        let renderer = Renderer::new(&HighlightOptions::default()).unwrap();
        let html = renderer
            .highlight(
                set,
                find_syntax(set, "rust").unwrap(),
                "let a = 1 < 2 && b;",
            )
            .unwrap();
        // `let` and `&&` are keywords in both themes: one span, a class for each palette.
        let keyword = |word: &str| {
            let end = html
                .find(&format!(">{word}</span>"))
                .unwrap_or_else(|| panic!("{word} in {html}"));
            let start = html[..end].rfind("<span class=\"").unwrap() + 13;
            html[start..end - 1].to_owned()
        };
        let let_classes = keyword("let");
        assert!(
            let_classes.starts_with("hl-l") && let_classes.contains(" hl-d"),
            "{html}"
        );
        assert!(html.contains("&lt;"), "{html}");
        assert!(html.contains("&amp;&amp;"), "{html}");
        assert!(!html.ends_with('\n'), "{html}");
        assert!(!html.contains("<span class=\"\">"), "{html}");
        let text: String = html
            .split('<')
            .map(|p| p.split_once('>').map_or(p, |(_, t)| t))
            .collect();
        assert_eq!(text, "let a = 1 &lt; 2 &amp;&amp; b;");
    }
}
