//! The analysis core: reports, the knowledge base, the corpus index and the checks.
//! It speaks in byte offsets and its own types; no LSP types in here.

pub mod catalog;
pub mod checks;
pub mod diagnostics;
pub mod document;
pub mod fields;
pub mod fixes;
pub mod front_matter;
pub mod host;
pub mod infer;
pub mod interval;
pub mod kb;
pub mod meeting_info;
pub mod meeting_links;
pub mod meetings;
pub mod mention_index;
pub mod navigate;
pub mod near_ids;
pub mod overview;
pub mod persistent;
pub mod recognize;
pub mod resolve;
pub mod scan;
pub mod similar;
pub mod symbols;
pub mod syntax;
pub mod text_checks;
pub mod workspace;
