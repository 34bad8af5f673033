//! The error overlay: the page served instead of any page of the site while the content has
//! errors (every diagnostic, `file:line:col`, message and code frame) or the build failed.
//! It carries the reload client, so saving the fix brings the page back by itself.

use super::incremental::{Generation, Outcome};
use crate::diagnostics::{Diagnostic, Severity};
use std::fmt::Write as _;

/// The whole overlay page for a generation that is `Broken` or `Failed`.
pub fn page(generation: &Generation) -> String {
    let mut body = String::new();
    match &generation.outcome {
        Outcome::Broken(diags) => {
            let errors = diags.iter().filter(|d| d.is_error()).count();
            let _ = write!(
                body,
                "<h1>De site kan niet worden gebouwd</h1>\n<p>{} in de inhoud. Herstel het bestand en sla het op: \
                 deze pagina laadt dan vanzelf opnieuw.</p>\n<ol class=\"diagnostics\">\n",
                if errors == 1 { "1 fout".to_string() } else { format!("{errors} fouten") },
            );
            for d in diags {
                body.push_str(&item(d));
            }
            body.push_str("</ol>\n");
        }
        Outcome::Failed(message) => {
            let _ = write!(
                body,
                "<h1>De site kan niet worden gebouwd</h1>\n<p>Het bouwen mislukte (geen fout in de inhoud, \
                 maar bijvoorbeeld in de layouts).</p>\n<pre class=\"failure\">{}</pre>\n",
                crate::escape::html(message)
            );
        }
        Outcome::Ready(_) => body.push_str("<h1>De site is klaar</h1>\n"),
    }
    format!(
        "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; \
         style-src 'self'; connect-src 'self'; img-src data:\">\n\
         <title>Fouten in de inhoud · leernet serve</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"/__leernet/overlay.css\">\n</head>\n<body>\n\
         <main class=\"leernet-overlay\" role=\"alert\" id=\"leernet-overlay\">\n{body}</main>\n\
         <script src=\"/__leernet/reload.js?g={}\" defer></script>\n</body>\n</html>\n",
        generation.id
    )
}

/// One diagnostic: its headline (`path:line:col: error: field: message`) and its code frame.
fn item(d: &Diagnostic) -> String {
    let class = match d.severity {
        Severity::Error => "severity-error",
        Severity::Warning => "severity-warning",
    };
    let mut place = d.path.clone();
    if d.line > 0 {
        let _ = write!(place, ":{}:{}", d.line, d.col);
    }
    format!(
        "<li class=\"{class}\">\n<p class=\"where\">{}</p>\n<p class=\"what\">{}</p>\n<pre>{}</pre>\n</li>\n",
        crate::escape::html(&place),
        crate::escape::html(d.headline().strip_prefix(&place).unwrap_or_default().trim_start_matches(": ")),
        crate::escape::html(d.render_text().trim_end())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_diagnostic_is_listed_with_its_place_and_escaped() {
        let text = "---\ntitle: <script>\n---\n";
        let diags = vec![
            Diagnostic::error("content/themas/a.md", "unknown field \"titel\"").at(text, 2, 1).field("titel"),
            Diagnostic::warning("content/themas/b.md", "no heading \"#x\" in <b>.md"),
        ];
        let html = page(&Generation { id: 4, outcome: Outcome::Broken(diags), timings: Default::default() });
        assert!(html.contains("<p class=\"where\">content/themas/a.md:2:1</p>"), "{html}");
        assert!(html.contains("<p class=\"where\">content/themas/b.md</p>"), "{html}");
        assert!(html.contains("<p class=\"what\">error: titel: unknown field"), "{html}");
        assert!(html.contains("1 fout "), "{html}");
        assert!(html.contains("&lt;script&gt;") && !html.contains("<script>\n"), "{html}");
        assert!(html.contains("in &lt;b&gt;.md"), "{html}");
        assert!(html.contains("/__leernet/reload.js?g=4"), "{html}");
    }
}
