//! The command line: `check` (the default), `rules`, `explain`, `test-rules`, `init`,
//! `suppressions`, `server`. Everything is written to the writers passed in, so tests can run the CLI
//! in-process.

mod args;
mod baselines;
mod check;
mod exit;
mod fixes;
mod inbound;
mod info;
mod outputs;
mod packs;
mod provenance;
mod report_options;
mod settings_for;
mod show;
mod streams;
mod suppressions;
mod today;

pub use exit::{EXIT_ERROR, EXIT_FINDINGS, EXIT_OK};
pub use info::INIT_TEMPLATE;
pub use streams::Io;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::Parser;

use args::{Cli, Command};

/// Run the CLI with `args` (including the program name); returns the exit status.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>, io: &mut Io<'_>) -> u8 {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // As given, for the record reports keep of the run.
    let given: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let rendered = e.render().to_string();
            let out: &mut dyn Write = if e.use_stderr() { io.stderr } else { io.stdout };
            let _ = out.write_all(rendered.as_bytes());
            return code;
        }
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    // A failed write to standard output (a full disk, a closed pipe) says which stream failed.
    let mut stdout = streams::Named {
        inner: &mut *io.stdout,
        name: "standard output",
    };
    let io = &mut Io {
        stdin: &mut *io.stdin,
        stdout: &mut stdout,
        stderr: &mut *io.stderr,
        stdout_is_terminal: io.stdout_is_terminal,
    };
    let result = match cli.command {
        None => check::check(cli.check, &given, &cwd, io),
        Some(Command::Check(args)) => check::check(*args, &given, &cwd, io),
        Some(Command::Rules(args)) => info::rules(args, &cwd, io),
        Some(Command::Explain(args)) => info::explain(args, &cwd, io),
        Some(Command::TestRules(args)) => info::test_rules(args, &cwd, io),
        Some(Command::Init(args)) => info::init(args, &cwd, io),
        Some(Command::Suppressions(args)) => suppressions::suppressions(args, &cwd, io),
        // The protocol owns the process's own standard streams, not the writers passed in.
        Some(Command::Server(_)) => crate::server::serve(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                io.stderr,
                "error: {}",
                crate::text::escape::visible(&e.to_string())
            );
            EXIT_ERROR
        }
    }
}
