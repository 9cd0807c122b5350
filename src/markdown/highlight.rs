//! Code blocks: info strings, syntect highlighting with CSS classes, and theme stylesheets.

use super::highlight_cache::HighlightCache;
use super::line_memo::LineMemo;
use crate::text::escape_html;
use std::sync::OnceLock;
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::LazyThemeSet;

pub const DEFAULT_LIGHT_THEME: &str = "InspiredGitHub";
pub const DEFAULT_DARK_THEME: &str = "base16-ocean.dark";

/// Prefixed so that a site theme's own `.comment` or `.string` never styles our spans.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };
/// The class syntect's stylesheet gives the theme's foreground and background.
const BLOCK_CLASS: &str = "hl-code";

/// Info strings that mean "no highlighting", rendered as plain code without a lookup.
const PLAIN: &[&str] = &[
    "text",
    "txt",
    "plain",
    "plaintext",
    "none",
    "nohighlight",
    "output",
];

/// Names people write that syntect knows by another token.
const ALIASES: &[(&str, &str)] = &[
    ("console", "bash"),
    ("shell", "bash"),
    ("shell-session", "bash"),
    ("zsh", "bash"),
    ("rs", "rust"),
    ("yml", "yaml"),
    ("js", "javascript"),
    ("jsx", "javascript"),
    ("ts", "typescript"),
    ("py", "python"),
    ("golang", "go"),
    ("dockerfile", "Dockerfile"),
];

/// The syntax grammars and themes, loaded once per process (on first use) and shared by
/// every thread.
pub struct Highlighter {
    /// syntect's own grammars: faster than two-face's for the common languages (measured
    /// on the bench corpus: Rust +8%, Bash +7%, JSON +25% lines/s, Python the same).
    defaults: OnceLock<SyntaxSet>,
    /// two-face's (bat's) larger set, for what syntect lacks (TypeScript, TOML, Dockerfile…).
    extra: OnceLock<SyntaxSet>,
    /// Read when a stylesheet is first asked for (in the render stage, beside the pages),
    /// not while the build starts on one core.
    themes: OnceLock<LazyThemeSet>,
    /// Blocks highlighted by earlier runs (build and serve); None with `--no-cache`.
    cache: Option<HighlightCache>,
    /// Lines parsed by this highlighter, for the lines that repeat across blocks.
    lines: LineMemo,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    /// syntect's grammars, then two-face's (TypeScript, TOML, Dockerfile…); grammars are
    /// loaded on the first code block that asks for a language, themes when asked for.
    pub fn new() -> Self {
        Self::with_cache(None)
    }

    /// A highlighter that reuses (and stores) highlighted blocks in `cache`.
    pub fn with_cache(cache: Option<HighlightCache>) -> Self {
        Highlighter {
            defaults: OnceLock::new(),
            extra: OnceLock::new(),
            themes: OnceLock::new(),
            cache,
            lines: LineMemo::default(),
        }
    }

    /// The cache in use, if any (to prune it after a run and report a write failure).
    pub fn cache(&self) -> Option<&HighlightCache> {
        self.cache.as_ref()
    }

    /// A stylesheet for our CSS classes in the named theme, or None if there is no such theme.
    pub fn theme_css(&self, theme: &str) -> Option<String> {
        css_for_theme_with_class_style(self.themes().get(theme)?, CLASS_STYLE).ok()
    }

    pub fn theme_names(&self) -> Vec<String> {
        self.themes().theme_names().map(String::from).collect()
    }

    fn themes(&self) -> &LazyThemeSet {
        self.themes.get_or_init(|| two_face::theme::extra().into())
    }

    /// The grammar for a language and the set it belongs to.
    #[cfg(test)]
    fn find_syntax(&self, lang: &str) -> Option<(&SyntaxSet, &SyntaxReference)> {
        self.syntax_for(token_of(lang)?)
    }

    /// The grammar syntect knows by `token`: its own first, then two-face's. Loads them.
    fn syntax_for(&self, token: &str) -> Option<(&SyntaxSet, &SyntaxReference)> {
        let defaults = self.defaults.get_or_init(SyntaxSet::load_defaults_newlines);
        if let Some(syntax) = defaults.find_syntax_by_token(token) {
            return Some((defaults, syntax));
        }
        let extra = self.extra.get_or_init(two_face::syntax::extra_newlines);
        extra.find_syntax_by_token(token).map(|s| (extra, s))
    }

    /// Appends `<pre><code>` for one code block: highlighted when asked and the language
    /// is known, else plain escaped text with a `language-xxx` class.
    pub(crate) fn write_code_block(
        &self,
        lang: Option<&str>,
        code: &str,
        highlight: bool,
        out: &mut String,
    ) {
        let token = lang.filter(|_| highlight).and_then(token_of);
        let highlighted = token.and_then(|token| self.highlighted(token, code));
        if highlight {
            out.push_str("<pre class=\"");
            out.push_str(BLOCK_CLASS);
            out.push_str("\">");
        } else {
            out.push_str("<pre>");
        }
        match lang {
            Some(lang) => {
                out.push_str("<code class=\"language-");
                out.push_str(lang);
                out.push_str("\">");
            }
            None => out.push_str("<code>"),
        }
        match highlighted {
            Some(html) => out.push_str(&html),
            None => out.push_str(&escape_html(code)),
        }
        out.push_str("</code></pre>\n");
    }
}

impl Highlighter {
    /// The block's HTML from the cache, else highlighted now (and stored); None when no
    /// grammar knows `token`. The cache is keyed by the token, not the grammar, so that a
    /// build whose blocks are all cached never loads a grammar.
    fn highlighted(&self, token: &str, code: &str) -> Option<String> {
        if let Some(html) = self.cache.as_ref().and_then(|c| c.get(token, code)) {
            return Some(html);
        }
        let (set, syntax) = self.syntax_for(token)?;
        let html = self.highlight_block(set, syntax, code)?;
        if let Some(cache) = &self.cache {
            cache.put(token, code, &html);
        }
        Some(html)
    }

    /// The block's HTML as syntect's `ClassedHTMLGenerator` writes it, with each line's
    /// parse through the line memo. One parse state per block: it is never shared.
    fn highlight_block(
        &self,
        set: &SyntaxSet,
        syntax: &SyntaxReference,
        code: &str,
    ) -> Option<String> {
        let mut state = ParseState::new(syntax);
        let mut scopes = ScopeStack::new();
        let mut html = String::with_capacity(code.len() * 4);
        let mut open_spans = 0isize;
        for line in LinesWithEndings::from(code) {
            let ops = self.lines.parse_line(&mut state, line, set).ok()?;
            let (spans, delta) =
                line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut scopes).ok()?;
            open_spans += delta;
            html.push_str(&spans);
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        Some(html)
    }
}

/// The token syntect knows a language by (aliases resolved), or None for the names that
/// mean plain text.
fn token_of(lang: &str) -> Option<&str> {
    let lower = lang.to_ascii_lowercase();
    if PLAIN.contains(&lower.as_str()) {
        return None;
    }
    Some(
        ALIASES
            .iter()
            .find(|(alias, _)| *alias == lower)
            .map_or(lang, |(_, name)| name),
    )
}

/// The language a fence's info string names, as people write it: `rust`, `rust,ignore`,
/// `rust=`, `{.python}`, `language-js`. Only characters safe in a class name are kept.
pub(crate) fn language_of(info: &str) -> Option<&str> {
    let info = info.trim_start();
    let info = match info.strip_prefix('{') {
        Some(attrs) => attrs.trim_start().trim_start_matches('.'),
        None => info,
    };
    let info = info.strip_prefix("language-").unwrap_or(info);
    let end = info
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '#' | '.')))
        .unwrap_or(info.len());
    Some(&info[..end]).filter(|lang| !lang.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_info_strings_as_people_write_them() {
        for (info, lang) in [
            ("rust", Some("rust")),
            ("rust,ignore", Some("rust")),
            ("rust=", Some("rust")),
            ("{.python}", Some("python")),
            ("{ .python .numberLines }", Some("python")),
            ("language-js", Some("js")),
            ("c++ title=\"x\"", Some("c++")),
            ("  sh", Some("sh")),
            ("\"><script>", None),
            ("", None),
        ] {
            assert_eq!(language_of(info), lang, "info string {info:?}");
        }
    }

    #[test]
    fn resolves_common_language_names() {
        let hl = Highlighter::new();
        for lang in [
            "rust",
            "rs",
            "console",
            "sh",
            "shell",
            "bash",
            "yml",
            "yaml",
            "js",
            "ts",
            "json",
            "diff",
            "toml",
            "dockerfile",
            "python",
            "py",
            "go",
            "c",
            "cpp",
            "html",
            "css",
        ] {
            assert!(hl.find_syntax(lang).is_some(), "no syntax for {lang}");
        }
        assert!(hl.find_syntax("text").is_none());
        assert!(hl.find_syntax("no-such-language").is_none());
    }

    #[test]
    fn theme_css_uses_our_class_prefix() {
        let hl = Highlighter::new();
        for theme in [DEFAULT_LIGHT_THEME, DEFAULT_DARK_THEME] {
            let css = hl.theme_css(theme).expect("default theme exists");
            assert!(css.contains(".hl-code {"), "{theme}: {css}");
            assert!(css.contains(".hl-comment"), "{theme}");
        }
        assert!(hl.theme_names().iter().any(|t| t == "Nord"));
        assert!(hl.theme_css("No Such Theme").is_none());
    }

    /// A block as syntect's own generator writes it: what `highlight_block` must equal.
    fn reference_block(hl: &Highlighter, lang: &str, code: &str) -> String {
        let (set, syntax) = hl.find_syntax(lang).expect("known language");
        let mut html =
            syntect::html::ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            html.parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        html.finalize()
    }

    fn highlighted(hl: &Highlighter, lang: &str, code: &str) -> String {
        let (set, syntax) = hl.find_syntax(lang).expect("known language");
        hl.highlight_block(set, syntax, code).expect("highlighted")
    }

    /// Lines that open and close strings, comments, heredocs and raw strings, so that the
    /// same line is met in different parser states.
    const LINES: &[(&str, &[&str])] = &[
        (
            "rust",
            &[
                "fn main() {",
                "}",
                "",
                "/* a comment opens",
                "and closes */",
                "let s = \"",
                "\";",
                "r#\"raw",
                "\"#;",
                "    x += 1; // note",
                "use std::io;",
                "'a'",
            ],
        ),
        (
            "bash",
            &[
                "cat <<EOF",
                "cat <<END",
                "EOF",
                "END",
                "echo \"$HOME\"",
                "if [ -f x ]; then",
                "fi",
                "'",
                "# comment",
                "x=$(ls)",
            ],
        ),
        (
            "python",
            &[
                "\"\"\"",
                "def f(x):",
                "    return x",
                "'''",
                "# c",
                "print('a')",
                "",
            ],
        ),
    ];

    #[test]
    fn a_repeated_line_is_parsed_once_and_written_the_same() {
        let hl = Highlighter::new();
        let code = "use std::io;\nfn main() {}\n";
        let first = highlighted(&hl, "rust", code);
        let again = highlighted(&hl, "rust", code);
        let third = highlighted(&hl, "rust", code);
        assert_eq!(first, reference_block(&hl, "rust", code));
        assert_eq!(again, first);
        assert_eq!(third, first);
        // Stored when met the second time, reused from the third.
        assert_eq!(hl.lines.reused(), 2);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Blocks drawn from a few lines, highlighted one after another by one highlighter
        /// (its memo filling as it goes), equal syntect's generator block by block.
        #[test]
        fn memoized_lines_equal_syntects_generator(
            blocks in proptest::collection::vec(
                (0..LINES.len(), proptest::collection::vec(0..12usize, 1..12)),
                1..12,
            )
        ) {
            let hl = Highlighter::new();
            for (lang, picks) in blocks {
                let (lang, lines) = LINES[lang];
                let code: String = picks.iter().map(|&i| format!("{}\n", lines[i % lines.len()])).collect();
                proptest::prop_assert_eq!(highlighted(&hl, lang, &code), reference_block(&hl, lang, &code));
            }
        }
    }

    /// Oniguruma compiles without a process-wide lock (vendor/onig/PATCHED.md): threads
    /// that each meet the same grammars for the first time, at the same moment, compile
    /// their patterns at once and must still write what one thread writes.
    #[test]
    fn grammars_compiled_by_threads_at_once_highlight_as_one_thread_does() {
        let blocks = [
            ("rust", "fn main() {\n    let s = r#\"raw\"#;\n}\n"),
            ("python", "def f(x):\n    return x  # c\n"),
            ("bash", "cat <<EOF\n$HOME\nEOF\n"),
            ("ts", "const x: number = 1;\n"),
            ("go", "package main\nfunc main() {}\n"),
            ("sql", "SELECT a FROM b WHERE c = 'd';\n"),
            ("ruby", "def f; puts \"#{x}\"; end\n"),
            ("yaml", "a: [1, 2]\n"),
        ];
        let reference = Highlighter::new();
        let expected: Vec<String> = blocks
            .iter()
            .map(|(lang, code)| reference_block(&reference, lang, code))
            .collect();
        let start = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            for turn in 0..4 {
                let (start, blocks, expected) = (&start, &blocks, &expected);
                scope.spawn(move || {
                    let hl = Highlighter::new();
                    start.wait();
                    // Each thread takes the languages in its own order, so that different
                    // grammars are compiled side by side.
                    for i in (0..blocks.len()).map(|i| (i + turn * 3) % blocks.len()) {
                        let (lang, code) = blocks[i];
                        assert_eq!(highlighted(&hl, lang, code), expected[i], "{lang}");
                    }
                });
            }
        });
    }

    #[test]
    fn highlighter_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Highlighter>();
    }
}
