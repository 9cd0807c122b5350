//! The integration tests: one binary (`cargo test --test integration`) that runs the real
//! `gazette` executable on sites in temporary folders, most copied from `tests/fixtures/`.
//! Run one area with a module filter, e.g. `cargo test --test integration serve::`.

mod support;

mod browser_safety;
mod build;
mod concurrent;
mod curator;
mod digest;
mod feeds;
mod hardening;
mod highlight_cache;
mod import;
mod languages;
mod newcomer;
mod newsletter;
mod other_generators;
mod real_blogs;
mod search;
mod serve;
mod validate;
