//! Inlining an email's CSS: `<style>` rules become `style` attributes (mail programs ignore
//! most `<style>` rules) and only `@media` rules (phone widths, dark mode) stay in a
//! `<style>` element, last in `<head>`.
//!
//! Two inliners give the same result. The fast one reads the HTML without building a
//! tree and writes it back with `style` attributes added; it takes the HTML a theme's
//! email template makes, well formed, with simple selectors, and returns `None` for
//! anything else. The reference is css-inline, which parses HTML as browsers do and takes
//! anything. `tests` checks them against each other.

mod css;
mod markup;

use std::sync::{Arc, Mutex};

use css::{Declaration, Selector, Stylesheet};
use markup::{Document, Element};
use rustc_hash::FxHashMap;

/// `html` with its CSS inlined; the fast inliner where it can, else the reference.
pub fn inline(html: &str, sheets: &Sheets) -> String {
    fast(html, sheets).unwrap_or_else(|| reference(html))
}

/// Style sheets read once and shared by the emails of a build, which all carry the
/// theme's one `<style>`: reading it was a third of the fast inliner's work per email.
#[derive(Default)]
pub struct Sheets {
    /// By the text of a document's `<style>` elements (joined by NUL, which no document
    /// the fast inliner takes holds); None for a text outside its subset.
    read: Mutex<Vec<(String, Option<Arc<Sheet>>)>>,
}

/// Distinct style texts kept: a theme has one; more come only from templates that vary it.
const MAX_SHEETS: usize = 8;

impl Sheets {
    fn get(&self, styles: &[&str]) -> Option<Arc<Sheet>> {
        let key = styles.join("\0");
        let mut read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, sheet)) = read.iter().find(|(text, _)| *text == key) {
            return sheet.clone();
        }
        let sheet = Sheet::read(styles).map(Arc::new);
        if read.len() < MAX_SHEETS {
            read.push((key, sheet.clone()));
        }
        sheet
    }
}

/// A style sheet, its selectors filed by what an element needs to match them.
struct Sheet {
    css: Stylesheet,
    index: Index,
}

impl Sheet {
    fn read(styles: &[&str]) -> Option<Sheet> {
        let mut css = Stylesheet::default();
        for text in styles {
            css.add(text)?;
        }
        let index = Index::of(&css);
        Some(Sheet { css, index })
    }
}

/// Each selector, as (rule, position in the rule), filed under one thing its last compound
/// needs: its first id, else its first class, else its tag. An element is tried only
/// against the selectors filed under its id, its classes and its tag (and any filed under
/// none), not against the whole sheet.
#[derive(Default)]
struct Index {
    ids: FxHashMap<String, Vec<(u32, u32)>>,
    classes: FxHashMap<String, Vec<(u32, u32)>>,
    tags: FxHashMap<String, Vec<(u32, u32)>>,
    anywhere: Vec<(u32, u32)>,
}

impl Index {
    fn of(css: &Stylesheet) -> Index {
        let mut index = Index::default();
        for (r, rule) in css.rules.iter().enumerate() {
            for (s, selector) in rule.selectors.iter().enumerate() {
                let at = (r as u32, s as u32);
                let last = selector.chain.last().expect("a selector has a compound");
                let list = if let Some(id) = last.ids.first() {
                    index.ids.entry(id.clone()).or_default()
                } else if let Some(class) = last.classes.first() {
                    index.classes.entry(class.clone()).or_default()
                } else if let Some(tag) = &last.tag {
                    index.tags.entry(tag.clone()).or_default()
                } else {
                    &mut index.anywhere
                };
                list.push(at);
            }
        }
        index
    }

    /// The selectors that may match `element`, in source order.
    fn candidates(&self, element: &Element) -> Vec<(u32, u32)> {
        let mut found = self.anywhere.clone();
        let mut add = |list: Option<&Vec<(u32, u32)>>| found.extend(list.into_iter().flatten());
        add(self.tags.get(element.name));
        if let Some(id) = element.id {
            add(self.ids.get(id));
        }
        for class in element.class.split_ascii_whitespace() {
            add(self.classes.get(class));
        }
        // In source order, as the cascade reads them; a class written twice adds its
        // selectors twice.
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// The reference inliner: css-inline, then the kept `@media` rules moved last in `<head>`.
/// `<link rel=stylesheet>` is dropped (never fetched). If css-inline fails (it accepts any
/// HTML; only its own errors remain), the HTML is kept as rendered.
pub fn reference(html: &str) -> String {
    let inliner = css_inline::CSSInliner::options()
        .keep_style_tags(false)
        .keep_link_tags(false)
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .build();
    let inlined = inliner.inline(html).unwrap_or_else(|_| html.to_string());
    media_last_in_head(inlined)
}

/// css-inline puts the kept `@media` rules first in `<head>`; they go last, so that
/// `<meta charset>` stays within the first 1024 bytes, where HTML requires it.
fn media_last_in_head(html: String) -> String {
    let Some(start) = html.find("<head><style>").map(|i| i + "<head>".len()) else {
        return html;
    };
    let (Some(len), Some(head_end)) = (
        html[start..].find("</style>").map(|i| i + "</style>".len()),
        html.find("</head>"),
    ) else {
        return html;
    };
    if head_end < start + len {
        return html;
    }
    let style = &html[start..start + len];
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..start]);
    out.push_str(&html[start + len..head_end]);
    out.push_str(style);
    out.push_str(&html[head_end..]);
    out
}

/// The fast inliner: `None` when the HTML or its CSS is outside what it reads.
pub fn fast(html: &str, sheets: &Sheets) -> Option<String> {
    let doc = markup::read(html)?;
    let texts: Vec<&str> = doc.styles.iter().map(|(text, _)| *text).collect();
    let sheet = sheets.get(&texts)?;
    let styles = Styles::of(&doc, &sheet);
    // What is written in place of the source's bytes `range`, in source order.
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = Vec::new();
    for (element, &slot) in doc.elements.iter().zip(&styles.slots) {
        if let Some(style) = &styles.distinct[slot as usize] {
            edits.push((element.style_at..element.style_at, style));
        }
    }
    edits.extend(doc.styles.iter().map(|(_, range)| (range.clone(), "")));
    // As css-inline writes kept rules: each trimmed, one space after each.
    let media = (!sheet.css.media.is_empty()).then(|| {
        let rules: String = sheet.css.media.iter().map(|m| format!("{m} ")).collect();
        format!("<style>{rules}</style>")
    });
    if let Some(media) = &media {
        edits.push((doc.head_end..doc.head_end, media));
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out =
        String::with_capacity(html.len() + edits.iter().map(|e| e.1.len()).sum::<usize>());
    let mut copied = 0;
    for (range, text) in edits {
        out.push_str(&html[copied..range.start]);
        out.push_str(text);
        copied = range.end;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// Each element's style attribute. Elements with the same tag, id and classes under the
/// same chain of ancestors match the same selectors, so each such chain is cascaded once:
/// an email repeats one story's markup for every story.
struct Styles {
    /// The distinct attributes (None: no rule matches).
    distinct: Vec<Option<String>>,
    /// For each element, in document order, its chain's index in `distinct`.
    slots: Vec<u32>,
}

impl Styles {
    fn of(doc: &Document, sheet: &Sheet) -> Styles {
        let mut chains: FxHashMap<(&str, Option<&str>, &str, u32), u32> = FxHashMap::default();
        let mut distinct = Vec::new();
        let mut slots: Vec<u32> = Vec::with_capacity(doc.elements.len());
        for element in &doc.elements {
            // A parent comes before its children, so its slot is known.
            let parent = element.parent.map_or(u32::MAX, |p| slots[p]);
            let key = (element.name, element.id, element.class, parent);
            let slot = *chains.entry(key).or_insert_with(|| {
                distinct.push(style_attribute(doc, element, sheet));
                (distinct.len() - 1) as u32
            });
            slots.push(slot);
        }
        Styles { distinct, slots }
    }
}

/// The ` style="…"` attribute an element gets, as css-inline writes it: the declarations of
/// every rule that matches, cascaded in source order, then sorted by specificity.
fn style_attribute(doc: &Document, element: &Element, sheet: &Sheet) -> Option<String> {
    // (declaration, specificity of the selector that set it)
    let mut found: Vec<(&Declaration, u32)> = Vec::new();
    for (r, s) in sheet.index.candidates(element) {
        let rule = &sheet.css.rules[r as usize];
        let selector = &rule.selectors[s as usize];
        if matches(doc, element, selector) {
            for declaration in &rule.declarations {
                cascade(&mut found, declaration, selector.specificity);
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    // The same sort as css-inline's (unstable, but deterministic for the same input).
    found.sort_unstable_by_key(|(_, specificity)| *specificity);
    let mut style = String::from(" style=\"");
    for (declaration, _) in found {
        style.push_str(&declaration.name);
        style.push_str(": ");
        style.push_str(&declaration.value.replace('"', "'"));
        style.push(';');
    }
    style.push('"');
    Some(style)
}

/// Adds `new` to an element's declarations: a property already set keeps its place, and
/// takes the new value when it wins (important over normal, then higher or equal
/// specificity).
fn cascade<'a>(found: &mut Vec<(&'a Declaration, u32)>, new: &'a Declaration, specificity: u32) {
    let Some(old) = found.iter_mut().find(|(d, _)| d.name == new.name) else {
        found.push((new, specificity));
        return;
    };
    let wins = match (new.important(), old.0.important()) {
        (true, false) => true,
        (false, true) => false,
        _ => old.1 <= specificity,
    };
    if wins {
        *old = (new, specificity);
    }
}

/// Whether `element` matches a descendant chain: its last compound on the element, each
/// earlier one on some ancestor further out.
fn matches(doc: &Document, element: &Element, selector: &Selector) -> bool {
    let (last, outer) = selector
        .chain
        .split_last()
        .expect("a selector has a compound");
    if !compound_matches(element, last) {
        return false;
    }
    let mut ancestor = element.parent;
    for compound in outer.iter().rev() {
        loop {
            let Some(i) = ancestor else { return false };
            let candidate = &doc.elements[i];
            ancestor = candidate.parent;
            if compound_matches(candidate, compound) {
                break;
            }
        }
    }
    true
}

fn compound_matches(element: &Element, compound: &css::Compound) -> bool {
    compound
        .tag
        .as_deref()
        .is_none_or(|tag| tag == element.name)
        && compound
            .ids
            .iter()
            .all(|id| element.id == Some(id.as_str()))
        && compound
            .classes
            .iter()
            .all(|class| element.has_class(class))
}

#[cfg(test)]
mod tests;
