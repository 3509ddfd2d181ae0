//! summit-ls: a language server for corpora of diplomatic meeting reports.
//!
//! [`corpus`] is the analysis core (byte offsets, no LSP types); [`server`] adapts it to
//! the Language Server Protocol; [`cli`] runs the same core for `check`; [`render`] draws
//! pages (the overview) for both.

pub mod cli;
pub mod corpus;
#[doc(hidden)]
pub mod fuzzing;
pub mod position;
pub mod render;
pub mod server;
