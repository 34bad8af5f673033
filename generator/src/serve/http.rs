//! The HTTP side of `leernet serve`: every request is answered from the newest generation
//! in memory, never from the disk. Guards (RELIABILITY H): only GET and HEAD; a `Host` that
//! is not `localhost` or an IP address with our port is refused (DNS rebinding); a foreign
//! `Origin` on the reload channel is refused; a path with `..`, `.` or any segment starting
//! with a dot, a backslash, a NUL or a percent sign left after decoding once (double
//! encoding) is a plain 404, and no answer names a file on the server. HTML pages get the reload client injected.

use super::incremental::{Bytes, Generation, Outcome, Ready};
use super::overlay;
use crate::pipeline::Timings;
use anyhow::{Context, Result};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Where the server's own files live; no output path starts with `__`.
const PREFIX: &str = "/__leernet/";
const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// How long a poll waits for a new generation before answering "no change".
const POLL_WAIT: Duration = Duration::from_secs(25);

struct App {
    port: u16,
    generations: watch::Receiver<Arc<Generation>>,
}

pub async fn serve(
    listener: tokio::net::TcpListener,
    port: u16,
    generations: watch::Receiver<Arc<Generation>>,
) -> Result<()> {
    let app = Arc::new(App { port, generations });
    let router = axum::Router::new().fallback(handle).with_state(app);
    axum::serve(listener, router).await.context("the server stopped")
}

/// `127.0.0.1:8000`, or `[::1]:8000` for IPv6.
pub fn display_addr(addr: SocketAddr) -> String {
    addr.to_string()
}

async fn handle(State(app): State<Arc<App>>, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "alleen GET en HEAD");
    }
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    let authority = req.uri().authority().map(|a| a.as_str());
    if !host.is_some_and(|h| allowed_host(h, app.port)) || !authority.is_none_or(|a| allowed_host(a, app.port)) {
        return plain(StatusCode::FORBIDDEN, "onbekende Host: open de site via http://127.0.0.1 of http://localhost");
    }
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or_default().to_string();
    if let Some(own) = path.strip_prefix(PREFIX) {
        return own_file(&app, own, &query, req.headers()).await;
    }
    let generation = app.generations.borrow().clone();
    let Some(target) = output_path(&path) else {
        return not_found(generation).await;
    };
    match &generation.outcome {
        Outcome::Ready(_) => site_file(generation, target, path).await,
        Outcome::Broken(_) | Outcome::Failed(_) if is_page(&target) => {
            html(StatusCode::INTERNAL_SERVER_ERROR, overlay::page(&generation).into_bytes(), generation.id)
        }
        Outcome::Broken(_) | Outcome::Failed(_) => {
            plain(StatusCode::SERVICE_UNAVAILABLE, "de site kan niet worden gebouwd: zie de foutmelding op de pagina")
        }
    }
}

/// The reload client, the overlay's style sheet and the poll endpoint.
async fn own_file(app: &App, name: &str, query: &str, headers: &HeaderMap) -> Response {
    match name {
        "reload.js" => file(StatusCode::OK, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec()),
        "overlay.css" => file(StatusCode::OK, "text/css; charset=utf-8", OVERLAY_CSS.as_bytes().to_vec()),
        "poll" => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
            let origin = headers.get(header::ORIGIN).map(|o| o.to_str().unwrap_or("?"));
            if !same_origin(origin, host) {
                return plain(StatusCode::FORBIDDEN, "onbekende Origin");
            }
            let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|s| s.parse::<u64>().ok());
            let mut rx = app.generations.clone();
            let changed = async {
                loop {
                    if Some(rx.borrow_and_update().id) != since {
                        return;
                    }
                    if rx.changed().await.is_err() {
                        // The builder is gone: the generation never changes again.
                        std::future::pending::<()>().await;
                    }
                }
            };
            let _ = tokio::time::timeout(POLL_WAIT, changed).await;
            let id = app.generations.borrow().id;
            file(StatusCode::OK, "text/plain; charset=utf-8", id.to_string().into_bytes())
        }
        _ => plain(StatusCode::NOT_FOUND, "niet gevonden"),
    }
}

/// A file of the generated site; a folder without its slash is redirected to it.
async fn site_file(generation: Arc<Generation>, target: String, path: String) -> Response {
    let g = generation.clone();
    let t = target.clone();
    let found = tokio::task::spawn_blocking(move || {
        let Outcome::Ready(ready) = &g.outcome else { return Ok(Lookup::Missing) };
        lookup(ready, &t)
    })
    .await;
    match found {
        Ok(Ok(Lookup::File(bytes))) => {
            let mime = content_type(&target);
            if mime.starts_with("text/html") {
                html(StatusCode::OK, inject(&bytes, generation.id), generation.id)
            } else {
                file(StatusCode::OK, mime, bytes.as_ref().clone())
            }
        }
        Ok(Ok(Lookup::Folder)) => redirect(&format!("{path}/")),
        Ok(Ok(Lookup::Missing)) => not_found(generation).await,
        Ok(Err(message)) => {
            let failed =
                Generation { id: generation.id, outcome: Outcome::Failed(message), timings: Timings::default() };
            html(StatusCode::INTERNAL_SERVER_ERROR, overlay::page(&failed).into_bytes(), generation.id)
        }
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "het renderen is afgebroken"),
    }
}

enum Lookup {
    File(Bytes),
    Folder,
    Missing,
}

fn lookup(ready: &Ready, target: &str) -> Result<Lookup, String> {
    // A name without a dot is most likely a folder: asking for its page first is cheap,
    // while an extension-less file (`SHA256SUMS`) needs the whole output.
    let is_file_name = target.rsplit('/').next().is_some_and(|last| last.contains('.'));
    if !is_file_name && ready.get(&format!("{target}/index.html"))?.is_some() {
        return Ok(Lookup::Folder);
    }
    Ok(match ready.get(target)? {
        Some(bytes) => Lookup::File(bytes),
        None => Lookup::Missing,
    })
}

/// The site's own 404 page when the site builds; a plain text otherwise.
async fn not_found(generation: Arc<Generation>) -> Response {
    let g = generation.clone();
    let page = tokio::task::spawn_blocking(move || match &g.outcome {
        Outcome::Ready(ready) => ready.get("404.html").ok().flatten(),
        _ => None,
    })
    .await
    .ok()
    .flatten();
    match page {
        Some(bytes) => html(StatusCode::NOT_FOUND, inject(&bytes, generation.id), generation.id),
        None => plain(StatusCode::NOT_FOUND, "niet gevonden"),
    }
}

/// The output path a request path asks for (`/` is `index.html`, `/x/` is `x/index.html`),
/// or `None` for anything that is not a plain path inside the site.
pub fn output_path(raw: &str) -> Option<String> {
    let rest = raw.strip_prefix('/')?;
    let lower = rest.to_ascii_lowercase();
    if rest.contains('\\') || lower.contains("%5c") {
        return None;
    }
    let decoded = percent_decode(rest)?;
    if decoded.contains('%') || decoded.contains('\\') || decoded.chars().any(char::is_control) {
        return None;
    }
    let (dir, folder) = match decoded.strip_suffix('/') {
        Some(d) => (d, true),
        None => (decoded.as_str(), decoded.is_empty()),
    };
    // No output path has an empty segment or one starting with a dot (`.`, `..`, `.git`,
    // `.well-known`): those are refused before anything is rendered.
    if !dir.is_empty() && dir.split('/').any(|seg| seg.is_empty() || seg.starts_with('.')) {
        return None;
    }
    Some(match (folder, dir.is_empty()) {
        (true, true) => "index.html".to_string(),
        (true, false) => format!("{dir}/index.html"),
        (false, _) => dir.to_string(),
    })
}

/// Decodes `%XX` once; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `localhost` or an IP address, with our port: a name an attacker's DNS could point at
/// us (DNS rebinding) is refused.
pub fn allowed_host(host: &str, port: u16) -> bool {
    let Some((name, p)) = host.rsplit_once(':') else { return false };
    if p.parse::<u16>().ok() != Some(port) {
        return false;
    }
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.parse::<std::net::Ipv4Addr>().is_ok()
        || name
            .strip_prefix('[')
            .and_then(|n| n.strip_suffix(']'))
            .is_some_and(|n| n.parse::<std::net::Ipv6Addr>().is_ok())
}

/// The reload channel answers only its own pages: no `Origin` (same-origin GET), or
/// exactly `http://` and the request's own host.
pub fn same_origin(origin: Option<&str>, host: &str) -> bool {
    match origin {
        None => true,
        Some(o) => o.strip_prefix("http://").is_some_and(|h| h.eq_ignore_ascii_case(host)),
    }
}

fn is_page(target: &str) -> bool {
    let last = target.rsplit('/').next().unwrap_or_default();
    target.ends_with(".html") || !last.contains('.')
}

/// The reload client, before the last `</body>` (or at the end).
pub fn inject(page: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}reload.js?g={generation}\" defer></script>\n");
    let at = page.windows(7).rposition(|w| w == b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tag.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "zip" => "application/zip",
        _ if !path.rsplit('/').next().unwrap_or_default().contains('.') => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn file(status: StatusCode, mime: &'static str, bytes: Vec<u8>) -> Response {
    let mut r = Response::new(Body::from(bytes));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

fn html(status: StatusCode, bytes: Vec<u8>, generation: u64) -> Response {
    let mut r = file(status, "text/html; charset=utf-8", bytes);
    if let Ok(v) = HeaderValue::from_str(&generation.to_string()) {
        r.headers_mut().insert("x-leernet-generation", v);
    }
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    file(status, "text/plain; charset=utf-8", format!("{text}\n").into_bytes())
}

fn redirect(to: &str) -> Response {
    let mut r = plain(StatusCode::FOUND, "zie de map");
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_paths_map_to_output_files() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(output_path("/themas/").as_deref(), Some("themas/index.html"));
        assert_eq!(output_path("/themas/x/index.html").as_deref(), Some("themas/x/index.html"));
        assert_eq!(output_path("/themas/x").as_deref(), Some("themas/x"));
        assert_eq!(output_path("/zoeken/%69ndex.html").as_deref(), Some("zoeken/index.html"));
        assert_eq!(output_path("/SHA256SUMS").as_deref(), Some("SHA256SUMS"));
    }

    #[test]
    fn traversal_in_every_form_is_refused() {
        for p in [
            "/..",
            "/../etc/passwd",
            "/themas/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/themas/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/%252e%252e/etc/passwd",
            "/%252e%252e%252fetc%252fpasswd",
            "/..\\..\\etc\\passwd",
            "/%5c..%5c..%5cetc%5cpasswd",
            "/themas/.%2e/x",
            "/./index.html",
            "/.well-known/appspecific/com.chrome.devtools.json",
            "/themas/.git/config",
            "//etc/passwd",
            "/themas//x/",
            "/index.html%00",
            "/%zz",
            "/%c0%ae%c0%ae/etc/passwd",
            "etc/passwd",
        ] {
            assert_eq!(output_path(p), None, "{p}");
        }
    }

    #[test]
    fn only_local_names_and_ip_addresses_with_our_port() {
        for h in ["127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000", "192.168.1.5:8000"] {
            assert!(allowed_host(h, 8000), "{h}");
        }
        for h in
            ["evil.example:8000", "127.0.0.1:8001", "127.0.0.1", "localhost", "localhost.evil.example:8000", "[::1]"]
        {
            assert!(!allowed_host(h, 8000), "{h}");
        }
    }

    #[test]
    fn the_reload_channel_refuses_foreign_origins() {
        assert!(same_origin(None, "127.0.0.1:8000"));
        assert!(same_origin(Some("http://127.0.0.1:8000"), "127.0.0.1:8000"));
        assert!(!same_origin(Some("http://evil.example"), "127.0.0.1:8000"));
        assert!(!same_origin(Some("null"), "127.0.0.1:8000"));
        assert!(!same_origin(Some("https://127.0.0.1:8000"), "127.0.0.1:8000"));
        assert!(!same_origin(Some("http://localhost:8000"), "127.0.0.1:8000"));
    }

    #[test]
    fn the_reload_client_goes_before_the_last_body_end_tag() {
        let page = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(page, 7)).unwrap();
        assert_eq!(out, "<html><body><p>x</p><script src=\"/__leernet/reload.js?g=7\" defer></script>\n</body></html>");
        assert!(String::from_utf8(inject(b"<p>x", 1)).unwrap().ends_with("defer></script>\n"));
    }
}
