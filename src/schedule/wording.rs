//! Which wording (question) of a concept to ask next.

use crate::bank::Bank;

/// The id of the question to ask for `concept`: the wording after `last_question` in bank
/// order (wrapping around), so consecutive asks never repeat a wording when the concept has
/// another one. `None` if the bank has no question for the concept.
pub fn pick_wording<'a>(
    bank: &'a Bank,
    concept: &'a str,
    last_question: Option<&str>,
) -> Option<&'a str> {
    let ids: Vec<&'a str> = bank.wordings(concept).map(|q| q.id.as_str()).collect();
    next_after(&ids, last_question)
}

/// The element after `last` in `ids` (cyclically); the first if `last` is absent or unknown.
pub fn next_after<'a>(ids: &[&'a str], last: Option<&str>) -> Option<&'a str> {
    let first = ids.first().copied()?;
    let Some(pos) = last.and_then(|l| ids.iter().position(|id| *id == l)) else {
        return Some(first);
    };
    Some(ids[(pos + 1) % ids.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_never_repeats_the_last_wording_when_there_is_another() {
        let ids = ["a", "b", "c"];
        assert_eq!(next_after(&ids, None), Some("a"));
        assert_eq!(next_after(&ids, Some("a")), Some("b"));
        assert_eq!(next_after(&ids, Some("c")), Some("a"));
        assert_eq!(next_after(&ids, Some("gone")), Some("a"));
        // Every wording gets its turn.
        let mut last = None;
        let mut seen = Vec::new();
        for _ in 0..3 {
            let next = next_after(&ids, last);
            assert_ne!(next, last);
            seen.push(next);
            last = next;
        }
        seen.sort();
        assert_eq!(seen, [Some("a"), Some("b"), Some("c")]);
        assert_eq!(next_after(&["only"], Some("only")), Some("only"));
        assert_eq!(next_after(&[], None), None);
    }

    fn question(id: &str, concept: &str) -> crate::bank::Question {
        crate::bank::Question {
            id: id.into(),
            concept: concept.into(),
            objective: "1.1.2".into(),
            topic: "t".into(),
            prompt: "?".into(),
            body: crate::bank::Body::Single {
                choices: vec![crate::bank::Choice {
                    text: "yes".into(),
                    correct: true,
                    why: "because".into(),
                }],
            },
            explanation: String::new(),
            refs: Vec::new(),
            cells: Vec::new(),
            source: crate::bank::question::Source::Generated,
            confusable: None,
        }
    }

    #[test]
    fn the_bank_rotates_the_wordings_of_a_concept() {
        let rules = crate::rules::Rules::embedded().unwrap();
        let qs = vec![
            question("x1", "x"),
            question("y1", "y"),
            question("x2", "x"),
            question("x3", "x"),
        ];
        let bank = Bank::from_questions(rules, qs).unwrap();
        assert_eq!(pick_wording(&bank, "x", None), Some("x1"));
        assert_eq!(pick_wording(&bank, "x", Some("x1")), Some("x2"));
        assert_eq!(pick_wording(&bank, "x", Some("x3")), Some("x1"));
        assert_eq!(
            pick_wording(&bank, "y", Some("y1")),
            Some("y1"),
            "the only wording"
        );
        assert_eq!(pick_wording(&bank, "no-such-concept", None), None);
    }
}
