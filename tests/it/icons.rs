//! Tests of the icons pass through the real engine: every social network al-folio links resolves
//! to an inline SVG, the Font Awesome 4/5 spellings, what is kept and dropped, unknown names left
//! alone and reported once, verbatim elements, idempotence, and the theme's own icon classes.

use std::path::Path;

use folio::config::Config;
use folio::engine;
use folio::icons::Icon;

/// Rewrites `html` with only the icons pass on; returns the output and the warnings.
fn rewrite(html: &str) -> (String, Vec<String>) {
    let root = Path::new("/site/public");
    let mut config = Config::defaults_for(root);
    let f = &mut config.folio;
    (
        f.profile.enabled,
        f.news.enabled,
        f.emoji.enabled,
        f.links.enabled,
    ) = (false, false, false, false);
    assert!(f.icons.enabled, "the icons pass is on by default");
    let (out, warnings) =
        engine::rewrite_page(&config, root, &root.join("index.html"), html.as_bytes())
            .expect("rewrites");
    (String::from_utf8(out).unwrap(), warnings)
}

/// The SVG body the pass writes for `icon`.
fn paths(icon: Icon) -> String {
    icon.data.lines().map(str::trim).collect()
}

/// Asserts that `<i class="{classes}">` becomes exactly one inline SVG drawing `icon`.
#[track_caller]
fn assert_inlined(classes: &str, icon: Icon) {
    let (out, warnings) = rewrite(&format!(r#"<a href="/x"><i class="{classes}"></i></a>"#));
    assert!(warnings.is_empty(), "{classes}: {warnings:?}");
    assert!(
        out.starts_with(r#"<a href="/x"><svg class="icon"#),
        "{classes}: {out}"
    );
    assert!(out.ends_with("</svg></a>"), "{classes}: {out}");
    assert!(!out.contains("<i"), "{classes}: {out}");
    assert_eq!(out.matches("<svg").count(), 1, "{classes}: {out}");
    assert!(out.contains(&paths(icon)), "{classes}: wrong icon: {out}");
}

/// Every social network of al-folio (../shared/reference/al-folio.md), with the exact classes
/// al-folio writes: `_includes/social.liquid` of al-folio v0.x and the `jekyll-socials` gem of
/// al-folio v1 (`lib/jekyll-socials.rb`), where the two differ both.
#[test]
fn every_al_folio_social_network_resolves() {
    use icondata_fa as fa;
    use icondata_si as si;
    use icondata_tb as tb;
    let networks: &[(&str, &str, Icon)] = &[
        ("academia_edu", "ai ai-academia", si::SiAcademia),
        ("acm_id", "ai ai-acm", si::SiAcm),
        ("arxiv_id", "ai ai-arxiv", si::SiArxiv),
        (
            "blogger_url",
            "fa-brands fa-blogger-b",
            fa::FaBloggerBBrands,
        ),
        ("bluesky_url", "fa-brands fa-bluesky", fa::FaBlueskyBrands),
        ("cv_pdf", "ai ai-cv", tb::TbFileCvFilled),
        ("dblp_url", "ai ai-dblp", si::SiDblp),
        ("discord_id", "fa-brands fa-discord", fa::FaDiscordBrands),
        ("email", "fa-solid fa-envelope", fa::FaEnvelopeSolid),
        ("facebook_id", "fa-brands fa-facebook", fa::FaFacebookBrands),
        ("flickr_id", "fa-brands fa-flickr", fa::FaFlickrBrands),
        ("github_username", "fa-brands fa-github", fa::FaGithubBrands),
        ("gitlab_username", "fa-brands fa-gitlab", fa::FaGitlabBrands),
        ("hal_id", "ai ai-hal", si::SiHal),
        ("ieee_id", "ai ai-ieee", si::SiIeee),
        ("inspirehep_id", "ai ai-inspire", si::SiInspire),
        (
            "instagram_id",
            "fa-brands fa-instagram",
            fa::FaInstagramBrands,
        ),
        ("kaggle_id", "fa-brands fa-kaggle", fa::FaKaggleBrands),
        (
            "keybase_username",
            "fa-brands fa-keybase",
            fa::FaKeybaseBrands,
        ),
        ("lastfm_id", "fa-brands fa-lastfm", fa::FaLastfmBrands),
        ("lattes_id", "ai ai-lattes", fa::FaAddressCardSolid),
        ("leetcode_id", "si si-leetcode", si::SiLeetcode),
        (
            "letterboxd_id",
            "fa-brands fa-square-letterboxd",
            fa::FaSquareLetterboxdBrands,
        ),
        (
            "linkedin_username",
            "fa-brands fa-linkedin",
            fa::FaLinkedinBrands,
        ),
        (
            "mastodon_username",
            "fa-brands fa-mastodon",
            fa::FaMastodonBrands,
        ),
        ("medium_username", "fa-brands fa-medium", fa::FaMediumBrands),
        ("orcid_id", "ai ai-orcid", si::SiOrcid),
        ("osf_id", "ai ai-osf", si::SiOsf),
        (
            "pinterest_id",
            "fa-brands fa-pinterest",
            fa::FaPinterestBrands,
        ),
        ("publons_id", "ai ai-publons", si::SiPublons),
        ("quora_username", "fa-brands fa-quora", fa::FaQuoraBrands),
        (
            "research_gate_profile",
            "ai ai-researchgate",
            si::SiResearchgate,
        ),
        ("rss_icon", "fa-solid fa-square-rss", fa::FaSquareRssSolid),
        (
            "scholar_userid",
            "ai ai-google-scholar",
            si::SiGooglescholar,
        ),
        ("scopus_id", "ai ai-scopus", si::SiScopus),
        (
            "semanticscholar_id",
            "ai ai-semantic-scholar",
            si::SiSemanticscholar,
        ),
        ("spotify_id", "fa-brands fa-spotify", fa::FaSpotifyBrands),
        (
            "stackoverflow_id",
            "fa-brands fa-stack-overflow",
            fa::FaStackOverflowBrands,
        ),
        ("strava_userid", "fa-brands fa-strava", fa::FaStravaBrands),
        (
            "telegram_username",
            "fa-brands fa-telegram",
            fa::FaTelegramBrands,
        ),
        ("unsplash_id", "fa-brands fa-unsplash", fa::FaUnsplashBrands),
        ("wechat_qr", "fa-brands fa-weixin", fa::FaWeixinBrands),
        (
            "whatsapp_number",
            "fa-brands fa-whatsapp",
            fa::FaWhatsappBrands,
        ),
        ("wikidata_id", "fa-solid fa-barcode", fa::FaBarcodeSolid),
        (
            "wikipedia_id",
            "fa-brands fa-wikipedia-w",
            fa::FaWikipediaWBrands,
        ),
        ("work_url", "fa-solid fa-briefcase", fa::FaBriefcaseSolid),
        ("x_username", "fa-brands fa-x-twitter", fa::FaXTwitterBrands),
        ("youtube_id", "fa-brands fa-youtube", fa::FaYoutubeBrands),
        ("zotero_username (v0)", "ai ai-zotero", si::SiZotero),
        ("zotero_username (v1)", "fa-brands fa-zotero", si::SiZotero),
        // al-folio's navbar: search and the light/dark toggle (Tabler).
        ("search", "ti ti-search", tb::TbSearchOutline),
        ("theme: system", "ti ti-sun-moon", tb::TbSunMoonOutline),
        ("theme: dark", "ti ti-moon-filled", tb::TbMoonFilled),
        ("theme: light", "ti ti-sun-filled", tb::TbSunFilled),
    ];
    for (network, classes, icon) in networks {
        eprintln!("{network}: {classes}");
        assert_inlined(classes, icon);
    }
}

/// al-folio v1 writes Substack as an inline SVG already: not an `<i>`, left as it is.
#[test]
fn substack_svg_is_left_alone() {
    let html = r#"<a href="https://x.substack.com"><svg class='substack-icon' role='img' viewBox='0 0 24 24' fill='currentColor'><path d='M22.539 8.242H1.46V5.406h21.08v2.836z'/></svg></a>"#;
    assert_eq!(rewrite(html), (html.to_owned(), vec![]));
}

#[test]
fn font_awesome_5_and_4_spellings() {
    use icondata_fa as fa;
    assert_inlined("fas fa-envelope", fa::FaEnvelopeSolid);
    assert_inlined("far fa-envelope", fa::FaEnvelopeRegular);
    assert_inlined("fab fa-github", fa::FaGithubBrands);
    assert_inlined("fa-regular fa-envelope", fa::FaEnvelopeRegular);
    // Font Awesome 5 names that Font Awesome 6 renamed.
    assert_inlined("fas fa-rss-square", fa::FaSquareRssSolid);
    assert_inlined("fas fa-external-link-alt", fa::FaUpRightFromSquareSolid);
    assert_inlined("fab fa-twitter-square", fa::FaSquareTwitterBrands);
    // Font Awesome 4: `fa` alone, read through Font Awesome 6's v4 shims.
    assert_inlined("fa fa-envelope", fa::FaEnvelopeSolid);
    assert_inlined("fa fa-envelope-o", fa::FaEnvelopeRegular);
    assert_inlined("fa fa-github", fa::FaGithubBrands);
    assert_inlined("fa fa-linkedin-square", fa::FaLinkedinBrands);
    assert_inlined("fa fa-file-pdf-o", fa::FaFilePdfRegular);
    // Extra style classes of the default family go too.
    assert_inlined("fa fa-solid fa-classic fa-envelope", fa::FaEnvelopeSolid);
    // The same icon whatever the spelling.
    assert_eq!(
        rewrite(r#"<i class="fas fa-envelope"></i>"#),
        rewrite(r#"<i class="fa-solid fa-envelope"></i>"#)
    );
}

#[test]
fn academicons_square_and_sizes() {
    assert_inlined("ai ai-orcid-square ai-2x", icondata_si::SiOrcid);
    let (out, _) = rewrite(r#"<i class="ai ai-google-scholar ai-2x"></i>"#);
    assert!(out.starts_with(r#"<svg class="icon ai-2x" "#), "{out}");
}

#[test]
fn tabler_outline_and_filled() {
    let (out, _) = rewrite(r#"<i class="ti ti-sun" id="light-toggle-light"></i>"#);
    assert!(
        out.starts_with(
            r#"<svg class="icon" id="light-toggle-light" aria-hidden="true" focusable="false" width="1em" height="1em" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path "#
        ),
        "{out}"
    );
    let (out, _) = rewrite(r#"<i class="ti ti-moon-filled"></i>"#);
    assert!(
        out.starts_with(
            r#"<svg class="icon" aria-hidden="true" focusable="false" width="1em" height="1em" viewBox="0 0 24 24" fill="currentColor"><path "#
        ),
        "{out}"
    );
}

#[test]
fn other_classes_and_attributes_are_kept() {
    let (out, warnings) = rewrite(
        r#"<i class="fa-brands fa-github fa-2x  me-2" id="gh" title="My &quot;GitHub&quot; &amp; more" style="color: red" data-x='say "hi"' aria-hidden="true" width="9"></i>"#,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let head = &out[..out.find('>').unwrap() + 1];
    assert_eq!(
        head,
        r#"<svg class="icon fa-2x me-2" id="gh" title="My &quot;GitHub&quot; &amp; more" style="color: red" data-x="say &quot;hi&quot;" aria-hidden="true" focusable="false" width="0.969em" height="1em" viewBox="0 0 496 512" fill="currentColor">"#
    );
}

#[test]
fn a_labelled_icon_stays_visible_to_screen_readers() {
    let (out, _) = rewrite(r#"<i class="fa-solid fa-envelope" aria-label="E-mail"></i>"#);
    assert!(
        out.starts_with(r#"<svg class="icon" aria-label="E-mail" role="img" focusable="false""#),
        "{out}"
    );
    let (out, _) =
        rewrite(r#"<i class="fa-solid fa-envelope" role="img" aria-label="E-mail"></i>"#);
    assert!(
        out.starts_with(r#"<svg class="icon" role="img" aria-label="E-mail" focusable="false""#),
        "{out}"
    );
}

#[test]
fn content_of_the_i_is_kept_after_the_svg() {
    let (out, _) = rewrite(
        r#"<a href="/"><i class="fa fa-github"><span class="sr-only">GitHub</span></i> me</a>"#,
    );
    assert!(
        out.starts_with(r#"<a href="/"><svg class="icon" "#)
            && out.ends_with(r#"</svg><span class="sr-only">GitHub</span> me</a>"#),
        "{out}"
    );
}

#[test]
fn wide_icons_keep_their_proportions() {
    let (out, _) = rewrite(r#"<i class="fa-brands fa-wikipedia-w"></i>"#);
    assert!(
        out.contains(r#" width="1.25em" height="1em" viewBox="0 0 640 512""#),
        "{out}"
    );
}

#[test]
fn unknown_names_are_left_exactly_and_reported_once_per_name() {
    let html = concat!(
        r#"<p><i class="fa-brands fa-no-such-icon fa-2x" title="x"></i>"#,
        r#"<i class="fa-brands fa-no-such-icon"></i>"#,
        r#"<i class="ai ai-no-such-academicon"></i>"#,
        r#"<i class="ti ti-no-such-tabler"></i>"#,
        r#"<i class="fa-solid fa-github"></i></p>"#,
    );
    let (out, warnings) = rewrite(html);
    assert_eq!(out, html);
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    for name in [
        "fa-no-such-icon",
        "ai-no-such-academicon",
        "ti-no-such-tabler",
        "fa-github",
    ] {
        assert_eq!(
            warnings.iter().filter(|w| w.contains(name)).count(),
            1,
            "{warnings:#?}"
        );
    }
    assert!(
        warnings[0].contains(r#"class="fa-brands fa-no-such-icon""#),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[3].contains("but there is `fa-brands`"),
        "{}",
        warnings[3]
    );
}

#[test]
fn font_awesome_pro_styles_are_left_and_reported() {
    let html = r#"<i class="fa-light fa-envelope"></i><i class="fa-sharp fa-solid fa-house"></i><i class="fad fa-camera"></i><i class="fa-light fa-user"></i>"#;
    let (out, warnings) = rewrite(html);
    assert_eq!(out, html);
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings.iter().all(|w| w.contains("Font Awesome Pro")),
        "{warnings:#?}"
    );
}

#[test]
fn what_is_not_an_icon_is_left_alone() {
    let html = concat!(
        "<i>emphasis</i> <i class=\"\"></i> <i class=\"note\">x</i> <i class=\"fa\"></i> ",
        "<i class=\"fa fa-2x fa-fw\"></i> <i class=\"ai\"></i> <i class=\"fa-2x\"></i> ",
        "<i class=\"tilde ti\"></i> <span class=\"fa-brands fa-github\"></span> ",
        "<I CLASS=\"fa-brands fa-GitHub\"></I>",
    );
    let (out, warnings) = rewrite(html);
    assert_eq!(out, html);
    // `fa-GitHub` is no icon name: Font Awesome's classes are lower-case.
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].contains("fa-GitHub"), "{warnings:#?}");
}

#[test]
fn icons_in_verbatim_elements_stay_as_written() {
    let html = concat!(
        r#"<pre><i class="fa-brands fa-github"></i></pre>"#,
        r#"<p><code><i class="fa-brands fa-github"></i></code></p>"#,
        r#"<template><i class="fa-brands fa-github"></i></template>"#,
        r#"<svg><i class="fa-brands fa-github"></i></svg>"#,
        r#"<textarea><i class="fa-brands fa-github"></i></textarea>"#,
        r#"<script>document.write('<i class="fa-brands fa-github"></i>')</script>"#,
        r#"<p>&lt;i class="fa-brands fa-github"&gt;&lt;/i&gt;</p>"#,
        r#"<p title='<i class="fa-brands fa-github"></i>'>x</p>"#,
    );
    assert_eq!(rewrite(html), (html.to_owned(), vec![]));
}

#[test]
fn minified_html_and_nesting() {
    let (out, _) = rewrite(
        r#"<p><a href=/a><i class="fab fa-github"></i></a><a href=/b><i class="fa-solid fa-envelope"><i class="ti ti-sun"></i></i></a><p><i class=ti></i>"#,
    );
    assert!(!out.contains("<i class=\""), "{out}");
    assert!(out.ends_with("</svg></a><p><i class=ti></i>"), "{out}");
    assert_eq!(out.matches("<svg").count(), 3, "{out}");
}

#[test]
fn a_second_run_changes_nothing() {
    let page = include_str!("../pages/icons.html");
    let (once, _) = rewrite(page);
    assert_ne!(once, page);
    let (twice, warnings) = rewrite(&once);
    assert_eq!(twice, once);
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn icons_page() {
    let (out, warnings) = rewrite(include_str!("../pages/icons.html"));
    assert!(warnings.is_empty(), "{warnings:#?}");
    insta::assert_snapshot!("icons_page", out);
}

/// Every icon class the theme writes literally (`icon="…"` arguments and `<i class="…">` in
/// theme/templates) is an icon the pass knows: a typo there would leave a blank in every site.
#[test]
fn every_icon_class_in_the_theme_resolves() {
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("theme/templates");
    if !templates.exists() {
        return;
    }
    let mut classes = vec![];
    for entry in walkdir::WalkDir::new(&templates) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for marker in ["icon=\"", "<i class=\""] {
            for (at, _) in text.match_indices(marker) {
                let value = &text[at + marker.len()..];
                let value = &value[..value.find('"').unwrap()];
                let family = value.split_ascii_whitespace().any(|c| {
                    folio::icons::Family::from_class(c).is_some()
                        || c.starts_with("fa-solid")
                        || c.starts_with("fa-brands")
                });
                if family && !value.contains(['{', '.', '/']) {
                    classes.push((entry.path().display().to_string(), value.to_owned()));
                }
            }
        }
    }
    assert!(!classes.is_empty(), "the theme writes icons");
    for (file, class) in classes {
        let (out, warnings) = rewrite(&format!(r#"<i class="{class}"></i>"#));
        assert!(
            out.starts_with("<svg") && warnings.is_empty(),
            "{file}: {class}: {warnings:?}"
        );
    }
}

/// The icon classes the theme writes as inline SVG: those its social links name (`icon="…"` in
/// its templates), the e-mail link's, a custom entry's default and the navbar's; sorted.
fn theme_social_icons() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("theme/templates");
    let re = regex::Regex::new(r#"icon="([a-z][a-z0-9 -]*)""#).unwrap();
    let mut out = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(&root).into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "html") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            for c in re.captures_iter(&text) {
                out.insert(c[1].to_string());
            }
        }
    }
    // The e-mail link's, a custom entry's default, and the navbar's (search, theme toggle).
    for icon in [
        "fa-solid fa-envelope",
        "fa-solid fa-link",
        "ti ti-search",
        "ti ti-search search-form-icon",
        "ti ti-sun-moon",
        "ti ti-sun",
        "ti ti-moon-stars",
    ] {
        out.insert(icon.into());
    }
    out.into_iter().collect()
}

/// `theme/templates/macros/icons.html` writes, for each icon the theme's social links name, the
/// very SVG this pass writes for its `<i>`: the icons show after `zola build` alone, and
/// `folio rewrite` leaves them as they are (`FOLIO_BLESS=1` regenerates the file).
#[test]
fn the_themes_inline_social_icons_are_the_passes_own_svg() {
    let icons = theme_social_icons();
    assert!(icons.len() > 40, "{icons:?}");
    let mut file = String::from(
        "{#- The inline SVG of every icon the theme's social links and navbar name, so that they show after\n    `zola build` alone. Generated from folio's icons pass (the same SVG `folio rewrite` writes\n    for an <i class=\"ICON\">): `FOLIO_BLESS=1 cargo test --test it icons::` rewrites it.\n    svg(icon) gives \"\" for an icon not listed here (the caller writes the <i> for folio). -#}\n{% macro svg(icon) -%}\n",
    );
    for (i, icon) in icons.iter().enumerate() {
        let (out, warnings) = rewrite(&format!(r#"<i class="{icon}"></i>"#));
        assert!(warnings.is_empty(), "{icon}: {warnings:?}");
        assert!(
            out.starts_with("<svg class=\"icon") && out.ends_with("</svg>"),
            "{icon}: {out}"
        );
        let (again, _) = rewrite(&out);
        assert_eq!(again, out, "{icon}: the pass leaves its own SVG alone");
        let kw = if i == 0 { "if" } else { "elif" };
        file.push_str(&format!("{{%- {kw} icon == \"{icon}\" -%}}\n{out}\n"));
    }
    file.push_str("{%- endif -%}\n{%- endmacro svg %}\n");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("theme/templates/macros/icons.html");
    if std::env::var_os("FOLIO_BLESS").is_some() {
        std::fs::write(&path, &file).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == file,
        "theme/templates/macros/icons.html is not the icons pass's SVG: run with FOLIO_BLESS=1"
    );
}
