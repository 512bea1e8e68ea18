//! Writing a file medlint produces (a report, a baseline, `medlint.toml`), all-or-nothing.
//!
//! A regular file (or a new one) is written to a temporary file in the same folder, created
//! exclusively under an unpredictable name, and renamed into place: an interrupted run leaves
//! the old file or the new one, never a torn one, and a symlink planted under a temporary
//! name cannot redirect the write. The temporary file is removed when the write fails, and
//! on Ctrl-C or SIGTERM ([`super::interrupt`]).
//!
//! Other targets are never renamed over: a character device or a FIFO (`/dev/null`,
//! `/dev/stdout` through its symlink) is written in place, without blocking on a FIFO that has
//! no reader. A symlink is followed only to such a device; a symlink to a regular file, to
//! nothing, or to a folder is refused, as are folders, block devices and sockets: writing
//! through a committed symlink would let a pull request choose which file a report replaces.

use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What kind of thing a write would land on.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Nothing yet, or a regular file: replaced atomically.
    Replace,
    /// A character device or FIFO, reached directly or through symlinks: written in place.
    InPlace,
}

fn refused(what: &str) -> io::Error {
    io::Error::other(format!("{what}; not written"))
}

/// Whether a file type is written in place.
fn in_place_type(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        t.is_char_device() || t.is_fifo()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}

fn kind_of(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

fn target(path: &Path) -> io::Result<Target> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Target::Replace),
        Err(e) => return Err(e),
    };
    if meta.file_type().is_symlink() {
        return match std::fs::metadata(path) {
            Ok(m) if in_place_type(&m) => Ok(Target::InPlace),
            Ok(m) if m.is_file() => Err(refused(
                "is a symlink to a regular file (name the file itself to replace it)",
            )),
            Ok(m) => Err(refused(&format!("is a symlink to {}", kind_of(&m)))),
            Err(_) => Err(refused("is a symlink to nothing")),
        };
    }
    if meta.is_file() {
        Ok(Target::Replace)
    } else if in_place_type(&meta) {
        Ok(Target::InPlace)
    } else {
        Err(refused(&format!("is {}", kind_of(&meta))))
    }
}

/// Write `bytes` to `path`: atomically when it is a regular file or new, in place when it is
/// a character device or FIFO; anything else is refused (see the module docs).
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match target(path)? {
        Target::Replace => replace(path, bytes),
        Target::InPlace => write_in_place(path, bytes),
    }
}

/// Whether something (even a dangling symlink) is at `path`.
pub fn occupied(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    // A new file gets the usual mode (0666 less the umask); a replaced one keeps its own.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".medlint-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    super::interrupt::install();
    let tmp = builder.tempfile_in(dir)?;
    let guard = super::interrupt::Guard::new(tmp.path());
    let result = (|| {
        if let Some(perms) = existing {
            tmp.as_file().set_permissions(perms)?;
        }
        let mut file = tmp.as_file();
        file.write_all(bytes)?;
        file.sync_all()?;
        // On failure the temporary file comes back and is removed when dropped.
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    })();
    drop(guard);
    result
}

#[cfg(unix)]
fn open_in_place(path: &Path) -> io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    // Non-blocking, so opening a FIFO with no reader fails at once instead of waiting; the
    // writes themselves block as usual.
    let file = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(code) if code == rustix::io::Errno::NXIO.raw_os_error() => {
                refused("is a FIFO with no reader")
            }
            _ => e,
        })?;
    let flags = rustix::fs::fcntl_getfl(&file)?;
    rustix::fs::fcntl_setfl(&file, flags - OFlags::NONBLOCK)?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_in_place(path: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new().write(true).open(path)
}

fn write_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = open_in_place(path)?;
    // Swapped for something else since it was looked at: refuse rather than write there.
    if !in_place_type(&file.metadata()?) {
        return Err(refused("changed while it was being opened"));
    }
    file.write_all(bytes)?;
    file.flush()
}

/// The path a write to `path` would replace, with symlinks in its folder resolved, when
/// something is there; used to tell whether two names are one file.
pub fn resolved(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_files(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("read dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn replaces_a_regular_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("r.json");
        std::fs::write(&path, "old").expect("write");
        atomic_write(&path, b"new").expect("replace");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        atomic_write(&dir.path().join("n.json"), b"x").expect("create");
        assert!(temp_files(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_under_a_guessable_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("dir");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").expect("write");
        // The name an earlier version used for its temporary file, as a committed symlink.
        let planted = dir
            .path()
            .join(format!(".r.json.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &planted).expect("symlink");
        atomic_write(&dir.path().join("r.json"), b"report").expect("write");
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("r.json")).expect("read"),
            "report"
        );
        assert_eq!(
            temp_files(dir.path()),
            [planted.file_name().unwrap().to_string_lossy()]
        );
    }

    #[cfg(unix)]
    #[test]
    fn keeps_the_mode_of_the_file_it_replaces() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("r.json");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        atomic_write(&path, b"new").expect("replace");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn writes_a_device_in_place_and_refuses_symlinks_to_files() {
        let dir = tempfile::tempdir().expect("dir");
        atomic_write(Path::new("/dev/null"), b"x").expect("in place");
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").expect("write");
        let link = dir.path().join("r.json");
        std::os::unix::fs::symlink(&victim, &link).expect("symlink");
        let err = atomic_write(&link, b"report").expect_err("refused");
        assert!(err.to_string().contains("symlink"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep");
        let dangling = dir.path().join("d.json");
        std::os::unix::fs::symlink(dir.path().join("nothing"), &dangling).expect("symlink");
        assert!(atomic_write(&dangling, b"x").is_err());
        assert!(!dir.path().join("nothing").exists());
        let null_link = dir.path().join("null.json");
        std::os::unix::fs::symlink("/dev/null", &null_link).expect("symlink");
        atomic_write(&null_link, b"x").expect("through to the device");
        assert!(
            std::fs::symlink_metadata(&null_link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_with_no_reader_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("f.json");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from(0o600))
            .expect("mkfifo");
        let err = atomic_write(&fifo, b"x").expect_err("no reader");
        assert!(err.to_string().contains("no reader"), "{err}");
    }
}
