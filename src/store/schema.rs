//! The schema: the migrations list, and the checks that decide whether a file is ours.
//!
//! `MIGRATIONS[i]` takes a database from `user_version` i to i + 1. Each runs in its own
//! `BEGIN IMMEDIATE` transaction together with the `user_version` bump, so a failed or
//! interrupted step leaves the database at the previous version.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use super::error::StoreError;

/// `PRAGMA application_id` of an az900 database ("AZ90" in ASCII).
pub const APPLICATION_ID: i32 = 0x415A_3930;

/// Ordered schema steps; the schema version is their count.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Version 1: sessions, attempts, confusion rows, memory, settings, and the aggregates kept
/// in step with `attempts` (daily, per topic, per concept, per question, confusion counts)
/// so that start-up statistics never scan the attempts.
const V1: &str = "
PRAGMA application_id = 1096431920;

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    mode        TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    settings    TEXT    NOT NULL DEFAULT '{}',
    points      INTEGER,
    max         INTEGER,
    scaled      INTEGER,
    passed      INTEGER
);
-- exam_history, last_exam_results: finished sessions with a scaled score.
CREATE INDEX sessions_exams ON sessions (id) WHERE scaled IS NOT NULL AND ended_at IS NOT NULL;

CREATE TABLE attempts (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question_id  TEXT    NOT NULL,
    concept      TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    response     TEXT,
    points       INTEGER NOT NULL,
    max          INTEGER NOT NULL,
    correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
    time_ms      INTEGER NOT NULL,
    marked       INTEGER NOT NULL CHECK (marked IN (0, 1)),
    guess        INTEGER NOT NULL CHECK (guess IN (0, 1)),
    answered_at  INTEGER NOT NULL,
    day          INTEGER NOT NULL
);
-- per session (history counts, exam answer replacement, last exam results) and
-- latest attempt per question (kept in question_stats).
CREATE INDEX attempts_session ON attempts (session_id, question_id);
CREATE INDEX attempts_question ON attempts (question_id, answered_at, id);
-- a concept's first study day (kept in concept_stats) after an undo.
CREATE INDEX attempts_concept ON attempts (concept, day);

CREATE TABLE owner_confusion (
    attempt_id  INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    truth       INTEGER NOT NULL CHECK (truth BETWEEN 0 AND 2),
    chosen      INTEGER NOT NULL CHECK (chosen BETWEEN 0 AND 2)
);
CREATE INDEX owner_confusion_attempt ON owner_confusion (attempt_id);

CREATE TABLE memory (
    concept        TEXT    PRIMARY KEY NOT NULL,
    stability      REAL    NOT NULL,
    difficulty     REAL    NOT NULL,
    last_review    INTEGER NOT NULL,
    due            INTEGER NOT NULL,
    reps           INTEGER NOT NULL,
    lapses         INTEGER NOT NULL,
    last_question  TEXT
) WITHOUT ROWID;
CREATE INDEX memory_due ON memory (due);
CREATE INDEX memory_lapses ON memory (lapses);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- Aggregates, updated in the same transaction as every attempt written or removed.
CREATE TABLE daily (
    day       INTEGER PRIMARY KEY,
    answered  INTEGER NOT NULL,
    correct   INTEGER NOT NULL,
    points    INTEGER NOT NULL,
    max       INTEGER NOT NULL
);
CREATE TABLE topic_stats (
    topic     TEXT PRIMARY KEY NOT NULL,
    answered  INTEGER NOT NULL,
    correct   INTEGER NOT NULL,
    points    INTEGER NOT NULL,
    max       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE concept_stats (
    concept    TEXT PRIMARY KEY NOT NULL,
    answered   INTEGER NOT NULL,
    correct    INTEGER NOT NULL,
    points     INTEGER NOT NULL,
    max        INTEGER NOT NULL,
    first_day  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE question_stats (
    question_id   TEXT PRIMARY KEY NOT NULL,
    answered      INTEGER NOT NULL,
    correct       INTEGER NOT NULL,
    last_attempt  INTEGER NOT NULL,
    last_correct  INTEGER NOT NULL,
    last_marked   INTEGER NOT NULL,
    last_at       INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX question_stats_review ON question_stats (last_at)
    WHERE last_correct = 0 OR last_marked = 1;
CREATE TABLE confusion_counts (
    truth   INTEGER NOT NULL,
    chosen  INTEGER NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (truth, chosen)
) WITHOUT ROWID;
";

/// Version 2: questions the learner reported (wrong key, unclear, ...), for `az900 reports`
/// and pack authors. The attempt it was reported from is kept while that attempt exists.
const V2: &str = "
CREATE TABLE reports (
    id           INTEGER PRIMARY KEY,
    question_id  TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    reported_at  INTEGER NOT NULL,
    attempt_id   INTEGER REFERENCES attempts (id) ON DELETE SET NULL
);
CREATE INDEX reports_question ON reports (question_id);
CREATE INDEX reports_attempt ON reports (attempt_id) WHERE attempt_id IS NOT NULL;
";

/// Version 3: the saved state of an unfinished exam (JSON of `engine::Snapshot`), so one cut
/// off by a crash, a closed terminal or a quit can be resumed; cleared when the session ends.
const V3: &str = "
ALTER TABLE sessions ADD COLUMN snapshot TEXT;
CREATE INDEX sessions_resumable ON sessions (id) WHERE snapshot IS NOT NULL AND ended_at IS NULL;
";

/// Version 4: the compact history. Every attempt row names its question, concept, topic and
/// kind by an integer id from `names` instead of repeating the text; the learner's response is
/// kept only for an answer that was not fully right (a right one is the key); the matrix
/// confusions move into the attempt row (`confusion`: one byte `truth * 3 + chosen` per pair),
/// replacing `owner_confusion` and its index; the two indexes on text keys give way to two
/// integer ones, and `concept_stats.first_n` (answers on the first day) replaces the index on
/// `(concept, day)` that undo needed. `attempt_log` shows the rows with their names.
///
/// The rows are copied by Rust code at the [`COPY_MARK`] line (it prints a progress line on
/// large histories); the SQL before it runs first, the SQL after it last, all in one
/// transaction.
const V4: &str = "
CREATE TABLE names (
    id    INTEGER PRIMARY KEY,
    name  TEXT    NOT NULL UNIQUE
);
CREATE TABLE attempts_v4 (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    question     INTEGER NOT NULL,
    concept      INTEGER NOT NULL,
    topic        INTEGER NOT NULL,
    kind         INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    max          INTEGER NOT NULL,
    correct      INTEGER NOT NULL CHECK (correct IN (0, 1)),
    time_ms      INTEGER NOT NULL,
    marked       INTEGER NOT NULL CHECK (marked IN (0, 1)),
    guess        INTEGER NOT NULL CHECK (guess IN (0, 1)),
    answered_at  INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    confusion    BLOB,
    response     TEXT
);
ALTER TABLE concept_stats ADD COLUMN first_n INTEGER NOT NULL DEFAULT 0;
UPDATE concept_stats SET first_n = (SELECT count(*) FROM attempts a
    WHERE a.concept = concept_stats.concept AND a.day = concept_stats.first_day);
-- rust: copy attempts
DROP TABLE owner_confusion;
DROP TABLE attempts;
ALTER TABLE attempts_v4 RENAME TO attempts;
-- per session (history counts, exam answer replacement, last exam results, resume).
CREATE INDEX attempts_session ON attempts (session_id);
-- a question's latest attempt after an undo (kept in question_stats).
CREATE INDEX attempts_question ON attempts (question);
CREATE VIEW attempt_log AS
    SELECT a.id, a.session_id, q.name AS question_id, c.name AS concept, t.name AS topic,
           k.name AS kind, a.response, a.points, a.max, a.correct, a.time_ms, a.marked,
           a.guess, a.answered_at, a.day, a.confusion
    FROM attempts a JOIN names q ON q.id = a.question JOIN names c ON c.id = a.concept
         JOIN names t ON t.id = a.topic JOIN names k ON k.id = a.kind;
";

/// Version 5: the study time of each day (`daily.time_ms`, each answer counted up to two
/// minutes, `schedule::pace::ANSWER_CAP_SECS`), for "minutes studied today" of the plan.
const V5: &str = "
ALTER TABLE daily ADD COLUMN time_ms INTEGER NOT NULL DEFAULT 0;
UPDATE daily SET time_ms = t.ms
    FROM (SELECT day, sum(min(time_ms, 120000)) AS ms FROM attempts GROUP BY day) AS t
    WHERE t.day = daily.day;
";

/// Version 6: an unfinished exam's saved state moves to its own table. Kept on the session row,
/// each save grew the row and each finish emptied it, leaving the sessions' pages two-thirds
/// empty (13 of 99 bytes an attempt at 1M answers); session rows now never change size.
const V6: &str = "
CREATE TABLE snapshots (
    session_id  INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    snapshot    TEXT    NOT NULL
);
INSERT INTO snapshots (session_id, snapshot)
    SELECT id, snapshot FROM sessions WHERE snapshot IS NOT NULL AND ended_at IS NULL;
DROP INDEX sessions_resumable;
ALTER TABLE sessions DROP COLUMN snapshot;
";

/// Version 7: a scaled score and a pass mark belong to a full exam only (the whole outline,
/// 40 questions); earlier releases stored them for a part of the exam too, which then showed
/// in stats, history and Home's last exam. Those exams keep their points.
const V7: &str = "
UPDATE sessions SET scaled = NULL, passed = NULL
WHERE mode = 'exam' AND scaled IS NOT NULL
    AND (json_extract(settings, '$.topic') IS NOT NULL
         OR coalesce(json_extract(settings, '$.count'), 40) <> 40);
";

/// Version 8: questions marked for review without an answer (marked, then skipped or left
/// unanswered): Review missed takes them up until they are answered (the answer's own mark then counts).
const V8: &str = "
CREATE TABLE review_marks (
    question_id  TEXT    PRIMARY KEY NOT NULL,
    marked_at    INTEGER NOT NULL
) WITHOUT ROWID;
";

/// The line of [`V4`] where the Rust copy of the attempts runs.
pub(crate) const COPY_MARK: &str = "-- rust: copy attempts";

/// What an existing file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inspection {
    pub version: i64,
    /// No tables at all: a fresh (or zero-length) database.
    pub empty: bool,
}

/// The first bytes of every SQLite database file.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Look at a file's header without SQLite: refuse what is not an SQLite file, what is not a
/// regular file (a pipe would block the open for ever), and what is visibly truncated. A
/// missing or zero-length file passes (SQLite makes it a database), unless a `-wal` beside it
/// holds frames: those are answers the file lost, and a fresh database would delete them.
pub(crate) fn check_header(path: &Path) -> Result<(), StoreError> {
    // The `-wal` first: an instance making a new database writes the main file's header
    // before any frame, so frames seen now with an empty file seen after are an orphan's,
    // never a new database caught between its two writes.
    let wal_frames = wal_has_frames(path);
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return orphan_wal(path, wal_frames),
        Err(e) => return Err(StoreError::io(path, e)),
        Ok(m) if !m.is_file() => {
            let e = std::io::Error::other("not a regular file; move it aside or pass --data-dir");
            return Err(StoreError::io(path, e));
        }
        Ok(m) if m.len() == 0 => return orphan_wal(path, wal_frames),
        Ok(_) => {}
    }
    let mut file = std::fs::File::open(path).map_err(|e| StoreError::io(path, e))?;
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    let mut head = [0u8; 100];
    let n = read_up_to(&mut file, &mut head).map_err(|e| StoreError::io(path, e))?;
    let head = &head[..n];
    let magic_len = n.min(MAGIC.len());
    if head[..magic_len] != MAGIC[..magic_len] {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
        });
    }
    if n < 100 {
        return Err(damaged(path, format!("truncated: only {len} bytes")));
    }
    // Bytes 16–17: page size, big-endian; 1 means 65536.
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        p => u64::from(p),
    };
    if page_size < 512 || !page_size.is_power_of_two() {
        return Err(damaged(path, format!("bad page size {page_size}")));
    }
    if len % page_size != 0 {
        return Err(damaged(
            path,
            format!("truncated: {len} bytes is not a whole number of {page_size}-byte pages"),
        ));
    }
    Ok(())
}

/// Size of a WAL file's header: a `-wal` no longer than this holds no frames.
const WAL_HEADER: u64 = 32;

/// `<path>-wal`.
pub fn wal_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-wal");
    std::path::PathBuf::from(name)
}

/// Whether the `-wal` beside `path` holds frames not yet in the main file.
pub(crate) fn wal_has_frames(path: &Path) -> bool {
    std::fs::metadata(wal_path(path)).is_ok_and(|m| m.len() > WAL_HEADER)
}

/// A missing or empty database whose `-wal` held frames (`wal_frames`, looked at before the
/// file) is damaged: refuse it, leaving both.
fn orphan_wal(path: &Path, wal_frames: bool) -> Result<(), StoreError> {
    let wal = wal_path(path);
    match std::fs::metadata(&wal) {
        Ok(m) if wal_frames => Err(damaged(
            path,
            format!(
                "the file is missing or empty, but {} beside it holds {} bytes of changes",
                wal.display(),
                m.len()
            ),
        )),
        _ => Ok(()),
    }
}

/// Whether the file at `path` starts as every SQLite database does.
pub(crate) fn has_sqlite_magic(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| read_up_to(&mut f, &mut head))
        .is_ok_and(|n| n == head.len() && head == *MAGIC)
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn damaged(path: &Path, detail: String) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    }
}

/// An SQLite error met while reading a file not yet known to be ours, as the refusal it means.
pub(crate) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite {
            path: path.to_path_buf(),
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => damaged(path, e.to_string()),
        _ => StoreError::Sqlite(e),
    }
}

/// `PRAGMA quick_check` on `conn`: `None` when it reports "ok", or its first problems.
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let problems = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    if problems.iter().all(|p| p == "ok") {
        return Ok(None);
    }
    // One line: a problem may span several ("*** in database main ***\nTree 17 page 134: …").
    let lines: Vec<&str> = problems
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("***"))
        .take(3)
        .collect();
    Ok(Some(lines.join("; ")))
}

/// Decide, by reading only, whether an open database is an az900 database this build can use.
pub(crate) fn inspect(
    conn: &Connection,
    path: &Path,
    supported: i64,
    full_check: bool,
) -> Result<Inspection, StoreError> {
    let corrupt = |e| classify(path, e);
    if full_check && let Some(detail) = quick_check(conn).map_err(corrupt)? {
        return Err(damaged(path, detail));
    }
    // One statement, so another instance creating the schema at the same moment cannot make
    // the three readings disagree.
    let (application_id, version, tables): (i32, i64, i64) = conn
        .query_row(
            "SELECT (SELECT application_id FROM pragma_application_id()),
                    (SELECT user_version FROM pragma_user_version()),
                    (SELECT count(*) FROM sqlite_schema)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(corrupt)?;
    let empty = tables == 0;
    if application_id != APPLICATION_ID && (application_id != 0 || !empty) {
        return Err(StoreError::ForeignDatabase {
            path: path.to_path_buf(),
            application_id,
        });
    }
    if version > supported {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported,
        });
    }
    if version == SCHEMA_VERSION && !empty {
        let missing = missing_tables(conn).map_err(corrupt)?;
        if !missing.is_empty() {
            return Err(damaged(
                path,
                format!("its {} table is missing", missing.join(", ")),
            ));
        }
    }
    Ok(Inspection { version, empty })
}

/// The tables of this build's schema, every one of which an up-to-date file has.
const TABLES: &[&str] = &[
    "sessions",
    "memory",
    "settings",
    "daily",
    "topic_stats",
    "concept_stats",
    "question_stats",
    "confusion_counts",
    "reports",
    "names",
    "attempts",
    "snapshots",
    "review_marks",
];

/// The tables of [`TABLES`] the file does not have.
fn missing_tables(conn: &Connection) -> rusqlite::Result<Vec<&'static str>> {
    let mut stmt =
        conn.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1")?;
    let mut missing = Vec::new();
    for t in TABLES {
        if !stmt.exists([t])? {
            missing.push(*t);
        }
    }
    Ok(missing)
}

/// Apply the steps of `migrations` the database has not had yet, each in its own immediate
/// transaction (re-reading `user_version` inside it, so two instances never both apply one).
pub(crate) fn migrate(
    conn: &Connection,
    path: &Path,
    migrations: &[&str],
) -> Result<(), StoreError> {
    // `PRAGMA foreign_keys` cannot change inside a transaction: off around the steps (SQLite's
    // documented way to rebuild a table others refer to), on again whatever happened.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let result = migrate_steps(conn, path, migrations);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if result? {
        // Give the space the rebuilt rows left back to the disk. Not fatal if it fails (a full
        // disk): the file keeps its size and reuses that space.
        let _ = conn.execute_batch("VACUUM");
    }
    Ok(())
}

/// Steps that leave much of an existing history's space empty: v4 rebuilds the attempts (the
/// old rows' pages go free), v6 drops the sessions' snapshot column (their pages stay as empty
/// as the saved exam states left them, about 8 % of a v5 file). Measured in
/// `docs/PERFORMANCE.md`.
const LEAVE_SPACE: &[i64] = &[4, 6];

/// Runs the steps; returns whether one of [`LEAVE_SPACE`] ran on a database with sessions
/// (then the file is worth a VACUUM; a new, empty one is not).
fn migrate_steps(conn: &Connection, path: &Path, migrations: &[&str]) -> Result<bool, StoreError> {
    let mut vacuum = false;
    for (i, sql) in migrations.iter().enumerate() {
        let target = i as i64 + 1;
        let fail = |source| StoreError::Migration {
            path: path.to_path_buf(),
            version: target,
            source,
        };
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
            .map_err(fail)?;
        let current: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        if current >= target {
            continue;
        }
        if LEAVE_SPACE.contains(&target) && !vacuum {
            vacuum = tx
                .query_row("SELECT EXISTS (SELECT 1 FROM sessions)", [], |r| r.get(0))
                .map_err(fail)?;
        }
        match sql.split_once(COPY_MARK) {
            Some((before, after)) => {
                tx.execute_batch(before).map_err(fail)?;
                super::compact::copy_attempts(&tx).map_err(fail)?;
                tx.execute_batch(after).map_err(fail)?;
            }
            None => tx.execute_batch(sql).map_err(fail)?,
        }
        // Foreign keys are off while the steps run (a rebuilt table must not cascade into
        // the rows that point at it): check what they would have checked.
        let broken: Option<String> = tx
            .query_row(
                "SELECT \"table\" || ' row ' || rowid FROM pragma_foreign_key_check LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(fail)?;
        if let Some(row) = broken {
            return Err(fail(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!("foreign key broken by the migration: {row}")),
            )));
        }
        tx.pragma_update(None, "user_version", target)
            .map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(vacuum)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`TABLES`] is this build's schema: a migration that adds a table adds it there too.
    #[test]
    fn the_tables_checked_are_the_schemas_tables() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let conn = &store.conn;
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap();
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut expected: Vec<&str> = TABLES.to_vec();
        expected.sort_unstable();
        assert_eq!(found, expected);
        assert!(missing_tables(conn).unwrap().is_empty());
    }
}
