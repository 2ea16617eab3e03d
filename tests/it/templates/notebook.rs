//! The `notebook` shortcode: a Jupyter notebook (.ipynb, read with load_data) rendered at build
//! time: Markdown cells, code cells for `folio rewrite` to highlight, and their outputs; what a
//! notebook holds never runs in the page and never breaks the build.

use super::*;

/// The shortcode rendered as Zola would (its arguments are the context); `files` are notebooks
/// load_data finds before the demo's own files.
fn notebook(files: &[(&str, String)], args: &[(&str, Value)]) -> String {
    let mut site = site(&demo_config(), &demo_home());
    for (path, text) in files {
        site.files.insert((*path).into(), text.clone());
    }
    let tera = load_theme(&site);
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("lang", "en");
    for (k, v) in args {
        ctx.insert(*k, v);
    }
    tera.render("shortcodes/notebook.html", &ctx)
        .unwrap_or_else(|e| panic!("notebook renders: {}", error_chain(&e)))
}

#[test]
fn the_demo_notebook_renders_every_kind_of_cell() {
    let html = notebook(&[], &[("path", json!("assets/jupyter/kv-cache.ipynb"))]);
    let order = [
        r#"<div class="notebook">"#,
        "Cache sizes</h1>",
        "a <strong>Markdown</strong> cell",
        r#"<span class="nb-prompt" aria-hidden="true">In [1]:</span><pre><code data-lang="python">def kv_bytes(layers, heads, dim, tokens, bits=16):"#,
        r#"<pre class="nb-stream">2.0 GiB"#,
        "n) &gt;&gt; 20 for n",
        r#"<span class="nb-prompt" aria-hidden="true">Out[2]:</span>"#,
        r#"<div class="nb-html"><table class="dataframe">"#,
        r#"<img class="nb-image" src="data:image/png;base64,iVBORw0KGgo"#,
        r#"alt="Output of cell [3]""#,
        r#"<pre class="nb-error">TypeError "#,
        "----&gt; 1 kv_bytes(32)",
    ];
    let mut at = 0;
    for t in order {
        let found = html[at..]
            .find(t)
            .unwrap_or_else(|| panic!("{t} after {at}:\n{html}"));
        at += found + t.len();
    }
    // ANSI colours of the traceback are gone.
    assert!(
        !html.contains('\u{1b}') && !html.contains("[0;31m"),
        "{html}"
    );
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("it__templates__notebook_demo", html);
    });
    let bare = notebook(
        &[],
        &[
            ("path", json!("/assets/jupyter/kv-cache.ipynb")),
            ("prompts", json!(false)),
        ],
    );
    assert!(bare.contains("Cache sizes</h1>") && !bare.contains("nb-prompt"));
}

#[test]
fn what_a_notebook_holds_never_runs_and_a_missing_one_is_a_note() {
    let nb = json!({
        "nbformat": 4,
        "metadata": {"kernelspec": {"language": "python\" onmouseover=\"alert(1)"}},
        "cells": [
            {"cell_type": "code", "execution_count": "1\"><script>", "source": ["</code></pre><script>alert(2)</script>"],
             "outputs": [
                {"output_type": "display_data", "data": {
                    "text/html": ["<div>plot</div><script>alert(3)</script>"],
                    "text/plain": ["<plot <b>x</b>>"]}},
                {"output_type": "display_data", "data": {"image/png": "AAAA\"><script>alert(4)</script>"}},
                {"output_type": "display_data", "data": {"image/svg+xml": ["<svg onload=\"alert(5)\"></svg>"]}},
                {"output_type": "stream", "name": "stderr", "text": "<img src=x onerror=alert(6)>"}
             ]}
        ]
    });
    let html = notebook(
        &[("evil.ipynb", nb.to_string())],
        &[("path", json!("evil.ipynb"))],
    );
    for bad in [
        "<script",
        "onmouseover=\"",
        "<img src=x",
        "<svg",
        "<b>x</b>",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(
        html.contains(r#"<code data-lang="pythononmouseoveralert1">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<pre class="nb-text">&lt;plot &lt;b&gt;x&lt;/b&gt;&gt;</pre>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"src="data:image/png;base64,AAAAscriptalert4/script""#),
        "{html}"
    );
    assert!(
        html.contains(r#"src="data:image/svg+xml;base64,"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<pre class="nb-stream nb-stderr">&lt;img"#),
        "{html}"
    );
    assert!(html.contains("In [ ]:"), "{html}");
    for path in ["missing.ipynb", "config.toml", "../../etc/passwd"] {
        let html = notebook(&[], &[("path", json!(path))]);
        assert!(
            html.starts_with(r#"<p class="nb-missing">The notebook "#),
            "{path}: {html}"
        );
    }
}
