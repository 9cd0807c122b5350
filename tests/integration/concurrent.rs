//! Builds that share an output folder (issue 17): one build at a time holds the output's
//! lock, the others wait (or, with `--no-wait`, fail at once), and the output is always
//! one whole build's. A full disk stops a build with one error.

use std::path::Path;
use std::process::{Child, Output};
use std::time::{Duration, Instant};

use crate::support::{
    leftovers, markdown, mount_namespace, snapshot, stderr, stdout, Snapshot, TestSite,
};

/// Any build (or round of builds) taking longer than this is a hang.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A site of `n` generated stories of about `words` words each, in a few tags.
fn generated_site(n: usize, words: usize) -> TestSite {
    let site = TestSite::new("");
    let body = "Reporters followed the council vote late into the evening. ".repeat(words / 9);
    for i in 0..n {
        site.write(
            &format!("content/2024/story-{i}.md"),
            markdown(
                &format!(
                    "title: Story number {i}\ndate: 2024-05-{:02}\ntags: [topic-{}]\n",
                    i % 28 + 1,
                    i % 12
                ),
                &body,
            ),
        );
    }
    site
}

/// Starts every command at once, then collects their outputs in order. A build prints a
/// few lines, far less than a pipe holds, so none blocks while an earlier one is awaited.
fn run_at_once(commands: Vec<std::process::Command>) -> Vec<Output> {
    let children: Vec<Child> = commands
        .into_iter()
        .map(|mut c| {
            c.stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            c.spawn().unwrap()
        })
        .collect();
    children.into_iter().map(finish).collect()
}

/// Waits for one child with `TIMEOUT`, then reads what it printed.
fn finish(mut child: Child) -> Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("a build did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.wait_with_output().unwrap()
}

fn lock_file(dir: &Path, out: &str) -> bool {
    dir.join(format!(".{out}.gazette-lock")).is_file()
}

#[test]
fn four_builds_at_once_publish_one_whole_site() {
    let site = generated_site(300, 200);
    let reference = site.path("reference");
    let single = site.run(&["build", "--output", reference.to_str().unwrap()]);
    assert!(single.status.success(), "{}", stderr(&single));
    let expected: Snapshot = snapshot(&reference);
    let public = site.public();
    let mut waited = 0;
    for round in 0..5 {
        // Three builds that wait their turn and one that will not wait.
        let commands = (0..4)
            .map(|k| {
                let mut args = vec!["build", "--output", public.to_str().unwrap()];
                if k == 3 {
                    args.push("--no-wait");
                }
                site.command(&args)
            })
            .collect();
        let outputs = run_at_once(commands);
        for (k, out) in outputs.iter().enumerate() {
            let err = stderr(out);
            match out.status.code() {
                Some(0) => assert!(stdout(out).contains("built 300 articles"), "{err}"),
                Some(1) if k == 3 => assert!(
                    err.contains("another gazette build of")
                        && err.contains("is running; not waiting for it (--no-wait)"),
                    "round {round}: {err}"
                ),
                other => panic!("round {round}, build {k}: exit {other:?}\n{err}"),
            }
            assert!(!err.contains("Directory not empty"), "{err}");
            let waits = err.matches("waiting for another gazette build of").count();
            assert!(waits <= 1, "the waiting notice is printed once:\n{err}");
            if waits == 1 {
                assert!(k != 3, "--no-wait waited:\n{err}");
                assert!(err.contains(" (pid "), "{err}");
                waited += 1;
            }
        }
        assert!(
            snapshot(&public) == expected,
            "round {round}: the output differs from a single build's"
        );
        assert_eq!(
            leftovers(site.root()),
            Vec::<String>::new(),
            "round {round}"
        );
        assert!(lock_file(site.root(), "public"));
    }
    // Four builds started together cannot all have found the folder free.
    assert!(waited > 0, "no build ever waited for another");
}

#[test]
fn two_sites_built_into_one_folder_leave_one_of_them_whole() {
    let a = generated_site(150, 200);
    let b = TestSite::fixture("basic");
    let shared = a.tmp.path().join("shared-out");
    let shared_arg = shared.to_str().unwrap();
    let mut expected = Vec::new();
    for (site, name) in [(&a, "a-only"), (&b, "b-only")] {
        let alone = a.tmp.path().join(name);
        let out = site.run(&["build", "--output", alone.to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr(&out));
        expected.push(snapshot(&alone));
    }
    for round in 0..3 {
        let outputs = run_at_once(vec![
            a.command(&["build", "--output", shared_arg]),
            b.command(&["build", "--output", shared_arg]),
        ]);
        for out in &outputs {
            assert!(out.status.success(), "round {round}: {}", stderr(out));
        }
        let now = snapshot(&shared);
        assert!(
            now == expected[0] || now == expected[1],
            "round {round}: the output is neither site's whole build"
        );
        assert_eq!(leftovers(a.tmp.path()), Vec::<String>::new());
    }
}

#[test]
fn no_wait_fails_at_once_while_another_build_holds_the_folder() {
    let site = generated_site(600, 300);
    let mut holder = site.command(&["build", "--quiet"]).spawn().unwrap();
    // The holder makes its staging folder once it has the lock.
    let started = Instant::now();
    while !leftovers(site.root())
        .iter()
        .any(|n| n.starts_with(".public.gazette-staging-"))
    {
        assert!(
            holder.try_wait().unwrap().is_none(),
            "the build finished before it could be caught holding the lock"
        );
        assert!(started.elapsed() < TIMEOUT);
        std::thread::sleep(Duration::from_micros(200));
    }
    let out = site.run(&["build", "--no-wait"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            // The folder as gazette prints paths: relative to where it runs (the temp folder).
            "another gazette build of site/public (pid {}) is running; not waiting for it (--no-wait)",
            holder.id()
        )),
        "{err}"
    );
    assert!(!err.contains("waiting for another"), "{err}");
    assert!(finish(holder).status.success());
    assert_eq!(leftovers(site.root()), Vec::<String>::new());
}

/// A previous output that will not go (here a folder in it is a mount point, so `rmdir`
/// says busy) is a warning once the new output is in place, not an error claiming the old
/// site is still there; the next build meets it as a leftover, warns again, and succeeds.
#[test]
fn a_previous_output_that_will_not_go_is_a_warning_after_the_swap() {
    let Some(mut unshare) = mount_namespace() else {
        return;
    };
    let site = generated_site(4, 100);
    let out = site.tmp.path().join("out");
    let script = r#"
        set -u
        "$BIN" --root "$SITE" build --quiet --output "$OUT/public" || exit 90
        mkdir "$OUT/public/pinned" && mount -t tmpfs -o size=1m tmpfs "$OUT/public/pinned" || exit 91
        echo old > "$OUT/public/pinned/x"
        printf '\nA quokkaword marks the new build.\n' >> "$SITE/content/2024/story-1.md"
        for n in 1 2; do
            "$BIN" --root "$SITE" build --output "$OUT/public" 2>"$OUT/../stderr"; echo "status $n: $?"
            sed "s/^/err $n: /" "$OUT/../stderr"
        done
        test -e "$OUT/public/pinned" && echo "pinned: still in the new output"
        grep -rl "quokkaword" "$OUT/public" >/dev/null && echo "new output: in place"
        ls -a "$OUT" | sed 's/^/left: /'
    "#;
    std::fs::create_dir(&out).unwrap();
    unshare
        .args(["sh", "-c", script])
        .env("OUT", &out)
        .env("BIN", assert_cmd::cargo::cargo_bin("gazette"))
        .env("SITE", site.root())
        .env("NO_COLOR", "1");
    let run = assert_cmd::Command::from_std(unshare)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let all = stdout(&run);
    for n in [1, 2] {
        assert!(
            all.contains(&format!("status {n}: 0")),
            "{all}{}",
            stderr(&run)
        );
        let warned = all.lines().any(|l| {
            l.starts_with(&format!("err {n}: warning: could not remove "))
                && l.contains(".public.gazette-staging-")
                && l.contains("the new output is in place")
        });
        assert!(warned, "build {n}:\n{all}");
    }
    assert!(!all.contains("error:"), "{all}");
    assert!(!all.contains("unchanged"), "{all}");
    assert!(!all.contains("pinned: still"), "{all}");
    assert!(all.contains("new output: in place"), "{all}");
}

/// A build that fills a small tmpfs while writing pages: one error (what, where, how much
/// was written), exit 1, the previous output byte-identical, no staging folder left.
#[test]
fn a_full_disk_is_one_error_and_keeps_the_previous_output() {
    let Some(mut unshare) = mount_namespace() else {
        return;
    };
    let site = generated_site(10, 100);
    let mnt = site.tmp.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    // Pages of ~10 KB each: about 4 MB of output for a 2 MB file system.
    let big = generated_site(400, 1500);
    let script = r#"
        set -u
        mount -t tmpfs -o size=2m tmpfs "$MNT" || exit 90
        "$BIN" --root "$SMALL" build --quiet --output "$MNT/public" || exit 91
        cp -a "$MNT/public" "$MNT/../before"
        "$BIN" --root "$BIG" build --output "$MNT/public" 2>"$MNT/../stderr"; echo "status: $?"
        sed 's/^/err: /' "$MNT/../stderr"
        diff -r "$MNT/public" "$MNT/../before" >/dev/null && echo "previous: intact"
        ls -a "$MNT" | sed 's/^/left: /'
    "#;
    unshare
        .args(["sh", "-c", script])
        .env("MNT", &mnt)
        .env("BIN", assert_cmd::cargo::cargo_bin("gazette"))
        .env("SMALL", site.root())
        .env("BIG", big.root())
        .env("NO_COLOR", "1");
    let out = assert_cmd::Command::from_std(unshare)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let all = stdout(&out);
    assert!(all.contains("status: 1"), "{all}{}", stderr(&out));
    // Warnings (the big generated editions are too long for one email) are not the point.
    let errors: Vec<&str> = all
        .lines()
        .filter_map(|l| l.strip_prefix("err: "))
        .filter(|l| !l.contains(": warning: ") && !l.starts_with("warning: "))
        .collect();
    assert!(
        errors.len() <= 3,
        "a full disk gave {} error lines:\n{all}",
        errors.len()
    );
    let first = errors.first().copied().unwrap_or_default();
    assert!(
        first.contains(&format!(
            "{}: error: No space left on device",
            mnt.join("public").display()
        )) && first.contains("while writing ")
            && first.contains(" had been written; stopped at once and removed the staging folder"),
        "{all}"
    );
    assert!(all.contains("previous: intact"), "{all}");
    let left: Vec<&str> = all
        .lines()
        .filter_map(|l| l.strip_prefix("left: "))
        .filter(|n| n.contains(".gazette-") && !n.ends_with(".gazette-lock"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
