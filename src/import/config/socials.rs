//! Social links → `[extra.socials]`, in the order written, from wherever that version of
//! al-folio kept them (`_config.yml` in old versions, `_data/socials.yml` in new ones), custom
//! entries (`{ logo | icon, title, url }`) too; the X handle is also `twitter_site`.

use super::Build;
use crate::import::report::Report;
use crate::import::toml_out::{Table, Val, from_node};
use crate::import::yaml::Node;

/// al-folio's social keys (`_data/socials.yml`, formerly top-level in `_config.yml`).
pub const SOCIAL_KEYS: &[&str] = &[
    "academia_edu",
    "acm_id",
    "arxiv_id",
    "blogger_url",
    "bluesky_url",
    "cv_pdf",
    "dblp_url",
    "discord_id",
    "email",
    "facebook_id",
    "flickr_id",
    "github_username",
    "gitlab_username",
    "hal_id",
    "ieee_id",
    "inspirehep_id",
    "instagram_id",
    "kaggle_id",
    "keybase_username",
    "lastfm_id",
    "lattes_id",
    "leetcode_id",
    "letterboxd_id",
    "linkedin_username",
    "mastodon_username",
    "medium_username",
    "orcid_id",
    "osf_id",
    "pinterest_id",
    "publons_id",
    "quora_username",
    "research_gate_profile",
    "rss_icon",
    "scholar_userid",
    "scopus_id",
    "semanticscholar_id",
    "spotify_id",
    "stackoverflow_id",
    "strava_userid",
    "substack_username",
    "telegram_username",
    "unsplash_id",
    "wechat_qr",
    "wechat_username",
    "whatsapp_number",
    "wikidata_id",
    "wikipedia_id",
    "work_url",
    "x_username",
    "youtube_id",
    "zotero_username",
];

/// Old names of social keys.
const SOCIAL_ALIASES: &[(&str, &str)] = &[("twitter_username", "x_username")];

/// `[extra.socials]` and `twitter_site`.
pub(super) fn socials(b: &mut Build<'_, '_>) {
    let c = b.inputs.config;
    let file = b.inputs.config_file;
    let socials = b.extra.table("socials");
    let mut twitter = None;
    match b.inputs.socials {
        Some((node, socials_file)) => {
            for (key, value) in node.entries() {
                social(socials, key, value, socials_file, b.report, &mut twitter);
            }
        }
        None => {
            for (key, value) in c.entries() {
                let canonical = SOCIAL_ALIASES
                    .iter()
                    .find(|(old, _)| old == key)
                    .map_or(key.as_str(), |(_, new)| new);
                if SOCIAL_KEYS.contains(&canonical) {
                    social(socials, canonical, value, file, b.report, &mut twitter);
                }
            }
        }
    }
    if socials.is_empty() {
        b.extra.0.retain(|(k, _)| k != "socials");
    }
    if let Some(handle) = twitter {
        b.extra.set("twitter_site", Val::Str(handle));
    }
}

/// Whether `key` is a social key of `_config.yml` (or an old name of one).
pub(super) fn is_social_key(key: &str) -> bool {
    SOCIAL_KEYS.contains(&key) || SOCIAL_ALIASES.iter().any(|(old, _)| *old == key)
}

/// One social entry.
fn social(
    socials: &mut Table,
    key: &str,
    value: &Node,
    file: &str,
    report: &mut Report,
    twitter: &mut Option<String>,
) {
    match value {
        Node::Null => {}
        Node::Bool(false) => {}
        Node::Bool(true) => socials.set(key, Val::Bool(true)),
        Node::Map(_) if key == "academia_edu" => {
            let org = value.get("organization").and_then(Node::text);
            let user = value
                .get("username")
                .and_then(Node::text)
                .unwrap_or_default();
            if let Some(org) = org {
                let mut t = Table::new();
                t.set("title", Val::Str("Academia.edu".into()));
                t.set(
                    "url",
                    Val::Str(format!("https://{org}.academia.edu/{user}")),
                );
                t.set("icon", Val::Str("ai ai-academia".into()));
                socials.set(key, Val::Inline(t));
            }
        }
        Node::Map(_) => {
            // A custom entry: { logo | icon, title, url }.
            let Some(Val::Table(t)) = from_node(value) else {
                return;
            };
            if !t.contains("url") {
                report.attention(
                    file,
                    None,
                    format!("social entry `{key}` has no url: not imported"),
                );
                return;
            }
            let extra_keys: Vec<&str> =
                t.0.iter()
                    .map(|(k, _)| k.as_str())
                    .filter(|k| !["title", "url", "logo", "icon"].contains(k))
                    .collect();
            if !extra_keys.is_empty() {
                report.note(
                    file,
                    None,
                    format!(
                        "social entry `{key}`: {} kept but not used by the theme",
                        extra_keys.join(", ")
                    ),
                );
            }
            socials.set(key, Val::Inline(t));
        }
        other => {
            let Some(v) = other.text() else { return };
            if key == "x_username" {
                *twitter = Some(v.clone());
            }
            if !SOCIAL_KEYS.contains(&key) {
                report.attention(
                    file,
                    None,
                    format!("social key `{key}` is not one the theme knows: kept, but shows no icon (make it {{ title, url, icon }})"),
                );
            }
            socials.set(key, Val::Str(v));
        }
    }
}
