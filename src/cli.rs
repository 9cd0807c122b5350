//! The command line, as clap derive structs: one per command.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "gazette", version, about = "A static site generator for curated news digests", long_about = None)]
pub struct Cli {
    /// The site folder (holding site.toml and content/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default: public/).
    ///
    /// With `[search] enabled = true` in site.toml it also writes the search page
    /// (/search/) and its index (search/index/); see docs/search.md.
    Build(BuildArgs),
    /// Serve the site from memory on a local port; with --watch, rebuild and reload on change.
    Serve(ServeArgs),
    /// Check the site without writing anything; list every problem found.
    ///
    /// Everything `build` checks, plus: links and images that lead nowhere, articles without
    /// a summary or a source, stories that share a source URL, a tag used once that looks
    /// like a typo of another tag, and drafts dated more than 30 days ago.
    ///
    /// Exit status: 1 if any error was found (or any warning, with --strict), else 0.
    Check(CheckArgs),
    /// Create a new site in DIR (default: the --root folder, "."), ready to build.
    ///
    /// DIR may be missing (it is created) or hold only dotfiles such as .git; anything else
    /// is refused. The default theme is built into gazette, so no themes/ folder is written
    /// unless --eject-theme is given; to change one template, copy it into templates/.
    Init(InitArgs),
    /// Write a new draft article, content/YYYY-MM-DD-<slug>.md, and print its path.
    ///
    /// The date is now in the site's time zone; the article has `draft: true`, so `build`
    /// leaves it out until you remove that line (preview it with `serve --drafts`). An
    /// existing file is never overwritten: a taken name gets -2, -3, ...
    New(NewArgs),
    /// Turn captured articles (a browser's "save as text" or "save page as HTML") into
    /// draft articles in content/; prints each draft's path.
    Import(ImportArgs),
    /// Send an edition's email (its email.eml) through an SMTP server, one message per
    /// recipient.
    ///
    /// The password comes from the GAZETTE_SMTP_PASSWORD environment variable, never from
    /// site.toml or the URL. TLS is required (STARTTLS with smtp://, TLS from the start with
    /// smtps://) except on a loopback address. Each recipient is tried once: on an error,
    /// gazette says which recipients got the message and exits with status 1.
    Send(SendArgs),
}

#[derive(Debug, Args)]
pub struct SendArgs {
    /// The edition's id, as in /editions/<id>/ (2024-w22, 2024-05-28, 2024-05), or
    /// `latest`.
    #[arg(value_name = "EDITION")]
    pub edition: String,
    /// A recipient (a mailing list's posting address, or yourself); repeat for more.
    /// Default: [newsletter] from, to proof the edition.
    #[arg(long = "to", value_name = "ADDR")]
    pub to: Vec<String>,
    /// The SMTP server: smtp://user@host:587 (STARTTLS) or smtps://user@host:465 (TLS).
    #[arg(long, value_name = "URL", default_value = "smtp://127.0.0.1:25")]
    pub smtp: String,
    /// Print the message that would be sent (to each recipient) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding: `path:line:col: severity: message`.
    Text,
    /// A JSON array of {severity, path, line, column, message}.
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Exit with status 1 on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print the findings (on standard output).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Leave out advice of these kinds (comma-separated or repeated), e.g. on an archive
    /// migrated from a blog: --skip no-source,no-summary. Errors are never skipped.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    pub skip: Vec<Advice>,
    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// The advice `check` gives beyond what `build` reports, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Advice {
    /// An article without `source:`.
    NoSource,
    /// An article without `summary:`.
    NoSummary,
    /// A raw `<img>` without `alt`.
    NoAlt,
    /// A tag used once, spelled almost as another.
    TagTypo,
    /// A draft dated more than 30 days ago.
    StaleDraft,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the new site (default: the --root folder).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Also write the built-in default theme to themes/default/, to edit it.
    #[arg(long)]
    pub eject_theme: bool,
    /// The site's language, a BCP 47 tag (de, fr, pt-BR, ja…): the theme's words and dates
    /// follow it. Tables ship for en, de, fr, es, it, pt, nl, pl, sv and ja.
    #[arg(long, value_name = "TAG", default_value = "en")]
    pub language: String,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The article's title, on one line (quote it in the shell).
    #[arg(value_name = "TITLE", value_parser = gazette::scaffold::check_title)]
    pub title: String,
    /// A tag; repeat for more (--tag science --tag space).
    #[arg(long = "tag", short, value_name = "TAG")]
    pub tags: Vec<String>,
    /// The URL of the original story: absolute http(s).
    #[arg(long, value_name = "URL", value_parser = gazette::scaffold::check_source_url)]
    pub source_url: Option<String>,
    /// The name of the publication (default: the URL's host); needs --source-url.
    #[arg(long, value_name = "NAME", requires = "source_url")]
    pub source_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Captures to import (.txt or .html).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The original story's URL, when the capture does not have it (one capture only).
    #[arg(long, value_name = "URL", value_parser = gazette::scaffold::check_source_url)]
    pub source_url: Option<String>,
    /// The publication's name, when the capture does not have it.
    #[arg(long, value_name = "NAME")]
    pub source_name: Option<String>,
}

#[derive(Debug, Args)]
pub struct SelectionArgs {
    /// Include drafts (`draft: true` / `published: false`).
    #[arg(long)]
    pub drafts: bool,
    /// Include articles dated in the future.
    #[arg(long)]
    pub future: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Where to write the site (default: site.toml's output_dir, "public").
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Use this base URL instead of site.toml's.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print only errors (no warnings, no summary, no progress line, no waiting notice).
    #[arg(long, short)]
    pub quiet: bool,
    /// If another gazette build of the same output folder is running, fail at once (exit
    /// status 1) instead of waiting for it to finish.
    #[arg(long)]
    pub no_wait: bool,
    #[command(flatten)]
    pub cache: CacheArgs,
}

#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Highlight every code block anew, without reading or writing the highlight cache
    /// ($XDG_CACHE_HOME/gazette/, else ~/.cache/gazette/; GAZETTE_NO_CACHE=1 does the same).
    #[arg(long)]
    pub no_cache: bool,
}

impl CacheArgs {
    /// The highlight cache's folder, unless turned off by the flag or the environment.
    pub fn highlight_cache_dir(&self) -> Option<PathBuf> {
        gazette::markdown::HighlightCache::default_dir().filter(|_| !self.no_cache)
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Rebuild on every change and reload open pages.
    #[arg(long, short)]
    pub watch: bool,
    /// The port to listen on (0: any free port; the one chosen is printed).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on.
    #[arg(long, short, default_value = "127.0.0.1", value_name = "ADDR")]
    pub interface: std::net::IpAddr,
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Poll the files instead of using the system's file events (for network and
    /// container file systems, or when the inotify limit is reached).
    #[arg(long)]
    pub poll: bool,
    #[command(flatten)]
    pub cache: CacheArgs,
}
