//! emoji: GitHub emoji shortcodes (`:fire:`) in text become the emoji, as jemoji does for
//! al-folio. Never inside verbatim elements (code, pre, script, …: see `html::VERBATIM`), never
//! in attributes.

use std::borrow::Cow;

use lol_html::DocumentContentHandlers;
use lol_html::html_content::{ContentType, TextChunk};

use super::{Handlers, Page, Pass};
use crate::config::Config;
use crate::html::chunks::TextNode;

pub struct EmojiPass;

impl EmojiPass {
    pub fn new(_config: &Config) -> Self {
        Self
    }
}

impl Pass for EmojiPass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        // A text handler makes the parser hand over every text node of the page: only pages that
        // contain a known shortcode somewhere pay for it.
        if !has_shortcode(page.source) {
            return;
        }
        let node = TextNode::default();
        handlers.on_document(DocumentContentHandlers::default().text(
            move |chunk: &mut TextChunk<'_>| {
                if page.in_verbatim() || chunk.removed() {
                    return Ok(());
                }
                if !node.is_collecting() && !chunk.as_str().contains(':') {
                    return Ok(());
                }
                let Some(whole) = node.whole(chunk) else {
                    return Ok(());
                };
                match replace_shortcodes(&whole.text) {
                    Cow::Owned(replaced) => chunk.replace(&replaced, ContentType::Html),
                    Cow::Borrowed(_) => whole.keep(chunk),
                }
                Ok(())
            },
        ));
    }
}

/// Whether `text` contains a `:shortcode:` GitHub knows (anywhere: this only decides whether the
/// page needs the pass at all). Stops at the first one: the page is not copied to find out.
fn has_shortcode(text: &str) -> bool {
    // Outside code elements (see `html::tags::next_code`): code is full of `:name:` (`std::fs::`,
    // YAML, Rust paths) and the pass leaves it alone anyway.
    let mut from = 0;
    let mut code = crate::html::tags::next_code(text, 0);
    while let Some((open, _, _)) = next_shortcode(text, from) {
        while let Some((_, end)) = code.filter(|&(_, end)| end <= open) {
            code = crate::html::tags::next_code(text, end);
        }
        match code {
            Some((start, end)) if start <= open => from = end,
            _ => return true,
        }
    }
    false
}

/// The first `:shortcode:` GitHub knows in `text` at or after byte `from`: where its opening
/// colon is, where its closing colon is, and the emoji.
fn next_shortcode(text: &str, from: usize) -> Option<(usize, usize, &'static emojis::Emoji)> {
    let bytes = text.as_bytes();
    let mut search = from;
    while let Some(open) = memchr::memchr(b':', &bytes[search..]).map(|i| i + search) {
        let name_start = open + 1;
        let name_len = bytes[name_start..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-')))
            .unwrap_or(bytes.len() - name_start);
        let close = name_start + name_len;
        if name_len > 0
            && bytes.get(close) == Some(&b':')
            && let Some(emoji) = emojis::get_by_shortcode(&text[name_start..close])
        {
            return Some((open, close, emoji));
        }
        search = close.max(name_start);
    }
    None
}

/// Replaces every `:shortcode:` GitHub knows by its emoji; anything else is left as written.
pub fn replace_shortcodes(text: &str) -> Cow<'_, str> {
    let Some(first) = next_shortcode(text, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut found = Some(first);
    while let Some((open, close, emoji)) = found {
        out.push_str(&text[copied..open]);
        out.push_str(emoji.as_str());
        copied = close + 1;
        found = next_shortcode(text, copied);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// [`replace_shortcodes`] on the text of an HTML fragment a pass writes (the BibTeX reader's
/// output): tags are copied as they are, and so is the text of `<code>` elements, as the pass
/// leaves them in a page.
pub fn replace_in_html(html: &str) -> Cow<'_, str> {
    if next_shortcode(html, 0).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut in_code = 0usize;
    while !rest.is_empty() {
        let text_end = rest.find('<').unwrap_or(rest.len());
        let (text, after) = rest.split_at(text_end);
        if in_code == 0 {
            out.push_str(&replace_shortcodes(text));
        } else {
            out.push_str(text);
        }
        let tag_end = after.find('>').map_or(after.len(), |e| e + 1);
        let (tag, after) = after.split_at(tag_end);
        if tag.starts_with("<code") {
            in_code += 1;
        } else if tag.starts_with("</code") {
            in_code = in_code.saturating_sub(1);
        }
        out.push_str(tag);
        rest = after;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{has_shortcode, replace_in_html, replace_shortcodes};

    #[test]
    fn shortcodes_in_a_fragment_change_in_text_only() {
        assert_eq!(
            replace_in_html(
                r#"<em>:tada:</em> <a href="https://x.example/:fire:">:fire:</a> <code>:fire:</code> :+1:"#
            ),
            r#"<em>🎉</em> <a href="https://x.example/:fire:">🔥</a> <code>:fire:</code> 👍"#
        );
        assert_eq!(replace_in_html("10:30:00"), "10:30:00");
    }

    #[test]
    fn shortcodes_in_code_do_not_make_a_page_worth_parsing() {
        let code = r#"<pre><code data-lang="rust"><span class="a">use std::fs::File;</span> :fire:</code></pre>"#;
        assert!(!has_shortcode(code));
        assert!(!has_shortcode(&format!("{code}<p>at 10:30:00</p>{code}")));
        assert!(has_shortcode(&format!("{code}<p>hot :fire:</p>")));
        assert!(has_shortcode(&format!("<p>:fire:</p>{code}")));
        // Code holding other markup is not skipped: the parser decides.
        assert!(has_shortcode("<code><b>:fire:</b></code>"));
    }

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
