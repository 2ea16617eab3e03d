//! folio: al-folio for Zola. The library behind the `folio` command: the site configuration, the
//! streaming rewrite engine and its passes, the embedded theme and the site starter.

pub mod assets;
pub mod audit;
pub mod config;
pub mod engine;
pub mod error;
pub mod guard;
pub mod html;
pub mod icons;
pub mod import;
pub mod outcome;
pub mod passes;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod unsafe_url;
pub mod url;
pub mod write;
pub mod zola;
