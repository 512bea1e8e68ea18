//! The standard streams a command writes to, whether to colour them, and how errors are
//! printed on standard error.

use std::io::{self, IsTerminal, Read, Write};

use codespan_reporting::term::termcolor::Buffer;

use super::args::Color;
use crate::emit::{OutputFormat, github, text};
use crate::error::Error;

/// Standard streams, passed in so tests can capture them.
pub struct Io<'a> {
    /// Standard input.
    pub stdin: &'a mut dyn Read,
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard error.
    pub stderr: &'a mut dyn Write,
    /// Whether standard output is a terminal (for `--color auto`).
    pub stdout_is_terminal: bool,
}

/// A stream whose errors name it ("standard output: No space left on device").
pub(super) struct Named<'a> {
    pub(super) inner: &'a mut dyn Write,
    pub(super) name: &'static str,
}

impl Named<'_> {
    fn named(&self, e: io::Error) -> io::Error {
        io::Error::new(e.kind(), format!("{}: {e}", self.name))
    }
}

impl Write for Named<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|e| self.named(e))
    }
}

pub(super) fn color_choice(color: Color, is_terminal: bool) -> bool {
    match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

pub(super) fn buffer(colored: bool) -> Buffer {
    if colored {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

/// Print tool errors on standard error: as `::error` workflow commands with `--format github`
/// (escaped as annotations are, so the runner shows them and runs nothing they quote), else as
/// text with hidden characters escaped.
pub(super) fn print_errors(
    errors: &[Error],
    format: OutputFormat,
    io: &mut Io<'_>,
) -> io::Result<()> {
    if format == OutputFormat::Github {
        let lines: String = errors.iter().map(github::error).collect();
        return io.stderr.write_all(lines.as_bytes());
    }
    let colored = color_choice(Color::Auto, io::stderr().is_terminal());
    let mut buf = buffer(colored);
    for e in errors {
        text::render_error(e, &mut buf)?;
    }
    io.stderr.write_all(buf.as_slice())
}
