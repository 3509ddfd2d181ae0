//! The client's bytes to the stdio transport: frames read and messages checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| summit_ls::fuzzing::transport(data));
