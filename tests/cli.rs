//! The real binary: commands, errors and exit codes, and a `--plain` session end to end.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn az900(data: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("az900").unwrap();
    cmd.env_remove("AZ900_DATA_DIR")
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(data);
    cmd
}

fn stats(data: &std::path::Path) -> Value {
    let out = az900(data).args(["stats", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn bank_list_json_counts_every_question_by_topic_kind_and_concept() {
    let dir = tempfile::tempdir().unwrap();
    let out = az900(dir.path())
        .args(["bank", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let total = v["total"].as_u64().unwrap();
    let by_kind: u64 = v["by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    let by_topic: u64 = v["by_topic"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_kind, total);
    assert_eq!(by_topic, total);
    assert_eq!(
        v["generated"].as_u64().unwrap() + v["authored"].as_u64().unwrap(),
        total
    );
    assert_eq!(
        v["concepts"].as_u64().unwrap() as usize,
        v["by_concept"].as_object().unwrap().len()
    );
}

#[test]
fn a_broken_pack_is_reported_with_file_line_column_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("broken.json");
    std::fs::write(
        &pack,
        r#"{
  "format": 1,
  "pack": "broken",
  "title": "Broken",
  "questions": [
    {
      "id": "broken-one",
      "concept": "broken-one",
      "topic": "shared-responsibility",
      "kind": "single",
      "prompt": "Who owns the data in SaaS?",
      "choices": [
        { "text": "The customer", "correct": false, "why": "a" },
        { "text": "Microsoft", "correct": false, "why": "b" }
      ],
      "explanation": "x",
      "refs": ["https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility"]
    }
  ]
}"#,
    )
    .unwrap();
    az900(dir.path())
        .args(["bank", "validate"])
        .arg(&pack)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("broken.json 12:"))
        .stderr(predicate::str::contains("questions[0].choices"));
}

/// QA: `practice --topic 9` and `--topic ""` exited 1; a value no option takes is a usage
/// error (2, as clap's own), and the message lists the known topics.
#[test]
fn an_unknown_topic_is_a_usage_error_listing_the_known_ones() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["--plain", "practice", "--topic", "networking"][..],
        &["--plain", "practice", "--topic", "9"],
        &["--plain", "practice", "--topic", ""],
        &["--plain", "exam", "--topic", "9"],
        &["--plain", "cram", "--topic", "9.9"],
    ] {
        let out = az900(dir.path())
            .args(args)
            .write_stdin("")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("unknown topic"), "{args:?}: {err}");
        assert!(err.contains("known topics: "), "{args:?}: {err}");
        assert!(err.contains("2.3.3 (objective)"), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
}

#[test]
fn bad_input_gets_one_clear_line_and_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["plan", "--exam-date", "2001-01-01"], "in the past"),
        (&["plan", "--exam-date", "2999-01-01"], "years away"),
        (
            &["--bank", "/nonexistent/pack.json", "bank", "list"],
            "no such file",
        ),
        (&["practice"], "use --plain"),
    ];
    for (args, needle) in cases {
        let out = az900(dir.path())
            .args(*args)
            .write_stdin("")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{args:?}: one line, got {err}"
        );
    }
}

#[test]
fn a_relative_data_dir_is_refused() {
    Command::cargo_bin("az900")
        .unwrap()
        .args(["--data-dir", "relative/dir", "stats"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("absolute"));
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    az900(dir.path())
        .args(["practice", "--count", "0"])
        .assert()
        .code(2);
    az900(dir.path())
        .args(["practice", "--count", "-1"])
        .assert()
        .code(2);
    az900(dir.path()).args(["frobnicate"]).assert().code(2);
    // A malformed date is a malformed flag, not a date in the year 27.
    for date in ["2026-13-45", "2026-02-30", "27-01-15", "2027-1-5"] {
        az900(dir.path())
            .args(["plan", "--exam-date", date])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("YYYY-MM-DD"));
    }
}

#[test]
fn a_plain_practice_session_is_saved_and_counted_in_stats() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(stats(dir.path())["dashboard"]["attempts"], 0);
    // Three single-answer questions answered with option 1 each (right or wrong), then quit.
    let out = az900(dir.path())
        .args([
            "--plain",
            "practice",
            "--count",
            "3",
            "--seed",
            "11",
            "--topic",
            "service-types",
        ])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("Question 1 / 3"), "{text}");
    let none = az900(dir.path()).args(["history"]).output().unwrap();
    let none = String::from_utf8_lossy(&none.stdout).to_string();
    assert!(none.contains("history --all"), "{none}");

    let mut answered = 0;
    let mut input = String::new();
    // Answer whatever is asked with the first option / a valid shape, via the help formats.
    for _ in 0..3 {
        input.push_str("1\n\n");
    }
    let out = az900(dir.path())
        .args([
            "--plain",
            "practice",
            "--count",
            "3",
            "--seed",
            "11",
            "--topic",
            "service-types",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    answered += text.matches("saved:").count();
    assert!(answered >= 1, "{text}");
    let s = stats(dir.path());
    assert_eq!(
        s["dashboard"]["attempts"].as_u64().unwrap(),
        answered as u64,
        "{text}"
    );
    let history = az900(dir.path())
        .args(["history", "--json"])
        .output()
        .unwrap();
    let h: Value = serde_json::from_slice(&history.stdout).unwrap();
    // The first session was left without an answer: listed only with --all.
    assert_eq!(h.as_array().unwrap().len(), 1, "{h}");
    assert_eq!(h[0]["answered"].as_u64().unwrap(), answered as u64, "{h}");
    let all = az900(dir.path())
        .args(["history", "--json", "--all"])
        .output()
        .unwrap();
    let h: Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(h.as_array().unwrap().len(), 2, "two sessions recorded");
    assert_eq!(h[1]["answered"], 0, "{h}");
    let text = az900(dir.path()).args(["history"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    assert_eq!(text.lines().count(), 1, "{text}");
}

#[test]
fn export_formats_cover_the_whole_bank() {
    let dir = tempfile::tempdir().unwrap();
    let list: Value = serde_json::from_slice(
        &az900(dir.path())
            .args(["bank", "list", "--json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let total = list["total"].as_u64().unwrap() as usize;
    let json = az900(dir.path())
        .args(["bank", "export", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), total);
    let anki = az900(dir.path())
        .args(["bank", "export", "--format", "anki"])
        .output()
        .unwrap();
    let anki = String::from_utf8(anki.stdout).unwrap();
    let notes = anki
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .count();
    assert_eq!(notes, total);
    assert!(
        anki.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .all(|l| l.split('\t').count() == 3)
    );
    let csv = az900(dir.path())
        .args(["bank", "export", "--format", "csv"])
        .output()
        .unwrap();
    assert!(csv.status.success());
    assert!(
        String::from_utf8(csv.stdout)
            .unwrap()
            .starts_with("id,concept,topic,kind,prompt")
    );
}

#[test]
fn paths_and_completions_work_without_a_database() {
    let dir = tempfile::tempdir().unwrap();
    az900(dir.path())
        .arg("paths")
        .assert()
        .success()
        .stdout(predicate::str::contains("progress.sqlite3"));
    az900(dir.path())
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("az900"));
    assert!(
        !dir.path().join("progress.sqlite3").exists(),
        "paths must not create the database"
    );
}

#[test]
fn a_question_reported_in_a_plain_session_is_listed_by_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = az900(dir.path()).arg("reports").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("No reports yet"));

    let out = az900(dir.path())
        .args(["--plain", "practice", "--count", "1", "--seed", "3"])
        .write_stdin("!\n! 3\nq\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("! 5  something else"),
        "`!` lists the reasons: {text}"
    );
    let reported = text
        .lines()
        .find_map(|l| l.trim_start_matches("> ").strip_prefix("reported "))
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_else(|| panic!("no report acknowledged: {text}"))
        .to_string();

    let out = az900(dir.path())
        .args(["reports", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["question_id"], reported.as_str());
    assert_eq!(list[0]["reason"], "wrong_explanation");
    assert!(list[0]["prompt"].as_str().is_some_and(|p| !p.is_empty()));
    let out = az900(dir.path()).arg("reports").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&reported) && text.contains("an explanation is wrong"),
        "{text}"
    );
}

#[test]
fn a_broken_keys_file_is_named_with_line_and_column_before_the_app_starts() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("az900")).unwrap();
    std::fs::write(
        config.join("az900").join("keys.json"),
        "{\n  \"flag\": \"m\",\n  \"flagg\": \"x\"\n}\n",
    )
    .unwrap();
    let out = az900(&dir.path().join("data"))
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("az900/keys.json:3:3: flagg: unknown action"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    // `az900 paths` says where the file is.
    let out = az900(&dir.path().join("data"))
        .env("XDG_CONFIG_HOME", &config)
        .arg("paths")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("keys") && text.contains("az900/keys.json"),
        "{text}"
    );
}

#[test]
fn the_readmes_plain_example_answers_every_question_right() {
    let readme = include_str!("../README.md");
    let line = readme
        .lines()
        .find(|l| l.starts_with("printf '") && l.contains("--plain"))
        .expect("README has a --plain example");
    let (input, command) = line
        .strip_prefix("printf '")
        .and_then(|l| l.split_once("' | az900 "))
        .expect("printf '...' | az900 ...");
    let input = input.replace("\\n", "\n");
    let dir = tempfile::tempdir().unwrap();
    let out = az900(dir.path())
        .args(command.split_whitespace())
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert_eq!(text.matches("saved:").count(), 2, "{text}");
    assert!(text.contains("Answers 2 · right 2"), "{text}");
    assert!(!text.contains("! "), "no answer refused: {text}");
}

#[test]
fn plain_questions_name_their_objective_after_the_kind_and_stats_count_by_skill_area() {
    let dir = tempfile::tempdir().unwrap();
    let title = az900::outline::Outline::embedded()
        .unwrap()
        .objective("2.3.3")
        .unwrap()
        .2
        .title
        .clone();
    let out = az900(dir.path())
        .args([
            "--plain", "practice", "--count", "2", "--seed", "5", "--topic", "2.3.3",
        ])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let header = text
        .lines()
        .find(|l| l.starts_with("Question 1 / 2 · "))
        .unwrap_or_else(|| panic!("no header in\n{text}"));
    assert!(header.ends_with(&format!(" · {title}")), "{header}");
    assert!(!header.contains(" 2.3 "), "{header}");

    let out = az900(dir.path()).arg("stats").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("Accuracy by skill area and objective"),
        "{text}"
    );
    assert!(!text.contains("Accuracy by topic"), "{text}");
}

/// QA: a question on Azure Arc was headed "Single answer · Azure Arc" over the option
/// "2) Azure Arc". The header line never names one of the options printed under it.
#[test]
fn a_plain_question_header_never_names_one_of_its_options() {
    let dir = tempfile::tempdir().unwrap();
    let mut headers = 0;
    for topic in ["3.3.3", "2.4.7", "1.3.2", "3.2.3"] {
        let out = az900(dir.path())
            .args([
                "--plain", "practice", "--count", "8", "--seed", "3", "--topic", topic,
            ])
            .write_stdin("")
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let lines: Vec<&str> = text.lines().collect();
        for (i, header) in lines.iter().enumerate() {
            if !header.starts_with("Question ") {
                continue;
            }
            headers += 1;
            let label = header.rsplit(" · ").next().unwrap().to_lowercase();
            let options = lines[i + 1..]
                .iter()
                .skip_while(|l| !l.starts_with("  1) "))
                .take_while(|l| {
                    l.trim_start()
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_ascii_digit())
                });
            for o in options {
                let o = o.split_once(") ").unwrap().1.to_lowercase();
                assert!(!label.contains(&o), "{header} names the option {o:?}");
            }
        }
    }
    assert_eq!(headers, 4, "one question a run (no answer given)");
}

/// Feedback shows every part's why, then what the explanation adds: an explanation that only
/// repeats a why (as many generated singles' do) is not printed a second time.
#[test]
fn plain_feedback_never_prints_a_why_twice() {
    let dir = tempfile::tempdir().unwrap();
    let out = az900(dir.path())
        .args(["--plain", "practice", "--count", "25", "--seed", "5"])
        .write_stdin("1\n\n".repeat(40))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut blocks = 0;
    for block in text.split("(Enter: next question").map(|b| {
        let start = b.rfind("✓ Right").max(b.rfind("✗ Not quite")).unwrap_or(0);
        &b[start..]
    }) {
        let lines: Vec<&str> = block.lines().skip(1).collect();
        let parts: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| l.starts_with("  "))
            .collect();
        if parts.is_empty() {
            continue;
        }
        blocks += 1;
        for l in lines
            .iter()
            .filter(|l| !l.starts_with("  ") && !l.trim().is_empty())
        {
            assert!(
                !parts.iter().any(|p| p.contains(l.trim())),
                "explanation {l:?} repeats a why:\n{block}"
            );
        }
    }
    assert!(blocks >= 8, "{blocks} feedback blocks:\n{text}");
}

#[test]
fn a_plain_line_that_is_not_utf8_or_huge_is_refused_and_the_session_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut input = b"\xff\n".to_vec();
    input.extend(std::iter::repeat_n(b'9', 10 * 1024 * 1024));
    input.extend_from_slice(b"\n");
    input.extend(std::iter::repeat_n(b'9', 200 * 1024));
    input.extend_from_slice(b" 1\n2\n\n");
    let start = std::time::Instant::now();
    let out = az900(dir.path())
        .args(["--plain", "practice", "--count", "1", "--seed", "7"])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("! not UTF-8 text; type the answer again"),
        "{text}"
    );
    assert_eq!(text.matches("longer than any answer").count(), 2, "{text}");
    assert!(
        text.contains("saved:") && text.contains("finished"),
        "{text}"
    );
    assert!(
        text.len() < 20_000,
        "no line is echoed whole: {} bytes",
        text.len()
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn a_question_marked_then_skipped_comes_back_in_review() {
    let dir = tempfile::tempdir().unwrap();
    let out = az900(dir.path())
        .args(["--plain", "practice", "--count", "3", "--seed", "7"])
        .write_stdin("f\nn\ns\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{text}");
    assert!(text.contains("⚑ marked for review"), "{text}");
    let first = text
        .lines()
        .skip_while(|l| !l.starts_with("Question 1 / 3"))
        .nth(1)
        .unwrap()
        .to_string();
    let out = az900(dir.path())
        .args(["--plain", "review"])
        .write_stdin("q\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Question 1 / 1"), "{text}");
    assert!(
        text.contains(&first),
        "the marked question: {first:?} in {text}"
    );
}

#[test]
fn plain_says_a_guess_was_recorded_and_a_report_reason_was_not_understood() {
    let dir = tempfile::tempdir().unwrap();
    let out = az900(dir.path())
        .args(["--plain", "practice", "--count", "1", "--seed", "7"])
        .write_stdin("! 9\n! abc\ng 1\n\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("! \"9\" is not a report reason (1–5)"),
        "{text}"
    );
    assert!(
        text.contains("! \"abc\" is not a report reason (1–5)"),
        "{text}"
    );
    let saved = text.find("saved:").unwrap();
    assert!(
        text[saved..].lines().nth(1) == Some("? recorded as a guess"),
        "{text}"
    );
    assert!(text.contains("First tries: "), "{text}");
}
