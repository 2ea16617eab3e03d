//! The highlight stylesheet: both palettes, scoped to the folio theme's light/dark switch and to
//! `prefers-color-scheme`, with token colours adjusted to a minimum contrast.

use syntect::highlighting::{Color, Theme};

use super::PREFIX;
use super::palette::{Palette, contrast, hex, opaque, readable, theme};
use crate::config::HighlightOptions;

/// The highlight stylesheet: the light theme's colours under `html[data-theme="light"]`, the
/// dark theme's under `html[data-theme="dark"]` (what the folio theme's head script sets), and,
/// for pages without that attribute (no JavaScript, other themes), the one `prefers-color-scheme`
/// picks. Token colours are adjusted to `min_contrast` against the theme's background.
pub fn stylesheet(options: &HighlightOptions) -> Result<String, String> {
    let light = theme(&options.light_theme, "light_theme")?;
    let dark = theme(&options.dark_theme, "dark_theme")?;
    let contrast = options.min_contrast;
    let mut css = format!(
        "/* folio code highlighting: light {:?}, dark {:?} (generated) */\n",
        options.light_theme, options.dark_theme
    );
    let light_rules = rules(light, contrast, 'l');
    let dark_rules = rules(dark, contrast, 'd');
    scoped(&mut css, "html[data-theme=\"light\"]", &light_rules);
    css.push_str("@media not all and (prefers-color-scheme: dark) {\n");
    scoped(&mut css, "html:not([data-theme])", &light_rules);
    css.push_str("}\n");
    scoped(&mut css, "html[data-theme=\"dark\"]", &dark_rules);
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    scoped(&mut css, "html:not([data-theme])", &dark_rules);
    css.push_str("}\n");
    Ok(css)
}

/// One CSS rule: selector (relative to the palette's root) and declarations.
type Rule = (String, String);

fn scoped(css: &mut String, root: &str, rules: &[Rule]) {
    for (selector, declarations) in rules {
        css.push_str(&format!("{root} {selector} {{ {declarations}}}\n"));
    }
}

/// The rules of one theme: the block's background and text, then one rule per palette colour
/// and font style, for the classes [`Renderer`] writes (`which`: `l` or `d`).
fn rules(theme: &Theme, min_contrast: f64, which: char) -> Vec<Rule> {
    let palette = Palette::of(theme);
    let bg = opaque(palette.default.background, Color::WHITE);
    let fg = readable(opaque(palette.default.foreground, bg), bg, min_contrast);
    let code = format!("{PREFIX}code");
    let mut rules = vec![
        (
            format!("pre:has(> code > .{code})"),
            format!("background-color: {}; color: {}; ", hex(bg), hex(fg)),
        ),
        (format!(".{code}"), format!("color: {}; ", hex(fg))),
    ];
    for (i, color) in palette.fg.iter().enumerate().skip(1) {
        let color = readable(opaque(*color, bg), bg, min_contrast);
        rules.push((
            format!(".{code} .{PREFIX}{which}{i}"),
            format!("color: {}; ", hex(color)),
        ));
    }
    // A token background (a theme's "invalid" or diff tokens) the text would be hard to read
    // on also sets the text colour: the default one, raised to `min_contrast` against it. The
    // rule comes after the colour classes, so on such tokens it wins over theirs.
    for (i, color) in palette.bg.iter().enumerate() {
        let token_bg = opaque(*color, bg);
        let mut declaration = format!("background-color: {}; ", hex(token_bg));
        if min_contrast > 0.0 && contrast(fg, token_bg) < min_contrast {
            let text = readable(fg, token_bg, min_contrast);
            declaration.push_str(&format!("color: {}; ", hex(text)));
        }
        rules.push((format!(".{code} .{PREFIX}{which}g{i}"), declaration));
    }
    for (letter, declaration) in [
        ('b', "font-weight: bold; "),
        ('i', "font-style: italic; "),
        ('u', "text-decoration: underline; "),
    ] {
        rules.push((
            format!(".{code} .{PREFIX}{which}{letter}"),
            declaration.to_owned(),
        ));
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    fn declared(declaration: &str, property: &str) -> Option<Color> {
        let needle = format!("{property}: #");
        let at = declaration
            .match_indices(&needle)
            .find(|(i, _)| *i == 0 || declaration.as_bytes()[i - 1] == b' ')?
            .0
            + needle.len();
        let hex = &declaration[at..at + 6];
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap();
        Some(Color {
            r: byte(0),
            g: byte(2),
            b: byte(4),
            a: 0xff,
        })
    }

    #[test]
    fn every_default_colour_is_readable() {
        let css = stylesheet(&HighlightOptions::default()).unwrap();
        assert!(css.contains("html[data-theme=\"dark\"] pre:has(> code > .hl-code)"));
        for (theme, dark) in [("GitHub", false), ("OneHalfDark", true)] {
            let theme = super::theme(theme, "t").unwrap();
            let bg = opaque(theme.settings.background.unwrap(), Color::WHITE);
            for item in &theme.scopes {
                if let Some(fg) = item.style.foreground {
                    let under = item.style.background.map_or(bg, |c| opaque(c, bg));
                    let fixed = readable(opaque(fg, under), under, 4.5);
                    assert!(contrast(fixed, under) >= 4.5, "{dark} {fg:?}");
                }
            }
        }
    }

    #[test]
    fn every_token_of_the_stylesheet_is_readable_on_its_background() {
        // Every theme folio offers, both roles: the text of each colour class on the code
        // background, and the text on each token background (its own colour if the rule sets
        // one, else the default).
        for name in [
            "GitHub",
            "OneHalfDark",
            "OneHalfLight",
            "Nord",
            "Monokai Extended",
        ] {
            let theme = super::theme(name, "t").unwrap();
            let rules = rules(theme, 4.5, 'd');
            let bg = declared(&rules[0].1, "background-color").unwrap();
            let fg = declared(&rules[0].1, "color").unwrap();
            assert!(contrast(fg, bg) >= 4.5, "{name}");
            let mut token_backgrounds = 0;
            for (selector, declaration) in &rules[1..] {
                match declared(declaration, "background-color") {
                    Some(under) => {
                        token_backgrounds += 1;
                        let text = declared(declaration, "color").unwrap_or(fg);
                        assert!(
                            contrast(text, under) >= 4.5,
                            "{name} {selector}: {declaration}"
                        );
                    }
                    None => {
                        if let Some(text) = declared(declaration, "color") {
                            assert!(contrast(text, bg) >= 4.5, "{name} {selector}");
                        }
                    }
                }
            }
            if name == "OneHalfDark" {
                assert!(token_backgrounds > 0, "the case this test is for");
            }
        }
    }

    #[test]
    fn unknown_theme_names_the_known_ones() {
        let options = HighlightOptions {
            dark_theme: "Nope".into(),
            ..HighlightOptions::default()
        };
        let err = stylesheet(&options).unwrap_err();
        assert!(
            err.contains("dark_theme") && err.contains("OneHalfDark"),
            "{err}"
        );
    }
}
