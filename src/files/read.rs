//! Reading an article: size limits checked before the read, one read for the common case,
//! and bytes turned into text or a clear reason why not (too large, binary, not UTF-8).

use std::path::Path;

use super::path::io_message;
use crate::error::Error;

/// Articles larger than this many MiB are skipped unless `max-file-mib` says otherwise: real
/// articles are kilobytes; a file this size is a dump or an export gone wrong.
pub const DEFAULT_MAX_FILE_MIB: u64 = 16;

/// The hard ceiling, whatever the config says. Linting takes twenty to forty times a file's
/// size in memory, so a file this size needs up to some 10 GiB; files this large are linted
/// one at a time (see the engine's budget).
pub const HARD_MAX_FILE_MIB: u64 = 256;

fn too_large(name: &str, bytes: u64, limit_mib: u64) -> Error {
    Error::input(
        name,
        format!(
            "file is {:.1} MiB, over the {limit_mib} MiB limit (`max-file-mib` in medlint.toml); skipped",
            bytes as f64 / (1024.0 * 1024.0)
        ),
    )
}

/// What kind of file `meta` describes, when it is not a regular file or a folder.
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// The error for a path that is a FIFO, a device or a socket rather than a file.
pub fn not_regular(kind: &str) -> std::io::Error {
    std::io::Error::other(format!("{kind}, not a regular file; not read"))
}

/// Open `path` for reading and return it with its size, refusing anything but a regular file.
/// The open does not wait on a FIFO (it is non-blocking), and the type is checked on the open
/// file, so a file swapped for a FIFO or device after it was listed is refused, not read.
pub fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, u64)> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(match special_kind(&meta) {
            Some(kind) => not_regular(kind),
            None => std::io::Error::other("a folder, not a file"),
        });
    }
    Ok((file, meta.len()))
}

/// Read the whole of a regular file of at most `limit` bytes (a config, a pack, a baseline),
/// refusing a larger one before reading it; `what` names it in the error ("rule pack").
pub fn read_small(path: &Path, limit: u64, what: &str) -> std::io::Result<Vec<u8>> {
    let (mut file, size) = open_regular(path)?;
    let over = |bytes: u64| {
        std::io::Error::other(format!(
            "{what} is {:.1} MiB, over the {} MiB limit; not read",
            bytes as f64 / (1024.0 * 1024.0),
            limit / (1024 * 1024)
        ))
    };
    if size > limit {
        return Err(over(size));
    }
    let bytes = read_sized(&mut file, size, limit + 1)?;
    if bytes.len() as u64 > limit {
        return Err(over(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read_small`] as text.
pub fn read_small_text(path: &Path, limit: u64, what: &str) -> std::io::Result<String> {
    String::from_utf8(read_small(path, limit, what)?).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "{what} is not valid UTF-8 (byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Read at most `limit_mib` MiB (plus a byte, to tell a larger input) from a stream.
pub fn read_stream(stream: &mut dyn std::io::Read, limit_mib: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let cap = limit_mib.min(HARD_MAX_FILE_MIB) * 1024 * 1024 + 1;
    let mut bytes = Vec::new();
    stream.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Read the file at `path` (shown as `name` in errors), refusing it when it is over the limit
/// (before reading it), not a regular file, binary or not valid UTF-8; a leading BOM is dropped.
pub fn read_file(path: &Path, name: &str, limit_mib: u64) -> Result<String, Error> {
    let io_err = |e: std::io::Error| Error::input(name, io_message(&e));
    let limit = limit_mib.min(HARD_MAX_FILE_MIB);
    // One open, its size from the open file: the path is looked up once.
    let (mut file, size) = open_regular(path).map_err(io_err)?;
    if size > limit * 1024 * 1024 {
        return Err(too_large(name, size, limit));
    }
    let cap = limit * 1024 * 1024 + 1;
    let bytes = read_sized(&mut file, size, cap).map_err(io_err)?;
    decode(name, bytes, limit_mib)
}

/// Read a file of `size` bytes (as its metadata said), stopping at `cap` bytes should it have
/// grown since; `decode` then reports it as too large. A read of one byte more than the size
/// that comes back short at the size has reached the end (a regular file's reads fall short
/// only there), so the common case takes one read, not a second to see the end.
fn read_sized(file: &mut std::fs::File, size: u64, cap: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let want = size.saturating_add(1).min(cap) as usize;
    let mut bytes = vec![0; want];
    let mut filled = 0;
    while filled < want {
        match file.read(&mut bytes[filled..]) {
            Ok(0) => break,
            Ok(n) => {
                filled += n;
                if filled as u64 == size && filled < want {
                    break;
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(filled);
    if filled == want && (filled as u64) < cap {
        // It grew past its size: the rest, up to the cap.
        file.take(cap - filled as u64).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Turn bytes into article text, or say why they are not one.
pub fn decode(name: &str, bytes: Vec<u8>, limit_mib: u64) -> Result<String, Error> {
    let limit = limit_mib.min(HARD_MAX_FILE_MIB);
    if bytes.len() as u64 > limit * 1024 * 1024 {
        return Err(too_large(name, bytes.len() as u64, limit));
    }
    // The whole text, not a prefix: a NUL anywhere makes it binary (memchr keeps this cheap).
    if memchr::memchr(0, &bytes).is_some() {
        return Err(Error::input(
            name,
            "binary file (contains NUL bytes), skipped",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::input(
                name,
                format!("not valid UTF-8 (line {line}, byte {at}), skipped"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_sized;

    fn read(content: &[u8], size: u64, cap: u64) -> Vec<u8> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.md");
        std::fs::write(&path, content).expect("write");
        let mut file = std::fs::File::open(&path).expect("open");
        read_sized(&mut file, size, cap).expect("read")
    }

    #[test]
    fn reads_a_file_of_the_size_given() {
        assert_eq!(read(b"# Knee pain\n", 12, 1 << 20), b"# Knee pain\n");
        assert_eq!(read(b"", 0, 1 << 20), b"");
    }

    #[test]
    fn reads_past_a_size_that_was_too_small_up_to_the_cap() {
        // The file grew after its size was taken.
        assert_eq!(read(b"# Knee pain\n", 4, 1 << 20), b"# Knee pain\n");
        assert_eq!(read(b"# Knee pain\n", 4, 8), b"# Knee p");
    }

    #[test]
    fn a_nul_anywhere_makes_a_file_binary() {
        let mut bytes = "Knee pain. ".repeat(1000).into_bytes();
        bytes.push(0);
        let err = super::decode("a.md", bytes, 16).expect_err("binary");
        assert!(err.to_string().contains("binary file"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("a.md");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from(0o600))
            .expect("mkfifo");
        // Run where a hang cannot stop the test binary: a hang shows as no answer.
        let (send, receive) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = send.send(super::read_file(&path, "a.md", 16).map(|_| ()));
            let _ = send.send(
                super::read_small(&path, 1024, "config")
                    .map(|_| ())
                    .map_err(|e| crate::error::Error::input("a.md", e.to_string())),
            );
        });
        let wait = std::time::Duration::from_secs(60);
        let err = receive
            .recv_timeout(wait)
            .expect("no hang")
            .expect_err("refused");
        assert!(
            err.to_string().contains("a FIFO, not a regular file"),
            "{err}"
        );
        let err = receive
            .recv_timeout(wait)
            .expect("no hang")
            .expect_err("refused");
        assert!(err.to_string().contains("a FIFO"), "{err}");
    }

    #[test]
    fn small_files_are_refused_over_their_limit_before_being_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("p.toml");
        std::fs::write(&path, vec![b'#'; 3 * 1024 * 1024]).expect("write");
        let err = super::read_small(&path, 1024 * 1024, "rule pack").expect_err("too large");
        assert!(
            err.to_string()
                .contains("rule pack is 3.0 MiB, over the 1 MiB limit"),
            "{err}"
        );
        assert_eq!(
            super::read_small(&path, 4 * 1024 * 1024, "rule pack")
                .expect("read")
                .len(),
            3 * 1024 * 1024
        );
    }

    #[test]
    fn a_stream_is_read_only_to_its_limit() {
        let mut zeros = std::io::repeat(0);
        assert_eq!(
            super::read_stream(&mut zeros, 1).expect("read").len(),
            1024 * 1024 + 1
        );
    }

    #[test]
    fn stops_at_the_end_of_a_file_that_shrank() {
        assert_eq!(read(b"# Knee\n", 100, 1 << 20), b"# Knee\n");
    }
}
