//! Tool errors: problems with medlint's own inputs (files, config, packs, arguments), as opposed to
//! findings in articles. Any of these makes the run exit 2. Message text is not a stable API.

use std::fmt;
use std::sync::Arc;

use crate::source::Span;

/// Which input an error is about.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read, or is not a text article.
    Input,
    /// `medlint.toml` or another config file.
    Config,
    /// A rule pack.
    Pack,
    /// Command-line usage.
    Usage,
}

/// A problem with medlint's input, optionally located in a file it read.
#[derive(Clone, Debug)]
pub struct Error {
    /// What kind of input was at fault.
    pub kind: ErrorKind,
    /// The file involved, if any.
    pub path: Option<String>,
    /// What went wrong.
    pub message: String,
    /// Where in the file, with the file's text so the error can be shown with its line.
    pub location: Option<Location>,
}

/// A place in a config or pack file.
#[derive(Clone, Debug)]
pub struct Location {
    /// The whole file text.
    pub text: Arc<str>,
    /// The offending bytes.
    pub span: Span,
    /// One-based line of the span's start.
    pub line: usize,
}

impl Error {
    /// An unreadable or non-text input file.
    pub fn input(path: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Input,
            path: Some(path.into()),
            message: message.into(),
            location: None,
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Usage,
            path: None,
            message: message.into(),
            location: None,
        }
    }

    /// An error in a config or pack file at `span`.
    pub fn located(
        kind: ErrorKind,
        path: impl Into<String>,
        text: &Arc<str>,
        span: Span,
        message: impl Into<String>,
    ) -> Error {
        let path = path.into();
        let offset = (span.start as usize).min(text.len());
        let line = crate::source::with_indexed(&path, text, |file| file.line_index(offset) + 1);
        Error {
            kind,
            path: Some(path),
            message: message.into(),
            location: Some(Location {
                text: Arc::clone(text),
                span,
                line,
            }),
        }
    }

    /// An error about a whole file, with no position.
    pub fn in_file(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: Some(path.into()),
            message: message.into(),
            location: None,
        }
    }

    /// One-based line of the error, when it has a location.
    pub fn line(&self) -> Option<usize> {
        self.location.as_ref().map(|loc| loc.line)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line()) {
            (Some(path), Some(line)) => write!(f, "{path}:{line}: {}", self.message),
            (Some(path), None) => write!(f, "{path}: {}", self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for Error {}
