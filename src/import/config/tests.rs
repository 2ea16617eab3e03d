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
