//! The content model's types, mirroring the files exactly (`deny_unknown_fields`). They are
//! its single declaration: validation, JSON Schema, `leernet new` and the reference walk
//! are derived from them. Closed lists are Rust enums; open vocabularies are checked
//! against `vocab.yaml` in `document`.

mod common;
mod items;
mod kind;
mod settings;

pub use common::*;
pub use items::*;
pub use kind::*;
pub use settings::*;
