//! Loading the rule packs a command runs with; a pack that does not load has its errors printed.

use std::io;
use std::path::PathBuf;

use super::streams::{Io, print_errors};
use crate::emit::OutputFormat;
use crate::rules::Registry;

pub(super) fn load_registry(
    dirs: &[PathBuf],
    format: OutputFormat,
    io: &mut Io<'_>,
) -> io::Result<Option<Registry>> {
    match Registry::load(dirs) {
        Ok(r) => Ok(Some(r)),
        Err(errors) => {
            print_errors(&errors, format, io)?;
            Ok(None)
        }
    }
}
