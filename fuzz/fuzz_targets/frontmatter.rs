//! Front matter and YAML of one content file, through the steps `leernet check` runs on
//! every file: `load::decode` (UTF-8, BOM, line endings), then `document::read` (front
//! matter split, YAML located with its alias and depth budgets, typed, and every rule that
//! one file can break), then the text rendering of each message. The first byte picks the
//! type folder, or `site.yaml` / `vocab.yaml`.
//!
//! Invariants: no panic, no stack overflow, and every message points at a line of the file
//! with a column of at least 1 (RELIABILITY A1-A10: `file:line:col`, no off-by-one).
#![no_main]

use leernet::diagnostics::Diagnostic;
use leernet::document::{FieldNames, FileContext};
use leernet::load::SourceFile;
use leernet::model::{Kind, SiteConfig, Vocab};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const VOCAB: &str = include_str!("../../tests/testsuite/base/content/vocab.yaml");

struct Context {
    vocab: Vocab,
    fields: FieldNames,
    now: jiff::civil::Date,
}

fn context() -> &'static Context {
    static CONTEXT: OnceLock<Context> = OnceLock::new();
    CONTEXT.get_or_init(|| Context {
        vocab: leernet::yaml::parse_file::<Vocab>(VOCAB).expect("the base vocabulary parses").0,
        fields: FieldNames::new(),
        now: leernet::dates::build_now(Some("2026-01-15"), None).expect("a valid date"),
    })
}

fn check_position(text: &str, line: u32, col: u32, what: &str) {
    let lines = text.split('\n').count() as u32;
    assert!(line <= lines, "{what} points at line {line} of a {lines}-line file");
    if line > 0 {
        assert!(col >= 1, "{what} has column 0 on line {line}");
    }
}

fn check_diagnostic(text: &str, d: &Diagnostic) {
    check_position(text, d.line, d.col, &d.headline());
    let rendered = d.render_text();
    assert!(rendered.starts_with(&d.headline()));
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let text = match leernet::load::decode(bytes) {
        Ok(t) => t,
        Err(message) => {
            assert!(message.contains("UTF-8") || message.contains("UTF-16"), "{message}");
            return;
        }
    };
    assert!(!text.contains('\r'), "line endings are normalised");
    let ctx = context();
    let kinds = Kind::ALL;
    match pick as usize % (kinds.len() + 2) {
        n if n < kinds.len() => {
            let folder = kinds[n].folder();
            let file = SourceFile {
                rel: format!("{folder}/fuzz.md"),
                display: format!("content/{folder}/fuzz.md"),
                folder: folder.to_string(),
                stem: "fuzz".to_string(),
                text,
            };
            let file_ctx = FileContext { vocab: &ctx.vocab, fields: &ctx.fields, now: ctx.now };
            let (doc, diags) = leernet::document::read(&file, &file_ctx);
            for d in &diags {
                check_diagnostic(&file.text, d);
            }
            if let Some(doc) = doc {
                assert!(doc.body_offset <= file.text.len());
                assert!(file.text.is_char_boundary(doc.body_offset));
                let _ = doc.body_position(doc.body().len());
            }
        }
        n if n == kinds.len() => {
            if let Err(errors) = leernet::yaml::parse_file::<SiteConfig>(&text) {
                for e in errors {
                    check_position(&text, e.line, e.col, &e.message);
                }
            }
        }
        _ => {
            if let Err(errors) = leernet::yaml::parse_file::<Vocab>(&text) {
                for e in errors {
                    check_position(&text, e.line, e.col, &e.message);
                }
            }
        }
    }
});
