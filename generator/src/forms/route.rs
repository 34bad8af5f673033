//! Where a form goes without JavaScript: the endpoint from site.yaml (web addresses only),
//! or a `mailto:` to the coordination point, with a prefilled template of the questions.

use super::view::SectionView;

/// The questions of a form as an e-mail to fill in by hand, in the order of the page.
pub fn mail_template(email: &str, subject: &str, heading: &str, sections: &[SectionView]) -> String {
    /// Longer lists of choices are left out: a reader picks from the page instead.
    const MAX_LISTED: usize = 15;
    let mut body = format!("{heading}\n\nVul hieronder uw antwoorden in.\n");
    for s in sections {
        body.push_str(&format!("\n== {} ==\n\n", s.title));
        for f in &s.fields {
            let optional = if f.required { "" } else { " (niet verplicht)" };
            let choices = if !f.options.is_empty() && f.options.len() <= MAX_LISTED {
                let labels: Vec<&str> = f.options.iter().map(|o| o.label.as_str()).collect();
                format!(" [kies uit: {}]", labels.join(", "))
            } else {
                String::new()
            };
            body.push_str(&format!("{}{optional}{choices}:\n\n", f.label));
        }
    }
    format!("mailto:{email}?subject={}&body={}", percent(subject), percent(&body))
}

/// Percent-encodes everything but the unreserved characters (RFC 3986), for mailto URLs.
pub fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Only http(s) endpoints: site.yaml must not turn a form into a `javascript:` link.
pub fn is_web_address(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && s.len() > 8
        && !s.contains(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

/// An address fit to go into a mailto URL unencoded.
pub fn is_plain_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.'))
        && s.chars().all(|c| c.is_ascii_alphanumeric() || "@.-_+".contains(c))
}

pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    rest.split(['/', '?', '#']).next().unwrap_or(rest).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encodes_for_mailto() {
        assert_eq!(percent("Nieuw leeraanbod: één & zo"), "Nieuw%20leeraanbod%3A%20%C3%A9%C3%A9n%20%26%20zo");
        assert_eq!(percent("a\nb"), "a%0Ab");
    }

    #[test]
    fn only_web_endpoints_and_plain_addresses() {
        assert!(is_web_address("https://forms.example.nl/leeraanbod"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("https://x.nl/\"onmouseover"));
        assert!(is_plain_email("coordinatiepunt@example.nl"));
        assert!(!is_plain_email("a@b.nl?bcc=c@d.nl"));
        assert_eq!(host_of("https://forms.example.nl/leeraanbod?x=1"), "forms.example.nl");
    }
}
