//! Hostile strings for the theme's tests, and a reader of the rendered HTML that finds what
//! a browser would run: the payloads the template tests (templates/xss.rs) and the real-Zola
//! tests (e2e_zola.rs) inject, and `problems`, which reads a page's tags and attributes the
//! way the HTML tokenizer and URL parser do.

/// The payloads; `N` becomes the injection's number.
pub const PAYLOADS: &[&str] = &[
    "<script>alert(N)</script>",
    "\"><img src=x onerror=alert(N)>",
    "' onmouseover=alert(N) '",
    "javascript:alert(N)",
    "JaVaScRiPt:alert(N)",
    "  \t\n javascript:alert(N)",
    "java&#x09;script:alert(N)",
    "java\tscript:alert(N)",
    "\u{1}javascript:alert(N)",
    "data:text/html,<script>alert(N)</script>",
    "vbscript:alert(N)",
    "\\\\evilN.example/x",
    "//evilN.example/x",
    "/\\evilN.example/x",
    // Markdown and HTML for the fields the theme renders as Markdown.
    "[x](javascript:alert(N))",
    "[x](  JaVaScRiPt:alert(N))",
    "![x](javascript:alert(N))",
    "[x](data:text/html,alert(N) 'alert(N)')",
    "[x](https://ok.example/ \"\\\" onmouseover=alert(N) x=\\\"\")",
    "[x](https://ok.example/ (&quot; onmouseover=alert(N) x=&quot;))",
    "<a href=\"javascript:alert(N)\">x</a>",
    "<a href=\" &#106;avascript:alert(N)\">x</a>",
    "<a href=\"https://ok.example/\" onclick=\"alert(N)\">x</a>",
    "<em onmouseover=alert(N)>x</em>",
    "{{ video(path=\"https://evilN.example/\") }}",
];

struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    /// The start tag as written.
    raw: String,
    /// For script and style: the text up to the end tag.
    text: String,
}

/// The start tags of an HTML document, following the HTML tokenizer's rules for tag and
/// attribute syntax, comments, and raw-text elements.
fn elements(html: &str) -> Vec<Element> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |j| i + 4 + j + 3);
            continue;
        }
        let start = i;
        let closing = b.get(i + 1) == Some(&b'/');
        let name_at = if closing { i + 2 } else { i + 1 };
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = name_at;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = html[name_at..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let a = j;
            j += 1; // the first character may be '='
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"/>=".contains(&b[j]) {
                j += 1;
            }
            let attr = html[a..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                match b.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let end = html[j + 1..].find(q as char).map_or(b.len(), |k| j + 1 + k);
                        value = html[j + 1..end].to_string();
                        j = (end + 1).min(b.len());
                    }
                    _ => {
                        let v = j;
                        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                            j += 1;
                        }
                        value = html[v..j].to_string();
                    }
                }
            }
            attrs.push((attr, decode_entities(&value)));
        }
        let end = (j + 1).min(b.len());
        let raw = html[start..end].to_string();
        i = end;
        if closing {
            continue;
        }
        let mut text = String::new();
        if ["script", "style", "textarea", "title"].contains(&name.as_str()) {
            let close = format!("</{name}");
            let k = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |k| i + k);
            text = html[i..k].to_string();
            i = k;
        }
        out.push(Element {
            name,
            attrs,
            raw,
            text,
        });
    }
    out
}

/// Character references as an attribute value's reader sees them (the ones that matter here).
fn decode_entities(s: &str) -> String {
    let re = regex::Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);").unwrap();
    re.replace_all(s, |c: &regex::Captures| {
        let r = &c[1];
        let code = if let Some(h) = r.strip_prefix("#x").or_else(|| r.strip_prefix("#X")) {
            u32::from_str_radix(h, 16).ok()
        } else if let Some(d) = r.strip_prefix('#') {
            d.parse().ok()
        } else {
            match r {
                "amp" => Some(38),
                "lt" => Some(60),
                "gt" => Some(62),
                "quot" => Some(34),
                "apos" => Some(39),
                "Tab" => Some(9),
                "NewLine" => Some(10),
                "colon" => Some(58),
                "sol" => Some(47),
                "bsol" => Some(92),
                _ => None,
            }
        };
        code.and_then(char::from_u32)
            .map_or_else(|| c[0].to_string(), |ch| ch.to_string())
    })
    .into_owned()
}

/// A URL as the URL parser reads it: no leading/trailing C0 controls or spaces, no tabs or
/// newlines anywhere, `\` as `/` (for http(s) pages), lower case.
fn browser_url(v: &str) -> String {
    v.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .replace('\\', "/")
        .to_lowercase()
}

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "background",
    "cite",
    "xlink:href",
];

/// What is wrong with one rendered page: (problem, the markup that shows it).
pub fn problems(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in elements(html) {
        for (a, v) in &e.attrs {
            if a.starts_with("on") {
                out.push((
                    format!("<{}> has an event handler {a}=", e.name),
                    e.raw.clone(),
                ));
            }
            let css: String = v.to_lowercase().split_whitespace().collect();
            if a == "style"
                && [
                    "url(",
                    "expression(",
                    "javascript:",
                    "behavior:",
                    "-moz-binding",
                    "@import",
                ]
                .iter()
                .any(|bad| css.contains(bad))
            {
                out.push((
                    format!("<{}> style can load or run code", e.name),
                    e.raw.clone(),
                ));
            }
            let mut urls = Vec::new();
            if URL_ATTRS.contains(&a.as_str()) {
                urls.push(v.clone());
            } else if a == "srcset" {
                urls.extend(
                    v.split(',')
                        .map(|c| c.split_whitespace().next().unwrap_or("").to_string()),
                );
            }
            for u in urls {
                let u = browser_url(&u);
                if ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|s| u.starts_with(s))
                {
                    out.push((
                        format!("<{}> {a}= runs or embeds code", e.name),
                        e.raw.clone(),
                    ));
                } else if u.starts_with("//") {
                    out.push((
                        format!("<{}> {a}= goes to another host (protocol-relative)", e.name),
                        e.raw.clone(),
                    ));
                }
            }
        }
        if e.name == "meta"
            && e.attrs
                .iter()
                .any(|(a, v)| a == "http-equiv" && v.eq_ignore_ascii_case("refresh"))
        {
            out.push(("a <meta> refresh from a payload".into(), e.raw.clone()));
        }
        // JSON-LD is data, not code: it must be JSON and hold no '<' (so nothing in it can
        // end the element early); a payload inside its strings is harmless text.
        let json_ld = e.name == "script"
            && e.attrs
                .iter()
                .any(|(a, v)| a == "type" && v.trim().eq_ignore_ascii_case("application/ld+json"));
        if json_ld {
            if e.text.contains('<') || serde_json::from_str::<serde_json::Value>(&e.text).is_err() {
                out.push((
                    "a JSON-LD script that is not JSON or holds a '<'".into(),
                    e.raw.clone() + &e.text,
                ));
            }
        } else if e.name == "script" && e.text.contains("alert(") {
            out.push(("a <script> from a payload".into(), e.raw.clone() + &e.text));
        }
        if [
            "iframe", "object", "embed", "frame", "base", "form", "svg", "math", "style",
        ]
        .contains(&e.name.as_str())
            && (e.raw.contains("evil") || e.raw.contains("alert(") || e.text.contains("alert("))
        {
            out.push((format!("a <{}> from a payload", e.name), e.raw.clone()));
        }
    }
    out
}
