//! Engines that turn one kind of text into HTML and are not passes themselves: syntax
//! highlighting ([`highlight`]), LaTeX → MathML ([`math`]), pseudocode ([`pseudocode`]), diffs
//! ([`diff`]) and TeX
//! reading ([`tex`]). Passes, the asset phase and the audit
//! use them; they know nothing of pages or of the rewriter.

pub mod diff;
pub mod highlight;
pub mod math;
pub mod pseudocode;
pub mod tex;
