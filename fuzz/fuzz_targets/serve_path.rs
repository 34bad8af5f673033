//! The dev server's request-path resolution (`serve::output_path`, RELIABILITY H44/H45):
//! whatever the request target, a path it accepts is a plain relative path inside the
//! site (no `..`, `.`, empty or dot-led segment, no backslash, no `%` left, no control
//! character), which joined to the site's folder stays inside it. Also the Host guard
//! (H46): an accepted Host is `localhost` or an IP address, with the server's port.
#![no_main]

use leernet::output::is_safe_relative;
use leernet::serve::{allowed_host, output_path};
use libfuzzer_sys::fuzz_target;
use std::path::{Component, Path, PathBuf};

fn normalised(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else { return };
    if let Some(path) = output_path(raw) {
        // `is_safe_relative` also refuses `:` (a drive letter when the output is written on
        // Windows); the server looks paths up in memory, never on a disk, so `:` is harmless.
        assert!(is_safe_relative(&path.replace(':', "_")), "{raw:?} -> {path:?} is not a safe relative path");
        assert!(!path.contains(['%', '\\', '\0']), "{raw:?} -> {path:?}");
        assert!(!path.chars().any(char::is_control), "{raw:?} -> {path:?}");
        for seg in path.split('/') {
            assert!(!seg.is_empty() && !seg.starts_with('.'), "{raw:?} -> {path:?}: segment {seg:?}");
        }
        let root = Path::new("/srv/site");
        let joined = normalised(&root.join(&path));
        assert!(joined.starts_with(root) && joined != root, "{raw:?} -> {}", joined.display());
        // The raw path itself never held a traversal the decoding could have hidden.
        assert!(!raw.split('/').any(|s| s == ".."), "{raw:?} accepted");
    }
    let port = 8000;
    if allowed_host(raw, port) {
        let (name, p) = raw.rsplit_once(':').expect("an accepted Host has a port");
        assert_eq!(p.parse::<u16>().ok(), Some(port), "{raw:?}");
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        assert!(
            name.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok(),
            "Host {raw:?} accepted"
        );
    }
});
