//! The `gazette` binary: parse the command line, run the library, print problems, exit
//! 0 (success), 1 (content or configuration errors) or 2 (usage errors, from clap).

mod cli;
mod report;

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use cli::{
    Advice, BuildArgs, CheckArgs, Cli, Command, Format, ImportArgs, InitArgs, NewArgs, SendArgs,
    ServeArgs,
};
use gazette::config::SiteConfig;
use gazette::markdown::{HighlightCache, Highlighter};
use gazette::output::{Staging, WhenBusy};
use gazette::Error;
use gazette::Options;
use report::Verbosity;

/// mimalloc: the build allocates and frees many small strings and template values from
/// several threads; glibc's malloc spent ~10% of a build in malloc/free (bench/README.md).
/// Built with `no_thp`: with transparent huge pages the kernel's page clearing made system
/// time erratic (0.3-1.3 s at 10k articles) and peak memory ~100 MiB higher.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (not exported by libmimalloc-sys).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Freed memory goes back to the OS after 1 s rather than mimalloc's default 10 ms: a
    // build frees and reallocates a lot in quick succession, and early purging cost more
    // system time (page faults) than it saved.
    // SAFETY: setting an option is allowed at any time; the value is a plain integer.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) };
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(&cli.root, args),
        Command::Import(args) => import(&cli.root, args),
        Command::Check(args) => check(&cli.root, args),
        Command::Init(args) => init(&cli.root, args),
        Command::New(args) => new(&cli.root, args),
        Command::Serve(args) => serve(&cli.root, args),
        Command::Send(args) => send(&cli.root, args),
    }
}

/// Prints `error: message` and returns exit status 1.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{}: {message}", report::label_error());
    ExitCode::from(1)
}

fn send(root: &std::path::Path, args: SendArgs) -> ExitCode {
    use gazette::email::{message, send};
    let server = match send::Server::parse(&args.smtp) {
        Ok(s) => s,
        Err(e) => return fail(format!("--smtp: {e}")),
    };
    let mut to = Vec::new();
    for addr in &args.to {
        match addr.parse::<lettre::message::Mailbox>() {
            Ok(m) => to.push(m),
            Err(e) => return fail(format!("--to `{addr}` is not an email address ({e})")),
        }
    }
    let site = match gazette::generate(Options::new(root), &Highlighter::new()) {
        Ok(build) => build,
        Err(diags) => return report::failure(diags, Verbosity::Normal),
    };
    let config = &site.config;
    if !config.newsletter.enabled {
        return fail("the newsletter is off in site.toml (`enabled = false` in [newsletter], or `edition = \"none\"` in [digest])");
    }
    let editions = &site.digest.editions;
    let edition = if args.edition == "latest" {
        editions.first()
    } else {
        editions.iter().find(|e| e.id == args.edition)
    };
    let Some(edition) = edition else {
        let newest: Vec<&str> = editions.iter().take(3).map(|e| e.id.as_str()).collect();
        return fail(format!(
            "no edition `{}`; the newest are {} (or use `latest`)",
            args.edition,
            if newest.is_empty() {
                "none".to_string()
            } else {
                newest.join(", ")
            }
        ));
    };
    let path = gazette::email::file_path(&edition.id, "email.eml");
    let Some(eml) = site
        .files
        .iter()
        .find(|f| f.path == path)
        .and_then(|f| gazette::render::body_bytes(&f.body).ok())
    else {
        return fail(format!("edition {} has no email.eml", edition.id));
    };
    let sender = message::sender(config);
    let from = sender.email.clone();
    let no_sender = config.newsletter.from.is_none().then_some(
        "set `from` in the [newsletter] table of site.toml before sending (e.g. from = \"The Brief <brief@example.org>\")",
    );
    // Without `--to`, a proof to the sender; the dry run shows the same messages.
    if to.is_empty() && no_sender.is_none() {
        to.push(sender);
    }
    if args.dry_run {
        if let Some(why) = no_sender {
            eprintln!("note: {why}; a real send refuses until then");
        }
        let mut out = std::io::stdout().lock();
        let messages: Vec<Vec<u8>> = if to.is_empty() {
            vec![eml.to_vec()]
        } else {
            to.iter().map(|t| send::addressed(&eml, t)).collect()
        };
        for m in messages {
            use std::io::Write;
            let _ = out.write_all(&m);
            let _ = out.write_all(b"\r\n");
        }
        return ExitCode::SUCCESS;
    }
    if let Some(why) = no_sender {
        return fail(why);
    }
    let password = std::env::var(send::PASSWORD_VAR).ok();
    let mut sent = 0;
    let result = send::send(&server, password, &from, &to, &eml, |addr| {
        sent += 1;
        println!("sent {} to {addr}", edition.id);
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if sent > 0 => fail(format!(
            "{e} (sent to {sent} of {} recipients before this; not retried)",
            to.len()
        )),
        Err(e) => fail(e),
    }
}

fn check(root: &std::path::Path, args: CheckArgs) -> ExitCode {
    let opts = Options {
        drafts: args.selection.drafts,
        future: args.selection.future,
        ..Options::new(root)
    };
    let mut diags = gazette::check::check(opts, &Highlighter::new(), jiff::Timestamp::now());
    let before = diags.len();
    diags.retain(|d| !args.skip.iter().any(|&advice| is_advice(d, advice)));
    let skipped = before - diags.len();
    match args.format {
        Format::Json => println!("{}", report::to_json(&diags)),
        Format::Text => report::print_stdout(&diags),
    }
    // The summary goes to stderr in either format: stdout stays the findings alone.
    let skipped = match skipped {
        0 => String::new(),
        n => format!(" ({} skipped)", report::thousands(n)),
    };
    if diags.is_empty() {
        eprintln!("check: no problems found{skipped}");
    } else {
        eprintln!("check: {}{skipped}", report::counts(&diags));
    }
    let failed = diags.has_errors() || (args.strict && !diags.is_empty());
    ExitCode::from(u8::from(failed))
}

/// True when `d` is advice of kind `advice` (`check --skip`).
fn is_advice(d: &gazette::diagnostic::Diagnostic, advice: Advice) -> bool {
    use gazette::diagnostic::DiagnosticKind as Kind;
    matches!(
        (advice, &d.kind),
        (Advice::NoSource, Kind::NoSource)
            | (Advice::NoSummary, Kind::NoSummary)
            | (Advice::NoAlt, Kind::ImageWithoutAlt)
            | (Advice::TagTypo, Kind::TagTypo { .. })
            | (Advice::StaleDraft, Kind::StaleDraft { .. })
    )
}

fn init(root: &std::path::Path, args: InitArgs) -> ExitCode {
    let dir = args.dir.unwrap_or_else(|| root.to_path_buf());
    match gazette::i18n::check_tag(&args.language) {
        Err(e) => {
            eprintln!("{}: --language: {e}", report::label_error());
            return ExitCode::from(2);
        }
        Ok(Some(warning)) => eprintln!("{}: {warning}", report::label_warning()),
        Ok(None) => {}
    }
    let tz = jiff::tz::TimeZone::system();
    let timezone = tz.iana_name().unwrap_or("UTC").to_string();
    let opts = gazette::scaffold::InitOptions {
        dir: dir.clone(),
        today: jiff::Timestamp::now().to_zoned_datetime(tz).date(),
        timezone,
        eject_theme: args.eject_theme,
        language: args.language,
    };
    let written = match gazette::scaffold::init(&opts) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}: {e}", report::label_error());
            return ExitCode::from(1);
        }
    };
    println!("created a new gazette site in {}:", dir.display());
    for path in written.iter().filter(|p| !p.starts_with("themes")) {
        println!("  {}", path.display());
    }
    if args.eject_theme {
        println!("  themes/default/ (the default theme, to edit)");
    }
    let cd = if dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!("  cd {}\n", shell_quoted(&dir.display().to_string()))
    };
    println!(
        "\nnext steps:\n{cd}  edit site.toml (title, base_url)\n  gazette new \"A story\" --tag news --source-url https://example.org/story\n  gazette serve --drafts    # preview at http://127.0.0.1:1111/, drafts included\n  gazette check             # before you publish\n  gazette build             # the site, without drafts, goes to public/"
    );
    ExitCode::SUCCESS
}

/// `text` as one word for a POSIX shell, so the printed command can be pasted: quoted
/// when it holds anything but letters, digits and `._/-`.
fn shell_quoted(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-'));
    // A name starting with `-` would be read as an option.
    let text = match text.starts_with('-') {
        true => format!("./{text}"),
        false => text.to_string(),
    };
    match plain {
        true => text,
        false => format!("'{}'", text.replace('\'', r"'\''")),
    }
}

fn new(root: &std::path::Path, args: NewArgs) -> ExitCode {
    let config = match SiteConfig::load(root) {
        Ok(c) => c,
        Err(diags) => {
            report::print(&diags, Verbosity::Normal);
            return ExitCode::from(1);
        }
    };
    let article = gazette::scaffold::NewArticle {
        title: args.title,
        tags: args.tags,
        source_url: args.source_url,
        source_name: args.source_name,
    };
    let now = jiff::Timestamp::now().to_zoned_datetime(config.timezone.clone());
    let warnings = gazette::import::already_in_site(
        root,
        &config,
        article.source_url.as_deref(),
        &article.title,
        &Highlighter::new(),
    );
    match gazette::scaffold::new_article(&config, &article, &now) {
        Ok(path) => {
            for w in &warnings {
                eprintln!("{}: {w}", report::label_warning());
            }
            println!("{}", gazette::diagnostic::shown_path(&path).display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", report::label_error());
            ExitCode::from(1)
        }
    }
}

fn build(root: &std::path::Path, args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    let verbosity = Verbosity::quiet_if(args.quiet);
    let cache = args.cache.highlight_cache_dir();
    let hl = Highlighter::with_cache(cache.as_deref().map(HighlightCache::new));
    let quiet = args.quiet;
    let notify = |busy: &gazette::output::Busy| {
        if !quiet {
            eprintln!("waiting for {busy}");
        }
    };
    let when_busy = if args.no_wait {
        WhenBusy::Fail
    } else {
        WhenBusy::Wait(&notify)
    };
    // Pages are written into the staging folder while they render, when the destination
    // is known and acceptable up front; otherwise (or to report a refused destination
    // after any content errors, as before) everything is written at the end.
    // site.toml, read once: where the output goes, and the pipeline's configuration.
    let mut config = match SiteConfig::load_with(root, args.base_url.as_deref()) {
        Ok(config) => config,
        Err(diags) => return report::failure(diags, verbosity),
    };
    let out = gazette::output_dir(root, &config, args.output.as_deref());
    // Messages that name an output file name it where `--output` put it.
    if args.output.is_some() {
        let absolute = std::path::absolute(&out).unwrap_or_else(|_| out.clone());
        config.output_dir = absolute.to_string_lossy().into_owned();
    }
    let staging = match early_staging(root, &out, when_busy) {
        Ok(staging) => staging,
        Err(busy) => {
            eprintln!("{}: {busy}", report::label_error());
            return ExitCode::from(1);
        }
    };
    let sink = staging.as_ref().map(|s| s as _);
    let generated = report::with_progress(verbosity, |progress| {
        let opts = Options {
            drafts: args.selection.drafts,
            future: args.selection.future,
            config: Some(config),
            sink,
            progress,
            ..Options::new(root)
        };
        gazette::generate(opts, &hl)
    });
    let mut site = match generated {
        Ok(build) => build,
        Err(diags) => return report::failure(diags, verbosity),
    };
    if let Some(warning) = hl.cache().and_then(|c| c.warning()) {
        site.diagnostics.push(warning);
    }
    report::print(&site.diagnostics, verbosity);
    let writing = Instant::now();
    let written = match staging {
        Some(staging) => staging.finish(&site.files),
        None => gazette::output::write_site(root, &out, &site.files, when_busy),
    };
    if std::env::var_os("GAZETTE_TIMINGS").is_some() {
        for (stage, took) in site.timings.iter().chain([&("write", writing.elapsed())]) {
            eprintln!("{stage:>8}: {:7.1} ms", took.as_secs_f64() * 1000.0);
        }
    }
    match written {
        Err(e) => {
            eprintln!("{}: {e}", report::label_error());
            eprintln!("the previous output, if any, is unchanged");
            return ExitCode::from(1);
        }
        Ok(not_removed) => {
            for folder in not_removed {
                eprintln!("{}: {folder}", report::label_warning());
            }
        }
    }
    if !args.quiet {
        let d = &site.digest;
        println!(
            "built {}{}, {}, {} -> {} in {:.2} s",
            report::count(d.stories.len(), "article"),
            report::left_out(site.left_out()),
            report::count(d.tags.len(), "tag"),
            report::count(d.editions.len(), "edition"),
            gazette::diagnostic::shown_path(&out).display(),
            started.elapsed().as_secs_f64()
        );
    }
    if let Some(cache) = hl.cache() {
        cache.prune();
    }
    // The process exits after this build: freeing the templates' values, the digest and
    // the highlighter allocation by allocation took ~50 ms of wall time at 10k articles,
    // for nothing (the exit returns the memory at once).
    std::mem::forget(site);
    std::mem::forget(hl);
    ExitCode::SUCCESS
}

/// The staging folder for the build output at `out`, if it may be replaced; it holds the
/// output's lock from here on. The one error returned at once is another build holding the
/// lock under `--no-wait`: any other is reported when the build writes at the end.
fn early_staging(
    root: &std::path::Path,
    out: &std::path::Path,
    when_busy: WhenBusy,
) -> Result<Option<Staging>, Error> {
    match Staging::create(root, out, when_busy) {
        Ok(staging) => Ok(Some(staging)),
        Err(busy @ Error::Busy(_)) => Err(busy),
        Err(_) => Ok(None),
    }
}

fn import(root: &std::path::Path, args: ImportArgs) -> ExitCode {
    // One story has one address: given to several captures, every draft would claim it.
    if args.source_url.is_some() && args.files.len() > 1 {
        eprintln!(
            "error: --source-url names one story's address, and {} captures were given; \
             import them one at a time with their own --source-url (--source-name may be \
             shared)",
            args.files.len()
        );
        return ExitCode::from(2);
    }
    let opts = gazette::import::ImportOptions {
        source_url: args.source_url,
        source_name: args.source_name,
    };
    let (imported, diags) =
        gazette::import::import_files(root, &args.files, &opts, &Highlighter::new());
    for draft in &imported {
        let shown = gazette::diagnostic::shown_path(&draft.path);
        println!("{}", shown.display());
        for w in &draft.warnings {
            eprintln!("{}: warning: {w}", shown.display());
        }
    }
    report::print(&diags, Verbosity::Normal);
    if diags.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn serve(root: &std::path::Path, args: ServeArgs) -> ExitCode {
    let opts = gazette::serve::ServeOptions {
        root: root.to_path_buf(),
        interface: args.interface,
        port: args.port,
        drafts: args.selection.drafts,
        future: args.selection.future,
        watch: args.watch,
        poll: args.poll,
        highlight_cache: args.cache.highlight_cache_dir(),
    };
    match gazette::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Build) => {
            eprintln!("the site did not build; fix the errors above (or use --watch to fix them while serving)");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{}: {e}", report::label_error());
            ExitCode::from(1)
        }
    }
}
