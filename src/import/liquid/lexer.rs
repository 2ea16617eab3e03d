//! The Liquid lexer: finding `{{ … }}` and `{% … %}` tokens, block ends and loop pairs in a
//! body, with the caches that keep every scan linear on hostile input, and the small readers of
//! tag arguments (string literals, filters, values).

use std::collections::HashMap;

use super::Converter;

/// A Liquid tag or output found in the text.
pub(super) struct Token<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Inside the delimiters, whitespace-control dashes and spaces trimmed.
    pub(super) inner: &'a str,
    pub(super) output: bool,
}

impl<'a> Converter<'a, '_> {
    pub(super) fn line_at(&self, offset: usize) -> usize {
        let (mut at, mut newlines) = self.lines.get();
        if offset < at {
            (at, newlines) = (0, 0);
        }
        newlines += memchr::memchr_iter(b'\n', &self.text.as_bytes()[at..offset]).count();
        self.lines.set((offset, newlines));
        self.body.first_line + newlines
    }

    /// Whether `close` occurs in `text[from..before]` (the first occurrence from `from` is
    /// remembered, so scanning ahead costs nothing the second time).
    pub(super) fn close_before(&self, close: &str, from: usize, before: usize) -> bool {
        let cell = &self.closes[usize::from(close == "%}")];
        let (searched, found) = cell.get();
        let next = if from >= searched && found.is_none_or(|f| f >= from) {
            found
        } else {
            let found = memchr::memmem::find(&self.text.as_bytes()[from..], close.as_bytes())
                .map(|i| from + i);
            cell.set((from, found));
            found
        };
        next.is_some_and(|n| n + close.len() <= before)
    }

    /// Where the last line of the output starts.
    pub(super) fn out_line_start(&self) -> usize {
        let (mut seen, mut start) = self.out_line.get();
        if seen > self.out.len() {
            (seen, start) = (0, 0);
        }
        if let Some(i) = memchr::memrchr(b'\n', &self.out.as_bytes()[seen..]) {
            start = seen + i + 1;
        }
        self.out_line.set((self.out.len(), start));
        start
    }
    /// The next `{{ … }}` or `{% … %}` from `self.pos`.
    pub(super) fn next_token(&self) -> Option<Token<'a>> {
        let text = self.text;
        let mut from = self.pos;
        loop {
            let rel = text[from..].find('{')?;
            let start = from + rel;
            let rest = &text[start..];
            let (close, output) = if rest.starts_with("{{") {
                ("}}", true)
            } else if rest.starts_with("{%") {
                ("%}", false)
            } else {
                from = start + 1;
                continue;
            };
            if !self.close_before(close, start + 2, start + MAX_TAG.min(rest.len())) {
                from = start + 2;
                continue;
            }
            let Some(end) = find_close(rest, close) else {
                from = start + 2;
                continue;
            };
            let mut inner = &rest[2..end - 2];
            inner = inner.strip_prefix('-').unwrap_or(inner);
            inner = inner.strip_suffix('-').unwrap_or(inner);
            let inner = inner.trim();
            return Some(Token {
                start,
                end: start + end,
                inner,
                output,
            });
        }
    }

    /// The end of a block: the text up to `{% endNAME %}` and where the end tag stops.
    pub(super) fn block_end(&self, name: &'static str) -> Option<(usize, usize)> {
        // Absent from an offset on: absent from every later one (each `{%` is looked at on its
        // own), so a thousand unclosed blocks cost one scan.
        if self
            .no_end
            .borrow()
            .get(name)
            .is_some_and(|&p| self.pos >= p)
        {
            return None;
        }
        let end_tag = format!("end{name}");
        let mut from = self.pos;
        loop {
            let Some(rel) = memchr::memmem::find(&self.text.as_bytes()[from..], b"{%") else {
                self.no_end.borrow_mut().insert(name, self.pos);
                return None;
            };
            let start = from + rel;
            from = start + 2;
            if !self.close_before("%}", start + 2, (start + MAX_TAG).min(self.text.len())) {
                continue;
            }
            let Some(end) = find_close(&self.text[start..], "%}") else {
                continue;
            };
            let inner = self.text[start + 2..start + end - 2]
                .trim_matches('-')
                .trim();
            if inner == end_tag {
                return Some((start, start + end));
            }
        }
    }

    /// The `{% endfor %}` of the `{% for %}` tag at `start` (loops nest): every pair is found
    /// in one pass over the text, the first time one is asked for.
    pub(super) fn for_end(&mut self, start: usize) -> Option<(usize, usize)> {
        if self.for_ends.is_none() {
            self.for_ends = Some(self.for_pairs());
        }
        self.for_ends.as_ref()?.get(&start).copied()
    }

    pub(super) fn for_pairs(&self) -> HashMap<usize, (usize, usize)> {
        let text = self.text;
        let mut ends = HashMap::new();
        let mut open = Vec::new();
        let mut from = 0;
        while let Some(rel) = memchr::memmem::find(&text.as_bytes()[from..], b"{%") {
            let at = from + rel;
            from = at + 2;
            if !self.close_before("%}", at + 2, (at + MAX_TAG).min(text.len())) {
                continue;
            }
            let Some(end) = find_close(&text[at..], "%}") else {
                continue;
            };
            let inner = text[at + 2..at + end - 2].trim_matches('-').trim();
            match inner.split_whitespace().next().unwrap_or("") {
                "for" => open.push(at),
                "endfor" => {
                    if let Some(o) = open.pop() {
                        ends.insert(o, (at, at + end));
                    }
                }
                _ => {}
            }
            from = at + end;
        }
        ends
    }
}

/// The longest Liquid tag looked for (a stray `{{` never makes the scan quadratic).
pub(super) const MAX_TAG: usize = 4096;

/// The offset just after the closing delimiter, quotes respected (an unbalanced quote: the first
/// delimiter), within [`MAX_TAG`] bytes.
pub(super) fn find_close(s: &str, close: &str) -> Option<usize> {
    let mut limit = s.len().min(MAX_TAG);
    while !s.is_char_boundary(limit) {
        limit -= 1;
    }
    let window = &s[..limit];
    let bytes = window.as_bytes();
    let mut quote: Option<u8> = None;
    let mut i = 2;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if bytes[i..].starts_with(close.as_bytes()) => return Some(i + close.len()),
            None => {}
        }
        i += 1;
    }
    window.get(2..)?.find(close).map(|i| i + 2 + close.len())
}

/// `'text'` or `"text"` → text.
pub(super) fn string_literal(s: &str) -> Option<String> {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) && !s[1..s.len() - 1].contains(q) {
            return Some(s[1..s.len() - 1].to_owned());
        }
    }
    None
}

/// The expression and its filters, split on `|` outside quotes.
pub(super) fn split_filters(expr: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote: Option<char> = None;
    let mut start = 0;
    for (i, c) in expr.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '|' => {
                parts.push(&expr[start..i]);
                start = i + 1;
            }
            None => {}
        }
    }
    parts.push(&expr[start..]);
    parts
}

/// One argument value (quoted, or up to whitespace) and the rest.
pub(super) fn take_value(s: &str) -> (&str, &str) {
    if let Some(q) = s.chars().next().filter(|c| *c == '"' || *c == '\'')
        && let Some(end) = s[1..].find(q)
    {
        return (&s[..end + 2], &s[end + 2..]);
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    (&s[..end], &s[end..])
}
