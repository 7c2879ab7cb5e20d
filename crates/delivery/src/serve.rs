//! Cache-first delivery of a URL. A cached answer is served even when the file has been
//! deleted since: only a purge removes it (ImageKit's contract). Signatures are checked
//! before the cache, private responses are never served unsigned, and concurrent misses
//! of one URL render once.

use std::collections::HashMap;
use std::sync::Arc;

use store::{BlobStore, CachedResponse, DeliveryCache, FileRecord, MetaStore, cache_key};
use tokio::sync::Semaphore;

use crate::render_claim::{self, Claim};
use crate::routes::{Route, RouteMemo};
use crate::signature::{self, Signature};
use crate::singleflight::SingleFlight;
use crate::target::Target;
use crate::{DeliveryError, KeyRing, layers, transform_step};

pub struct Delivery {
    meta: Arc<dyn MetaStore>,
    blobs: Arc<dyn BlobStore>,
    cache: Arc<dyn DeliveryCache>,
    keys: KeyRing,
    flights: SingleFlight<Result<CachedResponse, DeliveryError>>,
    /// Renders at once; a burst of misses queues here instead of exhausting memory.
    renders: Arc<Semaphore>,
    routes: RouteMemo,
    /// This instance's name in render claims.
    owner: String,
}

/// A response ready to send, and whether it came from the cache.
#[derive(Debug, Clone)]
pub struct Served {
    pub response: CachedResponse,
    pub cache_hit: bool,
    /// The answer depends on the `Accept` header (`f-auto`).
    pub vary_accept: bool,
    pub attachment: Option<String>,
}

impl Delivery {
    pub fn new(
        meta: Arc<dyn MetaStore>,
        blobs: Arc<dyn BlobStore>,
        cache: Arc<dyn DeliveryCache>,
        keys: impl Into<KeyRing>,
    ) -> Self {
        let parallel = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Self {
            meta,
            blobs,
            cache,
            keys: keys.into(),
            flights: SingleFlight::new(),
            renders: Arc::new(Semaphore::new(parallel)),
            routes: RouteMemo::new(),
            owner: render_claim::owner(),
        }
    }

    fn signature(&self, relative: &str, now: i64) -> Signature {
        signature::check_with(relative, &self.keys, now)
    }

    /// Serves `relative`, the request's path and query after the URL endpoint's path.
    pub async fn serve(&self, relative: &str, accept: Option<&str>) -> Result<Served, DeliveryError> {
        let now = chrono::Utc::now().timestamp();
        let signature = self.signature(relative, now);
        match signature {
            Signature::Invalid => return Err(DeliveryError::BadSignature),
            Signature::Expired => return Err(DeliveryError::ExpiredSignature),
            Signature::Absent | Signature::Valid => {}
        }
        let signed = signature == Signature::Valid;
        // A remembered URL needs no parsing to be looked up; it is parsed only on a miss.
        let (route, parsed) = match self.routes.get(relative) {
            Some(route) => (route, None),
            None => {
                let (route, target, plan) = self.prepare(relative, accept).await?;
                (route, Some((target, plan)))
            }
        };
        let key = route.key(transform_step::accepts_webp(accept));
        if let Some(response) = self.cache.get(key).await {
            if response.private && !signed && !route.named_only {
                return Err(DeliveryError::PrivateFile);
            }
            return Ok(Served {
                response,
                cache_hit: true,
                vary_accept: route.vary_accept(),
                attachment: route.attachment.clone(),
            });
        }
        let (target, plan) = match parsed {
            Some(parsed) => parsed,
            None => {
                let (_, target, plan) = self.prepare(relative, accept).await?;
                (target, plan)
            }
        };
        let produced = self
            .flights
            .run(key, || self.produce(&target, &plan, signed, key.to_owned()))
            .await?;
        Ok(Served {
            response: produced,
            cache_hit: false,
            vary_accept: route.vary_accept(),
            attachment: route.attachment.clone(),
        })
    }

    /// Parses `relative` and its transformation, and remembers what it means for the cache
    /// unless it names a transformation (the account's list can change).
    async fn prepare(
        &self,
        relative: &str,
        accept: Option<&str>,
    ) -> Result<(Arc<Route>, Target, transform_step::Prepared), DeliveryError> {
        let target = Target::parse(relative)?;
        // Only a plan that names a transformation needs the account's list (a query).
        let names_transformation = target.names_transformation();
        let named = if names_transformation {
            self.named_transformations().await?
        } else {
            HashMap::new()
        };
        let plan = transform_step::Prepared::new(&target, accept, &named)?;
        let attachment = target.attachment.then(|| file_name(&target.path));
        let route = Arc::new(Route::new(cache_key(relative), &plan, attachment));
        if !names_transformation {
            self.routes.remember(relative, route.clone());
        }
        Ok((route, target, plan))
    }

    async fn produce(
        &self,
        target: &Target,
        plan: &transform_step::Prepared,
        signed: bool,
        key: String,
    ) -> Result<CachedResponse, DeliveryError> {
        let record = self.lookup(target).await?;
        let version = &record.version;
        if version.is_private && !signed && !plan.named_only() {
            return Err(DeliveryError::PrivateFile);
        }
        let mut claimed = false;
        if !plan.is_original() {
            match render_claim::claim(&*self.meta, &*self.cache, &key, &self.owner).await {
                Claim::Alone | Claim::Found(None) => {}
                Claim::Ours => claimed = true,
                Claim::Found(Some(found)) => {
                    if found.private && !signed && !plan.named_only() {
                        return Err(DeliveryError::PrivateFile);
                    }
                    return Ok(found);
                }
            }
        }
        let produced = self.render_or_read(plan, record, signed, &key).await;
        match produced {
            Ok(response) if claimed => {
                // The shared write and the release go on after the answer; the claim is let go
                // only once other instances can find the entry.
                let (meta, cache, owner) = (self.meta.clone(), self.cache.clone(), self.owner.clone());
                let stored = response.clone();
                tokio::spawn(async move {
                    cache.put_shared(key.clone(), stored).await;
                    render_claim::release(&*meta, &key, &owner).await;
                });
                Ok(response)
            }
            Ok(response) => {
                self.cache.put(key, response.clone()).await;
                Ok(response)
            }
            Err(e) => {
                if claimed {
                    render_claim::release(&*self.meta, &key, &self.owner).await;
                }
                Err(e)
            }
        }
    }

    /// The original's bytes, or the rendered variant, for a record the caller may see.
    async fn render_or_read(
        &self,
        plan: &transform_step::Prepared,
        record: FileRecord,
        signed: bool,
        key: &str,
    ) -> Result<CachedResponse, DeliveryError> {
        let version = &record.version;
        // A working copy, when one exists and is large enough, decodes in a fraction of the time.
        let working = plan.working_copy(&record);
        let mut from_working = false;
        let mut body = None;
        if let Some(copy) = working {
            body = self.blobs.get(&copy.blob_key).await?;
            from_working = body.is_some();
        }
        if body.is_none() {
            body = self.blobs.get(&version.blob_key).await?;
        }
        let Some(body) = body else {
            tracing::error!(
                file_id = record.file_id,
                key = version.blob_key,
                "row points at missing bytes"
            );
            return Err(DeliveryError::NotFound);
        };
        let etag_base = version.version_id.clone();
        let response = if plan.is_original() {
            CachedResponse {
                body,
                content_type: version.mime.clone(),
                etag: format!("\"{etag_base}\""),
                last_modified: version.updated_at,
                private: version.is_private,
                file_path: record.file_path.clone(),
            }
        } else {
            let may_read_private = signed || plan.named_only();
            let paths = plan.layer_paths();
            let layers = layers::fetch(&*self.meta, &*self.blobs, &paths, may_read_private).await?;
            let _permit = self
                .renders
                .acquire()
                .await
                .map_err(|e| DeliveryError::Internal(e.to_string()))?;
            let started = std::time::Instant::now();
            let rendered = plan.render(body, &record, from_working, layers.files).await?;
            metrics::histogram!("halftone_render_seconds").record(started.elapsed().as_secs_f64());
            CachedResponse {
                etag: format!("\"{etag_base}-{:016x}\"", fingerprint(key)),
                // The encoder's buffer is sized by an estimate and grows by doubling, and it was
                // allocated on whichever blocking-pool thread rendered; the RAM tier keeps the
                // body for long, so it gets an exact-size copy made here, on a runtime worker
                // (docs/benchmarks.md, "Peak RSS, attributed").
                body: bytes::Bytes::copy_from_slice(&rendered.bytes),
                content_type: rendered.mime.to_owned(),
                last_modified: version.updated_at,
                // A private layer file makes the answer private: it is cached without the signature.
                private: version.is_private || layers.private,
                file_path: record.file_path.clone(),
            }
        };
        Ok(response)
    }

    /// The account's enabled named transformations, name → transformation text.
    async fn named_transformations(&self) -> Result<HashMap<String, String>, DeliveryError> {
        let records = self.meta.config_list("named-transformations").await?;
        Ok(records
            .into_iter()
            .filter(|r| r.body.get("enabled").and_then(|e| e.as_bool()).unwrap_or(true))
            .filter_map(|r| {
                let name = r.body.get("name")?.as_str()?.to_owned();
                let text = r.body.get("transformation")?.as_str()?.to_owned();
                Some((name, text))
            })
            .collect())
    }

    async fn lookup(&self, target: &Target) -> Result<FileRecord, DeliveryError> {
        let record = self
            .meta
            .file_by_path(&target.path)
            .await?
            .ok_or(DeliveryError::NotFound)?;
        match &target.version {
            None => Ok(record),
            Some(version_id) => self
                .meta
                .version(&record.file_id, version_id)
                .await?
                .ok_or(DeliveryError::NotFound),
        }
    }
}

fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or_default().to_owned()
}

/// A short stable hash of a cache key, for ETags of rendered variants.
fn fingerprint(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
