//! The history's size and the answer path at any history size (project issue 18).
//!
//! ```text
//! cargo bench --bench storage                                 # 1k, 10k, 100k, 1M attempts
//! cargo bench --bench storage -- --sizes 1k,10k --answers 500 # a quick look
//! cargo bench --bench storage -- --sizes 1m --v3 /path/to/v3/progress.sqlite3
//! ```
//! Options: `--sizes a,b,…`, `--answers N` (answers recorded per size, default 2000),
//! `--samples N` (stats runs, default 21), `--cache DIR` (default `/tmp/az900-storage`),
//! `--v3 FILE` (a database written by the schema-v3 release: timed through its migration),
//! `--think-ms N` (pause after each answer, default 5: the learner reads the feedback, and the
//! checkpoint thread gets the gap it has between real answers), `--reuse DIR` (a cache
//! directory of an older schema: its histories are migrated instead of generated),
//! `--answers-only` (skip the stats runs: for interleaved A/B rounds of the answer path).
//!
//! The answer path's variants, for A/B runs of the same command: `AZ900_INLINE_CHECKPOINTS=1`
//! (checkpoints inside the commit, SQLite's default) and `AZ900_WRITER_RESTARTS_WAL=1`
//! (checkpoints on the thread, but the WAL's restart, with its fsync, left to the next answer).
//! Each run also splits its answers by what the WAL did during them: the answer's own commit
//! restarted the WAL, the checkpoint thread was at work, or neither: then whether the answer's
//! thread blocked (a voluntary context switch), was preempted (only involuntary ones: the
//! machine's load) or ran straight through (`/proc/thread-self/status`, read outside the timing).
//!
//! Each history is generated once by `az900::devtools::fill_history` (the app's own paths) on
//! `/dev/shm` and cached by the schema's SQL. Every figure that writes runs on a scratch copy
//! on the cache's disk (so WAL checkpoints pay real fsyncs). Reported per size: file bytes per
//! attempt and the biggest tables and indexes (SQLite's `dbstat`), an answer through
//! `Study::apply` (grade, FSRS update, one commit), an undo, and what `stats --json` gathers
//! in process (`Study::new` + `StatsReport::gather`) and as a process; each as median, 99th
//! percentile and maximum.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/fill.rs"]
mod fill;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use az900::bank::Bank;
use az900::clock::{Clock, SystemClock};
use az900::engine::{Action, Mode};
use az900::paths::Paths;
use az900::study::{StartOptions, StatsReport, Study};

const BIN: &str = env!("CARGO_BIN_EXE_az900");
const SCHEMA_RS: &str = include_str!("../src/store/schema.rs");
/// Anki's collection with 1M reviews (issue 18): 69 MB.
const ANKI_BYTES_PER_REVIEW: f64 = 69.0;

struct Opts {
    sizes: Vec<usize>,
    answers: usize,
    samples: usize,
    cache: PathBuf,
    v3: Option<PathBuf>,
    /// A cache directory of an older schema whose histories are migrated instead of generated.
    reuse: Option<PathBuf>,
    /// Pause after each answer (ms): a learner reads the feedback; checkpoints run meanwhile.
    think_ms: u64,
    /// Only the answers and undos (no stats runs): for A/B rounds of the answer path.
    answers_only: bool,
}

fn parse_opts() -> Opts {
    let mut o = Opts {
        sizes: vec![1_000, 10_000, 100_000, 1_000_000],
        answers: 2_000,
        samples: 21,
        cache: PathBuf::from("/tmp/az900-storage"),
        v3: None,
        reuse: None,
        think_ms: 5,
        answers_only: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sizes" => {
                o.sizes = args
                    .next()
                    .unwrap()
                    .split(',')
                    .map(|s| parse_size(s.trim()))
                    .collect()
            }
            "--answers" => o.answers = args.next().unwrap().parse().unwrap(),
            "--samples" => o.samples = args.next().unwrap().parse().unwrap(),
            "--cache" => o.cache = PathBuf::from(args.next().unwrap()),
            "--v3" => o.v3 = Some(PathBuf::from(args.next().unwrap())),
            "--reuse" => o.reuse = Some(PathBuf::from(args.next().unwrap())),
            "--think-ms" => o.think_ms = args.next().unwrap().parse().unwrap(),
            "--answers-only" => o.answers_only = true,
            _ => {}
        }
    }
    o
}

fn parse_size(s: &str) -> usize {
    let s = s.to_ascii_lowercase().replace('_', "");
    if let Some(k) = s.strip_suffix('k') {
        k.parse::<usize>().unwrap() * 1_000
    } else if let Some(m) = s.strip_suffix('m') {
        m.parse::<usize>().unwrap() * 1_000_000
    } else {
        s.parse().unwrap()
    }
}

fn label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

/// Median, 99th percentile (nearest rank) and maximum, in ms.
fn spread(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    let rank = ((0.99 * n as f64).ceil() as usize).clamp(1, n);
    (median, v[rank - 1], v[n - 1])
}

fn fmt3((m, p, x): (f64, f64, f64)) -> String {
    format!("{m:.3} / {p:.3} / {x:.3}")
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn schema_key() -> String {
    let start = SCHEMA_RS.find("pub const MIGRATIONS").unwrap_or(0);
    let end = SCHEMA_RS
        .find("/// What an existing file")
        .unwrap_or(SCHEMA_RS.len());
    format!("{:016x}", fnv(&SCHEMA_RS[start..end.max(start)]))
}

/// The cached data dir of a history of `n` attempts, generated if missing.
fn history(opts: &Opts, n: usize) -> PathBuf {
    let dir = opts.cache.join(schema_key()).join(n.to_string());
    if dir.join("complete").exists() {
        return dir;
    }
    // A history cached before a later schema step: migrate it rather than generate again.
    if let Some(old) = opts.reuse.as_ref().map(|r| r.join(n.to_string()))
        && old.join("complete").exists()
    {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(old.join("progress.sqlite3"), dir.join("progress.sqlite3")).unwrap();
        drop(az900::store::Store::open_fast(&dir.join("progress.sqlite3")).unwrap());
        // Laid out as the migration from the release lays it out (which ends with VACUUM).
        rusqlite::Connection::open(dir.join("progress.sqlite3"))
            .unwrap()
            .execute_batch("VACUUM")
            .unwrap();
        eprintln!("history {n}: migrated from {} and vacuumed", old.display());
        std::fs::copy(old.join("complete"), dir.join("complete")).unwrap();
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let report = fill::fill(&dir, n, "storage");
    std::fs::write(dir.join("complete"), report.attempts.to_string()).unwrap();
    dir
}

fn scratch(opts: &Opts, src: &Path, name: &str) -> PathBuf {
    let dir = opts.cache.join(format!("scratch-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(src, dir.join("progress.sqlite3")).unwrap();
    // Today's backup is not what these figures measure: make it before.
    let paths = Paths::resolve(Some(&dir), None).unwrap();
    drop(az900::study::open_store(&paths, true).unwrap());
    az900::study::daily_backup(&paths, SystemClock.now()).unwrap();
    dir
}

/// Bytes of the database file, and the biggest tables/indexes by pages (dbstat).
fn sizes(db: &Path) -> (u64, Vec<(String, u64)>) {
    let bytes = std::fs::metadata(db).unwrap().len();
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut parts: Vec<(String, u64)> = conn
        .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
                .collect()
        })
        .unwrap_or_default();
    parts.truncate(6);
    (bytes, parts)
}

fn study_at(dir: &Path) -> Study {
    let paths = Paths::resolve(Some(dir), None).unwrap();
    let store = az900::study::open_store(&paths, true).unwrap();
    Study::new(Bank::embedded().unwrap(), store, Box::new(SystemClock)).unwrap()
}

/// Where an answer's time went, as far as the WAL shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Beside {
    /// The answer's own commit restarted the WAL (and fsynced its new header).
    Restart,
    /// The checkpoint thread was at work during the answer.
    Checkpoint,
    /// Neither, but the answer's thread blocked (a voluntary context switch: I/O or a lock).
    Blocked,
    /// Neither, but the answer's thread was preempted (only involuntary context switches: the
    /// machine's load).
    Preempted,
    /// None of these.
    Quiet,
}

/// This thread's (voluntary, involuntary) context switches so far (zero when unreadable).
fn context_switches() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/thread-self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0)
    };
    (
        field("voluntary_ctxt_switches:"),
        field("nonvoluntary_ctxt_switches:"),
    )
}

/// The WAL header's salts, which change at every restart (zero when unreadable).
fn wal_salts(wal: &std::fs::File) -> u64 {
    use std::os::unix::fs::FileExt;
    let mut b = [0u8; 8];
    wal.read_exact_at(&mut b, 16)
        .map_or(0, |()| u64::from_le_bytes(b))
}

/// One answer through `Study::apply`, timed, with what happened in the WAL meanwhile.
fn timed_answer(
    study: &mut Study,
    session: &mut az900::engine::Session,
    wal: Option<&std::fs::File>,
    answer: Action,
) -> (f64, Beside) {
    let activity = |s: &Study| s.store.checkpoint_activity().unwrap_or_default();
    let (a0, s0) = (activity(study), wal.map(wal_salts));
    let c0 = context_switches();
    let t = Instant::now();
    study.apply(session, answer).unwrap();
    let took = t.elapsed().as_secs_f64() * 1e3;
    let c1 = context_switches();
    let (a1, s1) = (activity(study), wal.map(wal_salts));
    let beside = if s0 != s1 && a1.restarts == a0.restarts {
        Beside::Restart
    } else if a1.started > a0.finished {
        Beside::Checkpoint
    } else if c1.0 > c0.0 {
        Beside::Blocked
    } else if c1.1 > c0.1 {
        Beside::Preempted
    } else {
        Beside::Quiet
    };
    (took, beside)
}

/// `count` answers through `Study::apply` (a third wrong), each timed; then `undos` of them
/// taken back (answer, then undo), each undo timed.
fn answers(
    dir: &Path,
    count: usize,
    undos: usize,
    think_ms: u64,
) -> (Vec<(f64, Beside)>, Vec<f64>) {
    let mut study = study_at(dir);
    let wal = std::fs::File::open(dir.join("progress.sqlite3-wal")).ok();
    let mut times = Vec::with_capacity(count);
    let mut undo_times = Vec::with_capacity(undos);
    let mut k = 0u64;
    while times.len() < count + 5 || undo_times.len() < undos {
        k += 1;
        let opts = StartOptions {
            count: Some(20),
            seed: Some(k),
            ..StartOptions::default()
        };
        let mut session = study.start(Mode::Practice, &opts).unwrap();
        while !session.is_finished() && (times.len() < count + 5 || undo_times.len() < undos) {
            let q = session.current_question(&study.bank).unwrap().clone();
            let response = if times.len() % 3 == 2 {
                wrong_of(&q)
            } else {
                q.body.key()
            };
            let answer = Action::Answer {
                response,
                guess: false,
            };
            let timed = timed_answer(&mut study, &mut session, wal.as_ref(), answer);
            if times.len() < count + 5 {
                times.push(timed);
            } else {
                let t = Instant::now();
                study.apply(&mut session, Action::Undo).unwrap();
                undo_times.push(t.elapsed().as_secs_f64() * 1e3);
                continue;
            }
            study.apply(&mut session, Action::Next).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(think_ms));
        }
        if !session.is_finished() {
            study.abandon(&mut session).unwrap();
        }
    }
    times.drain(..5);
    if let Some(a) = study.store.checkpoint_activity() {
        eprintln!(
            "checkpoint thread: {} checkpoints, {} WAL restarts begun",
            a.finished, a.restarts
        );
    }
    (times, undo_times)
}

/// The answers' spread by what happened beside them: `n × median / p99 / max` per class.
fn by_beside(times: &[(f64, Beside)]) -> String {
    [
        (Beside::Restart, "restart in the commit"),
        (Beside::Checkpoint, "beside a checkpoint"),
        (Beside::Blocked, "neither, blocked"),
        (Beside::Preempted, "neither, preempted"),
        (Beside::Quiet, "none"),
    ]
    .iter()
    .map(|&(class, name)| {
        let v: Vec<f64> = times.iter().filter(|t| t.1 == class).map(|t| t.0).collect();
        if v.is_empty() {
            format!("{name}: 0")
        } else {
            format!("{name}: {} × {}", v.len(), fmt3(spread(v)))
        }
    })
    .collect::<Vec<_>>()
    .join("; ")
}

/// The 1-, 5- and 15-minute load averages, as `/proc/loadavg` gives them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn wrong_of(q: &az900::bank::question::Question) -> az900::bank::question::Response {
    use az900::bank::question::{Body, Response};
    match &q.body {
        Body::Single { choices } | Body::Dropdown { choices, .. } => {
            Response::Choices(vec![choices.iter().position(|c| !c.correct).unwrap_or(0)])
        }
        Body::YesNo { statements } => {
            Response::YesNo(statements.iter().map(|s| Some(!s.answer)).collect())
        }
        Body::Order { items } => Response::Order((0..items.len()).rev().collect()),
        // Answered right: a wrong one of these is not needed for a third of answers wrong.
        Body::Multi { .. } | Body::Match { .. } | Body::HotArea { .. } => q.body.key(),
    }
}

/// What `az900 stats --json` does after loading the bank: open, `Study::new`, gather, JSON.
fn stats_in_process(dir: &Path, samples: usize) -> Vec<f64> {
    let paths = Paths::resolve(Some(dir), None).unwrap();
    let run = || {
        let bank = Bank::embedded().unwrap();
        let t = Instant::now();
        // `stats` only reads: no whole-file check.
        let store = az900::study::open_store(&paths, false).unwrap();
        let study = Study::new(bank, store, Box::new(SystemClock)).unwrap();
        let report = StatsReport::gather(&study).unwrap();
        let json = serde_json::to_string_pretty(&report).unwrap();
        assert!(json.len() > 10);
        t.elapsed().as_secs_f64() * 1e3
    };
    run(); // the day's calibration cache
    (0..samples).map(|_| run()).collect()
}

fn stats_process(dir: &Path, samples: usize) -> Vec<f64> {
    let run = || {
        let t = Instant::now();
        let out = Command::new(BIN)
            .arg("--data-dir")
            .arg(dir)
            .args(["stats", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        t.elapsed().as_secs_f64() * 1e3
    };
    run();
    (0..samples).map(|_| run()).collect()
}

/// The run's first line: profile, checkpoint variant, options.
fn header(opts: &Opts) -> String {
    let mut profile = if cfg!(debug_assertions) {
        "dev profile (deps at opt-level 1)"
    } else {
        "bench profile"
    }
    .to_string();
    let set = |name| std::env::var_os(name).is_some_and(|v| v == "1");
    profile += if set(az900::store::INLINE_CHECKPOINTS) {
        ", checkpoints inline (SQLite's default, as the v3 release)"
    } else if set(az900::store::WRITER_RESTARTS_WAL) {
        ", checkpoints on the store's thread, WAL restarted by the next answer"
    } else {
        ", checkpoints and WAL restarts on the store's thread"
    };
    format!(
        "storage bench, {profile}, {} answers per size ({} ms between answers), {} stats runs, \
         cache {}, load average {} at the start\n\n",
        opts.answers,
        opts.think_ms,
        opts.samples,
        opts.cache.display(),
        load_average()
    )
}

/// One size's row of the table, and the line that splits its answers by what the WAL did.
fn measure(opts: &Opts, n: usize) -> (String, String) {
    let dir = history(opts, n);
    let db = dir.join("progress.sqlite3");
    let (bytes, parts) = sizes(&db);
    eprintln!("history {}: measuring …", label(n));
    let work = scratch(opts, &db, &label(n));
    let (ans, undo) = answers(&work, opts.answers, opts.answers / 10, opts.think_ms);
    let load = load_average();
    let (stats_in, stats_proc) = if opts.answers_only {
        (Vec::new(), Vec::new())
    } else {
        (
            stats_in_process(&work, opts.samples),
            stats_process(&work, opts.samples),
        )
    };
    let _ = std::fs::remove_dir_all(&work);
    let parts = parts
        .iter()
        .map(|(name, b)| format!("{name} {:.1}", *b as f64 / n as f64))
        .collect::<Vec<_>>()
        .join(", ");
    let or_dash = |v: Vec<f64>| {
        if v.is_empty() {
            "—".to_string()
        } else {
            fmt3(spread(v))
        }
    };
    let row = format!(
        "| {} | {:.1} MB | {:.1} | {} | {parts} | {} | {} | {} | {} |\n",
        label(n),
        bytes as f64 / 1e6,
        bytes as f64 / n as f64,
        ANKI_BYTES_PER_REVIEW,
        fmt3(spread(ans.iter().map(|t| t.0).collect())),
        or_dash(undo),
        or_dash(stats_in),
        or_dash(stats_proc),
    );
    let split = format!(
        "- {}: answers by what the WAL did ({}; load average {load} after the answers)\n",
        label(n),
        by_beside(&ans)
    );
    (row, split)
}

/// The v3 → current migration of `v3`, timed on a copy.
fn migration(opts: &Opts, v3: &Path) -> String {
    let n: i64 = rusqlite::Connection::open(v3)
        .unwrap()
        .query_row("SELECT count(*) FROM attempts", [], |r| r.get(0))
        .unwrap();
    let before = std::fs::metadata(v3).unwrap().len();
    let dir = opts.cache.join("scratch-migrate");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("progress.sqlite3");
    std::fs::copy(v3, &db).unwrap();
    let t = Instant::now();
    drop(az900::store::Store::open_fast(&db).unwrap());
    let took = t.elapsed().as_secs_f64();
    let after = std::fs::metadata(&db).unwrap().len();
    let _ = std::fs::remove_dir_all(&dir);
    format!(
        "\nmigration v3 -> v{} of {n} answers (backup, copy, VACUUM; `Store::open_fast`): \
         {took:.1} s; {:.1} MB ({:.1} bytes/attempt) -> {:.1} MB ({:.1} bytes/attempt)\n",
        az900::store::SCHEMA_VERSION,
        before as f64 / 1e6,
        before as f64 / n as f64,
        after as f64 / 1e6,
        after as f64 / n as f64
    )
}

fn main() {
    let opts = parse_opts();
    std::fs::create_dir_all(&opts.cache).unwrap();
    let mut out = header(&opts);
    out += "| attempts | file | bytes/attempt | Anki bytes/review | biggest parts | answer ms (median / p99 / max) | undo ms | stats in process ms | stats process ms |\n|---|---|---|---|---|---|---|---|---|\n";
    let mut splits = String::new();
    for &n in &opts.sizes {
        let (row, split) = measure(&opts, n);
        eprint!("{row}{split}");
        out += &row;
        splits += &split;
    }
    out += "\n";
    out += &splits;
    if let Some(v3) = &opts.v3 {
        out += &migration(&opts, v3);
    }
    print!("{out}");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::write(target.join("storage.md"), &out).unwrap();
}
