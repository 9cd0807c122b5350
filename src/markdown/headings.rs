//! Heading ids: explicit `{#id}` attributes are kept; the others come from the heading's
//! text, unique within the page (`intro`, `intro-1`, …).

use pulldown_cmark::{CowStr, Event, Tag};
use std::collections::HashSet;

/// A heading seen while parsing: where its start event is, and its text.
pub(crate) struct Heading {
    pub(crate) index: usize,
    pub(crate) text: String,
}

pub(crate) fn assign_ids(events: &mut [Event<'_>], headings: &[Heading]) {
    // Explicit ids first, so a generated one never takes an id written further down.
    let mut used: HashSet<String> = headings
        .iter()
        .filter_map(|h| match &events[h.index] {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    for heading in headings {
        if let Event::Start(Tag::Heading { id: id @ None, .. }) = &mut events[heading.index] {
            let unique = unique_id(&heading.text, &mut used);
            *id = Some(CowStr::from(unique));
        }
    }
}

fn unique_id(text: &str, used: &mut HashSet<String>) -> String {
    let mut base = slug::slugify(text);
    if base.is_empty() {
        base.push_str("section");
    }
    let mut id = base.clone();
    let mut n = 0;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_ids_unique_within_the_page() {
        let mut used = HashSet::from(["intro-1".to_string()]);
        assert_eq!(unique_id("Intro", &mut used), "intro");
        assert_eq!(unique_id("Intro", &mut used), "intro-2");
        assert_eq!(unique_id("¿?", &mut used), "section");
        assert_eq!(unique_id("", &mut used), "section-1");
    }
}
