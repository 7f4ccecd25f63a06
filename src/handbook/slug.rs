//! Names derived from text: policy ids, heading anchors, category names,
//! and the "did you mean" suggestions for near-miss ids.

/// A policy id from a file name or title: lower case ASCII, hyphens.
pub fn id(text: &str) -> String {
    slug::slugify(text)
}

/// The id a new policy gets from its title (`import`, `new`): without
/// "Policy" at its end, `&` as "and", at most [`MAX_ID`] characters, cut
/// at a hyphen (a file name must not be too long for the disk).
pub fn id_for_title(title: &str) -> String {
    let id = id(&crate::handbook::names::without_suffix(title).replace('&', " and "));
    if id.len() <= MAX_ID {
        return id;
    }
    let cut = &id[..MAX_ID];
    cut[..cut.rfind('-').unwrap_or(MAX_ID)].to_string()
}

/// The longest id [`id_for_title`] makes.
pub const MAX_ID: usize = 60;

/// A heading anchor, GitHub style: lower case, letters and digits kept
/// (any script), spaces to hyphens, other punctuation dropped.
/// `"Parents & carers"` → `"parents--carers"`.
pub fn anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            // A letter's lower case may carry a combining mark ('İ' is
            // 'i' and a dot above), which an anchor leaves out.
            out.extend(
                c.to_lowercase()
                    .filter(|&l| l.is_alphanumeric() || l == '_' || l == '-'),
            );
        } else if c.is_whitespace() {
            out.push('-');
        }
    }
    out
}

/// Makes heading anchors unique within one page: the second "Scope" is
/// `scope-1`, the third `scope-2`, and an empty anchor becomes `section`.
#[derive(Debug, Clone, Default)]
pub struct AnchorSet {
    used: std::collections::HashSet<String>,
    /// For each anchor, the next number to try after it: ten thousand
    /// headings with one name stay linear.
    next: std::collections::HashMap<String, usize>,
}

impl AnchorSet {
    pub fn unique(&mut self, heading: &str) -> String {
        let mut base = anchor(heading);
        if base.is_empty() {
            base = "section".to_string();
        }
        self.claim(base)
    }

    /// `base` if it is not given yet, else `base-1`, `base-2`, …: the one
    /// rule for heading anchors and footnote ids.
    pub fn claim(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// Whether `id` is given already.
    pub fn contains(&self, id: &str) -> bool {
        self.used.contains(id)
    }
}

/// A folder name as a category: `health-and-safety` → `Health and Safety`.
pub fn title_case(folder: &str) -> String {
    const SMALL: &[&str] = &[
        "and", "or", "of", "the", "for", "in", "on", "to", "a", "an", "at",
    ];
    folder
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_string()
            } else {
                let mut c = w.chars();
                match c.next() {
                    Some(first) => first.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a likely typo (at most 2 edits, or 3 for long words).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_chars: Vec<char> = word.chars().collect();
    let limit = typo_limit(word_chars.len());
    if limit == 0 {
        return None;
    }
    let word_mask = letter_mask(word);
    let mut best: Option<(usize, &str)> = None;
    let mut b = Vec::new();
    for c in candidates {
        // Cheap tests first: lengths (bytes bound characters from both
        // sides for these short ids), and which letters occur (an edit
        // changes at most two of them).
        if c.len().abs_diff(word.len()) > limit * 4
            || (letter_mask(c) ^ word_mask).count_ones() as usize > 2 * limit
            || c == word
        {
            continue;
        }
        b.clear();
        b.extend(c.chars());
        if b.len().abs_diff(word_chars.len()) > limit {
            continue;
        }
        let bound = best.map_or(limit, |(d, _)| d);
        if let Some(d) = distance_within(&word_chars, &b, bound)
            && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc))
        {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Finds near-miss names among many (policy ids, file paths) quickly:
/// names are grouped by length with their letter masks worked out once,
/// so a lookup only looks at names of about the right length.
#[derive(Debug, Default)]
pub struct Suggester {
    by_len: std::collections::BTreeMap<usize, Vec<(u128, String)>>,
}

impl Suggester {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Suggester {
        let mut by_len: std::collections::BTreeMap<usize, Vec<(u128, String)>> = Default::default();
        for n in names {
            by_len
                .entry(n.len())
                .or_default()
                .push((letter_counts(n), n.to_string()));
        }
        Suggester { by_len }
    }

    /// As [`closest`], over the names given to [`Suggester::new`].
    pub fn closest(&self, word: &str) -> Option<&str> {
        let limit = typo_limit(word.chars().count());
        let counts = letter_counts(word);
        let range = word.len().saturating_sub(limit * 4)..=word.len() + limit * 4;
        let candidates = self
            .by_len
            .range(range)
            .flat_map(|(_, names)| names.iter())
            .filter(|(c, _)| counts_apart(*c, counts) <= 2 * limit)
            .map(|(_, n)| n.as_str());
        closest(word, candidates)
    }
}

/// How often each letter occurs (32 groups of 4 bits, saturating): an edit
/// changes at most two counts by one, so names whose counts differ by more
/// than twice the edits allowed need no edit distance.
fn letter_counts(s: &str) -> u128 {
    let mut counts = 0u128;
    for b in s.bytes() {
        let group = match b {
            b'a'..=b'z' => b - b'a',
            b'A'..=b'Z' => b - b'A',
            b'0'..=b'9' => 26 + (b - b'0') % 4,
            b'-' | b'_' | b'/' | b'.' => 30,
            _ => 31,
        };
        let shift = u32::from(group) * 4;
        if (counts >> shift) & 0xf < 0xf {
            counts += 1 << shift;
        }
    }
    counts
}

/// The sum of the differences of two [`letter_counts`].
fn counts_apart(a: u128, b: u128) -> usize {
    (0..32)
        .map(|i| {
            (((a >> (i * 4)) & 0xf) as i32 - ((b >> (i * 4)) & 0xf) as i32).unsigned_abs() as usize
        })
        .sum()
}

/// How many edits a word of `len` characters may be from a suggestion:
/// none for very short words ("a" is not a typo of "p").
fn typo_limit(len: usize) -> usize {
    match len {
        0..=2 => 0,
        3..=5 => 1,
        6..=12 => 2,
        _ => 3,
    }
}

/// A bit for each ASCII letter or digit that occurs in `s` (others share
/// one bit).
fn letter_mask(s: &str) -> u64 {
    s.bytes().fold(0u64, |m, b| {
        m | match b {
            b'a'..=b'z' => 1 << (b - b'a'),
            b'A'..=b'Z' => 1 << (b - b'A'),
            b'0'..=b'9' => 1 << (26 + b - b'0'),
            b'-' | b'_' => 1 << 36,
            _ => 1 << 37,
        }
    })
}

/// Edit distance over characters, a swap of two neighbours counting as one
/// edit (`reveiw` is one edit from `review`).
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_within(&a, &b, usize::MAX).unwrap_or(usize::MAX)
}

/// The edit distance of `a` and `b` (insertions, deletions, substitutions
/// and swaps of neighbours: the optimal string alignment distance) if it
/// is at most `limit`; stops as soon as every path is longer.
fn distance_within(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut d = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                d = d.min(before[j - 1] + 1);
            }
            cur[j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[b.len()] <= limit).then_some(prev[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors() {
        for (heading, want) in [
            ("Sharing Information", "sharing-information"),
            ("Parents & carers", "parents--carers"),
            ("Café Policy – 2024", "café-policy--2024"),
            ("What's new?", "whats-new"),
            ("  Scope  ", "scope"),
            ("snake_case and-hyphens", "snake_case-and-hyphens"),
            // Lower case without the dot above that 'İ' gains.
            ("İstanbul İ", "istanbul-i"),
        ] {
            assert_eq!(anchor(heading), want, "{heading}");
        }
    }

    #[test]
    fn unique_anchors() {
        let mut set = AnchorSet::default();
        let got: Vec<_> = ["Scope", "Scope", "Scope-1", "Scope", "", "!!"]
            .iter()
            .map(|h| set.unique(h))
            .collect();
        assert_eq!(
            got,
            [
                "scope",
                "scope-1",
                "scope-1-1",
                "scope-2",
                "section",
                "section-1"
            ]
        );
    }

    #[test]
    fn categories() {
        assert_eq!(title_case("health-and-safety"), "Health and Safety");
        assert_eq!(title_case("it_and_security"), "It and Security");
        assert_eq!(title_case("safeguarding"), "Safeguarding");
    }

    #[test]
    fn suggestions() {
        let ids = ["photography-and-images", "mobile-phones", "complaints"];
        assert_eq!(
            closest("photograpy-and-images", ids),
            Some("photography-and-images")
        );
        assert_eq!(closest("complaint", ids), Some("complaints"));
        assert_eq!(closest("fire-safety", ids), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("reveiw_by", "review_by"), 1);
        assert_eq!(distance("owenr", "owner"), 1);
        assert_eq!(distance("ab", "ba"), 1);
    }
}
