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

/// mimalloc instead of the system allocator: 15% less CPU and a lower peak at 10,000
/// items, and it hands freed memory back, which a 100,000-item build needs (README,
/// performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
