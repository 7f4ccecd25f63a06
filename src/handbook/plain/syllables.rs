//! Plain English: the syllables of a word, for the reading scores.
//!
//! The rule: the vowel groups of the word (`y` counts as a vowel after
//! the first letter), one fewer for a silent final `e` (not in `-le`
//! after a consonant, as in "table"), for `-ed` not after `t` or `d`
//! ("reviewed") and for `-es` not after a hissing sound ("makes"), one
//! more for `ia`, `io` and a final `eo` said apart ("Australian",
//! "radio", "video"); at least one; and a short table of common words the
//! rule gets wrong ("safeguarding", "created"). Tested against a table of
//! words; it is the usual estimate (as in most readability tools), not a
//! dictionary. A word's letters are its ASCII letters, lower case
//! (digits, apostrophes, hyphens and other letters are left out).
//!
//! Counted once a word and remembered ([`Memo`]): a handbook uses a few
//! thousand words over and over, and looking one up costs a fifth of
//! counting it (this runs for every word of every policy). The memo is a
//! thread's own, so that the parallel parse shares nothing; what it
//! gives is what counting gives, whichever thread or order.

use std::cell::RefCell;

/// Words the rule counts wrongly, with their syllables: common words of
/// policies, each one a test case. (A `match`, which compiles to a look-up
/// by length: this runs for every word.)
fn syllable_exception(word: &[u8]) -> Option<u32> {
    Some(match word {
        b"eye" | b"eyes" => 1,
        b"create" | b"creates" | b"safeguard" | b"safeguards" | b"safety" => 2,
        b"someone" | b"something" | b"sometimes" => 2,
        b"whereas" | b"therefore" | b"business" => 2,
        b"idea" | b"ideas" | b"area" | b"areas" => 3,
        b"created" | b"creating" | b"creation" | b"safeguarded" | b"safeguarding" => 3,
        b"wherever" | b"whenever" | b"businesses" => 3,
        _ => return None,
    })
}

/// The syllables of `word`, by the rule in the module's doc.
pub fn syllables(word: &str) -> u32 {
    count(word.as_bytes())
}

/// [`syllables`] of a word's bytes, counted.
#[inline(never)]
fn count(word: &[u8]) -> u32 {
    let mut letters = Letters::default();
    for &c in word.iter().filter(|c| c.is_ascii_alphabetic()) {
        letters.push(c.to_ascii_lowercase());
    }
    letters.syllables()
}

/// Words remembered by [`Memo`]: this many slots, one word each.
const MEMO_SLOTS: usize = 1 << 13;

/// Words of up to this many bytes are remembered; longer ones (rare) are
/// counted every time.
const MEMO_BYTES: usize = 16;

/// Syllable counts of the words met lately: each word's bytes as two
/// numbers (zero after its end) in the slot its hash picks, a new word
/// taking the slot of the one before. A slot never used holds zeros,
/// which no word is.
pub(super) struct Memo {
    keys: Box<[[u64; 2]]>,
    counts: Box<[u8]>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo {
        keys: vec![[0; 2]; MEMO_SLOTS].into_boxed_slice(),
        counts: vec![0; MEMO_SLOTS].into_boxed_slice(),
    });
}

impl Memo {
    /// Runs `f` with this thread's memo.
    pub(super) fn with<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
        MEMO.with_borrow_mut(f)
    }

    /// [`syllables`] of the word at `word` in `text`, remembered.
    #[inline(always)]
    pub(super) fn syllables(&mut self, text: &[u8], word: std::ops::Range<usize>) -> u32 {
        let n = word.len();
        if n > MEMO_BYTES {
            return count(&text[word]);
        }
        // The word's bytes as two numbers: read straight from the text
        // where it goes on far enough (most words), the bytes past the
        // word masked off; otherwise copied out. (Copying every word out
        // first made the processor wait for each copy to land.)
        let key = match text.get(word.start..word.start + MEMO_BYTES) {
            Some(ahead) => [
                number(&ahead[..8]) & low_bytes(n),
                number(&ahead[8..]) & low_bytes(n.saturating_sub(8)),
            ],
            None => {
                let mut bytes = [0u8; MEMO_BYTES];
                bytes[..n].copy_from_slice(&text[word.clone()]);
                [number(&bytes[..8]), number(&bytes[8..])]
            }
        };
        let hash = (key[0] ^ key[1].rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let slot = (hash >> (64 - MEMO_SLOTS.trailing_zeros())) as usize;
        if self.keys[slot] == key {
            return u32::from(self.counts[slot]);
        }
        let n = count(&text[word]);
        self.keys[slot] = key;
        self.counts[slot] = n.min(255) as u8;
        n
    }
}

/// Eight bytes as a number, the first the lowest.
#[inline(always)]
fn number(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().unwrap_or_default())
}

/// A mask of the lowest `n` bytes of a number (all eight from 8 on).
#[inline(always)]
fn low_bytes(n: usize) -> u64 {
    u64::MAX.checked_shr(64 - 8 * n.min(8) as u32).unwrap_or(0)
}

/// What each lower-case letter is to [`syllables`] (looked up by byte):
/// a vowel (not `y`), `y`, `i`, `a` or `o`, or a hard consonant (one of
/// "tscgx", which make "ia" and "io" one sound: "-tion", "-cial").
const LETTERS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        let c = k as u8;
        table[k] = match c {
            b'a' | b'o' => VOWEL | AO,
            b'i' => VOWEL | I,
            b'e' | b'u' => VOWEL,
            b'y' => Y,
            b't' | b's' | b'c' | b'g' | b'x' => HARD,
            _ => 0,
        };
        k += 1;
    }
    table
};
const VOWEL: u8 = 1;
const Y: u8 = 2;
const I: u8 = 4;
const AO: u8 = 8;
const HARD: u8 = 16;

/// Letters longer words are counted by: their first 64.
const MAX_LETTERS: usize = 64;

/// A word's letters, for its syllables: each letter and what it is to the
/// rule ([`LETTERS`]). The rule is then worked out on bit masks (bit k of
/// each says what letter k is), made eight letters at a time.
#[derive(Debug, Clone)]
struct Letters {
    n: usize,
    letters: [u8; MAX_LETTERS],
    codes: [u8; MAX_LETTERS],
}

impl Default for Letters {
    fn default() -> Letters {
        Letters {
            n: 0,
            letters: [0; MAX_LETTERS],
            codes: [0; MAX_LETTERS],
        }
    }
}

/// The longest word in [`syllable_exception`].
const EXCEPTION_LETTERS: usize = 12;

/// Bit `bit` of each of the eight bytes of `chunk`, as eight bits (byte
/// k's as bit k).
#[inline(always)]
fn gather(chunk: u64, bit: u32) -> u64 {
    ((chunk >> bit) & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// How many bits of each byte are set.
const ONES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut k = 0;
    while k < 256 {
        table[k] = (k as u8).count_ones() as u8;
        k += 1;
    }
    table
};

/// The bits set in `mask`, a byte at a time from a table: as fast as the
/// processor's own count for a word's few letters, which the portable
/// x86-64 target (without `popcnt`) would count bit by bit in software.
#[inline(always)]
fn ones(mut mask: u64) -> i32 {
    let mut n = 0;
    while mask != 0 {
        n += i32::from(ONES[(mask & 0xff) as usize]);
        mask >>= 8;
    }
    n
}

impl Letters {
    /// Adds the lower-case ASCII letter `c`.
    #[inline(always)]
    fn push(&mut self, c: u8) {
        let k = self.n;
        if k < MAX_LETTERS {
            self.letters[k] = c;
            self.codes[k] = LETTERS[usize::from(c)];
            self.n = k + 1;
        }
    }

    /// Whether letter `k` is each kind of [`LETTERS`], as masks: the
    /// letters' codes gathered eight at a time (the bytes past the word's
    /// end left out).
    fn masks(&self) -> [u64; 5] {
        let mut masks = [0u64; 5];
        for (c, chunk) in self.codes[..self.n.div_ceil(8) * 8]
            .chunks_exact(8)
            .enumerate()
        {
            let chunk = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            for (bit, mask) in masks.iter_mut().enumerate() {
                *mask |= gather(chunk, bit as u32) << (8 * c);
            }
        }
        let word = u64::MAX.checked_shr(64 - self.n as u32).unwrap_or(0);
        masks.map(|m| m & word)
    }

    /// The syllables of the word, by the rule in the module's doc.
    fn syllables(&self) -> u32 {
        let n = self.n;
        if n == 0 {
            // Digits, or letters outside ASCII: one a word.
            return 1;
        }
        if n <= EXCEPTION_LETTERS
            && let Some(count) = syllable_exception(&self.letters[..n])
        {
            return count;
        }
        let [plain, y, i, ao, hard] = self.masks();
        // `y` is a vowel after the first letter unless a vowel follows it
        // ("happy", "policy"; not "yes", "employee").
        let vowel = plain | (y & !1 & !(plain >> 1));
        // One syllable a group of vowels: a vowel with none before it.
        let mut count = ones(vowel & !(vowel << 1));
        // Pairs said apart: "ia" (Australian, media) and "io" (radio,
        // period), but not in "-tion", "-sion", "-cial", "-gion", "-xion";
        // "eo" at the end (video).
        count += ones(i & (ao >> 1) & !(hard << 1));
        let at = |back: usize| n.checked_sub(back).map_or(0, |k| self.letters[k]);
        let (third, second, last) = (at(3), at(2), at(1));
        if n >= 2 && second == b'e' && last == b'o' {
            count += 1;
        }
        let consonant = |k: usize| vowel & (1 << k) == 0;
        if n > 2 && last == b'e' && consonant(n - 2) {
            // A silent final "e" ("make"), but "-le" after a consonant is
            // said ("table").
            let said = second == b'l' && consonant(n - 3);
            if !said {
                count -= 1;
            }
        } else if n > 3
            && second == b'e'
            && last == b'd'
            && consonant(n - 3)
            && !matches!(third, b't' | b'd')
        {
            // "reviewed", not "decided".
            count -= 1;
        } else if n > 3
            && second == b'e'
            && last == b's'
            && consonant(n - 3)
            && !matches!(third, b's' | b'x' | b'z' | b'c' | b'g' | b'h')
        {
            // "makes", not "boxes", "houses", "changes".
            count -= 1;
        }
        count.max(1) as u32
    }
}
