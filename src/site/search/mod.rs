//! The search index: built from the parsed policies (never from HTML) and
//! written as small static files under `search/` that the browser client
//! (`static/search-core.js`) loads only as a query needs them.
//!
//! ```text
//! search/manifest.js          shard keys, facet values, synonyms, page count (JSON)
//! search/t/<hex key>.js       term shards: words → stems → page postings (encode.rs)
//! search/r/<n>.js             records of pages n·k … n·k+k−1 (k = records_per_file in
//!                             the manifest), a JSON array: title, url, status, sections' text
//! search/f/<facet>/<n>.js     a bitmap of the pages with one facet value
//! search/date.js              page ids in review-date order (for sorting)
//! ```
//!
//! Pages are numbered in title order (`title.js` gives that order too,
//! for `serve`, whose page ids are not).
//! Each posting carries a BM25 score computed here and quantized to a
//! byte, with a flag for words in the title: the client only adds them up.
//!
//! Every file is a script, `policybookIndex("t/6162","…")`, whose string
//! is the file's gzip-compressed bytes in base93 ([`encode::file`]). The
//! client loads it with a `<script>` element, the one way a page opened
//! from disk (`file://`) may read another file in Chromium and Firefox,
//! and the same way over HTTP: one set of files for both.

pub mod encode;
pub mod live;
pub mod tokenize;

use crate::error::Result;
use crate::handbook::Handbook;
use crate::handbook::link::Target;
use crate::handbook::markdown;
use crate::handbook::parse::Policy;
use crate::site::write::Sink;
use encode::{Posting, Shard};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The version of the index's layout, in the manifest: the client
/// (`search-core.js`, whose `INDEX_VERSION` a test keeps equal) refuses an
/// index of another, saying to build the site again.
pub const INDEX_VERSION: u32 = 4;

/// Weights of where a word occurs.
const TITLE_WEIGHT: f32 = 8.0;
const TAG_WEIGHT: f32 = 4.0;
const HEADING_WEIGHT: f32 = 3.0;
const META_WEIGHT: f32 = 2.0;
const BODY_WEIGHT: f32 = 1.0;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Posting impact per unit of BM25 score.
const IMPACT_SCALE: f32 = 10.0;
/// A shard is split by one more letter when it grows past this. 12 KB
/// (about 3 KB compressed) rather than 24: at 1,000 policies a query of
/// two words read two shards of up to 7 KB each, a fifth of its bytes; at
/// 10,000 it makes 693 shards instead of 605 (docs/performance.md).
pub const SHARD_LIMIT: usize = 12 * 1024;
/// Pages indexed in parallel before their words are interned.
const CHUNK: usize = 512;
/// Section text kept in a record, in characters.
const SECTION_TEXT_LIMIT: usize = 1200;
/// Record files aimed at: records are packed `k` to a file so that there
/// are about this many (creating files is much of a build's time), but
/// never more than [`MAX_RECORDS_PER_FILE`] (a query fetches the files of
/// the ten results it shows).
const RECORD_FILES: usize = 1000;
const MAX_RECORDS_PER_FILE: usize = 8;

/// How many pages' records share a file in a handbook of `pages` pages:
/// 1 up to 1,000 pages, then growing to at most 8.
pub fn records_per_file(pages: usize) -> usize {
    pages.div_ceil(RECORD_FILES).clamp(1, MAX_RECORDS_PER_FILE)
}

/// What the index holds, for the build summary and benchmarks.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Bytes written for the index.
    pub bytes: usize,
}

/// A search record: what a result shows.
#[derive(Serialize)]
struct Record<'a> {
    /// Title, url, category, owner.
    t: &'a str,
    u: String,
    c: &'a str,
    o: &'a str,
    /// Review status key and label ("overdue", "Overdue").
    s: &'static str,
    l: std::borrow::Cow<'static, str>,
    /// Review date, ISO.
    d: Option<String>,
    /// The days (ISO) it becomes due soon and overdue, for
    /// `static/status.js`; none for a draft, a retired policy or one
    /// with no review date.
    #[serde(skip_serializing_if = "Option::is_none")]
    w: Option<[String; 2]>,
    g: &'a [String],
    /// Sections: anchor, heading, text.
    x: Vec<(&'a str, &'a str, &'a str)>,
}

/// A page's distinct words with their weighted counts and whether each
/// is in the title, and the page's weighted length. The words are kept
/// end to end in one string rather than a string each.
pub struct PageWords {
    text: String,
    /// Per word: where it ends in `text`, its weighted count, in the title.
    words: Vec<(usize, f32, bool)>,
    pub len: f32,
}

impl PageWords {
    /// The words with their weighted counts and whether each is in the title.
    pub fn iter(&self) -> impl Iterator<Item = (&str, f32, bool)> {
        let mut start = 0;
        self.words.iter().map(move |&(end, tf, title)| {
            let word = &self.text[start..end];
            start = end;
            (word, tf, title)
        })
    }

    /// How many distinct words.
    pub fn count(&self) -> usize {
        self.words.len()
    }
}

/// Builds the index for the pages `published` (indices into
/// `hb.policies`) and writes it into `sink`.
pub fn build(hb: &Handbook, published: &[usize], sink: &dyn Sink) -> Result<Stats> {
    let counting = Counting {
        inner: sink,
        bytes: AtomicUsize::new(0),
    };
    let sink: &dyn Sink = &counting;
    let shown = Published::new(hb, published);
    let mut order: Vec<usize> = published.to_vec();
    order.sort_by_cached_key(|&i| {
        (
            hb.policies[i].title.to_lowercase(),
            hb.policies[i].id.clone(),
        )
    });

    // 1. In parallel: each page's words, and its record written out in
    //    its pack; then the words interned, a chunk of pages at a time so
    //    that memory stays bounded. A chunk is interned (on one thread)
    //    while the next one is read (on the others). Interning a page
    //    adds it to the postings of each of its words: pages come in
    //    order, so each list is in page order with no sort.
    let per_file = records_per_file(order.len());
    let chunk_len = CHUNK.next_multiple_of(per_file);
    let mut word_ids: HashMap<String, u32> = HashMap::default();
    let mut by_word: Vec<Vec<(u32, f32, bool)>> = Vec::new();
    let mut lengths = Vec::with_capacity(order.len());
    let read_chunk = |c: usize, chunk: &[usize]| -> Result<Vec<Vec<PageWords>>> {
        chunk
            .par_chunks(per_file)
            .enumerate()
            .map(|(k, pack)| index_pack(hb, &shown, pack, (c * chunk_len) / per_file + k, sink))
            .collect()
    };
    let mut intern = |packs: Vec<Vec<PageWords>>| {
        for p in packs.into_iter().flatten() {
            let page = lengths.len() as u32;
            for (w, tf, title) in p.iter() {
                let id = match word_ids.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = word_ids.len() as u32;
                        word_ids.insert(w.to_string(), id);
                        by_word.push(Vec::new());
                        id
                    }
                };
                by_word[id as usize].push((page, tf, title));
            }
            lengths.push(p.len);
        }
    };
    let mut read: Option<Vec<Vec<PageWords>>> = None;
    for (c, chunk) in order.chunks(chunk_len).enumerate() {
        let (_, next) = rayon::join(
            || {
                if let Some(packs) = read.take() {
                    intern(packs);
                }
            },
            || read_chunk(c, chunk),
        );
        read = Some(next?);
    }
    if let Some(packs) = read.take() {
        intern(packs);
    }

    // 2. Stem each distinct word once.
    let mut vocab: Vec<(String, u32)> = word_ids.into_iter().collect();
    vocab.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let stems: Vec<String> = vocab
        .par_iter()
        .map_init(
            || rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            |stemmer, (w, _)| stemmer.stem(w).into_owned(),
        )
        .collect();
    let mut stem_ids: HashMap<&str, u32> = HashMap::default();
    let mut stem_words: Vec<Vec<u32>> = Vec::new();
    let mut vocab_stem = Vec::with_capacity(vocab.len());
    for ((_, wid), stem) in vocab.iter().zip(&stems) {
        let next = stem_ids.len() as u32;
        let sid = *stem_ids.entry(stem.as_str()).or_insert(next);
        if sid == next {
            stem_words.push(Vec::new());
        }
        stem_words[sid as usize].push(*wid);
        vocab_stem.push(sid);
    }

    // 3. Postings per stem, its words' lists joined (moved when it has
    //    one word, as most do), with BM25 impacts.
    let mut taken: Vec<Option<Vec<(u32, f32, bool)>>> = by_word.into_iter().map(Some).collect();
    let raw: Vec<Vec<(u32, f32, bool)>> = stem_words
        .iter()
        .map(|words| {
            let mut lists = words.iter().filter_map(|&w| taken[w as usize].take());
            match words.len() {
                1 => lists.next().unwrap_or_default(),
                _ => join_postings(lists.collect()),
            }
        })
        .collect();
    drop(taken);
    let postings = impacts(raw, &lengths);

    // 4. Term shards, split by prefix until each is small enough.
    let words: Vec<(&str, u32)> = vocab
        .iter()
        .zip(&vocab_stem)
        .map(|((w, _), &s)| (w.as_str(), s))
        .collect();
    let plan = plan_shards(&words, &postings, SHARD_LIMIT);
    let write_shards = || {
        plan.par_iter().try_for_each(|(key, range)| {
            let shard = shard_for(&words[range.clone()], &postings);
            let name = format!("t/{}", hex(key));
            sink.put(&path_of(&name), &encode::file(&name, &shard.encode()))
        })
    };

    // 5. Facets, sort orders and the manifest, beside the shards.
    let write_meta = || {
        let pages: Vec<(u32, usize)> = order
            .iter()
            .enumerate()
            .map(|(page, &i)| (page as u32, i))
            .collect();
        let shards: Vec<&str> = plan.iter().map(|(k, _)| k.as_str()).collect();
        meta_files(hb, &pages, &shards, per_file)?
            .into_iter()
            .try_for_each(|(path, bytes)| sink.put(&path, &bytes))
    };
    let (shards_written, meta_written) = rayon::join(write_shards, write_meta);
    shards_written?;
    meta_written?;

    Ok(Stats {
        bytes: counting.bytes.load(Ordering::Relaxed),
    })
}

/// Turns weighted term counts per page (`(page, tf, in title)`, one list
/// per stem) into BM25 scores quantized to 1..=255 by [`posting`]. `lengths` are the
/// pages' weighted lengths.
pub fn impacts(mut raw: Vec<Vec<(u32, f32, bool)>>, lengths: &[f32]) -> Vec<Vec<Posting>> {
    let n = lengths.len().max(1) as f32;
    let avg = (lengths.iter().sum::<f32>() / n).max(1.0);
    raw.par_iter_mut().for_each(|list| {
        let df = list.len() as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        for (page, tf, _) in list.iter_mut() {
            let len = lengths.get(*page as usize).copied().unwrap_or(avg);
            let norm = K1 * (1.0 - B + B * len / avg);
            *tf = idf * *tf * (K1 + 1.0) / (*tf + norm);
        }
    });
    raw.into_par_iter()
        .map(|list| {
            list.into_iter()
                .map(|(page, s, in_title)| posting(page, s, in_title))
                .collect()
        })
        .collect()
}

/// The postings of several words of one stem as one list in page order,
/// a page's counts added up and its title flags joined. Each list is in
/// page order.
fn join_postings(lists: Vec<Vec<(u32, f32, bool)>>) -> Vec<(u32, f32, bool)> {
    let mut all: Vec<(u32, f32, bool)> = lists.concat();
    all.sort_by_key(|&(page, _, _)| page);
    let mut joined: Vec<(u32, f32, bool)> = Vec::with_capacity(all.len());
    for (page, tf, title) in all {
        match joined.last_mut() {
            Some(last) if last.0 == page => {
                last.1 += tf;
                last.2 |= title;
            }
            _ => joined.push((page, tf, title)),
        }
    }
    joined
}

/// A BM25 score as a posting. The scale is fixed (not relative to the
/// best score in the handbook) so that one page's postings can be
/// recomputed alone, as `serve` does: scores reach about 20 at 10,000
/// pages and 25 at 100,000.
pub fn posting(page: u32, score: f32, in_title: bool) -> Posting {
    Posting {
        page,
        impact: (score * IMPACT_SCALE).round().clamp(1.0, 255.0) as u8,
        in_title,
    }
}

/// Counts the bytes written through it.
struct Counting<'a> {
    inner: &'a dyn Sink,
    bytes: AtomicUsize,
}

impl Sink for Counting<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.bytes.fetch_add(bytes.len(), Ordering::Relaxed);
        self.inner.put(path, bytes)
    }

    fn copy(&self, from: &std::path::Path, path: &str) -> Result<()> {
        self.inner.copy(from, path)
    }
}

fn fold(text: &str) -> String {
    tokenize::words(text).join(" ")
}

/// Words and their weighted counts for the pages `pack` (indices into
/// `hb.policies`); writes their records as record file number `n`.
fn index_pack(
    hb: &Handbook,
    shown: &Published,
    pack: &[usize],
    n: usize,
    sink: &dyn Sink,
) -> Result<Vec<PageWords>> {
    let mut words = Vec::with_capacity(pack.len());
    let mut records = Vec::with_capacity(pack.len());
    for &i in pack {
        let (w, record) = page_words(hb, shown, &hb.policies[i])?;
        words.push(w);
        records.push(record);
    }
    let name = format!("r/{n}");
    sink.put(
        &path_of(&name),
        &encode::file(&name, &record_file(&records)),
    )?;
    Ok(words)
}

/// A record file: the records (JSON objects) as one JSON array.
pub fn record_file(records: &[impl AsRef<[u8]>]) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(records.iter().map(|r| r.as_ref().len() + 1).sum::<usize>() + 2);
    out.push(b'[');
    for (k, r) in records.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(r.as_ref());
    }
    out.push(b']');
    out
}

/// A page's words with their weighted counts, and its record (JSON).
pub fn page_words(
    hb: &Handbook,
    published: &Published,
    p: &Policy,
) -> Result<(PageWords, Vec<u8>)> {
    let shown = shown_text(hb, published, p);
    let sections = markdown::sections(&p.headings, &shown);
    // Every text folded once; the words are then counted as slices of it.
    let mut texts: Vec<(Cow<'_, str>, f32, bool)> = Vec::with_capacity(sections.len() * 2 + 8);
    texts.push((tokenize::folded(&p.title), TITLE_WEIGHT, true));
    for t in &p.tags {
        texts.push((tokenize::folded(t), TAG_WEIGHT, false));
    }
    texts.push((tokenize::folded(&p.category), META_WEIGHT, false));
    texts.push((tokenize::folded(&p.owner), META_WEIGHT, false));
    for s in &sections {
        texts.push((tokenize::folded(s.heading), HEADING_WEIGHT, false));
        texts.push((tokenize::folded(s.text), BODY_WEIGHT, false));
    }
    let mut counts: HashMap<&str, (f32, bool)> = HashMap::default();
    counts.reserve(256);
    let mut len = 0.0f32;
    for (text, weight, title) in &texts {
        tokenize::for_each_folded_word(text, |w| {
            if tokenize::is_stopword(w) {
                return;
            }
            len += 1.0;
            let c = counts.entry(w).or_insert((0.0, false));
            c.0 += weight;
            c.1 |= title;
        });
    }
    let mut words = PageWords {
        text: String::with_capacity(counts.keys().map(|w| w.len()).sum()),
        words: Vec::with_capacity(counts.len()),
        len,
    };
    for (w, (tf, title)) in counts {
        words.text.push_str(w);
        words.words.push((words.text.len(), tf, title));
    }
    drop(texts);
    let (status, label) = hb.status_label(p);
    // A replaced policy's result leads to the policy that replaces it.
    let replacement = p
        .replaced_by
        .as_deref()
        .and_then(|id| hb.index.policy_by_id(id))
        .map(|j| &hb.policies[j]);
    let (url, label) = match replacement {
        Some(q) => (
            crate::site::render::urls::policy(&q.id),
            format!("Replaced by {}", q.title).into(),
        ),
        None => (crate::site::render::urls::policy(&p.id), label.into()),
    };
    let record = Record {
        t: &p.title,
        u: url,
        c: &p.category,
        o: &p.owner,
        s: status,
        l: label,
        d: p.review_by.map(|d| d.to_string()),
        w: p.review_by
            .filter(|_| {
                p.status == crate::handbook::lifecycle::Lifecycle::Active
                    && hb.status(p) != crate::handbook::review::Status::Retired
            })
            .map(|d| {
                let (soon, overdue) =
                    crate::handbook::review::Status::changes(d, hb.config.due_soon_days);
                [soon.to_string(), overdue.to_string()]
            }),
        g: &p.tags,
        // A replaced policy's sections lead to the top of its replacement,
        // where its headings are not.
        x: sections
            .into_iter()
            .map(|s| {
                let anchor = if replacement.is_some() { "" } else { s.anchor };
                (anchor, s.heading, cut(s.text, SECTION_TEXT_LIMIT))
            })
            .collect(),
    };
    Ok((words, to_json(&record)?))
}

/// The policies that have pages (by index into `hb.policies`).
pub struct Published(Vec<bool>);

impl Published {
    pub fn new(hb: &Handbook, published: &[usize]) -> Published {
        let mut has_page = vec![false; hb.policies.len()];
        for &i in published {
            if let Some(p) = has_page.get_mut(i) {
                *p = true;
            }
        }
        Published(has_page)
    }

    fn contains(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }
}

/// A policy's section text as its page shows it: a bare `[[id]]` that
/// leads to a published policy is that policy's title, as the link on the
/// page is (to a draft, the page shows the id, marked broken). Made in
/// one pass over each section; titles are put in only while a section
/// stays under twice its written length plus [`SECTION_TEXT_LIMIT`] (a
/// long title linked a thousand times is not a thousand titles to index).
fn shown_text<'a>(hb: &Handbook, published: &Published, p: &'a Policy) -> Vec<Cow<'a, str>> {
    let mut text: Vec<Cow<'a, str>> = p
        .section_text
        .iter()
        .map(|t| Cow::from(t.as_str()))
        .collect();
    let mut links = p.bare_links.iter().peekable();
    while let Some(first) = links.peek().copied() {
        let section = first.section;
        let Some(written) = p.section_text.get(section) else {
            links.next();
            continue;
        };
        let cap = written.len() * 2 + SECTION_TEXT_LIMIT;
        let mut out = String::with_capacity(written.len() + 64);
        let mut at = 0;
        while let Some(link) = links.next_if(|l| l.section == section) {
            let title = p.references.get(link.reference).and_then(|r| {
                match hb.index.resolve(&hb.policies, p, r) {
                    Ok(Target::Policy { index, .. }) if published.contains(index) => {
                        Some(hb.policies[index].title.as_str())
                    }
                    _ => None,
                }
            });
            let (Some(title), Some(before)) = (title, written.get(at..link.start)) else {
                continue;
            };
            // The section's length once done, were this title put in.
            let grown = (written.len() + out.len() + title.len())
                .saturating_sub(at + link.end - link.start);
            if written.get(link.start..link.end).is_none() || grown > cap {
                continue;
            }
            out.push_str(before);
            out.push_str(title);
            at = link.end;
        }
        if at > 0 {
            out.push_str(written.get(at..).unwrap_or_default());
            text[section] = Cow::Owned(out);
        }
    }
    text
}

/// A value as JSON for an index file; an error (which the types here
/// cannot cause) stops the build rather than writing an empty file.
fn to_json(value: &impl Serialize) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| {
        crate::error::Error::Search(format!("the search index could not be written: {e}"))
    })
}

/// The first `max` characters of `text`.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        // No more bytes than `max`, so no more characters.
        return text;
    }
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Splits the sorted vocabulary into shards keyed by prefix: one letter to
/// begin with, one more whenever a shard's encoded size passes `limit`,
/// up to [`MAX_KEY_CHARS`] letters (a shard of words that share a longer
/// prefix stays whole, however large: there are only as many such words
/// as the handbook has, and a key, which names a file, stays short). Words
/// as short as the key stay in the shorter shard. A loop over a list of
/// ranges still to split, not recursion, whose depth the input would
/// choose.
pub fn plan_shards(
    words: &[(&str, u32)],
    postings: &[Vec<Posting>],
    limit: usize,
) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut todo = vec![(0..words.len(), 1usize)];
    while let Some((range, depth)) = todo.pop() {
        let mut i = range.start;
        while i < range.end {
            let key = prefix(words[i].0, depth);
            let mut j = i;
            while j < range.end && prefix(words[j].0, depth) == key {
                j += 1;
            }
            let size = shard_for(&words[i..j], postings).size();
            let longer = words[i..j].iter().any(|(w, _)| w.chars().count() > depth);
            if size > limit && longer && j - i > 1 && depth < MAX_KEY_CHARS {
                // Words equal to the key keep a shard of their own.
                let mut k = i;
                while k < j && words[k].0.chars().count() <= depth {
                    k += 1;
                }
                if k > i {
                    out.push((key.to_string(), i..k));
                }
                todo.push((k..j, depth + 1));
            } else {
                out.push((key.to_string(), i..j));
            }
            i = j;
        }
    }
    // In word order, as the shards of a depth-first split come.
    out.sort_by_key(|(_, range)| range.start);
    out
}

/// The longest shard key, in characters: at most 4 bytes each, 8 hex
/// digits in the file name, which stays far below the 255 bytes file
/// systems allow.
pub const MAX_KEY_CHARS: usize = 12;

fn prefix(word: &str, chars: usize) -> &str {
    match word.char_indices().nth(chars) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

fn shard_for<'a>(words: &[(&'a str, u32)], postings: &'a [Vec<Posting>]) -> Shard<'a> {
    let mut local: HashMap<u32, usize> = HashMap::default();
    let mut shard = Shard::default();
    for &(w, stem) in words {
        let next = local.len();
        let idx = *local.entry(stem).or_insert_with(|| {
            shard.stems.push((stem, &postings[stem as usize][..]));
            next
        });
        shard.words.push((w, idx));
    }
    shard
}

/// Where the index file `name` (`t/6162`, `manifest`) is in the site.
pub fn path_of(name: &str) -> String {
    format!("search/{name}.js")
}

/// A shard key as a file name: its UTF-8 bytes in hex.
pub fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// Page ids sorted by `key`, as varints.
fn sort_key_file<K: Ord>(
    hb: &Handbook,
    pages: &[(u32, usize)],
    key: impl Fn(&Policy) -> K,
) -> Vec<u8> {
    let mut ids = pages.to_vec();
    ids.sort_by_cached_key(|&(page, i)| (key(&hb.policies[i]), page));
    let mut bytes = Vec::with_capacity(ids.len() * 2);
    for (page, _) in ids {
        encode::varint(&mut bytes, u64::from(page));
    }
    bytes
}

/// The files that describe the pages rather than their words: a bitmap
/// per facet value, the review-date and title orders, and the manifest,
/// each as its path and the file's contents. `pages` pairs each page id
/// with its policy's index.
pub fn meta_files(
    hb: &Handbook,
    pages: &[(u32, usize)],
    shards: &[&str],
    records_per_file: usize,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut facets: BTreeMap<&'static str, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for &(page, i) in pages {
        let p = &hb.policies[i];
        let mut add = |facet: &'static str, value: &str| {
            facets
                .entry(facet)
                .or_default()
                .entry(value.to_string())
                .or_default()
                .push(page);
        };
        add("category", &p.category);
        add("owner", &p.owner);
        add("status", hb.status_label(p).0);
        for t in &p.tags {
            add("tag", t);
        }
    }
    let count = pages
        .iter()
        .map(|&(p, _)| p as usize + 1)
        .max()
        .unwrap_or(0);
    let bitmap_len = count.div_ceil(8);
    let mut values_out: BTreeMap<&'static str, Vec<(String, usize)>> = BTreeMap::new();
    for (facet, values) in facets {
        let mut list = Vec::with_capacity(values.len());
        for (n, (value, members)) in values.into_iter().enumerate() {
            let mut bits = vec![0u8; bitmap_len];
            for p in &members {
                bits[*p as usize / 8] |= 1 << (p % 8);
            }
            out.push(index_file(format!("f/{facet}/{n}"), &bits));
            list.push((value, members.len()));
        }
        values_out.insert(facet, list);
    }
    // Page ids in review-date order and in title order, for sorting.
    let by_date = sort_key_file(hb, pages, |p| {
        (p.review_by.is_none(), p.review_by, p.title.to_lowercase())
    });
    out.push(index_file("date".to_string(), &by_date));
    let by_title = sort_key_file(hb, pages, |p| p.title.to_lowercase());
    out.push(index_file("title".to_string(), &by_title));
    #[derive(Serialize)]
    struct Manifest<'a> {
        version: u32,
        stopwords: &'static [&'static str],
        pages: usize,
        records_per_file: usize,
        shards: &'a [&'a str],
        synonyms: Vec<(String, String)>,
        facets: BTreeMap<&'static str, Vec<(String, usize)>>,
    }
    let manifest = Manifest {
        version: INDEX_VERSION,
        stopwords: tokenize::STOPWORDS,
        pages: count,
        records_per_file,
        shards,
        synonyms: hb
            .config
            .synonyms
            .iter()
            .map(|(a, b)| (fold(a), fold(b)))
            .collect(),
        facets: values_out,
    };
    out.push(index_file("manifest".to_string(), &to_json(&manifest)?));
    Ok(out)
}

/// The path and contents of the index file `name` holding `bytes`.
fn index_file(name: String, bytes: &[u8]) -> (String, Vec<u8>) {
    (path_of(&name), encode::file(&name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_link_is_searched_and_shown_as_its_target_title() {
        let hb = live::tests::handbook(&[
            (
                "a.md",
                "---\ntitle: Mobiles\nowner: x\n---\nSee [[b]], [[b|the rules]] and [[gone]].\n\n## More\n\nAlso [[b#top]] here.\n",
            ),
            (
                "b.md",
                "---\ntitle: Photography and Images\nowner: x\n---\n## Top\n\nPhotos.\n",
            ),
        ]);
        let all = Published::new(&hb, &[0, 1]);
        let (_, record) = page_words(&hb, &all, &hb.policies[0]).unwrap();
        let record = String::from_utf8(record).unwrap();
        assert!(
            record.contains("See Photography and Images, the rules and gone."),
            "{record}"
        );
        assert!(
            record.contains("Also Photography and Images here."),
            "{record}"
        );
        // A policy without a page (a draft) keeps its id, as the page does:
        // its title is not published through another's record.
        let (_, record) = page_words(&hb, &Published::new(&hb, &[0]), &hb.policies[0]).unwrap();
        let record = String::from_utf8(record).unwrap();
        assert!(record.contains("See b, the rules and gone."), "{record}");
        assert!(!record.contains("Photography"), "{record}");
    }

    #[test]
    fn a_long_title_linked_many_times_is_not_indexed_each_time() {
        let title = "Word ".repeat(400);
        let body = "[[b]] ".repeat(5000);
        let hb = live::tests::handbook(&[
            ("a.md", &format!("---\ntitle: A\nowner: x\n---\n{body}\n")),
            (
                "b.md",
                &format!("---\ntitle: {}\nowner: x\n---\nText.\n", title.trim()),
            ),
        ]);
        let shown = shown_text(&hb, &Published::new(&hb, &[0, 1]), &hb.policies[0]);
        let written = hb.policies[0].section_text[0].len();
        assert!(
            shown[0].len() <= written * 2 + SECTION_TEXT_LIMIT,
            "{}",
            shown[0].len()
        );
        assert!(
            shown[0].starts_with(title.trim()),
            "the first links are titled: {:?}",
            &shown[0][..40]
        );
    }

    fn postings(n: usize) -> Vec<Vec<Posting>> {
        (0..n)
            .map(|i| {
                vec![
                    Posting {
                        page: i as u32,
                        impact: 1,
                        in_title: false
                    };
                    40
                ]
            })
            .collect()
    }

    #[test]
    fn bm25_impacts_rank_as_expected() {
        // Stem 0 is on every page; stem 1 on two. Page 1 is short.
        let lengths = [100.0, 20.0, 100.0, 100.0];
        let raw = vec![
            vec![
                (0, 1.0, false),
                (1, 1.0, false),
                (2, 1.0, false),
                (3, 1.0, false),
            ],
            vec![(0, 5.0, true), (2, 1.0, false)],
        ];
        let p = impacts(raw, &lengths);
        assert!(p[1][0].in_title);
        // A rarer word outweighs a common one at the same count.
        assert!(p[1][1].impact > p[0][2].impact);
        // The same count weighs more on a shorter page.
        assert!(p[0][1].impact > p[0][0].impact);
        assert!(p.iter().flatten().all(|x| x.impact >= 1));
    }

    #[test]
    fn records_are_packed_to_keep_files_few_and_fetches_small() {
        for (pages, per_file) in [
            (0, 1),
            (1, 1),
            (1000, 1),
            (1001, 2),
            (2100, 3),
            (10_000, 8),
            (100_000, 8),
        ] {
            assert_eq!(records_per_file(pages), per_file, "{pages} pages");
        }
        assert_eq!(record_file(&["{}", "{\"t\":1}"]), b"[{},{\"t\":1}]");
        let none: [&str; 0] = [];
        assert_eq!(record_file(&none), b"[]");
    }

    #[test]
    fn small_vocabularies_get_one_shard_per_letter() {
        let words = [("apple", 0), ("apply", 1), ("banana", 2)];
        let plan = plan_shards(&words, &postings(3), 10_000);
        let keys: Vec<_> = plan.iter().map(|(k, r)| (k.as_str(), r.clone())).collect();
        assert_eq!(keys, [("a", 0..2), ("b", 2..3)]);
    }

    #[test]
    fn big_shards_split_by_more_letters() {
        let mut words: Vec<(String, u32)> = Vec::new();
        for (i, prefix) in ["sa", "sc", "st"].iter().enumerate() {
            for j in 0..20 {
                words.push((format!("{prefix}{j:02}"), (i * 20 + j) as u32));
            }
        }
        words.push(("s".into(), 60));
        words.sort();
        let refs: Vec<(&str, u32)> = words.iter().map(|(w, s)| (w.as_str(), *s)).collect();
        let all = postings(61);
        let plan = plan_shards(&refs, &all, 1_000);
        // Every word is in exactly one shard, whose key is its prefix.
        let mut seen = 0;
        for (key, range) in &plan {
            for (w, _) in &refs[range.clone()] {
                assert!(w.starts_with(key.as_str()), "{w} in {key}");
                seen += 1;
            }
            let shard = shard_for(&refs[range.clone()], &all);
            assert!(
                shard.size() <= 1_000 || range.len() == 1,
                "{key} is {}",
                shard.size()
            );
        }
        assert_eq!(seen, refs.len());
        assert!(plan.iter().any(|(k, _)| k == "s"));
        assert!(plan.iter().any(|(k, _)| k.len() >= 2));
    }
}
