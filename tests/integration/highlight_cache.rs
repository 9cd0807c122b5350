//! The highlight cache through the real binary: a cached build is the uncached build byte
//! for byte; `--no-cache` and `GAZETTE_NO_CACHE` bypass it; a killed build, damaged
//! entries, two builds sharing the cache and a full or unwritable cache folder never
//! change the output.

use crate::support::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

const BLOCKS: &str = include_str!("../fixtures/highlight/blocks.md");

/// A site whose articles are code: the fixture with every info string, and `n` articles
/// each with two blocks of their own (plus one block every article shares).
fn code_site(n: usize, flavour: &str) -> TestSite {
    let site = TestSite::new("");
    site.article(
        "every-language",
        "title: Every language\ndate: 2024-03-01",
        BLOCKS,
    );
    for i in 0..n {
        let body = format!(
            "Notes on release {i}.\n\n```rust\n{}```\n\n```python\n{}```\n\n```sh\ncargo build --release\n```\n",
            (0..20)
                .map(|l| format!("let v{l} = compute({i}, {l}, \"{flavour}\"); // step {l}\n"))
                .collect::<String>(),
            (0..12)
                .map(|l| format!("def f{l}(x):\n    return x * {i} + {l}  # {flavour}\n"))
                .collect::<String>(),
        );
        site.article(
            &format!("release-{i}"),
            &format!("title: Release {i}\ndate: 2024-04-{:02}", i % 28 + 1),
            &body,
        );
    }
    site
}

/// `gazette build` of `site` into `out`, with the cache in `cache` (None: `--no-cache`).
fn build_with(site: &TestSite, out: &Path, cache: Option<&Path>) -> Command {
    let mut cmd = site.command(&["build", "--quiet", "--output", out.to_str().unwrap()]);
    match cache {
        Some(dir) => cmd.env("XDG_CACHE_HOME", dir),
        None => cmd.arg("--no-cache"),
    };
    cmd
}

fn ok(out: Output) -> Output {
    assert!(out.status.success(), "build failed:\n{}", stderr(&out));
    out
}

/// The site built without any cache, as the reference.
fn uncached(site: &TestSite) -> Snapshot {
    let out = site.tmp.path().join("reference");
    ok(build_with(site, &out, None).output().unwrap());
    snapshot(&out)
}

/// The cache's entries: not the `.tmp-*` files of a write in progress, which a killed
/// build can leave empty (damaging one of those would test nothing, and an empty one has
/// no byte to flip).
fn entries(cache: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(cache)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with(".tmp-"))
        .map(|e| e.into_path())
        .collect()
}

/// Rewrites a valid entry so that its HTML ends with `marker`, keeping it valid (same
/// layout and checksum as the cache writes): to see whether a build reads the cache.
fn poison(entry: &Path, marker: &str) {
    use siphasher::sip128::{Hasher128, SipHasher13};
    use std::hash::Hasher;
    let bytes = std::fs::read(entry).unwrap();
    let key_len = u64::from_le_bytes(bytes[8..16].try_into().unwrap()) as usize;
    let key = &bytes[40..40 + key_len];
    let mut html = bytes[40 + key_len..].to_vec();
    html.extend_from_slice(marker.as_bytes());
    let mut sum = SipHasher13::new();
    sum.write(key);
    sum.write(&html);
    let mut out = bytes[..8].to_vec();
    out.extend_from_slice(&(key_len as u64).to_le_bytes());
    out.extend_from_slice(&(html.len() as u64).to_le_bytes());
    out.extend_from_slice(&sum.finish128().as_u128().to_le_bytes());
    out.extend_from_slice(key);
    out.extend_from_slice(&html);
    std::fs::write(entry, out).unwrap();
}

fn any_file_contains(tree: &Snapshot, needle: &str) -> bool {
    tree.values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains(needle))
}

#[test]
fn cache_hits_give_the_uncached_site_and_the_bypasses_read_nothing() {
    let site = code_site(3, "hits");
    let reference = uncached(&site);
    let cache = site.tmp.path().join("cache");
    let out = site.tmp.path().join("out");
    for run in ["cold", "warm"] {
        ok(build_with(&site, &out, Some(&cache)).output().unwrap());
        assert_eq!(snapshot(&out), reference, "{run} build differs");
    }
    let stored = entries(&cache.join("gazette"));
    // 26 blocks of the fixture, 2 per release, and the one `sh` block all releases share.
    assert_eq!(stored.len(), 26 + 3 * 2 + 1, "{stored:?}");

    // A valid entry with other HTML shows that hits are served from the cache...
    for entry in &stored {
        poison(entry, "FROM-THE-CACHE");
    }
    ok(build_with(&site, &out, Some(&cache)).output().unwrap());
    assert!(any_file_contains(&snapshot(&out), "FROM-THE-CACHE"));
    // ...and that the flag and the variable do not read it (nor write it).
    ok(build_with(&site, &out, None)
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .unwrap());
    assert_eq!(snapshot(&out), reference, "--no-cache read the cache");
    let fresh = site.tmp.path().join("fresh-cache");
    for value in ["1", "yes"] {
        ok(build_with(&site, &out, Some(&cache))
            .env("GAZETTE_NO_CACHE", value)
            .output()
            .unwrap());
        assert_eq!(
            snapshot(&out),
            reference,
            "GAZETTE_NO_CACHE={value} read it"
        );
        ok(build_with(&site, &out, Some(&fresh))
            .env("GAZETTE_NO_CACHE", value)
            .output()
            .unwrap());
        assert!(!fresh.exists(), "GAZETTE_NO_CACHE={value} wrote a cache");
    }
    ok(build_with(&site, &out, Some(&fresh))
        .env("GAZETTE_NO_CACHE", "0")
        .output()
        .unwrap());
    assert!(fresh.exists(), "GAZETTE_NO_CACHE=0 turns nothing off");
}

#[test]
fn no_cache_is_in_the_help_of_build_and_serve() {
    for command in ["build", "serve"] {
        let out = gazette().args([command, "--help"]).output().unwrap();
        let help = stdout(&out);
        assert!(help.contains("--no-cache"), "{command}: {help}");
        assert!(help.contains("GAZETTE_NO_CACHE"), "{command}: {help}");
    }
}

#[test]
fn damaged_entries_and_a_killed_build_never_reach_the_output() {
    let site = code_site(150, "killed");
    let reference = uncached(&site);
    let cache = site.tmp.path().join("cache");
    let out = site.tmp.path().join("out");
    // Kill a cold build once it has written some entries (or when it ends by itself).
    let mut child = build_with(&site, &out, Some(&cache)).spawn().unwrap();
    while child.try_wait().unwrap().is_none() && entries(&cache).len() < 20 {
        std::thread::sleep(Duration::from_millis(1));
    }
    let _ = child.kill();
    let _ = child.wait();
    // Damage what it left: a truncated entry, a flipped byte, an empty one, a stray
    // temporary file as a kill between write and rename leaves.
    let stored = entries(&cache);
    assert!(!stored.is_empty());
    for (i, entry) in stored.iter().take(3).enumerate() {
        let mut bytes = std::fs::read(entry).unwrap();
        match i {
            0 => bytes.truncate(bytes.len() / 2),
            1 => *bytes.last_mut().unwrap() ^= 1,
            _ => bytes.clear(),
        }
        std::fs::write(entry, bytes).unwrap();
    }
    let dir = stored[0].parent().unwrap();
    std::fs::write(dir.join(".tmp-1-1"), b"half an entr").unwrap();
    for run in ["after the kill", "warm"] {
        ok(build_with(&site, &out, Some(&cache)).output().unwrap());
        assert_eq!(snapshot(&out), reference, "{run}");
    }
}

#[test]
fn two_sites_building_at_once_share_the_cache() {
    // The two sites share the fixture's blocks and each release's `sh` block.
    let a = code_site(60, "site-a");
    let b = code_site(60, "site-b");
    let (ref_a, ref_b) = (uncached(&a), uncached(&b));
    let cache = tempfile::tempdir().unwrap();
    for round in 0..2 {
        let (out_a, out_b) = (a.tmp.path().join("out"), b.tmp.path().join("out"));
        let mut first = build_with(&a, &out_a, Some(cache.path())).spawn().unwrap();
        let mut second = build_with(&b, &out_b, Some(cache.path())).spawn().unwrap();
        assert!(first.wait().unwrap().success(), "round {round}: site a");
        assert!(second.wait().unwrap().success(), "round {round}: site b");
        assert_eq!(snapshot(&out_a), ref_a, "round {round}: site a");
        assert_eq!(snapshot(&out_b), ref_b, "round {round}: site b");
    }
}

#[test]
fn an_unwritable_cache_folder_is_one_warning_and_the_same_site() {
    let site = code_site(5, "blocked");
    let reference = uncached(&site);
    let cache = site.tmp.path().join("cache");
    // A file where the cache folder would be created: every write fails.
    std::fs::create_dir_all(&cache).unwrap();
    std::fs::write(cache.join("gazette"), "in the way").unwrap();
    let out = site.tmp.path().join("out");
    let run = site
        .command(&["build", "--output", out.to_str().unwrap()])
        .env("XDG_CACHE_HOME", &cache)
        .output()
        .unwrap();
    let run = ok(run);
    let err = stderr(&run);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("highlight cache"))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("warning: cannot write the highlight cache"),
        "{err}"
    );
    assert_eq!(snapshot(&out), reference);
}

/// A real full disk: the cache on a 64 KiB tmpfs, mounted in a user and mount namespace of
/// our own (`unshare`). Some entries fit, then writing fails with ENOSPC.
#[test]
fn a_full_disk_is_one_warning_and_the_same_site() {
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /tmp"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("note: cannot mount a small tmpfs here (unshare); skipping the full-disk test");
        return;
    }
    let site = code_site(40, "full");
    let reference = uncached(&site);
    let cache = site.tmp.path().join("cache");
    let out = site.tmp.path().join("out");
    std::fs::create_dir_all(&cache).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=64k tmpfs '{cache}' || exit 9; \
         XDG_CACHE_HOME='{cache}' '{bin}' --root '{root}' build --output '{out}'; echo \"status $?\"",
        cache = cache.display(),
        bin = env!("CARGO_BIN_EXE_gazette"),
        root = site.root().display(),
        out = out.display(),
    );
    let run = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let (so, err) = (stdout(&run), stderr(&run));
    assert!(so.contains("status 0"), "{so}\n{err}");
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("highlight cache"))
        .collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("No space left on device"), "{err}");
    assert_eq!(snapshot(&out), reference);
}

#[test]
fn serve_starts_from_the_cache_that_build_filled() {
    let site = code_site(2, "serve");
    let cache = site.tmp.path().join("cache");
    let out = site.tmp.path().join("out");
    ok(build_with(&site, &out, Some(&cache)).output().unwrap());
    for entry in entries(&cache) {
        poison(&entry, "FROM-THE-CACHE");
    }
    ok(build_with(&site, &out, Some(&cache)).output().unwrap());
    let page = snapshot(&out)
        .into_iter()
        .find(|(_, bytes)| String::from_utf8_lossy(bytes).contains("FROM-THE-CACHE"))
        .map(|(path, _)| path)
        .expect("a page with a cached block");
    let url = format!("/{}", page.to_str().unwrap());
    let cache_home = cache.to_str().unwrap();
    let server = Server::start_with_env(site.root(), &[], &[("XDG_CACHE_HOME", cache_home)]);
    assert!(server.get(&url).text().contains("FROM-THE-CACHE"), "{url}");
    drop(server);
    let server = Server::start_with_env(
        site.root(),
        &["--no-cache"],
        &[("XDG_CACHE_HOME", cache_home)],
    );
    let text = server.get(&url).text();
    assert!(
        text.contains("hl-source") && !text.contains("FROM-THE-CACHE"),
        "{url}"
    );
}
