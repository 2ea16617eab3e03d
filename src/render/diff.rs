//! Diffs at build time: the unified diff of a ```` ```diff2html ```` block (what al-folio handed
//! to diff2html.js) → per file, its name and a line-by-line view: each line with its old and new
//! numbers, added and removed lines marked (`diff-add`, `diff-del`, also by their `+`/`-`, so
//! the view does not rest on colour alone), hunk headers between. No script. The highlight pass
//! writes the result inside the block's `<code>`.
//!
//! Written by hand: the unified format is a few line prefixes, and the crates that read it
//! (patch, unidiff) give no more than this reading and nothing of the view.

use crate::html::text::escape;

/// The HTML of one diff (its text decoded).
pub fn to_html(diff: &str) -> String {
    let mut out = String::new();
    let (mut old, mut new) = (0usize, 0usize);
    let mut pending_name: Option<String> = None;
    let mut in_hunk = false;
    for line in diff.lines() {
        if let Some(rest) = line.strip_prefix("diff --git ") {
            in_hunk = false;
            // `a/x b/x`: the new name, unless --- / +++ say otherwise.
            pending_name = rest.split(" b/").nth(1).map(str::to_owned);
            continue;
        }
        if !in_hunk {
            if let Some(rest) = line.strip_prefix("+++ ") {
                let name = rest.trim().trim_start_matches("b/");
                let name = if name == "/dev/null" {
                    pending_name.take().unwrap_or_default()
                } else {
                    name.to_owned()
                };
                file_header(&mut out, &name);
                pending_name = None;
                continue;
            }
            if line.starts_with("--- ")
                || line.starts_with("index ")
                || line.starts_with("new file")
                || line.starts_with("deleted file")
                || line.starts_with("similarity")
                || line.starts_with("rename ")
                || line.starts_with("old mode")
                || line.starts_with("new mode")
            {
                continue;
            }
        }
        if let Some((o, n)) = hunk_start(line) {
            if let Some(name) = pending_name.take() {
                file_header(&mut out, &name);
            }
            in_hunk = true;
            old = o;
            new = n;
            out.push_str(&format!(
                r#"<span class="diff-line diff-hunk"><span class="diff-ln"></span><span class="diff-ln"></span><span class="diff-text">{}</span></span>"#,
                escape(line)
            ));
            continue;
        }
        if !in_hunk {
            // Text before the first hunk (a commit message): as it is.
            out.push_str(&format!(
                r#"<span class="diff-line diff-info"><span class="diff-ln"></span><span class="diff-ln"></span><span class="diff-text">{}</span></span>"#,
                escape(line)
            ));
            continue;
        }
        let (class, o, n) = match line.as_bytes().first() {
            Some(b'+') => {
                new += 1;
                ("diff-add", String::new(), new.to_string())
            }
            Some(b'-') => {
                old += 1;
                ("diff-del", old.to_string(), String::new())
            }
            Some(b'\\') => ("diff-info", String::new(), String::new()),
            _ => {
                old += 1;
                new += 1;
                ("diff-ctx", old.to_string(), new.to_string())
            }
        };
        out.push_str(&format!(
            r#"<span class="diff-line {class}"><span class="diff-ln">{o}</span><span class="diff-ln">{n}</span><span class="diff-text">{}</span></span>"#,
            escape(line)
        ));
    }
    out
}

fn file_header(out: &mut String, name: &str) {
    if !name.is_empty() {
        out.push_str(&format!(
            r#"<span class="diff-file">{}</span>"#,
            escape(name)
        ));
    }
}

/// `@@ -a,b +c,d @@`: the line before the first old and new line of the hunk.
fn hunk_start(line: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix("@@ -")?;
    let (old, rest) = rest.split_once(" +")?;
    let new = rest.split_once(" @@")?.0;
    let first = |s: &str| s.split(',').next()?.parse::<usize>().ok();
    Some((first(old)?.saturating_sub(1), first(new)?.saturating_sub(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// al-folio's demo post's diff.
    const DEMO: &str = "diff --git a/sample.js b/sample.js
index 0000001..0ddf2ba
--- a/sample.js
+++ b/sample.js
@@ -1,3 +1,3 @@ function hello()
 const a = 1;
-console.log(\"Hello World!\")
+console.log(\"Hello from Diff2Html!\")
 done();
\\ No newline at end of file";

    #[test]
    fn a_diff_becomes_numbered_marked_lines() {
        let html = to_html(DEMO);
        assert!(
            html.starts_with(r#"<span class="diff-file">sample.js</span>"#),
            "{html}"
        );
        let rows: Vec<&str> = html.split(r#"<span class="diff-line "#).skip(1).collect();
        let kinds: Vec<&str> = rows.iter().map(|r| &r[..r.find('"').unwrap()]).collect();
        assert_eq!(
            kinds,
            [
                "diff-hunk",
                "diff-ctx",
                "diff-del",
                "diff-add",
                "diff-ctx",
                "diff-info"
            ]
        );
        let numbers = |r: &str| -> (String, String) {
            let cells: Vec<&str> = r.split(r#"<span class="diff-ln">"#).skip(1).collect();
            let cell = |c: &str| c[..c.find("</span>").unwrap()].to_owned();
            (cell(cells[0]), cell(cells[1]))
        };
        assert_eq!(numbers(rows[1]), ("1".into(), "1".into()));
        assert_eq!(numbers(rows[2]), ("2".into(), String::new()));
        assert_eq!(numbers(rows[3]), (String::new(), "2".into()));
        assert_eq!(numbers(rows[4]), ("3".into(), "3".into()));
        assert!(
            rows[3].contains("+console.log(&quot;Hello from Diff2Html!&quot;)"),
            "{}",
            rows[3]
        );
    }

    #[test]
    fn new_files_several_files_and_junk() {
        let html = to_html(
            "diff --git a/new.txt b/new.txt\nnew file mode 100644\n--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+<b>hi</b>\ndiff --git a/x b/x\n@@ -5 +5 @@\n-a\n+b\n",
        );
        assert!(
            html.contains(r#"<span class="diff-file">new.txt</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<span class="diff-file">x</span>"#),
            "{html}"
        );
        assert!(html.contains("+&lt;b&gt;hi&lt;/b&gt;"), "{html}");
        assert!(
            html.contains(r#"<span class="diff-ln">5</span><span class="diff-ln"></span>"#),
            "{html}"
        );
        for junk in ["", "@@ nonsense @@", "@@ -x +y @@\n+a", "+++", "\\"] {
            let _ = to_html(junk);
        }
    }
}
