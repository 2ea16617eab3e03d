//! The config builder's unit tests.

use super::top::language;
use super::*;
use crate::import::yaml;

static NO_FILES: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(Default::default);

fn inputs<'a>(config: &'a Node, socials: Option<(&'a Node, &'a str)>) -> Inputs<'a> {
    Inputs {
        config,
        config_file: "_config.yml",
        socials,
        coauthors: None,
        venues: None,
        bibliography: Some("bibliography/papers.bib".into()),
        favicon: None,
        fallback_title: None,
        base_url: "https://me.github.io".into(),
        static_files: &NO_FILES,
        news_dir: "news".into(),
        blog_dir: "blog".into(),
        header_blog: None,
        header_nav: None,
        header_home: None,
    }
}

#[test]
fn old_style_socials_in_config_keep_their_order() {
    let config = yaml::parse(
        "title: blank\nfirst_name: Albert\nmiddle_name:\nlast_name: Einstein\nemail: a@b.org\ngithub_username: ae\ntwitter_username: albert\nscholar_userid: qc6CJjYAAAAJ\nrss_icon: false\ngoogle_analytics: UA-1\nscholar:\n  last_name: Einstein\n  first_name: [Albert, A.]\n  style: apa\nnews_limit: 5\n",
        1,
    )
    .unwrap()
    .node;
    let mut report = Report::default();
    let text = build(&inputs(&config, None), &Found::default(), &mut report);
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(parsed["title"].as_str(), Some("blank"));
    assert_eq!(parsed["author"].as_str(), Some("Albert Einstein"));
    assert_eq!(parsed["extra"]["middle_name"].as_str(), Some(""));
    let email = text.find("email = ").unwrap();
    let github = text.find("github_username").unwrap();
    let x = text.find("x_username").unwrap();
    let scholar = text.find("scholar_userid").unwrap();
    assert!(email < github && github < x && x < scholar, "{text}");
    assert!(!text.contains("rss_icon"), "{text}");
    assert_eq!(parsed["extra"]["twitter_site"].as_str(), Some("albert"));
    assert_eq!(
        parsed["extra"]["scholar"]["last_name"].as_array().unwrap()[0].as_str(),
        Some("Einstein")
    );
    assert_eq!(
        parsed["extra"]["announcements"]["limit"].as_integer(),
        Some(5)
    );
    let unmapped: Vec<&str> = report
        .config_unmapped
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(unmapped, vec!["scholar.style", "google_analytics"]);
}

#[test]
fn languages() {
    assert_eq!(language("en").as_deref(), Some("en"));
    assert_eq!(language("en, zh_CN").as_deref(), Some("en"));
    assert_eq!(language("zh_CN").as_deref(), Some("zh-CN"));
    assert_eq!(language("english"), None);
    assert_eq!(language("e1"), None);
}

#[test]
fn new_style_socials_file_with_custom_entries() {
    let config = yaml::parse("title: Jane Doe\nurl: https://jane.dev\n", 1)
        .unwrap()
        .node;
    let socials = yaml::parse(
        "email: jane@x.org\nacademia_edu:\n  organization: princeton\n  username: Jane\ncustom_social:\n  logo: https://x.org/logo.png\n  title: Custom\n  url: https://x.org/\n  width: 40px\norcid_id: 0000-0002-1825-0097\nscopus_id: 57908475500\nrss_icon: true\n",
        1,
    )
    .unwrap()
    .node;
    let mut report = Report::default();
    let text = build(
        &inputs(&config, Some((&socials, "_data/socials.yml"))),
        &Found::default(),
        &mut report,
    );
    let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let s = &parsed["extra"]["socials"];
    assert_eq!(
        s["academia_edu"]["url"].as_str(),
        Some("https://princeton.academia.edu/Jane")
    );
    assert_eq!(
        s["custom_social"]["logo"].as_str(),
        Some("https://x.org/logo.png")
    );
    assert_eq!(s["scopus_id"].as_str(), Some("57908475500"));
    assert_eq!(s["rss_icon"].as_bool(), Some(true));
    let order: Vec<usize> = [
        "email =",
        "academia_edu =",
        "custom_social =",
        "orcid_id =",
        "rss_icon =",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
}

/// al-folio's comments, analytics, verification and meta switches become the theme's keys.
#[test]
fn services_and_meta_switches() {
    let config = yaml::parse(
        "title: T\nserve_og_meta: false\nserve_schema_org: true\ngoogle_analytics: G-ABC123XYZ9\ncronitor_analytics:\npirsch_analytics: abc\ngoogle_site_verification: gsv-123\nbing_site_verification: bing-456\ngiscus:\n  repo: jane/site\n  repo_id: R_kgDOAbc\n  category: Comments\n  category_id: DIC_kwDOAbc\n  mapping: title\n  strict: 0\n  reactions_enabled: 1\n  input_position: bottom\n  theme: preferred_color_scheme\n  emit_metadata: 0\n  lang: en\ndisqus_shortname: al-folio\nenable_google_analytics: true\nenable_cookie_consent: true\nenable_google_verification: true\nenable_bing_verification: false\ngoatcounter_code: MySite\n",
        1,
    )
    .unwrap()
    .node;
    let mut report = Report::default();
    let text = build(&inputs(&config, None), &Found::default(), &mut report);
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    let extra = parsed["extra"].as_table().unwrap();
    let s = |k: &str| extra.get(k).and_then(toml::Value::as_str);
    let b = |k: &str| extra.get(k).and_then(toml::Value::as_bool);
    assert_eq!(b("serve_og_meta"), Some(false));
    assert_eq!(b("serve_schema_org"), Some(true));
    assert_eq!(s("google_analytics"), Some("G-ABC123XYZ9"));
    assert_eq!(b("enable_cookie_consent"), Some(true));
    assert_eq!(s("google_site_verification"), Some("gsv-123"));
    assert_eq!(s("bing_site_verification"), None, "switched off");
    assert_eq!(s("goatcounter_code"), Some("mysite"));
    // al-folio's example Disqus forum is not carried over.
    assert_eq!(s("disqus_shortname"), None);
    // Comments only where a post asks (al-folio's giscus_comments: true).
    assert_eq!(b("comments_on_posts"), Some(false));
    let g = extra["giscus"].as_table().unwrap();
    assert_eq!(g["repo"].as_str(), Some("jane/site"));
    assert_eq!(g["repo_id"].as_str(), Some("R_kgDOAbc"));
    assert_eq!(g["category"].as_str(), Some("Comments"));
    assert_eq!(g["category_id"].as_str(), Some("DIC_kwDOAbc"));
    assert_eq!(g["mapping"].as_str(), Some("title"));
    assert_eq!(g["strict"].as_bool(), Some(false), "0 is off");
    assert_eq!(g["reactions_enabled"].as_bool(), Some(true));
    assert_eq!(g["emit_metadata"].as_bool(), Some(false));
    assert_eq!(g["input_position"].as_str(), Some("bottom"));
    assert_eq!(g["lang"].as_str(), Some("en"));
    assert!(!g.contains_key("theme"), "{text}");
    let unmapped: Vec<&str> = report
        .config_unmapped
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(
        unmapped,
        vec!["giscus.theme", "disqus_shortname", "pirsch_analytics"],
        "{:?}",
        report.config_unmapped
    );
    let why = |k: &str| {
        report
            .config_unmapped
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, w)| w.clone())
            .unwrap()
    };
    assert!(why("disqus_shortname").contains("example"));
    assert!(why("pirsch_analytics").contains("GoatCounter, Plausible, Umami"));
}

#[test]
fn retired_or_malformed_service_ids_are_reported_not_written() {
    let config = yaml::parse(
        "title: T\ngoogle_analytics: UA-12345-6\ndisqus_shortname: \"my forum\"\ngiscus:\n  repo: not a repo\n  repo_id:\ngoatcounter_code: a.b\n",
        1,
    )
    .unwrap()
    .node;
    let mut report = Report::default();
    let text = build(&inputs(&config, None), &Found::default(), &mut report);
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    let extra = parsed["extra"].as_table().unwrap();
    for key in [
        "google_analytics",
        "disqus_shortname",
        "giscus",
        "goatcounter_code",
        "comments_on_posts",
    ] {
        assert!(!extra.contains_key(key), "{key}: {text}");
    }
    let unmapped: Vec<&str> = report
        .config_unmapped
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(
        unmapped,
        vec![
            "giscus.repo",
            "disqus_shortname",
            "google_analytics",
            "goatcounter_code"
        ]
    );
    assert!(report.config_unmapped[2].1.contains("GA4"));
    // A real forum, and giscus without its ids: written, and the missing ids said.
    let config = yaml::parse(
        "title: T\ndisqus_shortname: my-forum\ngiscus:\n  repo: jane/site\n  category: Comments\nenable_google_analytics: false\ngoogle_analytics: G-ABC123XYZ9\n",
        1,
    )
    .unwrap()
    .node;
    let mut report = Report::default();
    let text = build(&inputs(&config, None), &Found::default(), &mut report);
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    let extra = parsed["extra"].as_table().unwrap();
    assert_eq!(extra["disqus_shortname"].as_str(), Some("my-forum"));
    assert_eq!(extra["giscus"]["repo"].as_str(), Some("jane/site"));
    assert_eq!(extra["giscus"]["repo_id"].as_str(), Some(""));
    assert!(!extra.contains_key("google_analytics"), "switched off");
    assert_eq!(
        report.config_unmapped.len(),
        1,
        "{:?}",
        report.config_unmapped
    );
    assert!(
        report.config_unmapped[0]
            .1
            .contains("repo_id and category_id")
    );
}

#[test]
fn imagemagick_becomes_the_responsive_image_options() {
    let parse = |y: &str| yaml::parse(y, 1).unwrap().node;
    let built = |config: &Node| {
        let mut report = Report::default();
        let text = build(&inputs(config, None), &Found::default(), &mut report);
        let unmapped = report
            .config_unmapped
            .iter()
            .any(|(k, _)| k == "imagemagick");
        (toml::from_str::<toml::Table>(&text).unwrap(), unmapped)
    };
    let (on, unmapped) = built(&parse(
        "title: x\nimagemagick:\n  enabled: true\n  widths:\n    - 480\n    - 800\n    - \"big\"\n    - 1400\n  input_directories: [assets/img/]\n",
    ));
    assert!(!unmapped);
    assert!(on["extra"].get("responsive_images").is_none(), "{on:?}");
    let widths: Vec<i64> = on["extra"]["responsive_widths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_integer().unwrap())
        .collect();
    assert_eq!(widths, [480, 800, 1400]);
    let (off, _) = built(&parse("title: x\nimagemagick:\n  enabled: false\n"));
    assert_eq!(off["extra"]["responsive_images"].as_bool(), Some(false));
    assert!(off["extra"].get("responsive_widths").is_none());
}
