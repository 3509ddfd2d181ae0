//! The LSP adapter.

pub fn serve_stdio() {}
