//! The search index as files: word chunks, story fragments in batches, a manifest and the
//! filter lists. The format is described in docs/search.md; search.js reads it.

use std::borrow::Cow;
use std::collections::HashMap;

use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::fmt::Write;
use std::hash::BuildHasher;
use std::sync::Mutex;

use rayon::prelude::*;

use super::words::{split, Folds, Stems};

/// A story's day: `YYYY-MM-DD` for a result's `datetime`, and as the site's pages write it.
#[derive(Debug, Clone)]
pub struct Day {
    pub iso: String,
    pub shown: String,
}

/// One searchable story or page, taken from gazette's own data; its body text is asked
/// for when it is analyzed (see [`build`]), so no more than a batch of bodies is held. Ids
/// are positions in the list given to [`build`]: stories newest first, then pages, so
/// sorting by date is sorting by id.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub url: String,
    pub title: String,
    /// The summary, or the start of the body when there is none: the result's excerpt.
    pub summary: String,
    /// Pages have none.
    pub date: Option<Day>,
    pub tags: Vec<usize>,
    pub source: Option<usize>,
    pub edition: Option<usize>,
}

/// A value readers filter by: a tag, a source or an edition.
#[derive(Debug, Clone)]
pub struct Facet {
    /// Stable key (slug or edition id).
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub tags: Vec<Facet>,
    pub sources: Vec<Facet>,
    pub editions: Vec<Facet>,
}

/// How much an occurrence counts, by field: a word of the title weighs seven of the body,
/// as a page's `h1` does in Pagefind, the anchor issue 16 measures against. Whole numbers,
/// so that a posting's count is one (see [`Postings`]).
const TITLE_WEIGHT: u32 = 7;
const SUMMARY_WEIGHT: u32 = 2;
const TAG_WEIGHT: u32 = 3;
/// BM25's parameters: Pagefind's saturation (the textbook 1.2 is close) and the usual b.
const K1: f32 = 1.4;
const B: f32 = 0.75;
/// Postings carry BM25's term-frequency part (below `K1 + 1`) times this, rounded, in
/// [`SCORE_BITS`] less the title bit: stories whose words match alike differ by their
/// lengths, which a coarser score would make ties.
const SCORE_SCALE: f32 = ((1 << (SCORE_BITS - 1)) - 1) as f32 / (K1 + 1.0);
/// What a title holding the query's words adds to a story's score, times their idf and
/// their share of the query's idf squared (so a title with only the query's common words
/// gains little): Pagefind's weight for its title field. The client applies it.
const TITLE_BOOST: f32 = 5.0;
/// A posting's score with its title bit: two digits of [`DIGITS`].
const SCORE_BITS: u32 = 12;
/// The digits of a posting string: base64url's, so that it needs no escaping in JSON.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/// Terms in at most this many stories carry a snippet of the body around their first
/// occurrence, so a rare word found deep in a story is shown in context.
const SNIPPET_MAX_DF: usize = 3;
/// Stories per fragment file: at least this many, so that each of the five results a query
/// shows costs a file of ~6 KB (32 a file made ~11 KB, and the largest one-word query
/// 169 KB at 10k stories; 16 make it 140 KB, for 312 more files there).
const BATCH_MIN: usize = 16;
/// Fragment files at most: a site of 100,000 stories gets 32 a file, 3,125 files.
const MAX_BATCHES: usize = 3_125;
/// A word chunk is cut once it passes this many bytes: 30 KB rather than 40 took a
/// one-word query from 128 to 114 KB at the median for 56 more files at 10k stories.
const CHUNK_BYTES: usize = 30_000;
const EXCERPT_CHARS: usize = 240;

/// The "offset" of a term the title or summary already shows: it needs no snippet.
const SHOWN: u32 = u32::MAX;
/// The "offset" of a term seen only where the result does not show it, not in the body.
const NOWHERE: u32 = u32::MAX - 1;
/// Stories analyzed at once: their terms are merged into the index before the next batch,
/// so only a batch's per-story tables are ever held.
const ANALYZE_BATCH: usize = 256;

/// A term of one story: a stem the index already has (by id), or a new one.
enum Stem {
    Known(u32),
    New(String),
}

/// A stem as one story has it.
#[derive(Clone, Copy)]
struct Seen {
    /// Occurrences, each weighed by its field.
    count: u32,
    /// Byte offset of the first body occurrence, or [`SHOWN`] / [`NOWHERE`].
    at: u32,
    /// In the title: the client adds a bonus for the query's words in a title.
    title: bool,
}

impl Default for Seen {
    /// Not seen yet: no count, no place (offset 0 would be the body's first byte).
    fn default() -> Self {
        Seen {
            count: 0,
            at: NOWHERE,
            title: false,
        }
    }
}

impl Seen {
    /// Both of two stems' sightings as one (a story's words that stem alike).
    fn merge(&mut self, other: Seen) {
        self.count += other.count;
        self.at = if self.at == SHOWN || other.at == SHOWN {
            SHOWN
        } else {
            self.at.min(other.at)
        };
        self.title |= other.title;
    }
}

/// A story's terms, and the words the index did not know yet with their term.
#[derive(Default)]
struct Analyzed {
    /// Words in all its fields: the story's length, for BM25.
    words: u32,
    terms: Vec<(Stem, Seen)>,
    forms: Vec<(String, u32)>,
    /// For each new stem first seen in the body: (index in `terms`, the body around it).
    /// A stem no earlier batch had may turn out rare; its snippet is kept if it does.
    snippets: Vec<(u32, String)>,
}

/// A word's hash, computed once and used for both the story's table and the index's.
fn hash_of(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

/// Normalized words to stem ids, hashed with [`hash_of`].
type Forms = HashTable<(String, u32)>;

/// Where a stem the index knows is among the terms of the story a thread analyzes: one
/// slot per known stem and worker thread, reused story after story, so that the story's
/// term for a known stem is found by an array read rather than a hash-table lookup.
#[derive(Clone, Copy, Default)]
struct Slot {
    /// The story (its id + 1) whose term `term` is; 0: none yet.
    story: u32,
    term: u32,
}

/// Words analyzed against the index as earlier batches left it.
struct Known<'k> {
    /// The index's word -> stem table: most words of a story are found there, so only new
    /// words are stemmed (stemming is the costly step).
    forms: &'k Forms,
    /// As long as the stems the index knows.
    slots: &'k mut [Slot],
    /// The story's mark in `slots`.
    story: u32,
}

fn analyze<'a>(
    record: &'a Record,
    body: &'a str,
    tag_names: &'a [String],
    stems: &Stems,
    folds: &Folds,
    Known {
        forms: known,
        slots,
        story,
    }: Known,
) -> Analyzed {
    // Normalized word -> index in `a.terms`. A word that is its own normal form (most are)
    // is the text's slice: it is neither normalized nor copied.
    // The tables and the story's terms are sized for its distinct words at once (about one
    // in sixteen bytes of its text), rather than grown and copied several times over.
    let room = (body.len() + record.summary.len()) / 16 + 32;
    let mut a = Analyzed {
        terms: Vec::with_capacity(room),
        ..Analyzed::default()
    };
    let mut forms: HashTable<(Cow<'a, str>, u32)> = HashTable::with_capacity(room);
    // Stems no earlier batch had (few, once the first batches are in): their terms.
    let mut new_stems: FxHashMap<String, u32> = FxHashMap::default();
    let mut buf = String::new();
    let mut add = |text: &'a str, field: Field| {
        let weight = field.weight();
        // The result shows this text (title, excerpt), so its words need no snippet.
        let shown = matches!(field, Field::Title | Field::Tag | Field::Excerpt);
        let (title, body) = (field == Field::Title, field == Field::Body);
        for (at, word, normal) in split(text) {
            if !normal {
                folds.normalize_into(word, &mut buf);
            }
            let norm = if normal { word } else { buf.as_str() };
            let hash = hash_of(norm);
            let t = match forms.find(hash, |(form, _)| form == norm) {
                Some(&(_, t)) => t,
                None => {
                    let next = a.terms.len() as u32;
                    let t = match known.find(hash, |(form, _)| form == norm) {
                        Some(&(_, id)) => {
                            let slot = &mut slots[id as usize];
                            if slot.story != story {
                                *slot = Slot { story, term: next };
                                a.terms.push((Stem::Known(id), Seen::default()));
                            }
                            slot.term
                        }
                        None => {
                            let t = *new_stems
                                .entry(stems.stem(norm))
                                .or_insert_with_key(|stem| {
                                    a.terms.push((Stem::New(stem.clone()), Seen::default()));
                                    next
                                });
                            a.forms.push((norm.to_string(), t));
                            t
                        }
                    };
                    let key = match normal {
                        true => Cow::Borrowed(word),
                        false => Cow::Owned(buf.clone()),
                    };
                    forms.insert_unique(hash, (key, t), |(form, _)| hash_of(form));
                    t
                }
            };
            let seen = &mut a.terms[t as usize].1;
            seen.count += weight;
            seen.title |= title;
            if seen.at == NOWHERE && (shown || body) {
                seen.at = if shown { SHOWN } else { at as u32 };
            }
            // Every word counts once in a story's length, as on the page a reader sees.
            a.words += 1;
        }
    };
    add(&record.title, Field::Title);
    for &t in &record.tags {
        add(&tag_names[t], Field::Tag);
    }
    // The fragment shows the summary cut to EXCERPT_CHARS; words after the cut are not seen.
    let cut = record
        .summary
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(record.summary.len(), |(i, _)| {
            record.summary[..i].rfind(' ').unwrap_or(i)
        });
    add(&record.summary[..cut], Field::Excerpt);
    add(&record.summary[cut..], Field::Summary);
    add(body, Field::Body);
    a.snippets = a
        .terms
        .iter()
        .enumerate()
        .filter(|(_, (stem, seen))| matches!(stem, Stem::New(_)) && seen.at < NOWHERE)
        .map(|(t, (_, seen))| (t as u32, snippet(body, seen.at as usize)))
        .collect();
    a
}

/// Where in a story a word was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    /// Tags count as title-like words of their stories.
    Tag,
    /// The summary as far as the result's excerpt shows it.
    Excerpt,
    /// The rest of the summary.
    Summary,
    Body,
}

impl Field {
    fn weight(self) -> u32 {
        match self {
            Field::Title => TITLE_WEIGHT,
            Field::Tag => TAG_WEIGHT,
            Field::Excerpt | Field::Summary => SUMMARY_WEIGHT,
            Field::Body => 1,
        }
    }
}

/// One posting: a story and the term's weighted count in it, a whole number since the
/// weights are, whether the story's result shows a snippet for the term (seen in the
/// body, not in the title or excerpt), and whether the title has it.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Posting {
    doc: u32,
    count: u32,
    snippet: bool,
    title: bool,
}

/// A stem's postings, stored compactly as they arrive: a 10k index holds millions, a 100k
/// one tens of millions. Stories are added in id order, so each posting is kept as the gap
/// from the previous story's id and the count (shifted left, the title and snippet flags
/// below), both LEB128: about 3 bytes a posting instead of 8 (peak memory at 100k,
/// docs/search.md).
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl Postings {
    /// Adds the posting of story `doc`, which comes after every story already added.
    fn push(&mut self, doc: u32, seen: Seen) {
        let count = seen.count.min(u32::MAX >> 2);
        let flags = u32::from(seen.title) << 1 | u32::from(seen.at < NOWHERE);
        push_leb128(&mut self.bytes, doc - self.last);
        push_leb128(&mut self.bytes, count << 2 | flags);
        self.last = doc;
        self.len += 1;
    }

    /// How many stories the stem is in.
    fn len(&self) -> usize {
        self.len as usize
    }

    fn iter(&self) -> impl Iterator<Item = Posting> + '_ {
        let mut at = 0;
        let mut doc = 0;
        std::iter::from_fn(move || {
            if at == self.bytes.len() {
                return None;
            }
            doc += read_leb128(&self.bytes, &mut at);
            let packed = read_leb128(&self.bytes, &mut at);
            Some(Posting {
                doc,
                count: packed >> 2,
                snippet: packed & 1 == 1,
                title: packed & 2 == 2,
            })
        })
    }
}

fn push_leb128(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_leb128(bytes: &[u8], at: &mut usize) -> u32 {
    let mut n = 0;
    let mut shift = 0;
    loop {
        let b = bytes[*at];
        *at += 1;
        n |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// The stems and words of the whole index, filled story by story.
#[derive(Default)]
struct Terms {
    stem_ids: FxHashMap<String, u32>,
    postings: Vec<Postings>,
    forms: Forms,
    /// (stem id, story id) -> the story's text around the stem's first occurrence.
    snippets: FxHashMap<(u32, u32), String>,
}

impl Terms {
    fn id(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.postings.push(Postings::default());
        self.stem_ids.insert(stem.to_string(), id);
        id
    }

    /// Adds story `doc`'s terms, analyzed against an index that had `known` stems.
    fn add(&mut self, doc: u32, a: Analyzed, known: usize) {
        // A new word can stem to a stem an earlier batch already had under another word,
        // and this story may have that stem as a known term too: one posting per story and
        // stem, all its counts summed. New stems and known ones can meet only there.
        let mut twice = false;
        let ids: Vec<u32> = a
            .terms
            .iter()
            .map(|(stem, _)| match stem {
                Stem::Known(id) => *id,
                Stem::New(stem) => {
                    let id = self.id(stem);
                    twice |= (id as usize) < known;
                    id
                }
            })
            .collect();
        let mut merged: Vec<(u32, Seen)> = ids
            .iter()
            .zip(&a.terms)
            .map(|(&id, (_, seen))| (id, *seen))
            .collect();
        if twice {
            merged.sort_unstable_by_key(|m| m.0);
            merged.dedup_by(|next, kept| {
                let same = next.0 == kept.0;
                if same {
                    kept.1.merge(next.1);
                }
                same
            });
        }
        for (id, seen) in merged {
            self.postings[id as usize].push(doc, seen);
        }
        for (t, text) in a.snippets {
            self.snippets.entry((ids[t as usize], doc)).or_insert(text);
        }
        for (form, t) in a.forms {
            let hash = hash_of(&form);
            if self.forms.find(hash, |(known, _)| *known == form).is_none() {
                self.forms
                    .insert_unique(hash, (form, ids[t as usize]), |(f, _)| hash_of(f));
            }
        }
    }
}

/// Where each index file goes as soon as it is made: (path under the index folder, bytes).
/// Called from several threads.
pub type Emit<'a> = &'a (dyn Fn(String, Vec<u8>) + Sync);

/// Makes the index files and hands each to `emit` when it is done, so that a big index is
/// never held whole (only its postings are). Returns the manifest (also emitted), which
/// the client carries so that a query's first chunk is asked for without a round trip.
pub fn build(
    records: &[Record],
    body_of: &(dyn Fn(usize) -> String + Sync),
    facets: &Facets,
    language: &str,
    tag_names: &[String],
    emit: Emit,
) -> Vec<u8> {
    let stems = Stems::new(language);
    let folds = Folds::new();
    let mut terms = Terms::default();
    let mut total_len = 0.0;
    let mut lens = Vec::with_capacity(records.len());
    let slots: Vec<Mutex<Vec<Slot>>> = (0..rayon::current_num_threads().max(1))
        .map(|_| Mutex::default())
        .collect();
    for (b, batch) in records.chunks(ANALYZE_BATCH).enumerate() {
        let known = terms.postings.len();
        let analyzed: Vec<Analyzed> = batch
            .par_iter()
            .enumerate()
            .map(|(j, r)| {
                let id = b * ANALYZE_BATCH + j;
                let body = body_of(id);
                // Taken after `body_of`, which may run other tasks of the pool's on this
                // thread; `analyze` runs none.
                let thread = rayon::current_thread_index().unwrap_or(0) % slots.len();
                let mut mine = slots[thread].lock().unwrap_or_else(|e| e.into_inner());
                if mine.len() < known {
                    mine.resize(known, Slot::default());
                }
                let known = Known {
                    forms: &terms.forms,
                    slots: &mut mine,
                    story: id as u32 + 1,
                };
                analyze(r, &body, tag_names, &stems, &folds, known)
            })
            .collect();
        for (i, a) in analyzed.into_iter().enumerate() {
            let len = a.words as f32;
            total_len += len;
            lens.push(len);
            terms.add((b * ANALYZE_BATCH + i) as u32, a, known);
        }
    }
    let avg = if records.is_empty() {
        1.0
    } else {
        total_len / records.len() as f32
    };
    let scorer = Scorer { lens: &lens, avg };
    // `#` sorts before every word, so the filter chunks come first and the list of first
    // words stays sorted for the client's binary search.
    let mut chunk_firsts: Vec<String> = Vec::new();
    let mut emit_chunk = |first: String, body: String| {
        emit(format!("w/{}.json", chunk_firsts.len()), body.into_bytes());
        chunk_firsts.push(first);
    };
    for (first, body) in filter_postings(records, facets) {
        emit_chunk(first, body);
    }
    let Terms {
        forms,
        postings,
        snippets,
        ..
    } = terms;
    chunks(forms, &postings, &scorer, &snippets, &mut emit_chunk);
    drop((postings, snippets));
    fragments(records, facets, emit);
    let manifest = manifest(records, language, &chunk_firsts);
    emit("manifest.json".into(), manifest.clone());
    emit("filters.json".into(), filters(records, facets));
    manifest
}

struct Scorer<'a> {
    lens: &'a [f32],
    avg: f32,
}

impl Scorer<'_> {
    /// BM25's term-frequency part of one term in one story, times [`SCORE_SCALE`] (at least
    /// 1), doubled, plus 1 when the title has the term. The idf is the client's to apply:
    /// it knows how many stories the query's word is in, all its forms counted.
    fn score(&self, posting: &Posting) -> u32 {
        let tf = posting.count as f32;
        let norm = K1 * (1.0 - B + B * self.lens[posting.doc as usize] / self.avg);
        let part = tf * (K1 + 1.0) / (tf + norm);
        let most = (1 << (SCORE_BITS - 1)) - 1;
        ((part * SCORE_SCALE).round() as u32).clamp(1, most) << 1 | u32::from(posting.title)
    }
}

/// The word chunks, each handed to `emit` as (first form, JSON) once made. Forms are
/// sorted, so a prefix's words are neighbours; each chunk holds the postings of every stem
/// its forms lead to.
fn chunks(
    forms: Forms,
    postings: &[Postings],
    scorer: &Scorer,
    snippets: &FxHashMap<(u32, u32), String>,
    emit: &mut dyn FnMut(String, String),
) {
    let mut forms: Vec<(String, u32)> = forms.into_iter().collect();
    forms.sort_unstable();
    let mut start = 0;
    while start < forms.len() {
        let mut local: HashMap<u32, usize> = HashMap::new();
        let mut stems_json: Vec<String> = Vec::new();
        let mut texts = String::new();
        let mut words = String::new();
        let mut size = 0;
        let mut end = start;
        // A form whose stem the chunk already holds costs only its own entry: it stays,
        // so a word's plural or a typed prefix's next form needs no second chunk.
        while end < forms.len()
            && (size < CHUNK_BYTES || end == start || local.contains_key(&forms[end].1))
        {
            let (form, stem) = &forms[end];
            let k = match local.get(stem) {
                Some(&k) => k,
                None => {
                    let k = stems_json.len();
                    let list = &postings[*stem as usize];
                    let (json, snips) = posting_json(k, *stem, list, scorer, snippets);
                    size += json.len() + snips.len();
                    stems_json.push(json);
                    texts.push_str(&snips);
                    local.insert(*stem, k);
                    k
                }
            };
            if !words.is_empty() {
                words.push(',');
            }
            let _ = write!(words, "{}:{k}", json_string(form));
            size += form.len() + 6;
            end += 1;
        }
        let texts = texts.trim_end_matches(',');
        let body = format!(
            "{{\"w\":{{{words}}},\"s\":[{}],\"x\":[{texts}]}}",
            stems_json.join(",")
        );
        emit(forms[start].0.clone(), body);
        start = end;
    }
}

/// A stem's postings as a string (see [`push_posting`]), and its snippets as
/// `[k,id,"text"],`.
fn posting_json(
    k: usize,
    stem: u32,
    list: &Postings,
    scorer: &Scorer,
    snippets: &FxHashMap<(u32, u32), String>,
) -> (String, String) {
    let mut json = String::with_capacity(list.len() * 4 + 2);
    let mut out = String::new();
    json.push('"');
    let mut last = 0;
    for posting in list.iter() {
        let doc = posting.doc;
        push_posting(&mut json, doc - last, scorer.score(&posting));
        last = doc;
        if list.len() <= SNIPPET_MAX_DF && posting.snippet {
            if let Some(text) = snippets.get(&(stem, doc)) {
                let _ = write!(out, "[{k},{doc},{}],", json_string(text));
            }
        }
    }
    json.push('"');
    (json, out)
}

/// One posting in [`DIGITS`]: the gap from the previous story's id five bits a digit,
/// lowest first, 32 added to every digit but the last; then the score, high digit first.
/// About three characters a posting, where decimal JSON took seven or more.
fn push_posting(out: &mut String, mut gap: u32, score: u32) {
    let digit = |n: u32| char::from(DIGITS[n as usize]);
    while gap >= 32 {
        out.push(digit(gap & 31 | 32));
        gap >>= 5;
    }
    out.push(digit(gap));
    out.push(digit(score >> 6 & 63));
    out.push(digit(score & 63));
}

/// About 120 characters of `body` around byte `at`, cut at spaces, with `…` where cut.
fn snippet(body: &str, at: usize) -> String {
    let from = floor_char(body, at.saturating_sub(40));
    let from = match body[from..at].find(' ') {
        Some(i) if from > 0 => from + i + 1,
        _ => from,
    };
    let to = floor_char(body, (at + 80).min(body.len()));
    let to = match body[at..to].rfind(' ') {
        Some(i) if to < body.len() => at + i,
        _ => to,
    };
    let mut s = String::with_capacity(to - from + 2 * '…'.len_utf8());
    if from > 0 {
        s.push('…');
    }
    s.push_str(body[from..to].trim());
    if to < body.len() {
        s.push('…');
    }
    s
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Filters are words too, in the same chunks' format: `#t:slug`, `#s:slug`, `#e:id`, each
/// with the ids of its stories (score 0).
fn filter_postings(records: &[Record], facets: &Facets) -> Vec<(String, String)> {
    let mut lists: Vec<(String, Vec<u32>)> = Vec::new();
    type ValuesOf = fn(&Record) -> Vec<usize>;
    let kinds: [(&str, &[Facet], ValuesOf); 3] = [
        ("#e:", &facets.editions, |r| r.edition.into_iter().collect()),
        ("#s:", &facets.sources, |r| r.source.into_iter().collect()),
        ("#t:", &facets.tags, |r| r.tags.clone()),
    ];
    for (prefix, values, of) in kinds {
        let mut ids: Vec<Vec<u32>> = vec![Vec::new(); values.len()];
        for (doc, r) in records.iter().enumerate() {
            for v in of(r) {
                ids[v].push(doc as u32);
            }
        }
        for (v, list) in values.iter().zip(ids) {
            lists.push((format!("{prefix}{}", v.key), list));
        }
    }
    lists.sort();
    let mut out = Vec::new();
    let mut at = 0;
    while at < lists.len() {
        let (mut words, mut stems, mut size) = (String::new(), Vec::new(), 0);
        let first = lists[at].0.clone();
        while at < lists.len() && (size < CHUNK_BYTES || stems.is_empty()) {
            let (key, ids) = &lists[at];
            let mut json = String::from("\"");
            let mut last = 0;
            for id in ids {
                push_posting(&mut json, id - last, 0);
                last = *id;
            }
            json.push('"');
            if !words.is_empty() {
                words.push(',');
            }
            let _ = write!(words, "{}:{}", json_string(key), stems.len());
            size += json.len() + key.len();
            stems.push(json);
            at += 1;
        }
        out.push((
            first,
            format!("{{\"w\":{{{words}}},\"s\":[{}],\"x\":[]}}", stems.join(",")),
        ));
    }
    out
}

/// Stories per fragment file for a site of `stories`.
fn batch_size(stories: usize) -> usize {
    stories.div_ceil(MAX_BATCHES).max(BATCH_MIN)
}

/// The fragments: batches of [`batch_size`] stories, each `[url, title, date, source, excerpt,
/// date as shown]` (the date as the site's pages write it: the browser's
/// `Intl.DateTimeFormat` would cost ~20 ms before the first result, and could differ).
/// Only what a result shows: tags and editions are filtered by their postings, so they
/// are not repeated here (every query fetches five batches).
fn fragments(records: &[Record], facets: &Facets, emit: Emit) {
    records
        .par_chunks(batch_size(records.len()))
        .enumerate()
        .for_each(|(i, batch)| {
            let items: Vec<serde_json::Value> = batch
                .iter()
                .map(|r| {
                    let excerpt = &r.summary;
                    serde_json::json!([
                        r.url,
                        r.title,
                        r.date.as_ref().map_or("", |d| d.iso.as_str()),
                        r.source.map_or("", |s| facets.sources[s].name.as_str()),
                        shorten(excerpt, EXCERPT_CHARS),
                        r.date.as_ref().map_or("", |d| d.shown.as_str()),
                    ])
                })
                .collect();
            let json = serde_json::to_vec(&items).unwrap_or_default();
            emit(format!("s/{i}.json"), json);
        })
}

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text.to_string(),
        Some((at, _)) => {
            let cut = text[..at].rfind(' ').unwrap_or(at);
            format!("{}…", text[..cut].trim_end())
        }
    }
}

fn manifest(records: &[Record], language: &str, chunk_firsts: &[String]) -> Vec<u8> {
    let v = serde_json::json!({
        "version": 3,
        "language": language,
        "records": records.len(),
        "batch": batch_size(records.len()),
        "scale": SCORE_SCALE,
        "title_boost": TITLE_BOOST,
        "chunks": chunk_firsts,
    });
    serde_json::to_vec(&v).unwrap_or_default()
}

/// The filter values with their story counts: `{"tags": [[key, name, count]], …}`.
fn filters(records: &[Record], facets: &Facets) -> Vec<u8> {
    let count = |of: &dyn Fn(&Record) -> Vec<usize>, n: usize| {
        let mut counts = vec![0usize; n];
        for r in records {
            for v in of(r) {
                counts[v] += 1;
            }
        }
        counts
    };
    let list = |values: &[Facet], counts: Vec<usize>| -> Vec<serde_json::Value> {
        values
            .iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .map(|(v, c)| serde_json::json!([v.key, v.name, c]))
            .collect()
    };
    let v = serde_json::json!({
        "tags": list(&facets.tags, count(&|r| r.tags.clone(), facets.tags.len())),
        "sources": list(&facets.sources, count(&|r| r.source.into_iter().collect(), facets.sources.len())),
        "editions": list(&facets.editions, count(&|r| r.edition.into_iter().collect(), facets.editions.len())),
    });
    serde_json::to_vec(&v).unwrap_or_default()
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn postings_strings_read_back(
            list in proptest::collection::vec((proptest::num::u32::ANY, 0u32..1 << 12), 0..50),
        ) {
            let mut out = String::new();
            for &(gap, score) in &list {
                super::push_posting(&mut out, gap, score);
            }
            proptest::prop_assert!(out.bytes().all(|b| super::DIGITS.contains(&b)));
            let (mut id, mut expected) = (0u64, Vec::new());
            for &(gap, score) in &list {
                id += u64::from(gap);
                expected.push((id, u64::from(score)));
            }
            proptest::prop_assert_eq!(read_postings(&out), expected);
        }

        #[test]
        fn postings_read_back_as_pushed(
            list in proptest::collection::vec(
                (0u32..=u32::MAX / 4, proptest::num::u32::ANY, proptest::bool::ANY, proptest::bool::ANY),
                0..200,
            )
        ) {
            // Increasing story ids, as the index adds them; counts of every size.
            let mut doc = 0;
            let mut expected = Vec::new();
            let mut postings = super::Postings::default();
            for (i, (gap, tf, snippet, title)) in list.into_iter().enumerate() {
                doc = if i == 0 { gap } else { doc.saturating_add(gap.max(1)) };
                let at = if snippet { 7 } else { super::NOWHERE };
                postings.push(doc, super::Seen { count: tf, at, title });
                let count = tf.min(u32::MAX >> 2);
                expected.push(super::Posting { doc, count, snippet, title });
                if doc == u32::MAX {
                    break;
                }
            }
            proptest::prop_assert_eq!(postings.len(), expected.len());
            proptest::prop_assert_eq!(postings.iter().collect::<Vec<_>>(), expected);
        }
    }

    use super::*;

    fn record(title: &str, summary: &str, body: &str) -> (Record, String) {
        let record = Record {
            url: format!("/{title}/"),
            title: title.into(),
            summary: summary.into(),
            ..Record::default()
        };
        (record, body.into())
    }

    fn build_all(stories: &[(Record, String)]) -> Vec<(String, Vec<u8>)> {
        build_faceted(stories, &Facets::default(), &[])
    }

    fn build_faceted(
        stories: &[(Record, String)],
        facets: &Facets,
        tag_names: &[String],
    ) -> Vec<(String, Vec<u8>)> {
        let records: Vec<Record> = stories.iter().map(|(r, _)| r.clone()).collect();
        let files = std::sync::Mutex::new(Vec::new());
        build(
            &records,
            &|i| stories[i].1.clone(),
            facets,
            "en",
            tag_names,
            &|path, bytes| files.lock().unwrap().push((path, bytes)),
        );
        files.into_inner().unwrap()
    }

    /// (id, score) of every story `word` leads to, read as search.js reads it.
    fn scores(files: &[(String, Vec<u8>)], word: &str) -> Vec<(u64, u64)> {
        let file = |name: &str| -> serde_json::Value {
            let (_, bytes) = files.iter().find(|(p, _)| p == name).unwrap();
            serde_json::from_slice(bytes).unwrap()
        };
        let manifest = file("manifest.json");
        let firsts = manifest["chunks"].as_array().unwrap();
        let chunk = firsts
            .iter()
            .rposition(|f| f.as_str().unwrap() <= word)
            .unwrap();
        let chunk = file(&format!("w/{chunk}.json"));
        let k = chunk["w"][word].as_u64().unwrap() as usize;
        read_postings(chunk["s"][k].as_str().unwrap())
    }

    #[test]
    fn fragment_files_hold_16_stories_until_there_would_be_too_many() {
        assert_eq!(batch_size(1), 16);
        assert_eq!(batch_size(10_000), 16);
        assert_eq!(batch_size(MAX_BATCHES * 16), 16);
        assert_eq!(batch_size(MAX_BATCHES * 16 + 1), 17);
        assert_eq!(batch_size(100_000), 32);
        for stories in [1usize, 49_999, 50_001, 100_000, 123_457, 1_000_000] {
            assert!(
                stories.div_ceil(batch_size(stories)) <= MAX_BATCHES,
                "{stories}"
            );
        }
    }

    #[test]
    fn a_stems_forms_stay_in_its_chunk_past_the_size() {
        // The stem's postings alone pass CHUNK_BYTES: a chunk cut between `ferries` and
        // `ferry` would write them twice and make a query for either read two chunks.
        let stories: Vec<_> = (0..12_000)
            .map(|i| record(&format!("s{i}"), "", ["ferries", "ferry"][i % 2]))
            .collect();
        let files = build_all(&stories);
        let chunk_of = |word: &str| {
            files
                .iter()
                .filter(|(p, _)| p.starts_with("w/"))
                .filter(|(_, bytes)| {
                    let chunk: serde_json::Value = serde_json::from_slice(bytes).unwrap();
                    chunk["w"].get(word).is_some()
                })
                .map(|(p, _)| p.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(chunk_of("ferries").len(), 1);
        assert_eq!(chunk_of("ferries"), chunk_of("ferry"));
        assert_eq!(scores(&files, "ferry").len(), 12_000);
    }

    /// (id, score) of each posting of a posting string, decoded as search.js does.
    fn read_postings(text: &str) -> Vec<(u64, u64)> {
        let value = |b: u8| super::DIGITS.iter().position(|&d| d == b).unwrap() as u64;
        let mut bytes = text.bytes();
        let (mut id, mut out) = (0, Vec::new());
        while let Some(first) = bytes.next() {
            let (mut gap, mut shift, mut d) = (0, 0, value(first));
            while d & 32 != 0 {
                gap |= (d & 31) << shift;
                shift += 5;
                d = value(bytes.next().unwrap());
            }
            id += gap | d << shift;
            let high = value(bytes.next().unwrap());
            out.push((id, high << 6 | value(bytes.next().unwrap())));
        }
        out
    }

    /// The stories holding every word of `query` (normal forms, no prefix), best first,
    /// scored as search.js scores them.
    fn search(files: &[(String, Vec<u8>)], query: &[&str]) -> Vec<(u64, f64)> {
        let (_, bytes) = files.iter().find(|(p, _)| p == "manifest.json").unwrap();
        let manifest: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        let n = manifest["records"].as_f64().unwrap();
        let scale = manifest["scale"].as_f64().unwrap();
        let boost = manifest["title_boost"].as_f64().unwrap();
        let mut total: HashMap<u64, (f64, usize, f64)> = HashMap::new();
        let mut idfs = 0.0;
        for word in query {
            let postings = scores(files, word);
            let df = postings.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            idfs += idf;
            for (id, raw) in postings {
                let t = total.entry(id).or_default();
                t.0 += (raw >> 1) as f64 / scale * idf;
                t.1 += 1;
                t.2 += if raw & 1 == 1 { idf } else { 0.0 };
            }
        }
        let mut hits: Vec<(u64, f64)> = total
            .into_iter()
            .filter(|(_, t)| t.1 == query.len())
            .map(|(id, (s, _, m))| (id, s + boost * m * (m / idfs).powi(2)))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits
    }

    fn ranked(files: &[(String, Vec<u8>)], word: &str) -> Vec<u64> {
        let mut s = scores(files, word);
        s.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        s.into_iter().map(|(id, _)| id).collect()
    }

    /// Body text every test story shares.
    const FILLER: &str = "the council met and talked about the budget for a long time. ";

    #[test]
    fn title_outranks_summary_outranks_body_and_rare_words_weigh_more() {
        let records = [
            record("budget", "", &FILLER.repeat(3)),
            record(
                "Ferries",
                "",
                &format!("{} ferry timetable", FILLER.repeat(3)),
            ),
            record("Harbour ferry returns", "", &FILLER.repeat(3)),
            record("Notes", "The ferry is back.", &FILLER.repeat(3)),
            record("Other", "", &format!("{} ferries", FILLER.repeat(3))),
        ];
        let files = build_all(&records);
        // Titles first (the shorter title's word weighs more), then the summary, then
        // the body.
        assert_eq!(ranked(&files, "ferry"), [1, 2, 3, 4]);
        // Every form leads to the same stem.
        assert_eq!(scores(&files, "ferries"), scores(&files, "ferry"));
        // A word in every story counts for less than a rare one in the same place.
        let common = search(&files, &["the"])
            .into_iter()
            .find(|h| h.0 == 1)
            .unwrap();
        let rare = search(&files, &["timetable"])[0];
        assert_eq!(rare.0, 1);
        assert!(rare.1 > common.1, "{rare:?} vs {common:?}");
    }

    #[test]
    fn the_story_whose_title_has_every_word_comes_first() {
        // Story 1's title lacks "rail", which its body repeats; story 0's title has every
        // word of the query. Without the title boost story 1 comes first.
        let records = [
            record("Harbour votes on rail budget", "", &FILLER.repeat(3)),
            record(
                "Harbour votes on tram budget",
                "",
                &format!("rail {FILLER} rail rail {FILLER} rail rail"),
            ),
        ];
        let files = build_all(&records);
        let hits = search(&files, &["harbour", "votes", "on", "rail", "budget"]);
        assert_eq!(
            hits.iter().map(|h| h.0).collect::<Vec<_>>(),
            [0, 1],
            "{hits:?}"
        );
    }

    #[test]
    fn rare_body_words_carry_a_snippet_and_title_words_do_not() {
        let records = [
            record(
                "Kelp",
                "",
                "Far down the page the divers met a walrus near the rocks.",
            ),
            record("Walrus sighting", "", "A walrus again."),
        ];
        let files = build_all(&records);
        let (_, chunk) = files.iter().find(|(p, _)| p == "w/0.json").unwrap();
        let chunk: serde_json::Value = serde_json::from_slice(chunk).unwrap();
        let k = &chunk["w"]["walrus"];
        let walrus: Vec<&serde_json::Value> = chunk["x"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| &x[0] == k)
            .collect();
        // Story 1 has the word in its title, which the result shows anyway.
        assert_eq!(walrus.len(), 1, "{chunk}");
        assert_eq!(walrus[0][1], 0);
        assert!(walrus[0][2].as_str().unwrap().contains("met a walrus near"));
    }

    #[test]
    fn a_new_word_of_a_known_stem_in_a_later_batch_is_one_posting() {
        let mut records: Vec<(Record, String)> = (0..ANALYZE_BATCH + 2)
            .map(|i| record(&format!("Story {i}"), "", "nothing here"))
            .collect();
        records[0].1 = "the ferry".into();
        records[ANALYZE_BATCH + 1].1 = "the ferry and the ferries".into();
        let files = build_all(&records);
        let ids: Vec<u64> = scores(&files, "ferries").iter().map(|s| s.0).collect();
        assert_eq!(ids, [0, ANALYZE_BATCH as u64 + 1]);
        assert_eq!(scores(&files, "ferries"), scores(&files, "ferry"));
    }

    #[test]
    fn tag_names_are_words_of_their_stories() {
        let (mut tagged, body) = record("Bridge", "", "cars and bikes");
        tagged.tags = vec![0];
        let plain = record("Harbour", "", "cars and ships");
        let stories = [(tagged, body), plain];
        let facets = Facets {
            tags: vec![Facet {
                key: "public-transport".into(),
                name: "Public transport".into(),
            }],
            ..Facets::default()
        };
        let files = build_faceted(&stories, &facets, &["Public transport".to_string()]);
        assert_eq!(ranked(&files, "transport"), [0]);
        assert_eq!(ranked(&files, "cars").len(), 2);
    }

    #[test]
    fn snippets_cut_at_spaces_and_char_boundaries() {
        let body = "é".repeat(50) + " middle word " + &"ü".repeat(80);
        let at = body.find("middle").unwrap();
        let s = snippet(&body, at);
        assert!(
            s.starts_with('…') && s.contains("middle word") && s.ends_with('…'),
            "{s}"
        );
    }
}
