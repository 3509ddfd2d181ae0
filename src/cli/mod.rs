//! The batch commands, on the same core as the server.

pub mod check;
pub mod export;
mod targets;

pub use targets::TargetError;
