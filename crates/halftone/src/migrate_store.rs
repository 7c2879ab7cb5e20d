//! `halftone migrate-store --to <store> [--from <store>]`: copies every blob (originals,
//! working copies and, unless `--originals-only`, the delivery cache's bodies) from one
//! store location to another, a local folder or `s3://bucket/prefix`.
//!
//! Safe to re-run: an object already at the target with the same size and SHA-256 is
//! skipped, so a stopped run resumes where it was. Every copy is read back from the target
//! and its SHA-256 compared with the source's; any difference or error fails the command.
//! Metadata is not touched: rows name blobs by key, and keys are the same in every store.

use std::sync::Arc;

use anyhow::Context;
use futures::StreamExt;
use indicatif::{ProgressBar, ProgressStyle};
use sha2::{Digest, Sha256};
use store::{BlobInfo, BlobStore};

use crate::config::Config;
use crate::stores::{self, Location};

/// Copies in flight at once: enough to hide S3 round trips, few enough that 8 × a 25 MB
/// original stays small in memory.
const IN_FLIGHT: usize = 8;

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    /// Target: `s3://bucket/prefix` or a local folder (originals go under `blobs/`, cache
    /// bodies under `cache/`, as in a data dir).
    #[arg(long)]
    pub to: String,
    /// Source; default: the configured store (`store`, or the data dir).
    #[arg(long)]
    pub from: Option<String>,
    /// Copy originals and working copies only; the delivery cache refills itself on the
    /// target (its index still names the bodies, which then miss and are rendered again).
    #[arg(long)]
    pub originals_only: bool,
    /// No progress bar (logs and scripts).
    #[arg(long)]
    pub quiet: bool,
}

/// One family of blobs moved from a source store to a target store.
struct Family {
    name: &'static str,
    from: Arc<dyn BlobStore>,
    to: Arc<dyn BlobStore>,
    objects: Vec<BlobInfo>,
}

#[derive(Default)]
struct Tally {
    copied: u64,
    copied_bytes: u64,
    present: u64,
    vanished: u64,
    failures: Vec<String>,
}

enum Outcome {
    Copied(u64),
    Present,
    /// Listed at the source but gone when read (a concurrent delete).
    Vanished,
}

pub async fn run(config: &Config, args: &MigrateArgs) -> anyhow::Result<()> {
    let from = match &args.from {
        Some(text) => Location::parse(text)?,
        None => Location::of(config)?,
    };
    let to = Location::parse(&args.to)?;
    anyhow::ensure!(from != to, "--from and --to are the same store ({from})");
    let s3 = config.s3_settings();
    let source = stores::open_blobs(&from, &s3)?;
    let target = stores::open_blobs(&to, &s3)?;
    let families = families(source, target, args.originals_only).await?;
    let total: usize = families.iter().map(|f| f.objects.len()).sum();
    eprintln!("migrate-store: {total} objects from {from} to {to}");
    let bar = progress(total as u64, args.quiet);
    let mut tally = Tally::default();
    for family in &families {
        copy_family(family, &bar, &mut tally).await;
    }
    bar.finish_and_clear();
    report(&tally, total)
}

async fn families(
    source: stores::Blobs,
    target: stores::Blobs,
    originals_only: bool,
) -> anyhow::Result<Vec<Family>> {
    // In S3 one prefix holds both families, so originals are everything but `cache/`.
    let mut originals = source.originals.list("").await.context("listing the source")?;
    originals.retain(|o| !o.key.starts_with("cache/"));
    let mut families = vec![Family {
        name: "originals",
        from: source.originals,
        to: target.originals,
        objects: originals,
    }];
    if !originals_only {
        let bodies = source
            .cache_bodies
            .list("cache")
            .await
            .context("listing the source cache")?;
        families.push(Family {
            name: "cache",
            from: source.cache_bodies,
            to: target.cache_bodies,
            objects: bodies,
        });
    }
    Ok(families)
}

async fn copy_family(family: &Family, bar: &ProgressBar, tally: &mut Tally) {
    bar.set_message(family.name);
    let mut copies = futures::stream::iter(&family.objects)
        .map(|object| async move {
            let result = copy_one(family, object).await;
            (object, result)
        })
        .buffer_unordered(IN_FLIGHT);
    while let Some((object, result)) = copies.next().await {
        bar.inc(1);
        match result {
            Ok(Outcome::Copied(bytes)) => {
                tally.copied += 1;
                tally.copied_bytes += bytes;
            }
            Ok(Outcome::Present) => tally.present += 1,
            Ok(Outcome::Vanished) => tally.vanished += 1,
            Err(e) => {
                let line = format!("{}: {e:#}", object.key);
                bar.println(format!("migrate-store: FAILED {line}"));
                tally.failures.push(line);
            }
        }
    }
}

async fn copy_one(family: &Family, object: &BlobInfo) -> anyhow::Result<Outcome> {
    let key = object.key.as_str();
    let Some(bytes) = family.from.get(key).await.context("reading the source")? else {
        return Ok(Outcome::Vanished);
    };
    let want = sha256(&bytes);
    let len = bytes.len() as u64;
    if family.to.size(key).await.context("checking the target")? == Some(len)
        && let Some(present) = family.to.get(key).await.context("reading the target")?
        && sha256(&present) == want
    {
        return Ok(Outcome::Present);
    }
    family.to.put(key, bytes).await.context("writing the target")?;
    let back = family
        .to
        .get(key)
        .await
        .context("reading the copy back")?
        .ok_or_else(|| anyhow::anyhow!("the copy is missing right after it was written"))?;
    let got = sha256(&back);
    anyhow::ensure!(
        got == want,
        "checksum mismatch: source sha256 {}, target {} ({} of {len} bytes)",
        hex::encode(want),
        hex::encode(got),
        back.len()
    );
    Ok(Outcome::Copied(len))
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn progress(total: u64, quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} {elapsed_precise} eta {eta}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn report(tally: &Tally, total: usize) -> anyhow::Result<()> {
    eprintln!(
        "migrate-store: {} copied ({} bytes, each verified by SHA-256), {} already present, {} gone at the source, {} failed, of {total}",
        tally.copied,
        tally.copied_bytes,
        tally.present,
        tally.vanished,
        tally.failures.len()
    );
    if tally.failures.is_empty() {
        return Ok(());
    }
    anyhow::bail!(
        "{} objects were not copied or did not verify (first: {}); the target is incomplete: fix the cause and run the same command again",
        tally.failures.len(),
        tally.failures.first().map_or("", String::as_str)
    )
}
