//! al-folio's Jupyter notebooks (jekyll-jupyter-notebook): `{% jupyter_notebook PATH %}`, in
//! al-folio's demo inside a `{::nomarkdown}` block that assigns the path, checks the file
//! exists (`file_exists`) and says "Sorry…" when it does not. That whole block becomes one
//! `{% jupyter_notebook 'PATH' %}` before the conversion (the lines it took kept as blank lines,
//! so the report's line numbers stay right), and the tag becomes the theme's
//! `{{ notebook(path="PATH") }}`, which renders the notebook at build time and says so when the
//! file is missing. Written by hand: three fixed Liquid shapes, no general interpreter needed.

use std::borrow::Cow;

use super::lexer::{split_filters, string_literal};

const OPEN: &str = "{::nomarkdown}";
const CLOSE: &str = "{:/nomarkdown}";
const TAG: &str = "jupyter_notebook";

/// `text` with every `{::nomarkdown}` block around a `{% jupyter_notebook %}` replaced by the
/// tag alone, its path resolved.
pub(super) fn unwrap_blocks(text: &str) -> Cow<'_, str> {
    if !text.contains(TAG) || !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let Some(len) = rest[open..].find(CLOSE).map(|c| c + CLOSE.len()) else {
            break;
        };
        let block = &rest[open..open + len];
        let path = block
            .find(TAG)
            .and_then(|i| tag_arg(&block[i + TAG.len()..]))
            .and_then(|arg| path_of(arg, block));
        match path {
            Some(path) => {
                out.push_str(&rest[..open]);
                out.push_str(&format!("{{% {TAG} '{path}' %}}"));
                out.push_str(&"\n".repeat(block.matches('\n').count()));
            }
            None => out.push_str(&rest[..open + len]),
        }
        rest = &rest[open + len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The argument of the tag whose name was just read: the text up to `%}`.
fn tag_arg(after_name: &str) -> Option<&str> {
    let end = after_name.find("%}")?;
    Some(after_name[..end].trim().trim_end_matches('-').trim())
}

/// The notebook's path from the tag's argument: a quoted path, or a variable that `before`
/// assigns (`{% assign p = 'assets/jupyter/x.ipynb' | relative_url %}`). The path is made
/// relative to the site root (`{{ site.baseurl }}` and a leading `/` dropped); `None` unless
/// it is a plain `.ipynb` path.
pub(super) fn path_of(arg: &str, before: &str) -> Option<String> {
    let value = match string_literal(arg) {
        Some(v) => v,
        None => assigned(arg, before)?,
    };
    let path = value
        .replace("{{ site.baseurl }}", "")
        .replace("{{site.baseurl}}", "");
    let path = path.trim().trim_start_matches('/');
    let plain = !path.is_empty()
        && path.to_ascii_lowercase().ends_with(".ipynb")
        && !path.contains("..")
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || "/_-. ".contains(c));
    plain.then(|| path.to_owned())
}

/// The quoted value of the last `{% assign NAME = '…' … %}` in `text`.
fn assigned(name: &str, text: &str) -> Option<String> {
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let mut found = None;
    let mut rest = text;
    while let Some(i) = rest.find("assign") {
        let after = rest[i + "assign".len()..].trim_start();
        if let Some(value) = after.strip_prefix(name).map(str::trim_start)
            && let Some(value) = value.strip_prefix('=')
        {
            let end = value.find("%}").unwrap_or(value.len());
            let first = split_filters(&value[..end]).first().copied().unwrap_or("");
            if let Some(v) = string_literal(first) {
                found = Some(v);
            }
        }
        rest = &rest[i + "assign".len()..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// al-folio's demo post, as it embeds its notebook.
    const DEMO: &str = "Intro.\n\n{::nomarkdown}\n{% assign jupyter_path = 'assets/jupyter/blog.ipynb' | relative_url %}\n{% capture notebook_exists %}{% file_exists assets/jupyter/blog.ipynb %}{% endcapture %}\n{% if notebook_exists == 'true' %}\n  {% jupyter_notebook jupyter_path %}\n{% else %}\n  <p>Sorry, the notebook you are looking for does not exist.</p>\n{% endif %}\n{:/nomarkdown}\n\nAfter.\n";

    #[test]
    fn al_folios_block_becomes_the_tag_alone() {
        let out = unwrap_blocks(DEMO);
        assert_eq!(
            out,
            "Intro.\n\n{% jupyter_notebook 'assets/jupyter/blog.ipynb' %}\n\n\n\n\n\n\n\n\n\nAfter.\n"
        );
        assert_eq!(out.lines().count(), DEMO.lines().count());
        // Other nomarkdown blocks, and a block whose path cannot be read, stay.
        for text in [
            "{::nomarkdown}<b>x</b>{:/nomarkdown} jupyter_notebook",
            "{::nomarkdown}{% jupyter_notebook p %}{:/nomarkdown}",
            "{::nomarkdown}{% jupyter_notebook '../x.ipynb' %}{:/nomarkdown}",
        ] {
            assert_eq!(unwrap_blocks(text), text);
        }
    }

    #[test]
    fn paths_are_plain_notebooks_under_the_site() {
        assert_eq!(
            path_of("'/assets/jupyter/a.ipynb'", "").as_deref(),
            Some("assets/jupyter/a.ipynb")
        );
        assert_eq!(
            path_of("\"{{ site.baseurl }}/nb/b.ipynb\"", "").as_deref(),
            Some("nb/b.ipynb")
        );
        assert_eq!(
            path_of(
                "p",
                "{% assign p = \"x.ipynb\" %}{% assign p = 'y.ipynb' | relative_url %}"
            )
            .as_deref(),
            Some("y.ipynb")
        );
        for bad in ["'a.pdf'", "'a\".ipynb'", "'../a.ipynb'", "q", "''"] {
            assert_eq!(path_of(bad, "{% assign p = 'a.ipynb' %}"), None, "{bad}");
        }
    }
}
