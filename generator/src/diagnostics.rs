//! Content diagnostics: an editor's mistakes, collected across every file, sorted by path
//! and line, and printed as `path:line:col: error: field: message` with a code frame, or as
//! JSON lines for CI annotations. Failures of the machine (I/O, bugs) are not diagnostics.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One message for an editor, pointing at a place in a content file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path as the editor knows it, e.g. `content/leeraanbod/x.md`.
    pub path: String,
    /// 1-based line in the file (0 when the message concerns the file as a whole).
    pub line: u32,
    /// 1-based column in characters.
    pub col: u32,
    pub severity: Severity,
    /// The field path, e.g. `themes[1]`, when the message concerns one field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    /// What would be right, e.g. `did you mean "armoede-en-schulden"?`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The text of `line`, for the code frame.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(severity: Severity, path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_string(),
            line: 0,
            col: 0,
            severity,
            field: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn error(path: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    pub fn warning(path: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    /// Places the diagnostic at `line:col` of `text` (the whole file), keeping that line
    /// for the code frame.
    pub fn at(mut self, text: &str, line: u32, col: u32) -> Self {
        self.line = line;
        self.col = col.max(1);
        if line > 0 {
            self.source_line = text.split('\n').nth(line as usize - 1).map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// `at`, for a caller that has the text of line `line` at hand.
    pub fn at_line(mut self, line: u32, col: u32, source_line: &str) -> Self {
        self.line = line;
        self.col = col.max(1);
        if line > 0 {
            self.source_line = Some(source_line.trim_end_matches('\r').to_string());
        }
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let f: String = field.into();
        if !f.is_empty() {
            self.field = Some(f);
        }
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(self, help: Option<String>) -> Self {
        match help {
            Some(h) => self.help(h),
            None => self,
        }
    }

    /// Adds `help` only when there is none yet (a "did you mean" found earlier wins).
    pub fn help_or(self, help: impl Into<String>) -> Self {
        if self.help.is_none() {
            self.help(help)
        } else {
            self
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form: `path:line:col: error: field: message`.
    pub fn headline(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut s = self.path.clone();
        if self.line > 0 {
            let _ = write!(s, ":{}:{}", self.line, self.col);
        }
        let _ = write!(s, ": {sev}: ");
        if let Some(f) = &self.field {
            let _ = write!(s, "{f}: ");
        }
        s.push_str(&self.message);
        if let Some(h) = &self.help {
            if h.starts_with("did you mean") {
                let _ = write!(s, " ({h})");
            }
        }
        s
    }

    /// Headline, code frame and help, as printed by `leernet check`.
    pub fn render_text(&self) -> String {
        let mut out = self.headline();
        out.push('\n');
        if let Some(src) = &self.source_line {
            let start = char_to_byte(src, self.col.saturating_sub(1) as usize);
            let end = token_end(src, start);
            let level = match self.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
            };
            let mut group = Group::with_level(level.clone()).element(
                Snippet::source(src.as_str())
                    .line_start(self.line as usize)
                    .path(self.path.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end)),
            );
            if let Some(h) = self.help.as_deref().filter(|h| !h.starts_with("did you mean")) {
                group = group.element(Level::HELP.message(h));
            }
            out.push_str(&Renderer::plain().render(&[group]));
            out.push('\n');
        } else if let Some(h) = &self.help {
            if !h.starts_with("did you mean") {
                let _ = writeln!(out, "  = help: {h}");
            }
        }
        out
    }

    /// A GitHub Actions workflow command: an annotation on the offending line.
    pub fn render_github(&self) -> String {
        // Workflow-command values escape %, CR, LF; properties also `:` and `,`.
        let data = |s: &str| s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
        let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
        let level = if self.is_error() { "error" } else { "warning" };
        let mut msg = self.message.clone();
        if let Some(h) = &self.help {
            msg = format!("{msg} ({h})");
        }
        format!(
            "::{level} file={},line={},col={},title={}::{}",
            prop(&self.path),
            self.line.max(1),
            self.col.max(1),
            prop(self.field.as_deref().unwrap_or("leernet")),
            data(&msg)
        )
    }

    /// One GitLab Code Quality issue (Code Climate format).
    pub fn gitlab_issue(&self) -> serde_json::Value {
        use sha2::{Digest, Sha256};
        let fingerprint: String =
            Sha256::digest(self.headline().as_bytes()).iter().take(16).map(|b| format!("{b:02x}")).collect();
        serde_json::json!({
            "description": self.headline(),
            "check_name": self.field.as_deref().unwrap_or("leernet"),
            "fingerprint": fingerprint,
            "severity": if self.is_error() { "major" } else { "minor" },
            "location": { "path": self.path, "lines": { "begin": self.line.max(1) } },
        })
    }

    /// One JSON object on one line, for CI annotations.
    pub fn render_json(&self) -> String {
        // Serialising a struct of strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map(|(i, _)| i).unwrap_or(s.len())
}

/// The end of the token starting at `start`: up to the next `,`, `]`, `}` or end of line,
/// so the frame underlines the value rather than a single character.
fn token_end(s: &str, start: usize) -> usize {
    let rest = &s[start..];
    let len =
        rest.find([',', ']', '}', '#']).unwrap_or(rest.len()).max(rest.chars().next().map(char::len_utf8).unwrap_or(0));
    let trimmed = rest[..len].trim_end().len();
    start + trimmed.max(rest.chars().next().map(char::len_utf8).unwrap_or(0))
}

/// Sorts by path, line, column, then severity and text, so output is deterministic.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
    });
}

/// The nearest candidate by edit distance, when it is near enough to be a likely typo.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let wrong_l = wrong.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if c.starts_with(&wrong_l) && wrong_l.len() >= 3 {
            // A prefix (`armoede` for `armoede-en-schulden`) is a strong hint.
            1
        } else {
            levenshtein(&wrong_l, c)
        };
        let limit = (wrong_l.chars().count().max(c.chars().count()) / 3).max(2);
        if d <= limit && best.is_none_or(|(bd, bc)| (d, c) < (bd, bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| format!("did you mean \"{c}\"?"))
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_format() {
        let d = Diagnostic::error("content/leeraanbod/x.md", "unknown theme \"armoede\"")
            .at("a\nb\nc\nd\ne\nthemes: [x, armoede]\n", 6, 12)
            .field("themes[1]")
            .help("did you mean \"armoede-en-schulden\"?");
        assert_eq!(
            d.headline(),
            "content/leeraanbod/x.md:6:12: error: themes[1]: unknown theme \"armoede\" (did you mean \"armoede-en-schulden\"?)"
        );
        let text = d.render_text();
        assert!(text.contains("6 | themes: [x, armoede]"), "{text}");
        assert!(text.contains("^^^^^^^"), "{text}");
    }

    #[test]
    fn suggestions() {
        let c = ["armoede-en-schulden", "re-integratie", "jeugd"];
        assert_eq!(did_you_mean("armoede", c).as_deref(), Some("did you mean \"armoede-en-schulden\"?"));
        assert_eq!(did_you_mean("reintegratie", c).as_deref(), Some("did you mean \"re-integratie\"?"));
        assert_eq!(did_you_mean("volkomen-anders", c), None);
    }
}
