//! The generator's random numbers: SplitMix64, written out here.
//!
//! Why not the `rand` crate: the handbook a seed gives must stay the same
//! for as long as tests and published benchmark figures refer to it, and
//! `rand` documents that its generators and distributions may change
//! their output between versions; it would also bring its dependency tree
//! into every build of the tests for a dozen lines of arithmetic.
//! SplitMix64 (Steele, Lea and Flood, 2014; the seeding generator of
//! xoshiro) is tiny, fast, and good enough for synthetic text: nothing
//! here needs cryptographic or statistical strength.
//!
//! Each part of the handbook draws from its own stream, named by a label
//! and a number ([`Rng::stream`]), so that the prose of policy 12 does not
//! change when policy 11 draws one number more.

/// A SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

/// The SplitMix64 output function: a good 64-bit mix.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a, to turn a stream's label into a number.
fn fnv1a(label: &str) -> u64 {
    label.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

impl Rng {
    /// The stream `label`/`index` of seed `seed`.
    pub fn stream(seed: u64, label: &str, index: u64) -> Rng {
        Rng {
            state: mix(seed ^ mix(fnv1a(label) ^ mix(index.wrapping_add(1)))),
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.state)
    }

    /// A number in `0..n` (`n` > 0). Multiply-shift: the bias is at most
    /// n / 2^64, far below anything a handbook could show.
    pub fn below(&mut self, n: usize) -> usize {
        debug_assert!(n > 0);
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A number in `[lo, hi)`.
    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// One item of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// The index of one of `weights`, each as likely as its weight.
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut roll = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if roll < w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }

    /// Shuffles in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `k` different items of `items` (all of them if there are fewer), in
    /// random order.
    pub fn sample<T: Copy>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below(pool.len() - i);
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_stream_gives_the_same_numbers_and_others_differ() {
        let a: Vec<u64> = (0..4).map(|_| Rng::stream(1, "x", 0).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut r = Rng::stream(1, "x", 0);
        let first = r.next_u64();
        assert_ne!(first, r.next_u64());
        assert_ne!(first, Rng::stream(1, "x", 1).next_u64());
        assert_ne!(first, Rng::stream(1, "y", 0).next_u64());
        assert_ne!(first, Rng::stream(2, "x", 0).next_u64());
    }

    #[test]
    fn values_stay_in_range_and_cover_it() {
        let mut r = Rng::stream(7, "range", 0);
        let mut seen = [false; 6];
        for _ in 0..1000 {
            let v = r.between(3, 8);
            assert!((3..=8).contains(&v));
            seen[(v - 3) as usize] = true;
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert!(seen.iter().all(|&s| s));
        let s = r.sample(&[1, 2, 3, 4, 5], 3);
        assert_eq!(s.len(), 3);
        assert!(s.iter().all(|x| (1..=5).contains(x)));
        assert_eq!(r.weighted(&[0, 5, 0]), 1);
    }

    /// The numbers a seed gives are part of the generator's contract: if
    /// this changes, every generated handbook changes.
    #[test]
    fn the_numbers_do_not_change() {
        let mut r = Rng::stream(1, "policies", 0);
        let got: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        assert_eq!(got, PINNED);
    }

    const PINNED: [u64; 3] = [
        1_871_586_883_428_149_029,
        3_191_152_838_336_508_350,
        10_729_814_479_035_051_615,
    ];

    /// SplitMix64's published output from state 0.
    #[test]
    fn it_is_splitmix64() {
        let mut r = Rng { state: 0 };
        assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(r.next_u64(), 0x06c4_5d18_8009_454f);
    }
}
