//! The search index as `serve` keeps it: in memory, updated one page at a
//! time, with its files made when the browser asks for them. It serves the
//! same files as a built site (see the parent module), except that page
//! ids are stable slots rather than title order (`title.js` gives that
//! order), shards are keyed by the first two letters, and each page's
//! record is a file of its own.

use super::encode::{self, Posting, Shard};
use super::{PageWords, Published, hex, page_words, path_of, posting};
use crate::error::Result;
use crate::handbook::Handbook;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// One indexed page.
struct LivePage {
    words: PageWords,
    record: Arc<[u8]>,
}

/// An in-memory index that can take one page at a time.
pub struct LiveIndex {
    /// A stable page id for each policy file.
    slots: HashMap<String, u32>,
    pages: HashMap<u32, LivePage>,
    /// Each word: its stem and on how many pages it occurs.
    vocab: BTreeMap<String, (u32, u32)>,
    stem_ids: HashMap<String, u32>,
    /// Per stem: page → (weighted count, in title).
    postings: Vec<HashMap<u32, (f32, bool)>>,
    stemmer: rust_stemmers::Stemmer,
    avg_len: f32,
    /// Files already made; dropped when what they show changes.
    files: HashMap<String, Arc<[u8]>>,
}

/// The shard a word is in.
fn key_of(word: &str) -> &str {
    match word.char_indices().nth(2) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

impl LiveIndex {
    /// Indexes the published policies of `hb`.
    pub fn new(hb: &Handbook, published: &[usize]) -> Result<LiveIndex> {
        use rayon::prelude::*;
        let mut index = LiveIndex {
            slots: HashMap::new(),
            pages: HashMap::new(),
            vocab: BTreeMap::new(),
            stem_ids: HashMap::new(),
            postings: Vec::new(),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            avg_len: 1.0,
            files: HashMap::new(),
        };
        let shown = Published::new(hb, published);
        let pages: Vec<(String, (PageWords, Vec<u8>))> = published
            .par_iter()
            .map(|&i| {
                Ok((
                    hb.policies[i].file.clone(),
                    page_words(hb, &shown, &hb.policies[i])?,
                ))
            })
            .collect::<Result<_>>()?;
        for (file, (words, record)) in pages {
            index.add(&file, words, record);
        }
        let n = index.pages.len().max(1) as f32;
        index.avg_len = (index.pages.values().map(|p| p.words.len).sum::<f32>() / n).max(1.0);
        index.meta(hb, published)?;
        Ok(index)
    }

    /// Indexes the policy files in `changed` again (or drops them), and
    /// remakes the files that describe all pages. The average page length
    /// is kept from the start, so other pages' scores stay as they are.
    pub fn update(&mut self, hb: &Handbook, published: &[usize], changed: &[String]) -> Result<()> {
        let live: HashMap<&str, usize> = published
            .iter()
            .map(|&i| (hb.policies[i].file.as_str(), i))
            .collect();
        let shown = Published::new(hb, published);
        for file in changed {
            self.remove(file);
            if let Some(&i) = live.get(file.as_str()) {
                let (words, record) = page_words(hb, &shown, &hb.policies[i])?;
                self.add(file, words, record);
            }
        }
        self.meta(hb, published)
    }

    fn slot(&mut self, file: &str) -> u32 {
        let next = self.slots.len() as u32;
        *self.slots.entry(file.to_string()).or_insert(next)
    }

    fn add(&mut self, file: &str, words: PageWords, record: Vec<u8>) {
        let slot = self.slot(file);
        for (w, tf, title) in words.iter() {
            let stem = match self.vocab.get_mut(w) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.0
                }
                None => {
                    let stem = self.stemmer.stem(w).into_owned();
                    let next = self.stem_ids.len() as u32;
                    let id = *self.stem_ids.entry(stem).or_insert(next);
                    if id as usize == self.postings.len() {
                        self.postings.push(HashMap::new());
                    }
                    self.vocab.insert(w.to_string(), (id, 1));
                    id
                }
            };
            let entry = self.postings[stem as usize]
                .entry(slot)
                .or_insert((0.0, false));
            entry.0 += tf;
            entry.1 |= title;
            self.files.remove(&shard_path(key_of(w)));
        }
        self.files.remove(&path_of(&format!("r/{slot}")));
        self.pages.insert(
            slot,
            LivePage {
                words,
                record: super::record_file(&[record]).into(),
            },
        );
    }

    fn remove(&mut self, file: &str) {
        let Some(&slot) = self.slots.get(file) else {
            return;
        };
        let Some(page) = self.pages.remove(&slot) else {
            return;
        };
        for (w, _, _) in page.words.iter() {
            self.files.remove(&shard_path(key_of(w)));
            let Some(entry) = self.vocab.get_mut(w) else {
                continue;
            };
            let stem = entry.0;
            entry.1 -= 1;
            if entry.1 == 0 {
                self.vocab.remove(w);
            }
            self.postings[stem as usize].remove(&slot);
        }
        self.files.remove(&path_of(&format!("r/{slot}")));
    }

    /// Remakes the manifest, facets and sort orders.
    fn meta(&mut self, hb: &Handbook, published: &[usize]) -> Result<()> {
        let pages: Vec<(u32, usize)> = published
            .iter()
            .filter_map(|&i| self.slots.get(&hb.policies[i].file).map(|&s| (s, i)))
            .collect();
        let mut keys: Vec<&str> = self.vocab.keys().map(|w| key_of(w)).collect();
        keys.dedup();
        self.files.retain(|path, _| !path.starts_with("search/f/"));
        let files = super::meta_files(hb, &pages, &keys, 1)?;
        for (path, bytes) in files {
            self.files.insert(path, bytes.into());
        }
        Ok(())
    }

    /// A file under `search/`, made if need be.
    pub fn file(&mut self, path: &str) -> Option<Arc<[u8]>> {
        if let Some(bytes) = self.files.get(path) {
            return Some(bytes.clone());
        }
        let name = path.strip_prefix("search/")?.strip_suffix(".js")?;
        let bytes: Arc<[u8]> = if let Some(slot) = name.strip_prefix("r/") {
            let slot: u32 = slot.parse().ok()?;
            let record = &self.pages.get(&slot)?.record;
            encode::file(&format!("r/{slot}"), record).into()
        } else if let Some(hexkey) = name.strip_prefix("t/") {
            let key = unhex(hexkey)?;
            encode::file(&format!("t/{}", hex(&key)), &self.shard(&key)?).into()
        } else {
            return None;
        };
        self.files.insert(path.to_string(), bytes.clone());
        Some(bytes)
    }

    /// The shard of the words whose key is `key`.
    fn shard(&self, key: &str) -> Option<Vec<u8>> {
        let words: Vec<(&str, u32)> = self
            .vocab
            .range(key.to_string()..)
            .take_while(|(w, _)| w.starts_with(key))
            .filter(|(w, _)| key_of(w) == key)
            .map(|(w, (stem, _))| (w.as_str(), *stem))
            .collect();
        if words.is_empty() {
            return None;
        }
        let n = self.pages.len().max(1) as f32;
        let mut lists: Vec<(u32, Vec<Posting>)> = Vec::new();
        let mut seen = HashSet::new();
        for &(_, stem) in &words {
            if !seen.insert(stem) {
                continue;
            }
            let list = &self.postings[stem as usize];
            let df = list.len() as f32;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            let mut scored: Vec<Posting> = list
                .iter()
                .map(|(&page, &(tf, title))| {
                    let len = self.pages.get(&page).map_or(self.avg_len, |p| p.words.len);
                    let norm = super::K1 * (1.0 - super::B + super::B * len / self.avg_len);
                    posting(page, idf * tf * (super::K1 + 1.0) / (tf + norm), title)
                })
                .collect();
            scored.sort_by_key(|p| p.page);
            lists.push((stem, scored));
        }
        let index: HashMap<u32, usize> = lists
            .iter()
            .enumerate()
            .map(|(i, (s, _))| (*s, i))
            .collect();
        let shard = Shard {
            words: words.iter().map(|&(w, s)| (w, index[&s])).collect(),
            stems: lists.iter().map(|(s, p)| (*s, &p[..])).collect(),
        };
        Some(shard.encode())
    }
}

/// The path of the shard of the words whose key is `key`.
fn shard_path(key: &str) -> String {
    path_of(&format!("t/{}", hex(key)))
}

fn unhex(hex: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect();
    String::from_utf8(bytes?).ok()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::handbook::load::{Loaded, SourceFile};
    use crate::handbook::parse::Purpose;

    /// A handbook of `(file, text)` policies, for the site.
    pub(in crate::site::search) fn handbook(texts: &[(&str, &str)]) -> Handbook {
        let files = texts
            .iter()
            .map(|(rel, text)| SourceFile {
                rel: rel.to_string(),
                text: text.to_string(),
                warning: None,
            })
            .collect();
        let loaded = Loaded {
            root: "/nonexistent".into(),
            config: Default::default(),
            files,
            assets: Default::default(),
            statics: Default::default(),
            withheld: Default::default(),
            beside: Default::default(),
            excluded: Vec::new(),
            unreadable: Vec::new(),
            skipped: Vec::new(),
            findings: Vec::new(),
        };
        Handbook::from_loaded(loaded, jiff::civil::date(2026, 11, 23), Purpose::Site)
    }

    fn shard_words(index: &mut LiveIndex, key: &str) -> Vec<(String, usize)> {
        let file = index.file(&shard_path(key)).unwrap();
        encode::decode_shard(&encode::read_file(&file).unwrap())
            .unwrap()
            .0
    }

    #[test]
    fn word_forms_share_a_stem_and_updates_replace_a_page() {
        let mut hb = handbook(&[
            (
                "a.md",
                "---\ntitle: Complaints\nowner: x\n---\nHow to complain about a complaint.\n",
            ),
            ("b.md", "---\ntitle: Other\nowner: x\n---\nNothing here.\n"),
        ]);
        let published: Vec<usize> = (0..hb.policies.len()).collect();
        let mut index = LiveIndex::new(&hb, &published).unwrap();
        let words = shard_words(&mut index, "co");
        let stem = |w: &str| words.iter().find(|(x, _)| x == w).map(|(_, s)| *s);
        assert_eq!(stem("complaint"), stem("complaints"), "{words:?}");
        assert!(stem("complain").is_some());
        // Replace b.md's words: the old ones go, the new ones come.
        let body = "Complaints procedure.\n";
        let site = crate::handbook::markdown::ScanOptions {
            site: true,
            allow_raw_html: false,
            plain: None,
            plain_notes: false,
        };
        hb.policies[1].section_text = crate::handbook::markdown::scan(body, 5, site).section_text;
        index
            .update(&hb, &published, &["b.md".to_string()])
            .unwrap();
        assert!(index.file(&shard_path("no")).is_none(), "'nothing' is gone");
        let words = shard_words(&mut index, "pr");
        assert!(words.iter().any(|(w, _)| w == "procedure"), "{words:?}");
    }
}
