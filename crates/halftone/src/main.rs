//! `halftone`: a self-hosted media library and image delivery server that speaks the
//! ImageKit API. This binary parses the command line and wires the layers together.

mod allocator;
mod config;
mod keys;
mod migrate_meta;
mod migrate_store;
mod security;
mod seed;
mod serve;
mod stores;

use clap::{Parser, Subcommand};

/// mimalloc, tuned by `allocator::ensure_tuned`, gives freed image buffers back to the OS as soon as
/// a render ends; glibc's malloc kept ~150 MiB after a burst of uploads (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use crate::config::{Config, Flags};

#[derive(Parser)]
#[command(
    name = "halftone",
    version,
    about = "A self-hosted media server that speaks the ImageKit API"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server.
    Serve(Flags),
    /// Print the effective settings (secrets masked).
    Config(Flags),
    /// Copy the metadata database between SQLite and PostgreSQL (either way), resumable,
    /// verified by per-table row counts and checksums. Stop the servers first.
    MigrateMeta {
        /// Target: `sqlite:///path/to/halftone.db` or `postgres://user:password@host/db`.
        #[arg(long)]
        to: String,
        /// Source (default: the configured store: HALFTONE_DATABASE_URL if set, else
        /// `<data_dir>/halftone.db`).
        #[arg(long)]
        from: Option<String>,
        #[command(flatten)]
        flags: Flags,
    },
    /// Copy every blob to another store (`s3://bucket/prefix` or a local folder), verified
    /// and resumable; see docs/distributed.md.
    MigrateStore {
        #[command(flatten)]
        flags: Flags,
        #[command(flatten)]
        args: migrate_store::MigrateArgs,
    },
    /// Fill a data dir with synthetic files, for benchmarks (rows only, one shared original).
    Seed {
        #[arg(long)]
        data_dir: std::path::PathBuf,
        #[arg(long, default_value_t = 1_000_000)]
        files: usize,
        #[arg(long, default_value_t = 10_000)]
        folders: usize,
    },
}

fn main() -> anyhow::Result<()> {
    allocator::ensure_tuned();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(flags) => {
            let config = Config::load(&flags)?;
            init_logging();
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .max_blocking_threads(blocking_threads())
                .build()?;
            runtime.block_on(serve::run(config))
        }
        Command::Seed {
            data_dir,
            files,
            folders,
        } => {
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            runtime.block_on(seed::run(&data_dir, files, folders))
        }
        Command::MigrateMeta { to, from, flags } => {
            let config = Config::load(&flags)?;
            let from = from.unwrap_or_else(|| migrate_meta::configured_url(&config));
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            runtime.block_on(migrate_meta::run(&from, &to))
        }
        Command::MigrateStore { flags, args } => {
            let config = Config::load(&flags)?;
            init_logging();
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
            runtime.block_on(migrate_store::run(&config, &args))
        }
        Command::Config(flags) => {
            print!("{}", Config::load(&flags)?.masked());
            Ok(())
        }
    }
}

/// Threads for blocking work (renders, file reads and writes). Tokio's default allows 512;
/// under a stream of cache misses it started ~18, and each thread that ran a render keeps
/// allocator pages of its own until it exits: 108 → 93 MiB peak with 4 threads, same CPU per
/// request (docs/benchmarks.md, "Peak RSS, attributed"). Renders run at most one per core
/// (`delivery::Delivery`'s semaphore), so twice the cores leaves room for file work beside them.
fn blocking_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (2 * cores).max(4)
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}
