//! Byte formats of the search index: the script each file is wrapped in,
//! base93, varints, gzip, and the term shard layout read by
//! `static/search-core.js`.
//!
//! Every file of the index is a script, `search/<name>.js`, that hands its
//! payload to the client, so that the browser can load it with a
//! `<script>` element, which works from `file://` as well as over HTTP
//! (browsers refuse `fetch` of `file://` URLs):
//!
//! ```text
//! policybookIndex("<name>","<payload>");
//! ```
//!
//! The payload is the file's gzip-compressed bytes in [`base93`], 16 bits
//! of text for every 13 of data: 1.23 times their size, where base64 is
//! 1.33 times (docs/performance.md).
//!
//! A term shard (`search/t/<hex of its key>.js`) holds
//! every indexed word that starts with its key, each word's stem, and the
//! postings of those stems:
//!
//! ```text
//! "PBS1"
//! varint words;  per word:  varint byte length, UTF-8 bytes, varint stem (index below)
//! varint stems;  per stem:  varint global stem id, varint pages,
//!                           per page: varint page-id delta, varint (impact << 1 | in title)
//! ```

/// A file of the index, `search/<name>.js`, holding `bytes` (compressed
/// here). `name` is the file's path below `search/` without `.js`, made
/// of letters, digits and `/` only.
pub fn file(name: &str, bytes: &[u8]) -> Vec<u8> {
    script(name, &gzip(bytes))
}

/// The script that hands `payload` (already compressed, or not) to the
/// client as the file `name`.
pub fn script(name: &str, payload: &[u8]) -> Vec<u8> {
    debug_assert!(
        name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'/'),
        "{name}"
    );
    let mut out = Vec::with_capacity(SCRIPT_START.len() + name.len() + 8 + payload.len() * 16 / 13);
    out.extend_from_slice(SCRIPT_START.as_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"\",\"");
    base93(payload, &mut out);
    out.extend_from_slice(SCRIPT_END.as_bytes());
    out
}

const SCRIPT_START: &str = "policybookIndex(\"";
const SCRIPT_END: &str = "\");\n";

/// The name and payload of a script made by [`script`] (decoded from
/// base93, still compressed), or `None` if it is not one.
pub fn read_script(text: &[u8]) -> Option<(String, Vec<u8>)> {
    let rest = text.strip_prefix(SCRIPT_START.as_bytes())?;
    let rest = rest.strip_suffix(SCRIPT_END.as_bytes())?;
    let split = rest.windows(3).position(|w| w == b"\",\"")?;
    let name = std::str::from_utf8(&rest[..split]).ok()?.to_string();
    Some((name, unbase93(&rest[split + 3..])?))
}

/// The bytes a file of the index holds: its script read back and
/// inflated (the tests look into the index with it).
pub fn read_file(text: &[u8]) -> Option<Vec<u8>> {
    gunzip(&read_script(text)?.1)
}

/// The 93 characters of base93: printable ASCII but `"` and `\`, so
/// that the text can sit in a JavaScript string as it is.
const BASE93: &[u8; 93] = b" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// The two characters of each 13-bit value.
static BASE93_PAIRS: [[u8; 2]; 8192] = {
    let mut pairs = [[0u8; 2]; 8192];
    let mut v = 0;
    while v < 8192 {
        pairs[v] = [BASE93[v % 93], BASE93[v / 93]];
        v += 1;
    }
    pairs
};

/// Appends `bytes` as base93 text: each 13 bits (least significant
/// first) as two characters, `v % 93` then `v / 93` (93² ≥ 2¹³); a last
/// group of 6 bits or fewer as one character. The decoder knows a lone
/// last character holds 6 bits, and drops the padding (under 8 bits).
pub fn base93(bytes: &[u8], out: &mut Vec<u8>) {
    out.reserve(bytes.len() * 16 / 13 + 2);
    // 13 bytes are 104 bits, eight groups exactly: taken a chunk at a
    // time, with each group's two characters from a table.
    let mut chunks = bytes.chunks_exact(13);
    for chunk in &mut chunks {
        let mut word = [0u8; 16];
        word[..13].copy_from_slice(chunk);
        let mut v = u128::from_le_bytes(word);
        for _ in 0..8 {
            out.extend_from_slice(&BASE93_PAIRS[(v & 0x1fff) as usize]);
            v >>= 13;
        }
    }
    let mut buf: u32 = 0;
    let mut bits = 0;
    for &b in chunks.remainder() {
        buf |= u32::from(b) << bits;
        bits += 8;
        if bits >= 13 {
            let v = (buf & 0x1fff) as usize;
            buf >>= 13;
            bits -= 13;
            out.push(BASE93[v % 93]);
            out.push(BASE93[v / 93]);
        }
    }
    if bits > 6 {
        let v = buf as usize;
        out.push(BASE93[v % 93]);
        out.push(BASE93[v / 93]);
    } else if bits > 0 {
        out.push(BASE93[buf as usize]);
    }
}

/// Reads base93 text back; `None` if it holds another character.
pub fn unbase93(text: &[u8]) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        if !(b' '..=b'~').contains(&c) || c == b'"' || c == b'\\' {
            return None;
        }
        Some(u32::from(c - b' ') - u32::from(c > b'"') - u32::from(c > b'\\'))
    };
    let mut out = Vec::with_capacity(text.len() * 13 / 16 + 1);
    let mut buf: u32 = 0;
    let mut bits = 0;
    for pair in text.chunks(2) {
        if let [a, b] = pair {
            let v = value(*a)? + 93 * value(*b)?;
            if v >= 1 << 13 {
                return None;
            }
            buf |= v << bits;
            bits += 13;
        } else {
            buf |= value(pair[0])? << bits;
            bits += 6;
        }
        while bits >= 8 {
            out.push(buf as u8);
            buf >>= 8;
            bits -= 8;
        }
    }
    Some(out)
}

/// Appends `n` as a LEB128 varint.
pub fn varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Reads a varint at `*pos`, advancing it. `None` past the end.
pub fn read_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Gzip-compresses bytes (the browser inflates them with
/// `DecompressionStream`). libdeflate rather than a streaming zlib: every
/// file is compressed whole, which it does faster (docs/performance.md).
/// Each thread keeps one compressor: making one allocates and clears its
/// tables, which costs more than compressing a small shard.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> =
            std::cell::RefCell::new(libdeflater::Compressor::new(GZIP_LEVEL));
    }
    COMPRESSOR.with_borrow_mut(|compressor| {
        let mut out = vec![0; compressor.gzip_compress_bound(bytes.len())];
        // The buffer is as large as the bound, so this cannot run out of room.
        let len = compressor.gzip_compress(bytes, &mut out).unwrap_or(0);
        out.truncate(len);
        out
    })
}

/// Inflates gzip-compressed bytes; `None` if they are not.
pub fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    // The last four bytes are the length inflated (modulo 2³²).
    let len = u32::from_le_bytes(bytes.get(bytes.len().checked_sub(4)?..)?.try_into().ok()?);
    let mut out = vec![0; (len as usize).min(1 << 28)];
    let n = libdeflater::Decompressor::new()
        .gzip_decompress(bytes, &mut out)
        .ok()?;
    out.truncate(n);
    Some(out)
}

/// libdeflate's level 1 (its levels run from 0, no compression, to 12):
/// at 10,000 policies it compresses the index in two thirds of level 4's
/// time, for records a fifth larger and about 15% more bytes a query
/// (docs/performance.md).
const GZIP_LEVEL: libdeflater::CompressionLvl = match libdeflater::CompressionLvl::new(1) {
    Ok(level) => level,
    Err(_) => panic!("libdeflate has a level 1"),
};

/// One posting: a page and the quantized score of the term on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub page: u32,
    /// 1..=255; higher is better.
    pub impact: u8,
    pub in_title: bool,
}

/// A term shard before encoding.
#[derive(Debug, Default)]
pub struct Shard<'a> {
    /// Sorted words and the index of their stem in `stems`.
    pub words: Vec<(&'a str, usize)>,
    /// Global stem id and postings sorted by page.
    pub stems: Vec<(u32, &'a [Posting])>,
}

impl Shard<'_> {
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(64 + self.words.len() * 12);
        out.extend_from_slice(b"PBS1");
        varint(&mut out, self.words.len() as u64);
        for (word, stem) in &self.words {
            varint(&mut out, word.len() as u64);
            out.extend_from_slice(word.as_bytes());
            varint(&mut out, *stem as u64);
        }
        varint(&mut out, self.stems.len() as u64);
        for (id, postings) in &self.stems {
            varint(&mut out, u64::from(*id));
            varint(&mut out, postings.len() as u64);
            let mut last = 0u32;
            for p in postings.iter() {
                varint(&mut out, u64::from(p.page - last));
                last = p.page;
                varint(&mut out, (u64::from(p.impact) << 1) | u64::from(p.in_title));
            }
        }
        out
    }

    /// The encoded size without encoding (for shard splitting).
    pub fn size(&self) -> usize {
        let v = |n: u64| (64 - n.leading_zeros()).max(1).div_ceil(7) as usize;
        let words: usize = self
            .words
            .iter()
            .map(|(w, s)| v(w.len() as u64) + w.len() + v(*s as u64))
            .sum();
        let stems: usize = self.stems.iter().map(|(_, p)| 4 + p.len() * 3).sum();
        4 + words + stems
    }
}

/// A decoded shard: words with their stem index, and each stem's global
/// id and postings.
pub type Decoded = (Vec<(String, usize)>, Vec<(u32, Vec<Posting>)>);

/// Reads a shard back (the tests check the format with it).
pub fn decode_shard(bytes: &[u8]) -> Option<Decoded> {
    if bytes.get(..4)? != b"PBS1" {
        return None;
    }
    let mut pos = 4;
    let n = read_varint(bytes, &mut pos)? as usize;
    let mut words = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let len = read_varint(bytes, &mut pos)? as usize;
        let w = std::str::from_utf8(bytes.get(pos..pos + len)?)
            .ok()?
            .to_string();
        pos += len;
        words.push((w, read_varint(bytes, &mut pos)? as usize));
    }
    let n = read_varint(bytes, &mut pos)? as usize;
    let mut stems = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let id = read_varint(bytes, &mut pos)? as u32;
        let count = read_varint(bytes, &mut pos)? as usize;
        let mut postings = Vec::with_capacity(count.min(1 << 20));
        let mut page = 0u32;
        for _ in 0..count {
            page += read_varint(bytes, &mut pos)? as u32;
            let v = read_varint(bytes, &mut pos)?;
            postings.push(Posting {
                page,
                impact: (v >> 1) as u8,
                in_title: v & 1 == 1,
            });
        }
        stems.push((id, postings));
    }
    Some((words, stems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for n in [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ] {
            let mut out = Vec::new();
            varint(&mut out, n);
            let mut pos = 0;
            assert_eq!(read_varint(&out, &mut pos), Some(n));
            assert_eq!(pos, out.len());
        }
        assert_eq!(read_varint(&[0x80], &mut 0), None);
    }

    #[test]
    fn base93_round_trips_and_stays_in_its_alphabet() {
        assert_eq!(BASE93.len(), 93);
        assert!(BASE93.windows(2).all(|w| w[0] < w[1]));
        let mut state = 7u32;
        for len in (0..40).chain([255, 256, 1000, 4096]) {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (state >> 16) as u8
                })
                .collect();
            for data in [bytes.clone(), vec![0; len], vec![255; len]] {
                let mut text = Vec::new();
                base93(&data, &mut text);
                assert!(text.iter().all(|&c| BASE93.contains(&c)));
                assert!(
                    text.len() <= data.len() * 16 / 13 + 2,
                    "{len}: {}",
                    text.len()
                );
                assert_eq!(unbase93(&text).as_deref(), Some(&data[..]), "{len}");
            }
        }
        assert_eq!(unbase93(b"a\"b"), None);
        assert_eq!(unbase93(b"\\"), None);
    }

    #[test]
    fn index_files_are_scripts_that_read_back() {
        let data = b"{\"pages\":3}".repeat(20);
        let js = file("t/6162", &data);
        let text = std::str::from_utf8(&js).unwrap();
        assert!(text.starts_with("policybookIndex(\"t/6162\",\""), "{text}");
        assert!(text.ends_with("\");\n"));
        assert_eq!(text.matches('"').count(), 4, "{text}");
        let (name, payload) = read_script(&js).unwrap();
        assert_eq!(name, "t/6162");
        assert_eq!(payload, gzip(&data));
        assert_eq!(read_file(&js).unwrap(), data);
        assert_eq!(read_file(b"policybookIndex(\"x\",\"\");\n"), None);
    }

    #[test]
    fn shards_round_trip() {
        let postings = [
            Posting {
                page: 3,
                impact: 200,
                in_title: true,
            },
            Posting {
                page: 40,
                impact: 1,
                in_title: false,
            },
        ];
        let shard = Shard {
            words: vec![("complain", 0), ("complaints", 0)],
            stems: vec![(7, &postings)],
        };
        let bytes = shard.encode();
        assert!(shard.size() >= bytes.len() - 8);
        let (words, stems) = decode_shard(&bytes).unwrap();
        assert_eq!(
            words,
            [("complain".to_string(), 0), ("complaints".to_string(), 0)]
        );
        assert_eq!(stems, [(7, postings.to_vec())]);
    }
}
