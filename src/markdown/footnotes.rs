//! Footnotes: numbered in order of appearance, with ids prefixed so that several articles
//! can share a page, and references that link back.

use std::collections::HashMap;
use std::fmt::Write;

/// What parsing learned: each label's number and whether anything refers to it.
#[derive(Default)]
pub(crate) struct Footnotes {
    notes: HashMap<String, Note>,
}

#[derive(Clone, Copy)]
struct Note {
    number: usize,
    referenced: bool,
}

impl Footnotes {
    pub(crate) fn saw_reference(&mut self, label: &str) {
        self.note(label).referenced = true;
    }

    pub(crate) fn saw_definition(&mut self, label: &str) {
        self.note(label);
    }

    /// Labels match case-insensitively, as pulldown-cmark matches them.
    fn note(&mut self, label: &str) -> &mut Note {
        let next = self.notes.len() + 1;
        self.notes.entry(label.to_lowercase()).or_insert(Note {
            number: next,
            referenced: false,
        })
    }

    /// Whether the text defines or refers to any footnote.
    pub(crate) fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// The number of the note `label` (0 for none).
    pub(crate) fn number(&self, label: &str) -> usize {
        self.get(label).number
    }

    fn get(&self, label: &str) -> Note {
        self.notes
            .get(&label.to_lowercase())
            .copied()
            .unwrap_or(Note {
                number: 0,
                referenced: false,
            })
    }
}

/// Writes the HTML of references and definitions, in document order.
pub(crate) struct FootnoteWriter<'n> {
    notes: &'n Footnotes,
    /// `slug-` when an id prefix is given: ids become `slug-fn-1`, `slug-fnref-1`.
    base: String,
    /// How many references to each number were written: the 2nd is `fnref-1-2`.
    refs_written: HashMap<usize, usize>,
    open: Vec<Note>,
}

impl<'n> FootnoteWriter<'n> {
    pub(crate) fn new(notes: &'n Footnotes, id_prefix: &str) -> Self {
        // Only characters that need no escaping and are valid in an id.
        let mut base: String = id_prefix
            .trim()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if !base.is_empty() {
            base.push('-');
        }
        FootnoteWriter {
            notes,
            base,
            refs_written: HashMap::new(),
            open: Vec::new(),
        }
    }

    pub(crate) fn reference(&mut self, label: &str) -> String {
        let n = self.notes.get(label).number;
        let count = self.refs_written.entry(n).or_insert(0);
        *count += 1;
        let base = &self.base;
        let mut html = format!("<sup class=\"footnote-reference\" id=\"{base}fnref-{n}");
        if *count > 1 {
            let _ = write!(html, "-{count}");
        }
        let _ = write!(html, "\"><a href=\"#{base}fn-{n}\">{n}</a></sup>");
        html
    }

    pub(crate) fn start_definition(&mut self, label: &str) -> String {
        let note = self.notes.get(label);
        self.open.push(note);
        let (base, n) = (&self.base, note.number);
        format!(
            "<div class=\"footnote-definition\" id=\"{base}fn-{n}\">\
             <sup class=\"footnote-definition-label\">{n}</sup>\n"
        )
    }

    pub(crate) fn end_definition(&mut self) -> String {
        let Some(note) = self.open.pop() else {
            return String::new();
        };
        if !note.referenced {
            return "</div>\n".to_string();
        }
        let (base, n) = (&self.base, note.number);
        format!(
            "<a href=\"#{base}fnref-{n}\" class=\"footnote-backref\" \
             aria-label=\"Back to reference {n}\">\u{21a9}\u{fe0e}</a></div>\n"
        )
    }
}

/// `events` with the footnotes' definitions moved to the end, in their numbers' order, as
/// GitHub, kramdown and Hugo place them (pulldown-cmark leaves each where it was written).
pub(crate) fn last<'a>(
    events: Vec<pulldown_cmark::Event<'a>>,
    notes: &Footnotes,
) -> Vec<pulldown_cmark::Event<'a>> {
    use pulldown_cmark::{Event, Tag, TagEnd};
    if notes.is_empty() {
        return events;
    }
    let mut text = Vec::with_capacity(events.len());
    let mut definitions: Vec<(usize, Vec<Event<'a>>)> = Vec::new();
    let mut depth = 0usize;
    for event in events {
        match &event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                if depth == 0 {
                    definitions.push((notes.number(label), Vec::new()));
                }
                depth += 1;
            }
            Event::End(TagEnd::FootnoteDefinition) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match definitions.last_mut() {
            Some((_, definition))
                if depth > 0 || event == Event::End(TagEnd::FootnoteDefinition) =>
            {
                definition.push(event)
            }
            _ => text.push(event),
        }
    }
    definitions.sort_by_key(|(number, _)| *number);
    text.extend(definitions.into_iter().flat_map(|(_, events)| events));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_order_of_appearance_ignoring_case() {
        let mut notes = Footnotes::default();
        notes.saw_reference("B");
        notes.saw_reference("a");
        notes.saw_definition("b");
        assert_eq!(notes.get("b").number, 1);
        assert_eq!(notes.get("A").number, 2);
    }

    #[test]
    fn repeated_references_get_distinct_ids() {
        let mut notes = Footnotes::default();
        notes.saw_reference("x");
        let mut w = FootnoteWriter::new(&notes, "my story");
        assert!(w.reference("x").contains("id=\"my-story-fnref-1\""));
        assert!(w.reference("x").contains("id=\"my-story-fnref-1-2\""));
    }
}
