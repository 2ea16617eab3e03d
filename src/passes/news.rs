//! news: a news list written in Markdown gets al-folio's news styling.
//!
//! The first list after a heading whose id is one of `[extra.folio.news] heading_ids` (the seed's
//! `### News` gives `id="news"`) is wrapped in `div.news`; an item's leading date (`Jan 2024:`,
//! `2024-01-15 —`, `**Mar 2024**`) becomes `<time datetime=…>`; with `limit = N` the items after
//! the N-th fold into a `<details>` "Older news"; `scrollable = true` caps the block's height.
//! A list already inside `div.news` is left alone, so a second run changes nothing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use lol_html::html_content::{ContentType, Element, TextChunk};
use lol_html::{ElementContentHandlers, Selector};

use super::emoji::replace_shortcodes;
use super::{Handlers, Page, Pass};
use crate::config::Config;
use crate::html::chunks::TextNode;
use crate::html::selector;

pub struct NewsPass {
    headings: Selector,
    wrapper: Selector,
    lists: Selector,
    items: Selector,
    times: Selector,
    heading_ids: Vec<String>,
    limit: Option<usize>,
    scrollable: bool,
    emoji: bool,
    /// The math pass's view of where math is on: an item's first text, which this pass takes,
    /// gets its math converted here.
    math: super::math::MathPass,
}

impl NewsPass {
    pub fn new(config: &Config) -> Self {
        let options = &config.folio.news;
        Self {
            headings: selector("h1, h2, h3, h4, h5, h6"),
            wrapper: selector("div.news"),
            lists: selector("ul, ol"),
            items: selector("li"),
            times: selector("time"),
            heading_ids: options.heading_ids.clone(),
            limit: options.limit,
            scrollable: options.scrollable,
            emoji: config.folio.emoji.enabled,
            math: super::math::MathPass::new(config),
        }
    }
}

/// Per-page state shared by the pass's handlers.
#[derive(Default)]
struct State {
    /// A news heading ended and no list came yet.
    armed: Cell<bool>,
    /// Depth of lists inside the news list (1 = the news list itself; 0 = not inside).
    depth: Cell<u32>,
    /// Top-level items seen in the news list.
    items: Cell<usize>,
    /// The current top-level item's first text is still to be looked at for a date.
    want_date: Cell<bool>,
    /// Text of the item's first text node, gathered across chunks.
    node: TextNode,
    /// The news list's tag (`ul` or `ol`), to reopen it after "Older news".
    tag: RefCell<String>,
    /// How many styled news wrappers (`div.news`) are open around the parser.
    in_wrapper: Rc<std::cell::Cell<u32>>,
    /// Where math is on in the page (None: nowhere).
    math: Option<super::math::Regions>,
}

impl Pass for NewsPass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        // Pages with no news heading need none of the handlers below.
        if !self
            .heading_ids
            .iter()
            .any(|id| mentions_id(page.source, id))
        {
            return;
        }
        let state = Rc::new(State {
            math: self.math.regions(page, handlers),
            ..State::default()
        });

        let s = state.clone();
        handlers.on(
            &self.headings,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                s.armed.set(false);
                if page.in_verbatim() {
                    return Ok(());
                }
                let is_news = el
                    .get_attribute("id")
                    .is_some_and(|id| self.heading_ids.contains(&id));
                if is_news && s.depth.get() == 0 && s.in_wrapper.get() == 0 {
                    let s = s.clone();
                    el.on_end_tag(Box::new(move |_| {
                        s.armed.set(true);
                        Ok(())
                    }))?;
                }
                Ok(())
            }),
        );

        let s = state.clone();
        handlers.on(
            &self.wrapper,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                s.armed.set(false); // already styled
                // A news heading inside styled news (broken markup) is not armed, as it was
                // not on the run that styled it.
                crate::html::count_open(el, &s.in_wrapper);
                Ok(())
            }),
        );

        let s = state.clone();
        handlers.on(
            &self.lists,
            ElementContentHandlers::default()
                .element(move |el: &mut Element<'_, '_>| self.on_list(page, el, &s)),
        );

        let s = state.clone();
        handlers.on(
            &self.items,
            ElementContentHandlers::default()
                .element({
                    let s = s.clone();
                    move |el: &mut Element<'_, '_>| self.on_item(el, &s)
                })
                .text(move |chunk: &mut TextChunk<'_>| self.on_item_text(page, chunk, &s)),
        );

        let s = state;
        handlers.on(
            &self.times,
            ElementContentHandlers::default().element(move |_: &mut Element<'_, '_>| {
                s.want_date.set(false);
                Ok(())
            }),
        );
    }
}

impl NewsPass {
    fn on_list(
        &self,
        page: &Page<'_>,
        el: &mut Element<'_, '_>,
        s: &Rc<State>,
    ) -> lol_html::HandlerResult {
        if s.depth.get() > 0 {
            s.depth.set(s.depth.get() + 1);
            let s = s.clone();
            el.on_end_tag(Box::new(move |_| {
                s.depth.set(s.depth.get() - 1);
                Ok(())
            }))?;
            return Ok(());
        }
        if !s.armed.replace(false) {
            return Ok(());
        }
        // A list whose end tag is missing or misnested is left as written: its wrapper would
        // not close where the list does, and the next run would read another structure.
        let from = el.source_location().bytes().end;
        if !crate::html::tags::closed_cleanly(page.source, from, &el.tag_name()) {
            return Ok(());
        }
        let style = if self.scrollable {
            r#" style="max-height: 60vw; overflow-y: auto""#
        } else {
            ""
        };
        el.before(&format!(r#"<div class="news"{style}>"#), ContentType::Html);
        s.depth.set(1);
        s.items.set(0);
        *s.tag.borrow_mut() = el.tag_name();
        let folds = self.limit;
        let s = s.clone();
        el.on_end_tag(Box::new(move |end| {
            let folded = folds.is_some_and(|limit| s.items.get() > limit);
            end.after(
                if folded { "</details></div>" } else { "</div>" },
                ContentType::Html,
            );
            s.depth.set(0);
            s.want_date.set(false);
            Ok(())
        }))?;
        Ok(())
    }

    fn on_item(&self, el: &mut Element<'_, '_>, s: &State) -> lol_html::HandlerResult {
        if s.depth.get() != 1 {
            return Ok(());
        }
        let n = s.items.get() + 1;
        s.items.set(n);
        s.want_date.set(true);
        s.node.clear();
        if self.limit.is_some_and(|limit| n == limit + 1) {
            let tag = s.tag.borrow();
            el.before(
                &format!(
                    r#"</{tag}><details class="news-older"><summary>Older news</summary><{tag}>"#
                ),
                ContentType::Html,
            );
        }
        Ok(())
    }

    fn on_item_text(
        &self,
        page: &Page<'_>,
        chunk: &mut TextChunk<'_>,
        s: &State,
    ) -> lol_html::HandlerResult {
        if !s.want_date.get() || s.depth.get() != 1 {
            return Ok(());
        }
        let Some(whole) = s.node.whole(chunk) else {
            return Ok(());
        };
        if whole.text.trim().is_empty() {
            // Whitespace before the item's first element or text: keep it, keep looking.
            whole.keep(chunk);
            return Ok(());
        }
        let at = whole.start;
        let text = whole.text;
        s.want_date.set(false);
        let body = if self.emoji {
            replace_shortcodes(&text).into_owned()
        } else {
            text.clone()
        };
        // The math pass sees no text this pass replaces: its math is converted here.
        let with_math = |text: &str| -> Option<String> {
            s.math
                .as_ref()
                .filter(|m| m.active(page))
                .and_then(|_| super::math::convert_taken_text(page, at, text))
        };
        match split_date(&body) {
            Some((lead, date, datetime, rest)) => {
                let rest = with_math(rest).map_or(std::borrow::Cow::Borrowed(rest), Into::into);
                chunk.replace(
                    &format!(r#"{lead}<time datetime="{datetime}">{date}</time>{rest}"#),
                    ContentType::Html,
                );
            }
            None => match with_math(&body) {
                Some(html) => chunk.replace(&html, ContentType::Html),
                None if body != chunk.as_str() => chunk.replace(&body, ContentType::Html),
                None => {}
            },
        }
        Ok(())
    }
}

/// Whether the page has an element with this id, as a quoted or unquoted attribute value.
fn mentions_id(source: &str, id: &str) -> bool {
    // Looks for the value (rare: a few hits a page) and then back for `id=`, rather than for
    // every `id=` (a slow, non-SIMD `match_indices` scan of the whole page, three times).
    let bytes = source.as_bytes();
    memchr::memmem::find_iter(bytes, id.as_bytes()).any(|at| {
        let ends = bytes
            .get(at + id.len())
            .is_none_or(|b| matches!(b, b'"' | b'\'' | b' ' | b'>' | b'/' | b'\t' | b'\n'));
        let mut i = at;
        if i > 0 && matches!(bytes[i - 1], b'"' | b'\'') {
            i -= 1;
        }
        ends && bytes[..i].ends_with(b"id=")
    })
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Splits a leading date off an item's first text: `(leading space, date as written, ISO date,
/// the rest)`. Accepts `2024-01-15`, `2024-01`, `Jan 2024`, `January 15, 2024`, `15 Jan 2024`.
fn split_date(text: &str) -> Option<(&str, &str, String, &str)> {
    let start = text.len() - text.trim_start().len();
    let s = &text[start..];
    let (len, iso) = iso_date(s).or_else(|| month_date(s))?;
    let rest = &s[len..];
    // A date must be followed by a separator or the end of the text node, not by more words.
    let next = rest.chars().next();
    if !matches!(
        next,
        None | Some(':' | ' ' | ',' | '—' | '–' | '-' | '.' | '\u{a0}')
    ) {
        return None;
    }
    Some((&text[..start], &s[..len], iso, rest))
}

/// The number written by the first `n` bytes of `s`, when they are all ASCII digits.
fn digits(s: &str, n: usize) -> Option<u32> {
    let head = s.get(..n)?;
    head.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| head.parse().ok())?
}

/// Whether `s` continues with an ASCII digit after byte `at` (false past its end).
fn digit_at(s: &str, at: usize) -> bool {
    s.as_bytes().get(at).is_some_and(u8::is_ascii_digit)
}

/// `2024-01` or `2024-01-15` at the start of `s`: its length in bytes and its ISO form.
fn iso_date(s: &str) -> Option<(usize, String)> {
    let year = digits(s, 4)?;
    if s.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    let month = digits(s.get(5..)?, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    if s.as_bytes().get(7) == Some(&b'-')
        && let Some(day) = s.get(8..).and_then(|rest| digits(rest, 2))
        && (1..=31).contains(&day)
        && !digit_at(s, 10)
    {
        return Some((10, format!("{year:04}-{month:02}-{day:02}")));
    }
    (!digit_at(s, 7)).then(|| (7, format!("{year:04}-{month:02}")))
}

/// `Jan 2024`, `January 15, 2024`, `Jan. 15 2024`, `15 Jan 2024`.
fn month_date(s: &str) -> Option<(usize, String)> {
    let word_len = |s: &str| s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let month_of = |w: &str| {
        let w = w.to_ascii_lowercase();
        (w.len() >= 3)
            .then(|| {
                MONTHS
                    .iter()
                    .position(|m| w.starts_with(m) && full_month_prefix(&w))
            })
            .flatten()
            .map(|i| i as u32 + 1)
    };
    let number_len = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());

    // "15 Jan 2024"
    let lead = number_len(s);
    if (1..=2).contains(&lead) {
        let day: u32 = s[..lead].parse().ok()?;
        let after = s[lead..].strip_prefix(' ')?;
        let wl = word_len(after);
        let month = month_of(&after[..wl])?;
        let after_month = after[wl..].strip_prefix('.').unwrap_or(&after[wl..]);
        let year_part = after_month.strip_prefix(' ')?;
        let year = digits(year_part, 4)?;
        let used = s.len() - year_part.len() + 4;
        return ((1..=31).contains(&day)).then(|| (used, format!("{year:04}-{month:02}-{day:02}")));
    }

    let wl = word_len(s);
    let month = month_of(&s[..wl])?;
    let mut rest = s[wl..].strip_prefix('.').unwrap_or(&s[wl..]);
    rest = rest.strip_prefix(' ')?;
    let nl = number_len(rest);
    if nl == 4 {
        let year = digits(rest, 4)?;
        return Some((s.len() - rest.len() + 4, format!("{year:04}-{month:02}")));
    }
    if !(1..=2).contains(&nl) {
        return None;
    }
    let day: u32 = rest[..nl].parse().ok()?;
    let mut after_day = &rest[nl..];
    after_day = after_day.strip_prefix(',').unwrap_or(after_day);
    let year_part = after_day.strip_prefix(' ')?;
    let year = digits(year_part, 4)?;
    ((1..=31).contains(&day)).then(|| {
        (
            s.len() - year_part.len() + 4,
            format!("{year:04}-{month:02}-{day:02}"),
        )
    })
}

/// A month word is its three-letter abbreviation or its full English name (or "sept").
fn full_month_prefix(w: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    w.len() == 3 || w == "sept" || FULL.contains(&w)
}

#[cfg(test)]
mod tests {
    use super::split_date;

    fn iso(s: &str) -> Option<String> {
        split_date(s).map(|(_, _, iso, _)| iso)
    }

    #[test]
    fn dates_are_recognised() {
        assert_eq!(iso("Jan 2024: paper").as_deref(), Some("2024-01"));
        assert_eq!(iso("2024-01-15 — talk").as_deref(), Some("2024-01-15"));
        assert_eq!(iso("2024-03 new").as_deref(), Some("2024-03"));
        assert_eq!(iso("November 7, 2015: x").as_deref(), Some("2015-11-07"));
        assert_eq!(iso("Nov 07, 2015").as_deref(), Some("2015-11-07"));
        assert_eq!(iso("Sept. 3 2021 x").as_deref(), Some("2021-09-03"));
        assert_eq!(iso("15 Jan 2024: x").as_deref(), Some("2024-01-15"));
        assert_eq!(iso(" Mar 2024").as_deref(), Some("2024-03"));
    }

    #[test]
    fn other_text_is_not_a_date() {
        assert_eq!(iso("Our KIVI paper"), None);
        assert_eq!(iso("Mayhem 2024"), None);
        assert_eq!(iso("2024 was great"), None);
        assert_eq!(iso("Three paper accepted"), None);
        assert_eq!(iso("2024-13-01"), None);
        assert_eq!(iso("Jan 2024x"), None);
    }

    /// Dates cut short or followed by text that is not ASCII are not dates, and never a panic.
    #[test]
    fn short_and_non_ascii_text_after_a_year() {
        for text in [
            "2024",
            "2024–2025: a grant",
            "2024-",
            "2024-0",
            "2024-é",
            "2024-01é",
            "2024-01-é",
            "2024-01-1é",
            "2024é",
            "202é",
            "Jan é",
            "15 é 2024",
            "1é",
            "Jan 1é",
            "Jan 15, 202é",
        ] {
            let _ = iso(text);
        }
        assert_eq!(iso("2024-01–02").as_deref(), Some("2024-01"));
        assert_eq!(iso("2024-01-15–16: x").as_deref(), Some("2024-01-15"));
    }

    #[test]
    fn news_ids_are_found_quoted_or_not() {
        use super::mentions_id;
        assert!(mentions_id(r#"<h3 id="news">"#, "news"));
        assert!(mentions_id("<h2 id=news>", "news"));
        assert!(!mentions_id(r#"<h3 id="newsletter">"#, "news"));
        assert!(!mentions_id(r#"<a href="/news/">news</a>"#, "news"));
    }

    #[test]
    fn the_date_is_split_off() {
        let (lead, date, _, rest) = split_date("\n Jan 2024: paper").unwrap();
        assert_eq!((lead, date, rest), ("\n ", "Jan 2024", ": paper"));
    }
}
