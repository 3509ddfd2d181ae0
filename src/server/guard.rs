//! Shared state behind one lock, and handlers that cannot take the server down: work
//! runs under `catch_unwind`, and a lock poisoned by a panic is recovered, since every
//! mutation leaves the state consistent before it can panic or is redone on resync.
//!
//! Changes hold the lock while they apply ([`Shared::with`]); requests hold it only to
//! take a snapshot, and are answered from it: on a thread of the blocking pool
//! ([`Shared::read`]) when they read across the corpus, so a long answer never holds
//! up a keystroke nor the runtime; on their own task ([`Shared::read_now`]) when they
//! are about one document and short.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, MutexGuard};

use tower_lsp_server::jsonrpc;

use super::state::State;

#[derive(Clone, Default)]
pub struct Shared(Arc<Mutex<State>>);

impl Shared {
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the state, under the lock; a panic becomes an internal error
    /// naming `what`.
    pub fn with<T>(&self, what: &str, f: impl FnOnce(&mut State) -> T) -> jsonrpc::Result<T> {
        let mut state = self.lock();
        guarded(what, || f(&mut state))
    }

    /// Runs `f` on a snapshot, off the lock, on the calling task: for answers about one
    /// document that take well under a millisecond (hover, completion, tokens), where
    /// handing the work to another thread would cost more than the work.
    pub fn read_now<T>(&self, what: &'static str, f: impl FnOnce(&State) -> T) -> jsonrpc::Result<T> {
        let snapshot = self.snapshot();
        if let Some(hold) = held(what) {
            std::thread::sleep(hold);
        }
        guarded(what, || f(&snapshot))
    }

    /// A snapshot of the state as it is now: cheap, and unchanged by what comes after.
    pub fn snapshot(&self) -> State {
        self.lock().clone()
    }

    /// Runs `f` on a snapshot, off the lock and off the async runtime's threads; a
    /// panic becomes an internal error naming `what`.
    pub async fn read<T: Send + 'static>(
        &self,
        what: &'static str,
        f: impl FnOnce(&State) -> T + Send + 'static,
    ) -> jsonrpc::Result<T> {
        let snapshot = self.snapshot();
        let answer = move || {
            if let Some(hold) = held(what) {
                std::thread::sleep(hold);
            }
            guarded(what, || f(&snapshot))
        };
        match tokio::task::spawn_blocking(answer).await {
            Ok(answer) => answer,
            Err(err) => Err(internal(what, &err.to_string())),
        }
    }
}

/// For tests that a slow answer holds up nothing else: `SUMMIT_LS_TEST_HOLD=method:ms`
/// makes every answer to `method` take `ms` longer, on its snapshot.
fn held(what: &str) -> Option<std::time::Duration> {
    static HOLD: std::sync::OnceLock<Option<(String, u64)>> = std::sync::OnceLock::new();
    let hold = HOLD.get_or_init(|| {
        let spec = std::env::var("SUMMIT_LS_TEST_HOLD").ok()?;
        let (method, ms) = spec.rsplit_once(':')?;
        Some((method.to_string(), ms.parse().ok()?))
    });
    hold.as_ref().filter(|(method, _)| method == what).map(|(_, ms)| std::time::Duration::from_millis(*ms))
}

fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> jsonrpc::Result<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        internal(what, &why)
    })
}

fn internal(what: &str, why: &str) -> jsonrpc::Error {
    eprintln!("summit-ls: {what} failed: {why}");
    jsonrpc::Error {
        code: jsonrpc::ErrorCode::InternalError,
        message: format!("{what} failed: {why}").into(),
        data: None,
    }
}
