//! The batch commands, on the same core as the server.

pub mod check;
