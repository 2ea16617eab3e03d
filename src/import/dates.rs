//! Jekyll dates → the forms Zola parses.
//!
//! Jekyll (Ruby's `Time.parse`) accepts `2015-10-20 11:12:00-0400`, `2015-10-20 11:12 -04:00`,
//! `2015-10-20T11:12:00Z`, `2015-3-5`, …; Zola accepts RFC 3339 (`2015-10-20T11:12:00-04:00`),
//! the same without offset (a local time) or a bare `2015-10-20`. [`normalize`] turns the first
//! into the second, zero-padding fields and putting the colon in the offset; anything it cannot
//! read with certainty gives `None` (the caller keeps the text and reports it).

/// The Zola form of a Jekyll date, or `None` when it is not a date this module can read.
pub fn normalize(input: &str) -> Option<String> {
    let s = input.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    let (date, rest) = split_date(s)?;
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    if rest.trim().is_empty() {
        return Some(date);
    }
    // Time: HH:MM[:SS[.frac]]
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (time, zone) = rest.split_at(time_end);
    let time = normalize_time(time)?;
    let zone = zone.trim();
    if zone.is_empty() {
        return Some(format!("{date}T{time}"));
    }
    let offset = normalize_zone(zone)?;
    Some(format!("{date}T{time}{offset}"))
}

/// `YYYY-M-D` at the start of `s`, zero-padded and checked, and what follows.
fn split_date(s: &str) -> Option<(String, &str)> {
    let mut parts = [0u32; 3];
    let mut rest = s;
    for (i, part) in parts.iter_mut().enumerate() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let want = if i == 0 { 4..=4 } else { 1..=2 };
        if !want.contains(&digits) {
            return None;
        }
        *part = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        if i < 2 {
            rest = rest.strip_prefix('-')?;
        }
    }
    let [y, m, d] = parts;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((format!("{y:04}-{m:02}-{d:02}"), rest))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff` → `HH:MM:SS[.fff]`.
fn normalize_time(t: &str) -> Option<String> {
    let (hms, frac) = match t.split_once('.') {
        Some((a, f)) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => (a, Some(f)),
        Some(_) => return None,
        None => (t, None),
    };
    let fields: Vec<&str> = hms.split(':').collect();
    if !(2..=3).contains(&fields.len())
        || fields
            .iter()
            .any(|f| f.is_empty() || f.len() > 2 || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let h: u32 = fields[0].parse().ok()?;
    let m: u32 = fields[1].parse().ok()?;
    let s: u32 = fields.get(2).map_or(Some(0), |f| f.parse().ok())?;
    if h > 23 || m > 59 || s > 60 || (frac.is_some() && fields.len() < 3) {
        return None;
    }
    Some(match frac {
        Some(f) => format!("{h:02}:{m:02}:{s:02}.{f}"),
        None => format!("{h:02}:{m:02}:{s:02}"),
    })
}

/// `Z`, `UTC`, `GMT`, `+0200`, `-04:00`, `+02`, `-4` → `Z` or `±HH:MM`.
fn normalize_zone(z: &str) -> Option<String> {
    if matches!(z.to_ascii_uppercase().as_str(), "Z" | "UTC" | "GMT" | "UT") {
        return Some("Z".into());
    }
    let (sign, digits) = match z.as_bytes().first()? {
        b'+' => ('+', &z[1..]),
        b'-' => ('-', &z[1..]),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<u32>().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(format!("{sign}{h:02}:{m:02}"))
}

/// The date at the start of a Jekyll post's file name (`2015-03-15-title.md`) and the rest
/// (`title.md`).
pub fn from_file_name(name: &str) -> Option<(String, &str)> {
    let bytes = name.as_bytes();
    if bytes.len() < 11 || bytes[10] != b'-' {
        return None;
    }
    let date = normalize(&name[..10])?;
    if date.len() != 10 {
        return None;
    }
    Some((date, &name[11..]))
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (Howard Hinnant's civil-from-days).
pub fn from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jekyll_forms() {
        for (input, want) in [
            ("2015-10-20 11:12:00-0400", "2015-10-20T11:12:00-04:00"),
            ("2015-10-20 11:12:00 -0400", "2015-10-20T11:12:00-04:00"),
            ("2015-10-20 11:12:00 +05:30", "2015-10-20T11:12:00+05:30"),
            ("2015-10-20T11:12:00Z", "2015-10-20T11:12:00Z"),
            ("2015-10-20 11:12:00 UTC", "2015-10-20T11:12:00Z"),
            ("2015-10-20 11:12", "2015-10-20T11:12:00"),
            ("2015-10-20 9:05:07", "2015-10-20T09:05:07"),
            ("2015-10-20 11:12:00.25 -04", "2015-10-20T11:12:00.25-04:00"),
            ("2015-10-20 11:12:00 +530", "2015-10-20T11:12:00+05:30"),
            ("2015-03-15 16:40:16", "2015-03-15T16:40:16"),
            ("2015-3-5", "2015-03-05"),
            ("2024-02-29", "2024-02-29"),
            ("  '2015-10-20'  ", "2015-10-20"),
        ] {
            assert_eq!(normalize(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn refused() {
        for input in [
            "",
            "yesterday",
            "2015-13-01",
            "2023-02-29",
            "2015-10-32",
            "15-10-20",
            "2015-10-20 25:00",
            "2015-10-20 11:12:00 EST",
            "2015-10-20 11:12:00 +2500",
            "2015-10-201",
            "Oct 20, 2015",
        ] {
            assert_eq!(normalize(input), None, "{input}");
        }
    }

    #[test]
    fn days() {
        assert_eq!(from_days(0), "1970-01-01");
        assert_eq!(from_days(11_016), "2000-02-29");
        assert_eq!(from_days(20_000), "2024-10-04");
        assert_eq!(from_days(-1), "1969-12-31");
    }

    #[test]
    fn file_names() {
        assert_eq!(
            from_file_name("2015-03-15-formatting-and-links.md"),
            Some(("2015-03-15".into(), "formatting-and-links.md"))
        );
        assert_eq!(from_file_name("announcement_1.md"), None);
        assert_eq!(from_file_name("2015-13-15-x.md"), None);
    }
}
