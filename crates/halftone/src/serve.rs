//! `halftone serve`: opens the stores (`stores.rs`), builds the services and the router,
//! binds, prints where it listens and with which keys, and runs until SIGTERM/Ctrl-C.

use std::io::Write;
use std::sync::Arc;

use anyhow::Context;
use api::AppState;
use axum::serve::ListenerExt;
use delivery::Delivery;
use library::{Library, LibrarySettings};
use store::TieredCache;

use crate::config::Config;
use crate::{keys, security, stores};

pub async fn run(config: Config) -> anyhow::Result<()> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("creating data dir {}", config.data_dir.display()))?;
    let keys = keys::load_or_create(
        &config.data_dir,
        config.private_key.as_deref(),
        config.public_key.as_deref(),
    )?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("binding {}", config.listen))?;
    let local = listener.local_addr()?;
    let url_endpoint = config
        .url_endpoint
        .clone()
        .unwrap_or_else(|| format!("http://{local}/media"))
        .trim_end_matches('/')
        .to_owned();
    let mount = url::Url::parse(&url_endpoint)
        .with_context(|| format!("HALFTONE_URL_ENDPOINT is not a URL: {url_endpoint}"))?
        .path()
        .trim_end_matches('/')
        .to_owned();

    if let Err(e) = api::install_metrics() {
        tracing::warn!(error = %e, "no /metrics");
    }
    let stores::Stores { meta, blobs } = stores::open(&config).await?;
    let stores::Blobs {
        originals: blobs,
        cache_bodies,
    } = blobs;
    let cache = TieredCache::new(
        config.cache_size.as_u64(),
        config.disk_cache_size.as_u64(),
        meta.clone(),
        cache_bodies,
    );
    let max_upload = config.max_upload_size.as_u64();
    let mut settings = LibrarySettings::new(&url_endpoint, max_upload);
    settings.purge_on_delete = config.purge_on_delete;
    settings.allow_private_urls = config.upload_allow_private_urls;
    security::apply_url_policy(&config, &mut settings)?;
    let key_ring = security::key_ring(&config, &keys.private_key);
    let library = Library::new(meta.clone(), blobs.clone(), cache.clone(), settings);
    library.start_job_runner();
    library.start_purge_follower();
    let leaving = library.clone();
    let delivery = Arc::new(Delivery::new(meta, blobs, cache, key_ring.clone()));
    let state = AppState {
        library,
        delivery,
        keys: key_ring,
        rate_limits: security::rate_limits(&config),
        public_key: keys.public_key.as_str().into(),
        url_endpoint: url_endpoint.as_str().into(),
        mount: mount.into(),
        max_upload_bytes: max_upload,
        cors: cors_settings(&config)?,
    };

    announce(&local, &url_endpoint, &keys)?;
    // Answers go out as soon as they are written, as nginx does on keep-alive connections.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "could not set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        axum::ServiceExt::<axum::extract::Request>::into_make_service(api::app(state)),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    leaving.leave_instances().await;
    Ok(())
}

fn cors_settings(config: &Config) -> anyhow::Result<api::CorsSettings> {
    let public =
        api::Origins::parse(&config.cors_origins).map_err(|e| anyhow::anyhow!("cors_origins: {e}"))?;
    let management = api::Origins::parse(&config.cors_api_origins)
        .map_err(|e| anyhow::anyhow!("cors_api_origins: {e}"))?;
    api::CorsSettings::new(public, management).map_err(|e| anyhow::anyhow!("cors_api_origins: {e}"))
}

fn announce(local: &std::net::SocketAddr, url_endpoint: &str, keys: &keys::Keys) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Halftone {} listening on http://{local}",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "  URL endpoint: {url_endpoint}")?;
    writeln!(out, "  Private key:  {}", keys.private_key)?;
    writeln!(out, "  Public key:   {}", keys.public_key)?;
    out.flush()?;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
