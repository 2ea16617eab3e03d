//! Responsive images (macros/picture.html): raster images get a <picture> with WebP copies at
//! [extra] responsive_widths narrower than the image (and one at its own width when that is
//! not wider than the widest), width and height from the file; SVG, missing files, images of
//! other sites and images narrower than the narrowest width keep the plain <img>. The
//! stubs of get_image_metadata and resize_image read the real files of the demo (static/).

use super::*;

/// The figure shortcode rendered as Zola would (its arguments are the context).
fn figure(config_text: &str, args: &[(&str, &str)]) -> String {
    let site = site(config_text, &demo_home());
    let tera = load_theme(&site);
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("lang", "en");
    for (k, v) in args {
        ctx.insert(*k, v);
    }
    tera.render("shortcodes/figure.html", &ctx)
        .unwrap_or_else(|e| panic!("figure renders: {}", error_chain(&e)))
}

fn with_extra(lines: &str) -> String {
    demo_config().replacen("\n[extra]\n", &format!("\n[extra]\n{lines}\n"), 1)
}

/// The (url, width) pairs of the page's first WebP <source>.
fn srcset(html: &str) -> Vec<(String, u32)> {
    let Some(start) = html.find(r#"<source srcset=""#) else {
        return vec![];
    };
    let rest = &html[start + r#"<source srcset=""#.len()..];
    rest[..rest.find('"').unwrap()]
        .split(", ")
        .map(|c| {
            let (url, w) = c.rsplit_once(' ').unwrap();
            (url.to_owned(), w.trim_end_matches('w').parse().unwrap())
        })
        .collect()
}

const HILLS: &str = "assets/img/hills.png";

#[test]
fn a_wide_image_gets_webp_copies_at_each_width_and_is_never_enlarged() {
    // hills.png is 1600 × 1000: copies at 480, 800 and 1400, none at 1600.
    let html = figure(
        &demo_config(),
        &[
            ("path", HILLS),
            ("class", "img-fluid rounded"),
            ("alt", "Hills"),
        ],
    );
    let base = "https://example.com/processed_images/hills.0000000000000000.webp";
    assert_eq!(
        srcset(&html),
        [480, 800, 1400].map(|w| (base.to_owned(), w)),
        "{html}"
    );
    assert!(
        html.starts_with(r#"<figure><picture><source srcset=""#),
        "{html}"
    );
    assert!(html.contains(r#" sizes="95vw" type="image/webp"><img src="https://example.com/assets/img/hills.png" class="img-fluid rounded" width="1600" height="1000" alt="Hills" loading="lazy"></picture></figure>"#), "{html}");
    // The figure's own sizes, and widths that stop below the image's: no copy wider.
    let html = figure(
        &with_extra("responsive_widths = [800, 480]\nresponsive_quality = 60"),
        &[("path", HILLS), ("sizes", "(min-width: 576px) 50vw, 95vw")],
    );
    let widths: Vec<u32> = srcset(&html).into_iter().map(|(_, w)| w).collect();
    assert_eq!(widths, [480, 800], "{html}");
    assert!(
        html.contains(r#"sizes="(min-width: 576px) 50vw, 95vw""#),
        "{html}"
    );
    // Widths wider than the image: copies below it, then one at its own width.
    let html = figure(
        &with_extra("responsive_widths = [480, 1800]"),
        &[("path", HILLS)],
    );
    let widths: Vec<u32> = srcset(&html).into_iter().map(|(_, w)| w).collect();
    assert_eq!(widths, [480, 1600], "{html}");
}

#[test]
fn the_profile_picture_is_a_picture_at_al_folios_sizes() {
    let html = render_home(&demo_config(), &demo_home());
    let profile = &html[html.find(r#"<div class="profile"#).unwrap()..];
    let profile = &profile[..profile.find("</figure>").unwrap()];
    // profile.jpeg is 480 × 600: one copy, at its own width.
    assert_eq!(
        srcset(profile),
        [(
            "https://example.com/processed_images/profile.0000000000000000.webp".to_owned(),
            480
        )],
        "{profile}"
    );
    assert!(
        profile.contains(r#"sizes="(min-width: 930px) 270.0px, (min-width: 576px) 30vw, 95vw""#),
        "{profile}"
    );
    assert!(profile.contains(r#"<img src="/assets/img/profile.jpeg" class="img-fluid z-depth-1 rounded" width="480" height="600" alt="#), "{profile}");
    // Off: the plain image as before, no size from the file.
    let html = render_home(&with_extra("responsive_images = false"), &demo_home());
    let profile = &html[html.find(r#"<div class="profile"#).unwrap()..];
    let profile = &profile[..profile.find("</figure>").unwrap()];
    assert!(
        !profile.contains("<picture>") && !profile.contains("width="),
        "{profile}"
    );
    // An image narrower than the narrowest width: no copies, but its size.
    let html = render_home(&with_extra("responsive_widths = [500, 900]"), &demo_home());
    let profile = &html[html.find(r#"<div class="profile"#).unwrap()..];
    let profile = &profile[..profile.find("</figure>").unwrap()];
    assert!(!profile.contains("<picture>"), "{profile}");
    assert!(profile.contains(r#"width="480" height="600""#), "{profile}");
}

#[test]
fn svg_missing_remote_and_odd_paths_keep_the_plain_image() {
    for path in [
        "assets/img/projects/sampling.svg",
        "assets/img/nowhere.jpg",
        "https://example.org/a.jpg",
        "//example.org/a.jpg",
        "assets/img/profile.jpeg?v=2",
        "../static/assets/img/profile.jpeg",
        "javascript:alert(1).jpg",
    ] {
        let html = figure(&demo_config(), &[("path", path)]);
        assert!(
            !html.contains("<picture>") && !html.contains("width="),
            "{path}: {html}"
        );
    }
    // A width given by the figure is kept, and the file's is not added.
    let html = figure(&demo_config(), &[("path", HILLS), ("width", "300")]);
    assert!(html.contains(r#"type="image/webp""#), "{html}");
    assert_eq!(html.matches(" width=").count(), 1, "{html}");
    assert!(html.contains(r#" width="300""#), "{html}");
}

#[test]
fn the_file_macro_names_what_zola_looks_for() {
    let site = site(&demo_config(), &demo_home());
    let mut tera = load_theme(&site);
    tera.add_raw_template(
        "t.html",
        r#"{%- import "macros/picture.html" as picture -%}{% for p in paths %}[{{ picture::file(path=p, config=config) }}|{{ picture::file(path=p, config=config, dir="/assets/img/pp/") }}]{% endfor %}"#,
    )
    .unwrap();
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert(
        "paths",
        &[
            "prof.jpg",
            "/assets/x.png",
            "img/y.png",
            " prof.jpg ",
            "HTTPS://a/b.jpg",
            "data:image/png;base64,AAAA",
            "a#b.jpg",
        ],
    );
    let out = tera.render("t.html", &ctx).unwrap();
    assert_eq!(
        out,
        "[assets/img/prof.jpg|assets/img/pp/prof.jpg][assets/x.png|assets/x.png][img/y.png|img/y.png][assets/img/prof.jpg|assets/img/pp/prof.jpg][|][|][|]"
    );
}

/// The zoom script (static/folio-zoom.js) only on a page whose content has a zoomable image.
#[test]
fn the_zoom_script_only_where_an_image_is_zoomable() {
    let site = site(&demo_config(), &demo_home());
    let render_page = |body: &str| {
        let page = page_value(
            "x.md",
            &format!("+++\ntitle = \"x\"\n+++\n{body}\n"),
            "https://example.com",
            "_index.md",
        );
        let mut ctx = Context::new();
        ctx.insert("config", &site.config);
        ctx.insert("current_url", &page["permalink"]);
        ctx.insert("current_path", &page["path"]);
        ctx.insert("zola_version", "0.22.1");
        ctx.insert("page", &page);
        ctx.insert("lang", "en");
        load_theme(&site)
            .render("page.html", &ctx)
            .unwrap_or_else(|e| panic!("page.html renders: {}", error_chain(&e)))
    };
    let script = r#"<script src="https://example.com/folio-zoom.js" defer></script>"#;
    let zoomable = render_page("<figure data-zoomable><img src=\"/a.png\" alt=\"A\"></figure>");
    assert_eq!(zoomable.matches(script).count(), 1, "{zoomable}");
    let plain = render_page("<figure><img src=\"/a.png\" alt=\"A\"></figure>");
    assert!(!plain.contains("folio-zoom"), "{plain}");
    assert!(theme_dir().join("static/folio-zoom.js").is_file());
}
