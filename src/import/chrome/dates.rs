//! Lines of a capture that are only a date.

use super::LineKind;
use crate::content::written_dates::date_only;

/// A line that is only a date, maybe with "Published"/"Updated", a weekday and a time:
/// "Published March 3, 2024 at 10:15 a.m. EST", "Tue 5 Mar 2024 09.00 GMT", "2024-03-05".
pub(crate) fn date_line(unit: &str) -> Option<LineKind> {
    let t = unit.trim();
    if t.chars().count() > 80 {
        return None;
    }
    let lower = t.to_lowercase();
    let updated = ["updated", "last updated", "modified", "last modified"]
        .iter()
        .any(|p| lower.starts_with(p));
    let date = date_only(t)?;
    Some(LineKind::DateLine { date, updated })
}
