//! How much article text is being linted at once. Linting a file takes some twenty to forty
//! times its size in memory (tokens, phrase hits, clauses, findings), so a few large files on
//! many workers could exhaust a machine that any one of them fits on. Workers take a share of
//! one process-wide budget for the file they lint and wait while it is spent: small files
//! never wait, and large ones are linted one or two at a time whatever the thread count.

use std::sync::{Condvar, Mutex, PoisonError};

/// Bytes of article text linted at once, across all workers: at the hard file-size ceiling,
/// one file at a time.
pub const IN_FLIGHT_BYTES: u64 = crate::files::read::HARD_MAX_FILE_MIB * 1024 * 1024;

/// A budget of bytes shared by the workers.
pub struct Budget {
    capacity: u64,
    state: Mutex<State>,
    freed: Condvar,
}

/// What the budget's lock guards.
struct State {
    /// Bytes taken.
    used: u64,
    /// Workers waiting for bytes to be freed: a share given back wakes them only when there
    /// are some (waking nobody is still a system call, one per file linted).
    waiting: u32,
}

/// A share of a [`Budget`], given back when dropped.
pub struct Share<'a> {
    budget: &'a Budget,
    bytes: u64,
}

impl Budget {
    /// A budget of `capacity` bytes.
    pub const fn new(capacity: u64) -> Budget {
        Budget {
            capacity,
            state: Mutex::new(State {
                used: 0,
                waiting: 0,
            }),
            freed: Condvar::new(),
        }
    }

    /// Take `bytes` (at most the whole budget, so any one file can go ahead), waiting until
    /// that much is free. A holder never waits for more, so this cannot deadlock.
    pub fn take(&self, bytes: u64) -> Share<'_> {
        let bytes = bytes.min(self.capacity);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        while state.used + bytes > self.capacity {
            state.waiting += 1;
            state = self
                .freed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
            state.waiting -= 1;
        }
        state.used += bytes;
        Share {
            budget: self,
            bytes,
        }
    }

    /// Bytes taken now.
    pub fn used(&self) -> u64 {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .used
    }
}

impl Drop for Share<'_> {
    fn drop(&mut self) {
        let mut state = self
            .budget
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.used -= self.bytes;
        // A waiter counted itself under this lock before it waited, so none is missed.
        let wake = state.waiting > 0;
        drop(state);
        if wake {
            self.budget.freed.notify_all();
        }
    }
}

/// The process's budget for article text.
pub static ARTICLES: Budget = Budget::new(IN_FLIGHT_BYTES);

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    #[test]
    fn holders_never_exceed_the_budget_and_all_finish() {
        let budget = Budget::new(100);
        let peak = AtomicU64::new(0);
        std::thread::scope(|s| {
            for size in [60, 60, 30, 250, 10, 90, 40, 70] {
                let (budget, peak) = (&budget, &peak);
                s.spawn(move || {
                    let share = budget.take(size);
                    peak.fetch_max(budget.used(), Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(2));
                    drop(share);
                });
            }
        });
        assert!(peak.load(Ordering::SeqCst) <= 100);
        assert_eq!(budget.used(), 0);
    }
}
