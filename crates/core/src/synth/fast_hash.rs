//! A fast, unkeyed hasher for synthesis's own lookup tables (logical IDs,
//! dependencies, reference checks), in place of std's SipHash.
//!
//! The keys are the app's own ids and node numbers, not input from a
//! network, so resistance to collision attacks buys nothing here. The
//! function is FxHash (as rustc uses): per word, rotate, xor, multiply. Maps
//! with it are only looked up or kept in insertion order (`IndexMap`), so the
//! output never depends on it.

use std::hash::{BuildHasher, Hasher};

/// Builds [`FxHasher`]s.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct FastHash;

impl BuildHasher for FastHash {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, FastHash>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, FastHash>;
pub(crate) type FastIndexMap<K, V> = indexmap::IndexMap<K, V, FastHash>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            // The length in the free last byte: "a" and "a\0" differ.
            word[7] = rest.len() as u8;
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{FastHash, FastMap};
    use std::hash::BuildHasher;

    #[test]
    fn equal_keys_hash_alike_and_others_apart() {
        let h = FastHash;
        assert_eq!(h.hash_one("Topic"), h.hash_one("Topic"));
        assert_ne!(h.hash_one("TopicA"), h.hash_one("TopicB"));
        // Padding does not make a shorter key equal a longer one.
        assert_ne!(h.hash_one("Topic"), h.hash_one("Topic\0"));
        let mut m: FastMap<String, usize> = FastMap::default();
        for i in 0..1000 {
            m.insert(format!("Resource{i}"), i);
        }
        assert!((0..1000).all(|i| m[&format!("Resource{i}")] == i));
    }
}
