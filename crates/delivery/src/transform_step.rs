//! Between a delivery URL and the pipeline: the parsed transformation, the negotiated
//! output format, and the cache-key suffix that tells variants apart.

use bytes::Bytes;
use store::FileRecord;

use crate::DeliveryError;
use crate::pipeline::Rendered;
use crate::target::Target;

/// A request's transformation, ready to render.
pub struct Prepared {
    transform: bool,
}

impl Prepared {
    pub fn new(target: &Target, _accept: Option<&str>) -> Result<Prepared, DeliveryError> {
        if target.has_transform() {
            return Err(DeliveryError::BadTransformation(
                "Image transformations are not available on this server yet.".into(),
            ));
        }
        Ok(Prepared { transform: false })
    }

    /// Appended to the cache key: variants negotiated from `Accept` differ here.
    pub fn key_suffix(&self) -> String {
        String::new()
    }

    pub fn vary_accept(&self) -> bool {
        false
    }

    /// Whether the answer is the stored bytes as they are.
    pub fn is_original(&self) -> bool {
        !self.transform
    }

    pub async fn render(&self, _body: Bytes, _record: &FileRecord) -> Result<Rendered, DeliveryError> {
        Err(DeliveryError::BadTransformation(
            "Image transformations are not available on this server yet.".into(),
        ))
    }
}
