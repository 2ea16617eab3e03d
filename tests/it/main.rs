//! folio's integration tests, in one test binary so that a test run links once: the rewriter
//! on pages and on the demo's real Zola output, the templates rendered with Tera 1.20.1, the
//! CLI, the importer, `folio serve`, crash safety, hostile input, and (when real Zola is found,
//! see [`common::zola`]) end-to-end builds. Run one part with `cargo test --test it NAME::`.

mod common;

mod audit;
mod cli;
#[cfg(unix)]
mod crash;
mod dist;
mod e2e_zola;
mod fuzz_regressions;
mod hostile;
mod icons;
mod import;
mod import_all;
mod import_hostile;
#[cfg(unix)]
mod import_kill;
mod renderers;
mod rewrite;
mod search;
#[cfg(unix)]
mod serve;
mod templates;
