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

/// Read the file at `path` (shown as `name` in errors), refusing it when it is over the limit
/// (before reading it), binary or not valid UTF-8; a leading BOM is dropped.
pub fn read_file(path: &Path, name: &str, limit_mib: u64) -> Result<String, Error> {
    let io_err = |e: std::io::Error| Error::input(name, io_message(&e));
    let limit = limit_mib.min(HARD_MAX_FILE_MIB);
    // One open, its size from the open file: the path is looked up once.
    let mut file = std::fs::File::open(path).map_err(io_err)?;
    let size = file.metadata().map_err(io_err)?.len();
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
    if bytes[..bytes.len().min(8192)].contains(&0) {
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
    fn stops_at_the_end_of_a_file_that_shrank() {
        assert_eq!(read(b"# Knee\n", 100, 1 << 20), b"# Knee\n");
    }
}
