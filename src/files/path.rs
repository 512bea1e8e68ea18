//! Paths as medlint shows and compares them: `.` and `..` resolved without touching the
//! filesystem, names relative to the working folder, `/` as the separator everywhere.

use std::path::{Component, Path, PathBuf};

/// Resolve `.` and `..` without touching the filesystem.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::with_capacity(path.as_os_str().len());
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Path shown for `path`: relative to the working directory when it is inside it.
pub fn display_name(path: &Path, cwd: &Path) -> String {
    let shown = if path.is_relative() {
        normalize(path)
    } else {
        match path.strip_prefix(cwd) {
            Ok(rel) if !rel.as_os_str().is_empty() => normalize(rel),
            _ => normalize(path),
        }
    };
    path_text(&shown)
}

/// A path as text, with `/` between its parts: bytes that are not UTF-8 (Unix names may hold
/// any) are written `\xFF`, so two names that differ only there stay two names.
pub fn path_text(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            let valid = chunk.valid();
            if valid.contains('\\') {
                out.push_str(&valid.replace('\\', "/"));
            } else {
                out.push_str(valid);
            }
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().replace('\\', "/")
    }
}

/// What a derived name sorts by: the path below `cwd` when inside it, else the whole path.
pub fn display_key<'p>(path: &'p Path, cwd: &Path) -> &'p Path {
    path.strip_prefix(cwd).unwrap_or(path)
}

/// Path relative to the config folder, for glob matching.
pub fn relative_to(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A short, stable description of an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_parent_segments() {
        assert_eq!(
            normalize(Path::new("/a/b/../c/./d")),
            PathBuf::from("/a/c/d")
        );
    }
}
