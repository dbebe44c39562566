//! What a learner reads for a question: the part of the exam it tests, its title in a list.

use crate::bank::Bank;

/// What a learner reads for the part of the exam a question tests: its objective's title in
/// the outline ("Storage redundancy options"); for a question without a known objective, its
/// legacy topic's name, else the outline name of its topic id ("2.3 Storage"), else the id.
/// Never a bare outline id like "2.3".
pub fn question_scope(bank: &Bank, q: &crate::bank::question::Question) -> String {
    let outline = &bank.rules.outline;
    if let Some((_, _, o)) = outline.objective(&q.objective) {
        return o.title.clone();
    }
    if let Some(t) = bank.rules.topic(&q.topic) {
        return t.name.clone();
    }
    outline
        .scope(&q.topic)
        .map_or_else(|| q.topic.clone(), |s| s.label())
}

/// What the header of a question open for an answer names: [`question_scope`] (its
/// objective's title), unless that names one of the question's options ("Defense in depth"
/// over a question whose answer is "Defense in depth"), then its objective group's name, then
/// its skill area's; empty when all of them would (the header then names the kind alone).
pub fn question_scope_asked(bank: &Bank, q: &crate::bank::question::Question) -> String {
    let mut names = vec![question_scope(bank, q)];
    if let Some((area, group, _)) = bank.rules.outline.objective(&q.objective) {
        names.push(group.name.clone());
        names.push(area.name.clone());
    }
    names
        .into_iter()
        .find(|n| !gives_away(n, q))
        .unwrap_or_default()
}

/// Whether `label` names one of `q`'s options: an option's words (a plural as its singular)
/// appear in it in a row, or
/// (for a choice) its words appear in the choice ("Azure Arc" in "Azure Arc-enabled servers").
pub fn gives_away(label: &str, q: &crate::bank::question::Question) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            // "endpoint" gives away as much as "endpoints".
            .map(|w| {
                let w = w.to_lowercase();
                match w.strip_suffix('s') {
                    Some(stem) if stem.len() > 2 => stem.to_string(),
                    _ => w,
                }
            })
            .collect()
    };
    let within = |part: &[String], whole: &[String]| {
        !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
    };
    let label = words(label);
    let choices = q.body.choices().is_some();
    q.body.option_texts().into_iter().any(|o| {
        let o = words(o);
        within(&o, &label) || (choices && within(&label, &o))
    })
}

/// What a learner reads for a question in a list (results, review grid, leeches): its prompt
/// on one line, sanitized; a prompt the bank shares between questions ("Which statement is
/// true?") is led by the objective's title, so rows of a list can be told apart.
pub fn question_title(bank: &Bank, q: &crate::bank::question::Question) -> String {
    let prompt = crate::text::sanitize(&q.prompt).replace('\n', " ");
    let shared = bank
        .questions()
        .iter()
        .filter(|o| o.prompt == q.prompt)
        .take(2)
        .count()
        > 1;
    if shared {
        format!(
            "{}: {prompt}",
            crate::text::sanitize(&question_scope(bank, q))
        )
    } else {
        prompt
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_question_of_the_bank_is_named_by_its_objective_never_a_bare_outline_id() {
        let bank = Bank::embedded().unwrap();
        let outline = &bank.rules.outline;
        let mut by_group_topic = 0;
        for q in bank.questions() {
            let label = question_scope(&bank, q);
            assert!(outline.scope(&label).is_none(), "{}: {label}", q.id);
            let (_, _, o) = outline.objective(&q.objective).unwrap();
            assert_eq!(label, o.title, "{}", q.id);
            if outline.scope(&q.topic).is_some() {
                by_group_topic += 1;
                assert_ne!(label, q.topic);
            }
        }
        assert!(
            by_group_topic > 0,
            "the bank has questions keyed on a group id"
        );
    }

    #[test]
    fn no_question_of_the_bank_is_headed_by_one_of_its_options_while_asked() {
        let bank = Bank::embedded().unwrap();
        let mut moved = 0;
        for q in bank.questions() {
            let label = question_scope_asked(&bank, q);
            assert!(!gives_away(&label, q), "{}: {label}", q.id);
            for o in q.body.option_texts() {
                let o = o.trim().to_lowercase();
                let shown = label.to_lowercase();
                assert!(
                    o != shown && (o.len() < 6 || !shown.contains(&o)),
                    "{}: {label} / {o}",
                    q.id
                );
            }
            if label != question_scope(&bank, q) {
                moved += 1;
            }
        }
        // QA saw "Complete the sentence · Defense in depth" over the option "Defense in depth".
        assert!(moved > 0);
    }

    #[test]
    fn a_question_outside_the_outline_falls_back_to_names_not_ids() {
        let bank = Bank::embedded().unwrap();
        let mut q = bank.questions()[0].clone();
        q.objective = "9.9.9".into();
        q.topic = "2.3".into();
        assert_eq!(question_scope(&bank, &q), "2.3 Storage");
        q.topic = "shared-responsibility".into();
        assert_eq!(question_scope(&bank, &q), "Shared responsibility model");
    }
}
