//! Conformance suites for the storage traits, written once and run against every
//! implementation (see `embedded.rs`; distributed backends add their own runner file).

pub mod blob;
pub mod cache;
pub mod meta;
pub mod purge_log;
