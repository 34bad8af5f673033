//! YAML through serde-saphyr, and nothing else touches it. Two readings of one text:
//! a located tree (every key and value with its file line and column, duplicate keys
//! named on both lines, budgets against alias bombs and deep nesting), and the typed
//! raw structs of the content model. Errors come back with file-relative positions.

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::{DuplicateKeyPolicy, Spanned};
use std::collections::BTreeMap;
use std::fmt;

/// A problem in the YAML, at a file-relative position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub col: u32,
    pub field: String,
    pub message: String,
    pub help: Option<String>,
}

/// Where each field path (`themes[1]`, `location.city`) sits in the file.
#[derive(Debug, Default, Clone)]
pub struct Locations {
    values: BTreeMap<String, (u32, u32)>,
    keys: BTreeMap<String, (u32, u32)>,
    /// Top-level keys in file order, with their positions.
    pub top_keys: Vec<(String, u32, u32)>,
}

impl Locations {
    /// Position of the value at `path`, falling back to the nearest parent, then line 1.
    pub fn of(&self, path: &str) -> (u32, u32) {
        let mut p = path;
        loop {
            if let Some(&pos) = self.values.get(p) {
                return pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.top_keys.first().map(|k| (k.1, k.2)).unwrap_or((1, 1)),
            }
        }
    }

    /// The field path whose value (or key) starts at `line:col`, if any.
    fn path_at(&self, line: u32, col: u32) -> Option<&str> {
        self.values
            .iter()
            .chain(self.keys.iter())
            .filter(|(_, &pos)| pos == (line, col))
            .map(|(k, _)| k.as_str())
            .max_by_key(|k| k.len())
    }

    /// Position of the key of `path` (`cost.free` -> where `free:` is written).
    pub fn key_of(&self, path: &str) -> Option<(u32, u32)> {
        self.keys.get(path).copied()
    }

    /// Every field path written in the file (`themes[0]`, `cost.free`, ...).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().chain(self.values.keys()).map(String::as_str)
    }

    /// Whether a value is present and not null at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.values.contains_key(path)
    }
}

fn options(duplicates: DuplicateKeyPolicy) -> serde_saphyr::Options {
    serde_saphyr::options! {
        with_snippet: false,
        reject_unsupported_tags: true,
        strict_booleans: true,
        duplicate_keys: duplicates,
        budget: serde_saphyr::budget! {
            max_depth: 32,
            max_aliases: 64,
            max_anchors: 64,
            max_nodes: 50_000,
            max_documents: 1,
        },
    }
}

/// Reads the located tree; syntax errors, tags, budgets and duplicate keys are reported.
pub fn locate(yaml: &str, first_line: u32) -> Result<Locations, Vec<YamlError>> {
    let root: Spanned<Node> = match serde_saphyr::from_str_with_options(yaml, options(DuplicateKeyPolicy::PassThrough))
    {
        Ok(n) => n,
        Err(e) => return Err(vec![convert(&e, yaml, first_line, None)]),
    };
    let mut locs = Locations::default();
    let mut errors = Vec::new();
    let shift = |l: &serde_saphyr::Location| (l.line() as u32 + first_line - 1, l.column() as u32);
    if let Node::Map(entries) = &root.value {
        for (k, _) in entries {
            let (l, c) = shift(&k.referenced);
            locs.top_keys.push((k.value.clone(), l, c));
        }
    } else if !matches!(root.value, Node::Null) {
        let (l, c) = shift(&root.referenced);
        errors.push(YamlError {
            line: l,
            col: c,
            field: String::new(),
            message: "the front matter must be a list of fields (`name: value`)".into(),
            help: Some("write each field on its own line, e.g. `title: Mijn titel`".into()),
        });
    }
    walk(&root, String::new(), &mut locs, &mut errors, &shift);
    errors.extend(standard_tags(yaml, first_line));
    if errors.is_empty() {
        Ok(locs)
    } else {
        Err(errors)
    }
}

/// Tags the parser itself resolves (`!!binary`, `!!str`, `!<tag:yaml.org,2002:int>`): custom
/// tags are refused while deserialising, but these would silently change the value written
/// (`!!binary aGFsbG8=` reads as `hallo`), so they are refused too (RELIABILITY A8), each at
/// the `!` that starts it.
fn standard_tags(yaml: &str, first_line: u32) -> Vec<YamlError> {
    use serde_saphyr::granit_parser::{Event, Parser};
    let mut errors = Vec::new();
    for item in Parser::new_from_str(yaml) {
        let Ok((event, span)) = item else { break };
        let tagged = matches!(
            event,
            Event::Scalar(_, _, _, Some(_)) | Event::SequenceStart(_, _, Some(_)) | Event::MappingStart(_, _, Some(_))
        );
        if !tagged {
            continue;
        }
        let line = span.start.line() as u32;
        errors.push(YamlError {
            line: line + first_line - 1,
            col: tag_column(yaml, line, span.start.col() as u32 + 1),
            field: String::new(),
            message: "YAML tags are not supported".into(),
            help: Some("remove the `!tag`; front matter holds plain values only".into()),
        });
    }
    errors
}

/// The column of the tag in front of the node at `line:col` of `yaml` (both 1-based): the
/// last `!` that starts a token there, or `col` itself.
fn tag_column(yaml: &str, line: u32, col: u32) -> u32 {
    let text = yaml.split('\n').nth(line.saturating_sub(1) as usize).unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    let start = (0..chars.len().min(col as usize)).rev().find(|&i| {
        chars[i] == '!' && (i == 0 || chars[i - 1].is_whitespace() || matches!(chars[i - 1], '[' | ',' | '{'))
    });
    start.map_or(col, |i| i as u32 + 1)
}

fn walk(
    node: &Spanned<Node>,
    path: String,
    locs: &mut Locations,
    errors: &mut Vec<YamlError>,
    shift: &dyn Fn(&serde_saphyr::Location) -> (u32, u32),
) {
    match &node.value {
        Node::Map(entries) => {
            if !path.is_empty() {
                locs.values.insert(path.clone(), shift(&node.referenced));
            }
            let mut seen: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
            for (k, v) in entries {
                let kpos = shift(&k.referenced);
                let child = if path.is_empty() { k.value.clone() } else { format!("{path}.{}", k.value) };
                if let Some(first) = seen.get(k.value.as_str()) {
                    errors.push(YamlError {
                        line: kpos.0,
                        col: kpos.1,
                        field: child.clone(),
                        message: format!("duplicate key \"{}\": also set on line {}", k.value, first.0),
                        help: Some("keep one of the two; a later value never silently wins".into()),
                    });
                    continue;
                }
                seen.insert(&k.value, kpos);
                locs.keys.insert(child.clone(), kpos);
                walk(v, child, locs, errors, shift);
            }
        }
        Node::Seq(items) => {
            locs.values.insert(path.clone(), shift(&node.referenced));
            for (i, item) in items.iter().enumerate() {
                walk(item, format!("{path}[{i}]"), locs, errors, shift);
            }
        }
        Node::Scalar => {
            locs.values.insert(path, shift(&node.referenced));
        }
        Node::Null => {}
    }
}

/// Deserialises the typed raw struct; the first error comes back located.
pub fn typed<T: DeserializeOwned>(yaml: &str, first_line: u32, locs: Option<&Locations>) -> Result<T, YamlError> {
    serde_saphyr::from_str_with_options(yaml, options(DuplicateKeyPolicy::Error))
        .map_err(|e| convert(&e, yaml, first_line, locs))
}

/// Parses a standalone YAML file (site.yaml, vocab.yaml) in one go.
pub fn parse_file<T: DeserializeOwned>(yaml: &str) -> Result<(T, Locations), Vec<YamlError>> {
    let locs = locate(yaml, 1)?;
    let value = typed(yaml, 1, Some(&locs)).map_err(|e| vec![e])?;
    Ok((value, locs))
}

fn convert(e: &serde_saphyr::Error, yaml: &str, first_line: u32, locs: Option<&Locations>) -> YamlError {
    let (line, col) = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as u32 + first_line - 1, l.column() as u32))
        .unwrap_or((first_line, 1));
    let raw = e.to_string();
    let text = match raw.rfind(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let mut field = locs.and_then(|l| l.path_at(line, col)).unwrap_or_default().to_string();
    let (mut message, help) = explain(&text);
    // A wrong type names what was found too (RELIABILITY A5): the JSON and CI formats
    // carry no code frame that would show it.
    if message.starts_with("expected ") {
        if let Some(found) = found_at(yaml, first_line, line, col) {
            message = format!("{message}, found \"{found}\"");
        }
    }
    let (mut line, mut col) = (line, col);
    if message == "YAML tags are not supported" {
        col = tag_column(yaml, (line + 1).saturating_sub(first_line), col);
    }
    if let Some(name) = text.strip_prefix("missing field `").map(|n| n.trim_end_matches('`')) {
        // serde reports a missing field at the end of its mapping; the top of the
        // front matter is where an editor adds it.
        if let Some(first) = locs.and_then(|l| l.top_keys.first()) {
            (line, col) = (first.1, 1);
        }
        field = name.to_string();
    }
    YamlError { line, col, field, message, help }
}

/// The value written at file position `line:col` of `yaml` (which starts on `first_line`):
/// a quoted text without its quotes, a flow list or group whole, a plain value up to the
/// end of its list item or a comment; at most 40 characters.
fn found_at(yaml: &str, first_line: u32, line: u32, col: u32) -> Option<String> {
    let text = yaml.split('\n').nth(line.checked_sub(first_line)? as usize)?;
    let start = text.char_indices().nth(col.checked_sub(1)? as usize).map(|(i, _)| i)?;
    let rest = text[start..].trim();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next().unwrap_or_default(),
        '[' | '{' => rest.split(" #").next().unwrap_or(rest),
        _ => rest.split([',', ']', '}']).next().unwrap_or(rest).split(" #").next().unwrap_or(rest),
    }
    .trim_end();
    if value.is_empty() {
        return None;
    }
    let mut shown: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        shown.push('…');
    }
    Some(shown)
}

/// Turns the parser's wording into an editor's: what was expected, and what would be right.
fn explain(text: &str) -> (String, Option<String>) {
    if let Some(rest) = text.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = tail
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        let help = crate::diagnostics::did_you_mean(name, allowed.iter().copied())
            .or_else(|| Some(format!("allowed fields: {}", allowed.join(", "))));
        return (format!("unknown field \"{name}\""), help);
    }
    if text.starts_with("missing field `") {
        let name = text.trim_start_matches("missing field `").trim_end_matches('`');
        return (format!("missing required field \"{name}\""), Some(format!("add `{name}:` to the front matter")));
    }
    if let Some(rest) = text.strip_prefix("unknown variant `") {
        let (value, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed: Vec<&str> = tail
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .split(", ")
            .map(|s| s.trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect();
        let help = crate::diagnostics::did_you_mean(value, allowed.iter().copied())
            .unwrap_or_else(|| format!("choose one of: {}", allowed.join(", ")));
        return (format!("\"{value}\" is not one of: {}", allowed.join(", ")), Some(help));
    }
    let known: &[(&str, &str, &str)] = &[
        (
            "mapping values are not allowed",
            "YAML syntax error: a second `: ` on this line",
            "put text that contains `: ` between quotes: title: \"Aanpak: zo doe je dat\"",
        ),
        ("expected sequence", "expected a list", "write a list as `[a, b]` or as lines starting with `- `"),
        (
            "expected mapping",
            "expected a group of fields",
            "write the fields indented below the key, e.g. `location:` then `  city: Utrecht`",
        ),
        ("expected struct", "expected a group of fields", "write the fields indented below the key"),
        ("invalid i64", "expected a whole number", "write digits only, e.g. `5`"),
        ("invalid u32", "expected a whole number", "write digits only, e.g. `5`"),
        ("invalid u64", "expected a whole number", "write digits only, e.g. `5`"),
        ("invalid f64", "expected a number", "write a number with a decimal point, e.g. `12.50`"),
        ("invalid boolean", "expected true or false", "write `true` or `false`"),
        ("cannot deserialize null into string", "this field is empty", "write a value, or leave the field out"),
        (
            "expected string scalar",
            "expected text",
            "write a single value, in quotes if it contains special characters",
        ),
        ("unsupported tag", "YAML tags are not supported", "remove the `!tag`; front matter holds plain values only"),
        ("duplicate mapping key", "duplicate key", "keep one of the two"),
        ("budget", "the YAML is too deeply nested or uses too many aliases", "write the values out plainly"),
        ("recursion", "the YAML is too deeply nested", "write the values out plainly"),
        ("depth", "the YAML is too deeply nested", "write the values out plainly"),
        ("alias", "YAML aliases are not allowed here", "write the values out plainly"),
    ];
    for (needle, message, help) in known {
        if text.contains(needle) {
            return (message.to_string(), Some(help.to_string()));
        }
    }
    (format!("YAML error: {text}"), None)
}

/// A value-free node: only the shape and positions are kept.
#[derive(Debug)]
enum Node {
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    Scalar,
    Null,
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Node, E> {
        Ok(Node::Scalar)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = a.next_element()? {
            items.push(x);
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = a.next_key::<Spanned<KeyText>>()? {
            let v = a.next_value()?;
            let key = Spanned { value: k.value.0, referenced: k.referenced, defined: k.defined };
            entries.push((key, v));
        }
        Ok(Node::Map(entries))
    }
}

/// A mapping key as text, whatever scalar it was written as (`1:` or `yes:`).
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".into()))
            }
        }
        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        title: String,
        #[serde(default)]
        themes: Vec<String>,
        #[serde(default)]
        #[allow(dead_code)] // present so `order: twee` is a type error
        order: Option<i64>,
    }

    fn both(yaml: &str) -> Result<T, Vec<YamlError>> {
        let locs = locate(yaml, 2)?;
        typed(yaml, 2, Some(&locs)).map_err(|e| vec![e])
    }

    #[test]
    fn positions_are_file_relative() {
        let locs = locate("title: x\nthemes:\n  - a\n  - bb\n", 2).unwrap();
        assert_eq!(locs.of("themes[1]"), (5, 5));
        assert_eq!(locs.of("title"), (2, 8));
        assert_eq!(locs.of("themes[9]"), (4, 3));
    }

    #[test]
    fn errors_name_line_and_fix() {
        let e = &both("title: Aanpak: zo doe je dat\n").unwrap_err()[0];
        assert_eq!((e.line, e.col), (2, 14));
        assert!(e.help.as_deref().unwrap().contains("quotes"));
        let e = &both("title: x\ntitel: y\n").unwrap_err()[0];
        assert_eq!(e.message, "unknown field \"titel\"");
        assert_eq!(e.help.as_deref(), Some("did you mean \"title\"?"));
        let e = &both("title: x\norder: twee\n").unwrap_err()[0];
        assert_eq!(
            (e.line, e.message.as_str(), e.field.as_str()),
            (3, "expected a whole number, found \"twee\"", "order")
        );
    }

    #[test]
    fn duplicate_keys_name_both_lines() {
        let e = &both("title: x\norder: 1\ntitle: y\n").unwrap_err()[0];
        assert_eq!(e.line, 4);
        assert!(e.message.contains("also set on line 2"), "{}", e.message);
    }

    #[test]
    fn yaml_1_1_words_stay_strings() {
        let t = both("title: NO\nthemes: [yes, on, 0123, 1.10]\n").unwrap();
        assert_eq!(t.title, "NO");
        assert_eq!(t.themes, ["yes", "on", "0123", "1.10"]);
    }

    #[test]
    fn tags_bombs_and_nesting_are_refused_quickly() {
        assert!(both("title: !include x.yaml\n").is_err());
        assert!(both("title: !!python/object x\n").is_err());
        let mut bomb = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for i in 0..12 {
            let prev = if i == 0 { "a".to_string() } else { format!("a{}", i - 1) };
            bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*{prev}"); 10].join(",")));
        }
        let t = std::time::Instant::now();
        assert!(locate(&bomb, 2).is_err());
        let deep = format!("title: {}", "[".repeat(100_000));
        assert!(locate(&deep, 2).is_err());
        assert!(t.elapsed().as_secs() < 2);
    }
}
