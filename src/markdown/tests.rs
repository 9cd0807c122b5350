//! Tests of `render` as a whole: features, safety, highlighting snapshots, properties.

use super::*;
use std::sync::LazyLock;

static HL: LazyLock<Highlighter> = LazyLock::new(Highlighter::new);

fn md(src: &str) -> Rendered {
    render(src, "story", &MarkdownOptions::default(), &HL)
}

#[test]
fn smoke() {
    let r = md("# Intro\n\nHello *world* [x](javascript:alert(1)).\n\n```rs\nfn main() {}\n```\n");
    println!("{r:#?}");
}
