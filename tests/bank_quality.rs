//! Floors and quality rules over the whole embedded bank (generated + authored).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap, HashSet};

use az900::bank::Bank;
use az900::bank::question::{Body, Kind, Question, Source};
use az900::engine::grade::grade;
use az900::rules::Model;

/// Every question links the Microsoft Learn page that states its fact.
const LEARN: &str = "https://learn.microsoft.com/";

fn bank() -> Bank {
    Bank::embedded().unwrap_or_else(|e| panic!("the embedded bank must load:\n{e}"))
}

fn authored(q: &Question) -> bool {
    matches!(q.source, Source::Pack { .. })
}

#[test]
fn the_bank_meets_its_size_floors() {
    let bank = bank();
    let total = bank.len();
    let authored = bank.questions().iter().filter(|q| authored(q)).count();
    let concepts = bank.concepts().len();
    println!("{total} questions, {authored} authored, {concepts} concepts");
    assert!(total >= 300, "{total} questions");
    assert!(authored >= 100, "{authored} authored questions");
    assert!(concepts >= 60, "{concepts} concepts");
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    for q in bank.questions() {
        *kinds.entry(q.kind()).or_default() += 1;
    }
    for k in Kind::ALL {
        let n = kinds.get(&k).copied().unwrap_or(0);
        assert!(n >= 10, "kind {} used {n} times", k.id());
    }
}

#[test]
fn every_option_has_a_why_and_every_question_an_explanation_and_a_learn_ref() {
    let bank = bank();
    for q in bank.questions() {
        assert!(!q.explanation.trim().is_empty(), "{}: explanation", q.id);
        assert!(
            !q.refs.is_empty() && q.refs.iter().all(|r| r.starts_with(LEARN)),
            "{}: needs Microsoft Learn references, has {:?}",
            q.id,
            q.refs
        );
        let whys: Vec<&str> = match &q.body {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                choices.iter().map(|c| c.why.as_str()).collect()
            }
            Body::YesNo { statements } => statements.iter().map(|s| s.why.as_str()).collect(),
            Body::Match { items, .. } => items.iter().map(|i| i.why.as_str()).collect(),
            Body::Order { items } => items.iter().map(|i| i.why.as_str()).collect(),
            Body::HotArea { rows, .. } => rows.iter().map(|r| r.why.as_str()).collect(),
        };
        assert!(
            whys.iter().all(|w| !w.trim().is_empty()),
            "{}: a why is missing",
            q.id
        );
    }
}

/// What the learner sees as the question: the prompt plus the sentence, statements or the
/// items to place (two match questions may share the exam's stock prompt, not their items).
fn shown_text(q: &Question) -> String {
    let mut s = q.prompt.trim().to_lowercase();
    match &q.body {
        Body::Dropdown { sentence, .. } => s.push_str(&sentence.to_lowercase()),
        Body::YesNo { statements } => {
            for st in statements {
                s.push_str(&st.text.to_lowercase());
            }
        }
        Body::Match { items, .. } => {
            for i in items {
                s.push_str(&i.text.to_lowercase());
            }
        }
        Body::HotArea { rows, .. } => {
            for r in rows {
                s.push_str(&r.label.to_lowercase());
            }
        }
        Body::Order { items } => {
            let mut texts: Vec<String> = items.iter().map(|i| i.text.to_lowercase()).collect();
            texts.sort();
            s.push_str(&texts.concat());
        }
        Body::Single { choices } | Body::Multi { choices } if !authored(q) => {
            // A generated "Which statement is true?" is a stock prompt: the statements make
            // the question. An authored prompt must be unique on its own.
            let mut texts: Vec<String> = choices.iter().map(|c| c.text.to_lowercase()).collect();
            texts.sort();
            s.push_str(&texts.concat());
        }
        Body::Single { .. } | Body::Multi { .. } => {}
    }
    s
}

#[test]
fn no_two_questions_read_the_same_and_no_option_list_repeats_itself() {
    let bank = bank();
    let mut seen: HashMap<String, &str> = HashMap::new();
    for q in bank.questions() {
        if let Some(other) = seen.insert(shown_text(q), &q.id) {
            panic!("{} and {other} show the same question", q.id);
        }
        let texts: Vec<String> = match &q.body {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                choices
                    .iter()
                    .map(|c| c.text.trim().to_lowercase())
                    .collect()
            }
            Body::YesNo { statements } => {
                statements.iter().map(|s| s.text.to_lowercase()).collect()
            }
            Body::Match { items, .. } => items.iter().map(|i| i.text.to_lowercase()).collect(),
            Body::Order { items } => items.iter().map(|i| i.text.to_lowercase()).collect(),
            Body::HotArea { rows, .. } => rows.iter().map(|r| r.label.to_lowercase()).collect(),
        };
        let unique: HashSet<&String> = texts.iter().collect();
        assert_eq!(unique.len(), texts.len(), "{}: repeated option text", q.id);
    }
}

#[test]
fn every_cell_a_question_depends_on_agrees_with_the_rules_and_disputed_cells_have_no_single_owner()
{
    let bank = bank();
    let rules = &bank.rules;
    let mut checked = 0;
    for q in bank.questions() {
        for c in &q.cells {
            let cell = rules
                .cell_by_id(&c.layer, c.model)
                .unwrap_or_else(|| panic!("{}: unknown layer {}", q.id, c.layer));
            match c.owner {
                Some(owner) => {
                    assert!(
                        !cell.disputed,
                        "{}: teaches the disputed cell {} / {} as {:?}",
                        q.id,
                        c.layer,
                        c.model.name(),
                        owner
                    );
                    assert_eq!(
                        owner,
                        cell.owner,
                        "{}: keyed {} / {} as {:?}, rules say {:?}",
                        q.id,
                        c.layer,
                        c.model.name(),
                        owner,
                        cell.owner
                    );
                }
                None => assert!(
                    cell.disputed,
                    "{}: marks {} / {} as disputed, but it is not",
                    q.id,
                    c.layer,
                    c.model.name()
                ),
            }
            checked += 1;
        }
    }
    assert!(
        checked > 300,
        "only {checked} cells are listed by questions"
    );
}

#[test]
fn single_owner_questions_key_the_owner_their_cell_has() {
    // A single-answer question about one cell whose options are owner names must key the
    // rules' owner of that cell.
    let bank = bank();
    let mut n = 0;
    for q in bank.questions() {
        let (Body::Single { choices } | Body::Dropdown { choices, .. }) = &q.body else {
            continue;
        };
        let owned: Vec<_> = q
            .cells
            .iter()
            .filter_map(|c| c.owner.map(|o| (c, o)))
            .collect();
        if owned.len() != 1 {
            continue;
        }
        let names: Vec<Option<az900::rules::Owner>> = choices
            .iter()
            .map(|c| az900::engine::confusion::owner_named(&c.text))
            .collect();
        if names.iter().any(Option::is_none) {
            continue;
        }
        let key = choices.iter().position(|c| c.correct).unwrap();
        assert_eq!(names[key], Some(owned[0].1), "{}", q.id);
        n += 1;
    }
    assert!(n >= 20, "only {n} owner questions checked");
}

#[test]
fn the_right_answer_is_not_the_longest_option_more_often_than_chance() {
    let bank = bank();
    let (mut observed, mut expected, mut var) = (0.0f64, 0.0f64, 0.0f64);
    let mut n = 0;
    for q in bank.questions() {
        let (Body::Single { choices } | Body::Dropdown { choices, .. }) = &q.body else {
            continue;
        };
        if choices.len() < 3 {
            continue;
        }
        let lens: Vec<usize> = choices.iter().map(|c| c.text.chars().count()).collect();
        let max = *lens.iter().max().unwrap();
        let longest: Vec<usize> = (0..lens.len()).filter(|i| lens[*i] == max).collect();
        if longest.len() > 1 {
            continue; // ties say nothing
        }
        let p = 1.0 / choices.len() as f64;
        expected += p;
        var += p * (1.0 - p);
        if choices[longest[0]].correct {
            observed += 1.0;
        }
        n += 1;
    }
    let limit = expected + 2.0 * var.sqrt();
    println!(
        "right answer longest in {observed} of {n} questions; chance expects {expected:.1} (limit {limit:.1})"
    );
    assert!(n >= 50, "{n}");
    assert!(
        observed <= limit,
        "longest-answer bias: {observed} > {limit:.1}"
    );
}

#[test]
fn every_question_grades_fully_right_with_its_own_key() {
    let bank = bank();
    for q in bank.questions() {
        let key = q.body.key();
        assert!(grade(&q.body, Some(&key)).is_correct(), "{}", q.id);
    }
}

#[test]
fn the_matrix_cells_and_all_three_topics_are_covered() {
    let bank = bank();
    let topics: HashSet<&str> = bank.questions().iter().map(|q| q.topic.as_str()).collect();
    for t in &bank.rules.topics {
        assert!(
            topics.contains(t.id.as_str()),
            "no question on topic {}",
            t.id
        );
    }
    let mut cells: HashSet<(String, Model)> = HashSet::new();
    for q in bank.questions() {
        for c in &q.cells {
            cells.insert((c.layer.clone(), c.model));
        }
    }
    for (_, layer) in bank.rules.matrix_layers() {
        for m in Model::ALL {
            assert!(
                cells.contains(&(layer.id.clone(), m)),
                "no question on {} / {}",
                layer.id,
                m.name()
            );
        }
    }
}

#[test]
fn every_compiled_in_pack_passes_the_full_check_including_repeated_keys() {
    // Start-up skips the text scan for these packs (`parse_embedded_pack`); this is where a
    // key given twice in a compiled-in pack is caught.
    let rules = az900::rules::Rules::embedded().unwrap();
    assert!(!az900::bank::embedded::PACKS.is_empty());
    for (file, text) in az900::bank::embedded::PACKS {
        if let Err(errors) = az900::bank::pack::parse_pack(file, text, &rules) {
            panic!(
                "{file}: {}",
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

// ---- Wording of the generated questions (a QA pass found each of these patterns) ----

/// Every text a learner reads in a question: prompt, explanation, options, statements, items,
/// rows and their whys.
fn all_texts(q: &Question) -> Vec<&str> {
    let mut out = vec![q.prompt.as_str(), q.explanation.as_str()];
    match &q.body {
        Body::Single { choices } | Body::Multi { choices } => {
            out.extend(
                choices
                    .iter()
                    .flat_map(|c| [c.text.as_str(), c.why.as_str()]),
            );
        }
        Body::Dropdown { sentence, choices } => {
            out.push(sentence);
            out.extend(
                choices
                    .iter()
                    .flat_map(|c| [c.text.as_str(), c.why.as_str()]),
            );
        }
        Body::YesNo { statements } => {
            out.extend(
                statements
                    .iter()
                    .flat_map(|s| [s.text.as_str(), s.why.as_str()]),
            );
        }
        Body::Match { categories, items } => {
            out.extend(categories.iter().map(String::as_str));
            out.extend(items.iter().flat_map(|i| [i.text.as_str(), i.why.as_str()]));
        }
        Body::Order { items } => {
            out.extend(items.iter().flat_map(|i| [i.text.as_str(), i.why.as_str()]));
        }
        Body::HotArea { columns, rows, .. } => {
            out.extend(columns.iter().map(String::as_str));
            out.extend(rows.iter().flat_map(|r| [r.label.as_str(), r.why.as_str()]));
        }
    }
    out
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Panics with every offender (and their count) when `found` is not empty.
fn none(pattern: &str, found: &[String]) {
    assert!(
        found.is_empty(),
        "{} question(s) {pattern}:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn product_names_keep_their_case_and_subjects_take_a_fitting_article() {
    // "about the azure Reservations", "about the no lock", "about the pay-as-you-go".
    let bank = bank();
    let mut found = Vec::new();
    for q in bank.questions() {
        let p = &q.prompt;
        let lowered_product = words(p).iter().any(|w| *w == "azure" || *w == "microsoft");
        let odd_article = [
            " the no ",
            " the pay-as-you-go,",
            " the azure ",
            " the Azure Reservations",
        ]
        .iter()
        .any(|bad| p.contains(bad));
        if lowered_product || odd_article {
            found.push(format!("{}: {p}", q.id));
        }
    }
    none(
        "name a product in lower case or with an odd article",
        &found,
    );
}

#[test]
fn no_yes_no_statement_ends_in_its_own_verdict() {
    // "Azure can take back … when it needs it: No." keyed Yes reads as a double negative.
    let bank = bank();
    let mut found = Vec::new();
    for q in bank.questions() {
        let Body::YesNo { statements } = &q.body else {
            continue;
        };
        for s in statements {
            let t = s.text.trim().trim_end_matches('.').to_lowercase();
            if t.ends_with(": yes") || t.ends_with(": no") {
                found.push(format!("{}: {}", q.id, s.text));
            }
        }
    }
    none("end a yes/no statement in Yes or No", &found);
}

/// The two ends named by a relative value ("Between hot and archive" → hot, archive).
fn between(s: &str) -> Option<(String, String)> {
    let w: Vec<String> = words(s).iter().map(|w| w.to_lowercase()).collect();
    let i = w.iter().position(|x| x == "between")?;
    match (w.get(i + 1), w.get(i + 2), w.get(i + 3)) {
        (Some(a), Some(and), Some(b)) if and == "and" => Some((a.clone(), b.clone())),
        _ => None,
    }
}

#[test]
fn no_wrong_option_is_a_relative_value_naming_the_row_asked_about() {
    // The archive tier's price offered "Between hot and archive".
    let bank = bank();
    let mut found = Vec::new();
    let names = |s: &str, (a, b): &(String, String)| {
        let w: Vec<String> = words(s).iter().map(|w| w.to_lowercase()).collect();
        w.contains(a) || w.contains(b)
    };
    for q in bank.questions() {
        match &q.body {
            Body::Single { choices } | Body::Multi { choices } | Body::Dropdown { choices, .. } => {
                for c in choices.iter().filter(|c| !c.correct) {
                    if between(&c.text).is_some_and(|ends| names(&q.prompt, &ends)) {
                        found.push(format!("{}: {}", q.id, c.text));
                    }
                }
            }
            Body::YesNo { statements } => {
                for s in statements.iter().filter(|s| !s.answer) {
                    let lower = s.text.to_lowercase();
                    let Some(at) = lower.find("between ") else {
                        continue;
                    };
                    if between(&s.text).is_some_and(|ends| names(&s.text[..at], &ends)) {
                        found.push(format!("{}: {}", q.id, s.text));
                    }
                }
            }
            _ => {}
        }
    }
    none("offer a relative value that names the row itself", &found);
}

#[test]
fn order_steps_are_quoted_or_listed_never_spliced_into_a_sentence() {
    // "The Bicep file is converted … happens during deployment", "then The Bicep file …",
    // "Arrange the deployment steps in order, in the order they happen."
    let bank = bank();
    let mut found = Vec::new();
    for q in bank.questions() {
        if q.prompt.contains("in order, in the order") {
            found.push(format!("{}: {}", q.id, q.prompt));
        }
        // Authored text may say "Customer's, then Shared": a generated sentence that puts a
        // capital after ", then" spliced a step's own first word in.
        let generated = matches!(q.source, Source::Table { .. });
        for t in all_texts(q).into_iter().filter(|_| generated) {
            let mut rest = t;
            while let Some(i) = rest.find(", then ") {
                rest = &rest[i + ", then ".len()..];
                let mut cs = rest.chars();
                if let (Some(a), Some(b)) = (cs.next(), cs.next())
                    && a.is_uppercase()
                    && b.is_lowercase()
                {
                    found.push(format!("{}: {t}", q.id));
                }
            }
        }
        // An order table's items (and its "what comes next" questions' options) may be whole
        // clauses: wherever a sentence names one, it is quoted or numbered.
        let generated_order =
            generated && (matches!(q.body, Body::Order { .. }) || q.id.ends_with(".next"));
        if !generated_order {
            continue;
        }
        let names: Vec<&str> = match &q.body {
            Body::Order { items } => items.iter().map(|i| i.text.as_str()).collect(),
            Body::Single { choices } => choices.iter().map(|c| c.text.as_str()).collect(),
            _ => Vec::new(),
        };
        let texts: Vec<&str> = match &q.body {
            Body::Order { items } => items.iter().map(|i| i.why.as_str()).collect(),
            Body::Single { choices } => choices.iter().map(|c| c.why.as_str()).collect(),
            _ => Vec::new(),
        };
        for t in texts.iter().chain([&q.explanation.as_str()]) {
            for n in &names {
                for (i, _) in t.match_indices(n) {
                    let before = &t[..i];
                    if !(before.ends_with('"') || before.ends_with(") ")) {
                        found.push(format!("{}: {n:?} spliced into: {t}", q.id));
                    }
                }
            }
        }
    }
    none("splice a step into a sentence", &found);
}

#[test]
fn matrix_summaries_separate_row_and_value_unambiguously_and_prompts_leave_no_dangling_it() {
    // "Storage services it holds: Standard general-purpose v2, Blobs, files, queues and
    // tables; Premium block blobs, …" and "Storage services it holds: select the right value…".
    let bank = bank();
    let mut found = Vec::new();
    for q in bank.questions() {
        if !matches!(q.source, Source::Table { .. }) {
            continue;
        }
        let labels: Vec<&str> = match &q.body {
            Body::Match { items, .. } => items.iter().map(|i| i.text.as_str()).collect(),
            Body::HotArea { rows, .. } => rows.iter().map(|r| r.label.as_str()).collect(),
            _ => continue,
        };
        for l in labels {
            if q.explanation
                .contains(&format!("{}, ", l.trim_end_matches('.')))
            {
                found.push(format!("{}: {}", q.id, q.explanation));
                break;
            }
        }
        // "it" before the "each …" it refers to dangles.
        let head = q.prompt.split(" each ").next().unwrap_or("");
        if head != q.prompt && words(head).iter().any(|w| w.eq_ignore_ascii_case("it")) {
            found.push(format!("{}: {}", q.id, q.prompt));
        }
    }
    none(
        "list cells ambiguously or start with a dangling \"it\"",
        &found,
    );
}

#[test]
fn objective_titles_read_as_titles_and_questions_sit_under_the_product_they_are_about() {
    let outline = az900::outline::Outline::embedded().unwrap();
    let mut found = Vec::new();
    for (_, _, o) in outline.objectives() {
        // An authoring note is no title: "The pricing calculator (TCO only where Learn …)".
        let t = o.title.to_lowercase();
        if t.contains("learn") || t.contains(" only where ") {
            found.push(format!("objective {}: {}", o.id, o.title));
        }
    }
    // The Azure Policy objective labelled role-assignment questions ("Azure Policy" shown over
    // an RBAC question): a question under a product's objective names that product.
    let bank = bank();
    for q in bank.questions() {
        let Some((_, _, o)) = outline.objective(&q.objective) else {
            continue;
        };
        if o.title != "Azure Policy" {
            continue;
        }
        if !all_texts(q)
            .iter()
            .any(|t| t.to_lowercase().contains("polic"))
        {
            found.push(format!("{} (under {}): {}", q.id, o.title, q.prompt));
        }
    }
    none("show an objective title that does not fit", &found);
}

#[test]
fn a_table_row_read_mid_sentence_is_not_capitalised_after_an_article() {
    // "Is the Hot tier online…", "The storage price per gigabyte of the Archive tier…": a
    // row's name (as its match or hot area lists it) read after "the" keeps its capital.
    let bank = bank();
    let table = |id: &str| id.split('.').nth(1).unwrap_or("").to_string();
    let mut names: HashMap<String, HashSet<String>> = HashMap::new();
    for q in bank.questions() {
        if !matches!(q.source, Source::Table { .. }) {
            continue;
        }
        let labels: Vec<&str> = match &q.body {
            Body::Match { items, .. } => items.iter().map(|i| i.text.as_str()).collect(),
            Body::HotArea { rows, .. } => rows.iter().map(|r| r.label.as_str()).collect(),
            _ => continue,
        };
        let proper = |l: &str| {
            let first = words(l).first().copied().unwrap_or("");
            first == "Azure"
                || first == "Microsoft"
                || first.chars().skip(1).any(char::is_uppercase)
                || !first.starts_with(char::is_uppercase)
        };
        names
            .entry(table(&q.id))
            .or_default()
            .extend(labels.into_iter().filter(|l| !proper(l)).map(String::from));
    }
    let mut found = Vec::new();
    for q in bank.questions() {
        let Some(rows) = names.get(&table(&q.id)) else {
            continue;
        };
        let mut texts = vec![q.prompt.as_str()];
        if let Body::YesNo { statements } = &q.body {
            texts.extend(statements.iter().map(|s| s.text.as_str()));
        }
        for t in texts {
            if rows.iter().any(|r| t.contains(&format!("the {r}"))) {
                found.push(format!("{}: {t}", q.id));
            }
        }
    }
    none("read a row's capitalised name after \"the\"", &found);
}
