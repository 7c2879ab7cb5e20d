//! `halftone migrate-meta`: copies the metadata database between SQLite and PostgreSQL,
//! either way, with the servers stopped. Table by table in pages of whole groups (see
//! `store::Table`), each page one transaction on the target, so an interrupted run is
//! resumed by running it again; a run over a finished copy changes nothing. It ends by
//! comparing every table's row count and SHA-256 on both sides and fails on a difference.

use std::path::Path;

use anyhow::{Context, bail};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use store::{PAGE_GROUPS, PgStore, SqliteStore, TABLES, Table, TableCopy, table_digest};

use crate::config::Config;

/// The metadata store the server would use: `database_url`, else the data dir's SQLite file.
pub fn configured_url(config: &Config) -> String {
    config
        .database_url
        .clone()
        .unwrap_or_else(|| format!("sqlite://{}", config.data_dir.join("halftone.db").display()))
}

pub async fn run(from: &str, to: &str) -> anyhow::Result<()> {
    if from == to {
        bail!("--from and --to name the same database ({from})");
    }
    let source = open(from, true)
        .await
        .with_context(|| format!("opening {from}"))?;
    let target = open(to, false).await.with_context(|| format!("opening {to}"))?;
    eprintln!("Copying {from} -> {to}");
    let bars = MultiProgress::new();
    for table in TABLES {
        copy_table(source.as_ref(), target.as_ref(), table, &bars)
            .await
            .with_context(|| format!("copying {}", table.name))?;
    }
    target
        .finish_copy()
        .await
        .context("advancing the purge log's sequence")?;
    verify(source.as_ref(), target.as_ref()).await
}

/// A store by URL: `sqlite:///path/halftone.db` or `postgres://…`. A SQLite source must
/// exist (opening would create an empty one and copy nothing).
async fn open(url: &str, source: bool) -> anyhow::Result<Box<dyn TableCopy>> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let path = Path::new(path);
        if source && !path.is_file() {
            bail!("no SQLite database at {}", path.display());
        }
        return Ok(Box::new(SqliteStore::open(path).await?));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Box::new(PgStore::connect(url).await?));
    }
    bail!("unsupported database URL {url}: expected sqlite:///path/to/halftone.db or postgres://…")
}

async fn copy_table(
    source: &dyn TableCopy,
    target: &dyn TableCopy,
    table: &Table,
    bars: &MultiProgress,
) -> anyhow::Result<()> {
    let total = source.count_rows(table).await?;
    let bar = bars.add(ProgressBar::new(u64::try_from(total).unwrap_or(0)));
    bar.set_style(
        ProgressStyle::with_template("{msg:>24} [{bar:40}] {pos}/{len} rows")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(table.name);
    let mut after = None;
    loop {
        let page = source.read_page(table, after.as_ref(), PAGE_GROUPS).await?;
        let Some(last) = page.last() else { break };
        after = table.group_of(last);
        target.write_page(table, &page).await?;
        bar.inc(page.len() as u64);
        if after.is_none() {
            break;
        }
    }
    bar.finish();
    Ok(())
}

async fn verify(source: &dyn TableCopy, target: &dyn TableCopy) -> anyhow::Result<()> {
    let mut differ = Vec::new();
    for table in TABLES {
        let (ours, theirs) = tokio::join!(table_digest(source, table), table_digest(target, table));
        let (source_rows, source_sum) = ours?;
        let (target_rows, target_sum) = theirs?;
        // The counts come from COUNT(*) too, so a row the digest pages missed shows.
        let (source_count, target_count) = (source.count_rows(table).await?, target.count_rows(table).await?);
        let same = source_sum == target_sum && source_rows == target_rows && source_count == target_count;
        let short = source_sum.get(..16).unwrap_or_default();
        eprintln!(
            "{:>24}: {source_count} rows, sha256 {short}… {}",
            table.name,
            if same { "ok" } else { "DIFFERENT" }
        );
        if !same {
            differ.push(format!(
                "{}: source {source_count} rows ({source_rows} hashed, {source_sum}), target {target_count} rows \
                 ({target_rows} hashed, {target_sum})",
                table.name
            ));
        }
    }
    if !differ.is_empty() {
        bail!(
            "verification failed, the target differs from the source:\n  {}",
            differ.join("\n  ")
        );
    }
    eprintln!("Verified: every table has the same rows on both sides.");
    Ok(())
}
