//! A Substack export: each post is an HTML fragment, `posts/<post_id>.html`, without its
//! title or date; those are in the export's `posts.csv`, beside `posts/`, one row a post.

use std::path::Path;

/// What `posts.csv` says about the post in `file`: its title and publication date (None
/// for an unsent draft's empty one). None when the file is not in a Substack export.
pub fn post_row(file: &Path) -> Option<(String, Option<String>)> {
    let post_id = file.file_stem()?.to_str()?;
    let csv = file.parent()?.parent()?.join("posts.csv");
    let text = std::fs::read_to_string(csv).ok()?;
    let mut rows = records(&text).into_iter();
    let header = rows.next()?;
    let column = |name: &str| header.iter().position(|h| h == name);
    let (id, title, date) = (column("post_id")?, column("title")?, column("post_date")?);
    let row = rows.find(|r| r.get(id).is_some_and(|v| v == post_id))?;
    let title = row
        .get(title)
        .filter(|t| !t.trim().is_empty())?
        .trim()
        .to_string();
    // `2022-08-14T09:00:00.000Z`, to the second.
    let date = row
        .get(date)
        .and_then(|d| d.trim().parse::<jiff::Timestamp>().ok())
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string());
    Some((title, date))
}

/// The records of CSV text (RFC 4180: fields in double quotes may hold commas, line breaks
/// and doubled quotes).
fn records(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields() {
        let rows = records("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\r\nlast,\n");
        assert_eq!(rows[1], ["x, \"y\"", "two\nlines"]);
        assert_eq!(rows[2], ["last", ""]);
    }
}
