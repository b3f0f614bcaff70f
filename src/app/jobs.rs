//! Background jobs: named worker threads with progress, cancel, a repaint when they
//! finish, and results cached by their inputs. `ui()` never waits on one.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};

use crate::stats::progress::Progress;

/// One piece of work on its own named thread.
pub struct Job<T> {
    progress: Arc<Progress>,
    rx: Receiver<T>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a thread named `evalbench-<name>`. When it finishes the UI is
    /// asked to repaint, so the result shows without waiting for the mouse to move.
    pub fn spawn(
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(Arc<Progress>) -> T + Send + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let progress = Arc::new(Progress::new());
        let thread_progress = Arc::clone(&progress);
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("evalbench-{name}"))
            .spawn(move || {
                let result = work(thread_progress);
                // The receiver may be gone (the job was replaced); that is fine.
                let _ = tx.send(result);
                ctx.request_repaint();
            });
        if let Err(e) = spawned {
            // No thread could be started: the job stays pending and says so.
            progress.cancel();
            eprintln!("evalbench: could not start the {name} thread: {e}");
        }
        Self { progress, rx }
    }
}

impl<T> Job<T> {
    /// The result, once, when the thread has finished.
    pub fn poll(&mut self) -> Option<T> {
        self.rx.try_recv().ok()
    }

    /// Asks the work to stop at its next check.
    pub fn cancel(&self) {
        self.progress.cancel();
    }

    /// Fraction done in [0, 1].
    #[must_use]
    pub fn fraction(&self) -> f32 {
        self.progress.fraction()
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        // A replaced or abandoned job should stop working.
        self.progress.cancel();
    }
}

/// A result computed in the background from inputs `K`: asking for new inputs starts
/// (or reuses) a job; the last few results are kept, so going back is instant.
pub struct Cached<K, T> {
    current: Option<K>,
    running: Option<(K, Job<T>)>,
    done: VecDeque<(K, Arc<T>)>,
    capacity: usize,
}

impl<K: PartialEq + Clone, T: Send + 'static> Cached<K, T> {
    /// A cache keeping `capacity` finished results.
    #[must_use]
    pub fn new(capacity: usize) -> Self {
        Self {
            current: None,
            running: None,
            done: VecDeque::new(),
            capacity: capacity.max(1),
        }
    }

    /// Makes `key` the wanted inputs, starting `work` if its result is neither cached
    /// nor running. Call every frame with the current inputs; it is cheap when nothing
    /// changed.
    pub fn want(
        &mut self,
        key: &K,
        name: &str,
        ctx: &egui::Context,
        work: impl FnOnce(Arc<Progress>) -> T + Send + 'static,
    ) {
        if let Some((k, job)) = &mut self.running
            && let Some(result) = job.poll()
        {
            let k = k.clone();
            self.running = None;
            self.done.push_back((k, Arc::new(result)));
            while self.done.len() > self.capacity {
                self.done.pop_front();
            }
        }
        self.current = Some(key.clone());
        let cached = self.done.iter().any(|(k, _)| k == key);
        let running = self.running.as_ref().is_some_and(|(k, _)| k == key);
        if !cached && !running {
            // Replacing a running job drops (and so cancels) it.
            self.running = Some((key.clone(), Job::spawn(name, ctx, work)));
        }
    }

    /// The result for the wanted inputs, if finished.
    #[must_use]
    pub fn get(&self) -> Option<&Arc<T>> {
        let key = self.current.as_ref()?;
        self.done
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// The running job for the wanted inputs, if any (for a progress bar).
    #[must_use]
    pub fn pending(&self) -> Option<&Job<T>> {
        self.running
            .as_ref()
            .filter(|(k, _)| Some(k) == self.current.as_ref())
            .map(|(_, j)| j)
    }
}

impl<K: PartialEq + Clone, T: Send + 'static> Default for Cached<K, T> {
    fn default() -> Self {
        Self::new(8)
    }
}
