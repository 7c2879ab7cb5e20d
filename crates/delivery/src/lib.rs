//! Delivery of media by URL: resolves an endpoint-relative path to the current version's
//! bytes, fills and reads the delivery cache, and shapes the HTTP answer (validators,
//! ranges, conditional requests).

mod effect_step;
mod error;
mod keyring;
#[cfg(test)]
mod layer_tests;
mod layers;
pub mod pipeline;
mod render_claim;
mod response;
mod routes;
mod serve;
mod signature;
mod singleflight;
mod target;
mod transform_step;

pub use error::DeliveryError;
pub use keyring::KeyRing;
pub use response::build_response;
pub use serve::{Delivery, Served};
pub use signature::{Signature, check as check_signature, sign};
