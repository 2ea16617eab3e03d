//! Where a body's Markdown code is: fenced code blocks and inline code spans, as byte ranges.
//!
//! Jekyll runs Liquid over code too, so the converter looks at every token; but a token it cannot
//! convert is hidden in an HTML comment only outside code, where a comment is markup. Inside a
//! code block or span a comment would be shown as text, so there the token stays as it was.
//! Found in one pass over the text (the converter asks once per kept token, in any order).

use crate::import::kramdown::fence_of;

/// The code ranges of a text, sorted and disjoint.
pub(super) struct CodeRanges(Vec<(usize, usize)>);

impl CodeRanges {
    pub(super) fn of(text: &str) -> Self {
        let mut ranges = Vec::new();
        let mut fence: Option<((char, usize), usize)> = None;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let end = at + line.len();
            match (fence, fence_of(body)) {
                (None, Some(f)) => fence = Some((f, at)),
                (Some(((c, n), start)), Some((c2, n2)))
                    if c == c2 && n2 >= n && body.trim().chars().all(|x| x == c) =>
                {
                    ranges.push((start, end));
                    fence = None;
                }
                (Some(_), _) => {}
                (None, None) => spans(body, at, &mut ranges),
            }
            at = end;
        }
        if let Some((_, start)) = fence {
            ranges.push((start, text.len()));
        }
        CodeRanges(ranges)
    }

    /// Whether the byte at `offset` is inside code.
    pub(super) fn contains(&self, offset: usize) -> bool {
        let i = self.0.partition_point(|(start, _)| *start <= offset);
        i > 0 && offset < self.0[i - 1].1
    }
}

/// Inline code spans of one line: a run of backticks up to the next run of the same length.
fn spans(line: &str, at: usize, ranges: &mut Vec<(usize, usize)>) {
    let bytes = line.as_bytes();
    let run_at = |i: usize| bytes[i..].iter().take_while(|b| **b == b'`').count();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'`', &bytes[i..]) {
        let open = i + k;
        let n = run_at(open);
        let mut j = open + n;
        let mut close = None;
        while let Some(k) = memchr::memchr(b'`', &bytes[j..]) {
            let m = run_at(j + k);
            if m == n {
                close = Some(j + k + m);
                break;
            }
            j += k + m;
        }
        match close {
            Some(end) => {
                ranges.push((at + open, at + end));
                i = end;
            }
            // An unmatched run is literal backticks; what follows may still open a span.
            None => i = open + n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CodeRanges;

    fn inside(text: &str, needle: &str) -> bool {
        CodeRanges::of(text).contains(text.find(needle).unwrap())
    }

    #[test]
    fn fences_and_spans() {
        let text = "a {{ x }} `{{ y }}` b\n```\n{{ z }}\n```\n{{ w }} ``{{ v }}`` ` {{ u }}\n~~~~\n{{ t }}";
        assert!(!inside(text, "{{ x"));
        assert!(inside(text, "{{ y"));
        assert!(inside(text, "{{ z"));
        assert!(!inside(text, "{{ w"));
        assert!(inside(text, "{{ v"));
        assert!(!inside(text, "{{ u"), "a lone backtick opens nothing");
        assert!(inside(text, "{{ t"), "an unclosed fence runs to the end");
    }

    #[test]
    fn a_shorter_fence_does_not_close() {
        let text = "````\n```\n{{ a }}\n````\n{{ b }}";
        assert!(inside(text, "{{ a"));
        assert!(!inside(text, "{{ b"));
    }
}
