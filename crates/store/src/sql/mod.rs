//! The SQL shared by both metadata stores. Each backend (`sqlite/`, `postgres/`) compiles
//! this folder as its own child module (`#[path]`), next to a `dialect` module that names
//! its sqlx types and the few fragments the two engines spell differently (write locks,
//! random ids, JSON access). So every query and the searchQuery compiler exist once in the
//! source, each backend gets concrete types (no trait-bound plumbing over `sqlx::Database`),
//! and a difference between the engines is visible in one place per backend.

mod cache_index;
mod config;
mod fields;
pub(super) mod files;
mod folders;
mod index;
mod jobs;
mod meta_impl;
mod purge;
mod purge_log;
mod render_claims;
mod rows;
mod search;
mod table_copy;
mod transfer;
mod upload_tokens;
mod versions;

use super::dialect;
