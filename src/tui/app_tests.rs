//! Key → message → `App::update` tests for every screen, on the demo bank and an in-memory
//! backend.

use super::*;
use crate::bank::question::{Kind, Response};
use crate::engine::{Event, Mode, Phase};
use crate::tui::demo;
use crate::tui::event::to_msg;
use crate::tui::poll_timeout;
use crate::tui::service::MemoryService;
use crate::tui::widgets::matrix_grid::MatrixView;
use ratatui::crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyModifiers};

const SINGLE: usize = 0;
const MULTI: usize = 1;

fn backend(picks: &[usize]) -> MemoryService {
    demo::backend(picks).unwrap()
}

/// Feeds real key events through `to_msg` into the app.
fn keys(app: &mut App, codes: &[KeyCode]) {
    for c in codes {
        if let Some(m) = to_msg(
            TermEvent::Key(KeyEvent::new(*c, KeyModifiers::NONE)),
            &app.keymap,
        ) {
            app.update(m);
        }
    }
}

fn ch(c: char) -> KeyCode {
    KeyCode::Char(c)
}

fn phase(app: &App) -> Option<Phase> {
    app.session.as_ref().map(|s| s.session.phase())
}

/// Display position of a wrong (or right) choice of the current question.
/// The screen `app` draws at `w`×`h`, as lines of text.
fn screen_text(app: &App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| crate::tui::screens::render(app, f)).unwrap();
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn choice_pos(app: &App, right: bool) -> u8 {
    let q = app.current_question().unwrap();
    let choices = q.body.choices().unwrap();
    let s = app.session.as_ref().unwrap();
    s.draft
        .order
        .iter()
        .position(|i| choices[*i].correct == right)
        .unwrap() as u8
}

#[test]
fn an_app_with_remapped_keys_reads_them_without_global_state() {
    let path = std::path::Path::new("keys.json");
    let bindings = crate::tui::keys_config::parse(path, r#"{"flag": "m", "quit": "x"}"#).unwrap();
    let mut b = backend(&[SINGLE]);
    let mut app =
        App::new(&mut b, Theme::colored()).with_keymap(crate::tui::keymap::Keymap::new(bindings));
    // A second app in the same process keeps the defaults.
    let mut b2 = backend(&[SINGLE]);
    let plain = App::new(&mut b2, Theme::colored());
    assert_eq!(
        plain.keymap.lookup(crate::tui::keymap::Key::Char('q')),
        Some(Msg::Quit)
    );
    assert_eq!(app.keymap.lookup(crate::tui::keymap::Key::Char('q')), None);
    let footer = crate::tui::widgets::footer::line(&[Ctx::Global], &app.keymap, 80, &app.theme);
    assert!(crate::tui::text::plain(&footer).contains("x quit"));
    keys(&mut app, &[ch('x')]);
    assert!(app.quit, "x quits in the remapped app");
}

#[test]
fn home_menu_moves_wraps_and_opens_entries_by_number() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    assert_eq!(
        app.screens.dashboard.due_today, 12,
        "dashboard loaded at start"
    );
    keys(&mut app, &[KeyCode::Up]);
    assert_eq!(
        app.screens.home_cursor,
        MenuItem::ALL.len() - 1,
        "wraps to Quit"
    );
    keys(&mut app, &[ch('j'), ch('j')]);
    assert_eq!(app.screens.home_cursor, 1);
    keys(&mut app, &[ch('6')]);
    assert_eq!(app.screen, Screen::Stats);
    assert_eq!(app.screens.stats.exams.len(), 7, "stats loaded on entry");
    keys(&mut app, &[ch('j'), KeyCode::PageDown]);
    assert_eq!(
        app.screens.stats_scroll,
        1 + app.page(),
        "PgDn moves a page"
    );
    keys(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen, Screen::Home);
    keys(&mut app, &[ch('7')]);
    assert_eq!(app.screen, Screen::Matrix);
    assert!(!app.screens.accuracy.is_empty());
    keys(&mut app, &[KeyCode::Esc, ch('8')]);
    assert!(app.help().is_some());
    keys(&mut app, &[KeyCode::Esc]);
    assert!(app.help().is_none());
    keys(&mut app, &[ch('2'), KeyCode::Enter]);
    assert_eq!(app.screen, Screen::Session);
    assert_eq!(app.session.as_ref().unwrap().session.mode(), Mode::Practice);
}

#[test]
fn quit_from_home_needs_no_confirmation() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('q')]);
    assert!(app.quit);
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('9')]);
    assert!(app.quit, "the Quit entry");
}

#[test]
fn help_is_modal_and_keys_do_not_leak_to_the_screen_below() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('?'), ch('3'), ch('j')]);
    assert!(app.help().is_some());
    assert_eq!(app.screen, Screen::Home, "3 did not start an exam");
    assert_eq!(app.help(), Some(1), "j scrolls the help");
    keys(&mut app, &[ch('?')]);
    assert!(app.help().is_none());
}

#[test]
fn practice_submit_needs_an_answer_then_shows_feedback() {
    let mut b = backend(&[SINGLE, MULTI]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        keys(&mut app, &[ch('2'), KeyCode::Enter, KeyCode::Enter]);
        assert_eq!(phase(&app), Some(Phase::Question));
        assert!(app.status.as_ref().unwrap().text.contains("Pick an answer"));
        let right = choice_pos(&app, true);
        app.update(Msg::Pick(right));
        keys(&mut app, &[ch('g'), KeyCode::Enter]);
        assert_eq!(phase(&app), Some(Phase::Feedback));
        let item = &app.session.as_ref().unwrap().session.items()[0];
        assert!(
            item.is_correct() && item.guess,
            "answered right, as a guess"
        );
        assert_eq!(app.contexts(), vec![Ctx::Feedback]);
        keys(&mut app, &[KeyCode::Enter]);
        assert_eq!(phase(&app), Some(Phase::Question));
        assert_eq!(app.session.as_ref().unwrap().session.current_index(), 1);
        assert!(
            !app.session.as_ref().unwrap().guess,
            "the guess flag is per answer"
        );
    }
    let answered = b
        .events
        .iter()
        .filter(|e| matches!(e, Event::Answered(r) if r.guess))
        .count();
    assert_eq!(answered, 1, "one answer recorded, as a guess");
}

#[test]
fn undo_takes_the_answer_back_and_keeps_the_picks() {
    let mut b = backend(&[SINGLE]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        keys(&mut app, &[ch('2'), KeyCode::Enter]);
        let wrong = choice_pos(&app, false);
        app.update(Msg::Pick(wrong));
        keys(&mut app, &[KeyCode::Enter, ch('u')]);
        assert_eq!(phase(&app), Some(Phase::Question));
        let s = app.session.as_ref().unwrap();
        assert!(s.session.items()[0].response.is_none());
        assert!(s.draft.is_answered(), "the picks stay to be changed");
        let right = choice_pos(&app, true);
        app.update(Msg::Pick(right));
        keys(&mut app, &[KeyCode::Enter]);
        assert!(app.session.as_ref().unwrap().session.items()[0].is_correct());
        keys(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen, Screen::Results, "past the last question");
        assert!(
            app.screens
                .results
                .as_ref()
                .unwrap()
                .summary
                .missed
                .is_empty()
        );
    }
    assert!(b.events.iter().any(|e| matches!(e, Event::Undone { .. })));
}

#[test]
fn exam_only_keys_explain_themselves_in_practice_and_esc_asks_to_end() {
    let mut b = backend(&[SINGLE, MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('2'), KeyCode::Enter, ch(']')]);
    assert_eq!(app.session.as_ref().unwrap().session.current_index(), 0);
    assert!(app.status.as_ref().unwrap().text.contains("exam only"));
    keys(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.confirm(), Some(&Confirm::EndSession));
    keys(&mut app, &[ch('n')]);
    assert_eq!(app.confirm(), None);
    assert_eq!(app.screen, Screen::Session);
    keys(&mut app, &[KeyCode::Esc, ch('y')]);
    assert_eq!(app.screen, Screen::Results);
}

#[test]
fn flag_marks_the_question() {
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('2'), KeyCode::Enter, ch('f')]);
    assert!(app.session.as_ref().unwrap().session.current_item().marked);
    keys(&mut app, &[ch('f')]);
    assert!(!app.session.as_ref().unwrap().session.current_item().marked);
}

#[test]
fn exam_navigation_saves_changed_answers_and_the_review_list_jumps() {
    let mut b = backend(&[SINGLE, MULTI, SINGLE + 2]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        keys(&mut app, &[ch('3'), KeyCode::Enter]);
        assert_eq!(
            app.contexts(),
            vec![Ctx::Answer(Kind::Single), Ctx::Question, Ctx::Exam]
        );
        keys(&mut app, &[ch('1'), ch(']')]);
        let s = &app.session.as_ref().unwrap().session;
        assert_eq!(s.current_index(), 1);
        assert!(s.items()[0].is_answered(), "] saved the changed answer");
        keys(&mut app, &[ch('[')]);
        let s = app.session.as_ref().unwrap();
        assert_eq!(s.session.current_index(), 0);
        assert!(s.draft.is_answered(), "the saved answer is shown again");
        assert!(!s.draft.dirty);
        keys(&mut app, &[ch('r')]);
        assert!(app.session.as_ref().unwrap().review_open);
        assert_eq!(app.contexts(), vec![Ctx::ReviewList]);
        keys(&mut app, &[ch('j'), ch('j'), ch('f'), KeyCode::Enter]);
        let s = app.session.as_ref().unwrap();
        assert!(!s.review_open);
        assert_eq!(s.session.current_index(), 2);
        assert!(
            s.session.items()[2].marked,
            "f in the list marks that question"
        );
        keys(&mut app, &[ch('r'), ch('s')]);
        assert_eq!(
            app.confirm(),
            Some(&Confirm::SubmitExam {
                unanswered: vec![2, 3],
                incomplete: vec![],
                marked: vec![3],
            })
        );
        keys(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.confirm(), None);
        keys(&mut app, &[ch('s'), KeyCode::Enter]);
        assert_eq!(app.screen, Screen::Results);
        let r = app.screens.results.as_ref().unwrap();
        assert_eq!(r.summary.total, 3);
        assert_eq!(r.summary.answered, 1);
    }
    assert!(b.events.contains(&Event::Finished));
}

#[test]
fn the_last_exam_answer_opens_the_review_list() {
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(
        &mut app,
        &[ch('3'), KeyCode::Enter, ch('1'), KeyCode::Enter],
    );
    let s = app.session.as_ref().unwrap();
    assert!(s.review_open);
    assert!(s.session.items()[0].is_answered());
}

#[test]
fn quitting_an_exam_asks_first_and_abandons_it() {
    let mut b = backend(&[SINGLE, MULTI]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        keys(&mut app, &[ch('3'), KeyCode::Enter, ch('q')]);
        assert_eq!(app.confirm(), Some(&Confirm::QuitExam));
        assert!(!app.quit);
        keys(&mut app, &[ch('n')]);
        assert!(!app.quit && app.confirm().is_none());
        keys(&mut app, &[ch('q'), ch('y')]);
        assert!(app.quit);
    }
    assert_eq!(b.abandoned, 1);
}

#[test]
fn the_timer_hides_keeps_running_and_time_up_shows_the_results() {
    let mut b = backend(&[SINGLE, MULTI]);
    b.exam_minutes = 1;
    let mut app = App::new(&mut b, Theme::colored());
    assert_eq!(
        poll_timeout(&app),
        None,
        "no countdown on Home: block for ever"
    );
    keys(&mut app, &[ch('3'), KeyCode::Enter]);
    assert!(app.countdown_visible());
    let t = poll_timeout(&app).unwrap();
    assert!(t.as_millis() <= 1000, "{t:?}");
    keys(&mut app, &[ch('t')]);
    assert!(!app.countdown_visible() && app.timed_session_running());
    assert_eq!(
        poll_timeout(&app).unwrap().as_millis(),
        60_000,
        "hidden: wake only at the deadline"
    );
    app.update(Msg::Tick);
    assert_eq!(app.screen, Screen::Session);
}

#[test]
fn time_up_submits_the_exam() {
    let mut b = backend(&[SINGLE, MULTI]);
    b.exam_minutes = 1;
    let session = b.start(Mode::Exam).unwrap();
    b.now += 60_000;
    let mut app = App::new(&mut b, Theme::colored());
    app.open_session(session);
    app.update(Msg::Tick);
    assert_eq!(app.screen, Screen::Results);
    assert!(app.status.as_ref().unwrap().text.contains("Time is up"));
    assert!(app.screens.results.as_ref().unwrap().summary.timed_out);
}

#[test]
fn results_browse_missed_questions_and_start_a_review() {
    let mut b = backend(&[SINGLE, MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(
        &mut app,
        &[ch('3'), KeyCode::Enter, ch('r'), ch('s'), ch('y')],
    );
    assert_eq!(app.screen, Screen::Results);
    assert_eq!(
        app.screens.results.as_ref().unwrap().summary.missed.len(),
        2
    );
    keys(&mut app, &[ch('j')]);
    assert_eq!(app.screens.results.as_ref().unwrap().cursor, 1);
    keys(&mut app, &[ch('j')]);
    assert_eq!(
        app.screens.results.as_ref().unwrap().cursor,
        1,
        "stops at the last"
    );
    keys(&mut app, &[KeyCode::Enter]);
    assert!(app.screens.results.as_ref().unwrap().detail);
    keys(&mut app, &[ch('[')]);
    assert_eq!(app.screens.results.as_ref().unwrap().cursor, 0);
    keys(&mut app, &[KeyCode::Esc]);
    assert!(!app.screens.results.as_ref().unwrap().detail);
    keys(&mut app, &[ch('r')]);
    assert_eq!(app.screen, Screen::Session);
    assert_eq!(app.session.as_ref().unwrap().session.mode(), Mode::Review);
    assert!(app.screens.results.is_none());
}

#[test]
fn results_escape_goes_home() {
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(
        &mut app,
        &[ch('2'), KeyCode::Enter, KeyCode::Esc, ch('y'), KeyCode::Esc],
    );
    assert_eq!(app.screen, Screen::Home);
}

#[test]
fn matrix_cursor_stays_inside_and_space_switches_the_view() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('7')]);
    for _ in 0..20 {
        keys(&mut app, &[ch('j'), ch('l')]);
    }
    assert_eq!(app.screens.matrix.cursor, (9, 3));
    keys(&mut app, &[KeyCode::PageDown]);
    assert_eq!(
        app.screens.matrix.detail_scroll,
        app.page(),
        "a page of the detail pane"
    );
    keys(&mut app, &[ch('k')]);
    assert_eq!(app.screens.matrix.cursor, (8, 3));
    assert_eq!(
        app.screens.matrix.detail_scroll, 0,
        "a new cell shows its detail from the top"
    );
    keys(&mut app, &[KeyCode::Char(' ')]);
    assert_eq!(app.screens.matrix.view, MatrixView::Accuracy);
    keys(&mut app, &[KeyCode::Char(' ')]);
    assert_eq!(app.screens.matrix.view, MatrixView::Owner);
}

#[test]
fn resize_redraws_without_changing_state() {
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('2'), KeyCode::Enter, ch('1')]);
    let before = app.session.as_ref().unwrap().draft.clone();
    app.update(to_msg(TermEvent::Resize(10, 3), &app.keymap).unwrap());
    assert_eq!(app.session.as_ref().unwrap().draft, before);
}

/// The rendered status line (second row from the bottom) of a 100×30 frame.
fn status_line(app: &App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| crate::tui::screens::render(app, f))
        .unwrap();
    let buf = terminal.backend().buffer();
    (0..100).map(|x| buf[(x, 28)].symbol()).collect()
}

#[test]
fn a_failed_backup_stays_in_the_status_line_behind_newer_messages() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    assert!(!status_line(&app).contains("backup"));
    app.notify_error("Today's backup was not made: disk full");
    assert!(status_line(&app).contains("✗ Today's backup was not made: disk full"));
    // Keys that clear ordinary messages leave the alert on screen.
    keys(&mut app, &[ch('j'), ch('k'), ch('6')]);
    assert_eq!(app.screen, Screen::Stats);
    assert!(status_line(&app).contains("Today's backup was not made"));
    // A newer message takes the line while it is current.
    app.status = Some(Status {
        text: "Saved.".into(),
        error: false,
    });
    let line = status_line(&app);
    assert!(
        line.contains("Saved.") && !line.contains("backup"),
        "{line}"
    );
}

#[test]
fn bang_reports_the_question_with_a_reason_and_esc_cancels() {
    let mut b = backend(&[SINGLE, MULTI]);
    let first = b.ids[0].clone();
    {
        let mut app = App::new(&mut b, Theme::colored());
        keys(&mut app, &[ch('2'), KeyCode::Enter]);
        assert_eq!(phase(&app), Some(Phase::Question));
        // From the question: open, cancel, nothing stored.
        keys(&mut app, &[ch('!')]);
        assert!(app.reporting());
        assert_eq!(app.contexts(), vec![Ctx::Report]);
        keys(&mut app, &[KeyCode::Esc]);
        assert!(!app.reporting());
        assert_eq!(
            phase(&app),
            Some(Phase::Question),
            "Esc closes only the dialog"
        );
        // From the feedback: a reason by number stores the report and says so.
        let right = choice_pos(&app, true);
        app.update(Msg::Pick(right));
        keys(&mut app, &[KeyCode::Enter, ch('!')]);
        assert_eq!(phase(&app), Some(Phase::Feedback));
        keys(&mut app, &[ch('9')]);
        assert!(app.reporting(), "a number without a reason does nothing");
        keys(&mut app, &[ch('2')]);
        assert!(!app.reporting());
        let status = app.status.as_ref().unwrap();
        assert!(!status.error);
        assert!(
            status.text.contains("unclear") && status.text.contains("az900 reports"),
            "{}",
            status.text
        );
        assert_eq!(phase(&app), Some(Phase::Feedback), "still on the feedback");
    }
    assert_eq!(b.reports, [(first, crate::store::ReportReason::Unclear)]);
}

#[test]
fn an_incomplete_answer_is_refused_outside_the_exam_with_what_is_missing() {
    let mut b = backend(&[MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('2'), KeyCode::Enter]);
    let n = app.current_question().unwrap().body.choose().unwrap();
    assert!(n >= 2, "the demo multi asks for several picks");
    keys(&mut app, &[ch('1'), KeyCode::Enter]);
    assert_eq!(phase(&app), Some(Phase::Question), "not graded");
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains(&format!("Incomplete: choose {n}, 1 picked.")),
        "{said}"
    );
    assert!(b.events.is_empty(), "nothing was recorded");
}

#[test]
fn too_many_picks_are_called_too_many_refused_in_practice_and_kept_on_a_second_enter_in_the_exam() {
    let mut b = backend(&[MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('2'), KeyCode::Enter]);
    let q = app.current_question().unwrap().clone();
    let n = q.body.choose().unwrap();
    assert!(q.body.len() > n);
    let over: Vec<KeyCode> = (0..=n)
        .map(|i| ch(char::from(b'1' + i as u8)))
        .chain([KeyCode::Enter])
        .collect();
    keys(&mut app, &over);
    assert_eq!(phase(&app), Some(Phase::Question), "not graded");
    let said = app.status.as_ref().unwrap().text.clone();
    assert_eq!(
        said,
        format!(
            "Too many: choose {n}, {} picked. Unpick one, then Enter.",
            n + 1
        )
    );
    assert!(b.events.is_empty(), "nothing was recorded");

    let mut b = backend(&[MULTI, SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('3'), KeyCode::Enter]);
    keys(&mut app, &over);
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.starts_with(&format!("Too many: choose {n}, {} picked.", n + 1))
            && said.contains("Enter again"),
        "{said}"
    );
    keys(&mut app, &[KeyCode::Enter]);
    let s = app.session.as_ref().unwrap();
    assert_eq!(s.session.current_index(), 1, "kept on purpose");
    assert!(s.session.items()[0].is_answered());
    assert!(
        app.incomplete_items().is_empty(),
        "too many is not incomplete"
    );
}

#[test]
fn a_half_answered_yes_no_series_is_refused_in_practice() {
    let mut b = backend(&[2]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('2'), KeyCode::Enter]);
    let total = app.current_question().unwrap().body.len();
    assert!(total >= 2);
    keys(&mut app, &[ch('y'), KeyCode::Enter]);
    assert_eq!(phase(&app), Some(Phase::Question));
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains(&format!("{} of {total} statements unanswered", total - 1)),
        "{said}"
    );
}

#[test]
fn the_exam_leaves_an_answer_incomplete_only_on_a_second_enter_and_lists_it() {
    let mut b = backend(&[MULTI, SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    keys(
        &mut app,
        &[ch('3'), KeyCode::Enter, ch('1'), KeyCode::Enter],
    );
    {
        let s = app.session.as_ref().unwrap();
        assert_eq!(s.session.current_index(), 0, "still on the question");
        assert!(!s.session.items()[0].is_answered());
    }
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(said.contains("Enter again to leave it so"), "{said}");
    keys(&mut app, &[KeyCode::Enter]);
    {
        let s = app.session.as_ref().unwrap();
        assert_eq!(s.session.current_index(), 1, "left incomplete on purpose");
        assert!(s.session.items()[0].is_answered());
    }
    assert_eq!(app.incomplete_items(), vec![0]);
    keys(&mut app, &[ch('f'), ch('r'), ch('s')]);
    assert_eq!(
        app.confirm(),
        Some(&Confirm::SubmitExam {
            unanswered: vec![2],
            incomplete: vec![1],
            marked: vec![2],
        })
    );
}

#[test]
fn an_exam_grid_of_one_cell_per_row_with_an_empty_row_is_incomplete() {
    let mut grid = crate::tui::answer::tests::hot_area_one_per_row();
    grid.id = "grid-per-row".into();
    let other = crate::tui::answer::tests::single();
    let ids = vec![grid.id.clone(), other.id.clone()];
    let bank = crate::bank::Bank::from_questions(
        crate::rules::Rules::embedded().unwrap(),
        vec![grid, other],
    )
    .unwrap();
    let mut b = MemoryService::new(bank, ids, demo::NOW);
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('3'), KeyCode::Enter]);
    // 1A, then 1B in the same row: one pick left, row 2 empty.
    keys(
        &mut app,
        &[ch(' '), KeyCode::Right, ch(' '), KeyCode::Enter],
    );
    {
        let s = app.session.as_ref().unwrap();
        assert_eq!(s.draft.response(), Response::HotArea(vec![(0, 1)]));
        assert_eq!(s.session.current_index(), 0, "refused once");
    }
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.contains("1 of 2 rows without a cell.") && said.contains("Enter again"),
        "{said}"
    );
    keys(&mut app, &[KeyCode::Enter]);
    assert_eq!(app.session.as_ref().unwrap().session.current_index(), 1);
    assert_eq!(app.incomplete_items(), vec![0]);
    keys(&mut app, &[ch('r'), ch('s')]);
    assert_eq!(
        app.confirm(),
        Some(&Confirm::SubmitExam {
            unanswered: vec![2],
            incomplete: vec![1],
            marked: vec![],
        })
    );
}

#[test]
fn left_and_right_in_the_review_grid_move_one_question_and_up_down_a_row() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    app.viewport = (80, 24);
    keys(&mut app, &[ch('3'), KeyCode::Enter, ch('r')]);
    let cols = crate::tui::screens::review_list::grid_columns(80);
    let cursor = |app: &App| app.session.as_ref().unwrap().review_cursor;
    assert_eq!(cursor(&app), 0);
    keys(&mut app, &[KeyCode::Right]);
    assert_eq!(cursor(&app), 1);
    keys(&mut app, &[KeyCode::Left, KeyCode::Left]);
    assert_eq!(cursor(&app), 0);
    keys(&mut app, &[KeyCode::Down]);
    let n = app.session.as_ref().unwrap().session.items().len();
    assert_eq!(cursor(&app), cols.min(n - 1));
}

#[test]
fn page_keys_move_by_the_terminals_page_and_end_then_up_moves_at_once() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    app.viewport = (80, 40);
    assert_eq!(app.page(), 36);
    app.viewport = (80, 24);
    assert_eq!(app.page(), 20);
    crate::tui::widgets::scroll::set_last_max(30);
    keys(&mut app, &[ch('6'), KeyCode::PageDown]);
    assert_eq!(app.screens.stats_scroll, 20);
    keys(&mut app, &[KeyCode::PageDown]);
    assert_eq!(app.screens.stats_scroll, 30, "never past the end");
    keys(&mut app, &[KeyCode::Home]);
    assert_eq!(app.screens.stats_scroll, 0);
    keys(&mut app, &[KeyCode::End, KeyCode::Up]);
    assert_eq!(
        app.screens.stats_scroll, 29,
        "End then ↑ moves one line at once"
    );
}

/// Issue 16: on a full disk the TUI moved on as if the answer were saved. Now the first answer
/// the store cannot save ends the session and the app, with the reason (the folder, the disk
/// full) as its error, and nothing counts that answer.
#[test]
fn a_full_disk_ends_the_app_with_the_reason_instead_of_moving_on() {
    use crate::bank::question::Kind;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("data").join("progress.sqlite3");
    let store = crate::store::Store::open(&db).unwrap();
    let bank = crate::bank::Bank::load(&[]).unwrap();
    let ids: Vec<String> = bank
        .questions()
        .iter()
        .filter(|q| q.kind() == Kind::Single)
        .take(400)
        .map(|q| q.id.clone())
        .collect();
    let clock = crate::clock::FixedClock::new(1_796_000_000_000);
    let mut study = crate::study::Study::new(bank, store, Box::new(clock)).unwrap();
    let session = study
        .start_ids(Mode::Practice, ids, &Default::default())
        .unwrap();
    study.store.simulate_full_disk(0).unwrap();
    let mut app = App::new(&mut study, Theme::colored());
    app.open_session(session);
    let mut answered = 0;
    while !app.quit && answered < 400 {
        keys(&mut app, &[ch('1'), KeyCode::Enter]);
        if app.quit {
            break;
        }
        answered += 1;
        keys(&mut app, &[KeyCode::Enter]);
    }
    assert!(app.quit, "the app went on after {answered} answers");
    let why = app.fatal.clone().unwrap();
    let folder = db.parent().unwrap().display().to_string();
    assert!(
        why.contains("not saved") && why.contains("full") && why.contains(&folder),
        "{why}"
    );
    assert!(
        app.session.is_none() && app.screens.results.is_none(),
        "no results count it"
    );
    drop(app);
    let stored: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        stored, answered,
        "every answer the app moved past is stored"
    );
}

#[test]
fn practice_and_exam_open_a_setup_page_whose_choice_starts_the_session_and_is_remembered() {
    let mut b = backend(&[]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        keys(&mut app, &[ch('2')]);
        assert_eq!(app.screen, Screen::Setup);
        assert_eq!(app.contexts(), vec![Ctx::Setup]);
        let st = app.screens.setup.as_ref().unwrap();
        assert_eq!(
            (st.topic, st.count),
            (0, crate::study::DEFAULT_PRACTICE_COUNT)
        );
        // The second skill area, 5 questions fewer.
        keys(&mut app, &[KeyCode::Right, KeyCode::Down, KeyCode::Left]);
        let topic = app.screens.setup.as_ref().unwrap().topics[1].0.clone();
        keys(&mut app, &[KeyCode::Enter]);
        assert_eq!(app.screen, Screen::Session);
        let s = &app.session.as_ref().unwrap().session;
        let bank = app.service.bank();
        assert!(
            s.items()
                .iter()
                .all(|it| bank.in_topic(bank.get(&it.question_id).unwrap(), &topic)),
            "only that area"
        );
        keys(&mut app, &[KeyCode::Esc, ch('y'), KeyCode::Esc, ch('2')]);
        let st = app.screens.setup.as_ref().unwrap();
        assert_eq!(st.topics[st.topic].0, topic, "remembered");
        assert_eq!(st.count, crate::study::DEFAULT_PRACTICE_COUNT - 5);
        keys(&mut app, &[KeyCode::Esc]);
        assert_eq!(app.screen, Screen::Home);
        assert!(app.session.is_none(), "Esc starts nothing");
    }
    let saved = b.last_setup(Mode::Practice).unwrap();
    assert_eq!(saved.count, crate::study::DEFAULT_PRACTICE_COUNT - 5);
    assert!(b.last_setup(Mode::Exam).is_none());
    assert_eq!(exam_minutes(40), 45);
    assert_eq!(exam_minutes(20), 23);
}

#[test]
fn the_setup_page_lists_each_skill_area_with_its_weight_then_its_groups_and_their_sizes() {
    let mut b = backend(&[]);
    // Spread the demo questions over three groups of two areas.
    let mut qs = demo::questions();
    let spots = ["1.1.2", "2.3.3", "2.3.1", "2.4.6"];
    for (q, o) in qs.iter_mut().zip(spots.iter().cycle()) {
        q.objective = (*o).into();
        q.topic = o[..3].into();
    }
    let n = qs.len();
    b.bank = crate::bank::Bank::from_questions(b.bank.rules.clone(), qs).unwrap();
    let bank = b.bank.clone();
    let mut app = App::new(&mut b, Theme::colored());
    keys(&mut app, &[ch('2')]);
    let st = app.screens.setup.as_ref().unwrap();
    let ids: Vec<&str> = st.topics.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["", "1", "1.1", "2", "2.3", "2.4"]);
    let outline = &bank.rules.outline;
    for ((id, name), size) in st.topics.iter().zip(&st.sizes) {
        let want = bank
            .questions()
            .iter()
            .filter(|q| id.is_empty() || bank.in_topic(q, id))
            .count();
        assert_eq!(*size, want, "{id}");
        if let Some(a) = outline.areas.iter().find(|a| &a.id == id) {
            let weight = format!("({}–{}%)", a.weight[0], a.weight[1]);
            assert!(name.ends_with(&weight), "{name}");
        }
    }
    assert_eq!(st.sizes[0], n);
    // The page says how many questions the choice holds.
    keys(&mut app, &[KeyCode::Right, KeyCode::Right]);
    let st = app.screens.setup.as_ref().unwrap();
    let text: String = crate::tui::screens::setup::content(st, &app.theme)
        .layout(100)
        .0
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(text.contains("Covering"), "{text}");
    let want = format!("The bank has only {} questions here.", st.sizes[2]);
    assert!(text.contains(&want), "{text}");
}

#[test]
fn help_over_the_planner_lists_its_keys_and_esc_goes_back_to_it() {
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    app.update(Msg::Plan);
    let day = app.plan().unwrap().day;
    app.update(Msg::Help);
    assert_eq!(app.help(), Some(0));
    assert_eq!(
        app.contexts(),
        vec![Ctx::Plan],
        "help lists the planner's keys"
    );
    app.update(Msg::Right);
    assert!(
        app.plan().is_none(),
        "keys go to the help, not the planner under it"
    );
    app.update(Msg::Back);
    assert_eq!(app.help(), None);
    assert_eq!(
        app.plan().map(|p| p.day),
        Some(day),
        "back on the planner, unchanged"
    );
    app.update(Msg::Back);
    assert_eq!(app.overlay, None);
}

/// QA: with an exam plan, Home's "Study due" count grew as the learner studied, and after a
/// session Home showed what the day had held before it. Now each answer shortens the day, and
/// Home, back from the session's results, counts what the next "Study due" holds.
#[test]
fn home_after_a_study_due_session_counts_what_the_next_one_holds() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let bank = crate::bank::Bank::load(&[]).unwrap();
    let clock = crate::clock::FixedClock::new(1_796_000_000_000);
    let mut study = crate::study::Study::new(bank, store, Box::new(clock)).unwrap();
    let exam = crate::clock::day_to_date(study.today() + 30);
    study.set_plan(Some(exam), Some(25)).unwrap();
    let mut app = App::new(&mut study, Theme::colored());
    let count = |app: &App| app.screens.dashboard.due_today + app.screens.dashboard.new_available;
    assert_eq!(count(&app), 50, "25 minutes at the default 30 s an answer");
    app.start_new(Mode::Due);
    for i in 0..4 {
        if i > 0 {
            app.act(Action::Next);
        }
        let q = app.current_question().unwrap().clone();
        app.act(Action::Answer {
            response: q.body.key(),
            guess: false,
        });
        assert_eq!(phase(&app), Some(Phase::Feedback));
    }
    // End the session, then back from its results to Home.
    keys(&mut app, &[KeyCode::Esc, KeyCode::Enter]);
    assert_eq!(app.screen, Screen::Results);
    keys(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen, Screen::Home);
    let home = count(&app);
    drop(app);
    let next = study.start(Mode::Due, &Default::default()).unwrap();
    assert_eq!(home, 46);
    assert_eq!(next.items().len(), home);
}

/// QA: in Review missed, a question missed and then put right by its second chance was still
/// listed ✗ and `r` retook it. Results now list it once at its latest answer ("✗ → ✓ fixed"),
/// count every answer, and `r` has nothing left to retake.
#[test]
fn results_show_a_question_put_right_in_the_session_as_fixed_and_r_leaves_it() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let bank = crate::bank::Bank::load(&[]).unwrap();
    let ids: Vec<String> = bank
        .questions()
        .iter()
        .filter(|q| q.kind() == Kind::Single && bank.wordings(&q.concept).count() == 1)
        .take(2)
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(ids.len(), 2);
    let clock = crate::clock::FixedClock::new(1_796_000_000_000);
    let mut study = crate::study::Study::new(bank, store, Box::new(clock)).unwrap();
    let session = study
        .start_ids(Mode::Review, ids.clone(), &Default::default())
        .unwrap();
    let mut app = App::new(&mut study, Theme::colored());
    app.open_session(session);
    // The first wrong, the second right, the first's second chance right.
    for right in [false, true, true] {
        let q = app.current_question().unwrap().clone();
        let response = if right {
            q.body.key()
        } else {
            crate::bank::Response::Choices(vec![])
        };
        app.act(Action::Answer {
            response,
            guess: false,
        });
        app.act(Action::Next);
    }
    assert_eq!(app.screen, Screen::Results);
    let text = screen_text(&app, 100, 40);
    assert!(
        text.contains("2 right · 1 missed · 0 of 2 skipped"),
        "{text}"
    );
    assert!(text.contains("Answers 3"), "{text}");
    assert!(text.contains("1/1 ✗ → ✓ fixed"), "{text}");
    assert!(!text.contains("r retakes"), "{text}");
    keys(&mut app, &[ch('r')]);
    assert_eq!(app.screen, Screen::Results, "nothing to retake");
}

/// QA: Results said "r retakes N" and Home "Review missed 12 waiting" with no word of which
/// questions each counts. Results' count is this session's questions not right (skipped ones
/// included) and `r` asks exactly those; Home's is every question whose latest answer is wrong
/// (or marked), which `az900 review` asks.
#[test]
fn results_r_counts_this_sessions_questions_not_right_and_asks_exactly_those() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let bank = crate::bank::Bank::load(&[]).unwrap();
    let ids: Vec<String> = bank
        .questions()
        .iter()
        .filter(|q| q.kind() == Kind::Single && bank.wordings(&q.concept).count() == 1)
        .take(6)
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(ids.len(), 6);
    let clock = crate::clock::FixedClock::new(1_796_000_000_000);
    let mut study = crate::study::Study::new(bank, store, Box::new(clock)).unwrap();
    // An earlier exam: three questions wrong, all waiting in Review missed.
    let mut earlier = study
        .start_ids(Mode::Exam, ids[..3].to_vec(), &Default::default())
        .unwrap();
    for i in 0..3 {
        study.apply(&mut earlier, Action::Goto(i)).unwrap();
        study
            .apply(
                &mut earlier,
                Action::Answer {
                    response: Response::Choices(vec![]),
                    guess: false,
                },
            )
            .unwrap();
    }
    study.apply(&mut earlier, Action::Submit).unwrap();
    // This exam: one wrong, one right, one skipped.
    let session = study
        .start_ids(Mode::Exam, ids[3..].to_vec(), &Default::default())
        .unwrap();
    let mut app = App::new(&mut study, Theme::colored());
    app.open_session(session);
    for right in [false, true] {
        let q = app.current_question().unwrap().clone();
        let response = if right {
            q.body.key()
        } else {
            Response::Choices(vec![])
        };
        app.act(Action::Answer {
            response,
            guess: false,
        });
        app.act(Action::Next);
    }
    app.act(Action::Submit);
    assert_eq!(app.screen, Screen::Results);
    let text = screen_text(&app, 120, 60);
    // 1 missed + 1 skipped of this session; Review missed has the earlier 3 and this 1 wrong.
    assert!(
        text.contains("r retakes this session's 2 questions not right (1 missed, 1 skipped)"),
        "{text}"
    );
    assert!(
        text.contains("Review missed on Home has 4 waiting"),
        "{text}"
    );
    assert_eq!(app.service.dashboard().unwrap().review_waiting, 4);
    keys(&mut app, &[ch('r')]);
    let s = &app.session.as_ref().unwrap().session;
    assert_eq!(s.mode(), Mode::Review);
    let asked: Vec<&str> = s.items().iter().map(|it| it.question_id.as_str()).collect();
    assert_eq!(asked, vec![ids[3].as_str(), ids[5].as_str()]);
}

/// QA: `--plain` wrote `0:00` where the TUI writes `00:00`: both write a time one way.
#[test]
fn plain_times_are_written_as_the_tuis() {
    for ms in [
        0, 1, 999, 1_000, 59_999, 60_000, 754_321, 3_599_999, 3_600_000, 9_000_500,
    ] {
        assert_eq!(
            crate::report::mmss(ms),
            crate::tui::widgets::timer::format_remaining(ms as i64),
            "{ms}"
        );
    }
}

/// QA: back from a question's explanation opened in Results, the list could be left scrolled
/// with the selected question out of view (`▼ 14 more lines`).
#[test]
fn back_from_an_explanation_the_results_list_shows_the_question_explained_last() {
    let store = crate::store::Store::open_in_memory().unwrap();
    let bank = crate::bank::Bank::load(&[]).unwrap();
    let ids: Vec<String> = bank
        .questions()
        .iter()
        .filter(|q| q.kind() == Kind::Single)
        .take(30)
        .map(|q| q.id.clone())
        .collect();
    let clock = crate::clock::FixedClock::new(1_796_000_000_000);
    let mut study = crate::study::Study::new(bank, store, Box::new(clock)).unwrap();
    let session = study
        .start_ids(Mode::Review, ids, &Default::default())
        .unwrap();
    let mut app = App::new(&mut study, Theme::colored());
    app.open_session(session);
    // Every question answered wrong, once.
    for _ in 0..30 {
        app.act(Action::Answer {
            response: crate::bank::Response::Choices(vec![]),
            guess: false,
        });
        app.act(Action::Next);
    }
    if app.screen == Screen::Session {
        app.overlay = Some(Overlay::Confirm(Confirm::EndSession));
        app.update(Msg::Yes);
    }
    assert_eq!(app.screen, Screen::Results);
    app.update(Msg::Enter);
    for _ in 0..15 {
        app.update(Msg::Next);
    }
    assert_eq!(app.screens.results.as_ref().unwrap().cursor, 15);
    app.update(Msg::Back);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("▶"), "{text}");
}

/// QA: in Review missed, Esc / Backspace did not go back though help says "go back / close".
#[test]
fn esc_and_backspace_go_back_in_review_missed() {
    for back in [KeyCode::Esc, KeyCode::Backspace] {
        let mut b = backend(&[SINGLE, MULTI]);
        let mut app = App::new(&mut b, Theme::colored());
        app.update(Msg::Pick(3));
        assert_eq!(app.screen, Screen::Session, "{:?}", app.status);
        assert_eq!(app.session.as_ref().unwrap().session.mode(), Mode::Review);
        keys(&mut app, &[back]);
        assert_eq!(app.confirm(), Some(&Confirm::EndSession), "{back:?}");
        keys(&mut app, &[ch('y')]);
        assert_eq!(app.screen, Screen::Results, "{back:?}");
        keys(&mut app, &[back]);
        assert_eq!(app.screen, Screen::Home, "{back:?}");
    }
}

/// QA: a share of 2.5 % was shown as "(2%)" (`{:.0}` rounds half to even): every share shown
/// rounds half up.
#[test]
fn a_share_of_two_and_a_half_per_cent_shows_as_three() {
    let spans = crate::tui::screens::results::bar(1.0 / 40.0, 10, &Theme::monochrome());
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    assert!(text.ends_with("  3%"), "{text:?}");
    let spans = crate::tui::screens::results::bar(0.125, 10, &Theme::monochrome());
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    assert!(text.ends_with(" 13%"), "{text:?}");
}
