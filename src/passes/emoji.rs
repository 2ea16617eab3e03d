//! emoji: GitHub emoji shortcodes (`:fire:`) in text become the emoji, as jemoji does for
//! al-folio. Never inside verbatim elements (code, pre, script, …: see `passes::VERBATIM`), never
//! in attributes.

use std::borrow::Cow;
use std::cell::RefCell;

use lol_html::DocumentContentHandlers;
use lol_html::html_content::{ContentType, TextChunk};

use super::{Handlers, Page, Pass};

pub struct EmojiPass;

impl EmojiPass {
    pub fn new() -> Self {
        Self
    }
}

impl Default for EmojiPass {
    fn default() -> Self {
        Self::new()
    }
}

impl Pass for EmojiPass {
    fn name(&self) -> &'static str {
        "emoji"
    }

    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        // A text handler makes the parser hand over every text node of the page: only pages that
        // contain a known shortcode somewhere pay for it.
        if !has_shortcode(page.source) {
            return;
        }
        let pending = RefCell::new(String::new());
        handlers.on_document(DocumentContentHandlers::default().text(
            move |chunk: &mut TextChunk<'_>| {
                if page.in_verbatim() || chunk.removed() {
                    return Ok(());
                }
                let mut pending = pending.borrow_mut();
                if pending.is_empty() && !chunk.as_str().contains(':') {
                    return Ok(());
                }
                pending.push_str(chunk.as_str());
                if !chunk.last_in_text_node() {
                    chunk.remove();
                    return Ok(());
                }
                let text = std::mem::take(&mut *pending);
                if let Cow::Owned(replaced) = replace_shortcodes(&text) {
                    chunk.replace(&replaced, ContentType::Html);
                } else if text.len() != chunk.as_str().len() {
                    chunk.replace(&text, ContentType::Html);
                }
                Ok(())
            },
        ));
    }
}

/// Whether `text` contains a `:shortcode:` GitHub knows (anywhere: this only decides whether the
/// page needs the pass at all).
fn has_shortcode(text: &str) -> bool {
    matches!(replace_shortcodes(text), Cow::Owned(_))
}

/// Replaces every `:shortcode:` GitHub knows by its emoji; anything else is left as written.
pub fn replace_shortcodes(text: &str) -> Cow<'_, str> {
    if !text.contains(':') {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(open) = text[search..].find(':').map(|i| i + search) {
        let name_start = open + 1;
        let name_len = text[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
            .unwrap_or(text.len() - name_start);
        let close = name_start + name_len;
        if name_len > 0 && text[close..].starts_with(':') {
            if let Some(emoji) = emojis::get_by_shortcode(&text[name_start..close]) {
                out.push_str(&text[copied..open]);
                out.push_str(emoji.as_str());
                copied = close + 1;
                search = close + 1;
                continue;
            }
        }
        search = close.max(name_start);
    }
    if copied == 0 {
        Cow::Borrowed(text)
    } else {
        out.push_str(&text[copied..]);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::replace_shortcodes;

    #[test]
    fn known_shortcodes_become_emoji_and_the_rest_stays() {
        assert_eq!(replace_shortcodes("a :fire: b :+1:"), "a 🔥 b 👍");
        assert_eq!(
            replace_shortcodes("10:30:00 :notanemoji: x:"),
            "10:30:00 :notanemoji: x:"
        );
        assert_eq!(replace_shortcodes(":fire::fire:"), "🔥🔥");
        assert_eq!(replace_shortcodes("::fire:"), ":🔥");
    }
}
