//! `SHA256SUMS`: the SHA-256 of every output file, sorted by path, in the format
//! `sha256sum -c` reads, so a mirror can verify its copy. Digests are taken as files are
//! made (from many threads); the manifest is written once all are known.

use crate::output::OutputFile;
use sha2::{Digest, Sha256};
use std::sync::{Mutex, PoisonError};

pub const NAME: &str = "SHA256SUMS";

/// The digests of the files made so far.
#[derive(Debug, Default)]
pub struct Digests(Mutex<Vec<(String, [u8; 32])>>);

impl Digests {
    pub fn add(&self, file: &OutputFile) {
        if file.path == NAME {
            return;
        }
        let digest: [u8; 32] = Sha256::digest(&file.bytes).into();
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push((file.path.clone(), digest));
    }

    /// The manifest of every file added, sorted by path.
    pub fn manifest(self) -> OutputFile {
        use rayon::slice::ParallelSliceMut;
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut sums = self.0.into_inner().unwrap_or_else(PoisonError::into_inner);
        // Serial work at the very end of a build: sorted on both threads, hex by table.
        sums.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut out = Vec::with_capacity(sums.iter().map(|(p, _)| 67 + p.len()).sum());
        for (path, digest) in &sums {
            for b in digest {
                out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
            }
            out.extend_from_slice(b"  ");
            out.extend_from_slice(path.as_bytes());
            out.push(b'\n');
        }
        OutputFile { path: NAME.into(), bytes: out }
    }
}

/// The manifest of `files`.
pub fn manifest(files: &[OutputFile]) -> OutputFile {
    let digests = Digests::default();
    for f in files {
        digests.add(f);
    }
    digests.manifest()
}
