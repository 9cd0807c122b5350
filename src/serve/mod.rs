//! `gazette serve`: build the site into memory with the local address as base_url, serve it,
//! and with `--watch` rebuild on every change and tell open pages to reload. Nothing is
//! written to disk. A rebuild runs on its own thread; the new site is swapped in whole
//! (an `Arc` behind a lock), and only then are pages told to reload.

pub mod http;
pub mod incremental;
pub mod reload;
pub mod watch;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::body::Bytes;

use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostics, Severity};
use crate::error::Error;
use crate::markdown::{HighlightCache, Highlighter};
use crate::render::{body_bytes, OutputFile};
use crate::Options;
use http::Snapshot;
use incremental::{RebuildKind, Rebuilder};
use reload::{Hub, Published};
use watch::{Batch, Changes, WatchMode, Watcher, WATCHED_DIRS};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub interface: IpAddr,
    /// 0: any free port (the one chosen is printed).
    pub port: u16,
    pub drafts: bool,
    pub future: bool,
    pub watch: bool,
    pub poll: bool,
    /// The folder of the highlight cache (code blocks kept between runs); None with
    /// `--no-cache`.
    pub highlight_cache: Option<PathBuf>,
}

/// State shared by the HTTP handlers and the rebuild thread.
pub struct Shared {
    site: RwLock<Arc<Snapshot>>,
    hub: Arc<Hub>,
    allowed_hosts: Vec<String>,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        self.site.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn swap(&self, snapshot: Snapshot) {
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }
}

/// Runs the server until Ctrl+C.
pub fn run(opts: ServeOptions) -> Result<(), Error> {
    let listener = bind(opts.interface, opts.port)?;
    let port = listener.local_addr()?.port();
    let url = format!("http://{}:{port}/", url_host(opts.interface));
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(Snapshot::default())),
        hub: Arc::new(Hub::new()),
        allowed_hosts: http::allowed_hosts(opts.interface, port),
    });
    let mut builder = Builder {
        rebuilder: Rebuilder::new(Options {
            drafts: opts.drafts,
            future: opts.future,
            base_url: Some(url.clone()),
            ..Options::new(&opts.root)
        }),
        hl: Highlighter::with_cache(opts.highlight_cache.as_deref().map(HighlightCache::new)),
        shared: shared.clone(),
        builds: 0,
        warnings: HashSet::new(),
    };
    if !builder.build(None) && !opts.watch {
        return Err(Error::Build);
    }
    if opts.watch {
        start_watching(&opts, builder)?;
    }
    println!(
        "serving {url}{}",
        if opts.watch {
            " (watching for changes; Ctrl+C to stop)"
        } else {
            " (Ctrl+C to stop)"
        }
    );
    let _ = std::io::stdout().flush();
    serve_http(listener, shared)
}

fn bind(interface: IpAddr, port: u16) -> Result<TcpListener, Error> {
    let addr = SocketAddr::new(interface, port);
    let listener = TcpListener::bind(addr).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            Error::PortInUse {
                port,
                interface,
                next: port.saturating_add(1),
            }
        } else {
            Error::Bind { addr, source }
        }
    })?;
    listener.set_nonblocking(true)?;
    Ok(listener)
}

/// The host part of the local URL (a wildcard interface is reached through loopback).
fn url_host(interface: IpAddr) -> String {
    match interface {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".into(),
        IpAddr::V6(ip) if ip.is_unspecified() => "[::1]".into(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    }
}

fn start_watching(opts: &ServeOptions, builder: Builder) -> Result<(), Error> {
    let root = std::fs::canonicalize(&opts.root).map_err(|source| Error::Unwatchable {
        path: opts.root.clone(),
        source,
    })?;
    let output_dir = SiteConfig::load(&opts.root)
        .map(|c| PathBuf::from(c.output_dir))
        .unwrap_or_else(|_| PathBuf::from("public"));
    let (tx, rx) = std::sync::mpsc::channel();
    let mode = if opts.poll {
        WatchMode::Poll
    } else {
        WatchMode::Native
    };
    let watcher = watch::start(&root, &output_dir, mode, tx)?;
    std::thread::Builder::new()
        .name("gazette-rebuild".into())
        .spawn(move || builder.run(rx, watcher, root))?;
    Ok(())
}

fn serve_http(listener: TcpListener, shared: Arc<Shared>) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = axum::Router::new()
            .fallback(http::handle)
            .with_state(shared);
        tokio::select! {
            served = axum::serve(listener, app) => served.map_err(Error::Server),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })
}

/// Owns everything a rebuild needs; lives on the rebuild thread once watching starts.
struct Builder {
    rebuilder: Rebuilder,
    hl: Highlighter,
    shared: Arc<Shared>,
    builds: u64,
    /// Warnings already printed, so each rebuild prints only new ones.
    warnings: HashSet<String>,
}

/// A batch touching this many files is treated as a burst.
const BURST_FILES: usize = 5;
/// A burst is over when no event came for this long...
const BURST_QUIET: std::time::Duration = std::time::Duration::from_millis(150);
/// ...or after this long, so a never-ending stream still rebuilds.
const BURST_SETTLE_MAX: std::time::Duration = std::time::Duration::from_secs(3);

impl Builder {
    /// Waits for changes, coalescing everything that arrived meanwhile into one rebuild;
    /// with no change, rebuilds when a story's publication or expiry comes.
    fn run(mut self, rx: Receiver<Batch>, mut watcher: Watcher, root: PathBuf) {
        loop {
            let next = match self.rebuilder.next_due() {
                Some(wait) => rx
                    .recv_timeout(wait)
                    .map_err(|e| e == RecvTimeoutError::Timeout),
                None => rx.recv().map_err(|_| false),
            };
            let first = match next {
                Ok(batch) => batch,
                Err(true) => {
                    self.build(None);
                    continue;
                }
                Err(false) => break,
            };
            let mut changes: Option<Changes> = None;
            let add = |batch: Batch, changes: &mut Option<Changes>| match batch {
                Batch::Failed(errors) => {
                    let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                    eprintln!("{}", lines.join("\n"));
                }
                Batch::Changed(c) => match changes {
                    Some(all) => all.merge(c),
                    None => *changes = Some(c),
                },
            };
            for batch in std::iter::once(first).chain(rx.try_iter()) {
                add(batch, &mut changes);
            }
            // A burst (a `git checkout`, a copy) arrives in many debounced batches: wait
            // for it to go quiet, so it costs one rebuild. A single save is not delayed.
            let settle_until = Instant::now() + BURST_SETTLE_MAX;
            while changes
                .as_ref()
                .is_some_and(|c| c.paths.len() >= BURST_FILES)
                && Instant::now() < settle_until
            {
                match rx.recv_timeout(BURST_QUIET) {
                    Ok(batch) => add(batch, &mut changes),
                    Err(_) => break,
                }
            }
            if let Some(changes) = changes {
                // A watched folder created (or replaced) after start needs its own watch.
                for dir in changes
                    .paths
                    .iter()
                    .filter_map(|p| is_watched_dir(&root, p))
                {
                    if let Err(msg) = watcher.watch_dir(&root, dir) {
                        eprintln!("{msg}");
                    }
                }
                self.build(Some(&changes));
            }
        }
    }

    /// One build; true if it succeeded and was swapped in.
    fn build(&mut self, changes: Option<&Changes>) -> bool {
        let started = Instant::now();
        let changed = changes.filter(|c| !c.rescan).map(|c| c.paths.as_slice());
        let result = catch_unwind(AssertUnwindSafe(|| self.rebuilder.build(&self.hl, changed)));
        let outcome = match result {
            Ok(r) => r,
            Err(panic) => {
                self.rebuilder.reset();
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown cause".into());
                let mut diags = Diagnostics::default();
                diags.push(crate::diagnostic::Diagnostic::error(
                    self.rebuilder.root(),
                    0,
                    0,
                    format!("internal error while building (please report it): {what}"),
                ));
                Err(diags)
            }
        };
        match outcome {
            Ok(rebuilt) => {
                self.builds += 1;
                let verify = std::env::var_os("GAZETTE_VERIFY_INCREMENTAL").is_some()
                    && matches!(rebuilt.kind, RebuildKind::Partial { .. });
                let check = verify.then(|| rebuilt.files.clone());
                self.shared.swap(Snapshot {
                    build: self.builds,
                    files: rebuilt.files,
                });
                let css_only = changes.is_some_and(|c| c.css_only);
                let change = if css_only {
                    Published::Css
                } else {
                    Published::Site
                };
                self.shared.hub.published(self.builds, change);
                let mut warnings = rebuilt.warnings;
                if let Some(cache) = self.hl.cache() {
                    warnings.extend(cache.warning());
                    cache.prune();
                }
                self.print_new_warnings(&warnings);
                self.report(started, changes, rebuilt.kind, &rebuilt.timings);
                if let Some(files) = check {
                    self.verify(&files);
                }
                true
            }
            Err(diags) => {
                let text = error_text(&diags);
                eprintln!("{text}");
                let errors = diags.count(Severity::Error);
                // Before a first good build there is no site to fall back on.
                let serving = if self.builds == 0 {
                    "nothing to serve until it builds"
                } else {
                    "still serving the last good site"
                };
                println!(
                    "build failed: {errors} error{}; {serving}",
                    if errors == 1 { "" } else { "s" }
                );
                let _ = std::io::stdout().flush();
                self.shared.hub.failed(text);
                false
            }
        }
    }

    fn report(
        &self,
        started: Instant,
        changes: Option<&Changes>,
        kind: RebuildKind,
        timings: &[(&'static str, std::time::Duration)],
    ) {
        let ms = started.elapsed().as_millis();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let what = match kind {
            RebuildKind::Full { parsed } => format!("{parsed} file{} parsed", plural(parsed)),
            RebuildKind::Partial { parsed, rendered } => format!(
                "{parsed} file{} parsed, {rendered} output file{} re-rendered",
                plural(parsed),
                plural(rendered)
            ),
            RebuildKind::Copied { copied } => {
                format!(
                    "{copied} file{} copied, nothing re-rendered",
                    plural(copied)
                )
            }
        };
        let stages = if std::env::var_os("GAZETTE_TIMINGS").is_some() {
            let list: Vec<String> = timings
                .iter()
                .map(|(name, d)| format!("{name} {:.1}", d.as_secs_f64() * 1000.0))
                .collect();
            format!("; ms: {}", list.join(", "))
        } else {
            String::new()
        };
        match changes {
            None => println!("built in {ms} ms ({what}{stages})"),
            Some(c) => println!(
                "rebuilt in {ms} ms ({} ms after the first change; {} path{} changed, {what}{stages})",
                c.since.elapsed().as_millis(),
                c.paths.len(),
                plural(c.paths.len()),
            ),
        }
        let _ = std::io::stdout().flush();
    }

    /// `GAZETTE_VERIFY_INCREMENTAL=1`: compares a partial rebuild with a full build.
    fn verify(&self, files: &HashMap<String, Bytes>) {
        match self.rebuilder.differences(&self.hl, files) {
            Ok(differ) if differ.is_empty() => {
                println!(
                    "incremental check: same as a full build ({} files)",
                    files.len()
                )
            }
            Ok(differ) => println!(
                "incremental check: {} file{} differ from a full build: {}",
                differ.len(),
                if differ.len() == 1 { "" } else { "s" },
                differ.join(", ")
            ),
            Err(_) => println!("incremental check: the full build failed"),
        }
        let _ = std::io::stdout().flush();
    }

    fn print_new_warnings(&mut self, diags: &Diagnostics) {
        let mut now = HashSet::new();
        for d in diags.clone().sorted() {
            let line = d.to_string();
            if !self.warnings.contains(&line) {
                eprintln!("{line}");
            }
            now.insert(line);
        }
        self.warnings = now;
    }
}

/// Errors as printed and as shown in the overlay: `path:line:col: error: message`, sorted.
fn error_text(diags: &Diagnostics) -> String {
    diags
        .clone()
        .sorted()
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The built files as served: every body in memory.
fn into_map(files: Vec<OutputFile>) -> Result<HashMap<String, Bytes>, Diagnostics> {
    let mut map = HashMap::with_capacity(files.len());
    let mut diags = Diagnostics::default();
    for f in files {
        let bytes = match f.body {
            crate::render::Body::Bytes(b) => Bytes::from(b),
            crate::render::Body::Static(b) => Bytes::from_static(b),
            // Only `build` renders into a sink; serve's files are all in memory.
            crate::render::Body::Written => continue,
            ref body @ crate::render::Body::Copy(ref src) => match body_bytes(body) {
                Ok(b) => Bytes::from(b.into_owned()),
                Err(e) => {
                    diags.push(crate::diagnostic::Diagnostic::error(
                        src,
                        0,
                        0,
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            },
        };
        map.insert(f.path, bytes);
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(map)
    }
}

fn is_watched_dir(root: &Path, path: &Path) -> Option<&'static str> {
    let name = path.strip_prefix(root).ok()?.to_str()?;
    WATCHED_DIRS.iter().copied().find(|d| *d == name)
}
