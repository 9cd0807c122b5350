//! `email.html`: the theme's template rendered, then made safe for mail programs, which
//! ignore most `<style>` rules: the CSS is inlined into `style` attributes (`inline`);
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
    let html = crate::urls::add_image_sizes(&html, |src| input.image_size(src));
    Ok(super::inline::inline(&html, &input.sheets))
}
