//! profile: the about page's profile picture, al-folio style.
//!
//! In a `.profile` block the alignment (`float-left` / `float-right`) and the circular crop
//! (`rounded-circle`) reach the markup even where the HTML carries them only as `data-align` /
//! `data-circular` attributes or not at all (then `[extra.folio.profile]` decides). The image gets
//! its real `width` and `height` from the file in the output directory (no layout shift), eager
//! high-priority loading, async decoding, and an alt text naming the site's author where it would
//! otherwise be empty or a file name.

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, Selector};

use super::{Handlers, Page, Pass};
use crate::config::Config;
use crate::html::selector;
use crate::url::local_file;

pub struct ProfilePass {
    profile: Selector,
    image: Selector,
    default_right: bool,
    default_circular: bool,
}

impl ProfilePass {
    pub fn new(config: &Config) -> Self {
        let options = &config.folio.profile;
        Self {
            profile: selector(".profile"),
            image: selector(".profile img"),
            default_right: options.align != "left",
            default_circular: options.circular,
        }
    }
}

impl Pass for ProfilePass {
    fn register<'h>(&'h self, page: &'h Page<'h>, handlers: &mut Handlers<'h>) {
        if !crate::html::text::has(page.source, "profile") {
            return;
        }
        // The circular setting of the innermost open .profile block, for its image.
        let circular = Rc::new(Cell::new(self.default_circular));
        let circular_block = circular.clone();
        handlers.on(
            &self.profile,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if page.in_verbatim() {
                    return Ok(());
                }
                let classes = el.get_attribute("class").unwrap_or_default();
                let has = |c: &str| classes.split_ascii_whitespace().any(|x| x == c);
                if !has("float-left") && !has("float-right") {
                    let right = match el.get_attribute("data-align") {
                        Some(a) => a.trim() != "left",
                        None => self.default_right,
                    };
                    let class = if right { "float-right" } else { "float-left" };
                    el.set_attribute("class", format!("{} {class}", classes.trim()).trim_start())?;
                }
                circular_block.set(
                    el.get_attribute("data-circular")
                        .map_or(self.default_circular, |v| truthy(&v)),
                );
                Ok(())
            }),
        );
        handlers.on(
            &self.image,
            ElementContentHandlers::default().element(move |el: &mut Element<'_, '_>| {
                if !page.in_verbatim() {
                    fix_image(el, page, circular.get())?;
                }
                Ok(())
            }),
        );
    }
}

/// The warning for a profile image whose file is not in the output.
fn missing(el: &Element<'_, '_>, page: &Page<'_>, src: &str, f: &Path) {
    page.report.warn_once(
        &format!("profile-size:{src}"),
        format!(
            "{}: profile image {src} is missing (no {}): put the image at static/{} in the site, or name an existing one in `image` of [extra.profile] (content/_index.md); `folio audit` reports it until then",
            page.at(el.source_location().bytes().start),
            f.display(),
            f.strip_prefix(page.root).unwrap_or(f).display()
        ),
    );
}

fn truthy(value: &str) -> bool {
    matches!(value.trim(), "true" | "1" | "yes" | "")
}

fn fix_image(
    el: &mut Element<'_, '_>,
    page: &Page<'_>,
    block_circular: bool,
) -> lol_html::HandlerResult {
    let classes = el.get_attribute("class").unwrap_or_default();
    let has = |c: &str| classes.split_ascii_whitespace().any(|x| x == c);
    if !has("rounded") && !has("rounded-circle") {
        let circular = el
            .get_attribute("data-circular")
            .map_or(block_circular, |v| truthy(&v));
        let crop = if circular {
            "rounded-circle"
        } else {
            "rounded"
        };
        el.set_attribute("class", format!("{} {crop}", classes.trim()).trim_start())?;
    }

    let src = el.get_attribute("src").unwrap_or_default();
    // A size the theme gave (from the file, at build time) is kept; the file must still be there.
    let sized = el.has_attribute("width") && el.has_attribute("height");
    let file = local_file(&src, page.file, page.root, &page.config.base_url);
    match file.as_deref() {
        Some(f) if !f.exists() => missing(el, page, &src, f),
        _ if sized => {}
        Some(f) => match image_size(f) {
            Ok((w, h)) => {
                el.set_attribute("width", &w.to_string())?;
                el.set_attribute("height", &h.to_string())?;
            }
            Err(reason) => page.report.warn_once(
                &format!("profile-size:{src}"),
                format!(
                    "{}: profile image {src}: size unknown ({reason}); add width and height by hand",
                    page.at(el.source_location().bytes().start)
                ),
            ),
        },
        None => page.report.warn_once(
            &format!("profile-size:{src}"),
            format!(
                "{}: profile image {src} is not a file of this site; its size is not set",
                page.at(el.source_location().bytes().start)
            ),
        ),
    }
    // A picture the template loads lazily (the later profiles of profiles.html) is not the
    // page's first image: no high priority for it.
    let lazy = el
        .get_attribute("loading")
        .is_some_and(|l| l.trim().eq_ignore_ascii_case("lazy"));
    for (name, value) in [
        ("loading", "eager"),
        ("fetchpriority", "high"),
        ("decoding", "async"),
    ] {
        if name == "fetchpriority" && lazy {
            continue;
        }
        if !el.has_attribute(name) {
            el.set_attribute(name, value)?;
        }
    }
    let alt = el.get_attribute("alt").unwrap_or_default();
    if let Some(author) = &page.config.author
        && (alt.trim().is_empty() || looks_like_file_name(&alt, &src))
    {
        el.set_attribute("alt", &format!("Profile picture of {author}"))?;
    }
    Ok(())
}

/// An alt text that is just the image's file name (`prof_pic.jpg`, `profile`), as al-folio and
/// Markdown image syntax often leave it.
fn looks_like_file_name(alt: &str, src: &str) -> bool {
    let alt = alt.trim();
    let file = src.rsplit('/').next().unwrap_or(src);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    alt == file
        || alt == stem
        || [".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif"]
            .iter()
            .any(|ext| alt.to_ascii_lowercase().ends_with(ext))
}

/// Width and height of an image file: raster formats through `imagesize`, SVG from its root
/// element (no crate reads SVG sizes without parsing the whole document).
fn image_size(path: &Path) -> Result<(u64, u64), String> {
    let is_svg = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        return svg_size(&text).ok_or_else(|| "no width/height or viewBox on <svg>".into());
    }
    imagesize::size(path)
        .map(|s| (s.width as u64, s.height as u64))
        .map_err(|e| e.to_string())
}

fn svg_size(text: &str) -> Option<(u64, u64)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    // A value quoted with `"` or `'`, or unquoted up to the next space (XML requires quotes;
    // browsers accept both).
    let attr = |name: &str| -> Option<&str> {
        let value = &tag[tag.find(&format!(" {name}="))? + name.len() + 2..];
        match value.strip_prefix(['"', '\'']) {
            Some(rest) => {
                let quote = value.as_bytes()[0] as char;
                rest.find(quote).map(|end| &rest[..end])
            }
            None => Some(value.split_ascii_whitespace().next().unwrap_or("")),
        }
    };
    let number = |v: &str| -> Option<f64> {
        let v = v.trim().trim_end_matches("px");
        v.parse::<f64>().ok().filter(|n| *n > 0.0)
    };
    if let (Some(w), Some(h)) = (
        attr("width").and_then(number),
        attr("height").and_then(number),
    ) {
        return Some((w.round() as u64, h.round() as u64));
    }
    let vb: Vec<f64> = attr("viewBox")?
        .split([' ', ','])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    (vb.len() == 4 && vb[2] > 0.0 && vb[3] > 0.0)
        .then(|| (vb[2].round() as u64, vb[3].round() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        assert_eq!(
            svg_size(r#"<svg xmlns="x" width="120" height="80px">"#),
            Some((120, 80))
        );
        assert_eq!(
            svg_size(r#"<?xml?><svg viewBox="0 0 300 200">"#),
            Some((300, 200))
        );
        assert_eq!(
            svg_size(r#"<svg width="100%" viewBox="0,0,30,20">"#),
            Some((30, 20))
        );
        assert_eq!(svg_size("<svg>"), None);
        assert_eq!(svg_size("<svg width=40 height=30/>"), None);
        assert_eq!(svg_size("<svg width=40 height=30 >"), Some((40, 30)));
        // An unquoted value that starts with a character of several bytes, or a value cut off.
        assert_eq!(svg_size("<svg width=é40 height=ü>"), None);
        assert_eq!(svg_size("<svg width=\"40"), None);
        assert_eq!(svg_size("<svg width=\"é"), None);
    }

    #[test]
    fn file_name_alts() {
        assert!(looks_like_file_name("prof_pic.jpg", "/img/prof_pic.jpg"));
        assert!(looks_like_file_name("prof_pic", "/img/prof_pic.jpg"));
        assert!(!looks_like_file_name("Ada at work", "/img/prof_pic.jpg"));
    }
}
