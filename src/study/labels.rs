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
