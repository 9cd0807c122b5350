//! Fuzzes `gazette import`: captured bytes (as HTML and as text) -> capture -> draft, and
//! checks the promise `import` makes: a draft it writes is an article gazette reads without
//! an error. Run: `cargo +nightly fuzz run import_capture` (see docs/hardening.md).
#![no_main]

use std::path::Path;

use gazette::content::{parse_document, Kind};
use gazette::import::{make_draft, parse_capture, ImportOptions};
use gazette::markdown::MarkdownOptions;
use libfuzzer_sys::fuzz_target;

mod common;
use common::env;

fuzz_target!(|data: &[u8]| {
    let env = env();
    let today = jiff::civil::date(2026, 11, 28);
    let options = MarkdownOptions {
        math: false,
        unsafe_html: false,
        highlight: false,
    };
    for name in ["capture.html", "capture.txt"] {
        let Ok(capture) = parse_capture(name, data) else {
            continue;
        };
        let draft = make_draft(&capture, &ImportOptions::default(), &[], &[], today);
        let rel = format!("imported/{}", draft.file_name);
        let (doc, diags) = parse_document(
            &draft.markdown,
            Path::new("content/imported/draft.md"),
            rel,
            Kind::Article,
            &env.config,
            &options,
            &env.hl,
        );
        assert!(
            doc.is_some(),
            "a draft gazette cannot read: {diags:?}\n{}",
            draft.markdown
        );
    }
});
