//! The rewriter's options: `[extra.folio]`, one table per pass (see [`FolioConfig`]), read by
//! serde into one typed struct per pass.

use std::fmt;

use serde::Deserialize;

/// `[extra.folio]`: one table per pass, each with `enabled`. On a site whose theme is not folio,
/// `name = true|false` is short for `[extra.folio.name] enabled = true|false`; on a folio site
/// Zola refuses it (theme.toml has the table), and so does [`super::merge_theme_extra`]. The
/// fields are the pass table's names (`crate::passes::TABLE`; a test keeps the two in step).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FolioConfig {
    #[serde(deserialize_with = "table_or_bool")]
    pub profile: ProfileOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub news: NewsOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub emoji: EmojiOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub links: LinksOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub icons: IconsOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub highlight: HighlightOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub math: MathOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub css: CssOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub bibtex: BibtexOptions,
    #[serde(deserialize_with = "table_or_bool")]
    pub search: SearchOptions,
}

/// A pass's options, which a bare `true` or `false` can stand for.
trait Switch: Default {
    fn set_enabled(&mut self, on: bool);
}

macro_rules! switch {
    ($($t:ty),*) => {$(
        impl Switch for $t {
            fn set_enabled(&mut self, on: bool) {
                self.enabled = on;
            }
        }
    )*};
}
switch!(
    ProfileOptions,
    NewsOptions,
    EmojiOptions,
    LinksOptions,
    IconsOptions,
    HighlightOptions,
    CssOptions,
    BibtexOptions,
    SearchOptions
);

/// `math = true` is `[extra.folio.math] enabled = true`, which says nothing of `everywhere`:
/// math on every page, as it always meant (see [`MathOptions::legacy_everywhere`]).
impl Switch for MathOptions {
    fn set_enabled(&mut self, on: bool) {
        *self = MathFile {
            enabled: Some(on),
            everywhere: None,
        }
        .into();
    }
}

/// A pass's table, or a boolean for its `enabled` with the other options at their defaults.
/// The table goes to the options' own `Deserialize`, so its errors and unknown keys are
/// reported as for any table.
fn table_or_bool<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Switch + Deserialize<'de>,
{
    struct Visitor<T>(std::marker::PhantomData<T>);
    impl<'de, T: Switch + Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table of options, or true / false")
        }
        fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<T, E> {
            let mut options = T::default();
            options.set_enabled(on);
            Ok(options)
        }
        fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
            T::deserialize(serde::de::value::MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(Visitor(std::marker::PhantomData))
}

/// `[extra.folio.profile]`: the about page's profile picture.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct ProfileOptions {
    pub enabled: bool,
    /// Alignment used when the markup says nothing: "left" or "right" (anything else is right).
    pub align: String,
    /// Crop the picture to a circle when the markup says nothing.
    pub circular: bool,
}

impl Default for ProfileOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            align: "right".into(),
            circular: false,
        }
    }
}

/// `[extra.folio.news]`: the Markdown news list on a page.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct NewsOptions {
    pub enabled: bool,
    /// Ids of the headings whose following list is the news list.
    pub heading_ids: Vec<String>,
    /// Items shown before the rest fold into "older news" (none: show all).
    pub limit: Option<usize>,
    /// Cap the list's height and let it scroll.
    pub scrollable: bool,
}

impl Default for NewsOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            heading_ids: vec!["news".into()],
            limit: None,
            scrollable: false,
        }
    }
}

/// `[extra.folio.emoji]`: GitHub emoji shortcodes (`:fire:`) in text.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct EmojiOptions {
    pub enabled: bool,
}

impl Default for EmojiOptions {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// `[extra.folio.links]`: e-mail links and links to other sites.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct LinksOptions {
    pub enabled: bool,
    /// Open links to other sites in a new tab (al-folio's behaviour).
    pub external_links_new_tab: bool,
}

impl Default for LinksOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            external_links_new_tab: true,
        }
    }
}

/// `[extra.folio.icons]`: `<i class="fa-…">` and friends to inline SVG.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct IconsOptions {
    pub enabled: bool,
}

impl Default for IconsOptions {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// `[extra.folio.highlight]`: `<pre><code data-lang="x">` (and `class="language-x"`) blocks
/// highlighted at build time with class-based spans and one light/dark stylesheet.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct HighlightOptions {
    pub enabled: bool,
    /// Colours in the light palette: a theme name from syntect/bat (e.g. "GitHub",
    /// "InspiredGitHub", "OneHalfLight", "Solarized (light)").
    pub light_theme: String,
    /// Colours in the dark palette (e.g. "OneHalfDark", "Monokai Extended", "Nord", "Dracula").
    pub dark_theme: String,
    /// The stylesheet written into the output for pages with code, as a path below its root.
    pub stylesheet: String,
    /// Token colours below this WCAG contrast ratio against the theme's background are darkened
    /// (light) or lightened (dark) until they reach it; 0 keeps the theme's colours as they are.
    pub min_contrast: f64,
    /// Keep highlighted blocks in a cache so that unchanged code is not highlighted again.
    pub cache: bool,
    /// Where the cache lives, relative to the site's directory (beside the output, never in it).
    pub cache_dir: String,
}

impl Default for HighlightOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            light_theme: "GitHub".into(),
            dark_theme: "OneHalfDark".into(),
            stylesheet: "folio-highlight.css".into(),
            min_contrast: 4.5,
            cache: true,
            cache_dir: ".folio-cache".into(),
        }
    }
}

/// `[extra.folio.math]`: `$…$`, `$$…$$`, `\(…\)` and `\[…\]` in text to MathML.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "MathFile")]
pub struct MathOptions {
    pub enabled: bool,
    /// Render math on every page. When false, only inside elements that carry a `data-math`
    /// attribute (the folio theme writes it on `<body>` for pages with `extra.math = true`);
    /// `data-math="false"` turns it off inside an element either way.
    pub everywhere: bool,
    /// The table said `enabled = true` and nothing of `everywhere`: what folio before 0.2 read
    /// as "math on every page", which it still means (with a warning to write `everywhere`).
    #[serde(skip)]
    pub legacy_everywhere: bool,
}

impl Default for MathOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            everywhere: false,
            legacy_everywhere: false,
        }
    }
}

/// `[extra.folio.math]` as written.
#[derive(Deserialize, Default)]
#[serde(default)]
struct MathFile {
    enabled: Option<bool>,
    everywhere: Option<bool>,
}

impl From<MathFile> for MathOptions {
    fn from(file: MathFile) -> Self {
        let legacy_everywhere = file.enabled == Some(true) && file.everywhere.is_none();
        Self {
            enabled: file.enabled.unwrap_or(true),
            everywhere: file.everywhere.unwrap_or(legacy_everywhere),
            legacy_everywhere,
        }
    }
}

/// `[extra.folio.css]`: every stylesheet in the output minified, prefixed and fingerprinted.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct CssOptions {
    pub enabled: bool,
    /// The browsers to prefix and lower CSS for, as browserslist queries.
    pub targets: Vec<String>,
    /// Write each stylesheet under a content-hash name, point `<link rel="stylesheet|preload">`
    /// at it with an `integrity` attribute, and remove the old name once nothing refers to it.
    /// When false, stylesheets are minified in place and links are left alone.
    pub fingerprint: bool,
}

impl Default for CssOptions {
    fn default() -> Self {
        Self {
            enabled: true,
            // The browsers of the last few years; all of them have `:has()`, which the
            // highlight stylesheet uses for the background of highlighted blocks.
            targets: vec![
                "chrome >= 109".into(),
                "edge >= 109".into(),
                "firefox >= 121".into(),
                "safari >= 15.6".into(),
                "ios_saf >= 15.6".into(),
            ],
            fingerprint: true,
        }
    }
}

/// `[extra.folio.bibtex]`: TeX in the publications' BibTeX values (`span.bib-tex`) to text.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct BibtexOptions {
    pub enabled: bool,
}

impl Default for BibtexOptions {
    fn default() -> Self {
        Self { enabled: true }
    }
}

/// `[extra.folio.search]`: the site search index (Pagefind) of the finished pages. Off unless
/// the site says so; the folio theme's theme.toml turns it on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchOptions {
    pub enabled: bool,
}

impl FolioConfig {
    /// The tables of `[extra.folio]`, as serde knows the fields (for messages; no list to keep).
    pub fn tables() -> &'static [&'static str] {
        static FIELDS: std::sync::OnceLock<&'static [&'static str]> = std::sync::OnceLock::new();
        FIELDS.get_or_init(|| {
            let mut fields: &'static [&'static str] = &[];
            let _ = FolioConfig::deserialize(FieldNames(&mut fields));
            fields
        })
    }
}

/// A deserializer that only records the field names a struct asks for (serde passes them to
/// `deserialize_struct`), then stops.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> serde::Deserializer<'de> for FieldNames<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("field names only"))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(serde::de::Error::custom("field names only"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}
