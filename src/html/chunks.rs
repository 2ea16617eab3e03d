//! Whole text nodes from lol_html's text chunks.
//!
//! lol_html hands a text node over in chunks cut wherever its input buffer ends, so a pass that
//! reads text (a `:shortcode:`, a `$formula$`, a news date) must see the node whole: each chunk
//! but the last is taken out of the output and kept, and the last gets the whole text, which
//! the pass then replaces or writes back as it was.

use std::cell::{Cell, RefCell};

use lol_html::html_content::{ContentType, TextChunk};

/// The chunks of the text node being read (one per pass and page, in the pass's handler state).
#[derive(Debug, Default)]
pub struct TextNode {
    pending: RefCell<String>,
    /// Where the node's first chunk starts in the input.
    start: Cell<usize>,
}

/// A whole text node, handed over at its last chunk.
#[derive(Debug)]
pub struct Whole {
    /// The node's raw text (character references not decoded).
    pub text: String,
    /// Whether earlier chunks were taken out of the output (they must be written back).
    buffered: bool,
    /// Where the node starts in the input (byte offset, for messages).
    pub start: usize,
}

impl TextNode {
    /// Whether chunks of a node are held (an earlier chunk of the current node was taken).
    pub fn is_collecting(&self) -> bool {
        !self.pending.borrow().is_empty()
    }

    /// Takes `chunk` into the node: None (and the chunk out of the output) until the node's last
    /// chunk, then the whole node.
    pub fn whole(&self, chunk: &mut TextChunk<'_>) -> Option<Whole> {
        let mut pending = self.pending.borrow_mut();
        if pending.is_empty() {
            self.start.set(chunk.source_location().bytes().start);
        }
        pending.push_str(chunk.as_str());
        if !chunk.last_in_text_node() {
            chunk.remove();
            return None;
        }
        let text = std::mem::take(&mut *pending);
        let buffered = text.len() != chunk.as_str().len();
        Some(Whole {
            text,
            buffered,
            start: self.start.get(),
        })
    }

    /// Forgets what was held (a pass that stops reading mid-node writes nothing back itself).
    pub fn clear(&self) {
        self.pending.borrow_mut().clear();
    }
}

impl Whole {
    /// Whether the node came in more than one chunk.
    pub fn buffered(&self) -> bool {
        self.buffered
    }

    /// Leaves the node as it was: the chunks taken out are written back before the last.
    pub fn keep(self, chunk: &mut TextChunk<'_>) {
        if self.buffered {
            chunk.replace(&self.text, ContentType::Html);
        }
    }
}
