//! Jekyll's permalink patterns (`/:categories/:year/:month/:day/:title:output_ext`) expanded.

/// Expands a Jekyll permalink pattern.
pub fn expand(
    pattern: &str,
    date: Option<&str>,
    title: &str,
    categories: &[String],
    collection: &str,
    path: &str,
) -> String {
    let (y, m, d) = match date {
        Some(d) if d.len() >= 10 => (&d[0..4], &d[5..7], &d[8..10]),
        _ => ("0000", "00", "00"),
    };
    let (hour, minute, second) = match date {
        Some(d) if d.len() >= 19 => (&d[11..13], &d[14..16], &d[17..19]),
        _ => ("00", "00", "00"),
    };
    let cats = categories
        .iter()
        .map(|c| c.to_lowercase().replace(' ', "-"))
        .collect::<Vec<_>>()
        .join("/");
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..len];
        let value = match name {
            "year" => y.to_owned(),
            "short_year" => y.get(2..).unwrap_or(y).to_owned(),
            "month" => m.to_owned(),
            "i_month" => m.trim_start_matches('0').to_owned(),
            "day" => d.to_owned(),
            "i_day" => d.trim_start_matches('0').to_owned(),
            "hour" => hour.to_owned(),
            "minute" => minute.to_owned(),
            "second" => second.to_owned(),
            "title" | "slug" | "name" => title.to_owned(),
            "categories" => cats.clone(),
            "collection" => collection.to_owned(),
            "path" => path.to_owned(),
            "output_ext" => ".html".to_owned(),
            _ => format!(":{name}"),
        };
        out.push_str(&value);
        rest = &after[len..];
    }
    out.push_str(rest);
    // Empty placeholders (no categories) leave double slashes.
    while out.contains("//") {
        out = out.replace("//", "/");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn permalink_patterns() {
        assert_eq!(
            expand(
                "/blog/:year/:title/",
                Some("2015-03-15T16:40:16"),
                "formatting",
                &[],
                "posts",
                ""
            ),
            "/blog/2015/formatting/"
        );
        assert_eq!(
            expand(
                "/:categories/:year/:month/:day/:title:output_ext",
                Some("2015-03-05"),
                "x",
                &["Sample Posts".into()],
                "posts",
                ""
            ),
            "/sample-posts/2015/03/05/x.html"
        );
        assert_eq!(
            expand("/:categories/:title/", None, "x", &[], "posts", ""),
            "/x/"
        );
        assert_eq!(
            expand(
                "/:collection/:path/",
                None,
                "a",
                &[],
                "news",
                "announcement_1"
            ),
            "/news/announcement_1/"
        );
    }
}
