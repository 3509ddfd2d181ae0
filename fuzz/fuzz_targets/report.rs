//! A report's text: parsed, analysed, indexed and checked against the seeds' corpus.
#![no_main]

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use summit_ls::fuzzing::{self, Fixture};

thread_local! {
    static FIXTURE: RefCell<Fixture> = RefCell::new(Fixture::new(include_str!("../../seeds/corpus.toml")));
}

fuzz_target!(|data: &[u8]| FIXTURE.with_borrow_mut(|fixture| fuzzing::report(fixture, data)));
