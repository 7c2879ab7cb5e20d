//! `halftone`: a self-hosted media library and image delivery server that speaks the
//! ImageKit API. This binary parses the command line and wires the layers together.

mod allocator;
mod config;
mod keys;
mod seed;
mod serve;

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
            let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
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
        Command::Config(flags) => {
            print!("{}", Config::load(&flags)?.masked());
            Ok(())
        }
    }
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
