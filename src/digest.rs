//! The digest stage of [`crate::generate`]: parsed documents become the digest's plain
//! data: stories in order, tags, editions, sources and standalone pages, with every URL
//! decided and checked for clashes.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use jiff::{Timestamp, ZonedDateTime as Zoned};
use rayon::prelude::*;

use crate::config::{EditionKind, SiteConfig};
use crate::content::lines;
use crate::content::slug::{slugify_or, tag_key, tag_slug};
use crate::content::{Asset, Document, DocumentKind};
use crate::diagnostic::{ClashFix, Diagnostic, DiagnosticKind, Diagnostics, Location};
use crate::i18n::Strings;

/// Which documents make it into the site.
#[derive(Debug, Clone, Copy)]
pub struct Selection {
    pub drafts: bool,
    pub future: bool,
    pub now: Timestamp,
}

#[derive(Debug)]
pub struct Story {
    /// Shared with `serve`'s parse cache.
    pub doc: Arc<Document>,
    /// The story's date in the site's time zone.
    pub date: Zoned,
    pub updated: Option<Zoned>,
    /// URL path, starting and ending with `/`.
    pub path: String,
    pub tags: Vec<usize>,
    pub edition: Option<usize>,
    pub source: Option<usize>,
}

#[derive(Debug)]
pub struct TagInfo {
    pub name: String,
    pub slug: String,
    /// Story indices, newest first.
    pub stories: Vec<usize>,
}

#[derive(Debug)]
pub struct Edition {
    pub id: String,
    pub title: String,
    pub start: Date,
    pub end: Date,
    pub stories: Vec<usize>,
}

#[derive(Debug)]
pub struct Publication {
    pub name: String,
    pub slug: String,
    pub homepage: String,
    pub stories: Vec<usize>,
}

#[derive(Debug)]
pub struct Page {
    pub doc: Arc<Document>,
    pub path: String,
}

/// The whole site as plain data, ready to render.
#[derive(Debug, Default)]
pub struct Digest {
    /// Newest first.
    pub stories: Vec<Story>,
    /// By name, case-insensitively.
    pub tags: Vec<TagInfo>,
    /// Newest first.
    pub editions: Vec<Edition>,
    /// By name.
    pub sources: Vec<Publication>,
    pub pages: Vec<Page>,
    pub assets: Vec<Asset>,
}

/// URL prefixes the generator owns; a page or permalink may not take them.
pub const RESERVED: [&str; 6] = ["tags", "editions", "archive", "sources", "page", "404.html"];

pub fn collect(
    docs: Vec<Arc<Document>>,
    assets: Vec<Asset>,
    config: &SiteConfig,
    sel: Selection,
    diags: &mut Diagnostics,
) -> Digest {
    // Each document's place and URL (formatting a permalink takes a while at 10k stories),
    // on both cores.
    let placed: Vec<Result<Placed, Arc<Document>>> = docs
        .into_par_iter()
        .map(|doc| place(Arc::clone(&doc), config, &sel).ok_or(doc))
        .collect();
    let mut stories = Vec::new();
    let mut pages = Vec::new();
    let mut held_back = Vec::new();
    for placed in placed {
        match placed {
            Ok(Placed::Story(story)) => stories.push(story),
            Ok(Placed::Page(page)) => pages.push(page),
            Err(doc) => held_back.push(doc),
        }
    }
    let published: Vec<&Document> = (stories.iter().map(|s| &*s.doc))
        .chain(pages.iter().map(|p| &*p.doc))
        .collect();
    let assets = without_held_back_files(assets, &held_back, &published, sel.drafts);
    stories.sort_by(|a, b| {
        b.date
            .timestamp()
            .cmp(&a.date.timestamp())
            .then_with(|| a.doc.rel.cmp(&b.doc.rel))
    });
    spread_day_only_dates(&mut stories);
    pages.sort_by(|a, b| a.doc.rel.cmp(&b.doc.rel));
    // Independent passes over the stories, run side by side; each returns what it assigns
    // to every story, and its warnings, which keep this order.
    let ((clashes, (tags, story_tags, tag_warnings)), ((editions, story_editions), sources)) =
        rayon::join(
            || {
                rayon::join(
                    || check_url_clashes(&stories, &pages, &assets, config),
                    || collect_tags(&stories),
                )
            },
            || {
                rayon::join(
                    || collect_editions(&stories, config.digest.edition, &config.strings),
                    || collect_sources(&stories),
                )
            },
        );
    let (sources, story_sources, source_warnings) = sources;
    diags.extend(clashes);
    diags.extend(tag_warnings);
    diags.extend(source_warnings);
    for (story, ((tags, edition), source)) in stories.iter_mut().zip(
        story_tags
            .into_iter()
            .zip(story_editions)
            .zip(story_sources),
    ) {
        story.tags = tags;
        story.edition = edition;
        story.source = source;
    }
    link_documents(&mut stories, &mut pages, &held_back, config, sel.now, diags);
    Digest {
        stories,
        tags,
        editions,
        sources,
        pages,
        assets,
    }
}

/// The files to publish: not those of a story left out (a draft, a future or expired one),
/// which are its page bundle's folder (`x/index.md` beside them) or its asset folder (`x/`
/// beside `x.md`, as Hexo keeps them), nor, without `--drafts`, any file in a `_drafts/`
/// folder: a draft's pictures are as private as its text.
fn without_held_back_files(
    mut assets: Vec<Asset>,
    held_back: &[Arc<Document>],
    published: &[&Document],
    drafts: bool,
) -> Vec<Asset> {
    use std::path::{Component, Path, PathBuf};
    // Paths as the walk and the parse each wrote them (`./content/…`, `content/…`) compared
    // without their `.` components.
    let plain =
        |p: &Path| -> PathBuf { p.components().filter(|c| *c != Component::CurDir).collect() };
    let published: Vec<PathBuf> = published.iter().map(|d| plain(&d.path)).collect();
    // A bundle's folder, unless a story that is out lives in it: then the draft `index` is
    // a section's page (`blog/index.md` above published posts), whose folder's files are
    // theirs too.
    let folders: Vec<PathBuf> = held_back
        .iter()
        .filter_map(|doc| {
            let path = plain(&doc.path);
            match crate::content::bundle_name(&doc.rel) {
                Some(_) => {
                    let dir = path.parent().unwrap_or(&path).to_path_buf();
                    (!published.iter().any(|p| p.starts_with(&dir))).then_some(dir)
                }
                // `content/index.md` has no folder of its own; this is `content/index/`,
                // which would be its asset folder.
                None => Some(path.with_extension("")),
            }
        })
        .collect();
    assets.retain(|asset| {
        let in_drafts = !drafts && asset.output.split('/').any(|s| s == "_drafts");
        let source = plain(&asset.source);
        !in_drafts && !folders.iter().any(|dir| source.starts_with(dir))
    });
    assets
}

/// Links written to another document's file (`x.md`, Zola's `@/x.md`, Jekyll's
/// `post_url`, Hugo's `ref`) become that document's URL, now that every URL is known; a
/// link to a file that is no published document is a warning and leads nowhere (`#`). The
/// warning says when the file is one of the documents `held_back` (a draft…).
fn link_documents(
    stories: &mut [Story],
    pages: &mut [Page],
    held_back: &[Arc<Document>],
    config: &SiteConfig,
    now: Timestamp,
    diags: &mut Diagnostics,
) {
    // Every document's HTML is searched for placeholders: on both cores, as this stage
    // runs alone.
    let story_links = stories.par_iter().map(|s| s.doc.links_documents());
    let page_links = pages.par_iter().map(|p| p.doc.links_documents());
    let linking: Vec<bool> = story_links.chain(page_links).collect();
    // Most sites link no document by its file: then no table of their URLs is made.
    if !linking.contains(&true) {
        return;
    }
    let mut urls = crate::urls::DocumentUrls::default();
    for (doc, path) in stories
        .iter()
        .map(|s| (&s.doc, &s.path))
        .chain(pages.iter().map(|p| (&p.doc, &p.path)))
    {
        urls.add(&doc.rel, crate::urls::abs(&config.base_url, path));
    }
    let mut unpublished = crate::urls::DocumentUrls::<usize>::default();
    for (k, doc) in held_back.iter().enumerate() {
        unpublished.add(&doc.rel, k);
    }
    let docs = stories
        .iter_mut()
        .map(|s| &mut s.doc)
        .chain(pages.iter_mut().map(|p| &mut p.doc));
    for (doc, _) in docs.zip(linking).filter(|(_, linking)| *linking) {
        let mut filled = Document::clone(doc);
        let (html, missing) = urls.fill(&filled.body.html);
        filled.body.html = html;
        filled.summary_html = urls.fill(&filled.summary_html).0;
        // Where each target not found is linked from, for its warning's line.
        let mut lines: Vec<(String, usize)> = Vec::new();
        for link in &mut filled.body.links {
            let (url, not_found) = urls.fill(&link.url);
            link.url = url;
            let line = doc.body_line + link.line - 1;
            lines.extend(not_found.into_iter().map(|target| (target, line)));
        }
        for target in missing {
            let line = lines
                .iter()
                .find(|(linked, _)| *linked == target)
                .map_or(0, |(_, line)| *line);
            let shown = crate::urls::shown_target(&target);
            let why = match unpublished.target(&target).map(|&k| &held_back[k]) {
                Some(out) => format!(
                    "{} is {}, so the link leads nowhere until it is published",
                    crate::diagnostic::shown_path(&out.path).display(),
                    out.front_matter.left_out_as(now).described()
                ),
                None => "no published article or page is that file, so the link leads nowhere"
                    .to_string(),
            };
            diags.push(Diagnostic::warning(
                &doc.path,
                line,
                0,
                format!("a link to `{shown}`: {why}"),
            ));
        }
        *doc = Arc::new(filled);
    }
}

/// Stories dated by a day alone (a `YYYY-MM-DD-` file name, `date: 2024-05-28`) all sit at
/// midnight; feed readers and validators take items sharing one instant as one update. Each
/// run of such stories (in their stable order: file path) gets whole seconds after midnight,
/// the first listed the latest, so the order stays and every timestamp differs.
fn spread_day_only_dates(stories: &mut [Story]) {
    let mut start = 0;
    while start < stories.len() {
        let instant = stories[start].date.timestamp();
        let end = start
            + stories[start..]
                .iter()
                .take_while(|s| s.date.timestamp() == instant)
                .count();
        let run = &mut stories[start..end];
        if run.len() > 1 && run[0].date.time() == jiff::civil::Time::midnight() {
            let last = run.len() - 1;
            for (k, story) in run.iter_mut().enumerate() {
                let later = jiff::Span::new().seconds((last - k) as i64);
                if let Ok(date) = story.date.checked_add(later) {
                    story.date = date;
                }
            }
        }
        start = end;
    }
}

/// The URL path a document is published at, whether or not this build publishes it (a
/// draft, an article dated in the future); None for an article without a date.
pub fn url_path(doc: &Document, config: &SiteConfig) -> Option<String> {
    let date = doc.front_matter.date.as_ref();
    path_for(doc.kind, date, &doc.folder, &doc.slug, config)
}

/// [`url_path`] from a document's parts (parsing needs it before the document exists).
pub fn path_for(
    kind: DocumentKind,
    date: Option<&Zoned>,
    folder: &str,
    slug: &str,
    config: &SiteConfig,
) -> Option<String> {
    match kind {
        DocumentKind::Page => Some(format!("/{folder}{slug}/")),
        DocumentKind::Article => {
            let date = date?.with_time_zone(config.timezone.clone());
            Some(article_path(&date, slug, config))
        }
    }
}

fn page_path(doc: &Document) -> String {
    format!("/{}{}/", doc.folder, doc.slug)
}

/// A published document, as a story or a page.
enum Placed {
    Story(Story),
    Page(Page),
}

/// Where `doc` goes: nowhere when it is hidden, expired, a draft or a future story (unless
/// selected) or a story without a date.
fn place(doc: Arc<Document>, config: &SiteConfig, sel: &Selection) -> Option<Placed> {
    let fm = &doc.front_matter;
    let scheduled = !sel.future && fm.publish_at().is_some_and(|at| at > sel.now);
    if fm.hidden || fm.expired(sel.now) || fm.draft && !sel.drafts || scheduled {
        return None;
    }
    if doc.kind == DocumentKind::Page {
        return Some(Placed::Page(Page {
            path: page_path(&doc),
            doc,
        }));
    }
    let in_zone = |d: &Zoned| d.with_time_zone(config.timezone.clone());
    let date = doc.front_matter.date.as_ref().map(in_zone)?;
    let updated = doc.front_matter.updated.as_ref().map(in_zone);
    let path = article_path(&date, &doc.slug, config);
    Some(Placed::Story(Story {
        doc,
        date,
        updated,
        path,
        tags: Vec::new(),
        edition: None,
        source: None,
    }))
}

fn article_path(date: &Zoned, slug: &str, config: &SiteConfig) -> String {
    config
        .permalink
        .expand(date.year(), date.month(), date.day(), slug)
}

/// Two documents (or a document and a generated page or copied file) writing one URL.
fn check_url_clashes(
    stories: &[Story],
    pages: &[Page],
    assets: &[Asset],
    config: &SiteConfig,
) -> Vec<Diagnostic> {
    let permalink_has_day = config.permalink.has_day();
    // The search page is gazette's own only when search is on: an older site may have a
    // page of its own there.
    let search = crate::search::PAGE.trim_matches('/');
    let reserved =
        |first: &str| RESERVED.contains(&first) || (config.search.enabled && first == search);
    let mut diags = Vec::new();
    let mut seen: HashMap<String, &Document> = HashMap::new();
    let docs = stories
        .iter()
        .map(|s| (&s.path, &s.doc))
        .chain(pages.iter().map(|p| (&p.path, &p.doc)));
    for (path, doc) in docs {
        let first = path.trim_matches('/').split('/').next().unwrap_or("");
        if path == "/" || reserved(first) {
            let kind = DiagnosticKind::ReservedUrl {
                url: path.clone(),
                search: first == search,
            };
            diags.push(Diagnostic::of(kind, &doc.path, 0, 0));
        } else if let Some(other) = seen.insert(path.clone(), doc) {
            diags.push(url_clash(other, doc, path, permalink_has_day));
        }
    }
    let seen: HashMap<String, &PathBuf> = seen.into_iter().map(|(k, d)| (k, &d.path)).collect();
    for asset in assets {
        let as_page = format!("/{}", asset.output.trim_end_matches("index.html"));
        if let Some(doc) = seen.get(&as_page) {
            let kind = DiagnosticKind::UrlTakenByFile {
                url: as_page,
                file: asset.source.clone(),
            };
            diags.push(Diagnostic::of(kind, doc, 0, 0));
        }
    }
    diags
}

/// The error for `doc` wanting the URL `other` already has, on its `slug:` (else `title:`)
/// line, naming the other file with its line; the fix suggested fits the permalink pattern.
fn url_clash(other: &Document, doc: &Document, path: &str, permalink_has_day: bool) -> Diagnostic {
    let keys = ["slug", "title"];
    let fix = if permalink_has_day
        || other.kind == DocumentKind::Page
        || doc.kind == DocumentKind::Page
    {
        ClashFix::Slug
    } else {
        ClashFix::DayOrSlug
    };
    let kind = DiagnosticKind::UrlClash {
        url: path.to_string(),
        other: Location {
            path: other.path.clone(),
            line: other.positions.key_line(&keys).unwrap_or(0),
        },
        fix,
    };
    let line = doc.positions.key_line(&keys).unwrap_or(0);
    Diagnostic::of(kind, &doc.path, line, 0)
}

/// The tags, each story's tag indices, and warnings about tags sharing a slug.
fn collect_tags(stories: &[Story]) -> (Vec<TagInfo>, Vec<Vec<usize>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // Each spelling's key is worked out once (a site has a few hundred spellings for tens
    // of thousands of uses): spelling -> group, key -> group.
    let mut group_of_spelling: HashMap<&str, usize> = HashMap::new();
    let mut group_of_key: HashMap<String, usize> = HashMap::new();
    // Each key, its spellings and stories (newest first).
    let mut groups: Vec<(String, TagGroup)> = Vec::new();
    for (i, story) in stories.iter().enumerate() {
        for name in &story.doc.front_matter.tags {
            let g = *group_of_spelling.entry(name).or_insert_with(|| {
                let key = tag_key(name);
                *group_of_key.entry(key.clone()).or_insert_with(|| {
                    groups.push((key, TagGroup::default()));
                    groups.len() - 1
                })
            });
            groups[g].1.add(name, i);
        }
    }
    // A slug two tags want goes to the one with more stories (a one-off misspelling does
    // not take the URL and feed readers follow), then by key, the same on every build.
    let mut by_key: Vec<usize> = (0..groups.len()).collect();
    by_key.sort_by(|&a, &b| {
        let stories = |g: usize| groups[g].1.stories.len();
        (stories(b).cmp(&stories(a))).then_with(|| groups[a].0.cmp(&groups[b].0))
    });
    let mut slug_owner: HashMap<String, (String, usize)> = HashMap::new();
    let mut tags: Vec<(usize, TagInfo)> = Vec::with_capacity(groups.len());
    for g in by_key {
        let (key, group) = std::mem::take(&mut groups[g]);
        let (name, first_story) = group.display_name();
        let (slug, clash) =
            unique_slug(&tag_slug(&name, &key), &name, first_story, &mut slug_owner);
        if let Some((other, other_story)) = clash {
            diags.push(tag_slug_clash(
                stories,
                (&other, other_story),
                (&name, first_story),
                &slug,
            ));
        }
        let members = group.stories;
        tags.push((
            g,
            TagInfo {
                name,
                slug,
                stories: members,
            },
        ));
    }
    tags.sort_by_cached_key(|(_, t)| reading_order(&t.name));
    let mut index_of_group = vec![0; tags.len()];
    for (i, &(g, _)) in tags.iter().enumerate() {
        index_of_group[g] = i;
    }
    let story_tags = stories
        .iter()
        .map(|story| {
            let tags = &story.doc.front_matter.tags;
            tags.iter()
                .map(|t| index_of_group[group_of_spelling[t.as_str()]])
                .collect()
        })
        .collect();
    let tags = tags.into_iter().map(|(_, t)| t).collect();
    (tags, story_tags, diags)
}

/// One tag's spellings as written, and its stories.
#[derive(Default)]
struct TagGroup {
    /// Each spelling, how many stories use it, and the newest of them.
    spellings: Vec<(String, usize, usize)>,
    /// Newest first.
    stories: Vec<usize>,
}

impl TagGroup {
    /// Adds story `i`; stories come newest first.
    fn add(&mut self, name: &str, i: usize) {
        match self.spellings.iter_mut().find(|(n, ..)| n == name) {
            Some((_, uses, _)) => *uses += 1,
            None => self.spellings.push((name.to_string(), 1, i)),
        }
        self.stories.push(i);
    }

    /// The most used spelling (on a tie, the newest story's), and its newest story.
    fn display_name(&self) -> (String, usize) {
        let best = self
            .spellings
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .expect("a tag group has a spelling");
        (best.0.clone(), best.2)
    }
}

/// The warning for a tag whose slug another tag took first, naming both files and lines.
fn tag_slug_clash(
    stories: &[Story],
    (first, first_story): (&str, usize),
    (name, story): (&str, usize),
    slug: &str,
) -> Diagnostic {
    let first_path = &stories[first_story].doc.path;
    let path = &stories[story].doc.path;
    let kind = DiagnosticKind::TagSlugClash {
        tag: name.to_string(),
        other_tag: first.to_string(),
        other: Location {
            path: first_path.clone(),
            line: lines::tag_line(first_path, first),
        },
        slug: slug.to_string(),
    };
    Diagnostic::of(kind, path, lines::tag_line(path, name), 0)
}

/// A slug not yet taken, built on `base`; and, if `base` was taken, its owner (name and
/// newest story).
fn unique_slug(
    base: &str,
    name: &str,
    story: usize,
    owners: &mut HashMap<String, (String, usize)>,
) -> (String, Option<(String, usize)>) {
    let mut slug = base.to_string();
    let mut n = 2;
    while owners.contains_key(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    let clash = (slug != base).then(|| owners[base].clone());
    owners.insert(slug.clone(), (name.to_string(), story));
    (slug, clash)
}

/// The editions and each story's edition index.
fn collect_editions(
    stories: &[Story],
    kind: EditionKind,
    strings: &Strings,
) -> (Vec<Edition>, Vec<Option<usize>>) {
    let mut by_id: BTreeMap<String, Edition> = BTreeMap::new();
    for (i, story) in stories.iter().enumerate() {
        let date = story.date.date();
        let custom = story.doc.front_matter.edition.as_deref();
        let (id, start, end) = match custom {
            Some(custom) => (slugify_or(custom, "edition", custom), date, date),
            None => match edition_of(date, kind) {
                Some(e) => e,
                None => continue,
            },
        };
        let e = by_id.entry(id.clone()).or_insert_with(|| Edition {
            id,
            title: custom.map_or_else(|| edition_title(start, kind, strings), str::to_string),
            start,
            end,
            stories: Vec::new(),
        });
        e.start = e.start.min(start);
        e.end = e.end.max(end);
        e.stories.push(i);
    }
    let mut editions: Vec<Edition> = by_id.into_values().collect();
    editions.sort_by(|a, b| {
        b.end
            .cmp(&a.end)
            .then_with(|| b.start.cmp(&a.start))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut story_editions = vec![None; stories.len()];
    for (n, e) in editions.iter().enumerate() {
        for &i in &e.stories {
            story_editions[i] = Some(n);
        }
    }
    (editions, story_editions)
}

/// The edition a date belongs to: id, first and last day.
pub fn edition_of(date: Date, kind: EditionKind) -> Option<(String, Date, Date)> {
    match kind {
        EditionKind::None => None,
        EditionKind::Day => Some((date.to_string(), date, date)),
        EditionKind::Week => {
            let week = date.iso_week_date();
            let start = jiff::civil::ISOWeekDate::new(
                week.year(),
                week.week(),
                jiff::civil::Weekday::Monday,
            )
            .ok()?
            .date();
            let end = start.checked_add(jiff::Span::new().days(6)).ok()?;
            let id = format!("{}-w{:02}", week.year(), week.week());
            Some((id, start, end))
        }
        EditionKind::Month => {
            let start = date.first_of_month();
            Some((
                start.strftime("%Y-%m").to_string(),
                start,
                date.last_of_month(),
            ))
        }
    }
}

/// The displayed title of the edition starting on `start`, in the site's language:
/// `30 May 2024`, `Week 22, 2024` (`KW 22/2024`), `May 2024`.
pub fn edition_title(start: Date, kind: EditionKind, strings: &Strings) -> String {
    match kind {
        EditionKind::Week => {
            let week = start.iso_week_date();
            strings.week_title(week.week(), week.year())
        }
        EditionKind::Month => strings.month(start),
        EditionKind::Day | EditionKind::None => strings.date(start),
    }
}

/// The key names are listed by: case and diacritics aside (`Ärzte` with the A's), then as
/// written, so that the order is the same on every build.
fn reading_order(name: &str) -> (String, String) {
    (crate::search::words::normalize(name), name.to_string())
}

/// The publications, each story's publication index, and warnings about stories run twice.
fn collect_sources(stories: &[Story]) -> (Vec<Publication>, Vec<Option<usize>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut by_key: BTreeMap<String, Publication> = BTreeMap::new();
    let mut key_of_name: HashMap<&str, String> = HashMap::new();
    let mut seen_urls: HashMap<String, usize> = HashMap::new();
    // Oldest first, so the warning lands on the later story.
    for i in (0..stories.len()).rev() {
        let Some(source) = &stories[i].doc.front_matter.source else {
            continue;
        };
        match seen_urls.entry(crate::urls::story_key(&source.url)) {
            Entry::Occupied(first) => {
                let first = &stories[*first.get()].doc;
                let other = Location {
                    path: crate::diagnostic::shown_path(&first.path),
                    line: first.front_matter.source.as_ref().map_or(0, |s| s.line),
                };
                let kind = DiagnosticKind::DuplicateSource {
                    other,
                    url: source.url.clone(),
                };
                diags.push(Diagnostic::of(kind, &stories[i].doc.path, source.line, 0));
            }
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
        // A publication's name is lower-cased once, not once a story.
        let key = key_of_name
            .entry(&source.name)
            .or_insert_with(|| source.name.to_lowercase());
        let p = match by_key.get_mut(key) {
            Some(p) => p,
            None => by_key.entry(key.clone()).or_insert_with(|| {
                let host = crate::urls::absolute_http_host(&source.url).unwrap_or("");
                let scheme = if source.url[..5].eq_ignore_ascii_case("https") {
                    "https"
                } else {
                    "http"
                };
                Publication {
                    name: source.name.clone(),
                    slug: String::new(),
                    homepage: format!("{scheme}://{}/", host.to_lowercase()),
                    stories: Vec::new(),
                }
            }),
        };
        p.stories.push(i);
    }
    let mut owners = HashMap::new();
    let mut sources: Vec<Publication> = by_key.into_values().collect();
    // As a reader looks for a name: `Ünïcode Times` between `Tide` and `Wire`.
    sources.sort_by_cached_key(|p| reading_order(&p.name));
    let mut story_sources = vec![None; stories.len()];
    for (n, p) in sources.iter_mut().enumerate() {
        let base = slugify_or(&p.name, "tag", &p.name.to_lowercase());
        p.slug = unique_slug(&base, &p.name, 0, &mut owners).0;
        p.stories.reverse();
        for &i in &p.stories {
            story_sources[i] = Some(n);
        }
    }
    (sources, story_sources, diags)
}

/// Two spellings of one URL compare equal: case of scheme and host, trailing slash, fragment.
#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn strings(language: &str) -> Strings {
        Strings::load(language, &Default::default()).strings
    }

    #[test]
    fn iso_weeks_cross_year_boundaries() {
        assert_eq!(
            edition_of(d("2024-12-30"), EditionKind::Week).unwrap().0,
            "2025-w01"
        );
        assert_eq!(
            edition_of(d("2021-01-03"), EditionKind::Week).unwrap().0,
            "2020-w53"
        );
        let (id, start, end) = edition_of(d("2024-05-29"), EditionKind::Week).unwrap();
        assert_eq!(id.as_str(), "2024-w22");
        assert_eq!((start, end), (d("2024-05-27"), d("2024-06-02")));
        let title = |lang| edition_title(start, EditionKind::Week, &strings(lang));
        assert_eq!(title("en"), "Week 22, 2024");
        assert_eq!(title("de"), "KW 22/2024");
        assert_eq!(title("fr"), "Semaine 22, 2024");
    }

    #[test]
    fn day_and_month_editions() {
        let (id, start, _) = edition_of(d("2024-05-08"), EditionKind::Day).unwrap();
        assert_eq!(id, "2024-05-08");
        let en = strings("en");
        assert_eq!(edition_title(start, EditionKind::Day, &en), "8 May 2024");
        let (id, start, end) = edition_of(d("2024-02-10"), EditionKind::Month).unwrap();
        assert_eq!(
            (id.as_str(), start, end),
            ("2024-02", d("2024-02-01"), d("2024-02-29"))
        );
        assert_eq!(
            edition_title(start, EditionKind::Month, &en),
            "February 2024"
        );
        let pl = strings("pl");
        assert_eq!(edition_title(start, EditionKind::Month, &pl), "Luty 2024");
        assert!(edition_of(d("2024-02-10"), EditionKind::None).is_none());
    }
}
