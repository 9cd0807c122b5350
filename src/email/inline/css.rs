//! The part of CSS the fast inliner reads: style rules whose selectors are descendant chains
//! of `tag.class#id` compounds, and `@media` blocks, kept as written. Anything else
//! (other at-rules, pseudo-classes, attribute selectors, child combinators, escapes,
//! comments inside a rule, `var()`) is `None`, and the email goes to the reference inliner.

/// One compound selector: an optional tag name (lowercase) and the classes and ids it needs.
/// A sheet owns its text, so that a build reads it once for all its emails.
#[derive(Debug, PartialEq)]
pub struct Compound {
    pub tag: Option<String>,
    pub classes: Vec<String>,
    pub ids: Vec<String>,
}

/// A descendant chain, outermost compound first.
#[derive(Debug, PartialEq)]
pub struct Selector {
    pub chain: Vec<Compound>,
    /// Packed as the `selectors` crate packs it (ids, classes, tags, 10 bits each), so that
    /// sorting by it orders declarations as css-inline does.
    pub specificity: u32,
}

/// A declaration as written: `name: value`, the value trimmed, `!important` still in it.
#[derive(Debug, PartialEq)]
pub struct Declaration {
    pub name: String,
    pub value: String,
}

impl Declaration {
    pub fn important(&self) -> bool {
        self.value.ends_with("!important")
    }
}

#[derive(Debug, PartialEq)]
pub struct Rule {
    pub selectors: Vec<Selector>,
    pub declarations: Vec<Declaration>,
}

/// A style sheet: the rules to inline, in source order, and the `@media` blocks to keep.
#[derive(Debug, Default, PartialEq)]
pub struct Stylesheet {
    pub rules: Vec<Rule>,
    pub media: Vec<String>,
}

impl Stylesheet {
    /// Adds the rules of one `<style>` element's text; `None` if it leaves the subset.
    pub fn add(&mut self, css: &str) -> Option<()> {
        let mut rest = css;
        loop {
            rest = skip_space_and_comments(rest)?;
            if rest.is_empty() {
                return Some(());
            }
            if rest.starts_with('@') {
                let len = media_block_len(rest)?;
                self.media.push(rest[..len].trim().to_string());
                rest = &rest[len..];
                continue;
            }
            let open = rest.find('{')?;
            let close = open + rest[open..].find('}')?;
            self.rules.push(Rule {
                selectors: selector_list(&rest[..open])?,
                declarations: declarations(&rest[open + 1..close])?,
            });
            rest = &rest[close + 1..];
        }
    }
}

fn skip_space_and_comments(mut css: &str) -> Option<&str> {
    loop {
        css = css.trim_start_matches(is_css_space);
        match css.strip_prefix("/*") {
            Some(comment) => css = &comment[comment.find("*/")? + 2..],
            None => return Some(css),
        }
    }
}

fn is_css_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// The length of the `@media … { … }` block `css` starts with, braces balanced; strings
/// and comments inside it are skipped, escapes are not read.
fn media_block_len(css: &str) -> Option<usize> {
    let after = css.strip_prefix("@media")?;
    if !after.starts_with(is_css_space) {
        return None;
    }
    let bytes = css.as_bytes();
    let (mut depth, mut i) = (0usize, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => return None,
            b'"' | b'\'' => i += 1 + css[i + 1..].find(bytes[i] as char)?,
            b'/' if bytes.get(i + 1) == Some(&b'*') => i += 2 + css[i + 2..].find("*/")? + 1,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b';' if depth == 0 => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

fn selector_list(list: &str) -> Option<Vec<Selector>> {
    list.split(',').map(selector).collect()
}

fn selector(text: &str) -> Option<Selector> {
    let chain = text
        .split(is_css_space)
        .filter(|part| !part.is_empty())
        .map(compound)
        .collect::<Option<Vec<_>>>()?;
    if chain.is_empty() {
        return None;
    }
    let count = |f: fn(&Compound) -> usize| chain.iter().map(f).sum::<usize>().min(1023) as u32;
    let specificity = count(|c| c.ids.len()) << 20
        | count(|c| c.classes.len()) << 10
        | count(|c| usize::from(c.tag.is_some()));
    Some(Selector { chain, specificity })
}

fn compound(text: &str) -> Option<Compound> {
    let tag_len = text.find(['.', '#']).unwrap_or(text.len());
    let tag = match &text[..tag_len] {
        "" => None,
        name if is_tag_name(name) => Some(name.to_ascii_lowercase()),
        _ => return None,
    };
    let mut compound = Compound {
        tag,
        classes: Vec::new(),
        ids: Vec::new(),
    };
    let mut rest = &text[tag_len..];
    while let Some(kind) = rest.chars().next() {
        let body = &rest[1..];
        let len = body.find(['.', '#']).unwrap_or(body.len());
        let name = &body[..len];
        if !is_identifier(name) {
            return None;
        }
        match kind {
            '.' => compound.classes.push(name.to_string()),
            _ => compound.ids.push(name.to_string()),
        }
        rest = &body[len..];
    }
    Some(compound)
}

fn is_tag_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A CSS identifier without escapes, custom-property dashes or non-ASCII letters.
fn is_identifier(name: &str) -> bool {
    let start = name.strip_prefix('-').unwrap_or(name);
    start.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `name: value` pairs of a rule's block, split on the `;` outside strings and parentheses.
fn declarations(block: &str) -> Option<Vec<Declaration>> {
    // css-inline writes values as they are; `&` and non-ASCII would be escaped in an
    // attribute that was already there, so they are left to it too.
    if !block.is_ascii()
        || block.contains(['\\', '{', '@', '<', '&'])
        || block.contains("/*")
        || block.contains("var(")
    {
        return None;
    }
    let mut found = Vec::new();
    let (mut start, mut depth, mut quote) = (0, 0usize, None);
    for (i, b) in block.bytes().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), b'\n') => return None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'(') => depth += 1,
            (None, b')') => depth = depth.checked_sub(1)?,
            (None, b';') if depth == 0 => {
                found.extend(declaration(&block[start..i])?);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quote.is_some() || depth != 0 {
        return None;
    }
    found.extend(declaration(&block[start..])?);
    Some(found)
}

/// One declaration; `Some(None)` for an empty one (`;;`).
fn declaration(text: &str) -> Option<Option<Declaration>> {
    let text = text.trim_matches(is_css_space);
    if text.is_empty() {
        return Some(None);
    }
    let (name, value) = text.split_once(':')?;
    let (name, value) = (name.trim_end_matches(is_css_space), value.trim());
    let plain_bang = match value.find('!') {
        None => true,
        Some(bang) => bang + "!important".len() == value.len() && value.ends_with("!important"),
    };
    let lowercase = name.bytes().all(|b| !b.is_ascii_uppercase());
    if !is_identifier(name) || !lowercase || value.is_empty() || !plain_bang {
        return None;
    }
    Some(Some(Declaration {
        name: name.to_string(),
        value: value.to_string(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(css: &str) -> Option<Stylesheet> {
        let mut sheet = Stylesheet::default();
        sheet.add(css).map(|()| sheet)
    }

    #[test]
    fn reads_rules_selectors_and_media_blocks() {
        let css = "/* c */ body { margin: 0; font-family: \"A B\", serif }\n\
                   .site-name a, h1#top.big { color: red !important; }\n\
                   @media (max-width: 480px) { .x { padding: 0 !important; } }  ";
        let sheet = sheet(css).unwrap();
        assert_eq!(sheet.rules.len(), 2);
        assert_eq!(
            sheet.media,
            ["@media (max-width: 480px) { .x { padding: 0 !important; } }"]
        );
        let body = &sheet.rules[0];
        assert_eq!(body.selectors[0].specificity, 1);
        assert_eq!(
            body.declarations[1],
            Declaration {
                name: "font-family".into(),
                value: "\"A B\", serif".into()
            }
        );
        let second = &sheet.rules[1];
        assert_eq!(second.selectors[0].specificity, (1 << 10) | 1);
        assert_eq!(second.selectors[0].chain.len(), 2);
        assert_eq!(second.selectors[1].specificity, (1 << 20) | (1 << 10) | 1);
        assert_eq!(second.selectors[1].chain[0].tag.as_deref(), Some("h1"));
        assert!(second.declarations[0].important());
    }

    #[test]
    fn leaves_the_subset_for_anything_else() {
        for css in [
            "a:hover { color: red }",
            "a > b { color: red }",
            "[x] { color: red }",
            "* { color: red }",
            "@import url(x.css);",
            "@font-face { font-family: x }",
            "a { color: red; /* no */ }",
            "a { --x: 1 }",
            "a { color: var(--x) }",
            "a { Color: red }",
            "a { color: red ! important }",
            "a { color: }",
            "a { content: \"\\201C\" }",
            ".\\31 x { color: red }",
            "a { color: red",
            "a, { color: red }",
        ] {
            assert_eq!(sheet(css), None, "{css}");
        }
    }
}
