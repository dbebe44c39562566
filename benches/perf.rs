//! Performance at any history size, measured side by side (project issue 7).
//!
//! ```text
//! cargo bench --bench perf                       # 0, 1k, 10k, 100k, 1M attempts
//! cargo bench --bench perf -- --sizes 0,1000 --samples 5      # a quick look
//! ```
//! Options: `--sizes a,b,…` (attempts), `--samples N` (process spawns per figure, default 21),
//! `--render-samples N` (default 200), `--answer-samples N` (default 200), `--cache DIR`
//! (default `$AZ900_PERF_CACHE` or `/tmp/az900-perf`).
//!
//! Each history is generated once by `az900::devtools::fill_history` (the app's own
//! `Study::start`/`Study::apply` paths; on `/dev/shm` when present, so the fsyncs of WAL
//! checkpoints cost nothing, then copied to the cache) and reused while the schema's SQL is
//! unchanged. Figures that write (recording answers, the TUI screens, which start sessions)
//! run on a scratch copy, so the cached history never changes size.
//!
//! Printed: a markdown table, also saved to `target/perf.md`. Every figure is a median.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/fill.rs"]
mod fill;

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use az900::bank::Bank;
use az900::clock::{Clock, SystemClock};
use az900::devtools;
use az900::engine::{Action, Mode};
use az900::paths::Paths;
use az900::study::{StartOptions, Study};
use az900::tui::app::{App, Screen};
use az900::tui::event::Msg;
use az900::tui::screens;
use az900::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

const BIN: &str = env!("CARGO_BIN_EXE_az900");
const SCHEMA_RS: &str = include_str!("../src/store/schema.rs");
const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

struct Opts {
    sizes: Vec<usize>,
    samples: usize,
    render_samples: usize,
    answer_samples: usize,
    cache: PathBuf,
}

fn parse_opts() -> Opts {
    let mut o = Opts {
        sizes: vec![0, 1_000, 10_000, 100_000, 1_000_000],
        samples: 21,
        render_samples: 200,
        answer_samples: 200,
        cache: std::env::var_os("AZ900_PERF_CACHE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/tmp/az900-perf")),
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
            "--samples" => o.samples = args.next().unwrap().parse().unwrap(),
            "--render-samples" => o.render_samples = args.next().unwrap().parse().unwrap(),
            "--answer-samples" => o.answer_samples = args.next().unwrap().parse().unwrap(),
            "--cache" => o.cache = PathBuf::from(args.next().unwrap()),
            // cargo bench passes --bench; filters are not used.
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
        0 => "empty".into(),
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

// ---------- statistics ----------

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() - 1) as f64 * p).round() as usize;
    v[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn time_n(n: usize, mut f: impl FnMut()) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            ms(t.elapsed())
        })
        .collect()
}

fn fmt_ms(x: f64) -> String {
    if x.is_nan() {
        "n/a".into()
    } else if x < 0.1 {
        format!("{:.1} µs", x * 1e3)
    } else if x < 10.0 {
        format!("{x:.2} ms")
    } else {
        format!("{x:.1} ms")
    }
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

// ---------- histories ----------

/// The part of schema.rs that decides what a database file holds (the migrations' SQL).
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
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    if n == 0 {
        std::fs::write(dir.join("complete"), "0").unwrap();
        return dir;
    }
    let report = fill::fill(&dir, n, "perf");
    std::fs::write(
        dir.join("complete"),
        format!("{} {}", report.attempts, report.elapsed.as_secs_f64()),
    )
    .unwrap();
    dir
}

/// A writable copy of a history (the database only; no backups).
fn scratch(opts: &Opts, src: &Path, n: usize) -> PathBuf {
    let dir = opts.cache.join(format!("scratch-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = src.join("progress.sqlite3");
    if db.exists() {
        std::fs::copy(&db, dir.join("progress.sqlite3")).unwrap();
    }
    // Today's backup is made once, not measured with the figures: pre-create it.
    make_todays_backup(&dir);
    dir
}

/// Runs the real daily-backup code once so later opens find today's backup done; returns the
/// time it took (ms).
fn make_todays_backup(dir: &Path) -> f64 {
    let paths = Paths::resolve(Some(dir), None).unwrap();
    // An empty history has no file yet: the app creates it before the backup.
    drop(az900::study::open_store(&paths, true).unwrap());
    let t = Instant::now();
    az900::study::daily_backup(&paths, SystemClock.now()).unwrap();
    ms(t.elapsed())
}

/// The day's backup (copy + `quick_check` of the copy), which the TUI makes on a thread after
/// its first frame: timed once on a fresh copy of the history.
fn daily_backup_ms(opts: &Opts, src: &Path, n: usize) -> f64 {
    let dir = scratch(opts, src, n);
    std::fs::remove_dir_all(dir.join("backups")).unwrap();
    let took = make_todays_backup(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    took
}

fn db_bytes(dir: &Path) -> u64 {
    std::fs::metadata(dir.join("progress.sqlite3"))
        .map(|m| m.len())
        .unwrap_or(0)
}

// ---------- figures ----------

/// `az900 --data-dir DIR stats --json`, spawned `samples` times.
fn stats_process(dir: &Path, samples: usize) -> Vec<f64> {
    time_n(samples, || {
        let out = Command::new(BIN)
            .arg("--data-dir")
            .arg(dir)
            .args(["stats", "--json"])
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .unwrap();
        assert!(out.status.success(), "az900 stats failed");
    })
}

/// Today's study day as the app computes it (UTC offset of this machine, rollover 04:00).
fn today() -> i64 {
    let now = SystemClock.now();
    az900::clock::day_of(&SystemClock, now, az900::clock::DEFAULT_ROLLOVER_HOUR)
}

/// The queries the stats command runs, on the maintained aggregates (as `src/store/read.rs`).
fn maintained_sql(today: i64) -> String {
    let from = today - az900::study::STATS_DAYS + 1;
    let lapses = az900::schedule::LEECH_LAPSES;
    format!(
        "SELECT concept, stability, difficulty, last_review, due, reps, lapses, last_question
           FROM memory ORDER BY concept;
         SELECT count(*) FROM concept_stats WHERE first_day = {today};
         SELECT id, started_at, ended_at, scaled, passed, points, max FROM sessions
           WHERE scaled IS NOT NULL AND ended_at IS NOT NULL ORDER BY id;
         SELECT value FROM settings WHERE key = 'exam_date';
         SELECT (SELECT coalesce(sum(answered), 0) FROM daily), (SELECT count(*) FROM sessions),
                (SELECT count(*) FROM question_stats);
         SELECT day FROM daily WHERE day <= {today} AND answered > 0 ORDER BY day DESC;
         SELECT question_id FROM question_stats WHERE last_correct = 0 OR last_marked = 1
           ORDER BY last_at DESC, last_attempt DESC;
         SELECT topic, points, max FROM topic_stats ORDER BY topic;
         SELECT day, answered, correct FROM daily WHERE day BETWEEN {from} AND {today} ORDER BY day;
         SELECT concept, stability, difficulty, last_review, due, reps, lapses, last_question
           FROM memory WHERE lapses >= {lapses} ORDER BY lapses DESC, concept;
         SELECT truth, chosen, n FROM confusion_counts;
         SELECT answered, correct FROM question_stats WHERE question_id = 'x';"
    )
}

/// The same figures computed naively, by scanning `attempts` (what the aggregates replace;
/// names stay ids, and the confusion bytes are grouped whole, which is less work than decoding).
fn naive_sql(today: i64) -> String {
    let from = today - az900::study::STATS_DAYS + 1;
    let lapses = az900::schedule::LEECH_LAPSES;
    format!(
        "SELECT concept, stability, difficulty, last_review, due, reps, lapses, last_question
           FROM memory ORDER BY concept;
         SELECT count(*) FROM (SELECT concept, min(day) AS first FROM attempts GROUP BY concept)
           WHERE first = {today};
         SELECT id, started_at, ended_at, scaled, passed, points, max FROM sessions
           WHERE scaled IS NOT NULL AND ended_at IS NOT NULL ORDER BY id;
         SELECT value FROM settings WHERE key = 'exam_date';
         SELECT count(*), (SELECT count(*) FROM sessions), count(DISTINCT question)
           FROM attempts;
         SELECT DISTINCT day FROM attempts WHERE day <= {today} ORDER BY day DESC;
         SELECT question FROM (SELECT question, correct, marked, answered_at, id,
             row_number() OVER (PARTITION BY question ORDER BY answered_at DESC, id DESC) AS rn
             FROM attempts)
           WHERE rn = 1 AND (correct = 0 OR marked = 1) ORDER BY answered_at DESC, id DESC;
         SELECT topic, sum(points), sum(max) FROM attempts GROUP BY topic ORDER BY topic;
         SELECT day, count(*), sum(correct) FROM attempts WHERE day BETWEEN {from} AND {today}
           GROUP BY day ORDER BY day;
         SELECT concept, stability, difficulty, last_review, due, reps, lapses, last_question
           FROM memory WHERE lapses >= {lapses} ORDER BY lapses DESC, concept;
         SELECT hex(confusion), count(*) FROM attempts WHERE confusion IS NOT NULL
           GROUP BY confusion;
         SELECT count(*), sum(correct) FROM attempts
           WHERE question = (SELECT id FROM names WHERE name = 'x');"
    )
}

/// Runs every statement of `sql` to the last row, in process.
fn run_sql(conn: &rusqlite::Connection, sql: &str) {
    for stmt in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let mut st = conn.prepare_cached(stmt).unwrap();
        let cols = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for c in 0..cols {
                let _ = r.get_ref(c).unwrap();
            }
        }
    }
}

fn sql_in_process(dir: &Path, sql: &str, samples: usize) -> Vec<f64> {
    let db = dir.join("progress.sqlite3");
    if !db.exists() {
        return Vec::new();
    }
    let conn = rusqlite::Connection::open_with_flags(
        &db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .unwrap();
    run_sql(&conn, sql); // warm the page cache and the statement cache
    time_n(samples, || run_sql(&conn, sql))
}

fn have_sqlite3() -> bool {
    Path::new("/usr/bin/sqlite3").exists()
        || Command::new("sqlite3")
            .arg("-version")
            .stdout(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

/// The `sqlite3` CLI running `sql` over the database (a process, like `az900 stats`).
fn sql_cli(dir: &Path, sql: &str, samples: usize) -> Vec<f64> {
    let db = dir.join("progress.sqlite3");
    if !db.exists() {
        return Vec::new();
    }
    time_n(samples, || {
        let mut child = Command::new("sqlite3")
            .arg("-readonly")
            .arg(&db)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(sql.as_bytes())
            .unwrap();
        assert!(child.wait().unwrap().success());
    })
}

/// Library start-up to the first frame: bank, store, study,
/// App (the Home dashboard) and one frame drawn into a 200×60 `TestBackend`.
fn first_frame_library(dir: &Path, samples: usize) -> Vec<f64> {
    let one = || {
        let paths = Paths::resolve(Some(dir), None).unwrap();
        let bank = Bank::embedded().unwrap();
        let clock = SystemClock;
        let store = az900::study::open_store(&paths, true).unwrap();
        let mut study = Study::new(bank, store, Box::new(clock)).unwrap();
        let app = App::new(&mut study, Theme::colored());
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        terminal.draw(|f| screens::render(&app, f)).unwrap();
        assert!(app.status.is_none(), "{:?}", app.status);
    };
    one();
    time_n(samples, one)
}

/// The library start-up split into its stages (medians, ms): bank, `open_store` (open,
/// header/schema/owner checks, migrations), `Study::new`, `App::new` (the Home
/// dashboard queries), the first `draw`; and `PRAGMA quick_check` alone.
fn first_frame_stages(dir: &Path, samples: usize) -> Vec<(&'static str, f64)> {
    let mut t = vec![Vec::new(); 6];
    for _ in 0..samples + 1 {
        let paths = Paths::resolve(Some(dir), None).unwrap();
        let a = Instant::now();
        let bank = Bank::embedded().unwrap();
        let b = Instant::now();
        let store = az900::study::open_store(&paths, true).unwrap();
        let c = Instant::now();
        let mut study = Study::new(bank, store, Box::new(SystemClock)).unwrap();
        let d = Instant::now();
        let app = App::new(&mut study, Theme::colored());
        let e = Instant::now();
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
        terminal.draw(|f| screens::render(&app, f)).unwrap();
        let f = Instant::now();
        drop(app);
        drop(study);
        let conn = rusqlite::Connection::open(paths.database()).unwrap();
        let g = Instant::now();
        let _: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .unwrap();
        let h = Instant::now();
        for (i, d) in [b - a, c - b, d - c, e - d, f - e, h - g]
            .iter()
            .enumerate()
        {
            t[i].push(ms(*d));
        }
    }
    let names = [
        "bank",
        "open_store",
        "Study::new",
        "App::new (dashboard)",
        "first draw",
        "PRAGMA quick_check alone",
    ];
    names
        .iter()
        .zip(t)
        .map(|(n, mut v)| {
            v.remove(0);
            (*n, median(v))
        })
        .collect()
}

/// The real binary in a pseudo-terminal (`script`), 200×60: from spawn to the Home menu on
/// screen. Includes `script` and `stty` (see `pty_baseline`). `None` if it cannot run here.
fn first_frame_pty(dir: &Path, samples: usize) -> Option<Vec<f64>> {
    if !Path::new("/usr/bin/script").exists() {
        return None;
    }
    let mut out = Vec::new();
    for _ in 0..samples + 1 {
        let cmd = format!(
            "stty cols {WIDTH} rows {HEIGHT}; exec {BIN} --data-dir '{}'",
            dir.display()
        );
        out.push(pty_until(&cmd, "Study due", b"q", None)?);
    }
    out.remove(0);
    Some(out)
}

/// The cost of `script` + `stty` alone: spawn to the first output of `echo`.
fn pty_baseline(samples: usize) -> Option<f64> {
    if !Path::new("/usr/bin/script").exists() {
        return None;
    }
    let mut v = Vec::new();
    for _ in 0..samples {
        v.push(pty_until(
            &format!("stty cols {WIDTH} rows {HEIGHT}; exec echo READY"),
            "READY",
            b"",
            None,
        )?);
    }
    Some(median(v))
}

/// Spawns `cmd` under `script`, returns the ms until `marker` appears in its output, then
/// types `keys` (each after the screen settles) and waits for it to end. `rss_file`: run it
/// under `/usr/bin/time` writing the peak RSS there.
fn pty_until(cmd: &str, marker: &str, keys: &[u8], steps: Option<&[(&[u8], &str)]>) -> Option<f64> {
    let t = Instant::now();
    let mut child = Command::new("script")
        .args(["-qfec", cmd, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let found = wait_for(&rx, &mut seen, marker, Duration::from_secs(20));
    let elapsed = ms(t.elapsed());
    let mut stdin = child.stdin.take()?;
    if found {
        for (k, m) in steps.unwrap_or(&[]) {
            seen.clear();
            let _ = stdin.write_all(k);
            let _ = stdin.flush();
            wait_for(&rx, &mut seen, m, Duration::from_secs(20));
        }
    }
    let _ = stdin.write_all(keys);
    let _ = stdin.flush();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            _ if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            _ => {
                while rx.try_recv().is_ok() {}
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    }
    drop(stdin);
    let _ = reader.join();
    if !found {
        let text = String::from_utf8_lossy(&seen);
        eprintln!(
            "  (pty: {marker:?} never appeared; output began {:?})",
            text.chars().take(200).collect::<String>()
        );
        return None;
    }
    Some(elapsed)
}

fn wait_for(
    rx: &mpsc::Receiver<Vec<u8>>,
    seen: &mut Vec<u8>,
    marker: &str,
    limit: Duration,
) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if seen
            .windows(marker.len().max(1))
            .any(|w| w == marker.as_bytes())
        {
            return true;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return false;
        }
        match rx.recv_timeout(left) {
            Ok(chunk) => seen.extend_from_slice(&chunk),
            Err(_) => return false,
        }
    }
}

/// Recording one answer through `Study::apply` (grade, FSRS update, one committed
/// transaction) on the history's scratch copy. Returns (all answers, their medians).
fn record_answers(dir: &Path, samples: usize) -> Vec<f64> {
    let paths = Paths::resolve(Some(dir), None).unwrap();
    let store = az900::study::open_store(&paths, true).unwrap();
    let mut study = Study::new(Bank::embedded().unwrap(), store, Box::new(SystemClock)).unwrap();
    let mut times = Vec::with_capacity(samples);
    let mut k = 0u64;
    while times.len() < samples + 5 {
        k += 1;
        let opts = StartOptions {
            count: Some(20),
            seed: Some(k),
            ..StartOptions::default()
        };
        let mut session = study.start(Mode::Practice, &opts).unwrap();
        while !session.is_finished() && times.len() < samples + 5 {
            let q = session.current_question(&study.bank).unwrap().clone();
            // Alternate right and wrong answers (a wrong one also requeues).
            let response = if times.len() % 3 == 2 {
                wrong_of(&q)
            } else {
                q.body.key()
            };
            let t = Instant::now();
            study
                .apply(
                    &mut session,
                    Action::Answer {
                        response,
                        guess: false,
                    },
                )
                .unwrap();
            times.push(ms(t.elapsed()));
            study.apply(&mut session, Action::Next).unwrap();
        }
        if !session.is_finished() {
            study.abandon(&mut session).unwrap();
        }
    }
    times.drain(..5); // warm-up
    times
}

/// A wrong answer: the first choice that is not the key (or the key reversed).
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
        // Answered right: the wrong third of the answers need no wrong one of these.
        Body::Multi { .. } | Body::Match { .. } | Body::HotArea { .. } => q.body.key(),
    }
}

/// Each screen rendered (pure render into a 200×60 buffer), on the history's scratch copy.
fn screens_render(dir: &Path, samples: usize) -> Vec<(&'static str, f64)> {
    let paths = Paths::resolve(Some(dir), None).unwrap();
    let store = az900::study::open_store(&paths, true).unwrap();
    let mut study = Study::new(Bank::embedded().unwrap(), store, Box::new(SystemClock)).unwrap();
    let mut app = App::new(&mut study, Theme::colored());
    let mut out = Vec::new();
    let mut measure =
        |name: &'static str, app: &App<'_>| out.push((name, render_time(app, samples)));
    measure("Home", &app);
    app.update(Msg::Help);
    measure("Help overlay", &app);
    app.update(Msg::Help);
    app.update(Msg::Pick(5));
    assert_eq!(app.screen, Screen::Stats, "{:?}", app.status);
    measure("Stats", &app);
    app.update(Msg::Back);
    app.update(Msg::Pick(6));
    assert_eq!(app.screen, Screen::Matrix, "{:?}", app.status);
    measure("Matrix", &app);
    app.update(Msg::Back);
    app.update(Msg::Pick(1));
    // Practice opens its setup page first; Enter starts the session.
    assert_eq!(app.screen, Screen::Setup, "{:?}", app.status);
    app.update(Msg::Enter);
    assert_eq!(app.screen, Screen::Session, "{:?}", app.status);
    measure("Question", &app);
    {
        let state = app.session.as_mut().unwrap();
        let q = state
            .session
            .current_question(app.service.bank())
            .unwrap()
            .clone();
        let response = wrong_of(&q);
        app.service
            .apply(
                &mut state.session,
                Action::Answer {
                    response,
                    guess: false,
                },
            )
            .unwrap();
    }
    measure("Feedback", &app);
    app.update(Msg::Submit);
    app.update(Msg::Yes);
    assert_eq!(app.screen, Screen::Results, "{:?}", app.status);
    measure("Results (practice)", &app);
    app.update(Msg::Back);
    app.update(Msg::Pick(2));
    assert_eq!(app.screen, Screen::Setup, "{:?}", app.status);
    app.update(Msg::Enter);
    assert_eq!(app.screen, Screen::Session, "{:?}", app.status);
    {
        let bank = app.service.bank().clone();
        let state = app.session.as_mut().unwrap();
        for i in 0..state.session.items().len() {
            if i % 2 == 0 {
                let q = state.session.current_question(&bank).unwrap().clone();
                app.service
                    .apply(
                        &mut state.session,
                        Action::Answer {
                            response: q.body.key(),
                            guess: false,
                        },
                    )
                    .unwrap();
            }
            app.service.apply(&mut state.session, Action::Next).unwrap();
        }
        state.review_open = true;
    }
    measure("Exam review list", &app);
    app.update(Msg::Submit);
    app.update(Msg::Yes);
    assert_eq!(app.screen, Screen::Results, "{:?}", app.status);
    measure("Results (exam)", &app);
    out
}

fn render_time(app: &App<'_>, samples: usize) -> f64 {
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut buf = Buffer::empty(area);
    screens::draw(app, area, &mut buf);
    median(time_n(samples, || {
        buf.reset();
        screens::draw(app, area, &mut buf);
    }))
}

/// Peak RSS of a TUI session through the library in a child process (this bench re-run with
/// `--child-rss DIR`): start-up, every screen, a practice session, an exam. KiB.
fn child_rss(dir: &Path) {
    let _ = screens_render(dir, 3);
    println!("{}", devtools::peak_rss_kib().unwrap_or(0));
}

fn library_rss(dir: &Path) -> Option<u64> {
    let out = Command::new(std::env::current_exe().ok()?)
        .arg("--child-rss")
        .arg(dir)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// Peak RSS of the real binary: `az900 stats --json`, and (in a pty) a TUI session that
/// opens Stats, starts a practice and quits. KiB, via `/usr/bin/time -f %M`.
fn binary_rss(dir: &Path) -> (Option<u64>, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return (None, None);
    }
    let file = std::env::temp_dir().join(format!("az900-perf-rss-{}", std::process::id()));
    let read = |f: &Path| -> Option<u64> {
        std::fs::read_to_string(f)
            .ok()?
            .lines()
            .last()?
            .trim()
            .parse()
            .ok()
    };
    let ok = Command::new(time)
        .args(["-f", "%M", "-o"])
        .arg(&file)
        .arg(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(["stats", "--json"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let stats = if ok { read(&file) } else { None };
    let _ = std::fs::remove_file(&file);
    let cmd = format!(
        "stty cols {WIDTH} rows {HEIGHT}; exec /usr/bin/time -f %M -o '{}' {BIN} --data-dir '{}'",
        file.display(),
        dir.display()
    );
    let steps: &[(&[u8], &str)] = &[(b"6", "Confusion"), (b"\x1b", "Study due"), (b"2", "1/")];
    let tui = pty_until(&cmd, "Study due", b"qq", Some(steps)).and_then(|_| read(&file));
    let _ = std::fs::remove_file(&file);
    (stats, tui)
}

// ---------- the report ----------

struct Row {
    n: usize,
    db: u64,
    first_run: f64,
    stats_proc: f64,
    cli_floor: f64,
    cli_naive: f64,
    inproc: f64,
    naive: f64,
    frame_lib: f64,
    frame_pty: f64,
    answer: f64,
    answer_p95: f64,
    screens: Vec<(&'static str, f64)>,
    stages: Vec<(&'static str, f64)>,
    rss_stats: Option<u64>,
    rss_tui: Option<u64>,
    rss_lib: Option<u64>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--child-rss") {
        child_rss(Path::new(&args[2]));
        return;
    }
    let opts = parse_opts();
    std::fs::create_dir_all(&opts.cache).unwrap();
    let sqlite = have_sqlite3();
    eprintln!("binary: {BIN}");
    eprintln!("cache:  {}", opts.cache.join(schema_key()).display());

    let bank_ms = median(time_n(opts.render_samples.clamp(10, 50), || {
        Bank::embedded().unwrap();
    }));
    let baseline = pty_baseline(opts.samples.min(11));
    let breakdown = bank_breakdown(opts.render_samples.clamp(10, 50));

    let mut rows = Vec::new();
    for &n in &opts.sizes {
        let dir = history(&opts, n);
        eprintln!("history {}: measuring …", label(n));
        // The first run of a day makes the daily backup on a thread: timed once, apart.
        let first_run = daily_backup_ms(&opts, &dir, n);
        let stats_proc = median(stats_process(&dir, opts.samples));
        let day = today();
        // The naive scans take seconds at 1M: fewer runs there.
        let naive_samples = opts.samples.min(if n >= 1_000_000 { 3 } else { 11 });
        let (cli_floor, cli_naive) = if sqlite {
            (
                median(sql_cli(&dir, &maintained_sql(day), opts.samples)),
                median(sql_cli(&dir, &naive_sql(day), naive_samples)),
            )
        } else {
            (f64::NAN, f64::NAN)
        };
        let inproc = median(sql_in_process(&dir, &maintained_sql(day), opts.samples));
        let naive = median(sql_in_process(&dir, &naive_sql(day), naive_samples));
        let frame_lib = median(first_frame_library(&dir, opts.samples));
        let stages = first_frame_stages(&dir, opts.samples.min(5));
        let frame_pty = first_frame_pty(&dir, opts.samples.min(11))
            .map(median)
            .unwrap_or(f64::NAN);
        let scratch_dir = scratch(&opts, &dir, n);
        let answers = record_answers(&scratch_dir, opts.answer_samples);
        let screens = screens_render(&scratch_dir, opts.render_samples);
        let (rss_stats, rss_tui) = binary_rss(&scratch_dir);
        let rss_lib = library_rss(&scratch_dir);
        let db = db_bytes(&dir);
        let _ = std::fs::remove_dir_all(&scratch_dir);
        let row = Row {
            n,
            db,
            first_run,
            stats_proc,
            cli_floor,
            cli_naive,
            inproc,
            naive,
            frame_lib,
            frame_pty,
            answer: median(answers.clone()),
            answer_p95: percentile(answers, 0.95),
            screens,
            stages,
            rss_stats,
            rss_tui,
            rss_lib,
        };
        eprintln!(
            "  stats {} · first frame {} · answer {}",
            fmt_ms(row.stats_proc),
            fmt_ms(row.frame_lib),
            fmt_ms(row.answer)
        );
        rows.push(row);
    }
    let report = render_report(&opts, &rows, bank_ms, &breakdown, baseline, sqlite);
    print!("{report}");
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    std::fs::create_dir_all(&target).unwrap();
    std::fs::write(target.join("perf.md"), &report).unwrap();
    eprintln!("saved {}", target.join("perf.md").display());
}

/// Where the bank's load time goes: rules, generation, each embedded pack as start-up reads it
/// (typed fast path, every rule checked) and, for comparison, with the full check user packs get
/// (which also locates errors and finds repeated keys). `cargo bench --bench bank` has more.
fn bank_breakdown(samples: usize) -> Vec<(String, f64)> {
    use az900::bank::{embedded, generate, pack};
    use az900::rules::Rules;
    let mut out = vec![(
        "rules.json".to_string(),
        median(time_n(samples, || {
            Rules::embedded().unwrap();
        })),
    )];
    let rules = Rules::embedded().unwrap();
    out.push((
        "generated questions".into(),
        median(time_n(samples, || {
            generate::generate(&rules);
        })),
    ));
    for (name, text) in embedded::PACKS {
        out.push((
            format!("{name} (start-up)"),
            median(time_n(samples, || {
                pack::parse_embedded_pack(name, text, &rules).unwrap();
            })),
        ));
        out.push((
            format!("{name} (full check, as a user pack)"),
            median(time_n(samples, || {
                pack::parse_pack(name, text, &rules).unwrap();
            })),
        ));
    }
    out
}

fn kib(k: Option<u64>) -> String {
    k.map_or("n/a".into(), |k| format!("{:.1} MiB", k as f64 / 1024.0))
}

/// The report, one section after another.
fn render_report(
    opts: &Opts,
    rows: &[Row],
    bank_ms: f64,
    breakdown: &[(String, f64)],
    baseline: Option<f64>,
    sqlite: bool,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# az900 performance\n");
    let _ = writeln!(
        s,
        "Medians of {} process runs / {} answers / {} renders; 200×60 terminal. \
         Machine: {} CPU(s), {}.\n",
        opts.samples,
        opts.answer_samples,
        opts.render_samples,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu_model()
    );
    report_main_table(&mut s, rows, sqlite);
    report_screens_and_stages(&mut s, rows);
    report_memory(&mut s, rows);
    report_once(&mut s, rows, bank_ms, breakdown, baseline);
    s
}

/// The main table: one row per history size.
fn report_main_table(s: &mut String, rows: &[Row], sqlite: bool) {
    let _ = writeln!(
        s,
        "| history | db size | `az900 stats --json` (process) | daily backup, on a thread (copy + check) \
         | `sqlite3` CLI, same queries (floor) | `sqlite3` CLI, naive scans \
         | stats queries in process | naive scans in process | naive / maintained \
         | first frame, library | first frame, real binary in pty | record an answer (p95) |"
    );
    let _ = writeln!(
        s,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let cli = |x: f64| {
        if sqlite { fmt_ms(x) } else { "skipped".into() }
    };
    for r in rows {
        let ratio = if r.inproc > 0.0 && r.naive.is_finite() {
            format!("{:.0}×", r.naive / r.inproc)
        } else {
            "n/a".into()
        };
        let _ = writeln!(
            s,
            "| {} | {:.1} MB | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} ({}) |",
            label(r.n),
            r.db as f64 / 1e6,
            fmt_ms(r.stats_proc),
            fmt_ms(r.first_run),
            cli(r.cli_floor),
            cli(r.cli_naive),
            fmt_ms(r.inproc),
            fmt_ms(r.naive),
            ratio,
            fmt_ms(r.frame_lib),
            fmt_ms(r.frame_pty),
            fmt_ms(r.answer),
            fmt_ms(r.answer_p95),
        );
    }
}

/// Rendering each screen, and where the first frame's time goes.
fn report_screens_and_stages(s: &mut String, rows: &[Row]) {
    let _ = writeln!(
        s,
        "\n## Rendering each screen (pure render into a 200×60 buffer)\n"
    );
    let names: Vec<&str> = rows
        .first()
        .map(|r| r.screens.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    table_by_name(s, "screen", &names, rows, |r| &r.screens);
    let _ = writeln!(s, "\n## Where the first frame's time goes (library)\n");
    let stage_names: Vec<&str> = rows
        .first()
        .map(|r| r.stages.iter().map(|(n, _)| *n).collect())
        .unwrap_or_default();
    table_by_name(s, "stage", &stage_names, rows, |r| &r.stages);
}

/// Peak RSS per history size.
fn report_memory(s: &mut String, rows: &[Row]) {
    let _ = writeln!(s, "\n## Memory (peak RSS)\n");
    let _ = writeln!(
        s,
        "| history | `az900 stats --json` | TUI session, real binary (pty) | TUI session, library |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            label(r.n),
            kib(r.rss_stats),
            kib(r.rss_tui),
            kib(r.rss_lib)
        );
    }
}

/// What is measured once: the bank, the binary, the pty overhead, the growth between sizes.
fn report_once(
    s: &mut String,
    rows: &[Row],
    bank_ms: f64,
    breakdown: &[(String, f64)],
    baseline: Option<f64>,
) {
    let bin = std::fs::metadata(BIN).map_or(0, |m| m.len());
    let _ = writeln!(s, "\n## Once\n");
    let _ = writeln!(
        s,
        "- Embedded bank (rules, generation, packs, validation): {}",
        fmt_ms(bank_ms)
    );
    for (name, t) in breakdown {
        let _ = writeln!(s, "  - {name}: {}", fmt_ms(*t));
    }
    let _ = writeln!(s, "- Release binary: {:.2} MB ({BIN})", bin as f64 / 1e6);
    if let Some(b) = baseline {
        let _ = writeln!(
            s,
            "- pty overhead (`script` + `stty` + exec, to first output of `echo`): {}",
            fmt_ms(b)
        );
    }
    // Growth: start-up ratio between the two largest sizes against their size ratio.
    if let [.., a, b] = rows
        && a.n > 0
        && b.n > a.n
    {
        let _ = writeln!(
            s,
            "- Growth {}→{} ({:.0}× the history): `stats` {:.2}×, first frame {:.2}×, \
             answer {:.2}×",
            label(a.n),
            label(b.n),
            b.n as f64 / a.n as f64,
            b.stats_proc / a.stats_proc,
            b.frame_lib / a.frame_lib,
            b.answer / a.answer
        );
    }
}

/// A table with one row per name and one column per history size.
fn table_by_name(
    s: &mut String,
    head: &str,
    names: &[&str],
    rows: &[Row],
    get: impl Fn(&Row) -> &Vec<(&'static str, f64)>,
) {
    let _ = write!(s, "| {head} |");
    for r in rows {
        let _ = write!(s, " {} |", label(r.n));
    }
    let _ = write!(s, "\n|---|");
    for _ in rows {
        let _ = write!(s, "---:|");
    }
    let _ = writeln!(s);
    for name in names {
        let _ = write!(s, "| {name} |");
        for r in rows {
            let v = get(r)
                .iter()
                .find(|(n, _)| n == name)
                .map_or(f64::NAN, |(_, v)| *v);
            let _ = write!(s, " {} |", fmt_ms(v));
        }
        let _ = writeln!(s);
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}
