//! The embedded bank's load time, whole and by stage (project issue 7: "under 5 ms").
//!
//! ```text
//! cargo bench --bench bank                        # 200 in-process samples, 41 process spawns
//! cargo bench --bench bank -- --samples 500 --spawns 101
//! cargo bench --bench bank -- --dump FILE         # also write the bank as JSON (to diff)
//! ```
//! In-process figures are the median and the minimum of `Bank::embedded()` and of each stage
//! of it: `rules.json`, generation, each compiled-in pack as start-up reads it
//! (`parse_embedded_pack`) and as user packs are read (`parse_pack`, the full check with the
//! text scan). Process figures are the median and the minimum wall-clock of `az900 bank list`
//! and of `az900 paths` (the process floor), with empty data and config directories.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

use az900::bank::{Bank, embedded, generate, pack};
use az900::rules::Rules;

const BIN: &str = env!("CARGO_BIN_EXE_az900");

/// Median and minimum of some timings.
#[derive(Clone, Copy)]
struct Stat {
    median: f64,
    min: f64,
}

impl std::ops::Add for Stat {
    type Output = Stat;
    fn add(self, other: Stat) -> Stat {
        Stat {
            median: self.median + other.median,
            min: self.min + other.min,
        }
    }
}

impl std::fmt::Display for Stat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:>8.3} {:>8.3}", self.median, self.min)
    }
}

const ZERO: Stat = Stat {
    median: 0.0,
    min: 0.0,
};

fn stat(mut v: Vec<f64>) -> Stat {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    let median = if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Stat {
        median,
        min: v.first().copied().unwrap_or(f64::NAN),
    }
}

fn time_ms(n: usize, mut f: impl FnMut()) -> Stat {
    // One warm-up run: first-touch page faults and allocator growth are not the steady state.
    f();
    stat(
        (0..n)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

fn spawn_ms(n: usize, args: &[&str], dir: &std::path::Path) -> Stat {
    let run = || {
        let t = Instant::now();
        let status = Command::new(BIN)
            .args(args)
            .env("AZ900_DATA_DIR", dir.join("data"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("HOME", dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args:?}");
        t.elapsed().as_secs_f64() * 1000.0
    };
    run();
    stat((0..n).map(|_| run()).collect())
}

fn main() {
    let mut samples = 200;
    let mut spawns = 41;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--samples" => samples = args.next().unwrap().parse().unwrap(),
            "--spawns" => spawns = args.next().unwrap().parse().unwrap(),
            "--dump" => dump = Some(PathBuf::from(args.next().unwrap())),
            // cargo bench passes --bench; filters are not used.
            _ => {}
        }
    }

    if let Some(path) = dump {
        let bank = Bank::embedded().unwrap();
        std::fs::write(
            &path,
            serde_json::to_string_pretty(bank.questions()).unwrap(),
        )
        .unwrap();
        eprintln!("wrote {} questions to {}", bank.len(), path.display());
    }

    // On a loaded machine a run is often preempted, and the longer the run the likelier: the
    // minimum shows the cost without other processes' time slices.
    println!(
        "{:<58} {:>8} {:>8}",
        format!("in-process, {samples} runs (ms):"),
        "median",
        "min"
    );
    let whole = time_ms(samples, || {
        std::hint::black_box(Bank::embedded().unwrap());
    });
    println!("  {:<56} {whole:>8.3}", "Bank::embedded() (everything)");
    let rules_ms = time_ms(samples, || {
        std::hint::black_box(Rules::embedded().unwrap());
    });
    println!("  {:<56} {rules_ms:>8.3}", "rules.json");
    let rules = Rules::embedded().unwrap();
    let gen_ms = time_ms(samples, || {
        std::hint::black_box(generate::generate(&rules));
    });
    println!("  {:<56} {gen_ms:>8.3}", "generation");
    let mut fast_total = ZERO;
    for (name, text) in embedded::PACKS {
        let ms = time_ms(samples, || {
            std::hint::black_box(pack::parse_embedded_pack(name, text, &rules).unwrap());
        });
        fast_total = fast_total + ms;
        println!("  {:<56} {ms:>8.3}", format!("{name} (start-up path)"));
    }
    println!("  {:<56} {fast_total:>8.3}", "packs, start-up path, sum");
    let mut full_total = ZERO;
    for (name, text) in embedded::PACKS {
        let ms = time_ms(samples, || {
            std::hint::black_box(pack::parse_pack(name, text, &rules).unwrap());
        });
        full_total = full_total + ms;
        println!(
            "  {:<56} {ms:>8.3}",
            format!("{name} (full check, as user packs)")
        );
    }
    println!("  {:<56} {full_total:>8.3}", "packs, full check, sum");

    if spawns > 0 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        println!(
            "{:<58} {:>8} {:>8}",
            format!("process wall-clock, {spawns} spawns (ms):"),
            "median",
            "min"
        );
        let list = spawn_ms(spawns, &["bank", "list"], dir.path());
        println!("  {:<56} {list:>8.3}", "az900 bank list");
        let floor = spawn_ms(spawns, &["paths"], dir.path());
        println!("  {:<56} {floor:>8.3}", "az900 paths (floor)");
    }
}
