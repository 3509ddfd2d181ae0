//! Pages drawn from the core's data for people to read: shared by the batch commands
//! and the server, so that both show the same page.

pub mod overview;
