//! The analysis core: reports, the knowledge base, the corpus index and the checks.
//! It speaks in byte offsets and its own types; no LSP types in here.

pub mod document;
pub mod front_matter;
pub mod syntax;
pub mod diagnostics;
pub mod fields;
pub mod kb;
pub mod similar;
pub mod workspace;
pub mod checks;
pub mod meetings;
