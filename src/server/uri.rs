//! `file:` URIs to paths and back. Other schemes (an unsaved buffer's `untitled:`) have no
//! path; such a document is placed in the workspace folder under a made-up name.

use lsp_types::Uri;
use percent_encoding::percent_decode_str;
use std::path::PathBuf;

/// The path of a `file:` URI.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; no other host is a local file.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    // Windows paths arrive as `/C:/dir/file.md`.
    let decoded = match decoded.as_bytes() {
        [b'/', drive, b':', ..] if drive.is_ascii_alphabetic() && cfg!(windows) => &decoded[1..],
        _ => &decoded,
    };
    Some(PathBuf::from(decoded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::str::FromStr;

    #[test]
    fn escaped_paths_are_decoded() {
        let uri = Uri::from_str("file:///site/blog%20posts/caf%C3%A9%20%231.md").unwrap();
        assert_eq!(
            to_path(&uri).unwrap(),
            Path::new("/site/blog posts/café #1.md")
        );
        let uri = Uri::from_str("file://localhost/site/a.md").unwrap();
        assert_eq!(to_path(&uri).unwrap(), Path::new("/site/a.md"));
    }

    #[test]
    fn other_schemes_have_no_path() {
        let uri = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(to_path(&uri), None);
    }
}
