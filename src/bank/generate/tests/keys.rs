//! Every generated key, derived again from the rules by a route of its own.

use super::*;

#[test]
#[allow(clippy::too_many_lines)] // one check per rule or table, read top to bottom
fn every_key_is_rederived_from_the_rules() {
    let rules = rules();
    let owner_name = |o: Owner| {
        rules
            .owners
            .iter()
            .find(|i| i.id == o.id())
            .unwrap()
            .name
            .clone()
    };
    for q in bank() {
        let id = q.id.as_str();
        let cells: &[CellRef] = &q.cells;
        let one_cell = || {
            assert_eq!(cells.len(), 1, "{id}: one cell");
            let c = &cells[0];
            let owner = c
                .owner
                .unwrap_or_else(|| panic!("{id}: keyed on a disputed cell"));
            assert_eq!(Some(owner), both(&rules, &c.layer, c.model)[1], "{id}");
            (c, owner)
        };
        if id.starts_with("gen-owner") && id.ends_with("-on-premises") {
            // On-premises the owner is always the customer: these ask which row a duty
            // belongs to, keyed first (where "Customer" was) so recorded answers keep their
            // grade.
            let (c, owner) = one_cell();
            assert_eq!(owner, Owner::Customer, "{id}");
            let row = &rules.layer(&c.layer).unwrap().name;
            assert_eq!(correct_texts(&q), [row.as_str()], "{id}");
            assert!(q.body.choices().unwrap()[0].correct, "{id}");
        } else if id.starts_with("gen-owner-dropdown-") {
            let (_, owner) = one_cell();
            let phrase = match owner {
                Owner::Customer => "the customer alone",
                Owner::Microsoft => "Microsoft alone",
                Owner::Shared => "both parties jointly",
            };
            assert_eq!(correct_texts(&q), [phrase], "{id}");
        } else if id.starts_with("gen-owner-") || id.starts_with("gen-extra-") {
            let (c, owner) = one_cell();
            assert_eq!(correct_texts(&q), [owner_name(owner)], "{id}");
            let matrix_row = rules.layer(&c.layer).unwrap().matrix_row;
            assert_eq!(matrix_row, !id.starts_with("gen-extra-"), "{id}");
        } else if id.starts_with("gen-row-") {
            assert_eq!(cells.len(), 4, "{id}");
            let layer = &cells[0].layer;
            let truth: Vec<Owner> = Model::ALL
                .iter()
                .map(|m| rules.cell_by_id(layer, *m).unwrap().owner)
                .collect();
            for c in q.body.choices().unwrap() {
                // "Customer in On-premises and IaaS; Shared in PaaS; Microsoft in SaaS"
                let mut pattern = [None; 4];
                for group in c.text.split("; ") {
                    let (owner, models) = group.split_once(" in ").unwrap();
                    for m in models.split(", ").flat_map(|s| s.split(" and ")) {
                        pattern[model_named(m).index()] = Some(owner_named(&rules, owner));
                    }
                }
                let pattern: Vec<Owner> = pattern.iter().map(|o| o.unwrap()).collect();
                assert_eq!(pattern == truth, c.correct, "{id}: {}", c.text);
            }
        } else if id.starts_with("gen-models-") {
            let party = party_of(id, "gen-models-");
            let layer = &cells[0].layer;
            for c in q.body.choices().unwrap() {
                let m = model_named(&c.text);
                assert!(
                    cells.iter().any(|r| r.layer == *layer && r.model == m),
                    "{id}"
                );
                assert_eq!(
                    settled(&rules, layer, m, |o| o == Some(party)),
                    c.correct,
                    "{id}: {}",
                    c.text
                );
            }
        } else if id.starts_with("gen-layers-") {
            let party = party_of(id, "gen-layers-");
            let model = cells[0].model;
            for c in q.body.choices().unwrap() {
                let layer = layer_named(&rules, &c.text);
                assert!(
                    cells.iter().any(|r| r.layer == layer && r.model == model),
                    "{id}"
                );
                assert_eq!(
                    settled(&rules, layer, model, |o| o == Some(party)),
                    c.correct,
                    "{id}: {}",
                    c.text
                );
            }
        } else if let Some(layer) = id.strip_prefix("gen-band-of-") {
            let band = &rules.layer(layer).unwrap().band;
            assert_eq!(
                correct_texts(&q),
                [rules.band(band).unwrap().name.as_str()],
                "{id}"
            );
        } else if let Some(band) = id.strip_prefix("gen-band-") {
            for c in q.body.choices().unwrap() {
                let layer = rules.layer(layer_named(&rules, &c.text)).unwrap();
                assert_eq!(layer.band == band, c.correct, "{id}: {}", c.text);
                if c.correct {
                    // The band's meaning holds cell by cell under both matrices.
                    for m in Model::ALL {
                        let [a, b] = both(&rules, &layer.id, m);
                        match band {
                            "always-customer" => {
                                assert!(a != Some(Owner::Microsoft) && b != Some(Owner::Microsoft))
                            }
                            "always-provider" => {
                                let want = if m == Model::OnPremises {
                                    Owner::Customer
                                } else {
                                    Owner::Microsoft
                                };
                                assert_eq!([a, b], [Some(want); 2], "{id}");
                            }
                            _ => {}
                        }
                    }
                }
            }
        } else if id == "gen-dispute-cells" {
            for c in q.body.choices().unwrap() {
                let (name, model) = c.text.rsplit_once(" in ").map_or_else(
                    || {
                        (
                            c.text.strip_suffix(" on-premises").unwrap(),
                            Model::OnPremises,
                        )
                    },
                    |(n, m)| (n, model_named(m)),
                );
                let cell = rules.cell_by_id(layer_named(&rules, name), model).unwrap();
                assert_eq!(cell.disputed, c.correct, "{id}: {}", c.text);
            }
        } else if id.starts_with("gen-dispute-") {
            assert_eq!(cells.len(), 1, "{id}");
            let c = &cells[0];
            assert_eq!(c.owner, None, "{id}");
            let [learn, newer] = both(&rules, &c.layer, c.model);
            let word = |o: Owner| match o {
                Owner::Customer => "the customer's alone",
                Owner::Microsoft => "Microsoft's alone",
                Owner::Shared => "shared",
            };
            let right = correct_texts(&q)[0];
            match newer {
                Some(n) => {
                    let missing = Owner::ALL
                        .into_iter()
                        .find(|o| Some(*o) != learn && Some(*o) != newer)
                        .unwrap();
                    assert!(
                        right.starts_with(&format!("Neither page makes it {}", word(missing))),
                        "{id}: {right}"
                    );
                    assert!(
                        right.contains(word(n)) && right.contains(word(learn.unwrap())),
                        "{id}: {right}"
                    );
                }
                None => assert!(right.contains("no such row"), "{id}: {right}"),
            }
        } else if id.starts_with("gen-yn-col-") || id.starts_with("gen-yn-row-") {
            let Body::YesNo { statements } = &q.body else {
                panic!("{id}")
            };
            assert_eq!(statements.len(), cells.len(), "{id}");
            for (s, c) in statements.iter().zip(cells) {
                let claim = claimed(&s.text);
                assert!(
                    s.text.contains(&super::super::text::layer_ref(
                        rules.layer(&c.layer).unwrap()
                    )),
                    "{id}: {}",
                    s.text
                );
                assert_eq!(
                    settled(&rules, &c.layer, c.model, |o| o == Some(claim)),
                    s.answer,
                    "{id}: {}",
                    s.text
                );
            }
            let answers: BTreeSet<bool> = statements.iter().map(|s| s.answer).collect();
            if id.starts_with("gen-yn-row-") {
                assert_eq!(answers.len(), 2, "{id}: a row series mixes Yes and No");
            }
        } else if id.starts_with("gen-yn-shift-") {
            let Body::YesNo { statements } = &q.body else {
                panic!("{id}")
            };
            assert_eq!(cells.len(), 2 * statements.len(), "{id}");
            for (s, pair) in statements.iter().zip(cells.chunks(2)) {
                assert_eq!(pair[0].layer, pair[1].layer);
                let own = |c: &CellRef| c.owner.unwrap_or_else(|| panic!("{id}: disputed"));
                assert_eq!(own(&pair[0]) != own(&pair[1]), s.answer, "{id}: {}", s.text);
            }
        } else if id.starts_with("gen-match-") {
            let Body::Match { categories, items } = &q.body else {
                panic!("{id}")
            };
            assert_eq!(items.len(), cells.len(), "{id}");
            for (item, c) in items.iter().zip(cells) {
                assert_eq!(layer_named(&rules, &item.text), c.layer, "{id}");
                let owner = c
                    .owner
                    .unwrap_or_else(|| panic!("{id}: disputed cell matched"));
                assert_eq!(
                    owner_named(&rules, &categories[item.category]),
                    owner,
                    "{id}: {}",
                    item.text
                );
            }
        } else if id.starts_with("gen-hot-") {
            let Body::HotArea {
                columns,
                rows,
                answer,
                ..
            } = &q.body
            else {
                panic!("{id}")
            };
            let owners: Vec<Owner> = if let Some(pred) = id.strip_prefix("gen-hot-grid-") {
                match pred {
                    "customer" => vec![Owner::Customer],
                    "microsoft" => vec![Owner::Microsoft],
                    "shared" => vec![Owner::Shared],
                    "customer-involved" => vec![Owner::Customer, Owner::Shared],
                    "microsoft-involved" => vec![Owner::Microsoft, Owner::Shared],
                    _ => panic!("{id}: unknown predicate"),
                }
            } else {
                vec![party_of(id, "gen-hot-col-")]
            };
            if id.starts_with("gen-hot-grid-") {
                assert_eq!(columns, &["On-premises", "IaaS", "PaaS", "SaaS"], "{id}");
            }
            let mut want = Vec::new();
            for (r, row) in rows.iter().enumerate() {
                let layer = layer_named(&rules, &row.label);
                assert!(rules.layer(layer).unwrap().matrix_row, "{id}");
                for (col, name) in columns.iter().enumerate() {
                    let m = model_named(name);
                    assert!(
                        cells.iter().any(|c| c.layer == layer && c.model == m),
                        "{id}: cell {layer} {m:?} not listed"
                    );
                    if settled(&rules, layer, m, |o| o.is_some_and(|o| owners.contains(&o))) {
                        want.push((r, col));
                    }
                }
            }
            assert_eq!(answer, &want, "{id}");
        } else if id.starts_with("gen-load-") || id.starts_with("gen-order-load-") {
            let load = |m: Model| rules.customer_load(m);
            match &q.body {
                Body::Order { items } => {
                    let models: Vec<Model> = items.iter().map(|i| model_named(&i.text)).collect();
                    let mut sorted = models.clone();
                    sorted.sort_by_key(|m| std::cmp::Reverse(load(*m)));
                    if id.ends_with("-asc") {
                        sorted.reverse();
                    }
                    assert_eq!(models, sorted, "{id}");
                }
                body => {
                    let choices = body.choices().unwrap();
                    let models: Vec<Model> = choices.iter().map(|c| model_named(&c.text)).collect();
                    let best = if id.contains("least") {
                        models.iter().copied().min_by_key(|m| load(*m))
                    } else {
                        models.iter().copied().max_by_key(|m| load(*m))
                    };
                    assert_eq!(correct_texts(&q), [best.unwrap().name()], "{id}");
                }
            }
        } else if id.starts_with("gen-service-type-") {
            let right = model_named(correct_texts(&q)[0]);
            let info = rules.model_info(right).unwrap();
            assert!(
                info.examples.iter().any(|e| q.prompt.contains(e.as_str())),
                "{id}"
            );
            for other in Model::ALL.iter().filter(|m| **m != right) {
                let info = rules.model_info(*other).unwrap();
                assert!(
                    !info
                        .examples
                        .iter()
                        .any(|e| q.prompt.contains(&format!(" {e}?"))),
                    "{id}"
                );
            }
        } else {
            panic!("{id}: no re-derivation for this family");
        }
    }
}
