//! A highlighting theme's colours: the theme found by name, its colours numbered for the
//! classes the renderer writes (`hl-l3`: colour 3 of the light palette), and the WCAG colour
//! arithmetic the stylesheet's contrast check uses.

use std::sync::OnceLock;

use syntect::highlighting::{Color, FontStyle, Highlighter, Style, Theme};

use super::PREFIX;

/// The colours of one theme, numbered for class names.
pub(super) struct Palette {
    /// Distinct text colours, in the theme's order (the default first).
    pub(super) fg: Vec<Color>,
    /// Distinct token backgrounds.
    pub(super) bg: Vec<Color>,
    pub(super) default: Style,
}

impl Palette {
    pub(super) fn of(theme: &Theme) -> Self {
        let default = Highlighter::new(theme).get_default();
        let mut fg = vec![default.foreground];
        let mut bg = Vec::new();
        for item in &theme.scopes {
            if let Some(c) = item.style.foreground
                && !fg.contains(&c)
            {
                fg.push(c);
            }
            if let Some(c) = item.style.background
                && c != default.background
                && !bg.contains(&c)
            {
                bg.push(c);
            }
        }
        Self { fg, bg, default }
    }

    /// Appends the classes for `style` (`hl-l…` or `hl-d…` by `which`); nothing for the
    /// theme's default style.
    pub(super) fn classes(&self, which: char, style: Style, out: &mut String) {
        use std::fmt::Write as _;
        let sep = |out: &mut String| {
            if !out.is_empty() {
                out.push(' ');
            }
        };
        if style.foreground != self.default.foreground
            && let Some(i) = self.fg.iter().position(|c| *c == style.foreground)
        {
            sep(out);
            let _ = write!(out, "{PREFIX}{which}{i}");
        }
        if style.background != self.default.background
            && let Some(i) = self.bg.iter().position(|c| *c == style.background)
        {
            sep(out);
            let _ = write!(out, "{PREFIX}{which}g{i}");
        }
        for (flag, letter) in [
            (FontStyle::BOLD, 'b'),
            (FontStyle::ITALIC, 'i'),
            (FontStyle::UNDERLINE, 'u'),
        ] {
            if style.font_style.contains(flag) {
                sep(out);
                let _ = write!(out, "{PREFIX}{which}{letter}");
            }
        }
    }
}

/// The theme named `name` (bat's names, e.g. "GitHub", "OneHalfDark").
pub fn theme(name: &str, key: &str) -> Result<&'static Theme, String> {
    static THEMES: OnceLock<two_face::theme::EmbeddedLazyThemeSet> = OnceLock::new();
    let set = THEMES.get_or_init(two_face::theme::extra);
    let names = two_face::theme::EmbeddedLazyThemeSet::theme_names();
    let found = names
        .iter()
        .find(|n| n.as_name().eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let known: Vec<&str> = names.iter().map(|n| n.as_name()).collect();
            format!(
                "[extra.folio.highlight] {key} = {name:?}: no such theme (known: {})",
                known.join(", ")
            )
        })?;
    Ok(set.get(*found))
}

pub(super) fn hex(c: Color) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
}

/// `c` composited over `under` (theme colours may be translucent).
pub(super) fn opaque(c: Color, under: Color) -> Color {
    let a = f64::from(c.a) / 255.0;
    let mix = |x: u8, y: u8| (f64::from(x) * a + f64::from(y) * (1.0 - a)).round() as u8;
    Color {
        r: mix(c.r, under.r),
        g: mix(c.g, under.g),
        b: mix(c.b, under.b),
        a: 0xff,
    }
}

/// WCAG relative luminance.
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG contrast ratio of two colours.
pub fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg`, moved towards black or white (whichever the background contrasts with more) by the
/// smallest step that reaches `min` against `bg`.
pub(super) fn readable(fg: Color, bg: Color, min: f64) -> Color {
    if min <= 0.0 || contrast(fg, bg) >= min {
        return fg;
    }
    let toward = if contrast(Color::BLACK, bg) >= contrast(Color::WHITE, bg) {
        Color::BLACK
    } else {
        Color::WHITE
    };
    let mut best = toward;
    for step in 1..=100 {
        let t = f64::from(step) / 100.0;
        let mix = |x: u8, y: u8| (f64::from(x) * (1.0 - t) + f64::from(y) * t).round() as u8;
        let c = Color {
            r: mix(fg.r, toward.r),
            g: mix(fg.g, toward.g),
            b: mix(fg.b, toward.b),
            a: 0xff,
        };
        if contrast(c, bg) >= min {
            best = c;
            break;
        }
    }
    best
}
