//! Template syntax left in Markdown by other generators (Jekyll's Liquid, Jinja, Tera).
//! gazette runs no templates in content; before rendering, the two forms whose meaning is
//! plain are translated — `{% highlight lang %}…{% endhighlight %}` (and Hugo's
//! `{{< highlight lang >}}…{{< /highlight >}}`, Hexo's `{% codeblock lang:x %}`) becomes fenced code,
//! `{% raw %}`/`{% endraw %}` markers are dropped, and Jekyll's `{{ site.baseurl }}` and
//! `{{ site.url }}` before a `/` are dropped (leaving a site-root link, which gazette
//! resolves against `base_url`), WordPress's `[caption]` markers are dropped (their image
//! and text stay), Obsidian's `[[links]]` become links and its `%%comments%%` go — and the
//! rest, WordPress's other shortcodes included, is counted so the build can warn that it is
//! published as written. Emoji shortcodes (`:tada:`, emoji.rs) become their emoji.

use std::borrow::Cow;
use std::ops::Range;

/// A Markdown body with the translations above applied.
#[derive(Debug, PartialEq, Eq)]
pub struct Translated<'a> {
    pub text: Cow<'a, str>,
    /// Lines dropped (marker-only `{% raw %}` lines): for each, the 1-based line of `text`
    /// that followed it, so a line of `text` maps back with [`Translated::source_line`].
    pub dropped: Vec<usize>,
    /// Template syntax still in the text, outside code: where first, and how often.
    pub leftover: Option<Leftover>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// 1-based line in the body as written.
    pub line: usize,
    pub count: usize,
    /// The first occurrence, shortened.
    pub example: String,
}

impl Translated<'_> {
    /// The body line (as written) of line `line` of the translated text.
    pub fn source_line(&self, line: usize) -> usize {
        line + self.dropped.iter().take_while(|&&d| d <= line).count()
    }
}

/// The generators whose syntax only their own documents hold, and which is text in
/// anyone else's.
#[derive(Debug, Clone, Default)]
pub struct Dialects {
    /// A note of an Obsidian vault: its `[[links]]` and `%%comments%%` are Obsidian's.
    pub obsidian: bool,
    /// A Pelican article: its link markers (`{filename}`, `{static}`) are Pelican's, and
    /// name paths from this folder below `content/` (`blog/content/`; empty for
    /// `content/` itself), the one Pelican reads.
    pub pelican: Option<String>,
    /// An HTML post: a block of code translated from a shortcode is an HTML `<pre>`, since
    /// a fence would be text inside the HTML around it.
    pub html: bool,
}

/// Translates `body`; borrows it untouched when it holds no template syntax at all.
pub fn translate<'a>(body: &'a str, dialects: &Dialects) -> Translated<'a> {
    if !has_syntax(body) {
        return Translated {
            text: Cow::Borrowed(body),
            dropped: Vec::new(),
            leftover: None,
        };
    }
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut t = Translator {
        obsidian: dialects.obsidian,
        pelican: dialects.pelican.clone(),
        html: dialects.html,
        ..Translator::default()
    };
    let mut i = 0;
    while i < lines.len() {
        i = t.line(&lines, i);
    }
    // Inline footnotes' definitions, after the text (see `inline_footnotes`).
    if !t.inline_notes.is_empty() {
        if !t.out.ends_with('\n') {
            t.out.push('\n');
        }
        for (n, note) in t.inline_notes.iter().enumerate() {
            t.out
                .push_str(&format!("\n[^{INLINE_NOTE}{}]: {note}\n", n + 1));
        }
    }
    Translated {
        text: Cow::Owned(t.out),
        dropped: t.dropped,
        leftover: t.leftover,
    }
}

/// True when `body` may hold something [`translate`] changes or counts: one pass over the
/// bytes that can open it.
fn has_syntax(body: &str) -> bool {
    let bytes = body.as_bytes();
    let opens = |at: usize| {
        // Each of the three bytes is ASCII, so `at` is a character boundary.
        let rest = &body[at..];
        match bytes[at] {
            b'{' => {
                rest.starts_with("{%")
                    || rest.starts_with("{{")
                    || ["{filename}", "{static}", "{attach}", "{/*", "{:"]
                        .iter()
                        .any(|m| rest.starts_with(m))
            }
            b'[' => rest.starts_with("[[") || shortcode_at(rest).is_some(),
            _ => rest.starts_with("%%") || rest.starts_with("%[http"),
        }
    };
    memchr::memchr3_iter(b'{', b'[', b'%', bytes).any(opens)
        || memchr::memmem::find(bytes, b"|filename|").is_some()
        || memchr::memmem::find(bytes, b"|static|").is_some()
        || a_line_starts(body, "import ", is_mdx_module_line)
        || a_line_starts(body, "export ", is_mdx_module_line)
        || a_line_starts(body, ":::", |l| Quote::opened_by(l).is_some())
        || a_line_starts(body, "!!!", |l| indented_block_start(l).is_some())
        || a_line_starts(body, "???", |l| indented_block_start(l).is_some())
        || a_line_starts(body, "===", |l| indented_block_start(l).is_some())
        || memchr::memmem::find(bytes, b"[TOC]").is_some()
        || memchr::memmem::find(bytes, b" align=\"").is_some()
        || memchr::memmem::find(bytes, b"{:toc}").is_some()
        || memchr::memmem::find(bytes, b"^[").is_some()
        || memchr::memmem::find(bytes, b"[!code ").is_some()
        || memchr::memmem::find(bytes, b"highlight-").is_some()
        || super::emoji::has_emoji(body)
        || memchr::memmem::find(bytes, b"<Badge ").is_some()
        || memchr::memmem::find(bytes, b"markdown=").is_some()
}

/// True when `needle` (ASCII) is in `hay`, in any case.
fn contains_ignoring_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// How many levels of indentation (four spaces, or a tab, each), up to `most`, `line` has,
/// and the line without them.
fn indent_levels(line: &str, most: usize) -> (usize, &str) {
    let mut rest = line;
    let mut depth = 0;
    while depth < most {
        match rest
            .strip_prefix("    ")
            .or_else(|| rest.strip_prefix('\t'))
        {
            Some(inner) => rest = inner,
            None => break,
        }
        depth += 1;
    }
    (depth, rest)
}

/// `line` with at most `n` of its leading spaces taken off, as Markdown takes a fence's
/// own indentation off the lines inside it.
fn without_indent(line: &str, n: usize) -> &str {
    let spaces = line.len() - line.trim_start_matches(' ').len();
    &line[spaces.min(n)..]
}

/// True when a line of `body` starts with `start` and `holds` for it.
fn a_line_starts(body: &str, start: &str, holds: impl Fn(&str) -> bool) -> bool {
    memchr::memmem::find_iter(body.as_bytes(), start.as_bytes())
        .filter(|&at| at == 0 || body.as_bytes()[at - 1] == b'\n')
        .any(|at| holds(body[at..].split('\n').next().unwrap_or("")))
}

#[derive(Default)]
struct Translator {
    out: String,
    out_lines: usize,
    dropped: Vec<usize>,
    leftover: Option<Leftover>,
    /// Inside fenced code: the fence's character and length.
    fence: Option<(char, usize)>,
    /// Inside `{% raw %}`: template syntax is meant literally there.
    raw: bool,
    /// Inside an inline code span continued from an earlier line: its backtick count.
    span: Option<usize>,
    /// Obsidian's syntax is read (see [`Dialects`]).
    obsidian: bool,
    /// Pelican's link markers are read, with paths from this folder.
    pelican: Option<String>,
    /// Inside an Obsidian comment opened on an earlier line.
    comment: bool,
    /// The post is HTML (see [`Dialects::html`]).
    html: bool,
    /// The quotes written in other generators' syntax that the line is in, outermost first
    /// (admonitions nest, the outer one with more colons).
    quotes: Vec<Quote>,
    /// Inside a `<pre>` element, or a fence within a quote (see `obsidian_code`).
    pre: bool,
    quote_fence: bool,
    /// Inside code within a quote: how much indentation its opening line had, the most
    /// taken off each of its lines (the rest is the code's own).
    code_indent: Option<usize>,
    /// The blocks written by indentation that the line is in, outermost first (see
    /// [`indented_block_start`]): true for an admonition, a quote; false for a tab.
    indented: Vec<bool>,
    /// The text of each inline footnote met so far, in order.
    inline_notes: Vec<String>,
}

impl Translator {
    /// Handles line `i` (and, for a highlight block, the lines up to its end); returns the
    /// index of the next line to handle.
    fn line(&mut self, lines: &[&str], i: usize) -> usize {
        // Inside an Obsidian comment, code fences included, everything is hidden up to its
        // closing `%%` (to the end when none closes it, as Obsidian hides it); what follows
        // on that line is text again.
        let after_comment;
        let line = if self.comment {
            match lines[i].find("%%") {
                None => {
                    self.push("\n");
                    return i + 1;
                }
                Some(at) => {
                    self.comment = false;
                    after_comment = lines[i][at + 2..].to_string();
                    after_comment.as_str()
                }
            }
        } else {
            lines[i]
        };
        let line = self.dedented(line, lines.get(i + 1..).unwrap_or_default());
        let content = line.trim_end_matches('\n');
        if let Some((ch, len)) = self.fence {
            if fence_of(content).is_some_and(|(c, l, info)| c == ch && l >= len && info.is_empty())
            {
                self.fence = None;
                self.code_indent = None;
            }
            match without_code_notes(line) {
                Some(line) => {
                    self.push_without_raw_markers(&line);
                }
                None => self.dropped.push(self.out_lines + 1),
            }
            return i + 1;
        }
        // WordPress's code shortcodes are read outside code only: not in an indented block
        // or an HTML `<pre>` (whose own lines, read below, keep their state).
        let indented = content.starts_with("    ") || content.starts_with('\t');
        let start = code_block_start(content)
            .filter(|_| !(self.pre || indented) || !content.trim_start().starts_with('['));
        if let Some((lang, ends)) = start {
            if let Some(end) =
                (i + 1..lines.len()).find(|&j| ends.iter().any(|e| ends_code(lines[j], e)))
            {
                let code = &lines[i + 1..end];
                if self.html {
                    self.push_pre(code);
                    return end + 1;
                }
                let fence = "`".repeat(longest_backtick_run(code).max(2) + 1);
                // In a list item, indented as the tag is, so the code stays in the item; a
                // code line indented less is moved in with it, as Markdown takes that
                // indent off every line of the fence. Elsewhere, at the margin (four
                // spaces there would make the fence itself code).
                let indent = &content[..content.len() - content.trim_start().len()];
                let indent = if in_list_item(lines, i, indent.len()) {
                    indent
                } else {
                    ""
                };
                self.push(&format!("{indent}{fence}{lang}\n"));
                self.code_indent = Some(indent.len());
                for code_line in code {
                    if code_line.trim().is_empty() || code_line.starts_with(indent) {
                        self.push_without_raw_markers(code_line);
                    } else {
                        self.push_without_raw_markers(&format!("{indent}{code_line}"));
                    }
                }
                self.code_indent = None;
                self.push(&format!("{indent}{fence}\n"));
                return end + 1;
            }
        }
        // MDX's module lines (a Docusaurus or Astro post renamed to .md) are code for its
        // components, never text; kept empty, so later lines keep their numbers.
        if is_mdx_module_line(content) {
            self.push("\n");
            return i + 1;
        }
        // A table of contents asked of another generator (`[[toc]]`, `[TOC]`, kramdown's
        // `* TOC` above `{:toc}`): gazette makes none, so the marker goes, lines kept.
        // Neither is read in indented code or a code span left open on an earlier line.
        let in_pre = self.pre_line(content);
        let code = in_pre
            || content.starts_with("    ")
            || content.starts_with('\t')
            || self.span.is_some();
        let next = lines.get(i + 1).map(|l| l.trim_end_matches('\n').trim());
        if !code && is_kramdown_toc_item(content) && next == Some("{:toc}") {
            self.push("\n\n");
            return i + 2;
        }
        if !code && is_toc_marker(content) && !defines_link(lines, content) {
            self.push("\n");
            return i + 1;
        }
        // Hashnode's embed, `%[https://…]` on its own line: a link to what it embeds.
        if let Some(url) = hashnode_embed(content).filter(|_| !code) {
            self.push(&format!("<{url}>\n"));
            return i + 1;
        }
        // Hexo's `{% blockquote %}` and Docusaurus's `:::note` admonition: their lines are
        // Markdown's quote, each translated as any line is. The marker lines are kept (the
        // admonition's title, the quote's attribution, or empty), so lines keep their
        // numbers.
        if self.quotes.last().is_some_and(|q| q.closes(content)) {
            match self.quotes.pop().and_then(|q| q.last_line) {
                Some(by) => self.push(&format!("> — {by}\n")),
                None => self.push("\n"),
            }
            return i + 1;
        }
        // MkDocs's (Python-Markdown's) `!!! note "Title"` and `=== "Tab"`: the lines
        // indented below it are its content. Without such lines, it is a sentence.
        let content_below = || self.indented_below(lines, i);
        if let Some((quoted, title)) = indented_block_start(content)
            .filter(|_| !code)
            .filter(|_| content_below())
        {
            let prefix = if quoted { "> " } else { "" };
            match title {
                Some(title) => self.push(&format!("{prefix}**{title}**  \n")),
                None => self.push("\n"),
            }
            self.indented.push(quoted);
            return i + 1;
        }
        if let Some((quote, first_line)) = Quote::opened_by(content) {
            if lines[i + 1..].iter().any(|l| quote.closes(l)) {
                // The title on a line of its own (a hard break), the text below it.
                match first_line {
                    Some(title) => self.push(&format!("> **{title}**  \n")),
                    None => self.push("\n"),
                }
                self.quotes.push(quote);
                return i + 1;
            }
        }
        if let Some((ch, len, _)) = fence_of(content) {
            self.fence = Some((ch, len));
            self.span = None;
            // In a quote, the code keeps its own indentation (see `push`).
            self.code_indent = Some(content.len() - content.trim_start_matches(' ').len());
            self.push(line);
            return i + 1;
        }
        // Obsidian's comments and links, outside code of any kind.
        let obsidian_line;
        let line = if self.obsidian && !self.raw && !in_pre && !self.obsidian_code(lines, i) {
            obsidian_line = self.obsidian_syntax(line);
            obsidian_line.as_str()
        } else {
            line
        };
        if content.trim().is_empty() {
            self.span = None;
        }
        // Counting walks the raw markers again, from the state this line started in.
        let raw_before = self.raw;
        // Nothing is rewritten in code: indented code (not a list item's text), a `<pre>`,
        // or a line with a code span.
        let indent = line.len() - line.trim_start_matches(' ').len();
        let indented_code =
            (indent >= 4 || line.starts_with('\t')) && !in_list_item(lines, i, indent);
        let line = if self.raw || line.contains('`') || indented_code || in_pre {
            Cow::Borrowed(line)
        } else {
            let line = tags_as_markdown(line);
            let line = match &self.pelican {
                Some(folder) => pelican_links(&line, folder),
                None => line,
            };
            let line = badge_texts(&line);
            let aligned = without_image_alignment(&line);
            let line = without_attribute_lists(&without_mdx_comments(&aligned)).into_owned();
            // In raw HTML, a footnote's reference would be text.
            let line = match line.trim_start().starts_with('<') {
                true => Cow::Owned(line),
                false => Cow::Owned(inline_footnotes(&line, &mut self.inline_notes).into_owned()),
            };
            let line =
                without_caption_markers(&document_links(&without_site_urls(&line))).into_owned();
            Cow::Owned(super::emoji::with_emoji(&line).into_owned())
        };
        let content = line.trim_end_matches('\n');
        let left = match indented_code || in_pre {
            true => Vec::new(),
            false => self.count_outside_code(content, i + 1),
        };
        self.raw = raw_before;
        self.push_without_raw_markers(&quotes_kept(&line, &left));
        i + 1
    }

    /// `line` without the indentation of the indented blocks it is in (four spaces, or a
    /// tab, a level); a line indented less ends the blocks it is not in. A blank line is in
    /// the blocks the next line that is not blank is in (`after` holds the lines after it),
    /// so that the next block, `!!! tip` after `!!! note`, is a quote of its own.
    fn dedented<'l>(&mut self, line: &'l str, after: &[&str]) -> &'l str {
        if self.indented.is_empty() {
            return line;
        }
        if line.trim().is_empty() {
            let next = after
                .iter()
                .find(|l| !l.trim().is_empty())
                .copied()
                .unwrap_or("");
            self.indented.truncate(self.levels(next).0);
            return line.trim_start_matches([' ', '\t']);
        }
        let (depth, rest) = self.levels(line);
        self.indented.truncate(depth);
        rest
    }

    /// How many of the indented blocks open `line` is indented into, and the line without
    /// their indentation.
    fn levels<'l>(&self, line: &'l str) -> (usize, &'l str) {
        indent_levels(line, self.indented.len())
    }

    /// True when `content` is in a `<pre>` element or opens one; follows the element from
    /// line to line.
    fn pre_line(&mut self, content: &str) -> bool {
        // HTML's `<pre>` opens a block only at a line's start (as Markdown reads HTML).
        let opens = content.trim_start().as_bytes().get(..5).is_some_and(|tag| {
            tag[..4].eq_ignore_ascii_case(b"<pre") && matches!(tag[4], b'>' | b' ')
        });
        let in_pre = self.pre || opens;
        self.pre = in_pre && !contains_ignoring_case(content, "</pre>");
        in_pre
    }

    /// True when the first non-blank line after line `i` is indented one level (four
    /// spaces, or a tab) more than the blocks line `i` is in.
    fn indented_below(&self, lines: &[&str], i: usize) -> bool {
        let below = self.indented.len() + 1;
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        next.is_some_and(|line| indent_levels(line, below).0 == below)
    }

    /// True when line `i` is code that the fences this translator follows do not cover, in
    /// which Obsidian reads no syntax: an indented code block (not a list item's text), a
    /// fence inside a quote (`<pre>` is [`Self::pre_line`]'s). Follows the quote's fence
    /// from line to line.
    fn obsidian_code(&mut self, lines: &[&str], i: usize) -> bool {
        let content = lines[i].trim_end_matches('\n');
        let quoted = content
            .trim_start()
            .strip_prefix('>')
            .map(|q| q.trim_start_matches(['>', ' ']));
        let quote_fence_line = quoted.is_some_and(|q| fence_of(q).is_some());
        let in_quote_fence = quoted.is_some() && (self.quote_fence || quote_fence_line);
        self.quote_fence = match quoted {
            Some(_) if quote_fence_line => !self.quote_fence,
            Some(_) => self.quote_fence,
            None => false,
        };
        let indent = content.len() - content.trim_start_matches(' ').len();
        let indented = (indent >= 4 || content.starts_with('\t'))
            && !content.trim().is_empty()
            && !in_list_item(lines, i, indent);
        in_quote_fence || indented
    }

    /// `line` with Obsidian's comments dropped and its links made Markdown's, outside code
    /// spans, HTML tags, HTML comments and autolinks. A comment `%%…%%` is the author's note
    /// to self, never published; one left open hides the lines after it up to its close (to
    /// the end, as Obsidian does).
    fn obsidian_syntax(&mut self, line: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        loop {
            // The next code span, tag, `%%` or `[[`, whichever comes first.
            let Some(at) = rest.find(['`', '%', '[', '<']) else {
                out.push_str(rest);
                break;
            };
            out.push_str(&rest[..at]);
            let here = &rest[at..];
            let tag = here.starts_with('<')
                && here[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
            if tag {
                // An HTML comment, a tag and its attributes, an autolink: as written.
                let close = if here.starts_with("<!--") { "-->" } else { ">" };
                let end = here[1..]
                    .find(close)
                    .map_or(here.len(), |e| 1 + e + close.len());
                out.push_str(&here[..end]);
                rest = &here[end..];
            } else if here.starts_with('`') {
                let run = here.bytes().take_while(|&b| b == b'`').count();
                let close = here[run..]
                    .find(&here[..run])
                    .map_or(run, |c| run + c + run);
                out.push_str(&here[..close]);
                rest = &here[close..];
            } else if let Some(comment) = here.strip_prefix("%%") {
                match comment.find("%%") {
                    Some(end) => rest = &comment[end + 2..],
                    None => {
                        self.comment = true;
                        out.push('\n');
                        break;
                    }
                }
            } else if let Some((link, len)) = here
                .strip_prefix("[[")
                .filter(|_| !ends_in_url(&out))
                .and_then(wikilink)
            {
                // `![[…]]` embeds (its `!` is already written): a picture is shown, any
                // other embed is a link; `[[picture.png]]` alone links to the file.
                let embedded = out.ends_with('!');
                if embedded {
                    out.pop();
                }
                out.push_str(if embedded {
                    &link
                } else {
                    link.trim_start_matches('!')
                });
                rest = &here[len..];
            } else {
                out.push_str(&here[..1]);
                rest = &here[1..];
            }
        }
        out
    }

    fn push(&mut self, text: &str) {
        let quotes = self.indented.iter().filter(|q| **q).count();
        if quotes > 0 {
            for line in text.split_inclusive('\n') {
                self.out.push_str(&"> ".repeat(quotes));
                self.out.push_str(line);
            }
            self.out_lines += text.matches('\n').count();
            return;
        }
        let quotes = self.quotes.iter().filter(|q| q.quoted).count();
        if !self.quotes.is_empty() {
            for line in text.split_inclusive('\n') {
                self.out.push_str(&"> ".repeat(quotes));
                self.out.push_str(match self.code_indent {
                    Some(n) => without_indent(line, n),
                    None => line.trim_start_matches([' ', '\t']),
                });
            }
        } else {
            self.out.push_str(text);
        }
        self.out_lines += text.matches('\n').count();
    }

    /// Pushes `line` without its raw markers (noting where raw regions open and close);
    /// a line that held only markers is dropped. Returns whether the line was kept.
    /// A block of code in an HTML post, as a `<pre>` on the lines of its shortcode and
    /// code. Its text is the post's HTML: a character reference (`&lt;`) stays one, and only
    /// a bare `<` or `>` is escaped. A blank line would end the HTML around it, so it holds
    /// a space (`&#32;`), which shows as the empty line it was.
    fn push_pre(&mut self, code: &[&str]) {
        self.push("<pre class=\"code\">\n");
        for line in code {
            let text = line.trim_end_matches('\n');
            match text.trim().is_empty() {
                true => self.push("&#32;\n"),
                false => self.push(&format!(
                    "{}\n",
                    text.replace('<', "&lt;").replace('>', "&gt;")
                )),
            }
        }
        self.push("</pre>\n");
    }

    fn push_without_raw_markers(&mut self, line: &str) -> bool {
        if !line.contains("{%") {
            self.push(line);
            return true;
        }
        let mut rest = line;
        let mut kept = String::with_capacity(line.len());
        let mut removed = false;
        while let Some(start) = rest.find("{%") {
            let Some(len) = rest[start..].find("%}").map(|e| e + 2) else {
                break;
            };
            let tag = &rest[start..start + len];
            if tag_name(tag) == Some("raw") || tag_name(tag) == Some("endraw") {
                self.raw = tag_name(tag) == Some("raw");
                kept.push_str(&rest[..start]);
                removed = true;
            } else {
                kept.push_str(&rest[..start + len]);
            }
            rest = &rest[start + len..];
        }
        kept.push_str(rest);
        if removed && kept.trim().is_empty() {
            self.dropped.push(self.out_lines + 1);
            return false;
        }
        self.push(&kept);
        true
    }

    /// Counts `{{ … }}` and `{% … %}` (and WordPress shortcodes) outside inline code spans
    /// and raw regions; returns where they are in `content`.
    fn count_outside_code(&mut self, content: &str, line_no: usize) -> Vec<Range<usize>> {
        let mut left = Vec::new();
        let bytes = content.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            if bytes[k] == b'`' {
                let run = bytes[k..].iter().take_while(|&&b| b == b'`').count();
                self.span = match self.span {
                    Some(open) if open == run => None,
                    Some(open) => Some(open),
                    None => Some(run),
                };
                k += run;
                continue;
            }
            if self.span.is_none() && !self.raw && bytes[k] == b'[' {
                if let Some(len) = shortcode_at(&content[k..]) {
                    self.note(&content[k..k + len], line_no);
                    left.push(k..k + len);
                    k += len;
                    continue;
                }
            }
            if self.span.is_none() && bytes[k] == b'{' {
                if let Some(len) = template_at(&content[k..]) {
                    let tag = &content[k..k + len];
                    match tag_name(tag) {
                        Some("raw") => self.raw = true,
                        Some("endraw") => self.raw = false,
                        _ if !self.raw => {
                            self.note(tag, line_no);
                            left.push(k..k + len);
                        }
                        _ => {}
                    }
                    k += len;
                    continue;
                }
            }
            k += 1;
        }
        left
    }

    fn note(&mut self, tag: &str, line: usize) {
        let found = self.leftover.get_or_insert_with(|| Leftover {
            line,
            count: 0,
            example: shorten(tag),
        });
        found.count += 1;
    }
}

/// `line` with the quotes inside the template tags at `left` written as character
/// references, which Markdown's smart punctuation leaves alone: such tags are published as
/// written, not with `“curly”` quotes.
fn quotes_kept<'a>(line: &'a str, left: &[Range<usize>]) -> Cow<'a, str> {
    let quoted = |r: &Range<usize>| line[r.clone()].contains(['"', '\'']);
    if !left.iter().any(quoted) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 16);
    let mut at = 0;
    for range in left {
        out.push_str(&line[at..range.start]);
        for c in line[range.clone()].chars() {
            match c {
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        at = range.end;
    }
    out.push_str(&line[at..]);
    Cow::Owned(out)
}

/// `line` with links to other documents by name written as links gazette resolves
/// (`crate::urls`, documents.rs): Jekyll's `{% post_url 2024-05-01-harbour %}` (after an
/// optional `{{ site.baseurl }}`) as `@post/2024-05-01-harbour`, its
/// `{% link _posts/2024-05-01-harbour.md %}` as `@link/_posts/2024-05-01-harbour.md` (a
/// file that is no document, `{% link assets/cv.pdf %}`, as its path `/assets/cv.pdf`),
/// Hugo's `{{< ref "blog/x" >}}` / `relref` as `@ref/blog/x` (resolved as Hugo does: see
/// `urls::documents`).
/// An Obsidian link, `[[Note]]`, `[[Note|words]]` (`\\|` in a table), `[[Note#Heading]]`,
/// `[[#Heading]]`, as Markdown: a link to the note by its name (`@wiki/`, resolved once
/// every note's URL is known), or to a file beside the note (`[[doc.pdf]]`). A picture's
/// Markdown starts with `!` (`![[sketch.png|300]]`, the width dropped). `inner` is what
/// follows `[[`; returns the Markdown and the length taken from `[[`.
/// `[[x]](url)` is a Markdown link around `[x]`, and brackets inside (`[[1, 2], [3]]`) are no
/// link: None.
fn wikilink(inner: &str) -> Option<(String, usize)> {
    let end = inner.find("]]")?;
    let target = &inner[..end];
    let after = &inner[end + 2..];
    if target.trim().is_empty()
        || target.contains(['[', ']', '<', '>', '`'])
        || after.starts_with(['(', '['])
    {
        return None;
    }
    let (target, words) = match target.split_once("\\|").or_else(|| target.split_once('|')) {
        Some((target, words)) => (target.trim(), Some(words.trim())),
        None => (target.trim(), None),
    };
    let (name, heading) = match target.split_once('#') {
        Some((name, heading)) => (name.trim(), Some(heading.trim())),
        None => (target, None),
    };
    let file = name.rsplit('/').next().unwrap_or(name);
    let extension = file
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase());
    let picture = extension
        .as_deref()
        .is_some_and(|ext| PICTURES.contains(&ext));
    let fragment = heading.map_or(String::new(), |h| format!("#{}", slug::slugify(h)));
    let shown = match (words, heading) {
        (Some(words), _) if !words.is_empty() && !words.bytes().all(|b| b.is_ascii_digit()) => {
            words.to_string()
        }
        (_, Some(heading)) if name.is_empty() => heading.to_string(),
        (_, Some(heading)) => format!("{file} › {heading}"),
        _ => file.to_string(),
    };
    let markdown = if picture {
        let alt = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        format!("![{alt}](<{name}>)")
    } else if name.is_empty() {
        format!("[{shown}]({fragment})")
    } else if extension.is_some() {
        format!("[{shown}](<{name}>)")
    } else {
        format!("[{shown}](<@wiki/{name}{fragment}>)")
    };
    Some((markdown, end + 4))
}

/// True when `text` ends inside a bare URL (`https://x.org/wiki/` before `[[b]]`), which
/// GFM makes a link whole.
fn ends_in_url(text: &str) -> bool {
    let word = text.rsplit(char::is_whitespace).next().unwrap_or(text);
    word.contains("://") || word.starts_with("www.")
}

/// Picture files an Obsidian embed shows as a picture.
const PICTURES: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "svg", "avif", "bmp"];

fn document_links(line: &str) -> Cow<'_, str> {
    if !(line.contains("post_url") || line.contains("link ") || line.contains("ref ")) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let tail = ["{{ site.baseurl }}", "{{site.baseurl}}"]
            .iter()
            .find_map(|base| tail.strip_prefix(base).filter(|t| t.starts_with("{%")))
            .unwrap_or(tail);
        let Some(len) = template_at(tail) else {
            out.push('{');
            rest = &tail[1..];
            continue;
        };
        let tag = &tail[..len];
        let words: Vec<&str> =
            tag_inner(tag).map_or(Vec::new(), |i| i.split_whitespace().collect());
        // Only where a link's destination goes: in running text the tag stays, and is
        // counted with the template syntax left.
        let in_link = ["](", "href=\"", "href='", "]: "]
            .iter()
            .any(|o| out.ends_with(o));
        match words[..] {
            _ if !in_link => out.push_str(tag),
            ["post_url", name] => out.push_str(&format!("@post/{name}")),
            ["link", path] => {
                let path = path.trim_start_matches('/');
                let name = path.rsplit('/').next().unwrap_or(path);
                let document =
                    crate::content::markdown_stem(name).is_some() || name.ends_with(".html");
                let prefix = if document { "@link/" } else { "/" };
                out.push_str(&format!("{prefix}{path}"));
            }
            // `ref "x"`, `ref 'x'`, or the named form `ref path="x"`.
            ["ref" | "relref", path] => {
                let path = path.strip_prefix("path=").unwrap_or(path);
                out.push_str(&format!("@ref/{}", path.trim_matches(['"', '\''])));
            }
            _ => out.push_str(tag),
        }
        rest = &tail[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Hexo's tags for a post's own files and links, in Markdown: `{% asset_img [class] x.png
/// [width height] ["title" ["alt"]] %}` a picture from the post's asset folder,
/// `{% asset_link x.pdf [words] %}` a link to a file there, `{% asset_path x %}` its path, and
/// `{% post_link name [words] %}` a link to the post of that file name. Embeds, in these
/// tags or Hugo's shortcodes, are links (see [`embed_url`]).
fn tags_as_markdown(line: &str) -> Cow<'_, str> {
    let opens = ["{%", "{{"].iter().any(|o| line.contains(o));
    let names = ["asset_", "post_link", "figure", "katex", "image", "include"]
        .iter()
        .chain(&EMBEDS);
    if !opens || !names.clone().any(|name| line.contains(name)) {
        return Cow::Borrowed(line);
    }
    let next_tag = |s: &str| s.find("{%").into_iter().chain(s.find("{{")).min();
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    // Inside dev.to's inline math, `{% katex inline %}…{% endkatex %}`: shown as code.
    let mut math = false;
    while let Some(at) = next_tag(rest) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(len) = template_at(tail) else {
            out.push_str(&tail[..2]);
            rest = &tail[2..];
            continue;
        };
        let tag = &tail[..len];
        // A Zola shortcode, `{{ youtube(id="x") }}`, as the words of a tag.
        let words = match tag_inner(tag) {
            Some(inner) => quoted_words(inner),
            None => tag
                .strip_prefix("{{")
                .and_then(|t| t.strip_suffix("}}"))
                .and_then(zola_call)
                .map(|(name, args)| {
                    let mut words = vec![name.to_string()];
                    words.extend(args.split_whitespace().map(str::to_string));
                    words
                })
                .unwrap_or_default(),
        };
        let word = |i: usize| words.get(i).map(String::as_str);
        // The words after the file or name, else the file or name itself.
        let text_or = |default: &str| match words.get(2..).map(|w| w.join(" ")) {
            Some(text) if !text.is_empty() => text,
            _ => default.to_string(),
        };
        let markdown = match word(0) {
            Some("asset_img") => {
                // An optional class first, then the file (the first word with a dot or a
                // slash), optional sizes, then a title and alt text.
                let file_at = (1..words.len()).find(|&i| words[i].contains(['.', '/']));
                file_at.map(|f| {
                    let text: Vec<&str> = words[f + 1..]
                        .iter()
                        .map(String::as_str)
                        .filter(|w| !w.bytes().all(|b| b.is_ascii_digit()))
                        .collect();
                    let alt = text.get(1).or(text.first()).copied().unwrap_or("");
                    format!("![{alt}](<{}>)", words[f])
                })
            }
            Some("asset_link") => word(1).map(|file| format!("[{}](<{file}>)", text_or(file))),
            Some("asset_path") => word(1).map(str::to_string),
            Some("post_link") => word(1).map(|name| format!("[{}](<@post/{name}>)", text_or(name))),
            // On a line of its own, as Hugo's figures are written (in a sentence, the
            // block it makes would break the paragraph).
            Some("figure") if tag.starts_with("{{") && line.trim() == tag => {
                hugo_figure(tag_inner(tag).unwrap_or(""))
            }
            // minimal-mistakes' helpers: `{% include video id="…" provider="youtube" %}` is
            // a link to the video, `{% include figure image_path="…" caption="…" %}` (on
            // its own line) the figure.
            Some("include") if tag.starts_with("{%") => {
                let inner = tag_inner(tag).unwrap_or("");
                match word(1) {
                    Some("video") => {
                        let provider = attribute(inner, "provider").unwrap_or_default();
                        let id = attribute(inner, "id").unwrap_or_default();
                        embed_url(&[provider.into_owned(), id.into_owned()])
                            .map(|url| format!("<{url}>"))
                    }
                    Some("figure") if line.trim() == tag => {
                        let src = attribute(inner, "image_path").unwrap_or_default();
                        let rest = inner.split_once("image_path").map_or("", |(_, r)| r);
                        hugo_figure(&format!(" src=\"{}\" {rest}", src.replace('"', "")))
                    }
                    _ => None,
                }
            }
            // Eleventy's image shortcode (eleventy-img): `{% image "src", "alt" %}`.
            // Only quoted text is read: a variable (`{% image src, alt %}`) is left.
            Some("image") if tag.starts_with("{%") => {
                let inner = tag_inner(tag).unwrap_or("");
                let args = inner
                    .strip_prefix("image")
                    .map(quoted_args)
                    .unwrap_or_default();
                let alt = args.get(1).map(|a| escaped_alt(a)).unwrap_or_default();
                args.first()
                    .filter(|src| !src.is_empty() && !src.contains(['<', '>', ' ']))
                    .map(|src| format!("![{alt}](<{src}>)"))
            }
            Some("katex") if word(1) == Some("inline") && !math => {
                math = tail[len..].contains("endkatex");
                math.then(|| "`".to_string())
            }
            Some("endkatex") if math => {
                math = false;
                Some("`".to_string())
            }
            _ => embed_url(&words).map(|url| format!("<{url}>")),
        };
        out.push_str(markdown.as_deref().unwrap_or(tag));
        rest = &tail[len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Hugo's `{{< figure src="x.jpg" alt="…" caption="…" title="…" link="…" >}}` as the HTML
/// figure Hugo makes of it (its picture, linked when asked, and its caption), on one line
/// so that later lines keep their numbers. None without a `src`.
fn hugo_figure(inner: &str) -> Option<String> {
    let value = |key: &str| {
        attribute(inner, key)
            .map(|v| crate::text::escape_html(&v).into_owned())
            .filter(|v| !v.is_empty())
    };
    let src = value("src")?;
    let caption = value("caption").or_else(|| value("title"));
    let alt = value("alt").or_else(|| caption.clone()).unwrap_or_default();
    let img = format!("<img src=\"{src}\" alt=\"{alt}\">");
    let img = match value("link") {
        Some(link) => format!("<a href=\"{link}\">{img}</a>"),
        None => img,
    };
    let caption = caption.map_or(String::new(), |c| format!("<figcaption>{c}</figcaption>"));
    Some(format!("<figure>{img}{caption}</figure>"))
}

/// The value of `key="…"` (or `'…'`, or unquoted up to a space) among a tag's words.
fn attribute<'t>(inner: &'t str, key: &str) -> Option<Cow<'t, str>> {
    let at = inner.match_indices(key).map(|(at, _)| at).find(|&at| {
        let after_space = at == 0 || inner.as_bytes()[at - 1].is_ascii_whitespace();
        after_space && inner[at + key.len()..].starts_with('=')
    })?;
    let rest = &inner[at + key.len() + 1..];
    match rest.chars().next()? {
        // Hugo's quoted values escape their quotes: `caption="A \"quoted\" word"`.
        q @ ('"' | '\'') => {
            let value = &rest[1..];
            let mut escaped = false;
            let end = value.char_indices().find_map(|(i, c)| {
                let closes = c == q && !escaped;
                escaped = c == '\\' && !escaped;
                closes.then_some(i)
            })?;
            let value = &value[..end];
            let escape = format!("\\{q}");
            Some(match value.contains(&escape) {
                true => Cow::Owned(value.replace(&escape, &q.to_string())),
                false => Cow::Borrowed(value),
            })
        }
        _ => rest.split_whitespace().next().map(Cow::Borrowed),
    }
}

/// The tags that embed another site's player or card: Jekyll plugins' and dev.to's
/// (`{% youtube ID %}`, `{% embed URL %}`, `{% github user/repo %}`) and Hugo's shortcodes
/// (`{{< youtube ID >}}`, `{{< tweet user="…" id="…" >}}`, `{{< gist user id >}}`).
const EMBEDS: [&str; 14] = [
    "youtube",
    "vimeo",
    "gist",
    "github",
    "twitter",
    "tweet",
    "instagram",
    "embed",
    "link",
    "codepen",
    "codesandbox",
    "stackblitz",
    "speakerdeck",
    "replit",
];

/// The address an embedding tag shows (its words, the tag's name first): gazette publishes
/// no other site's player, so the embed is a link to what it showed. IDs become the
/// service's address; the tags that take an address (`embed`, `link`, `codepen`…) need one.
fn embed_url(words: &[String]) -> Option<String> {
    let (name, args) = words.split_first()?;
    let name = name.as_str();
    if !EMBEDS.contains(&name) {
        return None;
    }
    let named = |key: &str| {
        args.iter()
            .find_map(|a| a.strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.trim_matches(['"', '\'']))
    };
    // `id="x"` is named; a URL's query (`watch?v=x`) is no name.
    let is_named = |a: &str| {
        a.split_once('=').is_some_and(|(key, _)| {
            !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
    };
    let plain: Vec<&str> = args
        .iter()
        .map(String::as_str)
        .filter(|a| !is_named(a))
        .collect();
    let first = named("id").or(named("url")).or(plain.first().copied())?;
    let web = first.starts_with("https://") || first.starts_with("http://");
    let url = match name {
        _ if web => first.to_string(),
        "youtube" => format!("https://www.youtube.com/watch?v={first}"),
        "vimeo" => format!("https://vimeo.com/{first}"),
        "gist" => match plain[..] {
            [user, id, ..] if !user.contains('/') => format!("https://gist.github.com/{user}/{id}"),
            _ => format!("https://gist.github.com/{first}"),
        },
        "github" => format!("https://github.com/{first}"),
        "twitter" | "tweet" => match named("user") {
            Some(user) => format!("https://twitter.com/{user}/status/{first}"),
            None => format!("https://twitter.com/i/status/{first}"),
        },
        "instagram" => format!("https://www.instagram.com/p/{first}/"),
        _ => return None,
    };
    let id_like = |c: char| c.is_ascii_alphanumeric() || "-_./:?=&%#~+@".contains(c);
    url.chars().all(id_like).then_some(url)
}

/// Pelican's link markers, where a link's destination starts: `{filename}/blog/x.md` (or
/// the older `|filename|`) is the post at that path from Pelican's content folder (`folder`
/// below gazette's `content/`), `{filename}x.md` the one beside this one; `{static}/a.png`
/// and `{attach}…` are the file at that path, which gazette copies where it is. Anywhere
/// else (prose about Pelican, `print(f"{filename}")`) a marker is text.
fn pelican_links<'a>(line: &'a str, folder: &str) -> Cow<'a, str> {
    let from_content = format!("@/{folder}");
    let from_root = format!("/{folder}");
    let markers: [(&str, &str); 8] = [
        ("{filename}/", &from_content),
        ("|filename|/", &from_content),
        ("{static}/", &from_root),
        ("{attach}/", &from_root),
        ("{filename}", ""),
        ("|filename|", ""),
        ("{static}", ""),
        ("{attach}", ""),
    ];
    const DESTINATIONS: [&str; 6] = ["](", "](<", "href=\"", "src=\"", "href='", "src='"];
    if !line.contains(['{', '|']) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(['{', '|']) {
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        let in_destination = DESTINATIONS.iter().any(|d| out.ends_with(d))
            || out.trim_end().ends_with("]:") && out.ends_with(' ');
        match markers.iter().find(|(m, _)| here.starts_with(m)) {
            Some((marker, with)) if in_destination => {
                out.push_str(with);
                rest = &here[marker.len()..];
            }
            _ => {
                out.push_str(&here[..1]);
                rest = &here[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A tag's words, a quoted one (`"two words"`, `'two'`) as one without its quotes.
fn quoted_words(inner: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let (word, after) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
                Some(end) => (&rest[1..1 + end], &rest[end + 2..]),
                None => (&rest[1..], ""),
            },
            _ => rest.split_at(rest.find(char::is_whitespace).unwrap_or(rest.len())),
        };
        words.push(word.to_string());
        rest = after.trim_start();
    }
    words
}

/// `line` with Jekyll's URL filters on a quoted path, `{{ "/img/oven.png" | relative_url }}`
/// (or `absolute_url`, `prepend: site.baseurl`), written as the path alone: a site-root
/// link, which gazette resolves against `base_url` as Jekyll did against its own.
fn filtered_paths(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("{{") {
        let Some(len) = rest[at + 2..].find("}}") else {
            break;
        };
        let inner = &rest[at + 2..at + 2 + len];
        out.push_str(&rest[..at]);
        match filtered_path(inner) {
            // The filters read a path from the site's root, with its `/` or without.
            Some(path) if path.starts_with('/') || path.contains("://") => out.push_str(path),
            Some(path) => {
                out.push('/');
                out.push_str(path);
            }
            None => out.push_str(&rest[at..at + 4 + len]),
        }
        rest = &rest[at + 4 + len..];
    }
    out.push_str(rest);
    out
}

/// The path of `"PATH" | relative_url`, and of the other filters that only put the site's
/// address before it.
fn filtered_path(inner: &str) -> Option<&str> {
    let (value, filter) = inner.split_once('|')?;
    let value = value.trim();
    let path = ['"', '\'']
        .iter()
        .find_map(|&q| value.strip_prefix(q)?.strip_suffix(q))?;
    let filter: Vec<&str> = filter.split_whitespace().collect();
    let site_address = matches!(
        filter[..],
        ["relative_url"] | ["absolute_url"] | ["prepend:", "site.baseurl" | "site.url"]
    );
    site_address.then_some(path)
}

/// kramdown's attribute lists (Jekyll's Markdown), which gazette does not apply: a line that
/// is one, `{: .lead}`, is emptied (kept, so later lines keep their numbers), and one right
/// after a link, picture, emphasis or code span, `[shop](…){:target="_blank"}`, goes.
/// kramdown's extensions, `{::comment}` … `{:/comment}`, are left alone.
fn without_attribute_lists(line: &str) -> Cow<'_, str> {
    if !line.contains("{:") {
        return Cow::Borrowed(line);
    }
    let content = line.trim();
    let extension = |s: &str| s.starts_with("{::") || s.starts_with("{:/");
    if content.starts_with("{:") && !extension(content) && content.ends_with('}') {
        return Cow::Borrowed("\n");
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("{:") {
        let after_span = rest[..at].ends_with([')', ']', '*', '_', '`']) && !extension(&rest[at..]);
        let end = rest[at..].find('}').filter(|_| after_span);
        out.push_str(&rest[..at]);
        match end {
            Some(end) => rest = &rest[at + end + 1..],
            None => {
                out.push_str("{:");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The placeholder Ghost's exports write for the site's address (`__GHOST_URL__/content/…`).
pub const GHOST_URL: &str = "__GHOST_URL__";

/// `text` with Ghost's placeholder for its site's address made the site's root, as Ghost
/// fills it in everywhere, code included: `__GHOST_URL__/2015/x/` is `/2015/x/`.
pub fn without_ghost_url(text: &str) -> Cow<'_, str> {
    match text.contains(GHOST_URL) {
        true => Cow::Owned(
            text.replace(&format!("{GHOST_URL}/"), "/")
                .replace(GHOST_URL, "/"),
        ),
        false => Cow::Borrowed(text),
    }
}

/// `line` with Jekyll's `{{ site.baseurl }}` and `{{ site.url }}` dropped where a path
/// follows: `{{ site.baseurl }}/2015/x/` is the site's `/2015/x/`.
fn without_site_urls(line: &str) -> Cow<'_, str> {
    let postref = line.contains("blogdown/postref");
    if !line.contains("site.") && !line.contains("_url") && !postref {
        return Cow::Borrowed(line);
    }
    let mut out = filtered_paths(line);
    for var in ["site.baseurl", "site.url"] {
        for form in [format!("{{{{ {var} }}}}/"), format!("{{{{{var}}}}}/")] {
            out = out.replace(&form, "/");
        }
    }
    // blogdown writes `{{< blogdown/postref >}}` (the post's own address) before the
    // paths of the files it made beside the post: relative to the post, they are found.
    if postref {
        for form in ["{{< blogdown/postref >}}", "{{<blogdown/postref>}}"] {
            out = out.replace(form, "");
        }
    }
    Cow::Owned(out)
}

/// WordPress shortcodes exports keep (`[gallery ids="1,2"]`, `[embed]…[/embed]`): none
/// has a Markdown meaning, so each is counted with the template syntax.
const WORDPRESS_SHORTCODES: [&str; 14] = [
    "sourcecode",
    "code",
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "video",
    "audio",
    "playlist",
    "youtube",
    "vimeo",
    "soundcloud",
    "tweet",
    "instagram",
];

/// The length of a WordPress shortcode tag (`[gallery ids="4"]`, `[/embed]`) starting `s`,
/// not a Markdown link (`[video](url)`, `[video][ref]`).
fn shortcode_at(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('[')?;
    let name_len = inner
        .trim_start_matches('/')
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
        .count();
    let slash = inner.len() - inner.trim_start_matches('/').len();
    let name = &inner[slash..slash + name_len];
    if slash > 1 || !WORDPRESS_SHORTCODES.contains(&name) {
        return None;
    }
    let after = &inner[slash + name_len..];
    if !after.starts_with([' ', ']']) {
        return None;
    }
    let end = after.find(']')?;
    let len = 1 + slash + name_len + end + 1;
    (!s[len..].starts_with(['(', '['])).then_some(len)
}

/// A line of fenced code without the notes VitePress's and Docusaurus's highlighters read:
/// VitePress's `// [!code ++]` (any comment style) is cut from the line, and a line that is
/// only Docusaurus's `// highlight-next-line`, `highlight-start` or `highlight-end` goes
/// (None). gazette highlights no lines, so the notes would show as text.
fn without_code_notes(line: &str) -> Option<Cow<'_, str>> {
    let content = line.trim_end_matches('\n');
    if content.contains("highlight-") {
        let note = content
            .trim()
            .trim_start_matches(['/', '#', '*', '{', '<', '!', '-', ' '])
            .trim_end_matches(['/', '*', '}', '>', '-', ' ']);
        if matches!(
            note,
            "highlight-next-line" | "highlight-start" | "highlight-end"
        ) {
            return None;
        }
    }
    let Some((at, close)) = content
        .rfind("[!code ")
        .and_then(|at| Some((at, at + content[at..].find(']')?)))
    else {
        return Some(Cow::Borrowed(line));
    };
    let before = &content[..at];
    let Some(opener) = ["//", "#", "<!--", "/*", "--", ";"]
        .iter()
        .filter_map(|o| before.rfind(o))
        .max()
        .filter(|&o| {
            before[o..]
                .trim_start_matches(['/', '#', '<', '!', '-', '*', ';'])
                .trim()
                .is_empty()
        })
    else {
        return Some(Cow::Borrowed(line));
    };
    // `--` is also the end of an HTML comment's opener.
    let opener = opener
        - if before[..opener].ends_with("<!") {
            2
        } else {
            0
        };
    // Only a comment that ends the line is a note (in a string, it is the code's text).
    let after = content[close + 1..].trim();
    if !matches!(after, "" | "-->" | "*/") {
        return Some(Cow::Borrowed(line));
    }
    let newline = if line.ends_with('\n') { "\n" } else { "" };
    Some(Cow::Owned(format!(
        "{}{newline}",
        before[..opener].trim_end()
    )))
}

/// VuePress's and VitePress's `<Badge text="new" type="tip"/>`: its text, in bold (the
/// sanitizer keeps no unknown element, and this one's words are in an attribute; one with
/// its words inside, `<Badge>beta</Badge>`, keeps them when the tags go).
fn badge_texts(line: &str) -> Cow<'_, str> {
    if !line.contains("<Badge ") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("<Badge ") {
        // The tag ends at its first `>`; only one closed there (`/>`) is read here.
        let Some(end) = rest[at..].find('>').map(|e| at + e + 1) else {
            break;
        };
        let tag = &rest[at + "<Badge ".len()..end - 1];
        out.push_str(&rest[..at]);
        let text = tag
            .strip_suffix('/')
            .and_then(|attributes| attribute(attributes, "text"))
            .filter(|text| !text.trim().is_empty());
        match text {
            Some(text) => {
                let text = crate::text::escape_html(text.trim()).into_owned();
                out.push_str(&format!("<strong>{text}</strong>"));
            }
            None => out.push_str(&rest[at..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The label prefix of the footnotes [`inline_footnotes`] makes.
const INLINE_NOTE: &str = "gazette-inline-";

/// Pandoc's inline footnotes, `^[A note.]` (Quarto, R Markdown and Obsidian write them):
/// each becomes a reference to a numbered footnote holding its text, which `translate`
/// defines after the body. A note must read as words, with a space or a closing full stop,
/// so that a pattern such as `^[a-z]+` in a sentence stays as written. A note ends on its
/// own line.
fn inline_footnotes<'a>(line: &'a str, notes: &mut Vec<String>) -> Cow<'a, str> {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("^[") {
        let inner = &rest[at + 2..];
        let mut depth = 1;
        let close = inner.bytes().position(|b| {
            depth += match b {
                b'[' => 1,
                b']' => -1,
                _ => 0,
            };
            depth == 0 || b == b'\n'
        });
        let Some(close) = close.filter(|&c| inner.as_bytes()[c] == b']') else {
            break;
        };
        let note = inner[..close].trim();
        // A pattern's class is followed by its repetition or anchor: `^[a-z ]+$`.
        let pattern = inner[close + 1..].starts_with(['+', '*', '?', '{', '$']);
        if !pattern && (note.contains(' ') || note.ends_with('.')) {
            notes.push(note.to_string());
            out.push_str(&rest[..at]);
            out.push_str(&format!("[^{INLINE_NOTE}{}]", notes.len()));
        } else {
            out.push_str(&rest[..at + 2 + close + 1]);
        }
        rest = &inner[close + 1..];
    }
    if out.is_empty() {
        return Cow::Borrowed(line);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `line` without MDX's comments, `{/* … */}` (a Docusaurus or Astro post renamed to
/// `.md`): they are for the writer, never shown.
fn without_mdx_comments(line: &str) -> Cow<'_, str> {
    if !line.contains("{/*") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("{/*") {
        let Some(len) = rest[at..].find("*/}").map(|end| end + 3) else {
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `line` without `[caption …]` and `[/caption]` markers, whose content (an image and its
/// caption text) reads well on its own.
fn without_caption_markers(line: &str) -> Cow<'_, str> {
    if !line.contains("caption") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match shortcode_at(tail) {
            Some(len) if tail[1..len].trim_start_matches('/').starts_with("caption") => {
                rest = &tail[len..];
            }
            _ => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The length of a `{{ … }}` or `{% … %}` starting `s`, closed on the same line.
fn template_at(s: &str) -> Option<usize> {
    let close = if s.starts_with("{{") {
        "}}"
    } else if s.starts_with("{%") {
        "%}"
    } else {
        return None;
    };
    s[2..].find(close).map(|e| e + 4)
}

/// What is between a tag's delimiters: Liquid's `{% … %}`, or a Hugo shortcode's
/// `{{< … >}}` / `{{% … %}}`, whitespace-control dashes removed.
fn tag_inner(tag: &str) -> Option<&str> {
    let inner = [("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}")]
        .iter()
        .find_map(|(open, close)| tag.strip_prefix(open)?.strip_suffix(close))?;
    Some(inner.trim_matches('-').trim())
}

/// The tag's name: `highlight` for `{% highlight ruby %}`, `raw` for `{%- raw -%}`,
/// `/highlight` for Hugo's `{{< /highlight >}}`.
fn tag_name(tag: &str) -> Option<&str> {
    tag_inner(tag)?.split_whitespace().next()
}

/// True for a line that ends a block of code: `end` as a tag's name (`endhighlight`), or a
/// WordPress shortcode (`[/code]`) as the whole line.
fn ends_code(line: &str, end: &str) -> bool {
    match end.starts_with('[') {
        true => line.trim() == end,
        false => is_tag(line, end),
    }
}

/// True for a line holding only the tag `{% name %}` (or the shortcode `{{< name >}}`).
fn is_tag(line: &str, name: &str) -> bool {
    tag_name(line.trim()) == Some(name)
}

/// The language of a line opening a block of code, and the tags that can end it:
/// `{% highlight lang [linenos] %}` … `{% endhighlight %}` (Jekyll), Hugo's
/// `{{< highlight lang ["options"] >}}` … `{{< /highlight >}}`, and Hexo's and Octopress's
/// `{% codeblock [title] [lang:lang] [url] %}` … `{% endcodeblock %}` (or `code` …
/// `endcode`), whose language is optional.
fn code_block_start(line: &str) -> Option<(&str, &'static [&'static str])> {
    if let Some(found) = wordpress_code_start(line.trim()) {
        return Some(found);
    }
    // Zola's diagram and math shortcodes hold code, not text (gazette draws and renders
    // neither): `{% mermaid() %}` … `{% end %}`.
    let zola = line
        .trim()
        .strip_prefix("{%")
        .and_then(|l| l.strip_suffix("%}"))
        .and_then(zola_call);
    if let Some((name, _)) = zola {
        return match name {
            "mermaid" => Some(("mermaid", &["end"])),
            "katex" | "math" => Some(("latex", &["end"])),
            _ => None,
        };
    }
    let inner = tag_inner(line.trim())?;
    let mut words = inner.split_whitespace();
    let (lang, ends): (&str, &'static [&'static str]) = match words.next()? {
        "highlight" => (words.next().unwrap_or(""), &["endhighlight", "/highlight"]),
        // dev.to's math block shows its TeX as code (gazette renders no math).
        "katex" if words.next().is_none() => ("latex", &["endkatex"]),
        name @ ("codeblock" | "code") => {
            let lang = words.find_map(|w| w.strip_prefix("lang:")).unwrap_or("");
            let ends: &'static [&'static str] = if name == "code" {
                &["endcode"]
            } else {
                &["endcodeblock"]
            };
            (lang, ends)
        }
        _ => return None,
    };
    let lang = lang.trim_matches('"');
    lang.chars()
        .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c))
        .then_some((lang, ends))
}

/// WordPress's code shortcodes on a line of their own, `[sourcecode language="python"]` …
/// `[/sourcecode]` and `[code lang="bash"]` … `[/code]` (SyntaxHighlighter's): the
/// language, if given, and the line that ends the block.
fn wordpress_code_start(line: &str) -> Option<(&str, &'static [&'static str])> {
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    let (name, attributes) = inner.split_once(' ').unwrap_or((inner, ""));
    let ends: &'static [&'static str] = match name {
        "sourcecode" => &["[/sourcecode]"],
        "code" => &["[/code]"],
        _ => return None,
    };
    let lang = ["language=", "lang="].iter().find_map(|key| {
        let at = attributes.find(key)? + key.len();
        let value = attributes[at..].trim_start_matches(['"', '\'']);
        value.split(['"', '\'', ' ']).next()
    });
    Some((lang.unwrap_or(""), ends))
}

/// A line asking for a table of contents: `[[toc]]` (VitePress, markdown-it), `[TOC]`
/// (Python-Markdown: Pelican, MkDocs), `[[_TOC_]]` (GitLab), a lone `{:toc}` (kramdown).
fn is_toc_marker(line: &str) -> bool {
    let line = line.trim();
    ["[[toc]]", "[[_toc_]]"]
        .iter()
        .any(|m| line.eq_ignore_ascii_case(m))
        || line == "[TOC]"
        || line == "{:toc}"
}

/// True when the body defines the link that `marker` (`[TOC]`) would then be.
fn defines_link(lines: &[&str], marker: &str) -> bool {
    let label = marker.trim().trim_start_matches('[').trim_end_matches(']');
    let definition = format!("[{}]:", label.to_lowercase());
    lines
        .iter()
        .any(|l| l.trim_start().to_lowercase().starts_with(&definition))
}

/// Hashnode's picture with its alignment inside the link's destination,
/// `![a](https://cdn…/x.png align="center")`: the attribute goes, so the picture shows.
fn without_image_alignment(line: &str) -> Cow<'_, str> {
    const ALIGN: &str = " align=\"";
    let Some(at) = line.find(ALIGN) else {
        return Cow::Borrowed(line);
    };
    let before = &line[..at];
    let in_destination = before.rfind("](").is_some_and(|open| {
        let url = &before[open + 2..];
        !url.is_empty() && !url.contains([')', ' '])
    });
    let after = &line[at + ALIGN.len()..];
    let rest = after.find('"').map(|close| &after[close + 1..]);
    match rest {
        Some(rest) if in_destination && rest.starts_with(')') => {
            Cow::Owned(format!("{before}{}", without_image_alignment(rest)))
        }
        _ => Cow::Borrowed(line),
    }
}

/// The address of Hashnode's embed line, `%[https://www.youtube.com/watch?v=…]`.
fn hashnode_embed(line: &str) -> Option<&str> {
    let url = line.trim().strip_prefix("%[")?.strip_suffix(']')?;
    let web = url.starts_with("https://") || url.starts_with("http://");
    let plain = web && !url.contains(char::is_whitespace);
    (plain && !url.contains(['<', '>', '[', ']'])).then_some(url)
}

/// kramdown's list item that `{:toc}` below turns into the table of contents: `* TOC`.
fn is_kramdown_toc_item(line: &str) -> bool {
    let item = line.trim().trim_start_matches(['*', '-', '+']).trim_start();
    let item = item.strip_prefix("1.").unwrap_or(item).trim();
    item != line.trim() && !item.is_empty() && item.len() <= 100
}

/// An `import … from "…"` or `export const …` line of MDX, at the margin.
fn is_mdx_module_line(line: &str) -> bool {
    let quoted_end = |l: &str| l.trim_end().trim_end_matches(';').ends_with(['"', '\'']);
    if let Some(rest) = line.strip_prefix("import ") {
        return quoted_end(rest) && (rest.contains(" from ") || rest.starts_with(['"', '\'']));
    }
    line.strip_prefix("export ").is_some_and(|rest| {
        ["const ", "let ", "default ", "function "]
            .iter()
            .any(|k| rest.starts_with(k))
    })
}

/// The title of a line opening an admonition, as Docusaurus, VuePress and VitePress write
/// them: `:::note`, `:::tip Title`, `:::danger[Title]`, `::: warning`; closed by a line `:::`.
fn admonition_start(line: &str) -> Option<String> {
    let line = line.trim_end();
    let rest = line.trim_start_matches(':');
    if line.len() - rest.len() < 3 {
        return None;
    }
    // Quarto's callout, a Pandoc div: `::: {.callout-tip title="Title" collapse="true"}`.
    if let Some(attributes) = rest.trim_start().strip_prefix("{.callout-") {
        let attributes = attributes.strip_suffix('}')?;
        let kind_len = attributes
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(attributes.len());
        let (kind, more) = attributes.split_at(kind_len);
        let title = more
            .split_once("title=\"")
            .and_then(|(_, t)| t.split_once('"'))
            .map(|(t, _)| t.to_string());
        return title.or_else(|| (!kind.is_empty()).then(|| capitalized(kind)));
    }
    // With a space after `:::`, VitePress's: only its box kinds (not `::: code-group`).
    let rest = match rest.strip_prefix(' ') {
        Some(spaced) => {
            let spaced = spaced.trim_start();
            let kind = spaced.split(' ').next().unwrap_or("");
            const KINDS: [&str; 8] = [
                "tip",
                "info",
                "note",
                "warning",
                "danger",
                "details",
                "caution",
                "important",
            ];
            KINDS.contains(&kind).then_some(spaced)?
        }
        None => rest,
    };
    let kind_len = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    let (kind, title) = rest.split_at(kind_len);
    if kind.is_empty() {
        return None;
    }
    let title = title
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    Some(match title {
        "" => capitalized(kind),
        title => title.to_string(),
    })
}

/// `word` with its first letter in upper case (ASCII): an admonition's kind as its title.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// A line opening a block that Python-Markdown (MkDocs) writes by indentation: an
/// admonition, `!!! note "Title"` (`??? note` and `???+ note` fold away), read as a quote;
/// or a content tab, `=== "Tab"`, read as text. Its title: the quoted one (none when empty
/// quotes), else the admonition's kind (`Note`); a tab's label.
fn indented_block_start(line: &str) -> Option<(bool, Option<String>)> {
    let (quoted, rest) = if let Some(rest) = line.strip_prefix("!!!") {
        (true, rest)
    } else if let Some(rest) = line.strip_prefix("???") {
        (true, rest.strip_prefix('+').unwrap_or(rest))
    } else {
        (
            false,
            line.strip_prefix("===")?
                .strip_prefix(['+', '!'])
                .unwrap_or(&line[3..]),
        )
    };
    let rest = rest.strip_prefix(' ')?.trim();
    let (words, title) = match rest.split_once('"') {
        Some((words, quoted_title)) => (words.trim(), Some(quoted_title.strip_suffix('"')?)),
        None => (rest, None),
    };
    let kind = words.split_whitespace().next();
    if quoted {
        // The kind and its options are words in lower case (`note`, `tip inline end`), so
        // a sentence that opens with `!!!` stays one.
        let word = |w: &str| {
            w.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let kind = kind.filter(|_| words.split_whitespace().all(word))?;
        let title = match title {
            Some("") => None,
            Some(title) => Some(title.to_string()),
            None => Some(capitalized(kind)),
        };
        return Some((true, title));
    }
    // A tab is only ever `=== "Label"`.
    (words.is_empty()).then_some(())?;
    Some((false, Some(title?.to_string()).filter(|t| !t.is_empty())))
}

/// A quote in another generator's syntax, while its lines are read.
struct Quote {
    /// The tag that closes a quote opened by one: Hexo's `{% blockquote %}` is closed by
    /// `{% endblockquote %}`, dev.to's `{% details Title %}` by `{% enddetails %}`. None
    /// for an admonition, closed by as many colons as opened it (`:::`, or `::::` around
    /// another).
    end_tag: Option<&'static str>,
    colons: usize,
    /// Shown as a quote: all but VitePress's `::: code-group`, whose markers just go.
    quoted: bool,
    /// What the closing line becomes: the quote's attribution, if any.
    last_line: Option<String>,
}

impl Quote {
    /// The quote `line` opens, and what that line becomes: an admonition's title.
    fn opened_by(line: &str) -> Option<(Quote, Option<String>)> {
        if let Some(by) = hexo_quote_start(line) {
            let quote = Quote {
                end_tag: Some("endblockquote"),
                colons: 0,
                quoted: true,
                last_line: by,
            };
            return Some((quote, None));
        }
        if let Some(end_tag) = kramdown_block_start(line) {
            let quote = Quote {
                end_tag: Some(end_tag),
                colons: 0,
                quoted: true,
                last_line: None,
            };
            return Some((quote, None));
        }
        if let Some((end_tag, title)) = tagged_quote_start(line) {
            let quote = Quote {
                end_tag: Some(end_tag),
                colons: 0,
                quoted: true,
                last_line: None,
            };
            return Some((quote, Some(title)));
        }
        let colons = line.len() - line.trim_start_matches(':').len();
        let group = colons >= 3 && line[colons..].trim() == "code-group";
        let title = match group {
            true => None,
            false => Some(admonition_start(line)?),
        };
        let quote = Quote {
            end_tag: None,
            colons,
            quoted: !group,
            last_line: None,
        };
        Some((quote, title))
    }

    fn closes(&self, line: &str) -> bool {
        let line = line.trim();
        match self.end_tag {
            Some(end) if end.starts_with("</") => line.eq_ignore_ascii_case(end),
            Some(end) => is_tag(line, end),
            None => line.len() == self.colons && line.bytes().all(|b| b == b':'),
        }
    }
}

/// A line opening an HTML block whose Markdown kramdown reads, `<div class="notice"
/// markdown="1">` (minimal-mistakes' notices, `<details markdown="1">`): the line that
/// closes it. Markdown reads no Markdown inside HTML, so the block is a quote instead.
fn kramdown_block_start(line: &str) -> Option<&'static str> {
    let line = line.trim();
    let asks = [
        "markdown=\"1\"",
        "markdown='1'",
        "markdown=1",
        "markdown=\"block\"",
    ]
    .iter()
    .any(|a| line.contains(a));
    if !asks || !line.ends_with('>') || line.ends_with("/>") {
        return None;
    }
    let name: String = line
        .strip_prefix('<')?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    match name.to_ascii_lowercase().as_str() {
        "div" => Some("</div>"),
        "details" => Some("</details>"),
        "section" => Some("</section>"),
        "aside" => Some("</aside>"),
        _ => None,
    }
}

/// A line opening a box another generator's shortcode draws, as a quote titled by its
/// summary or kind: dev.to's `{% details Summary %}` (or `spoiler`, `collapsible`), Hugo
/// themes' `{{% notice info "Title" %}}`, `{{< callout type="warning" >}}`, `{{% details
/// title="More" %}}`, `{{< hint info >}}` and `{{< admonition type=tip title="…" >}}`, and a
/// Zola body shortcode, `{% note(kind="warning") %}` … `{% end %}`. Returns the tag's name
/// that closes it, and the title.
fn tagged_quote_start(line: &str) -> Option<(&'static str, String)> {
    let line = line.trim();
    let zola = line
        .strip_prefix("{%")
        .and_then(|l| l.strip_suffix("%}"))
        .and_then(zola_call);
    if let Some((name, args)) = zola {
        let title = ["title", "kind", "type"]
            .iter()
            .find_map(|key| attribute(&args, key))
            .map_or_else(|| capitalized(name), |t| capitalized(&t));
        return Some(("end", title));
    }
    let inner = tag_inner(line)?;
    let (name, args) = inner.split_once(' ').unwrap_or((inner, ""));
    let args = args.trim();
    let first_word = || {
        let words = quoted_words(args);
        let kind = words.first().filter(|w| !w.contains('='));
        let title = words.get(1).filter(|w| !w.contains('='));
        title.or(kind).map(|w| capitalized(w))
    };
    let named = |keys: &[&str]| {
        keys.iter()
            .find_map(|key| attribute(args, key))
            .map(|t| capitalized(&t))
    };
    let hugo = line.starts_with("{{");
    let (end, title) = match (hugo, name) {
        (false, "details") => ("enddetails", (!args.is_empty()).then(|| unquoted(args))),
        (false, "spoiler") => ("endspoiler", (!args.is_empty()).then(|| unquoted(args))),
        (false, "collapsible") => ("endcollapsible", (!args.is_empty()).then(|| unquoted(args))),
        (true, "notice") => ("/notice", first_word()),
        (true, "hint") => ("/hint", first_word()),
        (true, "callout") => ("/callout", named(&["title", "type"]).or_else(first_word)),
        (true, "details") => ("/details", named(&["title", "summary"]).or_else(first_word)),
        (true, "admonition") => ("/admonition", named(&["title", "type"]).or_else(first_word)),
        _ => return None,
    };
    Some((
        end,
        title.unwrap_or_else(|| capitalized(name.trim_start_matches('/'))),
    ))
}

/// A template call's arguments written as quoted text and separated by commas
/// (`"./a.png", "A cat, asleep"`), each without its quotes. Empty when one is not quoted
/// (a variable, whose value gazette does not know).
fn quoted_args(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = args.trim();
    while let Some(q) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let Some(end) = rest[1..].find(q) else {
            return Vec::new();
        };
        out.push(rest[1..1 + end].to_string());
        rest = rest[end + 2..].trim_start();
        match rest.strip_prefix(',') {
            Some(after) => rest = after.trim_start(),
            None => break,
        }
    }
    match rest.is_empty() {
        true => out,
        false => Vec::new(),
    }
}

/// Alt text as Markdown's image text: its brackets and backslashes escaped.
fn escaped_alt(alt: &str) -> String {
    alt.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

/// Text without the quotes around it.
fn unquoted(text: &str) -> String {
    text.trim().trim_matches(['"', '\'']).trim().to_string()
}

/// A Zola shortcode's call, `name(key="value", n=2)`: its name, and its arguments as
/// `key="value" n=2` (so [`attribute`] reads them). None for anything else.
fn zola_call(inner: &str) -> Option<(&str, String)> {
    let inner = inner.trim().trim_matches('-').trim();
    let (name, rest) = inner.split_once('(')?;
    let args = rest.strip_suffix(')')?;
    let name_ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !name_ok {
        return None;
    }
    // Commas between arguments become spaces; those inside quoted values stay.
    let mut quote = None;
    let args = args
        .chars()
        .map(|c| match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                c
            }
            (Some(q), c) if c == q => {
                quote = None;
                c
            }
            (None, ',') => ' ',
            _ => c,
        })
        .collect::<String>();
    Some((name, format!(" {}", args.trim())))
}

/// A line opening Hexo's and Octopress's quote, `{% blockquote [author[, source]] [link]
/// [link text] %}`: its attribution as Markdown (`Ana, *Notes*`, linked when a link is
/// given), if any.
fn hexo_quote_start(line: &str) -> Option<Option<String>> {
    let inner = tag_inner(line.trim())?;
    let args = inner.strip_prefix("blockquote")?;
    if !(args.is_empty() || args.starts_with(char::is_whitespace)) {
        return None;
    }
    let words: Vec<&str> = args.split_whitespace().collect();
    let link_at = words
        .iter()
        .position(|w| w.starts_with("http://") || w.starts_with("https://"));
    let by = words[..link_at.unwrap_or(words.len())].join(" ");
    let by = match by.split_once(", ") {
        Some((author, source)) => format!("{author}, *{source}*"),
        None => by,
    };
    let by = match link_at {
        Some(at) if by.is_empty() => format!("<{}>", words[at]),
        Some(at) => format!("[{by}](<{}>)", words[at]),
        None => by,
    };
    Some(Some(by).filter(|b| !b.is_empty()))
}

/// True when line `i`, indented `indent` spaces, continues a list item: the nearest line
/// above it indented less is a list item whose text starts at most `indent` columns in.
fn in_list_item(lines: &[&str], i: usize, indent: usize) -> bool {
    let leading = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let Some(item) = lines[..i]
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty() && leading(l) < indent)
    else {
        return false;
    };
    let text = item.trim_start_matches(' ');
    let marker = if text.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        let delimited = (1..=9).contains(&digits) && text[digits..].starts_with(['.', ')']);
        if !delimited {
            return false;
        }
        digits + 1
    };
    let spaces = text[marker..].len() - text[marker..].trim_start_matches(' ').len();
    (1..=4).contains(&spaces) && leading(item) + marker + spaces <= indent
}

/// A fence line: its character, length and info string (up to three spaces of indent).
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let ch = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = t.chars().take_while(|c| *c == ch).count();
    let info = t[len..].trim();
    (len >= 3 && !(ch == '`' && info.contains('`'))).then_some((ch, len, info))
}

fn longest_backtick_run(lines: &[&str]) -> usize {
    lines
        .iter()
        .map(|l| l.trim_start().chars().take_while(|c| *c == '`').count())
        .max()
        .unwrap_or(0)
}

fn shorten(tag: &str) -> String {
    let one_line: String = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        let t = translate("Hello {world}.\n", &Dialects::default());
        assert!(matches!(t.text, Cow::Borrowed(_)) && t.leftover.is_none());
    }

    #[test]
    fn highlight_blocks_become_fenced_code() {
        let t = translate(
            "Intro\n\n{% highlight ruby linenos %}\nputs 1\n```\n{% endhighlight %}\nEnd\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "Intro\n\n````ruby\nputs 1\n```\n````\nEnd\n");
        assert!(t.leftover.is_none() && t.dropped.is_empty());
    }

    #[test]
    fn an_indented_highlight_block_stays_in_its_list_item() {
        let t = translate(
            "1. Install:\n\n   {% highlight sh %}\n   gem install x\n     --user\nrun\n   {% endhighlight %}\n2. Run\n", &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "1. Install:\n\n   ```sh\n   gem install x\n     --user\n   run\n   ```\n2. Run\n"
        );
    }

    #[test]
    fn an_indented_highlight_block_outside_a_list_stays_at_the_margin() {
        let t = translate(
            "Intro\n\n    {% highlight sh %}\n    ls\n    {% endhighlight %}\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "Intro\n\n```sh\n    ls\n```\n");
        // Under a list item's text, it is the item's.
        let t = translate(
            "- a\n\n  b\n\n  {% highlight sh %}\n  ls\n  {% endhighlight %}\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "- a\n\n  b\n\n  ```sh\n  ls\n  ```\n");
    }

    #[test]
    fn hexo_asset_and_post_tags_become_markdown() {
        let t = translate(
            "{% asset_img big dunes.png 400 300 \"Dunes at noon\" 'Sand dunes' %} and \
             {% asset_img noon.png %}\nGet {% asset_link map.pdf the map %} or \
             {% post_link 2020-01-01-radio %}, [raw]({% asset_path x.zip %}).\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "![Sand dunes](<dunes.png>) and ![](<noon.png>)\nGet [the map](<map.pdf>) or \
             [2020-01-01-radio](<@post/2020-01-01-radio>), [raw](x.zip).\n"
        );
        assert_eq!(t.leftover, None);
    }

    #[test]
    fn mdx_module_lines_go_and_admonitions_are_quotes() {
        let t = translate(
            "import Tabs from '@theme/Tabs';\nimport './x.css'\nexport const year = 2021;\n\nImport duties rose from 'low' to high.\n\n:::tip[Before you start]\nBack up.\n:::\n\n:::note\nA note.\n:::\nEnd.\n", &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "\n\n\n\nImport duties rose from 'low' to high.\n\n> **Before you start**  \n> Back up.\n\n\n> **Note**  \n> A note.\n\nEnd.\n"
        );
        // Lines keep their numbers.
        assert_eq!(t.text.lines().count(), 14);
    }

    #[test]
    fn mkdocs_admonitions_and_tabs_are_read_by_their_indentation() {
        let t = translate(
            "!!! note \"Sowing window\"\n\n    Sow in **March**:\n\n    - pots\n        - small ones\n\n    ```py\n    if x:\n        y()\n    ```\n\n    ??? tip\n        Nested.\n\nAfter.\n\n=== \"Indoors\"\n\n    Use a mat.\n\n!!! Big news today\n!!! warning \"\"\n    Untitled.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "> **Sowing window**  \n> \n> Sow in **March**:\n> \n> - pots\n>     - small ones\n> \n> ```py\n> if x:\n>     y()\n> ```\n> \n> > **Tip**  \n> > Nested.\n\nAfter.\n\n**Indoors**  \n\nUse a mat.\n\n!!! Big news today\n\n> Untitled.\n"
        );
        assert_eq!(t.text.lines().count(), 24);
    }

    #[test]
    fn admonitions_side_by_side_are_quotes_of_their_own_and_sentences_stay() {
        let t = translate(
            "!!! note\n    A.\n\n!!! tip\n    B.\n\n!!! breaking news from the harbour\nThe ferry is back.\n\nSee <pre> and [TOC] here.\n\n[TOC]\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "> **Note**  \n> A.\n\n> **Tip**  \n> B.\n\n!!! breaking news from the harbour\nThe ferry is back.\n\nSee <pre> and [TOC] here.\n\n\n"
        );
    }

    #[test]
    fn markers_in_a_pre_element_stay() {
        let text = "<pre>\n[TOC]\n%[https://a.example/]\n</pre>\n\n[TOC]\n";
        assert_eq!(
            translate(text, &Dialects::default()).text,
            "<pre>\n[TOC]\n%[https://a.example/]\n</pre>\n\n\n"
        );
    }

    #[test]
    fn code_in_an_admonition_keeps_its_indentation() {
        let t = translate(
            ":::tip Try it\nRun:\n  ```py\n  def f():\n      return 1\n  ```\n   Indented text.\n{% highlight sh %}\nif x; then\n  y\nfi\n{% endhighlight %}\n:::\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "> **Try it**  \n> Run:\n> ```py\n> def f():\n>     return 1\n> ```\n> Indented text.\n> ```sh\n> if x; then\n>   y\n> fi\n> ```\n\n"
        );
    }

    #[test]
    fn vitepress_containers_are_quotes_and_toc_markers_go() {
        let t = translate(
            "[[toc]]\n\n::: warning Mind the gap\nStep back.\n:::\n\n* TOC\n{:toc}\n\n[TOC]\n\n```\n[TOC]\n```\nA [TOC] in text.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "\n\n> **Mind the gap**  \n> Step back.\n\n\n\n\n\n\n\n```\n[TOC]\n```\nA [TOC] in text.\n"
        );
    }

    #[test]
    fn new_markers_leave_code_links_and_other_containers_alone() {
        let text = "    %[https://code.example/]\n    [TOC]\n    ![c](d.png align=\"center\")\n\n[TOC]\n\n[TOC]: https://example.org/contents/\n\n::: code-group\n::: waves :::\n%[httpfoo]\n";
        assert_eq!(translate(text, &Dialects::default()).text, text);
    }

    #[test]
    fn hashnode_embeds_are_links_and_aligned_pictures_show() {
        let t = translate(
            "%[https://www.youtube.com/watch?v=abc]\n\n![Shot](https://cdn.example.org/s.png align=\"center\") and ![B](b.png align=\"left\")\n\nSay align=\"center\" in `x`.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "<https://www.youtube.com/watch?v=abc>\n\n![Shot](https://cdn.example.org/s.png) and ![B](b.png)\n\nSay align=\"center\" in `x`.\n"
        );
    }

    #[test]
    fn pelican_markers_in_text_stay() {
        // Outside a Pelican article, even a link's markers are as written.
        let link = "[a]({filename}/x.md)\n";
        assert_eq!(translate(link, &Dialects::default()).text, link);
        let pelican = Dialects {
            pelican: Some(String::new()),
            ..Dialects::default()
        };
        let text =
            "Writes {filename}.txt into {static}/css; print(f\"{filename}\"); | {filename} |\n";
        assert_eq!(translate(text, &pelican).text, text);
        let t = translate(
            "[r]: {filename}/x.md\n<img src=\"{static}/a.png\">\n",
            &pelican,
        );
        assert_eq!(t.text, "[r]: @/x.md\n<img src=\"/a.png\">\n");
    }

    #[test]
    fn pelican_link_markers_become_paths() {
        let pelican = Dialects {
            pelican: Some("blog/content/".into()),
            ..Dialects::default()
        };
        let t = translate(
            "[a]({filename}/blog/x.md) [b]({filename}y.md) [c](|filename|/z.md)\n![d]({static}/images/lamp.png) [e]({attach}f.pdf)\n", &pelican,
        );
        assert_eq!(
            t.text,
            "[a](@/blog/content/blog/x.md) [b](y.md) [c](@/blog/content/z.md)\n![d](/blog/content/images/lamp.png) [e](f.pdf)\n"
        );
    }

    #[test]
    fn wordpress_code_shortcodes_become_fenced_code() {
        let t = translate(
            "A\n\n[sourcecode language=\"python\"]\ndef f(x):\n    return x < 2\n[/sourcecode]\n[code lang='bash']\necho \"hi\" && ls\n[/code]\n[code]\nplain\n[/code]\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "A\n\n```python\ndef f(x):\n    return x < 2\n```\n```bash\necho \"hi\" && ls\n```\n```\nplain\n```\n"
        );
        assert_eq!(t.leftover, None);
        // In an HTML post, a `<pre>` of the same lines.
        let html = Dialects {
            html: true,
            ..Dialects::default()
        };
        let t = translate(
            "<p>A</p>\n[code]\nif a < b && c &lt; d:\n\n    go()\n[/code]\n",
            &html,
        );
        assert_eq!(
            t.text,
            "<p>A</p>\n<pre class=\"code\">\nif a &lt; b && c &lt; d:\n&#32;\n    go()\n</pre>\n"
        );
        // Inside a `<pre>` or an indented block of code, it is the code's own text.
        for kept in [
            "<pre>\n[code]\nx\n[/code]\n</pre>\n",
            "    [code]\n    x\n    [/code]\n",
        ] {
            assert_eq!(translate(kept, &Dialects::default()).text, kept);
        }
        // Unclosed, or in a sentence, it stays and is counted.
        let t = translate("[code]\nx\n", &Dialects::default());
        assert_eq!(t.leftover.map(|l| l.count), Some(1));
        let t = translate("See [code](https://x.org) here.\n", &Dialects::default());
        assert_eq!(t.leftover, None);
    }

    #[test]
    fn hugo_and_zola_boxes_are_titled_quotes_and_zola_embeds_links() {
        let t = translate(
            "{{% notice info \"Before you start\" %}}\nBack up.\n{{% /notice %}}\n{{< callout type=\"warning\" >}}\nHot.\n{{< /callout >}}\n{{< hint danger >}}\nNo.\n{{< /hint >}}\n{% note(kind=\"warning\", title=\"Mind, the gap\") %}\nStep.\n{% end %}\n{% aside() %}\nBy the way.\n{% end %}\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "> **Before you start**  \n> Back up.\n\n> **Warning**  \n> Hot.\n\n> **Danger**  \n> No.\n\n> **Mind, the gap**  \n> Step.\n\n> **Aside**  \n> By the way.\n\n"
        );
        assert_eq!(t.leftover, None);
        let t = translate(
            "Watch {{ youtube(id=\"dQw4w9WgXcQ\") }} and {{ gist(url=\"https://gist.github.com/a/1\") }}.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "Watch <https://www.youtube.com/watch?v=dQw4w9WgXcQ> and <https://gist.github.com/a/1>.\n"
        );
        let t = translate(
            "{% image \"./possum.png\", \"A possum, asleep [zzz]\" %}\n{% image src, alt %}\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "![A possum, asleep \\[zzz\\]](<./possum.png>)\n{% image src, alt %}\n"
        );
        let t = translate(
            "{% mermaid() %}\nA-->B\n{% end %}\n{% katex(block=true) %}\na_1 * b\n{% end %}\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "```mermaid\nA-->B\n```\n```latex\na_1 * b\n```\n");
        let t = translate(
            "{% include video id=\"XsxDH4HcOWA\" provider=\"youtube\" %}\n{% include figure image_path=\"/img/a.png\" alt=\"A pier\" caption=\"The pier.\" %}\n{% include toc %}\n",
            &Dialects::default(),
        );
        assert!(
            t.text
                .starts_with("<https://www.youtube.com/watch?v=XsxDH4HcOWA>\n<figure>"),
            "{}",
            t.text
        );
        assert!(
            t.text.contains("src=\"/img/a.png\"") && t.text.contains("The pier."),
            "{}",
            t.text
        );
        assert!(t.text.ends_with("{% include toc %}\n"), "{}", t.text);
        // A template expression is no call: left as written, and counted.
        let t = translate("{{ page.title }} {% if x(y) %}\n", &Dialects::default());
        assert_eq!(t.text, "{{ page.title }} {% if x(y) %}\n");
    }

    #[test]
    fn dev_to_details_are_titled_quotes_and_math_is_code() {
        let t = translate(
            "A\n\n{% details Why \"soft\" clay? %}\nIt holds water.\n{% enddetails %}\nB\n\n{% spoiler %}\nHidden.\n{% endspoiler %}\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "A\n\n> **Why \"soft\" clay?**  \n> It holds water.\n\nB\n\n> **Spoiler**  \n> Hidden.\n\n"
        );
        assert_eq!(t.leftover, None);
        // Unclosed, it is left as written (and counted).
        let t = translate("{% details Open %}\nText.\n", &Dialects::default());
        assert_eq!(t.text, "{% details Open %}\nText.\n");
        let t = translate(
            "Area {% katex inline %}\\pi r^2{% endkatex %}, or:\n\n{% katex %}\nc = \\sqrt{a^2}\n{% endkatex %}\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "Area `\\pi r^2`, or:\n\n```latex\nc = \\sqrt{a^2}\n```\n"
        );
        assert_eq!(t.leftover, None);
    }

    #[test]
    fn kramdowns_markdown_blocks_are_quotes() {
        let t = translate(
            "<div class=\"notice--info\" markdown=\"1\">\n**Note:** this is a _notice_.\n</div>\n\n<div class=\"plain\">\n**kept**\n</div>\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "\n> **Note:** this is a _notice_.\n\n\n<div class=\"plain\">\n**kept**\n</div>\n"
        );
    }

    #[test]
    fn hexo_quotes_become_markdown_quotes() {
        let t = translate(
            "A\n\n{% blockquote Ana Ruiz, Field Notes https://example.org/n %}\nSoil is slow.\n\nSo are we.\n{% endblockquote %}\nB\n", &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "A\n\n\n> Soil is slow.\n> \n> So are we.\n> — [Ana Ruiz, *Field Notes*](<https://example.org/n>)\nB\n"
        );
        assert_eq!(t.leftover, None);
        assert_eq!(t.source_line(8), 8);
        let t = translate(
            "{% blockquote %}\nPlain {{ \"kept\" }}.\n{% endblockquote %}\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "\n> Plain {{ &quot;kept&quot; }}.\n\n");
        // Template syntax in a quote is counted, as anywhere.
        assert_eq!(t.leftover.map(|l| l.count), Some(1));
    }

    #[test]
    fn obsidian_links_embeds_and_comments() {
        let obsidian = Dialects {
            obsidian: true,
            ..Dialects::default()
        };
        let vault = |text| translate(text, &obsidian).text.into_owned();
        assert_eq!(
            vault("See [[Soil notes]], [[Soil notes|my notes]] and [[Soil notes#Compost bins]].\n"),
            "See [Soil notes](<@wiki/Soil notes>), [my notes](<@wiki/Soil notes>) and \
             [Soil notes › Compost bins](<@wiki/Soil notes#compost-bins>).\n"
        );
        assert_eq!(
            vault("![[sketch.png|300]] ![[Other note]] [[doc.pdf]] ![[doc.pdf]] [[#Local]]\n"),
            "![sketch](<sketch.png>) [Other note](<@wiki/Other note>) [doc.pdf](<doc.pdf>) \
             [doc.pdf](<doc.pdf>) [Local](#local)\n"
        );
        // A Markdown link around `[1]`, brackets inside, and code spans stay as written.
        assert_eq!(
            vault("[[1]](https://e.org/r) [[2]][r] [[1, 2], [3]] `[[x]] %%y%%` | [[A\\|b]] |\n"),
            "[[1]](https://e.org/r) [[2]][r] [[1, 2], [3]] `[[x]] %%y%%` | [b](<@wiki/A>) |\n"
        );
        // Comments, in a line, across lines (fences within hidden too), and left open.
        assert_eq!(
            vault("A `git` %%call Bob%% word.\nStart %%todo\n- ask\n```\nx\n```\nend%% after.\n"),
            "A `git`  word.\nStart \n\n\n\n\n after.\n"
        );
        assert_eq!(vault("Kept.\n%%\nhidden\n"), "Kept.\n\n\n");
        // Code of every kind, tags, HTML comments and autolinks keep their `[[` and `%%`.
        let code = "NumPy:\n\n    rows = m[[0, 1]]\n    %%timeit\n\nText.\n\n> ```\n> %%bash\n> ```\n\n\
                    <pre>\n[[1]] %%\n</pre>\n<span title=\"[[Cafe]]\">x</span> <https://x.org/[[a]]> \
                    <!-- note, %% check --> end.\n";
        assert_eq!(vault(code), code);
        assert_eq!(
            vault("See https://x.org/wiki/[[b]].\n"),
            "See https://x.org/wiki/[[b]].\n"
        );
        // A list item's indented text is text.
        assert_eq!(
            vault("- item\n\n    more %%hidden%%\n"),
            "- item\n\n    more \n"
        );
        // Code is code: fenced, `%%` and `[[` stay.
        assert_eq!(
            vault("```\n%%timeit %%\n[[x]]\n```\n"),
            "```\n%%timeit %%\n[[x]]\n```\n"
        );
        // Outside a vault, all of it is text.
        let text = "50%% off, [[1, 2]] and [[Note]] %%x%%\n";
        assert_eq!(translate(text, &Dialects::default()).text, text);
    }

    #[test]
    fn hexo_and_octopress_code_blocks_become_fenced_code() {
        let t = translate(
            "A\n{% codeblock load.py lang:python https://example.org/x %}\n# read it\ndef f(__x__):\n    pass\n{% endcodeblock %}\nB\n", &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "A\n```python\n# read it\ndef f(__x__):\n    pass\n```\nB\n"
        );
        assert_eq!(t.leftover, None);
        // No language: plain code. `code` ends at `endcode`, not at `endcodeblock`.
        let t = translate("{% code %}\n*x*\n{% endcode %}\n", &Dialects::default());
        assert_eq!(t.text, "```\n*x*\n```\n");
        let t = translate(
            "{% code %}\n*x*\n{% endcodeblock %}\n",
            &Dialects::default(),
        );
        assert!(t.leftover.is_some());
    }

    #[test]
    fn hugo_highlight_shortcodes_become_fenced_code() {
        let t = translate(
            "A\n{{< highlight go \"linenos=table\" >}}\nfmt.Println(1)\n{{< /highlight >}}\nB\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "A\n```go\nfmt.Println(1)\n```\nB\n");
        assert_eq!(t.leftover, None);
        let t = translate(
            "{{% highlight rust %}}\nlet x = 1;\n{{% /highlight %}}\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "```rust\nlet x = 1;\n```\n");
        // Other shortcodes are left and counted.
        let t = translate("{{< param \"x\" >}}\n", &Dialects::default());
        assert_eq!(t.leftover.map(|l| l.count), Some(1));
    }

    #[test]
    fn wordpress_captions_keep_their_content_and_other_shortcodes_are_counted() {
        let t = translate("[caption id=\"a\" width=\"300\"]<img src=\"s.jpg\" alt=\"Seeds\"> Seed packets[/caption]\n\n[gallery ids=\"4,5\"]\n", &Dialects::default());
        assert_eq!(
            t.text,
            "<img src=\"s.jpg\" alt=\"Seeds\"> Seed packets\n\n[gallery ids=&quot;4,5&quot;]\n"
        );
        let left = t.leftover.unwrap();
        assert_eq!((left.line, left.count), (3, 1), "{left:?}");
        // Markdown links and footnotes named like shortcodes are links.
        for text in [
            "[video](https://v.example/)\n",
            "[embed][ref]\n",
            "[^1] and [x]\n",
            "[Gallery ids]\n",
        ] {
            assert_eq!(
                translate(text, &Dialects::default()).leftover,
                None,
                "{text}"
            );
        }
    }

    #[test]
    fn links_to_other_posts_by_name_become_links_gazette_resolves() {
        let t = translate("[a]({% post_url 2013-05-13-roundup %}) [b]({{ site.baseurl }}{% post_url x %})\n[c]({{< ref \"/blog/y.md\" >}}) [d]({{< relref \"z.md#top\" >}})\n", &Dialects::default());
        assert_eq!(
            t.text,
            "[a](@post/2013-05-13-roundup) [b](@post/x)\n[c](@ref//blog/y.md) [d](@ref/z.md#top)\n"
        );
        assert_eq!(t.leftover, None);
        // In running text the tag stays as written, and is counted.
        let t = translate("[e]({% link _posts/2013-05-13-roundup.md %}) [f]({{ site.baseurl }}{% link /about.html %}) [g]({% link assets/cv.pdf %})\n", &Dialects::default());
        assert_eq!(
            t.text,
            "[e](@link/_posts/2013-05-13-roundup.md) [f](@link/about.html) [g](/assets/cv.pdf)\n"
        );
        let t = translate(
            "[h]({{< ref path=\"plain.md\" >}}) [i]({{< relref 'plain' >}})\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "[h](@ref/plain.md) [i](@ref/plain)\n");
        let t = translate(
            "See also {% post_url 2013-05-13-roundup %}.\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "See also {% post_url 2013-05-13-roundup %}.\n");
        assert_eq!(t.leftover.map(|l| l.count), Some(1));
    }

    #[test]
    fn raw_markers_are_dropped_and_lines_map_back() {
        let t = translate(
            "```liquid\n{% raw %}\n{{ page.title }}\n{% endraw %}\n```\n[a](/x/)\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "```liquid\n{{ page.title }}\n```\n[a](/x/)\n");
        assert_eq!(t.source_line(4), 6);
        assert_eq!(t.source_line(1), 1);
        assert!(t.leftover.is_none());
        let t = translate(
            "Write {% raw %}{{ x }}{% endraw %} to print x.\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "Write {{ x }} to print x.\n");
        assert!(t.leftover.is_none());
    }

    #[test]
    fn counts_leftovers_outside_code_only() {
        let body = "See `{{ a }}`.\n\n```\n{% if x %}\n```\n\nA [link]({{ site.title }}/x/) and\n{% link about.md %} and {{ b }}.\n";
        let left = translate(body, &Dialects::default()).leftover.unwrap();
        assert_eq!((left.line, left.count), (7, 3));
        assert_eq!(left.example, "{{ site.title }}");
    }

    #[test]
    fn site_url_variables_before_a_path_become_site_root_links() {
        let body = "A [post]({{ site.baseurl }}/2015/03/x/) and ![i]({{site.url}}{{site.baseurl}}/img/a.png)\n\n`{{ site.baseurl }}/kept`\n\n```\n{{ site.baseurl }}/code\n```\n";
        let t = translate(body, &Dialects::default());
        assert_eq!(
            t.text,
            "A [post](/2015/03/x/) and ![i](/img/a.png)\n\n`{{ site.baseurl }}/kept`\n\n```\n{{ site.baseurl }}/code\n```\n"
        );
        assert!(t.leftover.is_none(), "{:?}", t.leftover);
        let ghost = "![p](__GHOST_URL__/content/images/p.png) [home](__GHOST_URL__) `x`\n";
        assert_eq!(
            without_ghost_url(ghost),
            "![p](/content/images/p.png) [home](/) `x`\n"
        );
    }

    #[test]
    fn mdx_comments_are_dropped_outside_code() {
        let t = translate(
            "Text {/* a note to self */} here.\n{/* alone */}\n`{/* code */}`\n",
            &Dialects::default(),
        );
        assert_eq!(t.text, "Text  here.\n\n`{/* code */}`\n");
    }

    #[test]
    fn quarto_callouts_are_quotes() {
        let t = translate(
            "::: {.callout-note}\nNote this.\n:::\n\n::: {.callout-tip title=\"Try it\" collapse=\"true\"}\nRun it.\n:::\n\n::: {.columns}\nKept.\n:::\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "> **Note**  \n> Note this.\n\n\n> **Try it**  \n> Run it.\n\n\n::: {.columns}\nKept.\n:::\n"
        );
    }

    #[test]
    fn blogdown_post_references_become_relative_paths() {
        let body = "<img src=\"{{< blogdown/postref >}}index.en_files/p.png\" />\n";
        let t = translate(body, &Dialects::default());
        assert_eq!(t.text, "<img src=\"index.en_files/p.png\" />\n");
        assert!(t.leftover.is_none(), "{:?}", t.leftover);
    }

    #[test]
    fn an_unclosed_highlight_is_left_and_counted() {
        let t = translate("{% highlight ruby %}\nputs 1\n", &Dialects::default());
        assert_eq!(t.text, "{% highlight ruby %}\nputs 1\n");
        assert_eq!(t.leftover.unwrap().count, 1);
    }

    #[test]
    fn inline_footnotes_are_defined_after_the_text() {
        let t = translate(
            "Tides rose.^[Measured at the [pier](p.md) gauge.] Then fell.^[Twice.]\n\n```\ns/^[a-z ]+/x/\n```\n    ^[in code too]\nA pattern ^[a-z]+ stays, ^[unclosed note\nSo does ^[A-Za-z0-9 _-]+$ here.\n<p>In HTML^[a note].</p>\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "Tides rose.[^gazette-inline-1] Then fell.[^gazette-inline-2]\n\n```\ns/^[a-z ]+/x/\n```\n    ^[in code too]\nA pattern ^[a-z]+ stays, ^[unclosed note\nSo does ^[A-Za-z0-9 _-]+$ here.\n<p>In HTML^[a note].</p>\n\n[^gazette-inline-1]: Measured at the [pier](p.md) gauge.\n\n[^gazette-inline-2]: Twice.\n"
        );
    }

    #[test]
    fn kramdown_attribute_lists_go_and_url_filters_leave_their_path() {
        let t = translate(
            "Lead text.\n{: .lead}\nSee [the shop](https://shop.example){:target=\"_blank\" rel=\"noopener\"} and **this**{: .x}.\n![Oven]({{ \"/assets/oven.png\" | relative_url }})\n[Home]({{ '/' | absolute_url }}) [A]({{ \"about/\" | relative_url }}) {{ page.title | upcase }}\n{::comment}\nkept\n{:/comment}\nA set {:a, b} stays.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "Lead text.\n\nSee [the shop](https://shop.example) and **this**.\n![Oven](/assets/oven.png)\n[Home](/) [A](/about/) {{ page.title | upcase }}\n{::comment}\nkept\n{:/comment}\nA set {:a, b} stays.\n"
        );
    }

    #[test]
    fn embeds_are_links_to_what_they_showed() {
        let t = translate(
            "{{< youtube abc123 >}}\n{% youtube dQw4 %}\n{{< tweet user=\"zoo\" id=\"145\" >}}\n{% embed https://dev.example/post %}\n{% embed https://www.youtube.com/watch?v=dQw4 %}\nSee {% github rust-lang/rust %} and {{< gist ana 9f2e >}}.\n{% gist 9f2e %}\n{% link not a url %}\n`{% youtube x %}`\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "<https://www.youtube.com/watch?v=abc123>\n<https://www.youtube.com/watch?v=dQw4>\n<https://twitter.com/zoo/status/145>\n<https://dev.example/post>\n<https://www.youtube.com/watch?v=dQw4>\nSee <https://github.com/rust-lang/rust> and <https://gist.github.com/ana/9f2e>.\n<https://gist.github.com/9f2e>\n{% link not a url %}\n`{% youtube x %}`\n"
        );
        assert_eq!(t.leftover.map(|l| l.count), Some(1));
    }

    #[test]
    fn nested_admonitions_nest_and_code_groups_lose_their_markers() {
        let t = translate(
            ":::::info Parent\nOuter text.\n\n::::danger Child\nInner text.\n::::\n\nOuter again.\n:::::\n\n::: code-group\n```sh [npm]\nnpm i x\n```\n:::\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "> **Parent**  \n> Outer text.\n> \n> > **Child**  \n> > Inner text.\n> \n> \n> Outer again.\n\n\n\n```sh [npm]\nnpm i x\n```\n\n"
        );
    }

    #[test]
    fn highlighting_notes_leave_fenced_code() {
        let t = translate(
            "```js\nconst a = 1 // [!code ++]\n// highlight-next-line\nconst b = 2; // [!code focus]\n<p>x</p> <!-- [!code --] -->\necho hi # [!code highlight]\nlet s = \"[!code ++]\"\nconst tip = \"add // [!code ++] to a line\";\nlet n = \"[!code ++]\"; // [!code --]\n```\nText // highlight-next-line\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "```js\nconst a = 1\nconst b = 2;\n<p>x</p>\necho hi\nlet s = \"[!code ++]\"\nconst tip = \"add // [!code ++] to a line\";\nlet n = \"[!code ++]\";\n```\nText // highlight-next-line\n"
        );
        // The dropped line maps back: the fence's last line is the body's eighth.
        assert_eq!(t.source_line(7), 8);
    }

    #[test]
    fn hugo_figures_are_figures() {
        let t = translate(
            "{{< figure src=\"/img/dock.jpg\" caption=\"The dock & boats\" >}}\n{{< figure src=\"q.png\" caption=\"A \\\"quoted\\\" word\" >}}\n{{% figure src=\"p.png\" alt=\"Pier\" link=\"https://p.example\" %}}\n{{< figure caption=\"no picture\" >}}\nIn a sentence {{< figure src=\"x.png\" >}} stays.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "<figure><img src=\"/img/dock.jpg\" alt=\"The dock &amp; boats\"><figcaption>The dock &amp; boats</figcaption></figure>\n<figure><img src=\"q.png\" alt=\"A &quot;quoted&quot; word\"><figcaption>A &quot;quoted&quot; word</figcaption></figure>\n<figure><a href=\"https://p.example\"><img src=\"p.png\" alt=\"Pier\"></a></figure>\n{{< figure caption=&quot;no picture&quot; >}}\nIn a sentence {{< figure src=&quot;x.png&quot; >}} stays.\n"
        );
    }

    #[test]
    fn a_line_opening_with_a_wide_character_is_read_without_panicking() {
        for body in [
            "`{:?}`\n> — A reader\n",
            "^[a-z]+\n> “Quoted,” she said.\n- 日本\n",
        ] {
            let t = translate(body, &Dialects::default());
            assert!(t.text.contains('—') || t.text.contains('日'), "{body}");
        }
    }

    #[test]
    fn nothing_is_rewritten_in_indented_code_or_pre() {
        let body = "Text.\n\n    {% youtube ind123 %}\n    {{ \"/x.png\" | relative_url }} ^[a note] {: .c}\n\n<pre>\n{% youtube pre123 %}\n</pre>\n\n- item\n\n    {% youtube list123 %}\n";
        let t = translate(body, &Dialects::default());
        assert_eq!(
            t.text,
            body.replace(
                "{% youtube list123 %}",
                "<https://www.youtube.com/watch?v=list123>"
            )
        );
    }

    #[test]
    fn badges_show_their_text() {
        let t = translate(
            "## Beds <Badge text=\"new\" type=\"tip\"/>\nThe second bed <Badge type=\"info\" text='beta' /> grew.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "## Beds <strong>new</strong>\nThe second bed <strong>beta</strong> grew.\n"
        );
        let t = translate(
            "Slot <Badge type=\"warning\">beta</Badge> then <Badge text=\"v2\"/> done <Badge text=\"*\"/>.\n",
            &Dialects::default(),
        );
        assert_eq!(
            t.text,
            "Slot <Badge type=\"warning\">beta</Badge> then <strong>v2</strong> done <strong>*</strong>.\n"
        );
    }
}
