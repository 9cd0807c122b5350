//! `email.html`: the theme's template rendered, then made safe for mail programs, which
//! ignore most `<style>` rules: the CSS is inlined into `style` attributes (css-inline);
//! only `@media` rules (phone widths, dark mode) stay in a `<style>` element.

use serde::Serialize;
use tera::{Context, Value};

use super::{EditionValues, Input, TEMPLATE};

/// A story listed by title only.
#[derive(Serialize)]
struct Listed<'a> {
    title: &'a str,
    url: String,
}

/// The edition's HTML email with its first `full` stories in full and the rest by title.
pub fn render(input: &Input, values: &EditionValues, full: usize) -> Result<String, tera::Error> {
    let config = input.config;
    let mut ctx = Context::new();
    ctx.insert_value("site", input.shared.site.clone());
    ctx.insert_value("feeds", input.shared.feeds.clone());
    ctx.insert_value("edition", values.view.clone());
    ctx.insert_value("items", Value::from(values.stories[..full].to_vec()));
    let more: Vec<Listed> = values.edition.stories[full..]
        .iter()
        .map(|&i| {
            let story = &input.digest.stories[i];
            Listed {
                title: &story.doc.front_matter.title,
                url: super::abs(config, &story.path),
            }
        })
        .collect();
    ctx.insert("more", &more);
    ctx.insert("preheader", &values.preheader);
    ctx.insert("unsubscribe", &config.newsletter.unsubscribe);
    let html = input.theme.tera.render(TEMPLATE, &ctx)?;
    Ok(inline(&html))
}

/// `html` with its `<style>` rules in `style` attributes, `@media` rules kept in one
/// `<style>`, and `<link rel=stylesheet>` dropped (never fetched). If the inliner fails
/// (it accepts any HTML; only its own errors remain), the HTML is kept as rendered.
pub fn inline(html: &str) -> String {
    let inliner = css_inline::CSSInliner::options()
        .keep_style_tags(false)
        .keep_link_tags(false)
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .build();
    let inlined = inliner.inline(html).unwrap_or_else(|_| html.to_string());
    media_last_in_head(inlined)
}

/// The inliner puts the kept `@media` rules first in `<head>`; they go last, so that
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
