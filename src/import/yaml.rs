//! YAML as Jekyll reads it, into an ordered tree.
//!
//! Parsing is done by `yaml_serde` (imported as `serde_yaml`) into [`Node`], a tree that keeps
//! mapping order (al-folio's socials are rendered in the order written) and accepts duplicate
//! keys the way Ruby's Psych does (the last value wins, at the first key's place; each duplicate
//! is reported). Before parsing, plain scalars `yes`/`no`/`on`/`off` (any case) become booleans,
//! as YAML 1.1 and Psych read them; quoted ones stay strings. Errors carry the line and column
//! (shifted by `first_line` for front matter inside a file); alias bombs stop at the parser's
//! repetition limit and deep nesting at its recursion limit, with a message, never a hang; flow
//! collections nested over [`MAX_FLOW_DEPTH`] levels are refused before parsing (the parser's time
//! grows with the square of that depth).

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A YAML value, mapping order kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The entries of a mapping (none for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    /// A scalar as text (`None` for null, sequences and mappings).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Node::Bool(b) => Some(b.to_string()),
            Node::Int(i) => Some(i.to_string()),
            Node::Float(f) => Some(f.to_string()),
            Node::Str(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// A non-empty scalar as text.
    pub fn text(&self) -> Option<String> {
        self.as_text().filter(|s| !s.trim().is_empty())
    }

    /// Truthiness as Liquid sees it: everything but null and false.
    pub fn truthy(&self) -> bool {
        !matches!(self, Node::Null | Node::Bool(false))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }
}

/// A YAML error with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The result of a parse: the tree, and the duplicate keys found (1-based line in the file).
#[derive(Debug)]
pub struct Parsed {
    pub node: Node,
    pub duplicates: Vec<String>,
}

/// Parses `text`, whose first line is line `first_line` of its file.
pub fn parse(text: &str, first_line: usize) -> Result<Parsed, YamlError> {
    // The parser's time grows with the square of the flow nesting depth (100,000 levels of `[`
    // take most of a minute before its recursion limit is even looked at): deeper input is
    // refused before it is parsed.
    if let Some((line, column)) = flow_too_deep(text, MAX_FLOW_DEPTH) {
        return Err(YamlError {
            line: line + first_line - 1,
            column,
            message: format!(
                "`[` and `{{` nested more than {MAX_FLOW_DEPTH} levels deep (the file is not converted)"
            ),
        });
    }
    let text = yaml11_booleans(text);
    let de = serde_yaml::Deserializer::from_str(&text);
    let mut duplicates = Vec::new();
    let result = DUPLICATES.with(|d| {
        d.borrow_mut().clear();
        let r = NodeSeed::deserialize(de);
        duplicates = std::mem::take(&mut *d.borrow_mut());
        r
    });
    match result {
        Ok(NodeSeed(node)) => Ok(Parsed { node, duplicates }),
        Err(e) => {
            let (line, column) = e
                .location()
                .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
            let mut message = e.to_string();
            if let Some(i) = message.find(" at line ") {
                message.truncate(i);
            }
            if message.contains("repetition limit") {
                message.push_str(
                    " (too many alias expansions: a YAML alias bomb? the file is not converted)",
                );
            } else if message.contains("recursion limit") {
                message.push_str(" (nested too deeply; the file is not converted)");
            }
            Err(YamlError {
                line: line + first_line - 1,
                column,
                message,
            })
        }
    }
}

thread_local! {
    static DUPLICATES: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Deserializes a [`Node`] from any self-describing input.
struct NodeSeed(Node);

impl<'de> Deserialize<'de> for NodeSeed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor).map(NodeSeed)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(i64::try_from(v).map_or_else(|_| Node::Str(v.to_string()), Node::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Str(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Str(v))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(NodeSeed(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(String, Node)> = Vec::new();
        while let Some(NodeSeed(key)) = map.next_key()? {
            let NodeSeed(value) = map.next_value()?;
            let key = match key {
                Node::Null => "null".to_owned(),
                Node::Seq(_) | Node::Map(_) => {
                    return Err(de::Error::custom(
                        "a sequence or mapping used as a key is not supported",
                    ));
                }
                other => other.as_text().unwrap_or_default(),
            };
            if let Some(slot) = entries.iter_mut().find(|(k, _)| *k == key) {
                DUPLICATES.with(|d| d.borrow_mut().push(key.clone()));
                slot.1 = value;
            } else {
                entries.push((key, value));
            }
        }
        Ok(Node::Map(entries))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, _data: A) -> Result<Node, A::Error> {
        Err(de::Error::custom(
            "YAML tags (`!name value`) are not supported",
        ))
    }
}

/// Flow collections (`[…]`, `{…}`) nested deeper than this are refused unparsed. Real front
/// matter and data files nest a few levels; the parser stops at 128 levels of any kind anyway.
pub const MAX_FLOW_DEPTH: usize = 100;

/// The place (1-based line and column) where `[`/`{` nesting first goes over `limit`, quoted
/// scalars, comments and block scalars left out. Counts every bracket outside those, so it may
/// count more than the parser would, never fewer.
pub fn flow_too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut block_indent: Option<usize> = None;
    for (n, line) in text.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if quote.is_none() && depth == 0 {
            if let Some(b) = block_indent {
                if line.trim().is_empty() || indent > b {
                    continue;
                }
                block_indent = None;
            }
            if value_starts_block(plain_value(line.trim_end_matches('\r')).1.trim_end()) {
                block_indent = Some(indent);
            }
        }
        // The last character that was not a space: a quote opens a scalar only after an
        // indicator (or at the start of the line), as in `key: 'it''s'`, not in `it's`.
        let mut prev: Option<u8> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(b'"') if b == b'\\' => i += 1,
                Some(q) if b == q => {
                    if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                        i += 1;
                    } else {
                        quote = None;
                        prev = Some(b);
                    }
                }
                Some(_) => {}
                None => match b {
                    b'#' if prev.is_none() || matches!(bytes[i - 1], b' ' | b'\t') => break,
                    b'"' | b'\''
                        if matches!(prev, None | Some(b':' | b'-' | b'[' | b'{' | b',' | b'?')) =>
                    {
                        quote = Some(b);
                    }
                    b'[' | b'{' => {
                        depth += 1;
                        if depth > limit {
                            let column = line[..i].chars().count() + 1;
                            return Some((n + 1, column));
                        }
                        prev = Some(b);
                    }
                    b']' | b'}' => {
                        depth = depth.saturating_sub(1);
                        prev = Some(b);
                    }
                    b' ' | b'\t' | b'\r' => {}
                    _ => prev = Some(b),
                },
            }
            i += 1;
        }
    }
    None
}

/// Rewrites plain `yes`/`no`/`on`/`off` scalars (any case, the whole value, outside block
/// scalars and quotes) to `true`/`false`, keeping every line in place.
pub fn yaml11_booleans(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Inside a block scalar (`|` or `>`): lines indented more than this belong to it.
    let mut block_indent: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let indent = body.len() - body.trim_start_matches(' ').len();
        if let Some(b) = block_indent {
            if body.trim().is_empty() || indent > b {
                out.push_str(line);
                continue;
            }
            block_indent = None;
        }
        let (value_start, value) = plain_value(body);
        let value_trim = value.trim_end();
        if value_starts_block(value_trim) {
            block_indent = Some(indent);
        }
        let word = match value_trim.to_ascii_lowercase().as_str() {
            "yes" | "on" => Some("true"),
            "no" | "off" => Some("false"),
            _ => None,
        };
        match word {
            Some(word) if value_start < body.len() => {
                out.push_str(&body[..value_start]);
                out.push_str(word);
                out.push_str(&body[value_start + value_trim.len()..]);
                out.push_str(ending);
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// The value part of a block-context line (`key: value # c`, `- value`, `- key: value`): its
/// byte offset and text without the comment.
fn plain_value(line: &str) -> (usize, &str) {
    let mut start = line.len() - line.trim_start().len();
    loop {
        let rest = &line[start..];
        if let Some(r) = rest.strip_prefix("- ") {
            start += rest.len() - r.len() + (r.len() - r.trim_start().len());
        } else {
            break;
        }
    }
    let rest = &line[start..];
    if rest.starts_with('#') {
        return (line.len(), "");
    }
    // `key: value`, the key plain or quoted.
    let mut in_quote: Option<char> = None;
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        match in_quote {
            Some(q) if c == q => in_quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && i == 0 => in_quote = Some(c),
            None if c == ':' && (i + 1 == bytes.len() || bytes[i + 1] == b' ') => {
                let after = &rest[i + 1..];
                let skip = after.len() - after.trim_start().len();
                start += i + 1 + skip;
                break;
            }
            None if c == ' ' && bytes.get(i + 1) == Some(&b'#') => break,
            None => {}
        }
        i += 1;
    }
    let value = &line[start..];
    let value = match value.find(" #") {
        Some(i) => &value[..i],
        None if value.starts_with('#') => "",
        None => value,
    };
    (start, value)
}

/// `|`, `>`, `|-`, `>+2`, … : the start of a block scalar.
fn value_starts_block(value: &str) -> bool {
    let mut chars = value.chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| matches!(c, '+' | '-' | '0'..='9'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(s: &str) -> Node {
        parse(s, 1).unwrap().node
    }

    #[test]
    fn yaml_1_1_words_as_jekyll_reads_them() {
        let node = parse_ok(
            "a: yes\nb: No # comment\nc: on\nd: OFF\ne: 'yes'\nf: \"no\"\ng: yesterday\nlist:\n  - yes\n  - off\nt: true\nn: y\n",
        );
        assert_eq!(node.get("a"), Some(&Node::Bool(true)));
        assert_eq!(node.get("b"), Some(&Node::Bool(false)));
        assert_eq!(node.get("c"), Some(&Node::Bool(true)));
        assert_eq!(node.get("d"), Some(&Node::Bool(false)));
        assert_eq!(node.get("e"), Some(&Node::Str("yes".into())));
        assert_eq!(node.get("f"), Some(&Node::Str("no".into())));
        assert_eq!(node.get("g"), Some(&Node::Str("yesterday".into())));
        assert_eq!(
            node.get("list"),
            Some(&Node::Seq(vec![Node::Bool(true), Node::Bool(false)]))
        );
        assert_eq!(node.get("t"), Some(&Node::Bool(true)));
        assert_eq!(node.get("n"), Some(&Node::Str("y".into())));
    }

    #[test]
    fn block_scalars_keep_their_words() {
        let node = parse_ok("text: |\n  yes\n  on: off\nafter: yes\nfolded: >-\n  no\n");
        assert_eq!(node.get("text"), Some(&Node::Str("yes\non: off\n".into())));
        assert_eq!(node.get("after"), Some(&Node::Bool(true)));
        assert_eq!(node.get("folded"), Some(&Node::Str("no".into())));
    }

    #[test]
    fn order_is_kept_and_duplicates_last_win() {
        let parsed = parse("z: 1\na: 2\nz: 3\n", 1).unwrap();
        assert_eq!(
            parsed.node,
            Node::Map(vec![("z".into(), Node::Int(3)), ("a".into(), Node::Int(2))])
        );
        assert_eq!(parsed.duplicates, vec!["z".to_owned()]);
    }

    #[test]
    fn errors_have_line_and_column() {
        let err = parse("title: ok\nbad: [unclosed\n", 5).unwrap_err();
        assert!(err.line >= 6, "{err}");
        assert!(!err.message.contains(" at line "), "{err}");
        let err = parse("a: b: c\n", 1).unwrap_err();
        assert_eq!((err.line, err.column), (1, 5), "{err}");
    }

    #[test]
    fn alias_bombs_are_refused_quickly() {
        let bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n\
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n\
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n\
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n\
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n\
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
        let start = std::time::Instant::now();
        let err = parse(bomb, 1).unwrap_err();
        assert!(err.message.contains("alias bomb"), "{err}");
        assert!(start.elapsed().as_secs() < 5);
        let deep = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse(&deep, 1).unwrap_err();
        assert!(err.message.contains("nested more than"), "{err}");
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        // 100,000 levels took the parser 46 s; refused here in milliseconds, with the place.
        let n = 100_000;
        for (open, close) in [("[", "]"), ("{a: ", "}"), ("[{a: ", "}]")] {
            let deep = format!("title: t\na: {}1{}\n", open.repeat(n), close.repeat(n));
            let start = std::time::Instant::now();
            let err = parse(&deep, 5).unwrap_err();
            assert!(
                start.elapsed().as_millis() < 500,
                "{open}: {:?}",
                start.elapsed()
            );
            assert!(err.message.contains("nested more than 100"), "{err}");
            assert_eq!(err.line, 6, "{err}");
        }
        // Block sequences written on one line nest as deep: the parser's own limit, quickly.
        let start = std::time::Instant::now();
        let err = parse(&"- ".repeat(n), 1).unwrap_err();
        assert!(err.message.contains("recursion"), "{err}");
        assert!(start.elapsed().as_millis() < 500);
    }

    #[test]
    fn brackets_in_quotes_comments_and_block_scalars_do_not_count() {
        let deep = "[".repeat(150);
        let ok = format!(
            "a: '{deep}'\nb: \"{deep} \\\" {deep}\"\nc: it's fine\n# {deep}\nd: |\n  {deep}\ne: [1, [2, {{x: 3}}]]\n"
        );
        assert_eq!(flow_too_deep(&ok, MAX_FLOW_DEPTH), None);
        let node = parse_ok(&ok);
        assert_eq!(node.get("a"), Some(&Node::Str(deep.clone())));
        assert!(matches!(node.get("e"), Some(Node::Seq(_))));
        // A plain scalar in block context is not a flow collection, but its brackets count (an
        // over-count only ever refuses input nested absurdly deep).
        assert_eq!(
            flow_too_deep(&format!("x: [{}", "[".repeat(100)), MAX_FLOW_DEPTH),
            Some((1, 104))
        );
        // An apostrophe inside a word opens no quote that would hide what follows.
        assert_eq!(
            flow_too_deep(&format!("c: it's\nd: {}", "[".repeat(101)), MAX_FLOW_DEPTH),
            Some((2, 104))
        );
    }

    #[test]
    fn scalars() {
        let node = parse_ok(
            "date: 2015-10-20 11:12:00-0400\norcid: 0000-0002-1825-0097\nid: 57908475500\nempty:\nf: 1.5\n",
        );
        assert_eq!(
            node.get("date"),
            Some(&Node::Str("2015-10-20 11:12:00-0400".into()))
        );
        assert_eq!(
            node.get("orcid"),
            Some(&Node::Str("0000-0002-1825-0097".into()))
        );
        assert_eq!(node.get("id"), Some(&Node::Int(57908475500)));
        assert_eq!(node.get("empty"), Some(&Node::Null));
        assert_eq!(node.get("f"), Some(&Node::Float(1.5)));
        assert_eq!(parse_ok(""), Node::Null);
    }
}
