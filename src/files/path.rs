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

/// `.` and `..` resolved in a path written as text with `/` between its parts (as
/// [`path_text`] writes it); a leading `/` is kept.
pub fn normalize_text(text: &str) -> String {
    let rooted = text.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in text.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if rooted { format!("/{joined}") } else { joined }
}

/// `target` written relative to the folder `base`, both absolute paths as text from
/// [`path_text`] (normalised). Paths with different roots (another drive) keep `target` whole.
pub fn relative_text(target: &str, base: &str) -> String {
    let target_parts: Vec<&str> = target.split('/').filter(|p| !p.is_empty()).collect();
    let base_parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    let same_root = target.starts_with('/') == base.starts_with('/')
        && (target.starts_with('/') || target_parts.first() == base_parts.first());
    if !same_root {
        return target.to_string();
    }
    let common = target_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; base_parts.len() - common];
    parts.extend(&target_parts[common..]);
    parts.join("/")
}

/// The path a text from [`path_text`] names: on Unix each `\xFF` escape becomes its byte again.
pub fn path_from_text(text: &str) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let escaped = (bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'x'))
                .then(|| bytes.get(i + 2..i + 4))
                .flatten()
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok());
            match escaped {
                Some(b) => {
                    out.push(b);
                    i += 4;
                }
                None => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        PathBuf::from(std::ffi::OsStr::from_bytes(&out))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(text)
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

    #[test]
    fn relative_text_climbs_out_of_the_base_folder() {
        assert_eq!(relative_text("/s/content/a.md", "/s"), "content/a.md");
        assert_eq!(
            relative_text("/s/content/a.md", "/s/reports"),
            "../content/a.md"
        );
        assert_eq!(relative_text("/s/a.md", "/s/a/b"), "../../a.md");
        assert_eq!(relative_text("D:/x.md", "C:/s"), "D:/x.md");
        assert_eq!(normalize_text("/s/sub/../a/./b.md"), "/s/a/b.md");
        assert_eq!(normalize_text("../a/../../b.md"), "../../b.md");
    }

    #[cfg(unix)]
    #[test]
    fn path_from_text_undoes_path_text() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"dir/a\xff\xfe.md"));
        assert_eq!(path_from_text(&path_text(p)), p);
    }
}
