//! G. Build and output: order-independent output, nothing dev-only in a build, no network,
//! and the faults a disk can throw at a build (permission denied, a full file system).

use super::*;
use std::process::Command;

fn leftovers(t: &Tree) -> Vec<String> {
    std::fs::read_dir(&t.root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect()
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn g39_a_copy_written_in_reverse_order_builds_byte_identical() {
    let forward = Tree::base();
    assert_eq!(forward.build(&[]).code, 0);
    let reverse = Tree::empty("reverse");
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let base = forward.content();
    let mut stack = vec![base.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                files.push((
                    e.path().strip_prefix(&base).unwrap().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                ));
            }
        }
    }
    files.sort();
    for (rel, bytes) in files.iter().rev() {
        reverse.write(rel, bytes);
    }
    assert_eq!(reverse.build(&[]).code, 0);
    assert!(forward.snapshot_public() == reverse.snapshot_public());
}

#[test]
fn g40_nothing_dev_only_reaches_the_build_output() {
    let t = Tree::base();
    t.write(
        "themas/concept.md",
        "---\ntitle: Zeldzaamconcept\nsummary: x\nkind: leefgebied\ndraft: true\n---\nTekst.\n",
    );
    let r = t.build(&["--base-url", "https://kennis.example.nl/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (path, bytes) in t.snapshot_public() {
        let text = String::from_utf8_lossy(&bytes);
        for dev in [
            "__leernet",
            "reload.js",
            "leernet-overlay",
            "localhost",
            "127.0.0.1",
            "[::1]",
            "Zeldzaamconcept",
            "class=\"draft",
            "Concept</",
        ] {
            assert!(!text.contains(dev), "{path} holds {dev}");
        }
    }
    // The preview build marks the draft; that marking is what the check above looks for.
    assert_eq!(t.build(&["--drafts"]).code, 0);
    assert!(read(&t, "themas/concept/index.html").contains("Zeldzaamconcept"));
}

#[test]
fn g41_the_build_makes_no_network_request() {
    let t = Tree::base();
    let bin = env!("CARGO_BIN_EXE_leernet");
    // strace present and allowed to trace here (some sandboxes forbid ptrace).
    let strace = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "true"])
        .output()
        .is_ok_and(|o| o.status.success());
    if strace {
        // Every socket the build (and the `git log` it runs) opens, followed into children.
        let log = t.root.join("strace.log");
        let out = Command::new("strace")
            .args(["-f", "-qq", "-e", "trace=socket,connect,sendto,sendmsg", "-o"])
            .arg(&log)
            .args([bin, "build", "--now", NOW, "--base-url", "https://kennis.example.nl/"])
            .current_dir(&t.root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let calls = std::fs::read_to_string(&log).unwrap();
        let network: Vec<&str> = calls
            .lines()
            .filter(|l| l.contains("AF_INET") || l.contains("AF_INET6") || l.contains("AF_PACKET"))
            .collect();
        assert!(network.is_empty(), "the build opened network sockets:\n{}", network.join("\n"));
        let sockets = calls.lines().filter(|l| l.contains("socket(") || l.contains("connect(")).count();
        eprintln!("g41: strace followed the build and its children: {sockets} socket/connect calls, none to a network");
        return;
    }
    // Without strace: the build in a network namespace with no interfaces gives the same output.
    assert_eq!(t.build(&[]).code, 0);
    let online = t.snapshot_public();
    let out = Command::new("unshare").args(["-rn", bin, "build", "--now", NOW]).current_dir(&t.root).output();
    match out {
        Ok(o) if o.status.success() => assert!(online == t.snapshot_public()),
        _ => eprintln!(
            "g41: neither strace nor unshare -rn here; scripts/hardening installs strace and runs this test again"
        ),
    }
}

/// Runs the build as a user who may not write where root could (CI runs as root, for whom
/// permission bits do not count): `nobody` through setpriv, or the test's own user.
#[cfg(unix)]
fn build_unprivileged(t: &Tree) -> (Option<i32>, String) {
    let bin = env!("CARGO_BIN_EXE_leernet");
    let mut cmd = if is_root() {
        // A copy beside the tree: the checkout may sit in a folder `nobody` cannot enter.
        let copy = t.root.join("leernet-bin");
        if !copy.exists() {
            std::fs::copy(bin, &copy).unwrap();
            chmod(&copy, 0o755);
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(copy);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd.args(["build", "--now", NOW]).current_dir(&t.root).env_remove("SOURCE_DATE_EPOCH").output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[cfg(unix)]
fn chmod(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn g42_a_read_only_output_location_is_an_error_naming_the_path_and_keeps_public() {
    let t = Tree::base();
    t.with_previous_public();
    let before = t.snapshot_public();
    // The folder that holds public/ cannot be written: the new site has nowhere to go.
    if is_root() {
        std::fs::copy(env!("CARGO_BIN_EXE_leernet"), t.root.join("leernet-bin")).unwrap();
        chmod(&t.root.join("leernet-bin"), 0o755);
    }
    chmod(&t.root, 0o555);
    let (code, stderr) = build_unprivileged(&t);
    chmod(&t.root, 0o755);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("failed to create `")
            && stderr.contains(".public.tmp-")
            && stderr.contains("Permission denied"),
        "{stderr}"
    );
    assert!(stderr.contains(&t.root.display().to_string()), "the message names the path: {stderr}");
    assert!(before == t.snapshot_public(), "public/ changed");
    assert!(leftovers(&t).is_empty(), "half-written folders left: {:?}", leftovers(&t));
}

#[cfg(unix)]
#[test]
fn g42_a_read_only_public_folder_is_an_error_naming_the_path_and_keeps_public() {
    let t = Tree::base();
    t.with_previous_public();
    let before = t.snapshot_public();
    // public/ and everything in it read-only; its parent writable by the build's user.
    if is_root() {
        assert!(Command::new("chown").args(["65534:65534"]).arg(&t.root).status().unwrap().success());
    }
    let mut dirs = vec![t.public()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            }
        }
        chmod(&d, 0o555);
    }
    let (code, stderr) = build_unprivileged(&t);
    let mut dirs = vec![t.public()];
    while let Some(d) = dirs.pop() {
        chmod(&d, 0o755);
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            }
        }
    }
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("Permission denied") && stderr.contains(&t.root.display().to_string()), "{stderr}");
    assert!(before == t.snapshot_public(), "public/ changed:\n{stderr}");
    assert!(leftovers(&t).is_empty(), "half-written folders left: {:?}\n{stderr}", leftovers(&t));
}

#[cfg(unix)]
#[test]
fn g42_a_full_file_system_is_an_error_naming_the_path_and_keeps_public() {
    // A real full disk: a 1 MiB tmpfs, in a mount namespace of its own (needs root, as in CI);
    // elsewhere `g42_full_disk_...` in build.rs simulates it with a file-size limit.
    let t = Tree::base();
    t.with_previous_public();
    for i in 0..40 {
        t.write(&format!("themas/extra-{i}.md"), theme(&format!("Extra {i}"), &"Tekst over de wijk. ".repeat(200)));
    }
    let bin = env!("CARGO_BIN_EXE_leernet");
    let root = t.root.display().to_string();
    // public/ lives on the small tmpfs, with the previous output copied onto it.
    let script = format!(
        "set -e; mkdir -p '{root}/disk'; mount -t tmpfs -o size=1m tmpfs '{root}/disk'; cp -a '{root}/public' '{root}/disk/public'; \
         cd '{root}'; set +e; '{bin}' build --now {NOW} --out disk/public; echo \"exit=$?\"; \
         ls -a disk; find disk/public -type f | sort | xargs sha256sum > before-after.txt; umount '{root}/disk'"
    );
    let probe = Command::new("unshare").args(["-m", "true"]).output();
    if !is_root() || !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("g42: no mount namespace here (not root); the file-size-limit test covers full disks");
        return;
    }
    let out = Command::new("unshare").args(["-m", "sh", "-c", &script]).current_dir(&t.root).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("exit=2"), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("No space left on device") && stderr.contains(&format!("{root}/disk/.public.tmp-")),
        "{stderr}"
    );
    // On the tmpfs: the previous public/ unchanged, nothing half-written beside it.
    let listing: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("exit=")).collect();
    assert_eq!(listing, [".", "..", "public"], "{stdout}");
    let sums = std::fs::read_to_string(t.root.join("before-after.txt")).unwrap();
    let mut expected = String::new();
    let mut files: Vec<_> = t.snapshot_public();
    files.sort();
    for (rel, bytes) in &files {
        use sha2::Digest;
        let hex: String = sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
        expected.push_str(&format!("{hex}  disk/public/{rel}\n"));
    }
    assert_eq!(sums, expected, "the previous output on the full disk changed");
}
