//! What a hostile pull request can put in front of medlint in CI: input that crashes a parser,
//! refs and paths that turn into writes, files that never end, and settings that stall the
//! machine. Each case runs the binary and checks that nothing is lost and the rest is linted.

mod common;
use common::git;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn medlint_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_medlint"));
    c.current_dir(dir).args(args);
    c
}

/// Wait for `child`, killing it if it has not finished within a minute (a hang then fails the
/// test with a message rather than stalling the suite; nothing is measured). Its output is
/// drained meanwhile, so a long message cannot fill the pipe and stall it.
fn wait_or_kill(mut child: Child) -> Output {
    fn drain(stream: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut s) = stream {
                let _ = s.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            let err = err.join().expect("stderr");
            let err: String = String::from_utf8_lossy(&err).chars().take(400).collect();
            panic!("medlint hung: {err}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

fn medlint(dir: &Path, args: &[&str]) -> Output {
    let child = medlint_cmd(dir, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run medlint");
    wait_or_kill(child)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const CLAIM: &str = "PRP cures arthritis.\n";
const GOOD: &str = "good.md:1:5: error MED101";

/// A folder holding `good.md` (one cure claim) plus the given files.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("good.md"), CLAIM).expect("write");
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write");
    }
    dir
}

/// Lint with only the cure rule, one line per finding.
fn run(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", "--format", "short", "--select", "MED101"];
    args.extend_from_slice(extra);
    medlint(dir, &args)
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo")
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

// ---- 1. A tag with a million attributes ----------------------------------------------------

#[test]
fn a_tag_with_a_million_attributes_does_not_crash_the_run() {
    let tag = |attribute: &str, n: usize| format!("<p {}>Knee pain.</p>\n", attribute.repeat(n));
    let dir = folder(&[
        // Double-quoted values separated by spaces, tabs or newlines: the recursive path.
        ("spaces.html", tag("a=\"\" ", 1_000_000).as_bytes()),
        ("values.html", tag("a=\"v\"\t", 200_000).as_bytes()),
        ("lines.html", tag("a=\"v\"\n", 200_000).as_bytes()),
        ("single.html", tag("a='' ", 200_000).as_bytes()),
        ("unquoted.html", tag("a=b ", 200_000).as_bytes()),
        ("entities.html", tag("a=\"&amp;\" ", 200_000).as_bytes()),
    ]);
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains(GOOD), "{}", stdout(&o));
    // Nothing on standard error but the short format's summary.
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("1 problem (1 error) in 1 of "),
        "{}",
        stderr(&o)
    );
}

// ---- 2. --changed-since ----------------------------------------------------------------------

fn repository() -> tempfile::TempDir {
    let dir = folder(&[]);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "good.md"]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    dir
}

#[test]
fn a_ref_that_looks_like_an_option_is_refused_not_passed_to_git() {
    let dir = repository();
    for reference in ["--output=a.md", "-p", "--output=a.md^{commit}"] {
        let o = run(dir.path(), &[&format!("--changed-since={reference}"), "."]);
        assert_eq!(o.status.code(), Some(2), "{reference}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("is not a commit in this repository"),
            "{reference}: {}",
            stderr(&o)
        );
        assert!(!dir.path().join("a.md").exists(), "git wrote a.md");
    }
}

#[cfg(unix)]
#[test]
fn git_runs_no_program_named_by_the_repository_config() {
    use std::os::unix::fs::PermissionsExt;
    let dir = repository();
    let marker = dir.path().join("ran");
    let hook = dir.path().join("hook.sh");
    std::fs::write(&hook, format!("#!/bin/sh\ntouch '{}'\n", marker.display())).expect("hook");
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    git(
        dir.path(),
        &["config", "core.fsmonitor", &hook.to_string_lossy()],
    );
    std::fs::remove_file(&marker).ok();
    std::fs::write(dir.path().join("new.md"), "Stem cells cure arthritis.\n").expect("write");
    std::fs::write(dir.path().join("good.md"), format!("{CLAIM}More.\n")).expect("write");
    let o = run(dir.path(), &["--changed-since", "HEAD", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains(GOOD), "{}", stdout(&o));
    assert!(stdout(&o).contains("new.md:1:"), "{}", stdout(&o));
    assert!(!marker.exists(), "git ran the repository's fsmonitor hook");
}

// ---- 3. Reports and baselines never replace an article ---------------------------------------

#[test]
fn a_report_or_baseline_is_never_written_over_a_file_being_linted() {
    let dir = folder(&[]);
    for flag in ["--output=json=good.md", "--write-baseline=good.md"] {
        for force in [false, true] {
            let mut args = vec![flag];
            if force {
                args.push("--force");
            }
            args.push("good.md");
            let o = run(dir.path(), &args);
            assert_eq!(o.status.code(), Some(2), "{flag}: {}", stderr(&o));
            assert!(
                stderr(&o).contains("good.md: is a file being linted"),
                "{flag}: {}",
                stderr(&o)
            );
            assert!(stdout(&o).contains(GOOD), "{flag}: findings still printed");
            let text = std::fs::read_to_string(dir.path().join("good.md")).expect("read");
            assert_eq!(text, CLAIM, "{flag} replaced the article");
        }
    }
    // Through another name for the same file.
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let o = run(
        dir.path(),
        &["--output=json=sub/../good.md", "--force", "."],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("good.md")).expect("read"),
        CLAIM
    );
}

#[test]
fn replacing_a_file_with_an_article_extension_needs_force() {
    // An article this run does not lint (it names good.md only).
    let dir = folder(&[("other.md", b"# Knee pain\n")]);
    let o = run(dir.path(), &["--output=markdown=other.md", "good.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("other.md: exists and has an article extension"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains(GOOD), "findings still printed");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("other.md")).expect("read"),
        "# Knee pain\n"
    );
    let o = run(
        dir.path(),
        &["--output=markdown=other.md", "--force", "good.md"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(dir.path().join("other.md"))
            .expect("written")
            .contains("MED101")
    );
    // A new file replaces nothing: an HTML report may be called report.html.
    let o = run(dir.path(), &["--output=html=report.html", "good.md"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(dir.path().join("report.html").exists());
}

// ---- 4. Devices, FIFOs and symlinks are not renamed over ------------------------------------

#[cfg(unix)]
#[test]
fn devices_and_symlinks_are_not_replaced_by_a_report() {
    let dir = folder(&[]);
    let p = dir.path();
    std::os::unix::fs::symlink("/dev/null", p.join("null.json")).expect("symlink");
    std::fs::write(p.join("victim.txt"), "keep").expect("write");
    std::os::unix::fs::symlink(p.join("victim.txt"), p.join("link.json")).expect("symlink");
    mkfifo(&p.join("fifo.json"));
    let o = run(
        p,
        &[
            "--output=json=null.json",
            "--output=json=link.json",
            "--output=json=fifo.json",
            "--output=json=plain.json",
            "good.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("link.json: cannot write the report: is a symlink to a regular file"),
        "{err}"
    );
    assert!(
        err.contains("fifo.json: cannot write the report: is a FIFO with no reader"),
        "{err}"
    );
    assert!(!err.contains("null.json"), "{err}");
    let kind = |name: &str| {
        std::fs::symlink_metadata(p.join(name))
            .expect("meta")
            .file_type()
    };
    assert!(
        kind("null.json").is_symlink(),
        "the device symlink was replaced"
    );
    assert!(kind("link.json").is_symlink(), "the symlink was replaced");
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind("fifo.json")),
        "the FIFO was replaced"
    );
    assert_eq!(
        std::fs::read_to_string(p.join("victim.txt")).expect("read"),
        "keep"
    );
    assert!(
        std::fs::read_to_string(p.join("plain.json"))
            .expect("read")
            .contains("MED101")
    );
    // Nothing temporary is left behind.
    let left: Vec<_> = std::fs::read_dir(p)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_report_reaches_a_fifo_with_a_reader_in_place() {
    let dir = folder(&[]);
    let fifo = dir.path().join("out.json");
    mkfifo(&fifo);
    let reader = {
        let path = fifo.clone();
        // Opened for reading before medlint starts writing: a real consumer.
        let (ready, wait) = std::sync::mpsc::channel();
        let handle = std::thread::spawn(move || {
            let mut file = std::fs::File::open(&path).expect("open for reading");
            ready.send(()).ok();
            let mut text = String::new();
            file.read_to_string(&mut text).expect("read");
            text
        });
        // The open above blocks until a writer opens too; hold a writer briefly so it returns.
        let holder = std::fs::OpenOptions::new()
            .write(true)
            .open(&fifo)
            .expect("open for writing");
        wait.recv().expect("reader ready");
        (handle, holder)
    };
    let o = run(dir.path(), &["--output=json=out.json", "good.md"]);
    drop(reader.1);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = reader.0.join().expect("reader");
    assert!(text.contains("MED101"), "{text}");
}

// ---- 10. Bounded reads; FIFOs and devices never block ----------------------------------------

#[test]
fn standard_input_is_read_only_up_to_the_limit() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("medlint.toml"), "max-file-mib = 1\n").expect("config");
    let mut child = medlint_cmd(dir.path(), &["check", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let mut stdin = child.stdin.take().expect("stdin");
    // Offer 64 MiB; count what medlint takes before it stops reading.
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'a'; 64 * 1024];
        let mut written = 0usize;
        while written < 64 * 1024 * 1024 {
            match stdin.write(&chunk) {
                Ok(n) => written += n,
                Err(_) => break,
            }
        }
        written
    });
    let o = wait_or_kill(child);
    let written = writer.join().expect("writer");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("standard input is over the 1 MiB limit"),
        "{}",
        stderr(&o)
    );
    // 1 MiB and a byte were read; the pipe holds a little more. Far from all 64 MiB.
    assert!(written < 8 * 1024 * 1024, "medlint read {written} bytes");
}

#[cfg(unix)]
#[test]
fn explicit_fifos_and_devices_are_errors_naming_them() {
    let dir = folder(&[]);
    mkfifo(&dir.path().join("pipe.md"));
    let o = run(dir.path(), &["good.md", "pipe.md", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("pipe.md: a FIFO, not a regular file or folder"),
        "{err}"
    );
    assert!(
        err.contains("/dev/zero: a device, not a regular file or folder"),
        "{err}"
    );
    assert!(stdout(&o).contains(GOOD));
    // Walking a folder passes a FIFO over without opening it.
    let o = run(dir.path(), &["."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn a_fifo_as_config_pack_or_baseline_is_an_error_not_a_hang() {
    let dir = folder(&[]);
    let p = dir.path();
    mkfifo(&p.join("config.toml"));
    std::fs::create_dir(p.join("house")).expect("mkdir");
    mkfifo(&p.join("house/x.toml"));
    mkfifo(&p.join("base.json"));
    let o = run(p, &["--config", "config.toml", "good.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("config.toml: cannot read config: a FIFO"),
        "{}",
        stderr(&o)
    );
    let o = run(p, &["--lints", "house", "good.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("x.toml: cannot read rule pack: a FIFO"),
        "{}",
        stderr(&o)
    );
    let o = run(p, &["--baseline", "base.json", "good.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("base.json: cannot read baseline: a FIFO"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains(GOOD));
    // A device is refused the same way, before a byte is read.
    let o = run(p, &["--baseline", "/dev/zero", "good.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/dev/zero: cannot read baseline: a device"),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn an_ignore_file_linked_to_a_device_is_refused_with_its_folder() {
    let dir = folder(&[("sub/other.md", CLAIM.as_bytes())]);
    let p = dir.path();
    std::os::unix::fs::symlink("/dev/zero", p.join("sub/.gitignore")).expect("symlink");
    mkfifo(
        &p.join("sub2/.ignore")
            .parent()
            .map(|d| {
                std::fs::create_dir_all(d).expect("mkdir");
                d.join(".ignore")
            })
            .expect("path"),
    );
    // Under a memory limit, so that reading /dev/zero whole fails fast instead of filling the
    // machine.
    let bin = env!("CARGO_BIN_EXE_medlint");
    let child = Command::new("sh")
        .current_dir(p)
        .args([
            "-c",
            "ulimit -v 4000000; exec \"$0\" check --format short --select MED101 .",
            bin,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let o = wait_or_kill(child);
    let err: String = stderr(&o).chars().take(2000).collect();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "sub/.gitignore: a device, not a regular file; not read, and its folder not linted"
        ),
        "{err}"
    );
    assert!(
        err.contains("sub2/.ignore: a FIFO, not a regular file; not read"),
        "{err}"
    );
    assert!(stdout(&o).contains(GOOD), "{}", stdout(&o));
    // The same file at the top of the walk.
    std::fs::remove_dir_all(p.join("sub2")).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", p.join(".gitignore")).expect("symlink");
    let o = run(p, &["."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(".gitignore: a device"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_oversized_pack_is_refused_unread() {
    let mut pack = String::from("# padding\n");
    while pack.len() <= 17 * 1024 * 1024 {
        pack.push_str(&"#".repeat(1023));
        pack.push('\n');
    }
    let dir = folder(&[("house/big.toml", pack.as_bytes())]);
    let o = run(dir.path(), &["--lints", "house", "good.md"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(
            "big.toml: cannot read rule pack: rule pack is 17.0 MiB, over the 16 MiB limit"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_nul_after_the_first_8_kib_makes_a_file_binary() {
    let mut late = "Knee pain is common. ".repeat(500).into_bytes();
    late.extend_from_slice(b"\0PRP cures arthritis.\n");
    assert!(late.len() > 8192);
    let dir = folder(&[("late.md", &late)]);
    let o = run(dir.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("late.md: binary file (contains NUL bytes), skipped"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains(GOOD));
}

// ---- 11. A glob set that cannot be built -----------------------------------------------------

#[test]
fn a_glob_set_that_cannot_be_built_is_an_error_at_its_line() {
    // Valid as a glob, too large to compile into a set (a 200 KB pattern).
    let huge = format!("**/{}", "a*".repeat(100_000));
    for key in ["include", "exclude"] {
        let config = format!("# house settings\n{key} = [\"{huge}\"]\n");
        let dir = folder(&[("medlint.toml", config.as_bytes())]);
        let o = run(dir.path(), &["."]);
        // The message quotes the config line; show only its start on failure.
        let err: String = stderr(&o).chars().take(400).collect();
        assert_eq!(o.status.code(), Some(2), "{key}: {err}");
        assert!(
            err.contains("error: glob set cannot be used"),
            "{key}: {err}"
        );
        assert!(err.contains("medlint.toml:2:"), "{key}: {err}");
    }
}

// ---- 12. Write errors name the file and the run goes on -------------------------------------

#[test]
fn a_failed_baseline_or_report_write_names_the_file_and_the_run_goes_on() {
    let dir = folder(&[]);
    let o = medlint(
        dir.path(),
        &[
            "check",
            "--select",
            "MED101",
            "--write-baseline",
            "nodir/b.json",
            "--output=sarif=nodir/r.sarif",
            "--output=json=ok.json",
            "good.md",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("nodir/b.json: cannot write the baseline"),
        "{err}"
    );
    assert!(
        err.contains("nodir/r.sarif: cannot write the report"),
        "{err}"
    );
    assert!(stdout(&o).contains("cure-claim"), "findings still printed");
    assert!(
        dir.path().join("ok.json").exists(),
        "the other report was written"
    );
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_dangling_symlink_and_names_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let target = dir.path().join("elsewhere.toml");
    std::os::unix::fs::symlink(&target, dir.path().join("medlint.toml")).expect("symlink");
    let o = medlint(dir.path(), &["init"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("medlint.toml: already exists"),
        "{}",
        stderr(&o)
    );
    assert!(!target.exists(), "init wrote through the symlink");
    let o = medlint(dir.path(), &["init", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("medlint.toml: cannot write: is a symlink to nothing"),
        "{}",
        stderr(&o)
    );
    assert!(!target.exists());
    // A folder in the way: the error names it too.
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("medlint.toml")).expect("mkdir");
    let o = medlint(dir.path(), &["init", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("medlint.toml: cannot write: is a folder"),
        "{}",
        stderr(&o)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_named() {
    let dir = folder(&[]);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let child = medlint_cmd(dir.path(), &["check", "good.md"])
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let o = wait_or_kill(child);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: standard output: No space left on device"),
        "{}",
        stderr(&o)
    );
}

// ---- 13. --threads is clamped ---------------------------------------------------------------

#[test]
fn an_absurd_thread_count_is_clamped_with_a_note() {
    let dir = folder(&[]);
    for n in ["5000", "18446744073709551615"] {
        let o = run(dir.path(), &["--threads", n, "good.md"]);
        assert_eq!(o.status.code(), Some(1), "{n}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!(
                "note: --threads {n} is more than this machine can use; using "
            )),
            "{n}: {}",
            stderr(&o)
        );
        assert!(stdout(&o).contains(GOOD));
    }
}
