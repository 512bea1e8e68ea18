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
