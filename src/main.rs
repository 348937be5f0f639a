//! The `fingertip` binary: parse the command line, run it, map the outcome to an exit
//! code (0 ok, 1 a `--fail-on` finding, 2 error).

use std::process::ExitCode;

use clap::Parser;

// A million platforms are tens of millions of small strings; mimalloc keeps their
// per-allocation overhead and the fragmentation across rayon threads far below glibc's
// (measured at 1M platforms in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = fingertip::cli::Args::parse();
    fingertip::cli::init_tracing(&args);
    match fingertip::app::run(args) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            // A closed pipe (e.g. `fingertip rules | head`) is not an error.
            if let Some(io) = err.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            eprintln!("fingertip: 错误: {err:#}");
            ExitCode::from(2)
        }
    }
}
