//! Why a `_config.yml` key has no equivalent, for the report.

/// The reason listed in the report for a key no mapper reads.
pub(super) fn unmapped_reason(key: &str) -> &'static str {
    match key {
        "markdown"
        | "highlighter"
        | "kramdown"
        | "include"
        | "exclude"
        | "keep_files"
        | "plugins"
        | "gems"
        | "whitelist"
        | "defaults"
        | "sass"
        | "jekyll-minifier"
        | "terser"
        | "jekyll-archives"
        | "third_party_libraries"
        | "lsi"
        | "future"
        | "show_drafts"
        | "incremental"
        | "livereload"
        | "safe"
        | "source"
        | "destination"
        | "collections_dir"
        | "encoding"
        | "webrick"
        | "jekyll_get_json"
        | "liquid"
        | "strict_front_matter"
        | "compress_html"
        | "responsive_image"
        | "jekyll_tabs"
        | "exclude_from_localization"
        | "sitemap"
        | "feed"
        | "github"
        | "repository"
        | "jekyll-scholar"
        | "jekyll_pages_api_search"
        | "bundler"
        | "mathjax"
        | "webp"
        | "data_dir"
        | "layouts_dir"
        | "includes_dir"
        | "plugins_dir"
        | "port"
        | "host"
        | "baseurl_only" => "a Jekyll build setting: Zola needs none",
        "timezone" => "Zola reads dates as written (dates without offset are local times)",
        "cronitor_analytics"
        | "pirsch_analytics"
        | "openpanel_analytics"
        | "enable_cronitor_analytics"
        | "enable_pirsch_analytics"
        | "enable_openpanel_analytics"
        | "panelbear_analytics"
        | "enable_panelbear_analytics" => {
            "the folio theme's analytics are GoatCounter, Plausible, Umami and Google Analytics ([extra] in config.toml)"
        }
        "enable_giscus" => "giscus is on when [extra.giscus] has repo, repo_id and category_id",
        "search_enabled" | "socials_in_search" | "posts_in_search" | "bib_search" => {
            "the folio theme has no search"
        }
        "keywords" => "the folio theme writes no keywords meta tag",
        "navbar_fixed"
        | "footer_fixed"
        | "back_to_top"
        | "enable_progressbar"
        | "enable_tooltips"
        | "enable_medium_zoom"
        | "enable_masonry"
        | "enable_math"
        | "enable_video_embedding"
        | "enable_project_categories"
        | "lazy_loading_images"
        | "max_width"
        | "last_updated"
        | "impressum_path"
        | "enable_heading_anchors" => "no such option in the folio theme",
        "repo_theme_light" | "repo_theme_dark" | "repo_trophies" => {
            "the repositories page shows cards without al-folio's statistics images ([extra.repositories] stats_cards = true adds them)"
        }
        "related_blog_posts" | "display_tags" | "display_categories" | "external_sources"
        | "newsletter" => "no such blog option in the folio theme",
        "rss_icon" => "the RSS icon is the social entry rss_icon",
        _ => "the folio theme has no such option",
    }
}
