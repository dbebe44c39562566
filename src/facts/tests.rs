use super::*;

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/factbank/facts/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap()
}

/// The fixture with `from` replaced by `to` (once), parsed: its errors as displayed.
fn errors(name: &str, from: &str, to: &str) -> Vec<String> {
    let text = fixture(name);
    assert!(text.contains(from), "{from}");
    let text = text.replacen(from, to, 1);
    parse_table(name, &text, &rules())
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn every_fixture_table_parses_into_its_shape() {
    let r = rules();
    let m = parse_table("a", &fixture("access-tiers.json"), &r).unwrap();
    let Shape::Matrix(mx) = &m.shape else {
        panic!("matrix")
    };
    assert_eq!((mx.rows.len(), mx.columns.len(), mx.cells.len()), (4, 2, 8));
    assert_eq!(mx.value(3, 0), Some("No"));
    assert_eq!(mx.notes.len(), 2);
    let t = parse_table("t", &fixture("monitoring-tools.json"), &r).unwrap();
    let Shape::ToolForNeed(tf) = &t.shape else {
        panic!("tool")
    };
    assert_eq!(tf.rows[1].answer, 1);
    assert_eq!(tf.rows[1].near_misses, vec![2, 0]);
    let o = parse_table("o", &fixture("hierarchy.json"), &r).unwrap();
    assert!(matches!(&o.shape, Shape::Order(x) if x.items.len() == 4 && x.next.is_some()));
    let d = parse_table("d", &fixture("pricing.json"), &r).unwrap();
    assert!(matches!(&d.shape, Shape::Definitions(x) if x.terms[0].confused_with == vec![1, 2]));
    let s = parse_table("s", &fixture("resource-groups.json"), &r).unwrap();
    assert_eq!(s.rows().len(), 4);
    assert_eq!(s.rows()[0].objective, "2.1.4");
}

#[test]
fn an_unknown_objective_is_located() {
    let e = errors(
        "monitoring-tools.json",
        "\"objective\": \"3.4.2\"",
        "\"objective\": \"3.4.9\"",
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].starts_with(
            "monitoring-tools.json 19:43 rows[1].objective: unknown objective \"3.4.9\""
        ),
        "{}",
        e[0]
    );
}

#[test]
fn a_missing_or_foreign_source_is_an_error() {
    let e = errors(
        "hierarchy.json",
        "\"source\": \"https://learn.microsoft.com/en-us/azure/governance/management-groups/overview\",\n      \"why\": \"sits in one",
        "\"why\": \"sits in one",
    );
    assert_eq!(
        e,
        vec!["hierarchy.json 16:5 items[2].source: missing field \"source\"".to_string()]
    );
    let e = errors(
        "pricing.json",
        "https://learn.microsoft.com/en-us/azure/cost",
        "https://example.com/en-us/azure/cost",
    );
    assert!(
        e[0].contains("terms[1].source: must be the https://learn.microsoft.com/"),
        "{e:?}"
    );
}

#[test]
fn a_near_miss_or_confusable_that_names_no_entry_is_an_error() {
    let e = errors(
        "monitoring-tools.json",
        "[\"service-health\", \"monitor\"]",
        "[\"service-health\", \"sentinel\"]",
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("rows[0].near_misses[1]: \"sentinel\" names no service of this table"),
        "{}",
        e[0]
    );
    let e = errors(
        "monitoring-tools.json",
        "\"answer\": \"advisor\"",
        "\"answer\": \"defender\"",
    );
    assert!(
        e[0].contains("rows[0].answer: \"defender\" names no service"),
        "{e:?}"
    );
    let e = errors(
        "pricing.json",
        "[\"reservation\", \"spot\"]",
        "[\"reservation\", \"savings-plan\"]",
    );
    assert!(
        e[0].contains("terms[0].confused_with[1]: \"savings-plan\" names no term"),
        "{e:?}"
    );
    let e = errors(
        "pricing.json",
        "[\"reservation\", \"spot\"]",
        "[\"reservation\", \"pay-as-you-go\"]",
    );
    assert!(e[0].contains("the entry itself"), "{e:?}");
}

#[test]
fn matrix_cells_must_use_their_columns_values_and_known_ids() {
    let e = errors(
        "access-tiers.json",
        "\"online\": \"No\"",
        "\"online\": \"Maybe\"",
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("cells.archive.online: must be one of the column's values: Yes, No"),
        "{}",
        e[0]
    );
    let e = errors(
        "access-tiers.json",
        "\"cold\": { \"online\"",
        "\"colder\": { \"online\"",
    );
    assert!(
        e[0].contains("cells.colder: \"colder\" names no row"),
        "{e:?}"
    );
    let e = errors(
        "access-tiers.json",
        "\"archive.online\"",
        "\"archive.offline\"",
    );
    assert!(e[0].contains("is not \"<row id>.<column id>\""), "{e:?}");
    let e = errors(
        "access-tiers.json",
        "charges for early deletion before this many days: {value}",
        "charges early",
    );
    assert!(
        e[0].contains("columns[1].claim: must contain {row}")
            || e[0].contains("must contain {value}"),
        "{e:?}"
    );
}

#[test]
fn a_yes_no_column_states_both_answers_and_never_ends_a_claim_in_its_verdict() {
    // "…can be read straight away: {value}." made statements such as "…: No." keyed Yes.
    let e = errors(
        "access-tiers.json",
        "can be read straight away.\"",
        "can be read straight away: {value}.\"",
    );
    assert!(
        e[0].contains(
            "columns[0].claim: in a Yes/No column, state what Yes means, without {value}"
        ),
        "{e:?}"
    );
    let e = errors(
        "access-tiers.json",
        "\"claim_no\": \"A blob in the {row} must be rehydrated before it can be read.\"",
        "\"claim_id\": \"x {row}\"",
    );
    assert!(e.iter().any(|e| e.contains("needs claim_no")), "{e:?}");
    let e = errors(
        "access-tiers.json",
        "\"claim\": \"The {row} charges",
        "\"claim_no\": \"{row} never\", \"claim\": \"The {row} charges",
    );
    assert!(
        e.iter()
            .any(|e| e.contains("columns[1].claim_no: only a column whose values are Yes and No")),
        "{e:?}"
    );
    let t = parse_table("a", &fixture("access-tiers.json"), &rules()).unwrap();
    let Shape::Matrix(m) = &t.shape else {
        panic!("matrix")
    };
    assert!(m.columns[0].is_yes_no() && !m.columns[1].is_yes_no());
}

#[test]
fn a_matrix_row_reads_in_a_sentence_with_its_case_and_a_fitting_article() {
    use super::matrix::default_in_text;
    assert_eq!(default_in_text("Hot tier"), "the hot tier");
    assert_eq!(default_in_text("Azure Reservations"), "Azure Reservations");
    assert_eq!(default_in_text("Microsoft Purview"), "Microsoft Purview");
    assert_eq!(
        default_in_text("VMs spread across zones"),
        "VMs spread across zones"
    );
    // A template names the row by {row} or {row_text}; one naming neither is refused.
    let e = errors(
        "access-tiers.json",
        "\"Can a blob in the {row} be read",
        "\"Can a blob in it be read",
    );
    assert!(
        e[0].contains("columns[0].ask: must contain {row} or {row_text}"),
        "{e:?}"
    );
    let text = fixture("access-tiers.json").replacen(
        "Can a blob in the {row} be read",
        "Can a blob in {row_text} be read",
        1,
    );
    assert!(parse_table("a", &text, &rules()).is_ok());
}

#[test]
fn unknown_fields_shapes_and_duplicate_ids_are_located() {
    let e = errors(
        "resource-groups.json",
        "\"why\": \"A resource can be moved",
        "\"reason\": \"A resource can be moved",
    );
    assert!(
        e.iter()
            .any(|x| x.contains("statements[0]: unknown field \"reason\"")),
        "{e:?}"
    );
    let e = errors(
        "resource-groups.json",
        "\"shape\": \"statements\"",
        "\"shape\": \"statement\"",
    );
    assert!(e[0].contains("unknown shape \"statement\""), "{e:?}");
    let e = errors(
        "resource-groups.json",
        "\"id\": \"no-nesting\"",
        "\"id\": \"one-group-per-resource\"",
    );
    assert!(e[0].contains("statements[1].id: duplicate id"), "{e:?}");
    let e = errors("resource-groups.json", "\"format\": 1", "\"format\": 2");
    assert!(e[0].contains("format must be 1"), "{e:?}");
}

#[test]
fn table_ids_are_unique_across_files() {
    let text = fixture("resource-groups.json");
    let sources = vec![
        ("a.json".to_string(), text.clone()),
        ("b.json".to_string(), text),
    ];
    let e = parse_tables(&sources, &rules()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].to_string()
            .contains("duplicate table id \"fixture-resource-groups\" (also in a.json)")
    );
}

#[test]
fn the_embedded_tables_load() {
    embedded(&rules()).unwrap();
}

#[test]
fn a_repeated_key_in_an_otherwise_valid_table_is_located() {
    // The parse keeps the last of the two, so the table would read fine: only the repeat is
    // wrong, and the text scan must still run to find it.
    let e = errors(
        "monitoring-tools.json",
        "\"objective\": \"3.4.2\"",
        "\"objective\": \"3.4.2\", \"objective\": \"3.4.2\"",
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        e[0],
        "monitoring-tools.json 19:52 rows[1]: field \"objective\" appears twice in one object"
    );
}
