//! Test images built in code: encoded PNG/JPEG patterns, an EXIF (TIFF) block builder, a
//! JPEG IPTC segment and PNG chunk surgery. Each test binary uses only part of it.
#![allow(dead_code, reason = "each test binary uses a different part of the helpers")]

pub mod images;
pub mod tiff;
