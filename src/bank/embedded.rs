//! The packs in `questions/`, compiled into the binary by `build.rs` so the app runs from any
//! directory, and the part of the bank built from them and from the compiled-in fact tables at
//! every start.
//!
//! That part is a list of independent pieces (the rules' questions, each fact table, each
//! pack), so two threads share it: each takes the next piece not yet taken, and the results
//! are put back in the order one thread would have produced them, so the bank (its questions
//! and its errors) is the same.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::question::Question;
use super::{PackError, generate, pack};
use crate::rules::Rules;

include!(concat!(env!("OUT_DIR"), "/packs.rs"));

/// One independent piece of the compiled-in bank.
#[derive(Debug, Clone, Copy)]
enum Piece {
    /// The questions generated from the rules.
    Rules,
    /// A fact table of `crate::facts::FACTS`, parsed, and its questions.
    Table(usize),
    /// A pack of [`PACKS`].
    Pack(usize),
}

/// What a piece gives: its questions or its errors, and for a table its id and file name (ids
/// must be unique across tables).
struct Built {
    questions: Result<Vec<Question>, Vec<PackError>>,
    table: Option<(String, String)>,
}

/// The questions of the rules, of the compiled-in fact tables and of the compiled-in packs, in
/// that order, and every error of the tables (first) and the packs.
pub(super) fn questions(rules: &Rules) -> (Vec<Question>, Vec<PackError>) {
    let tables = crate::facts::FACTS.len();
    // In the order of the result: what one thread would append first comes first.
    let pieces: Vec<Piece> = std::iter::once(Piece::Rules)
        .chain((0..tables).map(Piece::Table))
        .chain((0..PACKS.len()).map(Piece::Pack))
        .collect();
    // Taken largest first (the packs, then the rules' questions, then the small tables), so
    // neither thread is left with a large piece at the end.
    let order: Vec<usize> = (1 + tables..pieces.len())
        .chain(std::iter::once(0))
        .chain(1..=tables)
        .collect();
    let built = on_two_threads(&order, |i| build(pieces[i], rules));
    let mut questions = Vec::new();
    let mut table_errors = Vec::new();
    let mut pack_errors = Vec::new();
    let mut ids = crate::facts::TableIds::default();
    // The tables' questions count only when every table is valid, as `facts::parse_tables`
    // has it; any error fails the whole bank anyway.
    for (piece, b) in pieces.iter().zip(built) {
        let errors = match piece {
            Piece::Rules | Piece::Table(_) => &mut table_errors,
            Piece::Pack(_) => &mut pack_errors,
        };
        if let Some((id, file)) = &b.table
            && let Err(e) = ids.first(id, file)
        {
            errors.push(e);
        }
        match b.questions {
            Ok(qs) => questions.extend(qs),
            Err(errs) => errors.extend(errs),
        }
    }
    table_errors.extend(pack_errors);
    (questions, table_errors)
}

fn build(piece: Piece, rules: &Rules) -> Built {
    match piece {
        Piece::Rules => Built {
            questions: Ok(generate::generate(rules)),
            table: None,
        },
        Piece::Table(i) => {
            let (file, text) = crate::facts::FACTS[i];
            let file = crate::facts::embedded_name(file);
            match crate::facts::parse_table(&file, text, rules) {
                Ok(table) => Built {
                    questions: Ok(generate::from_tables(
                        std::slice::from_ref(&table),
                        &rules.outline,
                    )),
                    table: Some((table.id, file)),
                },
                Err(errors) => Built {
                    questions: Err(errors),
                    table: None,
                },
            }
        }
        Piece::Pack(i) => {
            let (file, text) = PACKS[i];
            Built {
                questions: pack::parse_embedded_pack(file, text, rules),
                table: None,
            }
        }
    }
}

/// `build(i)` for every `i` of `order`, on this thread and one more (each takes the next `i`
/// not yet taken), returned in the order of `i`. When no thread can be started, this one does
/// it all; a panic on the other thread is raised again here.
fn on_two_threads<T: Send>(order: &[usize], build: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, build(i)));
        }
        done
    };
    let mut done = std::thread::scope(|s| {
        let helper = std::thread::Builder::new()
            .name("bank".into())
            .spawn_scoped(s, work);
        let mut mine = work();
        if let Ok(helper) = helper {
            match helper.join() {
                Ok(theirs) => mine.extend(theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        mine
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_two_threads_give_what_one_thread_gives() {
        let rules = Rules::embedded().unwrap();
        let mut one = generate::generate(&rules);
        let tables = crate::facts::embedded(&rules).unwrap();
        one.extend(generate::from_tables(&tables, &rules.outline));
        for (file, text) in PACKS {
            one.extend(pack::parse_embedded_pack(file, text, &rules).unwrap());
        }
        let (two, errors) = questions(&rules);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(two.len(), one.len());
        assert!(two == one, "the same questions in the same order");
    }

    #[test]
    fn results_come_back_in_the_order_of_the_pieces() {
        let order = [5, 3, 0, 4, 1, 2];
        let out = on_two_threads(&order, |i| {
            // Uneven work, so the threads finish pieces out of order.
            std::thread::sleep(std::time::Duration::from_millis(u64::try_from(i).unwrap()));
            i * 10
        });
        assert_eq!(out, [0, 10, 20, 30, 40, 50]);
    }
}
