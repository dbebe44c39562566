//! `bank coverage`: per objective, the questions, concepts and kinds of a bank built from the
//! fixture fact tables, computed here from the tables themselves.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use assert_cmd::Command;
use az900::bank::Bank;
use az900::bank::coverage::Coverage;
use serde_json::Value;

mod common;

fn table(name: &str) -> Value {
    let text = std::fs::read_to_string(common::factbank_dir().join("facts").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn coverage_counts_the_fixture_tables_per_objective() {
    // The fixture tables' questions alone (the embedded bank covers every objective now).
    let loaded = Bank::load(&[common::factbank_dir()]).unwrap();
    let fixture: Vec<_> = loaded
        .questions()
        .iter()
        .filter(|q| q.id.starts_with("fx.fixture-"))
        .cloned()
        .collect();
    assert!(!fixture.is_empty());
    let bank = Bank::from_questions(loaded.rules.clone(), fixture).unwrap();
    let cov = Coverage::of(&bank);
    let get = |id: &str| cov.objectives.iter().find(|o| o.id == id).unwrap();

    // The access-tier matrix (all rows 2.3.2): a single per cell, a series per row, a match
    // and a hot area per column; concepts: cells, rows, columns.
    let t = table("access-tiers.json");
    let cells: usize = t["cells"]
        .as_object()
        .unwrap()
        .values()
        .map(|r| r.as_object().unwrap().len())
        .sum();
    let rows = t["rows"].as_array().unwrap().len();
    let cols = t["columns"].as_array().unwrap().len();
    let o = get("2.3.2");
    assert_eq!(o.questions, cells + rows + 2 * cols);
    assert_eq!(o.concepts, cells + rows + cols);
    assert_eq!(o.kinds["single"], cells);
    assert_eq!(o.kinds["hot_area"], cols);
    assert_eq!((o.area.as_str(), o.group.as_str()), ("2", "2.3"));

    // Monitoring tools: one need per objective 3.4.1-3.4.3; the group's series and match go
    // to the first row's objective.
    let o = get("3.4.1");
    assert_eq!((o.questions, o.concepts), (2 + 2, 1 + 1));
    let o = get("3.4.2");
    assert_eq!((o.questions, o.concepts), (2, 1));
    assert_eq!(
        o.kinds.keys().cloned().collect::<Vec<_>>(),
        vec!["dropdown", "single"]
    );

    // Totals, and the uncovered objectives first.
    let with: BTreeSet<&str> = bank
        .questions()
        .iter()
        .map(|q| q.objective.as_str())
        .collect();
    assert_eq!(cov.covered, with.len());
    assert_eq!(cov.objectives_total, 58);
    assert_eq!(
        cov.objectives.iter().map(|o| o.questions).sum::<usize>(),
        bank.len()
    );
    let first_covered = cov.objectives.iter().position(|o| o.questions > 0).unwrap();
    assert_eq!(first_covered, 58 - cov.covered);
    assert!(
        cov.objectives[first_covered..]
            .iter()
            .all(|o| o.questions > 0)
    );
    assert!(
        cov.to_text()
            .starts_with(&format!("{} of 58 objectives have questions", cov.covered))
    );
}

#[test]
fn the_command_prints_json_and_text() {
    let data = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("az900")
        .unwrap()
        .env_remove("AZ900_DATA_DIR")
        .arg("--data-dir")
        .arg(data.path())
        .args([
            "--bank",
            common::factbank_dir().to_str().unwrap(),
            "bank",
            "coverage",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let objs = v["objectives"].as_array().unwrap();
    assert_eq!(objs.len(), 58);
    let tiers = objs.iter().find(|o| o["id"] == "2.3.2").unwrap();
    assert!(tiers["questions"].as_u64().unwrap() > 0);
}
