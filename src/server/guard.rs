//! Shared state behind one lock, and handlers that cannot take the server down: work
//! runs under `catch_unwind`, and a lock poisoned by a panic is recovered, since every
//! mutation leaves the state consistent before it can panic or is redone on resync.

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

    /// Runs `f` on the state; a panic becomes an internal error naming `what`.
    pub fn with<T>(&self, what: &str, f: impl FnOnce(&mut State) -> T) -> jsonrpc::Result<T> {
        let mut state = self.lock();
        catch_unwind(AssertUnwindSafe(|| f(&mut state))).map_err(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            eprintln!("summit-ls: {what} failed: {why}");
            jsonrpc::Error {
                code: jsonrpc::ErrorCode::InternalError,
                message: format!("{what} failed: {why}").into(),
                data: None,
            }
        })
    }
}
