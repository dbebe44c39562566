//! The results of a session: a pure function of the session (and the previous exam).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Mode;
use super::score::{Score, TopicScore, topic_scores};
use super::session::{Item, Session};
use crate::bank::Bank;
use crate::bank::question::Grade;

/// The previous exam's result per question asked, built by the caller from the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousExam {
    /// `(question id, answered fully right)`; a question left unanswered is not right.
    pub results: Vec<(String, bool)>,
}

impl From<&Summary> for PreviousExam {
    /// This session's results, for comparing the next exam with it.
    fn from(s: &Summary) -> PreviousExam {
        PreviousExam {
            results: s.question_results.clone(),
        }
    }
}

/// An item that was not fully right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missed {
    /// The item's index in the session.
    pub index: usize,
    /// The question asked.
    pub question_id: String,
    /// Its concept.
    pub concept: String,
    /// Its topic.
    pub topic: String,
    /// Whether it had an answer at all.
    pub answered: bool,
    /// Its grade (zero points when unanswered).
    pub grade: Grade,
}

/// This session against the previous exam, by question: the question ids asked in both
/// exams only, sorted. "Right" is fully right; a question left unanswered is not right.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versus {
    /// Not right before, right now.
    pub fixed: Vec<String>,
    /// Right before, not right now.
    pub slipped: Vec<String>,
    /// Not right both times.
    pub still_missed: Vec<String>,
    /// Questions asked in both exams (the three lists above, and those right both times).
    #[serde(default)]
    pub shared: usize,
}

impl Versus {
    /// Questions right in both exams.
    pub fn right_both(&self) -> usize {
        self.shared
            .saturating_sub(self.fixed.len() + self.slipped.len() + self.still_missed.len())
    }
}

/// The answers given in the session, every one counted as `az900 history` counts them (a
/// second chance at a miss is an answer too): `right + missed == answered`; and the session's
/// questions ([`questions`]), each once, of which `skipped` have no answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// The session's questions, each once ([`questions`]).
    pub questions: usize,
    /// Answers given.
    pub answered: usize,
    /// Answers fully right.
    pub right: usize,
    /// Answers not fully right.
    pub missed: usize,
    /// Questions left without an answer.
    pub skipped: usize,
}

/// The session's questions, each once, in the order first asked, as the index of the item
/// that holds its latest answer (else its first item): what the learner ended with on each.
/// A question asked again (a second chance on a concept with one wording) is one question;
/// a second chance in another wording is a question of its own; a second chance the session
/// ended before reaching is left out.
pub fn questions(items: &[Item]) -> Vec<usize> {
    let mut order: Vec<&str> = Vec::new();
    let mut latest: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.requeued && !it.is_answered() {
            continue;
        }
        let id = it.question_id.as_str();
        match latest.get(id) {
            None => {
                order.push(id);
                latest.insert(id, i);
            }
            Some(_) if it.is_answered() => {
                latest.insert(id, i);
            }
            Some(_) => {}
        }
    }
    order
        .iter()
        .filter_map(|id| latest.get(id).copied())
        .collect()
}

impl Counts {
    /// Right answers as a fraction of the answers given (`None` with no answer).
    pub fn accuracy(&self) -> Option<f64> {
        (self.answered > 0).then(|| self.right as f64 / self.answered as f64)
    }
}

/// What a session's end screen and report show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The session's mode.
    pub mode: Mode,
    /// Points and the *estimated* scaled score. Exam: every item counts (unanswered ones score
    /// zero). Other modes: the answered items that were not requeued second chances.
    pub score: Score,
    /// A full exam (the whole outline, [`FULL_EXAM_QUESTIONS`](super::FULL_EXAM_QUESTIONS)
    /// questions): the only summary whose scaled score and pass mark are shown or kept.
    #[serde(default)]
    pub full_exam: bool,
    /// Per skill area of the outline, over the same items as `score`, in outline order.
    pub topics: Vec<TopicScore>,
    /// Items in the session (requeued ones included).
    pub total: usize,
    /// Items with an answer.
    pub answered: usize,
    /// Answers given, right and missed (every answer), and questions skipped.
    pub counts: Counts,
    /// Time from start to finish (explanations read and breaks included).
    pub time_used_ms: u64,
    /// Time on the questions, each answer counted up to
    /// [`ANSWER_CAP_SECS`](crate::schedule::pace::ANSWER_CAP_SECS): what the session adds to
    /// Home's minutes studied today, as the exam plan counts them.
    #[serde(default)]
    pub studied_ms: u64,
    /// The time limit, when timed.
    pub time_limit_ms: Option<u64>,
    /// The exam ran out of time.
    pub timed_out: bool,
    /// Questions whose latest answer in the session is not fully right (unanswered ones
    /// included in exams), each once ([`questions`]): what "Review missed" retakes.
    pub missed: Vec<Missed>,
    /// Question ids answered right but flagged as a guess.
    pub lucky_guesses: Vec<String>,
    /// Per concept, in first-seen order: whether its first scored item was fully right.
    pub concept_results: Vec<(String, bool)>,
    /// Per question ([`questions`]), in the order first asked: whether the latest answer is
    /// fully right (unanswered: not right). What the next exam compares with.
    #[serde(default)]
    pub question_results: Vec<(String, bool)>,
    /// Against the previous exam, when one was given.
    pub versus: Option<Versus>,
}

impl Summary {
    /// What the score counts, to follow its `credit / questions`: an exam scores every
    /// question (unanswered ones as 0), so nothing; other modes only the answered ones (a
    /// skipped question is not in it), so `" answered"`.
    pub fn score_counts(&self) -> &'static str {
        if self.mode == Mode::Exam {
            ""
        } else {
            " answered"
        }
    }

    /// Builds the summary of `session` (finished or not), comparing with `previous` if given.
    pub fn from_session(
        session: &Session,
        bank: &Bank,
        previous: Option<&PreviousExam>,
    ) -> Summary {
        let exam = session.mode() == Mode::Exam;
        let items = session.items();
        // The items that count for the score.
        let scored: Vec<(usize, Grade)> = items
            .iter()
            .enumerate()
            .filter(|(_, it)| !it.requeued)
            .filter_map(|(i, it)| match &it.grade {
                Some(g) => Some((i, g.clone())),
                None if exam => Some((i, zero_for(bank, &it.question_id))),
                None => None,
            })
            .collect();
        let score = Score::from_grades(scored.iter().map(|(_, g)| g), session.config().cut_percent);
        let topics = topic_scores(
            bank,
            scored
                .iter()
                .map(|(i, g)| (objective_of(bank, &items[*i].question_id), g)),
        );
        let latest = questions(items);
        let missed = latest
            .iter()
            .map(|&i| (i, &items[i]))
            .filter(|(_, it)| !it.is_correct() && (exam || it.is_answered()))
            .map(|(index, it)| Missed {
                index,
                question_id: it.question_id.clone(),
                concept: it.concept.clone(),
                topic: it.topic.clone(),
                answered: it.is_answered(),
                grade: it
                    .grade
                    .clone()
                    .unwrap_or_else(|| zero_for(bank, &it.question_id)),
            })
            .collect();
        let lucky_guesses = items
            .iter()
            .filter(|it| it.guess && it.is_correct())
            .map(|it| it.question_id.clone())
            .collect();
        let mut concept_results: Vec<(String, bool)> = Vec::new();
        for (i, g) in &scored {
            let c = &items[*i].concept;
            if !concept_results.iter().any(|(x, _)| x == c) {
                concept_results.push((c.clone(), g.is_correct()));
            }
        }
        let question_results: Vec<(String, bool)> = latest
            .iter()
            .map(|&i| (items[i].question_id.clone(), items[i].is_correct()))
            .collect();
        let versus = previous.map(|p| compare(p, &question_results));
        let mut counts = Counts {
            questions: latest.len(),
            skipped: latest.iter().filter(|&&i| !items[i].is_answered()).count(),
            ..Counts::default()
        };
        for it in items.iter().filter(|it| it.is_answered()) {
            counts.answered += 1;
            if it.is_correct() {
                counts.right += 1;
            } else {
                counts.missed += 1;
            }
        }
        let full_exam = exam
            && session
                .config()
                .full_exam
                .unwrap_or(items.len() == super::FULL_EXAM_QUESTIONS);
        Summary {
            mode: session.mode(),
            score,
            full_exam,
            topics,
            total: items.len(),
            answered: items.iter().filter(|it| it.is_answered()).count(),
            counts,
            time_used_ms: session.time_used_ms(),
            studied_ms: items
                .iter()
                .filter(|it| it.is_answered())
                .map(|it| it.time_ms.min(ANSWER_CAP_MS))
                .sum(),
            time_limit_ms: session.time_limit_ms(),
            timed_out: session.timed_out(),
            missed,
            lucky_guesses,
            concept_results,
            question_results,
            versus,
        }
    }
}

/// [`crate::schedule::pace::ANSWER_CAP_SECS`] in milliseconds.
const ANSWER_CAP_MS: u64 = (crate::schedule::pace::ANSWER_CAP_SECS * 1000.0) as u64;

fn objective_of<'a>(bank: &'a Bank, id: &'a str) -> &'a str {
    bank.get(id).map_or(id, |q| q.objective.as_str())
}

fn zero_for(bank: &Bank, id: &str) -> Grade {
    Grade::zero(bank.get(id).map_or(1, |q| q.body.parts()))
}

fn compare(previous: &PreviousExam, now: &[(String, bool)]) -> Versus {
    let before: BTreeMap<&str, bool> = previous
        .results
        .iter()
        .map(|(c, r)| (c.as_str(), *r))
        .collect();
    let mut v = Versus::default();
    for (question, right) in now {
        let was = before.get(question.as_str());
        v.shared += usize::from(was.is_some());
        match (was, right) {
            (Some(false), true) => v.fixed.push(question.clone()),
            (Some(true), false) => v.slipped.push(question.clone()),
            (Some(false), false) => v.still_missed.push(question.clone()),
            _ => {}
        }
    }
    v.fixed.sort();
    v.slipped.sort();
    v.still_missed.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::question::Response;
    use crate::engine::fixtures::{TOPICS, bank, single};
    use crate::engine::session::{Action, SessionConfig};

    fn s(v: &str) -> String {
        v.to_string()
    }

    #[test]
    fn versus_sorts_questions_into_fixed_slipped_and_still_missed() {
        let previous = PreviousExam {
            results: vec![
                (s("a"), false),
                (s("b"), true),
                (s("c"), false),
                (s("d"), true),
            ],
        };
        let now = vec![
            (s("a"), true),
            (s("b"), false),
            (s("c"), false),
            (s("e"), false),
        ];
        let v = compare(&previous, &now);
        assert_eq!(v.fixed, vec![s("a")]);
        assert_eq!(v.slipped, vec![s("b")]);
        assert_eq!(v.still_missed, vec![s("c")]);
        // a, b and c were in both exams (d was not asked now, e not before): none right twice.
        assert_eq!((v.shared, v.right_both()), (3, 0));
        let again = compare(&previous, &[(s("b"), true), (s("d"), true)]);
        assert_eq!((again.shared, again.right_both()), (2, 2));
        let apart = compare(&previous, &[(s("e"), true)]);
        assert_eq!((apart.shared, apart.right_both()), (0, 0));
    }

    #[test]
    fn a_practice_summary_scores_first_tries_and_lists_misses_and_lucky_guesses() {
        let b = bank(vec![
            single("a", "ca", TOPICS[0]),
            single("b", "cb", TOPICS[1]),
            single("c", "cc", TOPICS[1]),
        ]);
        let ids = vec![s("a"), s("b"), s("c")];
        let mut session =
            Session::new(&b, Mode::Practice, ids, SessionConfig::default(), 3, 0).unwrap();
        let right = Response::Choices(vec![1]);
        let wrong = Response::Choices(vec![0]);
        let steps = [
            Action::Answer {
                response: right,
                guess: true,
            },
            Action::Next,
            Action::Answer {
                response: wrong,
                guess: false,
            },
            Action::Submit,
        ];
        for (t, a) in steps.into_iter().enumerate() {
            session.apply(&b, a, 1000 * t as i64).unwrap();
        }
        let sum = Summary::from_session(&session, &b, None);
        assert_eq!(
            (sum.score.points, sum.score.max),
            (1, 2),
            "c was never answered"
        );
        assert_eq!((sum.answered, sum.total), (2, 3));
        assert_eq!(sum.missed.len(), 1);
        assert_eq!(sum.missed[0].question_id, "b");
        assert_eq!(sum.lucky_guesses, vec![s("a")]);
        // Both questions answered are of objective 1.1.2: one skill area bar, 1 of 2.
        assert_eq!(sum.topics.len(), 1);
        assert_eq!(sum.topics[0].topic, "1");
        assert_eq!(sum.topics[0].name, "Describe cloud concepts");
        assert_eq!(sum.topics[0].credit_label(), "1 / 2");
        assert_eq!(sum.concept_results, vec![(s("ca"), true), (s("cb"), false)]);
        assert_eq!(sum.time_used_ms, 3000);
        assert!(sum.versus.is_none());
    }

    fn answer(i: usize) -> Action {
        Action::Answer {
            response: Response::Choices(vec![i]),
            guess: false,
        }
    }

    /// QA: a question missed and put right by its second chance (the same question, its
    /// concept having one wording) was still listed as missed and retaken by `r`, and the
    /// second chance was not counted. Every answer counts; the question is listed once, at its
    /// latest answer, and is not missed any more.
    #[test]
    fn a_question_put_right_by_its_second_chance_is_counted_and_not_missed() {
        let b = bank(vec![
            single("a", "ca", TOPICS[0]),
            single("b", "cb", TOPICS[1]),
            single("c", "cc", TOPICS[1]),
        ]);
        let ids = vec![s("a"), s("b"), s("c")];
        let config = SessionConfig::for_mode(Mode::Review);
        let mut session = Session::new(&b, Mode::Review, ids, config, 3, 0).unwrap();
        // a wrong, b right, c wrong, then a's second chance right and c's wrong again.
        for (t, pick) in [0, 1, 0, 1, 0].into_iter().enumerate() {
            let at = 1000 * t as i64;
            session.apply(&b, answer(pick), at).unwrap();
            session.apply(&b, Action::Next, at + 500).unwrap();
        }
        let items = session.items();
        assert_eq!(items.len(), 6, "c comes back once more, not reached");
        let sum = Summary::from_session(&session, &b, None);
        assert_eq!(
            sum.counts,
            Counts {
                questions: 3,
                answered: 5,
                right: 2,
                missed: 3,
                skipped: 0
            }
        );
        // Each question once, at its latest answer: a's second chance, b, c's second chance.
        let listed: Vec<(&str, bool)> = questions(items)
            .into_iter()
            .map(|i| (items[i].question_id.as_str(), items[i].is_correct()))
            .collect();
        assert_eq!(listed, [("a", true), ("b", true), ("c", false)]);
        let retake: Vec<&str> = sum.missed.iter().map(|m| m.question_id.as_str()).collect();
        assert_eq!(retake, ["c"]);
        // The score is of first tries.
        assert_eq!((sum.score.points, sum.score.max), (1, 3));
    }

    #[test]
    fn unanswered_questions_are_skipped_not_right() {
        let qs: Vec<_> = (0..20)
            .map(|i| single(&format!("q{i}"), &format!("c{i}"), TOPICS[i % 3]))
            .collect();
        let ids: Vec<String> = qs.iter().map(|q| q.id.clone()).collect();
        let b = bank(qs);
        // Nothing answered: nothing is right.
        let mut empty = Session::new(
            &b,
            Mode::Practice,
            ids.clone(),
            SessionConfig::default(),
            3,
            0,
        )
        .unwrap();
        empty.apply(&b, Action::Submit, 10).unwrap();
        let sum = Summary::from_session(&empty, &b, None);
        assert_eq!(
            sum.counts,
            Counts {
                questions: 20,
                answered: 0,
                right: 0,
                missed: 0,
                skipped: 20
            }
        );
        assert_eq!(sum.counts.accuracy(), None);
        // 11 answered, 5 of them wrong (choice 0), then the session ends.
        let mut s = Session::new(&b, Mode::Practice, ids, SessionConfig::default(), 3, 0).unwrap();
        for k in 0..11 {
            s.apply(&b, answer(usize::from(k < 6)), 100 * k as i64)
                .unwrap();
            s.apply(&b, Action::Next, 100 * k as i64 + 50).unwrap();
        }
        s.apply(&b, Action::Submit, 5000).unwrap();
        let sum = Summary::from_session(&s, &b, None);
        let c = sum.counts;
        assert_eq!(
            (c.questions, c.answered, c.right, c.missed, c.skipped),
            (20, 11, 6, 5, 9)
        );
        assert_eq!(c.right + c.missed + c.skipped, c.questions);
        assert!((c.accuracy().unwrap() - 6.0 / 11.0).abs() < 1e-9);
    }
}
