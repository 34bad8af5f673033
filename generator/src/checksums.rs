//! `SHA256SUMS`: the SHA-256 of every output file, sorted by path, in the format
//! `sha256sum -c` reads, so a mirror can verify its copy.

use crate::output::OutputFile;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

pub const NAME: &str = "SHA256SUMS";

pub fn manifest(files: &[OutputFile]) -> OutputFile {
    let mut sorted: Vec<&OutputFile> = files.iter().filter(|f| f.path != NAME).collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = String::new();
    for f in sorted {
        let digest = Sha256::digest(&f.bytes);
        for b in digest {
            let _ = write!(out, "{b:02x}");
        }
        let _ = writeln!(out, "  {}", f.path);
    }
    OutputFile { path: NAME.into(), bytes: out.into_bytes() }
}
