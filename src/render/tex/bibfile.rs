//! Where a BibTeX file's syntax breaks, for a message that names the line and the entry.

/// Where a BibTeX file most likely breaks, for a message that names it: the 1-based line and
/// the citation key of the first entry whose braces (or quotes) do not close before the next
/// entry starts (an `@` at the start of a line) or the file ends. Zola's own message on a
/// syntax error gives a line but not the file; `folio build` can add this when `zola build`
/// fails on a `load_data(format = "bibtex")`. `None` when every entry closes.
pub fn find_syntax_error(bib: &str) -> Option<(usize, String)> {
    let starts: Vec<usize> = bib
        .match_indices('@')
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || bib[..i].trim_end_matches([' ', '\t']).ends_with('\n'))
        .collect();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(bib.len());
        let entry = &bib[start..end];
        let Some(open) = entry.find(['{', '(']) else {
            continue;
        };
        let kind = entry[1..open].trim().to_ascii_lowercase();
        if kind == "comment" {
            continue;
        }
        let mut depth = 0i32;
        let mut quoted = false;
        let mut closed = false;
        let mut prev = ' ';
        for c in entry[open..].chars() {
            match c {
                '"' if prev != '\\' && depth == 1 => quoted = !quoted,
                '{' | '(' if !quoted => depth += 1,
                '}' | ')' if !quoted => {
                    depth -= 1;
                    if depth == 0 {
                        closed = true;
                        break;
                    }
                }
                _ => {}
            }
            prev = c;
        }
        if !closed {
            let line = bib[..start].matches('\n').count() + 1;
            let key = entry[open + 1..]
                .split([',', '\n'])
                .next()
                .unwrap_or("")
                .trim()
                .to_string();
            return Some((line, key));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn syntax_errors_are_located() {
        use super::find_syntax_error as f;
        let good = "@string{a = {x}}\n@article{k1, title = {A {B} C}, year = 2020}\n% note @ here\n@misc{k2,\n  note = \"q {x}\"\n}\n";
        assert_eq!(f(good), None);
        let bad = "@article{good, title = {Good}}\n\n@article{broken, title = {Unclosed, year = 2021\n\n@misc{next, title = {N}}\n";
        assert_eq!(f(bad), Some((3, "broken".to_string())));
        assert_eq!(f("@misc{last, title = {x}"), Some((1, "last".to_string())));
    }
}
