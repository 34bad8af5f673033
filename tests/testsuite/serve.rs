//! `leernet serve` over raw TCP (RELIABILITY H): HTTP clients normalise `..` and fix the
//! `Host`, so the requests here are written by hand. Loopback by default, traversal in every
//! encoding, absolute-form targets, foreign `Host` and `Origin`, no listings and no server
//! paths, editor temp files ignored, and a broken file shown and recovered while the
//! server stays up.

use crate::harness::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A `leernet serve` child on a free port, stopped on drop.
struct Server {
    child: Child,
    port: u16,
    stderr: mpsc::Receiver<String>,
    tree: Tree,
}

impl Server {
    fn start(tree: Tree, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_leernet"))
            .args(["serve", "--port", "0", "--now", NOW])
            .args(extra)
            .current_dir(&tree.root)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { return };
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut seen = Vec::new();
        let url = loop {
            let line = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("serve did not start:\n{}", seen.join("\n"))
            });
            if let Some(url) = line.strip_prefix("serving on ") {
                break url.split(' ').next().unwrap().to_string();
            }
            seen.push(line);
        };
        let port = url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap();
        let server = Server { child, port, stderr: rx, tree };
        assert!(url.starts_with("http://127.0.0.1:"), "{url}: {}", seen.join("\n"));
        server
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends `request` as written and returns (status, head, body).
    fn raw(&self, request: &str) -> (u16, String, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        let text = String::from_utf8_lossy(&out).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    /// GET `target` as the request line writes it, with our own Host.
    fn get(&self, target: &str) -> (u16, String, String) {
        self.raw(&format!("GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.host()))
    }

    fn generation(&self) -> u64 {
        let (_, head, _) = self.get("/");
        head.lines().find_map(|l| l.strip_prefix("x-leernet-generation: ")).unwrap().trim().parse().unwrap()
    }

    /// Waits until `GET target` satisfies `ok`, or fails after a minute.
    fn wait_for(&self, target: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let (status, _, body) = self.get(target);
            if ok(status, &body) {
                return (status, body);
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; last: {status}\n{body}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn h43_serve_binds_to_loopback_serves_from_memory_and_never_writes_public() {
    let s = Server::start(Tree::base(), &[]);
    let (status, head, body) = s.get("/");
    assert_eq!(status, 200, "{head}");
    assert!(head.contains("content-type: text/html"), "{head}");
    assert!(body.contains("<script src=\"/__leernet/reload.js?g="), "the reload client is injected");
    let (status, _, body) = s.get("/themas/armoede-en-schulden/");
    assert_eq!(status, 200);
    assert!(body.contains("<h1"), "{body}");
    let (status, head, _) = s.get("/themas/armoede-en-schulden");
    assert_eq!(status, 302, "{head}");
    assert!(head.contains("location: /themas/armoede-en-schulden/"), "{head}");
    let (status, head, _) = s.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("text/css"), "{head}");
    let (status, _, js) = s.get("/__leernet/reload.js");
    assert_eq!(status, 200);
    assert!(js.contains("/__leernet/poll"));
    let (status, head, _) =
        s.raw(&format!("POST / HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", s.host()));
    assert_eq!(status, 405, "{head}");
    assert!(!s.tree.public().exists(), "serve must never write public/");
}

#[test]
fn h44_serve_answers_404_to_traversal_in_every_form() {
    let s = Server::start(Tree::base(), &[]);
    let root = s.tree.root.to_string_lossy().into_owned();
    for target in [
        "/../../../../etc/passwd",
        "/..",
        "/themas/../../../etc/passwd",
        "/themas/../index.html",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/.%2e/.%2e/etc/passwd",
        "/%252e%252e/%252e%252e/etc/passwd",
        "/%252e%252e%252f%252e%252e%252fetc%252fpasswd",
        "/..\\..\\..\\etc\\passwd",
        "/themas\\..\\..\\etc\\passwd",
        "/%5c..%5c..%5cetc%5cpasswd",
        "/..%5c..%5cetc%5cpasswd",
        "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
        "/./index.html",
        "//etc/passwd",
        "/content/site.yaml",
        "/../content/site.yaml",
        "/%2e%2e/content/themas/armoede-en-schulden.md",
        "/themas/armoede-en-schulden.md",
        "/index.html%00.css",
        "/.leernet-output",
        "/..%252f..%252fetc%252fpasswd",
        "/.%252e/.%252e/etc/passwd",
        "/%2e./%2e./etc/passwd",
        "/..;/..;/etc/passwd",
        "/assets/..%2fstyle.css",
        "/%2F%2Fetc/passwd",
        "/themas/%2e",
        "/..%c0%af..%c0%afetc/passwd",
        "/%u002e%u002e/etc/passwd",
        "/.../.../etc/passwd",
        "/.git/config",
        "/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
    ] {
        let (status, head, body) = s.get(target);
        assert_eq!(status, 404, "{target}: {head}");
        assert!(!body.contains("root:"), "{target} leaked /etc/passwd");
        assert!(!body.contains("title: "), "{target} leaked a content file");
        assert!(!body.contains(&root) && !head.contains(&root), "{target} names a server path");
    }
}

#[test]
fn h44_traversal_with_head_and_other_methods_is_refused_too() {
    let s = Server::start(Tree::base(), &[]);
    let root = s.tree.root.to_string_lossy().into_owned();
    for (method, target, want) in [
        ("HEAD", "/../../etc/passwd", 404),
        ("HEAD", "/%2e%2e/%2e%2e/etc/passwd", 404),
        ("GET", "/index.html", 200),
        ("OPTIONS", "*", 405),
        ("PUT", "/index.html", 405),
        ("DELETE", "/index.html", 405),
        ("TRACE", "/", 405),
    ] {
        let (status, head, body) =
            s.raw(&format!("{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.host()));
        assert_eq!(status, want, "{method} {target}: {head}");
        assert!(!body.contains("root:") && !body.contains(&root) && !head.contains(&root), "{method} {target}");
    }
    // A request line that is not HTTP at all gets no file either.
    let (status, _, body) = s.raw("GET /../../etc/passwd\r\n\r\n");
    assert_ne!(status, 200);
    assert!(!body.contains("root:"));
}

#[test]
fn h46_serve_checks_absolute_form_targets() {
    let s = Server::start(Tree::base(), &[]);
    let own = format!("GET http://{}/ HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.host(), s.host());
    assert_eq!(s.raw(&own).0, 200);
    for target in ["http://evil.example/", &format!("http://evil.example:{}/", s.port)] {
        let req = format!("GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.host());
        assert_eq!(s.raw(&req).0, 403, "{target}");
    }
    let sneaky =
        format!("GET http://{}/../../etc/passwd HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.host(), s.host());
    assert_eq!(s.raw(&sneaky).0, 404);
}

#[test]
fn h46_serve_refuses_a_foreign_host_and_a_foreign_origin_on_the_reload_channel() {
    let s = Server::start(Tree::base(), &[]);
    let p = s.port;
    for host in ["evil.example", &format!("evil.example:{p}"), &format!("localhost.evil.example:{p}"), "127.0.0.1:1"] {
        let (status, head, _) = s.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(status, 403, "Host {host}: {head}");
    }
    let (status, _, _) = s.raw("GET / HTTP/1.0\r\n\r\n");
    assert_eq!(status, 403, "a request without Host");
    for host in [format!("localhost:{p}"), format!("[::1]:{p}")] {
        let (status, _, _) = s.raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        assert_eq!(status, 200, "Host {host}");
    }
    let g = s.generation();
    let poll = |origin: &str| {
        s.raw(&format!(
            "GET /__leernet/poll?since=0 HTTP/1.1\r\nHost: {}\r\n{origin}Connection: close\r\n\r\n",
            s.host()
        ))
    };
    for origin in
        ["http://evil.example", "null", &format!("http://evil.example:{p}"), &format!("https://127.0.0.1:{p}")]
    {
        let (status, head, _) = poll(&format!("Origin: {origin}\r\n"));
        assert_eq!(status, 403, "Origin {origin}: {head}");
    }
    let (status, _, body) = poll(&format!("Origin: http://127.0.0.1:{p}\r\n"));
    assert_eq!((status, body.trim()), (200, g.to_string().as_str()));
    let (status, _, body) = poll("");
    assert_eq!((status, body.trim()), (200, g.to_string().as_str()));
}

#[test]
fn h45_serve_lists_no_folders_and_names_no_server_paths() {
    let s = Server::start(Tree::base(), &[]);
    let root = s.tree.root.to_string_lossy().into_owned();
    let (_, _, not_found) = s.get("/nergens/");
    assert!(!not_found.contains(&root), "the 404 page names a server path");
    for target in ["/assets/", "/media/", "/zoeken/index/", "/data/", "/leerkringen/leerkring-armoede/x/"] {
        let (status, head, body) = s.get(target);
        assert_eq!(status, 404, "{target}: {head}");
        assert_eq!(body, not_found, "{target} is not the plain 404 page");
    }
    let (status, _, body) = s.get("/__leernet/");
    assert_eq!(status, 404);
    assert!(!body.contains("reload.js") && !body.contains(&root), "{body}");
}

#[test]
fn h43_serve_warns_before_listening_on_another_address() {
    let s = Server::start(Tree::base(), &["--bind", "127.0.0.1"]);
    assert!(!s.log().contains("warning"));
    let tree = Tree::base();
    // A port this test holds cannot be taken, even by root (CI runs as root, and root may
    // bind port 1): the warning comes first, then the refusal, and serve exits.
    let taken = std::net::TcpListener::bind("0.0.0.0:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_leernet"))
        .args(["serve", "--port", &port, "--bind", "0.0.0.0", "--now", NOW])
        .current_dir(&tree.root)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("warning: serving on 0.0.0.0"), "{err}");
}

#[test]
fn h47_serve_shows_a_broken_file_with_its_line_stays_up_and_recovers() {
    let s = Server::start(Tree::base(), &[]);
    let rel = "themas/armoede-en-schulden.md";
    let good = std::fs::read_to_string(s.tree.content().join(rel)).unwrap();
    s.tree.write(rel, good.replacen("---\n", "---\ntitel: fout\n", 1));
    let (status, body) =
        s.wait_for("/themas/armoede-en-schulden/", "the overlay", |_, b| b.contains("leernet-overlay"));
    assert_eq!(status, 500);
    assert!(body.contains("content/themas/armoede-en-schulden.md:2:1"), "{body}");
    assert!(body.contains("/__leernet/reload.js"), "the overlay reloads itself");
    let (status, _, _) = s.get("/assets/style.css");
    assert_eq!(status, 503, "no stale files while the content is broken");
    s.tree.write(rel, &good);
    let (status, body) = s.wait_for("/themas/armoede-en-schulden/", "the recovered page", |st, _| st == 200);
    assert_eq!(status, 200);
    assert!(!body.contains("leernet-overlay"));
}

#[test]
fn h48_serve_ignores_editor_temp_files_and_joins_an_edit_storm() {
    let s = Server::start(Tree::base(), &[]);
    let before = s.generation();
    for name in ["themas/.#x.md", "themas/x.md~", "themas/.x.md.swp", ".DS_Store", "themas/#x.md#"] {
        s.tree.write(name, "---\ntitel: fout\n");
    }
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(s.generation(), before, "temp files started a rebuild:\n{}", s.log());
    // A storm: 40 new themes, each saved as delete + create, the last one linking the first.
    for i in 0..40 {
        let rel = format!("themas/storm-{i}.md");
        s.tree.write(&rel, format!("---\ntitle: Storm {i}\nsummary: Storm.\nkind: werkwijze\n---\nTekst.\n"));
        s.tree.remove(&rel);
        s.tree.write(
            &rel,
            format!("---\ntitle: Storm {i}\nsummary: Storm {i}.\nkind: werkwijze\n---\nZie [storm](storm-0.md).\n"),
        );
    }
    let (status, body) = s.wait_for("/themas/storm-39/", "the last file of the storm", |st, _| st == 200);
    assert!(body.contains("Storm 39"), "{status}");
    let after = s.generation();
    assert!(after > before, "no rebuild after the storm");
    assert!(after - before <= 40, "the storm was not debounced: {} rebuilds", after - before);
    for i in 0..40 {
        let (status, _, body) = s.get(&format!("/themas/storm-{i}/"));
        assert!(status == 200 && body.contains(&format!("Storm {i}.")), "storm-{i}: {status}");
    }
}
