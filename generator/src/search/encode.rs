//! The index's wire format: numbers as variable-length strings of URL-safe characters
//! (5 bits each, little-endian; the upper half of the alphabet marks "more follows"), and
//! shard files as classic scripts that hand their data to `leernetIndex(name, data)`, so
//! they load with `<script src>` from `file://` as well as over http. Decoded by
//! `layouts/assets/search.js` (`decodeNumbers`).

use serde::Serialize;

/// 32 final digits, then 32 digits that say another digit follows.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` to `out`.
pub fn push_number(out: &mut String, mut v: u64) {
    while v >= 32 {
        out.push(ALPHABET[32 + (v & 31) as usize] as char);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize] as char);
}

pub fn numbers(values: impl IntoIterator<Item = u64>) -> String {
    let mut s = String::new();
    for v in values {
        push_number(&mut s, v);
    }
    s
}

/// Ascending ids as gaps (`id - previous - 1`), optionally with a 5-bit level each:
/// `(gap << 5) | level`.
pub fn id_list(ids: impl IntoIterator<Item = (u32, u8)>, with_level: bool) -> String {
    let mut s = String::new();
    let mut prev: i64 = -1;
    for (id, level) in ids {
        let gap = (i64::from(id) - prev - 1) as u64;
        prev = i64::from(id);
        push_number(&mut s, if with_level { (gap << 5) | u64::from(level & 31) } else { gap });
    }
    s
}

/// A shard: `leernetIndex("name",data);` with the data as JSON (valid JavaScript).
pub fn shard(name: &str, data: &impl Serialize) -> anyhow::Result<Vec<u8>> {
    Ok(wrap(name, &json(data)?))
}

/// `data` as JSON that is also valid JavaScript: JSON allows U+2028 and U+2029 raw, old
/// JavaScript engines do not.
pub fn json(data: &impl Serialize) -> anyhow::Result<String> {
    let json = serde_json::to_string(data)?;
    Ok(if json.contains(['\u{2028}', '\u{2029}']) {
        json.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
    } else {
        json
    })
}

/// A shard from data already made JSON by `json`.
pub fn wrap(name: &str, json: &str) -> Vec<u8> {
    format!("leernetIndex({},{json});\n", serde_json::Value::from(name)).into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_has_64_distinct_safe_characters() {
        let mut seen = std::collections::HashSet::new();
        assert!(ALPHABET.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_'));
        assert!(ALPHABET.iter().all(|c| seen.insert(*c)));
    }

    #[test]
    fn numbers_use_one_character_below_32() {
        assert_eq!(numbers([0, 31, 32, 1025]), "AfgBhgB");
    }
}
