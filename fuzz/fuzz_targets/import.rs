//! Fuzz target `import`: see `folio_fuzz::import` (fuzz/src/lib.rs) for what it runs and checks.
#![no_main]

libfuzzer_sys::fuzz_target!(
    init: folio_fuzz::quiet_caught_panics(),
    |data: &[u8]| folio_fuzz::import(data)
);
