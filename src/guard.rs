//! The last line of defence against a bug: a panic while one file is worked on is caught, the
//! file is left as it was and reported with its path, and the run goes on. A user never sees a
//! Rust backtrace: the panic hook installed by [`install_hook`] says nothing inside a guarded
//! call (the caller reports the file) and one plain line outside it.
//!
//! This does not replace fixing the cause: every panic caught here is a bug to report.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    /// Whether this thread is inside [`catch`] (the hook then stays quiet).
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// What the hook saw of the last panic on this thread: message and source location.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook: quiet inside [`catch`], one line without a backtrace elsewhere.
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => (*s).to_owned(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "unknown cause".into()),
        };
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let text = format!("{message}{place}");
        if GUARDED.with(Cell::get) {
            LAST.with(|last| *last.borrow_mut() = Some(text));
        } else {
            eprintln!(
                "error: folio stopped on an internal error: {text}. This is a bug in folio; \
                 please report it with the input that caused it."
            );
        }
    }));
}

/// Runs `f`; a panic in it becomes `Err` with what the panic said (and where), for the caller
/// to report with the file it was working on.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|payload| {
        LAST.with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| {
                payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown cause".into())
            })
    })
}

#[cfg(test)]
mod tests {
    use super::catch;

    #[test]
    fn a_panic_becomes_an_error_and_the_thread_goes_on() {
        super::install_hook();
        let s = String::from("über");
        let index = std::hint::black_box(1);
        let err = catch(|| s[..index].len()).unwrap_err();
        assert!(err.contains("byte index 1 is not a char boundary"), "{err}");
        assert!(err.contains("guard.rs"), "{err}");
        assert_eq!(catch(|| 2 + 2), Ok(4));
    }
}
