//! Byte formats of the search index: varints, gzip, and the term shard
//! layout read by `static/search-core.js`.
//!
//! A term shard (`search/t/<hex of its key>.bin`, gzip-compressed) holds
//! every indexed word that starts with its key, each word's stem, and the
//! postings of those stems:
//!
//! ```text
//! "PBS1"
//! varint words;  per word:  varint byte length, UTF-8 bytes, varint stem (index below)
//! varint stems;  per stem:  varint global stem id, varint pages,
//!                           per page: varint page-id delta, varint (impact << 1 | in title)
//! ```

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
