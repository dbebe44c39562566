//! What the fact-table generators share: the question shell (objective, topic, the row's Learn
//! page), a stable per-id hash for balancing, choice placement and yes/no patterns.

use std::cell::RefCell;

use crate::bank::question::{Choice, Question, Source, Statement};
use crate::facts::{RowMeta, Table};
use crate::outline::Outline;

/// The context of one table's generation.
pub struct Ctx<'a> {
    pub table: &'a Table,
    pub outline: &'a Outline,
    /// The group of each objective looked up so far (a table names a few objectives, each
    /// in many questions; the outline's lookup is a search).
    groups: RefCell<Vec<(String, &'a str)>>,
}

impl<'a> Ctx<'a> {
    pub fn new(table: &'a Table, outline: &'a Outline) -> Ctx<'a> {
        Ctx {
            table,
            outline,
            groups: RefCell::new(Vec::new()),
        }
    }

    /// `fx.<table>.<tail>`.
    pub fn id(&self, tail: &str) -> String {
        cat!("fx.", self.table.id, ".", tail)
    }

    /// `<table>.<tail>`.
    pub fn concept(&self, tail: &str) -> String {
        cat!(self.table.id, ".", tail)
    }

    /// The outline group of `objective` ("" when it has none).
    fn group_of(&self, objective: &str) -> &'a str {
        let mut groups = self.groups.borrow_mut();
        if let Some((_, g)) = groups.iter().find(|(o, _)| o == objective) {
            return g;
        }
        let g = self.outline.group_of(objective).unwrap_or_default();
        groups.push((objective.to_string(), g));
        g
    }

    /// A question about `row` (its objective, its group as topic, its source as reference).
    pub fn question(&self, row: &RowMeta, id: String, concept: String, prompt: String) -> Shell {
        Shell {
            q: Question {
                id,
                concept,
                objective: row.objective.clone(),
                topic: self.group_of(&row.objective).to_string(),
                prompt,
                body: crate::bank::question::Body::Order { items: Vec::new() },
                explanation: String::new(),
                refs: vec![row.source.clone()],
                cells: Vec::new(),
                source: Source::Table {
                    file: self.table.file.clone(),
                },
                confusable: None,
            },
        }
    }
}

/// A question being built: body and explanation still to set.
pub struct Shell {
    pub q: Question,
}

impl Shell {
    /// Adds the Learn pages of further rows the question draws on.
    pub fn also_cites<'r>(mut self, rows: impl IntoIterator<Item = &'r RowMeta>) -> Shell {
        for r in rows {
            if !self.q.refs.contains(&r.source) {
                self.q.refs.push(r.source.clone());
            }
        }
        self
    }

    /// Marks the question's concept as one of the set `set` a learner mixes up
    /// ([`Question::confusable`]).
    pub fn confusable(mut self, set: String) -> Shell {
        self.q.confusable = Some(set);
        self
    }

    pub fn done(mut self, body: crate::bank::question::Body, explanation: String) -> Question {
        self.q.body = body;
        self.q.explanation = explanation;
        self.q
    }
}

/// A stable 64-bit hash of a text (FNV-1a): the same on every platform and release.
pub fn hash(s: &str) -> u64 {
    hash_on(0xcbf2_9ce4_8422_2325, s)
}

/// `hash` of a text that continues the one hashed into `h`.
fn hash_on(h: u64, s: &str) -> u64 {
    s.bytes()
        .fold(h, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// `hash(&format!("{id}#{tail}"))`, without building the text.
pub fn hash_tagged(id: &str, tail: &str) -> u64 {
    hash_on(hash_on(hash(id), "#"), tail)
}

/// `hash(&format!("{id}#{n}"))`, without building the text.
pub fn hash_numbered(id: &str, n: usize) -> u64 {
    // The decimal digits of `n`, most significant first.
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        // A digit: `rest % 10` is below 10.
        digits[at] = b'0' + u8::try_from(rest % 10).unwrap_or(0);
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let h = hash_on(hash(id), "#");
    digits[at..]
        .iter()
        .fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// The right choice followed by the wrong ones, rotated so the right one's place depends on
/// the question id (spread evenly over positions across a table).
pub fn placed(id: &str, right: Choice, wrong: Vec<Choice>) -> Vec<Choice> {
    let mut all = Vec::with_capacity(wrong.len() + 1);
    all.push(right);
    all.extend(wrong);
    let n = all.len();
    let at = usize::try_from(hash(id) % n as u64).unwrap_or(0);
    all.rotate_right(at);
    all
}

/// Up to `k` of `candidates` (indices), picked by a stable hash of `id`, such that when there
/// is a choice the right text is not the longest of all: length must not give the answer away.
pub fn pick_wrong(
    id: &str,
    right_len: usize,
    candidates: &[(usize, usize)],
    k: usize,
) -> Vec<usize> {
    // candidates: (index, text length)
    let mut keyed: Vec<(u64, (usize, usize))> = candidates
        .iter()
        .map(|c| (hash_numbered(id, c.0), *c))
        .collect();
    // Stable, as the order of equal keys was.
    keyed.sort_by_key(|(h, _)| *h);
    let order: Vec<(usize, usize)> = keyed.into_iter().map(|(_, c)| c).collect();
    let mut chosen: Vec<(usize, usize)> = order.iter().copied().take(k).collect();
    let rest: Vec<(usize, usize)> = order.iter().copied().skip(k).collect();
    let longest_is_right = chosen.iter().all(|(_, len)| *len < right_len);
    // In about half the questions, swap in a longer distractor if one is left out.
    if longest_is_right
        && hash(id).is_multiple_of(2)
        && !chosen.is_empty()
        && let Some(longer) = rest.iter().find(|(_, len)| *len >= right_len)
    {
        let last = chosen.len() - 1;
        chosen[last] = *longer;
    }
    let mut out: Vec<usize> = chosen.into_iter().map(|(i, _)| i).collect();
    out.sort_unstable();
    out
}

/// Which of `n` statements of a series are shown true: a stable pattern from `id`, never all
/// true and never all false (when `n` ≥ 2).
pub fn truth_pattern(id: &str, n: usize) -> Vec<bool> {
    let h = hash(id);
    let mut p: Vec<bool> = (0..n).map(|i| (h >> (i % 64)) & 1 == 1).collect();
    if n >= 2 {
        if p.iter().all(|x| *x) {
            p[usize::try_from(h % n as u64).unwrap_or(0)] = false;
        } else if p.iter().all(|x| !*x) {
            p[usize::try_from(h % n as u64).unwrap_or(0)] = true;
        }
    }
    p
}

pub fn choice(text: &str, correct: bool, why: String) -> Choice {
    Choice {
        text: text.to_string(),
        correct,
        why,
    }
}

pub fn statement(text: String, answer: bool, why: String) -> Statement {
    Statement { text, answer, why }
}

/// Upper-cases the first letter.
pub fn cap(s: &str) -> String {
    super::text::upper_first(s)
}

/// [`cap`] of a text already built: in place when its first letter is ASCII.
pub fn cap_owned(mut s: String) -> String {
    if s.starts_with(|c: char| c.is_ascii()) {
        // An ASCII letter's upper case is one ASCII byte: what `cap` gives.
        s[..1].make_ascii_uppercase();
        s
    } else {
        cap(&s)
    }
}

/// Ends a text with a full stop unless it already ends a sentence.
pub fn sentence(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        cat!(t, ".")
    }
}

/// Rows split into consecutive groups of at most `size` (the last groups evened out so none
/// has fewer than 2 when that is possible).
pub fn groups<T>(items: &[T], size: usize) -> Vec<&[T]> {
    if items.len() < 2 {
        return Vec::new();
    }
    let n = items.len().div_ceil(size);
    let base = items.len() / n;
    let extra = items.len() % n;
    let mut out = Vec::with_capacity(n);
    let mut start = 0;
    for g in 0..n {
        let len = base + usize::from(g < extra);
        out.push(&items[start..start + len]);
        start += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hashes_without_a_text_are_the_hashes_of_the_text() {
        for id in ["", "fx.t.row.single", "é#"] {
            for n in [0, 7, 10, 99, 1234, usize::MAX] {
                assert_eq!(hash_numbered(id, n), hash(&format!("{id}#{n}")), "{id} {n}");
            }
            for tail in ["", "row-id", "9"] {
                assert_eq!(hash_tagged(id, tail), hash(&format!("{id}#{tail}")));
            }
        }
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
    }

    #[test]
    fn cap_owned_is_cap() {
        for s in [
            "",
            "a",
            "azure monitor does x",
            "Already",
            "1 thing",
            "é",
            "ǆ big",
            "ß",
        ] {
            assert_eq!(cap_owned(s.to_string()), cap(s), "{s}");
        }
    }
}
