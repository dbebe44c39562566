//! Shared by the perf and storage benchmarks: a synthetic history written into a data dir.

use std::path::Path;

use az900::bank::Bank;
use az900::clock::{Clock, SystemClock};
use az900::devtools::{self, FillOptions, FillReport};

/// Writes a history of `n` attempts into `dir` (an existing, empty data dir). It is generated
/// in `/dev/shm` when there is one (`az900-<tag>-fill-<n>`), then the database is copied over:
/// much faster than on a slow disk.
pub fn fill(dir: &Path, n: usize, tag: &str) -> FillReport {
    let shm = Path::new("/dev/shm");
    let fill_dir = if shm.is_dir() {
        shm.join(format!("az900-{tag}-fill-{n}"))
    } else {
        dir.to_path_buf()
    };
    let _ = std::fs::remove_dir_all(&fill_dir);
    eprintln!("generating {n} attempts into {} …", fill_dir.display());
    let report = devtools::fill_history(
        &fill_dir,
        Bank::embedded().unwrap(),
        &FillOptions::new(n, SystemClock.now()),
    )
    .unwrap();
    eprintln!(
        "  {} attempts, {} sessions, {} exams, {} undos in {:.1} s",
        report.attempts,
        report.sessions,
        report.exams,
        report.undos,
        report.elapsed.as_secs_f64()
    );
    if fill_dir != dir {
        std::fs::copy(
            fill_dir.join("progress.sqlite3"),
            dir.join("progress.sqlite3"),
        )
        .unwrap();
        let _ = std::fs::remove_dir_all(&fill_dir);
    }
    report
}
