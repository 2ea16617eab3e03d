//! gen_site: writes a synthetic, deterministic Zola-like site for benchmarking `folio rewrite`.
//!
//! ```text
//! cargo run --release --example gen_site -- OUT [N] [--code-heavy] [--seed S]
//! ```
//!
//! Writes `OUT/config.toml` (a minimal site config, so `folio rewrite --site OUT OUT/public`
//! reads a base_url and an author) and `OUT/public/`: N HTML pages of about 30 KB each, shaped
//! like the folio theme's output (head, navbar with theme-toggle icons, footer and inline
//! scripts around every page), in a fixed mixture:
//!
//! - 5 % about pages (al-folio's `div.profile.float-right > figure > img` pointing to a real PNG
//!   in the tree, a `<h3 id="news">` followed by a `<ul>` of dated items with `:fire:`-style
//!   shortcodes, a publication list, `div.social > div.contact-icons` with Font Awesome and
//!   Academicons `<i>` elements);
//! - 75 % blog posts (paragraphs with internal and external links, a bare e-mail link, inline
//!   `<code>`, `<pre><code data-lang="rust">` blocks as Zola writes them with its highlighter
//!   off, tables, lists, block quotes, figures; one post in ten uses emoji shortcodes);
//! - 10 % section listings and 10 % news listings (paginated lists and tables with tag icons);
//!
//! plus what a real output holds besides pages: Zola's alias redirect stubs, a 404 page,
//! stylesheets, fonts, images, atom.xml, sitemap.xml and robots.txt. `--code-heavy` makes posts
//! mostly code blocks. The output depends only on N, the flag and the seed (a
//! small LCG, no `rand`): the same arguments give byte-identical trees.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The generated site's `base_url`: Zola writes internal links as absolute URLs under it.
const BASE: &str = "https://bench.example.org";
const AUTHOR: &str = "Ada Q. Lovelace";
const DEFAULT_PAGES: usize = 10_000;
const DEFAULT_SEED: u64 = 0x5eed_f011_0000_0001;

/// A 64-bit LCG (Knuth's MMIX constants); the high bits are used.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
        rng.next();
        rng
    }

    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 32) as u32
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u64::from(self.next()) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[rustfmt::skip]
const WORDS: &[&str] = &[
    "model", "training", "memory", "gradient", "sparse", "attention", "kernel", "graph", "tensor",
    "compression", "quantization", "system", "efficient", "scalable", "language", "large",
    "inference", "throughput", "latency", "accelerator", "network", "layer", "activation",
    "benchmark", "dataset", "evaluation", "baseline", "method", "approach", "result", "analysis",
    "theory", "bound", "convergence", "optimizer", "stochastic", "distributed", "parallel",
    "pipeline", "schedule", "cache", "token", "sequence", "context", "window", "retrieval",
    "embedding", "vector", "matrix", "rank", "adapter", "fine-tuning", "pretraining", "loss",
    "objective", "sample", "batch", "epoch", "student", "teacher", "distillation", "pruning",
    "precision", "bandwidth", "hardware", "GPU", "cluster", "node", "workload", "runtime",
    "compiler", "operator", "fusion", "the", "a", "of", "and", "to", "in", "for", "with", "on",
    "we", "our", "this", "that", "is", "are", "be", "by", "from", "as", "which", "can", "show",
    "propose", "study", "observe", "improve", "reduce", "achieve", "while", "without", "under",
    "new", "simple", "robust", "practical", "surprisingly", "often", "also", "both", "each",
];

const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Shortcodes GitHub knows (they become emoji) and colons that are not shortcodes.
const SHORTCODES: &[&str] = &[
    ":fire:",
    ":tada:",
    ":sparkles:",
    ":rocket:",
    ":trophy:",
    ":smile:",
    ":star:",
    ":notacode:",
    "10:30",
];

const TAGS: &[&str] = &[
    "ml-systems",
    "compression",
    "llm",
    "graphs",
    "optimization",
    "teaching",
    "rust",
    "gpu",
    "theory",
    "talks",
];

const EXTERNAL: &[&str] = &[
    "https://arxiv.org/abs/2402.",
    "https://github.com/example-lab/",
    "https://scholar.google.com/citations?user=",
    "https://openreview.net/forum?id=",
    "https://doi.org/10.1145/",
    "https://en.wikipedia.org/wiki/",
    "http://www.cs.example.edu/~",
    "//cdn.example.net/papers/",
];

/// (icon classes, title, URL prefix) of the contact icons on about pages.
const SOCIALS: &[(&str, &str, &str)] = &[
    ("fa-solid fa-envelope", "email", "mailto:"),
    (
        "ai ai-google-scholar",
        "Google Scholar",
        "https://scholar.google.com/citations?user=",
    ),
    ("fa-brands fa-github", "GitHub", "https://github.com/"),
    ("ai ai-orcid", "ORCID", "https://orcid.org/"),
    (
        "fa-brands fa-linkedin",
        "LinkedIn",
        "https://www.linkedin.com/in/",
    ),
    ("ai ai-dblp", "DBLP", "https://dblp.org/pid/"),
    ("fa-brands fa-x-twitter", "X", "https://x.com/"),
    (
        "ai ai-semantic-scholar",
        "Semantic Scholar",
        "https://www.semanticscholar.org/author/",
    ),
    (
        "fa-solid fa-square-rss",
        "RSS Feed",
        "https://bench.example.org/atom.xml#",
    ),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    About,
    Post,
    Listing,
    News,
}

/// The kind of page number `i`: a fixed 5 / 75 / 10 / 10 mixture; page 0 is the home page.
fn kind(i: usize) -> Kind {
    match i % 20 {
        0 => Kind::About,
        1 | 2 => Kind::Listing,
        3 | 4 => Kind::News,
        _ => Kind::Post,
    }
}

/// Settings shared by every page.
struct Site {
    pages: usize,
    seed: u64,
    code_heavy: bool,
}

impl Site {
    fn rng(&self, i: usize, salt: u64) -> Rng {
        Rng::new(self.seed ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d) ^ salt)
    }

    /// A page's words-for-a-slug, a pure function of its number (any page can link to any other).
    fn slug(&self, i: usize) -> String {
        let mut rng = self.rng(i, 0x51);
        let n = rng.range(2, 4);
        let words: Vec<&str> = (0..n)
            .map(|_| *rng.pick(&WORDS[..70]))
            .map(|w| if w == "GPU" { "gpu" } else { w })
            .collect();
        format!("{}-{i}", words.join("-"))
    }

    fn year(&self, i: usize) -> usize {
        2016 + self.rng(i, 0x7e).below(10)
    }

    /// The page's path below the output directory, as Zola writes it (`…/index.html`).
    fn path(&self, i: usize) -> String {
        match (i, kind(i)) {
            (0, _) => "index.html".into(),
            (1, _) => "blog/index.html".into(),
            (3, _) => "news/index.html".into(),
            (_, Kind::About) => format!("people/{}/index.html", self.slug(i)),
            (_, Kind::Post) => format!("blog/{}/{}/index.html", self.year(i), self.slug(i)),
            (_, Kind::Listing) if i.is_multiple_of(3) => {
                format!("tags/{}-{i}/index.html", TAGS[i % TAGS.len()])
            }
            (_, Kind::Listing) => format!("blog/page/{i}/index.html"),
            (_, Kind::News) => format!("news/page/{i}/index.html"),
        }
    }

    /// The page's permalink (absolute, as Zola writes `get_url` results).
    fn url(&self, i: usize) -> String {
        let path = self.path(i);
        format!("{BASE}/{}", path.trim_end_matches("index.html"))
    }

    /// A random page of the given kind.
    fn some(&self, rng: &mut Rng, want: Kind) -> usize {
        loop {
            let j = rng.below(self.pages);
            if kind(j) == want {
                return j;
            }
        }
    }

    fn title(&self, i: usize) -> String {
        let slug = self.slug(i);
        let mut words: Vec<String> = slug
            .rsplit_once('-')
            .map_or(slug.as_str(), |(w, _)| w)
            .split('-')
            .map(str::to_owned)
            .collect();
        if let Some(first) = words.first_mut() {
            *first = capitalize(first);
        }
        words.join(" ")
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// Writes one page's HTML into `out`.
fn page(site: &Site, i: usize, out: &mut String) {
    let mut rng = site.rng(i, 0);
    let kind = kind(i);
    let title = if i == 0 {
        AUTHOR.to_owned()
    } else {
        site.title(i)
    };
    let target = rng.range(22_000, 38_000);
    head(site, i, &title, out);
    // As the theme: the search index reads the main content of every page but listings.
    let body = if matches!(kind, Kind::Listing) {
        ""
    } else {
        " data-pagefind-body"
    };
    out.push_str(&format!(
        "  <main class=\"container mt-5\" id=\"main\"{body}>\n"
    ));
    let body_start = out.len();
    let budget = target.saturating_sub(body_start + 2_600);
    match kind {
        Kind::About => about(site, i, &title, budget, &mut rng, out),
        Kind::Post => post(site, i, &title, budget, &mut rng, out),
        Kind::Listing => listing(site, &title, budget, &mut rng, out),
        Kind::News => news_listing(site, budget, &mut rng, out),
    }
    out.push_str("\n  </main>\n");
    footer(out);
}

fn head(site: &Site, i: usize, title: &str, out: &mut String) {
    let url = site.url(i);
    let is_home = i == 0;
    let full = if is_home {
        AUTHOR.to_owned()
    } else {
        format!("{title} | {AUTHOR}")
    };
    let og_type = if kind(i) == Kind::Post {
        "article"
    } else {
        "website"
    };
    let _ = write!(
        out,
        r##"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
  <script>(function(){{var d=document.documentElement,s=null;try{{s=localStorage.getItem("theme")}}catch(e){{}}if(s!=="system"&&s!=="light"&&s!=="dark")s="system";var k=s==="dark"||(s==="system"&&!!window.matchMedia&&window.matchMedia("(prefers-color-scheme: dark)").matches);d.setAttribute("data-theme-setting",s);d.setAttribute("data-theme",k?"dark":"light");d.className+=" js"}})();</script>
  <title>{full}</title>
  <meta name="description" content="{AUTHOR}: large-scale machine learning and machine learning systems. Papers, talks, teaching &amp; news.">
  <meta name="author" content="{AUTHOR}">
  <link rel="canonical" href="{url}">

  <!-- Open Graph / Twitter card -->
  <meta property="og:site_name" content="{AUTHOR}">
  <meta property="og:type" content="{og_type}">
  <meta property="og:title" content="{title}">
  <meta property="og:url" content="{url}">
  <meta property="og:description" content="{AUTHOR}: large-scale machine learning and machine learning systems.">
  <meta name="twitter:card" content="summary">
  <meta name="twitter:title" content="{title}">
  <meta name="twitter:description" content="{AUTHOR}: large-scale machine learning and machine learning systems.">
  <link rel="icon" href="{BASE}/assets/img/favicon.svg" type="image/svg+xml">
  <link rel="alternate" type="application/atom+xml" title="{AUTHOR}" href="{BASE}/atom.xml">
  <link rel="stylesheet" href="{BASE}/folio.css?h=5c3f2a9e81b0d7f4e6a1">
  <link rel="stylesheet" href="{BASE}/custom.css?h=0b7d12e4a9f3c6851d22">
</head>
<body class="{body}">
  <a class="skip-link sr-only sr-only-focusable" href="#main">Skip to content</a>
  <header>
    <nav id="navbar" class="navbar navbar-expand-sm" aria-label="Main">
      <div class="container">
"##,
        body = if is_home { "home" } else { "" },
    );
    if !is_home {
        let _ = writeln!(
            out,
            r#"        <a class="navbar-brand title font-weight-lighter" href="{BASE}/">{AUTHOR}</a>"#
        );
    }
    out.push_str(
        r#"        <button class="navbar-toggler collapsed ml-auto" type="button" aria-controls="navbarNav" aria-expanded="false" aria-label="Toggle navigation">
          <span class="icon-bar top-bar"></span>
          <span class="icon-bar middle-bar"></span>
          <span class="icon-bar bottom-bar"></span>
        </button>
        <div class="navbar-collapse text-right" id="navbarNav">
          <ul class="navbar-nav ml-auto flex-nowrap">
"#,
    );
    for (name, path) in [
        ("about", ""),
        ("news", "news/"),
        ("blog", "blog/"),
        ("publications", "publications/"),
        ("teaching", "teaching/"),
    ] {
        let active = (path.is_empty() && is_home) || (!path.is_empty() && url.contains(path));
        let _ = write!(
            out,
            "            <li class=\"nav-item{}\">\n              <a class=\"nav-link\" href=\"{BASE}/{path}\"{}>{name}</a>\n            </li>\n",
            if active { " active" } else { "" },
            if active { " aria-current=\"page\"" } else { "" },
        );
    }
    out.push_str(
        r#"            <li class="toggle-container">
              <button id="light-toggle" class="light-toggle" type="button" title="Change theme (system, light, dark)" aria-label="Change theme (system, light, dark)">
                <span class="light-toggle-icon light-toggle-system"><i class="ti ti-sun-moon"></i></span>
                <span class="light-toggle-icon light-toggle-light"><i class="ti ti-sun"></i></span>
                <span class="light-toggle-icon light-toggle-dark"><i class="ti ti-moon-stars"></i></span>
              </button>
            </li>
          </ul>
        </div>
      </div>
    </nav>
  </header>
"#,
    );
}

fn footer(out: &mut String) {
    let _ = write!(
        out,
        r#"  <footer class="site-footer" role="contentinfo">
    <div class="container">
      &copy; Copyright 2025 {AUTHOR}.
      Powered by <a href="https://www.getzola.org/">Zola</a> with the folio theme.
    </div>
  </footer>
  <script>(function(){{var d=document.documentElement,o=["system","light","dark"],m=window.matchMedia?window.matchMedia("(prefers-color-scheme: dark)"):null;function a(s){{d.setAttribute("data-theme-setting",s);d.setAttribute("data-theme",s==="system"?(m&&m.matches?"dark":"light"):s);var b=document.getElementById("light-toggle");if(b){{var t="Theme: "+s+". Change theme";b.setAttribute("aria-label",t);b.title=t}}}}var b=document.getElementById("light-toggle");if(b)b.addEventListener("click",function(){{var c=d.getAttribute("data-theme-setting"),n=o[(o.indexOf(c)+1)%3];try{{localStorage.setItem("theme",n)}}catch(e){{}}a(n)}});if(m){{var f=function(){{if(d.getAttribute("data-theme-setting")==="system")a("system")}};m.addEventListener?m.addEventListener("change",f):m.addListener(f)}}a(d.getAttribute("data-theme-setting")||"system");var g=document.querySelector(".navbar-toggler"),n=document.getElementById("navbarNav");if(g&&n)g.addEventListener("click",function(){{var x=n.classList.toggle("show");g.setAttribute("aria-expanded",x?"true":"false");g.classList.toggle("collapsed",!x)}})}})();</script>
</body>
</html>
"#
    );
}

/// Plain words, `n` of them, with a capital and a full stop.
fn sentence(rng: &mut Rng, n: usize, out: &mut String) {
    for k in 0..n {
        let word = *rng.pick(WORDS);
        if k == 0 {
            out.push_str(&capitalize(word));
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
}

/// A paragraph's inner HTML: sentences with links (internal and external), inline code,
/// emphasis and, when `emoji`, the odd emoji shortcode.
fn inline_text(site: &Site, rng: &mut Rng, sentences: usize, emoji: bool, out: &mut String) {
    for s in 0..sentences {
        if s > 0 {
            out.push(' ');
        }
        let n = rng.range(8, 20);
        sentence(rng, n, out);
        match rng.below(12) {
            0..=2 => {
                let j = site.some(rng, Kind::Post);
                let _ = write!(
                    out,
                    " See <a href=\"{}\">{}</a>.",
                    site.url(j),
                    site.title(j)
                );
            }
            3 | 4 => {
                let prefix = rng.pick(EXTERNAL);
                let id = rng.range(1000, 99_999);
                let word = rng.pick(&WORDS[..70]);
                let _ = write!(out, " As in <a href=\"{prefix}{id}\">the {word} paper</a>.");
            }
            5 => {
                let word = rng.pick(&WORDS[..70]);
                let _ = write!(
                    out,
                    " The <code>{word}_{}()</code> call does it.",
                    rng.below(100)
                );
            }
            6 => {
                let word = rng.pick(&WORDS[..70]);
                let _ = write!(out, " This is <em>{word}</em>, <strong>really</strong>.");
            }
            7 if emoji && rng.chance(30) => {
                let code = rng.pick(SHORTCODES);
                let _ = write!(out, " Done {code}");
            }
            8 => {
                let _ = write!(
                    out,
                    "<sup class=\"footnote-reference\" id=\"fr-{s}-1\"><a href=\"#fn-{s}\">{}</a></sup>",
                    s + 1
                );
            }
            9 => {
                let j = site.some(rng, Kind::Post);
                let _ = write!(
                    out,
                    " Also <a href=\"{}#results\">its results</a>.",
                    site.url(j)
                );
            }
            _ => {}
        }
    }
}

fn paragraph(site: &Site, rng: &mut Rng, emoji: bool, out: &mut String) {
    out.push_str("<p>");
    let n = rng.range(3, 7);
    inline_text(site, rng, n, emoji, out);
    out.push_str("</p>\n");
}

/// A code block as Zola writes it with its highlighter off (the folio theme's setting: folio
/// highlights at build time): `<pre><code data-lang="rust">` around the escaped source.
fn code_block(rng: &mut Rng, out: &mut String) {
    const IDENTS: &[&str] = &[
        "tensor", "grad", "cache", "batch", "step", "layer", "rank", "scale", "buf", "idx",
    ];
    const TYPES: &[&str] = &["Tensor", "Batch", "Layer", "Cache", "Plan", "Shard"];
    const PATHS: &[&str] = &[
        "std::fs::read",
        "Vec::new",
        "Arc::clone",
        "HashMap::with_capacity",
        "mem::take",
        "io::Error::other",
    ];
    let lang = if rng.chance(80) { "rust" } else { "python" };
    let _ = write!(out, "<pre><code data-lang=\"{lang}\">");
    let lines = rng.range(6, 24);
    let mut depth = 0usize;
    for _ in 0..lines {
        let pad = "    ".repeat(depth);
        let (a, b) = (rng.pick(IDENTS), rng.pick(IDENTS));
        let ty = rng.pick(TYPES);
        let n = rng.below(4096);
        let line = if lang == "python" {
            match rng.below(5) {
                0 => format!("def {a}_{n}({b}, scale=1.0):"),
                1 => format!(
                    "# {} {} {}",
                    rng.pick(WORDS),
                    rng.pick(WORDS),
                    rng.pick(WORDS)
                ),
                2 => format!("{a} = [{b} * 2 for {b} in range({n}) if {b} &gt; 3]"),
                3 => format!("print(f&quot;{{{a}}}: {{{b}:.3f}}&quot;)"),
                _ => format!("return {a}.reshape(-1, {n}) @ {b}.T"),
            }
        } else {
            match rng.below(9) {
                0 => {
                    depth += 1;
                    format!(
                        "pub fn {a}_{n}(&amp;mut self, {b}: &amp;[f32]) -&gt; io::Result&lt;{ty}&gt; {{"
                    )
                }
                1 => format!("let {a} = {}(&amp;{b})?;", rng.pick(PATHS)),
                2 => {
                    depth += 1;
                    format!("for {a} in {b}.iter().take({n}) {{")
                }
                3 if depth > 0 => {
                    depth -= 1;
                    return_line(&"    ".repeat(depth), out);
                    continue;
                }
                4 => format!(
                    "// {} {} {}.",
                    rng.pick(WORDS),
                    rng.pick(WORDS),
                    rng.pick(WORDS)
                ),
                5 => format!("println!(&quot;{{}}: {{:?}}&quot;, {a}, {b}.len());"),
                6 => {
                    format!("let {a}: Vec&lt;{ty}&gt; = {b}.into_iter().map({ty}::from).collect();")
                }
                // A shortcode in code must stay as written.
                7 if rng.chance(5) => format!("let {a} = &quot;:fire:&quot;;"),
                _ => format!("{a}.{b} += {n} * self.{b};"),
            }
        };
        out.push_str(&pad);
        out.push_str(&line);
        out.push('\n');
    }
    while depth > 0 {
        depth -= 1;
        return_line(&"    ".repeat(depth), out);
    }
    out.push_str("</code></pre>\n");
}

fn return_line(pad: &str, out: &mut String) {
    out.push_str(pad);
    out.push_str("}\n");
}

fn table(rng: &mut Rng, out: &mut String) {
    let cols = rng.range(3, 6);
    out.push_str("<table>\n<thead>\n<tr>");
    for c in 0..cols {
        let _ = write!(out, "<th>{}</th>", capitalize(WORDS[(c * 7) % 70]));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for _ in 0..rng.range(4, 12) {
        out.push_str("<tr>");
        for c in 0..cols {
            if c == 0 {
                let _ = write!(out, "<td>{}</td>", rng.pick(&WORDS[..70]));
            } else {
                let _ = write!(out, "<td>{}.{}</td>", rng.below(100), rng.below(100));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn post(site: &Site, i: usize, title: &str, budget: usize, rng: &mut Rng, out: &mut String) {
    let start = out.len();
    // Shortcodes are an about-page and news habit: one post in ten has some.
    let emoji = rng.chance(10);
    let year = site.year(i);
    let _ = write!(
        out,
        "<div class=\"post\">\n<header class=\"post-header\">\n<h1 class=\"post-title\">{title}</h1>\n<p class=\"post-meta\">{} {}, {year} &nbsp; &middot; &nbsp; {AUTHOR}</p>\n<p class=\"post-tags\">",
        rng.pick(MONTHS),
        rng.range(1, 28)
    );
    for k in 0..rng.range(1, 3) {
        let tag = TAGS[(i + k * 3) % TAGS.len()];
        let _ = write!(
            out,
            "<a href=\"{BASE}/tags/{tag}/\"><i class=\"fa-solid fa-hashtag fa-sm\"></i> {tag}</a> &nbsp; "
        );
    }
    let _ = write!(
        out,
        "<a href=\"{BASE}/categories/research/\"><i class=\"fa-solid fa-tag fa-sm\"></i> research</a></p>\n</header>\n<article class=\"post-content\">\n"
    );
    let mut section = 0;
    let mut emailed = false;
    while out.len() - start < budget {
        let code_heavy = site.code_heavy && rng.chance(75);
        if code_heavy {
            code_block(rng, out);
            continue;
        }
        match rng.below(20) {
            0 | 1 => {
                section += 1;
                let word = rng.pick(&WORDS[..70]);
                let _ = writeln!(
                    out,
                    "<h2 id=\"{word}-{section}\">{} {section}</h2>",
                    capitalize(word)
                );
            }
            2 | 3 => code_block(rng, out),
            4 => table(rng, out),
            5 => {
                out.push_str("<ul>\n");
                for _ in 0..rng.range(3, 7) {
                    out.push_str("<li>");
                    inline_text(site, rng, 1, emoji, out);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            6 => {
                out.push_str("<blockquote>\n");
                paragraph(site, rng, emoji, out);
                out.push_str("</blockquote>\n");
            }
            7 if !emailed => {
                emailed = true;
                let who = rng.pick(&WORDS[..70]);
                // A bare address as a link target, as Markdown `[a@b](a@b)` gives it.
                let _ = writeln!(
                    out,
                    "<p>Questions? Write to <a href=\"{who}.lab@example.edu\">{who}.lab@example.edu</a>.</p>"
                );
            }
            8 if i % 10 == 5 => {
                let _ = writeln!(
                    out,
                    "<figure><img src=\"figure.png\" alt=\"A {} plot\"><figcaption>Figure {section}.</figcaption></figure>",
                    rng.pick(&WORDS[..70])
                );
            }
            _ => paragraph(site, rng, emoji, out),
        }
    }
    out.push_str("</article>\n</div>");
}

fn about(site: &Site, i: usize, title: &str, budget: usize, rng: &mut Rng, out: &mut String) {
    let start = out.len();
    // Variants the profile pass has to cope with: classes present, only data attributes, none.
    let profile_open = match i % 3 {
        0 => "<div class=\"profile float-right\" data-align=\"right\" data-circular=\"false\">",
        1 => "<div class=\"profile\" data-align=\"left\" data-circular=\"true\">",
        _ => "<div class=\"profile\">",
    };
    let img_class = if i.is_multiple_of(3) {
        "img-fluid z-depth-1 rounded"
    } else {
        "img-fluid z-depth-1"
    };
    let _ = write!(
        out,
        r#"<div class="post">
  <header class="post-header">
    <h1 class="post-title">{title}</h1>
    <p class="desc">Assistant Professor, <a href="https://www.cs.example.edu/">Department of Computer Science</a>, Example University.</p>
  </header>

  <article>
    {profile_open}
      <figure>
        <img src="{BASE}/assets/img/prof_pic.png" class="{img_class}" alt="prof_pic.png">
      </figure>
      <div class="more-info"><p>Room {} &middot; 200 University Ave</p></div>
    </div>
    <div class="clearfix">"#,
        rng.range(100, 999)
    );
    for _ in 0..3 {
        paragraph(site, rng, false, out);
    }
    out.push_str("<h3 id=\"news\">News</h3>\n<ul>\n");
    let items = rng.range(12, 40);
    for k in 0..items {
        let year = 2025 - k / 6;
        let month = MONTHS[11 - (k % 12)];
        out.push_str("<li>");
        match k % 3 {
            0 => {
                let _ = write!(out, "{month} {year}: ");
            }
            1 => {
                let _ = write!(out, "{year}-{:02}-{:02} &mdash; ", 12 - k % 12, 1 + k % 28);
            }
            _ => {
                let _ = write!(out, "<strong>{month} {year}</strong> ");
            }
        }
        let n = rng.range(6, 16);
        sentence(rng, n, out);
        let _ = write!(out, " {}", rng.pick(SHORTCODES));
        if rng.chance(40) {
            let j = site.some(rng, Kind::Post);
            let _ = write!(out, " <a href=\"{}\">Read more</a>", site.url(j));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n<h3 id=\"selected-publications\">Selected publications</h3>\n<ol>\n");
    while out.len() - start < budget.saturating_sub(1_500) {
        let _ = writeln!(
            out,
            "<li><strong>{}</strong>. {AUTHOR}, B. Coauthor and C. Other. <em>Proceedings of {} {}</em>. <a href=\"https://arxiv.org/abs/2{:03}.{:05}\">arXiv</a> &middot; <a href=\"https://github.com/example-lab/{}\">code</a> &middot; <a href=\"{BASE}/assets/pdf/paper-{}.pdf\">PDF</a></li>",
            site.title(site.some(rng, Kind::Post)),
            ["NeurIPS", "ICML", "ICLR", "MLSys", "KDD"][rng.below(5)],
            rng.range(2016, 2025),
            rng.below(1000),
            rng.below(100_000),
            site.slug(i),
            rng.below(1000),
        );
    }
    out.push_str(
        "</ol>\n<p>Prospective students: write to <a href=\"ada.recruit@example.edu\">ada.recruit@example.edu</a>.</p>\n</div>\n",
    );
    out.push_str("    <div class=\"social\">\n      <div class=\"contact-icons\">\n");
    for (icon, name, prefix) in SOCIALS {
        let id = if prefix.starts_with("mailto:") {
            "ada&#64;example.edu".to_owned()
        } else {
            format!("{}", rng.range(10_000, 99_999))
        };
        let _ = writeln!(
            out,
            "        <a href=\"{prefix}{id}\" title=\"{name}\" aria-label=\"{name}\"><i class=\"{icon}\"></i></a>"
        );
    }
    out.push_str("      </div>\n      <div class=\"contact-note\">The best way to reach me is e-mail.</div>\n    </div>\n  </article>\n</div>");
}

fn listing(site: &Site, title: &str, budget: usize, rng: &mut Rng, out: &mut String) {
    let start = out.len();
    let _ = write!(
        out,
        "<div class=\"post\">\n<div class=\"header-bar\">\n<h1>{title}</h1>\n<h2>notes on machine learning systems</h2>\n</div>\n<ul class=\"post-list\">\n"
    );
    while out.len() - start < budget.saturating_sub(600) {
        let j = site.some(rng, Kind::Post);
        let year = site.year(j);
        let _ = write!(
            out,
            "<li>\n<h3><a class=\"post-title\" href=\"{}\">{}</a></h3>\n<p>",
            site.url(j),
            site.title(j)
        );
        let n = rng.range(1, 3);
        inline_text(site, rng, n, false, out);
        let _ = write!(
            out,
            "</p>\n<p class=\"post-meta\">{} min read &nbsp; &middot; &nbsp; {} {}, {year}</p>\n<p class=\"post-tags\"><a href=\"{BASE}/blog/{year}/\"><i class=\"fa-solid fa-calendar fa-sm\"></i> {year}</a>",
            rng.range(2, 15),
            rng.pick(MONTHS),
            rng.range(1, 28)
        );
        for k in 0..rng.range(1, 3) {
            let tag = TAGS[(j + k) % TAGS.len()];
            let _ = write!(
                out,
                " &nbsp; &middot; &nbsp; <a href=\"{BASE}/tags/{tag}/\"><i class=\"fa-solid fa-hashtag fa-sm\"></i> {tag}</a>"
            );
        }
        out.push_str("</p>\n</li>\n");
    }
    let _ = write!(
        out,
        "</ul>\n<nav aria-label=\"Blog page navigation\"><ul class=\"pagination pagination-lg justify-content-center\"><li class=\"page-item\"><a class=\"page-link\" href=\"{BASE}/blog/\">Newer</a></li><li class=\"page-item\"><a class=\"page-link\" href=\"{BASE}/blog/page/2/\">Older</a></li></ul></nav>\n</div>"
    );
}

fn news_listing(site: &Site, budget: usize, rng: &mut Rng, out: &mut String) {
    let start = out.len();
    out.push_str("<div class=\"post\">\n<div class=\"header-bar\">\n<h1>news</h1>\n</div>\n<div class=\"news\">\n<div class=\"table-responsive\">\n<table class=\"table table-sm table-borderless\">\n");
    while out.len() - start < budget.saturating_sub(300) {
        let _ = write!(
            out,
            "<tr>\n<th scope=\"row\" style=\"width: 20%\">{} {}, {}</th>\n<td>",
            rng.pick(MONTHS),
            rng.range(1, 28),
            rng.range(2016, 2025)
        );
        let n = rng.range(1, 3);
        inline_text(site, rng, n, true, out);
        let _ = writeln!(out, " {}</td>\n</tr>", rng.pick(SHORTCODES));
    }
    out.push_str("</table>\n</div>\n</div>\n</div>");
}

fn not_found(out: &mut String) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Page not found | {AUTHOR}</title>\n<link rel=\"stylesheet\" href=\"{BASE}/folio.css\">\n</head>\n<body>\n<main class=\"container mt-5\"><h1>Page not found</h1><p>Go <a href=\"{BASE}/\">home</a>.</p></main>\n</body>\n</html>\n"
    );
}

/// Zola's alias page: no head, no body.
fn redirect(to: &str) -> String {
    format!(
        "<!doctype html><meta charset=utf-8><link rel=canonical href=\"{to}\"><meta http-equiv=refresh content=\"0; url={to}\"><title>Redirect</title><p><a href=\"{to}\">Click here</a> to be redirected.</p>"
    )
}

/// A stylesheet of `rules` plausible rules.
fn stylesheet(rng: &mut Rng, rules: usize) -> String {
    let mut css = String::from(
        ":root{--global-bg-color:#fff;--global-text-color:#000;--global-theme-color:#b509ac}\n",
    );
    for k in 0..rules {
        let _ = writeln!(
            css,
            ".{}-{k} .{}{{margin:{}px {}px;color:#{:06x};font-size:{}.{}rem}}",
            rng.pick(&WORDS[..70]).to_lowercase(),
            rng.pick(&WORDS[..70]).to_lowercase(),
            rng.below(40),
            rng.below(40),
            rng.next() & 0xff_ffff,
            rng.below(3),
            rng.below(10)
        );
    }
    css
}

/// A valid `width`×`height` RGB PNG (stored, uncompressed deflate blocks).
fn png(width: u32, height: u32, rng: &mut Rng) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let start = out.len();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let crc = crc32(&out[start..]);
        out.extend_from_slice(&crc.to_be_bytes());
    }
    let mut raw = Vec::new();
    let (r0, g0, b0) = (rng.below(256), rng.below(256), rng.below(256));
    for y in 0..height {
        raw.push(0); // filter: none
        for x in 0..width {
            raw.push(((r0 + x as usize) % 256) as u8);
            raw.push(((g0 + y as usize) % 256) as u8);
            raw.push(((b0 + (x ^ y) as usize) % 256) as u8);
        }
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (k, block) in blocks.iter().enumerate() {
        z.push(u8::from(k + 1 == blocks.len()));
        let len = block.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xedb8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// Totals of what was written, for the summary line.
#[derive(Default)]
struct Written {
    html_files: usize,
    html_bytes: u64,
    other_files: usize,
    other_bytes: u64,
}

impl Written {
    fn put(&mut self, root: &Path, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        if rel.ends_with(".html") {
            self.html_files += 1;
            self.html_bytes += bytes.len() as u64;
        } else {
            self.other_files += 1;
            self.other_bytes += bytes.len() as u64;
        }
        Ok(())
    }
}

fn generate(out_dir: &Path, site: &Site) -> Result<Written, String> {
    let public = out_dir.join("public");
    let mut w = Written::default();
    let config = format!(
        "# Written by examples/gen_site.rs: the benchmark site's config, read by `folio rewrite --site`.\nbase_url = \"{BASE}\"\ntitle = \"{AUTHOR}\"\nauthor = \"{AUTHOR}\"\n\n[extra.folio.news]\nlimit = 10\n"
    );
    fs::create_dir_all(&public).map_err(|e| format!("{}: {e}", public.display()))?;
    fs::write(out_dir.join("config.toml"), config)
        .map_err(|e| format!("{}: {e}", out_dir.display()))?;

    let mut rng = site.rng(usize::MAX, 0xa55e7);
    w.put(&public, "assets/img/prof_pic.png", &png(96, 120, &mut rng))?;
    let figure = png(64, 48, &mut rng);
    w.put(
        &public,
        "assets/img/favicon.svg",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" r=\"7\" fill=\"#b509ac\"/></svg>\n",
    )?;
    w.put(&public, "folio.css", stylesheet(&mut rng, 900).as_bytes())?;
    w.put(&public, "custom.css", stylesheet(&mut rng, 40).as_bytes())?;
    for name in ["inter-regular", "inter-bold", "roboto-mono", "academicons"] {
        let bytes: Vec<u8> = (0..rng.range(20_000, 60_000))
            .map(|_| rng.next() as u8)
            .collect();
        w.put(&public, &format!("assets/fonts/{name}.woff2"), &bytes)?;
    }
    w.put(
        &public,
        "robots.txt",
        format!("User-agent: *\nDisallow:\nAllow: /\nSitemap: {BASE}/sitemap.xml\n").as_bytes(),
    )?;

    let mut html = String::with_capacity(64 * 1024);
    let mut sitemap = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut atom = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n<title>{AUTHOR}</title>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}/atom.xml\"/>\n<id>{BASE}/atom.xml</id>\n"
    );
    for i in 0..site.pages {
        html.clear();
        page(site, i, &mut html);
        let rel = site.path(i);
        w.put(&public, &rel, html.as_bytes())?;
        let _ = writeln!(sitemap, "<url><loc>{}</loc></url>", site.url(i));
        if kind(i) == Kind::Post {
            if i % 10 == 5 {
                let dir = rel.trim_end_matches("index.html");
                w.put(&public, &format!("{dir}figure.png"), &figure)?;
            }
            if i < 200 {
                let _ = writeln!(
                    atom,
                    "<entry><title>{}</title><link rel=\"alternate\" href=\"{}\"/><id>{}</id><summary type=\"html\">&lt;p&gt;{} &lt;a href=&quot;{BASE}/&quot;&gt;more&lt;/a&gt;&lt;/p&gt;</summary></entry>",
                    site.title(i),
                    site.url(i),
                    site.url(i),
                    site.slug(i)
                );
            }
            // One in fifty posts has an old address: Zola writes a redirect stub for the alias.
            if i % 50 == 7 {
                w.put(
                    &public,
                    &format!("posts/{}/index.html", site.slug(i)),
                    redirect(&site.url(i)).as_bytes(),
                )?;
            }
        }
    }
    html.clear();
    not_found(&mut html);
    w.put(&public, "404.html", html.as_bytes())?;
    sitemap.push_str("</urlset>\n");
    atom.push_str("</feed>\n");
    w.put(&public, "sitemap.xml", sitemap.as_bytes())?;
    w.put(&public, "atom.xml", atom.as_bytes())?;
    Ok(w)
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: gen_site OUT [N] [--code-heavy] [--seed S]\n\nWrites OUT/config.toml and N synthetic pages (default {DEFAULT_PAGES}) under OUT/public.\nOUT must not exist or be empty."
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut out = None;
    let mut pages = DEFAULT_PAGES;
    let mut seed = DEFAULT_SEED;
    let mut code_heavy = false;
    let mut args = std::env::args().skip(1);
    let mut positional = 0;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--code-heavy" => code_heavy = true,
            "--seed" => match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            },
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with('-') => return usage(),
            _ => {
                positional += 1;
                match positional {
                    1 => out = Some(PathBuf::from(arg)),
                    2 => match arg.replace('_', "").parse() {
                        Ok(n) if n > 0 => pages = n,
                        _ => return usage(),
                    },
                    _ => return usage(),
                }
            }
        }
    }
    let Some(out) = out else {
        return usage();
    };
    if out.exists()
        && fs::read_dir(&out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        eprintln!(
            "gen_site: {} exists and is not empty; give a new directory",
            out.display()
        );
        return ExitCode::from(2);
    }
    let site = Site {
        pages,
        seed,
        code_heavy,
    };
    match generate(&out, &site) {
        Ok(w) => {
            println!(
                "gen_site: {} pages{} in {}: {} HTML files, {} HTML bytes; {} other files, {} bytes",
                pages,
                if code_heavy { " (code-heavy)" } else { "" },
                out.join("public").display(),
                w.html_files,
                w.html_bytes,
                w.other_files,
                w.other_bytes
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_site: {e}");
            ExitCode::FAILURE
        }
    }
}
