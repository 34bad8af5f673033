//! Splitting a content file into its YAML front matter and Markdown body, keeping the
//! line numbers of both so every later message points at the right line of the file.

/// The two parts of a content file.
#[derive(Debug, Clone, Copy)]
pub struct Parts<'a> {
    pub yaml: &'a str,
    /// File line (1-based) of the first YAML line.
    pub yaml_line: u32,
    pub body: &'a str,
    /// File line (1-based) of the first body line.
    pub body_line: u32,
}

/// Why a file has no usable front matter: a line and a message for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    pub line: u32,
    pub message: String,
    pub help: String,
}

/// `---`, YAML, `---`, body. The text has `\n` line endings (see `load::decode`).
pub fn split(text: &str) -> Result<Parts<'_>, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError {
            line: 0,
            message: "the file is empty".into(),
            help: "a content file starts with `---`, then YAML front matter, then `---` and the Markdown body".into(),
        });
    }
    let first_line = text.split('\n').next().unwrap_or_default();
    if first_line.trim_end() != "---" {
        return Err(SplitError {
            line: 1,
            message: "the file does not start with front matter (`---`)".into(),
            help: "put `---` on the first line, then the fields (title: ...), then `---` before the body".into(),
        });
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start;
    let mut line = 2u32;
    while offset <= text.len() {
        let rest = &text[offset..];
        let this = rest.split('\n').next().unwrap_or_default();
        if this.trim_end() == "---" {
            let body_start = (offset + this.len() + 1).min(text.len());
            return Ok(Parts {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += this.len() + 1;
        line += 1;
    }
    Err(SplitError {
        line: 1,
        message: "the front matter opened here is never closed".into(),
        help: "add a line with only `---` after the last field".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_lines() {
        let p = split("---\ntitle: x\n---\n# Kop\n").unwrap();
        assert_eq!(p.yaml, "title: x\n");
        assert_eq!(p.body, "# Kop\n");
        assert_eq!((p.yaml_line, p.body_line), (2, 4));
        let p = split("---\ntitle: x\n---").unwrap();
        assert_eq!(p.body, "");
    }

    #[test]
    fn refuses_broken_files() {
        assert_eq!(split("").unwrap_err().line, 0);
        assert_eq!(split("title: x\n").unwrap_err().line, 1);
        assert!(split("---\ntitle: x\n").unwrap_err().message.contains("never closed"));
    }
}
