//! Equation numbers for the math pass, as al-folio's MathJax (`tags: "ams"`) gives them: each
//! display `\begin{equation}…\end{equation}` of a page is numbered (1), (2), … in order, its
//! `\label{name}` becomes the anchor `#eq-name`, and a formula that is only `\eqref{name}` or
//! `\ref{name}` becomes a link to it, "(2)" or "2". MathML Core has no numbered rows, so the
//! number is a span beside the formula (the theme lays them out).
//!
//! References may come before their equation: the page's text is read once ahead for the labels
//! (outside code, scripts, styles, templates and formulas already in MathML).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::html::text::{escape, unescape};

/// A page's equations: the labels read ahead, and those numbered so far.
#[derive(Debug, Default)]
pub struct Equations {
    ahead: HashMap<String, u32>,
    seen: RefCell<HashMap<String, u32>>,
    count: Cell<u32>,
}

const BEGIN: &str = "\\begin{equation}";
const END: &str = "\\end{equation}";

impl Equations {
    /// Reads `source` (a whole page) ahead for the labels of its equations.
    pub fn of_page(source: &str) -> Self {
        let mut ahead = HashMap::new();
        if crate::html::text::has(source, BEGIN) {
            let mut n = 0;
            let mut rest = source;
            while let Some(at) = rest.find(['<', '\\']) {
                let here = &rest[at..];
                if here.starts_with('<') {
                    rest = skip_element(here);
                    continue;
                }
                if let Some(body) = here.strip_prefix(BEGIN) {
                    n += 1;
                    let end = body.find(END).unwrap_or(body.len());
                    if let Some(label) = label_of(&body[..end]) {
                        ahead.entry(label).or_insert(n);
                    }
                    rest = &body[end..];
                } else {
                    rest = &here[1..];
                }
            }
        }
        Self {
            ahead,
            ..Self::default()
        }
    }

    /// A display formula's TeX (`latex`) and its MathML: numbered when it is an `equation`.
    pub fn number(&self, latex: &str, mathml: String) -> String {
        if !latex.trim_start().starts_with(BEGIN) {
            return mathml;
        }
        let n = self.count.get() + 1;
        self.count.set(n);
        let id = match label_of(latex) {
            Some(label) => {
                self.seen.borrow_mut().entry(label.clone()).or_insert(n);
                format!(r#" id="eq-{}""#, shown(&label))
            }
            None => String::new(),
        };
        format!(
            r#"<span class="equation"{id}>{mathml}<span class="equation-number">({n})</span></span>"#
        )
    }

    /// A formula that is only `\eqref{name}` or `\ref{name}` of a labelled equation: the link.
    pub fn reference(&self, latex: &str) -> Option<String> {
        let latex = latex.trim();
        let (inner, parens) = match latex.strip_prefix("\\eqref{") {
            Some(inner) => (inner, true),
            None => (latex.strip_prefix("\\ref{")?, false),
        };
        let label = inner.strip_suffix('}')?.trim();
        let n = self
            .seen
            .borrow()
            .get(label)
            .copied()
            .or_else(|| self.ahead.get(label).copied())?;
        let text = if parens {
            format!("({n})")
        } else {
            n.to_string()
        };
        Some(format!(
            r##"<a class="equation-ref" href="#eq-{}">{text}</a>"##,
            shown(label)
        ))
    }
}

/// A label (raw HTML text, as the page has it) as an attribute value.
fn shown(label: &str) -> String {
    escape(&unescape(label).unwrap_or(std::borrow::Cow::Borrowed(label)))
}

/// The `\label{…}` in a formula's TeX, if any.
fn label_of(latex: &str) -> Option<String> {
    let at = latex.find("\\label")?;
    let rest = latex[at + 6..].trim_start().strip_prefix('{')?;
    let label = rest[..rest.find('}')?].trim();
    (!label.is_empty()).then(|| label.to_owned())
}

/// `here` starts with `<`: past the tag, and past the whole element when its content is not
/// text (the [`crate::html::VERBATIM`] elements).
fn skip_element(here: &str) -> &str {
    let name: String = here[1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let after_tag = here.find('>').map_or("", |end| &here[end + 1..]);
    if !crate::html::VERBATIM_NAMES.contains(&name.as_str()) {
        return after_tag;
    }
    let close = format!("</{name}");
    let lower = after_tag.to_ascii_lowercase();
    match lower.find(&close) {
        Some(at) => &after_tag[at..],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equations_are_numbered_in_order_and_referenced_both_ways() {
        let page = r"<p>See $\eqref{eq:b}$.</p>
<pre><code>$$\begin{equation}\label{eq:code} x \end{equation}$$</code></pre>
<p>$$\begin{equation}\label{eq:a} a \end{equation}$$</p>
<p>$$\begin{equation} unlabelled \end{equation}$$</p>
<p>$$\begin{equation}\label{eq:b} b \end{equation}$$</p>";
        let eq = Equations::of_page(page);
        // Forward: from the labels read ahead (the one in code does not count).
        assert_eq!(
            eq.reference(r"\eqref{eq:b}").unwrap(),
            r##"<a class="equation-ref" href="#eq-eq:b">(3)</a>"##
        );
        assert_eq!(eq.reference(r"\eqref{eq:code}"), None);
        let a = eq.number(
            r"\begin{equation}\label{eq:a} a \end{equation}",
            "<math>A</math>".into(),
        );
        assert_eq!(
            a,
            r#"<span class="equation" id="eq-eq:a"><math>A</math><span class="equation-number">(1)</span></span>"#
        );
        let u = eq.number(
            r"\begin{equation} u \end{equation}",
            "<math>U</math>".into(),
        );
        assert!(
            u.starts_with(r#"<span class="equation"><math>"#) && u.contains("(2)"),
            "{u}"
        );
        // Starred, other environments and plain formulas are not numbered.
        for other in [
            r"\begin{equation*} x \end{equation*}",
            r"\begin{align} x \end{align}",
            "x = 1",
        ] {
            assert_eq!(eq.number(other, "<math/>".into()), "<math/>");
        }
        // Backward, and \ref without parentheses.
        assert_eq!(
            eq.reference(r" \ref{eq:a} ").unwrap(),
            r##"<a class="equation-ref" href="#eq-eq:a">1</a>"##
        );
        assert_eq!(eq.reference(r"\eqref{nope}"), None);
        assert_eq!(eq.reference(r"\eqref{eq:a} + 1"), None);
    }

    #[test]
    fn labels_are_escaped() {
        let eq = Equations::of_page("");
        let out = eq.number(
            r#"\begin{equation}\label{a"b<c} x \end{equation}"#,
            "<math/>".into(),
        );
        assert!(out.contains(r#"id="eq-a&quot;b&lt;c""#), "{out}");
    }
}
