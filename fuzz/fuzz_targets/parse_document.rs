//! Fuzzes the content parser: bytes -> UTF-8 check -> front matter -> fields -> Markdown.
//! Run: `cargo +nightly fuzz run parse_document` (see docs/hardening.md).
#![no_main]

use std::path::Path;

use gazette::content::{parse_document, Kind};
use gazette::markdown::MarkdownOptions;
use libfuzzer_sys::fuzz_target;

mod common;
use common::env;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let env = env();
    let options = MarkdownOptions {
        math: false,
        unsafe_html: false,
        highlight: true,
    };
    for (rel, kind) in [
        ("2024/2024-05-28-fuzz.md", Kind::Article),
        ("pages/fuzz.md", Kind::Page),
    ] {
        let (doc, _diags) = parse_document(
            text,
            Path::new("content/fuzz.md"),
            rel.to_string(),
            kind,
            &env.config,
            &options,
            &env.hl,
        );
        if let Some(doc) = doc {
            assert!(!doc.slug.is_empty() && !doc.slug.contains(['/', '\\', '.']));
            assert!(!doc.body.html.chars().any(
                |c| matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}')
            ));
        }
    }
});
