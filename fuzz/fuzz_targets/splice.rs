//! Fuzz target `splice`: see `folio_fuzz::splice` (fuzz/src/lib.rs) for what it runs and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(
    init: folio_fuzz::quiet_caught_panics(),
    |data: &[u8]| folio_fuzz::splice(data)
);
