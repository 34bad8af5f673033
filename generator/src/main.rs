//! The `leernet` binary: parse arguments, run the subcommand, print the whole error chain
//! once, and choose the exit code (0 clean, 1 content errors, 2 usage or I/O failure).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = <cli::Cli as clap::Parser>::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("leernet: {err:#}");
            ExitCode::from(2)
        }
    }
}
