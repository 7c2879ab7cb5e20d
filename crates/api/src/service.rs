//! The service hyper calls for every request: request id and span, CORS by kind of
//! route, a panic guard, then the endpoint dispatch.
//!
//! Built by hand instead of from axum's `Router` with `from_fn` layers: those cloned the
//! boxed router and the whole state and boxed a future per layer on every request, about
//! a third of the instructions of a cache hit (measured with callgrind, docs/benchmarks.md).
//! Here a request costs one `Arc` clone and one boxed future.

use std::convert::Infallible;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::response::Response;
use futures::FutureExt;
use http::HeaderName;
use tower::{Layer, Service, ServiceExt};
use tracing::Instrument;

use crate::cors::{self, CorsPolicy};
use crate::state::AppState;
use crate::{handlers, metrics, middleware, ui};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-ik-requestid");

type BoxedResponse = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

/// The whole HTTP application; cloning it is one reference count.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    state: AppState,
    cors: CorsPolicy,
}

impl App {
    pub fn new(state: AppState) -> Self {
        let cors = CorsPolicy::new(&state.cors, state.mount.clone());
        Self {
            inner: Arc::new(Inner { state, cors }),
        }
    }

    async fn handle(self, request: Request) -> Response {
        let started = std::time::Instant::now();
        let kind = metrics::Kind::of(request.uri().path());
        let id = middleware::request_id();
        let span = tracing::info_span!("request", request_id = id.to_str().unwrap_or_default(), method = %request.method(), path = %request.uri().path());
        let mut response = self.with_cors(request).instrument(span.clone()).await;
        response.headers_mut().insert(REQUEST_ID, id);
        tracing::debug!(parent: &span, status = response.status().as_u16(), "answered");
        metrics::record_request(kind, response.status().as_u16(), started.elapsed());
        response
    }

    /// CORS sits outside the panic guard, so even a 500 carries what a browser needs to read it.
    async fn with_cors(&self, request: Request) -> Response {
        let Some(rule) = self.inner.cors.rule_for(request.uri().path()) else {
            return guarded(&self.inner.state, request).await;
        };
        if let Some(added) = rule.simple_headers(request.method()) {
            let mut response = guarded(&self.inner.state, request).await;
            cors::add_headers(response.headers_mut(), added);
            return response;
        }
        let inner = self.inner.clone();
        let behind = tower::service_fn(move |request: Request| {
            let inner = inner.clone();
            async move { Ok::<_, Infallible>(guarded(&inner.state, request).await) }
        });
        match rule.layer().layer(behind).oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    }
}

impl Service<Request> for App {
    type Response = Response;
    type Error = Infallible;
    type Future = BoxedResponse;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let app = self.clone();
        Box::pin(async move { Ok(app.handle(request).await) })
    }
}

async fn guarded(state: &AppState, request: Request) -> Response {
    match AssertUnwindSafe(route(state, request)).catch_unwind().await {
        Ok(response) => response,
        Err(panic) => middleware::panic_response(panic),
    }
}

/// `/ui` is the web media library whatever the URL endpoint is; the rest is the endpoint table.
async fn route(state: &AppState, request: Request) -> Response {
    if request.uri().path() == "/metrics" && request.method() == http::Method::GET {
        metrics::respond()
    } else if ui::owns(request.uri().path()) {
        ui::handle(state, request).await
    } else {
        handlers::dispatch(state, request).await
    }
}
