//! Where Jekyll published a post: its site's `permalink` style filled in with the post's
//! date, title and categories. A blog moved from Jekyll keeps its old links working: the
//! build redirects from that URL to the story's new one (see render/redirects.rs).

use jiff::ZonedDateTime as Zoned;

use super::located::RawMap;

/// What a Jekyll site's `_config.yml` and folders say of one of its posts: its URL style
/// (the `permalink` setting, a style name or a pattern) and the categories its folders give
/// it, and the settings gazette reads besides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JekyllSite {
    pub style: String,
    pub folder_categories: Vec<String>,
    /// The site's `_config.yml` was found, so the folders' categories are its own (without
    /// one, the folders above `_posts/` may be anyone's): the post's tags too.
    pub configured: bool,
    /// The site's `timezone` setting, if any (Jekyll read its posts' dates in it), with the
    /// `_config.yml` and line that set it.
    pub timezone: Option<(String, std::path::PathBuf, usize)>,
    /// The site's `excerpt_separator`, if any: where its posts' summaries end.
    pub excerpt_separator: Option<String>,
}

impl JekyllSite {
    /// The URL of a post of `date` (in the site's time zone) whose file or `slug:` names it
    /// `title`, with its front matter's `categories`. None for a style or placeholder
    /// Jekyll would not know.
    pub fn post_url(&self, date: &Zoned, title: &str, map: &RawMap) -> Option<String> {
        let pattern = match self.style.as_str() {
            "date" => "/:categories/:year/:month/:day/:title:output_ext",
            "pretty" => "/:categories/:year/:month/:day/:title/",
            "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
            "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
            "none" => "/:categories/:title:output_ext",
            own if own.contains(':') || own.starts_with('/') => own,
            _ => return None,
        };
        // Jekyll's categories are a set of lower-cased names, in the order first met.
        let mut categories: Vec<String> = Vec::new();
        for name in self
            .folder_categories
            .iter()
            .cloned()
            .chain(front_matter_categories(map))
        {
            let name = name.to_lowercase();
            if !categories.contains(&name) {
                categories.push(name);
            }
        }
        let mut url = String::from("/");
        let mut rest = pattern;
        while let Some(at) = rest.find(':') {
            url.push_str(&rest[..at]);
            let name_len = rest[at + 1..]
                .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
                .unwrap_or(rest.len() - at - 1);
            let name = &rest[at + 1..at + 1 + name_len];
            url.push_str(&placeholder(name, date, title, &categories)?);
            rest = &rest[at + 1 + name_len..];
        }
        url.push_str(rest);
        // Jekyll drops the empty parts an absent category leaves (`//`).
        let mut clean = String::with_capacity(url.len());
        for c in url.chars() {
            if !(c == '/' && clean.ends_with('/')) {
                clean.push(c);
            }
        }
        Some(clean)
    }
}

/// One placeholder's value, as Jekyll fills it in.
fn placeholder(name: &str, date: &Zoned, title: &str, categories: &[String]) -> Option<String> {
    let time = |format: &str| date.strftime(format).to_string();
    Some(match name {
        "year" => time("%Y"),
        "short_year" => time("%y"),
        "month" => time("%m"),
        "i_month" => date.month().to_string(),
        "short_month" => time("%b"),
        "long_month" => time("%B"),
        "day" => time("%d"),
        "i_day" => date.day().to_string(),
        "y_day" => time("%j"),
        "week" => format!("{:02}", date.date().iso_week_date().week()),
        "short_day" => time("%a"),
        "long_day" => time("%A"),
        "hour" => time("%H"),
        "minute" => time("%M"),
        "second" => time("%S"),
        "title" => slugified(title, true),
        "slug" => slugified(title, false).to_lowercase(),
        "categories" => categories.join("/"),
        "output_ext" => ".html".to_string(),
        _ => return None,
    })
}

/// Jekyll's slug of a title: runs of other characters become one `-`, and the ends lose
/// theirs. Its `pretty` mode (for `:title`) keeps the characters a URL path may hold.
fn slugified(title: &str, pretty: bool) -> String {
    let kept = |c: char| c.is_alphanumeric() || pretty && "._~!$&'()+,;=@".contains(c);
    let mut slug = String::with_capacity(title.len());
    for c in title.chars() {
        match kept(c) {
            true => slug.push(c),
            false if !slug.ends_with('-') => slug.push('-'),
            false => {}
        }
    }
    slug.trim_matches('-').to_string()
}

/// The categories a post's front matter names: `categories` (a list, or words separated by
/// spaces) and one `category`.
fn front_matter_categories(map: &RawMap) -> Vec<String> {
    let mut names = Vec::new();
    for key in ["category", "categories"] {
        match map.get(key).map(|v| &v.value) {
            Some(serde_json::Value::String(s)) if key == "category" => names.push(s.clone()),
            Some(serde_json::Value::String(s)) => {
                names.extend(s.split_whitespace().map(str::to_string))
            }
            // A year is a category as its text (`[2019, Travel]`).
            Some(serde_json::Value::Array(items)) => {
                names.extend(items.iter().filter_map(|i| match i {
                    serde_json::Value::String(s) => Some(s.clone()),
                    serde_json::Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }))
            }
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(style: &str, folders: &[&str], title: &str, yaml: &str) -> Option<String> {
        let jekyll = JekyllSite {
            style: style.to_string(),
            folder_categories: folders.iter().map(|f| f.to_string()).collect(),
            configured: false,
            timezone: None,
            excerpt_separator: None,
        };
        let date: Zoned = "2024-03-05T09:30:00+00:00[UTC]".parse().unwrap();
        let split = super::super::frontmatter::Split {
            syntax: super::super::frontmatter::Syntax::Yaml,
            yaml,
            yaml_line: 1,
            body: "",
            body_line: 1,
        };
        let map = match yaml {
            "" => RawMap::new(),
            _ => super::super::frontmatter::parse_yaml(&split).unwrap(),
        };
        jekyll.post_url(&date, title, &map)
    }

    #[test]
    fn jekyll_styles_and_patterns_are_filled_in() {
        let u = |style, title, yaml| url(style, &[], title, yaml).unwrap();
        assert_eq!(
            u("date", "Harbour-News", ""),
            "/2024/03/05/Harbour-News.html"
        );
        assert_eq!(
            u("pretty", "harbour", "categories: News Local"),
            "/news/local/2024/03/05/harbour/"
        );
        assert_eq!(
            u("ordinal", "harbour", "category: Ships"),
            "/ships/2024/065/harbour.html"
        );
        assert_eq!(u("weekdate", "harbour", ""), "/2024/W10/Tue/harbour.html");
        assert_eq!(
            u("none", "harbour", "categories: [a, b]"),
            "/a/b/harbour.html"
        );
        assert_eq!(
            u("/blog/:i_month/:i_day/:slug", "Soil & Rain!", ""),
            "/blog/3/5/soil-rain"
        );
        assert_eq!(
            u(":year/:title/", "Soil & Rain!", ""),
            "/2024/Soil-&-Rain!/"
        );
        assert_eq!(
            url("date", &["news"], "x", "categories: [tides]").unwrap(),
            "/news/tides/2024/03/05/x.html"
        );
        assert_eq!(
            url("pretty", &["news"], "x", "categories: [News, 2019]").unwrap(),
            "/news/2019/2024/03/05/x/"
        );
        assert_eq!(url("/:year/:nonsense/", &[], "x", ""), None);
        assert_eq!(url("fancy", &[], "x", ""), None);
    }
}
