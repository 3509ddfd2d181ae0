//! A text and edits applied incrementally, compared with a fresh parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| summit_ls::fuzzing::incremental_sync(data));
