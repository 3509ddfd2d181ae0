//! The analysis core: reports, the knowledge base, the corpus index and the checks.
//! It speaks in byte offsets and its own types; no LSP types in here.

pub mod document;
pub mod front_matter;
pub mod syntax;
