//! File names that are not UTF-8 (a Unix name may hold any bytes): each is shown with its odd
//! bytes written `\xFF`, so two names that differ only there stay apart in reports and
//! baselines.
#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::process::Command;

#[test]
fn names_that_differ_only_in_bytes_that_are_not_utf8_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    for name in [&b"a\xff.md"[..], &b"a\xfe.md"[..]] {
        std::fs::write(
            dir.path().join(OsStr::from_bytes(name)),
            "PRP cures arthritis.\n",
        )
        .unwrap();
    }
    let o = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir.path())
        .args(["check", "--format", "short", "--select", "MED101", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "a\\xFE.md:1:5: error MED101 cure-claim Cure claim: `cures` promises complete resolution\n\
         a\\xFF.md:1:5: error MED101 cure-claim Cure claim: `cures` promises complete resolution\n"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir.path())
        .args([
            "check",
            "--select",
            "MED101",
            "--write-baseline",
            "b.json",
            ".",
        ])
        .output()
        .unwrap();
    assert!(o.status.code().is_some(), "{o:?}");
    let baseline: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("b.json")).unwrap()).unwrap();
    let paths: Vec<&str> = baseline["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a\\xFE.md", "a\\xFF.md"]);

    // Rewritten from one of the two: the other's entry is kept, its file found by that name.
    let o = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir.path())
        .args(["check", "--select", "MED101", "--write-baseline", "b.json"])
        .arg(OsStr::from_bytes(b"a\xff.md"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(
            "wrote 2 baseline entries to b.json; 1 entries of files not linted in this run kept unchanged"
        ),
        "{o:?}"
    );
    std::fs::remove_file(dir.path().join(OsStr::from_bytes(b"a\xfe.md"))).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_medlint"))
        .current_dir(dir.path())
        .args(["check", "--select", "MED101", "--baseline", "b.json"])
        .arg(OsStr::from_bytes(b"a\xff.md"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&o.stderr)
            .contains("1 known findings hidden; 1 baseline entries fixed since it was written; 0 baseline entries not checked"),
        "{o:?}"
    );
}
