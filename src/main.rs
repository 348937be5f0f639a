//! The `fingertip` binary: parse the command line (`cli`), run the command (`commands`,
//! which hold all console output), map the outcome to an exit code (0 ok, 1 a
//! `--fail-on` finding, 2 error). clap and anyhow live only on this side.

use std::process::ExitCode;

use clap::Parser;

mod cli;
mod commands;

// A million platforms are tens of millions of small strings; mimalloc keeps their
// per-allocation overhead and the fragmentation across rayon threads far below glibc's
// (measured at 1M platforms in BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`, enum `mi_option_e`, v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds freed pages are kept before they go back to the OS (mimalloc's default
/// is 10; −1 keeps them for reuse). At a million platforms the stages allocate and free
/// gigabytes, and faulting and zeroing returned pages back in is pure cost. Measured on a
/// 1M `audit` with the low-memory XLSX (BENCHMARKS.md), alternating runs on a busy host:
/// 100 ms 30.3–31.9 s / 2,556–2,581 MiB, never 24.8–28.5 s / 2,646–2,670 MiB (2.80 GB).
const PURGE_DELAY_MS: std::os::raw::c_long = -1;
/// Sets [`PURGE_DELAY_MS`] unless the user set `MIMALLOC_PURGE_DELAY`, which wins.
fn keep_freed_pages() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option; mimalloc reads options with atomic loads
        // and allows changing them at any time.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    }
}

fn main() -> ExitCode {
    keep_freed_pages();
    let args = cli::Args::parse();
    cli::init_tracing(&args);
    match commands::run(args) {
        Ok(status) => ExitCode::from(status.code()),
        // A closed pipe (e.g. `fingertip runs | head -1`) is not an error.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("fingertip: 错误: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether an error is, somewhere in its chain, a write to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
