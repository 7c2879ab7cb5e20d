//! `/metrics` in Prometheus's text format, and the figures of the HTTP layer.
//!
//! The other layers record with the `metrics` macros (renders and cache outcomes in delivery
//! and store, purge lag in library, store latency in store); without an installed recorder
//! those are no-ops, so tests and tools that build the layers directly pay nothing.

use std::sync::OnceLock;
use std::time::Duration;

use axum::response::{IntoResponse, Response};
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Seconds: a cache hit takes tens of microseconds, a large render about a second.
const LATENCY_BUCKETS: &[f64] = &[
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// Seconds between a purge being logged and this instance applying it.
const LAG_BUCKETS: &[f64] = &[
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Installs the process-wide recorder; call once, before the layers are built.
pub fn install() -> Result<(), String> {
    let handle = PrometheusBuilder::new()
        .set_buckets(LATENCY_BUCKETS)
        .and_then(|b| {
            b.set_buckets_for_metric(
                metrics_exporter_prometheus::Matcher::Full("halftone_purge_lag_seconds".into()),
                LAG_BUCKETS,
            )
        })
        .and_then(PrometheusBuilder::install_recorder)
        .map_err(|e| e.to_string())?;
    let upkeep = handle.clone();
    // Histograms buffer samples until upkeep folds them in; without it they only grow.
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            upkeep.run_upkeep();
        }
    });
    HANDLE
        .set(handle)
        .map_err(|_| "metrics recorder installed twice".to_owned())
}

pub(crate) fn respond() -> Response {
    match HANDLE.get() {
        Some(handle) => (
            [(
                http::header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            handle.render(),
        )
            .into_response(),
        None => http::StatusCode::NOT_FOUND.into_response(),
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Delivery,
    Api,
    Upload,
    Ui,
    /// Health checks and this endpoint.
    Service,
}

impl Kind {
    pub(crate) fn of(path: &str) -> Kind {
        if matches!(path, "/healthz" | "/readyz" | "/metrics") {
            Kind::Service
        } else if path.starts_with("/api/") {
            Kind::Upload
        } else if path.starts_with("/v1/") || path.starts_with("/v2/") {
            Kind::Api
        } else if crate::ui::owns(path) {
            Kind::Ui
        } else {
            Kind::Delivery
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Delivery => "delivery",
            Kind::Api => "api",
            Kind::Upload => "upload",
            Kind::Ui => "ui",
            Kind::Service => "service",
        }
    }
}

const KINDS: [Kind; 5] = [Kind::Delivery, Kind::Api, Kind::Upload, Kind::Ui, Kind::Service];
const CLASSES: [&str; 5] = ["1xx", "2xx", "3xx", "4xx", "5xx"];

/// Handles made once: a registry lookup per request would cost more than the rest of a
/// cache hit's bookkeeping.
struct HttpFigures {
    requests: [[Counter; 5]; 5],
    durations: [Histogram; 5],
}

fn figures() -> &'static HttpFigures {
    static FIGURES: OnceLock<HttpFigures> = OnceLock::new();
    FIGURES.get_or_init(|| HttpFigures {
        requests: KINDS.map(|kind| {
            CLASSES.map(|class| {
                metrics::counter!("halftone_http_requests_total", "kind" => kind.name(), "status" => class)
            })
        }),
        durations: KINDS
            .map(|kind| metrics::histogram!("halftone_http_request_duration_seconds", "kind" => kind.name())),
    })
}

pub(crate) fn record_request(kind: Kind, status: u16, elapsed: Duration) {
    if HANDLE.get().is_none() {
        return;
    }
    let class = usize::from(status / 100).clamp(1, 5) - 1;
    let figures = figures();
    figures.requests[kind as usize][class].increment(1);
    figures.durations[kind as usize].record(elapsed.as_secs_f64());
}
