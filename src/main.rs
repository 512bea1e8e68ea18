//! The `medlint` binary: parse arguments, run, map to an exit status.

use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let mut io = medlint::cli::Io {
        stdin: &mut std::io::stdin(),
        stdout: &mut stdout.lock(),
        stderr: &mut std::io::stderr(),
        stdout_is_terminal: std::io::stdout().is_terminal(),
    };
    ExitCode::from(medlint::cli::run(std::env::args_os(), &mut io))
}

/// A lint run makes many small, short-lived allocations on every worker thread (document
/// blocks, findings, rendered snippets); mimalloc serves them from per-thread pages, which is
/// several percent faster end to end than the system allocator. Transparent huge pages are
/// off, so peak memory stays close to what is in use.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
