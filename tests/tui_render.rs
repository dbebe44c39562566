//! Every screen and question kind rendered into a `TestBackend` at 80×24 and 120×40 (and too
//! small), checked with insta snapshots; colours and styles checked on the buffer, in the colour
//! and the monochrome theme.

// Test helpers outside `#[test]` functions unwrap too.
#![allow(clippy::unwrap_used)]

use az900::tui::app::App;
use az900::tui::demo;
use az900::tui::event::Msg;
use az900::tui::screens;
use az900::tui::service::MemoryService;
use az900::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Question indices in `demo::questions()`.
const SINGLE: usize = 0;
const MULTI: usize = 1;
const YES_NO: usize = 2;
const DROPDOWN: usize = 3;
const MATCH: usize = 4;
const ORDER: usize = 5;
const HOT: usize = 6;
const LONG: usize = 7;

/// Home menu entries.
const PRACTICE: Msg = Msg::Pick(1);
const EXAM: Msg = Msg::Pick(2);
const STATS: Msg = Msg::Pick(5);
const MATRIX: Msg = Msg::Pick(6);

fn backend(picks: &[usize]) -> MemoryService {
    demo::backend(picks).unwrap()
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| screens::render(app, f)).unwrap();
    t
}

/// Snapshots `app` at both sizes as `{name}_{w}x{h}`.
fn snap(name: &str, app: &App) {
    for (w, h) in SIZES {
        let t = draw(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

fn run(app: &mut App, msgs: &[Msg]) {
    for m in msgs {
        app.update(*m);
    }
}

/// The text of row `y`.
fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// The first cell whose symbol is `sym`, as (x, y).
fn find(buf: &Buffer, sym: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == sym {
                return Some((x, y));
            }
        }
    }
    None
}

fn screen_text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| row(buf, y))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn home() {
    let mut b = backend(&[]);
    let app = App::new(&mut b, Theme::colored());
    snap("home", &app);
}

#[test]
fn question_kinds() {
    let cases: [(&str, usize, &[Msg]); 8] = [
        ("question_single", SINGLE, &[Msg::Down, Msg::Toggle]),
        ("question_multi", MULTI, &[Msg::Pick(0)]),
        ("question_yes_no", YES_NO, &[Msg::Yes]),
        ("question_dropdown", DROPDOWN, &[Msg::Right]),
        ("question_match", MATCH, &[Msg::Pick(0)]),
        ("question_order", ORDER, &[Msg::Toggle, Msg::Down]),
        ("question_hot_area", HOT, &[Msg::Toggle, Msg::Right]),
        ("question_long_prompt", LONG, &[]),
    ];
    for (name, q, msgs) in cases {
        let mut b = backend(&[q]);
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[PRACTICE, Msg::Enter]);
        run(&mut app, msgs);
        snap(name, &app);
    }
}

#[test]
fn feedback_after_a_wrong_and_a_right_answer() {
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    // Display position 0 after the seeded shuffle; pick the wrong ones deliberately below.
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let wrong = wrong_choice_position(&app);
    run(&mut app, &[Msg::Pick(wrong), Msg::Enter]);
    snap("feedback_wrong", &app);

    let mut b = backend(&[MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    run(&mut app, &[Msg::Guess]);
    for p in right_choice_positions(&app) {
        app.update(Msg::Pick(p));
    }
    app.update(Msg::Enter);
    snap("feedback_right_guess", &app);
}

/// Display positions of the right choices of the current question.
fn right_choice_positions(app: &App) -> Vec<u8> {
    let q = app.current_question().unwrap();
    let choices = q.body.choices().unwrap();
    let s = app.session.as_ref().unwrap();
    s.draft
        .order
        .iter()
        .enumerate()
        .filter(|(_, i)| choices[**i].correct)
        .map(|(p, _)| p as u8)
        .collect()
}

fn wrong_choice_position(app: &App) -> u8 {
    let q = app.current_question().unwrap();
    let choices = q.body.choices().unwrap();
    let s = app.session.as_ref().unwrap();
    s.draft
        .order
        .iter()
        .position(|i| !choices[*i].correct)
        .unwrap() as u8
}

#[test]
fn feedback_of_every_kind_renders_the_why_of_each_part() {
    for (q, msgs) in [
        (YES_NO, vec![Msg::Yes, Msg::Yes, Msg::Yes]),
        (DROPDOWN, vec![Msg::Right]),
        (
            MATCH,
            vec![Msg::Pick(0), Msg::Pick(1), Msg::Pick(2), Msg::Pick(1)],
        ),
        (ORDER, vec![Msg::Toggle, Msg::Down, Msg::Toggle]),
        (HOT, vec![Msg::Toggle, Msg::Right, Msg::Toggle]),
    ] {
        let mut b = backend(&[q]);
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[PRACTICE, Msg::Enter]);
        run(&mut app, &msgs);
        app.update(Msg::Enter);
        let name = format!("feedback_{}", app.current_question().unwrap().kind().id());
        snap(&name, &app);
        let t = draw(&app, 120, 40);
        let text = screen_text(t.backend().buffer());
        assert!(text.contains("Explanation"), "{name}:\n{text}");
    }
}

#[test]
fn exam_question_review_list_and_submit_confirmation() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO, DROPDOWN]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    run(&mut app, &[Msg::Pick(0), Msg::Flag]);
    snap("exam_question", &app);
    run(
        &mut app,
        &[Msg::Enter, Msg::Pick(1), Msg::Enter, Msg::Review],
    );
    snap("exam_review_list", &app);
    app.update(Msg::Submit);
    snap("exam_submit_confirm", &app);
    let t = draw(&app, 80, 24);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains("2 unanswered"), "{text}");
    assert!(
        text.contains("3, 4"),
        "lists the unanswered questions:\n{text}"
    );
}

#[test]
fn s_on_an_exam_question_asks_to_submit_and_the_exam_help_lists_it() {
    // QA: `s` did nothing on an exam question though README lists it as an exam key.
    let mut b = backend(&[SINGLE, MULTI, YES_NO]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter, Msg::Help]);
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(text.contains("submit the exam"), "{text}");
    // A picked answer not yet confirmed counts as given, as when moving away from it.
    run(&mut app, &[Msg::Back, Msg::Pick(0), Msg::Submit]);
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(text.contains("2 unanswered"), "{text}");
    assert!(text.contains("2, 3"), "{text}");
    app.update(Msg::Yes);
    assert!(app.screens.results.is_some(), "submitted");
}

#[test]
fn exam_timer_can_be_hidden_and_keeps_running() {
    let mut b = backend(&[SINGLE, MULTI]);
    b.now = demo::NOW;
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    let t = draw(&app, 80, 24);
    assert!(row(t.backend().buffer(), 0).contains("⏱ 45:00"));
    app.update(Msg::Timer);
    let t = draw(&app, 80, 24);
    let header = row(t.backend().buffer(), 0);
    assert!(
        !header.contains("45:00") && header.contains("--:--"),
        "{header}"
    );
    app.update(Msg::Timer);
    let t = draw(&app, 80, 24);
    assert!(row(t.backend().buffer(), 0).contains("⏱ 45:00"));
}

#[test]
fn results_and_a_missed_question() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    let right = right_choice_positions(&app);
    run(
        &mut app,
        &[Msg::Pick(right[0]), Msg::Enter, Msg::Pick(0), Msg::Enter],
    );
    run(&mut app, &[Msg::Review, Msg::Submit, Msg::Yes]);
    snap("results", &app);
    // Three questions are a part of the exam: its score, no scaled score or pass mark.
    let t = draw(&app, 120, 40);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains("A part of the exam"), "{text}");
    assert!(
        !text.contains("Scaled score") && !text.contains("PASS"),
        "{text}"
    );
    let score = app.screens.results.as_ref().unwrap().summary.score.clone();
    assert!(
        text.contains(&format!(
            "Score {} ({:.0}%)",
            score.credit_label(),
            score.percent
        )),
        "{text}"
    );
    app.update(Msg::Enter);
    snap("results_missed_detail", &app);
}

#[test]
fn a_practice_score_says_it_counts_the_answered_questions() {
    let mut b = backend(&[SINGLE, MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let right = right_choice_positions(&app);
    run(
        &mut app,
        &[
            Msg::Pick(right[0]),
            Msg::Enter,
            Msg::Enter,
            Msg::Back,
            Msg::Yes,
        ],
    );
    let text = screen_text(draw(&app, 100, 30).backend().buffer());
    assert!(text.contains("1 of 2 skipped"), "{text}");
    assert!(text.contains("First tries 1 / 1 answered (100%)"), "{text}");
}

#[test]
fn practice_ended_with_nothing_answered_counts_nothing_right_and_shows_no_pass_mark() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter, Msg::Back, Msg::Yes]);
    for (w, h) in SIZES {
        let text = screen_text(draw(&app, w, h).backend().buffer());
        assert!(
            text.contains("0 right · 0 missed · 3 of 3 skipped"),
            "{text}"
        );
        assert!(text.contains("Nothing was answered"), "{text}");
        assert!(text.contains("unanswered 3"), "{text}");
        assert!(
            text.lines().any(|l| l.trim() == "Accuracy  no answers"),
            "{text}"
        );
        assert!(text.contains("First tries —"), "{text}");
        for wrong in [
            "Scaled score",
            "PASS",
            "Nothing missed",
            "3 / 3 right",
            "0 / 0",
            "(0%)",
            "0 right of 0",
        ] {
            assert!(!text.contains(wrong), "{wrong:?} in {text}");
        }
    }
}

#[test]
fn practice_results_show_accuracy_and_each_count_apart() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let right = right_choice_positions(&app);
    // First right, then the second one wrong, then end with the third unanswered.
    run(&mut app, &[Msg::Pick(right[0]), Msg::Enter, Msg::Enter]);
    let wrong = wrong_choice_position(&app);
    let q = app.current_question().unwrap().clone();
    let n = q.body.choose().unwrap_or(1);
    let mut picks = vec![Msg::Pick(wrong)];
    let rights = right_choice_positions(&app);
    picks.extend(rights.iter().take(n - 1).map(|p| Msg::Pick(*p)));
    run(&mut app, &picks);
    run(&mut app, &[Msg::Enter, Msg::Enter, Msg::Back, Msg::Yes]);
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(
        text.contains("1 right · 1 missed · 1 of 3 skipped"),
        "{text}"
    );
    assert!(text.contains("Accuracy  50%"), "{text}");
    assert!(text.contains("Answers 2"), "{text}");
    assert!(text.contains("Skipped 1 of 3"), "{text}");
    // Beside the session's clock, the time on the questions Home's "min studied" adds up.
    assert!(text.contains("Time used 00:00 · studied 00:00"), "{text}");
    assert!(
        !text.contains("Scaled score") && !text.contains("PASS"),
        "{text}"
    );
}

#[test]
fn exam_results_open_on_the_score_at_every_size() {
    let mut b = backend(&[]);
    b.full_exam = Some(true);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    run(&mut app, &[Msg::Review, Msg::Submit, Msg::Yes]);
    for (w, h) in [(80, 24), (120, 40), (200, 60)] {
        let text = screen_text(draw(&app, w, h).backend().buffer());
        assert!(text.contains("Scaled score"), "{w}x{h}: {text}");
        assert!(text.contains("BELOW THE PASS MARK"), "{w}x{h}: {text}");
    }
    // Moving down the list then follows the cursor.
    for _ in 0..8 {
        app.update(Msg::Down);
    }
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(!text.contains("Scaled score"), "{text}");
}

#[test]
fn stats_matrix_and_help() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    app.update(STATS);
    snap("stats", &app);
    app.update(Msg::Back);
    app.update(MATRIX);
    snap("matrix", &app);
    run(
        &mut app,
        &[Msg::Down, Msg::Down, Msg::Down, Msg::Right, Msg::Toggle],
    );
    snap("matrix_accuracy", &app);
    app.update(Msg::Help);
    snap("help_matrix", &app);
}

#[test]
fn help_on_a_question_lists_the_keys_from_the_keymap() {
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter, Msg::Help]);
    snap("help_question", &app);
    let t = draw(&app, 120, 40);
    let text = screen_text(t.backend().buffer());
    for want in ["1–9 a–e", "mark the answer as a guess"] {
        assert!(text.contains(want), "help lacks {want:?}:\n{text}");
    }
    // QA: practice help listed the exam's keys, which then answered "That key works in the
    // exam only". Help lists only the keys that work here; the exam's help lists them.
    for lacks in [
        "[ ]",
        "open the review list",
        "hide or show the countdown",
        "submit the exam",
    ] {
        assert!(
            !text.contains(lacks),
            "practice help lists {lacks:?}:\n{text}"
        );
    }
    let mut b = backend(&[SINGLE, MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter, Msg::Help]);
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    for want in ["[ ]", "open the review list", "hide or show the countdown"] {
        assert!(text.contains(want), "exam help lacks {want:?}:\n{text}");
    }
    // QA: Esc on an exam question opens the review list while help said "go back / close".
    assert!(text.contains("r Esc Backspace"), "{text}");
    assert!(!text.contains("go back / close"), "{text}");
    run(&mut app, &[Msg::Back, Msg::Back]);
    assert!(
        app.session.as_ref().unwrap().review_open,
        "Esc opens the review list"
    );
    app.update(Msg::Back);
    assert!(
        !app.session.as_ref().unwrap().review_open,
        "Esc there comes back"
    );
}

/// QA: in Review missed (as in practice) help said Esc goes "back" while it asks to end the
/// session: help now says what Esc does there, and it does it, back to Home.
#[test]
fn help_says_what_esc_does_in_a_study_session_and_it_does_it() {
    let mut b = backend(&[SINGLE, MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[Msg::Pick(3), Msg::Help]);
    assert!(app.session.is_some(), "a review session");
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(text.contains("end the session early"), "{text}");
    assert!(!text.contains("go back / close"), "{text}");
    run(&mut app, &[Msg::Back, Msg::Back, Msg::Yes, Msg::Back]);
    assert!(app.session.is_none() && app.screens.results.is_none());
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(text.contains("Review missed"), "home: {text}");
}

#[test]
fn too_small_shows_current_and_needed_size_and_never_panics() {
    let mut b = backend(&[]);
    let app = App::new(&mut b, Theme::colored());
    let t = draw(&app, 40, 10);
    insta::assert_snapshot!("too_small_40x10", t.backend());
    let text = screen_text(t.backend().buffer());
    assert!(text.contains("40×10") && text.contains("60×20"), "{text}");
    for (w, h) in [(1, 1), (2, 1), (1, 2), (59, 20), (60, 19), (60, 20), (7, 3)] {
        draw(&app, w, h);
    }
}

/// Under "Terminal too small" keys did what they would on the hidden screen: an option
/// picked blind was waiting on the exam once the window grew. Now they do nothing, and quit
/// ends the app at once, as the screen says.
#[test]
fn keys_do_nothing_behind_the_too_small_screen_but_quit() {
    let mut b = backend(&[SINGLE, MULTI]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    assert!(app.session.is_some());
    app.viewport = (40, 10);
    run(
        &mut app,
        &[Msg::Pick(1), Msg::Enter, Msg::Next, Msg::Review],
    );
    app.viewport = (80, 24);
    let s = app.session.as_ref().unwrap();
    assert!(!s.draft.is_answered(), "nothing was picked");
    assert_eq!(s.session.current_index(), 0);
    assert!(!s.review_open);
    app.viewport = (40, 10);
    app.update(Msg::Quit);
    assert!(app.quit, "q quits at once");
}

#[test]
fn every_screen_survives_every_size() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::monochrome());
    let steps: [&[Msg]; 9] = [
        &[],
        &[STATS],
        &[Msg::Back, MATRIX],
        &[Msg::Back, EXAM, Msg::Enter],
        &[Msg::Pick(0), Msg::Enter],
        &[Msg::Review],
        &[Msg::Submit],
        &[Msg::Yes],
        &[Msg::Enter],
    ];
    for s in steps {
        run(&mut app, s);
        for (w, h) in [
            (1, 1),
            (20, 5),
            (60, 20),
            (61, 21),
            (79, 23),
            (80, 24),
            (120, 40),
            (200, 60),
            (300, 20),
            (400, 120),
            (400, 1),
            (1, 120),
        ] {
            draw(&app, w, h);
        }
    }
    for q in 0..8 {
        let mut b = backend(&[q]);
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[PRACTICE, Msg::Enter]);
        for (w, h) in [(60, 20), (61, 20), (200, 60)] {
            draw(&app, w, h);
        }
        app.update(Msg::Pick(0));
        app.update(Msg::Enter);
        for (w, h) in [(60, 20), (200, 60)] {
            draw(&app, w, h);
        }
    }
}

#[test]
fn a_long_prompt_scrolls_with_an_indicator() {
    let mut b = backend(&[LONG]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let t = draw(&app, 60, 20);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains("more lines (↓ PgDn)"), "{text}");
    app.update(Msg::PageDown);
    let t = draw(&app, 60, 20);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains('▲'), "{text}");
}

/// Right answers are green with ✓, wrong ones red with ✗, marked questions ⚑; in monochrome the
/// same glyphs carry the meaning with bold and no colour.
#[test]
fn right_wrong_and_marked_styles_in_colour_and_monochrome() {
    for theme in [Theme::colored(), Theme::monochrome()] {
        let mut b = backend(&[SINGLE]);
        let mut app = App::new(&mut b, theme);
        run(&mut app, &[PRACTICE, Msg::Enter]);
        let wrong = wrong_choice_position(&app);
        run(&mut app, &[Msg::Pick(wrong), Msg::Flag, Msg::Enter]);
        let t = draw(&app, 80, 24);
        let buf = t.backend().buffer();
        let (x, y) = find(buf, "✗").expect("a ✗ for the wrong answer");
        let wrong_cell = &buf[(x, y)];
        let (x, y) = find(buf, "✓").expect("a ✓ for the right answer");
        let right_cell = &buf[(x, y)];
        let (x, y) = find(buf, "⚑").expect("a ⚑ for the marked question");
        assert!(row(buf, y).contains("marked"));
        let marked_cell = &buf[(x, y)];
        if theme.color {
            assert_eq!(wrong_cell.fg, Color::Red);
            assert_eq!(right_cell.fg, Color::Green);
        } else {
            for c in [wrong_cell, right_cell] {
                assert_eq!(c.fg, Color::Reset, "no colour in monochrome");
                assert!(c.modifier.contains(Modifier::BOLD));
            }
            assert_eq!(marked_cell.fg, Color::Reset);
        }
    }
}

#[test]
fn monochrome_screens_use_no_colour() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::monochrome());
    for step in [&[][..], &[STATS], &[Msg::Back, MATRIX], &[Msg::Toggle]] {
        run(&mut app, step);
        let t = draw(&app, 120, 40);
        let buf = t.backend().buffer();
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset, "fg colour at {:?}", cell.symbol());
            assert_eq!(cell.bg, Color::Reset, "bg colour at {:?}", cell.symbol());
        }
    }
}

#[test]
fn hostile_pack_text_never_reaches_the_terminal() {
    let mut qs = demo::questions();
    qs[0].prompt = "Who\u{1b}[2J\u{1b}]0;owned\u{7} patches \u{202e}the OS\u{200b}?".into();
    let bank =
        az900::bank::Bank::from_questions(az900::rules::Rules::embedded().unwrap(), qs).unwrap();
    let mut b = MemoryService::new(bank, vec!["demo-iaas-os".into()], demo::NOW);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let t = draw(&app, 80, 24);
    let text = screen_text(t.backend().buffer());
    assert!(text.contains("Who patches the OS?"), "{text}");
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{200b}'] {
        assert!(!text.contains(bad), "{bad:?} reached the screen");
    }
}

/// Writes the README screenshots (`assets/*.svg`, 120×40) from the real screens. Runs only with
/// `AZ900_WRITE_ASSETS=1`, so a normal test run never touches the working tree.
#[test]
fn write_assets() {
    if std::env::var("AZ900_WRITE_ASSETS").ok().as_deref() != Some("1") {
        return;
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    std::fs::create_dir_all(&dir).unwrap();
    let save = |name: &str, app: &App| {
        let t = draw(app, 120, 40);
        let svg = az900::tui::export::buffer_to_svg(t.backend().buffer());
        std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
    };
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    save("home", &app);
    app.update(STATS);
    save("stats", &app);
    run(
        &mut app,
        &[
            Msg::Back,
            MATRIX,
            Msg::Down,
            Msg::Down,
            Msg::Down,
            Msg::Right,
        ],
    );
    save("matrix", &app);

    let mut b = backend(&[MATCH, SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    run(
        &mut app,
        &[EXAM, Msg::Enter, Msg::Pick(0), Msg::Pick(2), Msg::Flag],
    );
    save("question", &app);
    run(
        &mut app,
        &[Msg::Pick(1), Msg::Enter, Msg::Review, Msg::Submit, Msg::Yes],
    );
    save("results", &app);

    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let wrong = wrong_choice_position(&app);
    run(&mut app, &[Msg::Pick(wrong), Msg::Enter]);
    save("feedback", &app);
}

#[test]
fn the_exam_date_is_set_from_home_with_arrows_and_saved_on_enter() {
    let mut b = backend(&[SINGLE]);
    let today = az900::clock::study_day(b.now, 0, az900::clock::DEFAULT_ROLLOVER_HOUR);
    {
        let mut app = App::new(&mut b, Theme::colored());
        assert_eq!(
            app.keymap.lookup(az900::tui::keymap::Key::Char('p')),
            Some(Msg::Plan)
        );
        app.update(Msg::Plan);
        snap("plan", &app);
        // Default: 30 days ahead, 20 minutes. One week and one day later, 5 minutes more.
        run(&mut app, &[Msg::Up, Msg::Right, Msg::Next]);
        let text = screen_text(draw(&app, 80, 24).backend().buffer());
        assert!(text.contains("in 38 days"), "{text}");
        assert!(text.contains("25  (about 50 questions)"), "{text}");
        // Never before today.
        run(&mut app, &[Msg::Down; 20]);
        assert_eq!(app.plan().unwrap().day, today);
        run(&mut app, &[Msg::Up, Msg::Enter]);
        assert!(app.plan().is_none());
    }
    assert_eq!(b.plan, Some((today + 7, 25)));
    {
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[Msg::Plan, Msg::Back]);
        assert!(app.plan().is_none(), "Esc cancels");
        run(&mut app, &[Msg::Plan, Msg::Undo]);
    }
    assert_eq!(b.plan, None, "u clears the date");
}

#[test]
fn the_report_dialog_lists_the_reasons_over_the_feedback() {
    let mut b = backend(&[SINGLE]);
    let id = b.ids[0].clone();
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    run(&mut app, &[Msg::Pick(0), Msg::Enter, Msg::Report]);
    snap("report", &app);
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(text.contains("What is wrong with this question?"), "{text}");
    assert!(!text.contains(&id), "no internal id: {text}");
    assert!(text.contains("5  something else"), "{text}");
    // The confirmation fits the status line at 80 columns (the question's id ran it off).
    app.update(Msg::Pick(4));
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(
        text.contains("Reported (something else); `az900 reports` lists it."),
        "{text}"
    );
}

#[test]
fn an_exam_quit_midway_is_offered_again_from_home_and_resumes() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[EXAM, Msg::Enter]);
        run(&mut app, &[Msg::Pick(0), Msg::Next, Msg::Flag, Msg::Quit]);
        let text = screen_text(draw(&app, 80, 24).backend().buffer());
        assert!(
            text.contains("resume it from Exam on Home, or with `az900 resume`"),
            "{text}"
        );
        app.update(Msg::Yes);
        assert!(app.quit);
    }
    let mut app = App::new(&mut b, Theme::colored());
    let home = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(
        home.contains("unfinished"),
        "Home shows the unfinished exam:\n{home}"
    );
    app.update(EXAM);
    snap("resume_exam", &app);
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(
        text.contains("1 of 3 questions answered, 45:00 left"),
        "{text}"
    );
    // Esc: nothing happens; y: the same exam, on the question it was on, with its mark.
    app.update(Msg::Back);
    assert!(app.confirm().is_none() && app.session.is_none());
    run(&mut app, &[EXAM, Msg::Yes]);
    let s = &app.session.as_ref().unwrap().session;
    assert_eq!(s.position().to_string(), "2 / 3");
    assert!(s.items()[0].is_answered() && s.items()[1].marked);
    assert!(app.status.as_ref().unwrap().text.contains("resumed"));
}

#[test]
fn n_in_the_resume_dialog_starts_a_new_exam() {
    let mut b = backend(&[SINGLE, MULTI]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        run(
            &mut app,
            &[EXAM, Msg::Enter, Msg::Pick(0), Msg::Quit, Msg::Yes],
        );
    }
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::No, Msg::Enter]);
    let s = &app.session.as_ref().unwrap().session;
    assert_eq!(s.position().to_string(), "1 / 2");
    assert!(!s.items()[0].is_answered(), "a fresh exam");
}

#[test]
fn study_due_labels_new_concepts_apart_from_due_reviews() {
    let mut b = backend(&[SINGLE, MULTI]);
    b.unseen = vec![b.bank.get(&b.ids[0]).unwrap().concept.clone()];
    let mut app = App::new(&mut b, Theme::colored());
    app.update(Msg::Pick(0));
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(text.contains("Study due · 1 / 2 · new concept"), "{text}");
    let right = right_choice_positions(&app);
    run(&mut app, &[Msg::Pick(right[0]), Msg::Enter, Msg::Enter]);
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(text.contains("Study due · 2 / 2 · review"), "{text}");
    assert!(!text.contains("Due reviews"), "{text}");
}

#[test]
fn learners_see_prompts_never_internal_ids() {
    let mut b = backend(&[SINGLE, MULTI]);
    let ids = b.ids.clone();
    let concepts: Vec<String> = ids
        .iter()
        .map(|id| b.bank.get(id).unwrap().concept.clone())
        .collect();
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    app.update(Msg::Report);
    let text = screen_text(draw(&app, 80, 24).backend().buffer());
    assert!(text.contains("What is wrong with this question?"), "{text}");
    app.update(Msg::Back);
    run(
        &mut app,
        &[Msg::Back, Msg::Yes, Msg::Back, EXAM, Msg::Enter],
    );
    run(&mut app, &[Msg::Review, Msg::Submit, Msg::Yes]);
    app.screens.results.as_mut().unwrap().summary.versus = Some(az900::engine::Versus {
        fixed: vec![ids[1].clone()],
        slipped: vec![ids[0].clone()],
        still_missed: vec![],
        shared: 5,
    });
    for (w, h) in [(120, 40), (200, 60)] {
        let text = screen_text(draw(&app, w, h).backend().buffer());
        assert!(text.contains("slipped:"), "{text}");
        assert!(
            text.contains("fixed:"),
            "the fixed ones are listed too:\n{text}"
        );
        assert!(
            text.contains("Against your previous exam  (5 questions asked in both)")
                && text.contains("3 right both times"),
            "{text}"
        );
        for id in ids.iter().chain(&concepts) {
            assert!(!text.contains(id.as_str()), "{id} shown:\n{text}");
        }
        let first = app.service.bank().get(&ids[0]).unwrap().prompt.clone();
        assert!(text.contains(&first[..30]), "{text}");
    }
    // Two exams with no concept in common: nothing to compare, said as such.
    app.screens.results.as_mut().unwrap().summary.versus = Some(az900::engine::Versus::default());
    let text = screen_text(draw(&app, 200, 60).backend().buffer());
    assert!(text.contains("No question in common with it"), "{text}");
    assert!(!text.contains("0 fixed"), "{text}");
}

#[test]
fn footer_hints_name_only_the_keys_of_the_questions_kind() {
    for (kind, has, lacks) in [
        (SINGLE, "1–9 pick", "pick up"),
        (ORDER, "Space pick up", "1–9"),
        (HOT, "Space select", "1–9"),
        (YES_NO, "y yes", "1–9"),
        (MATCH, "1–9 category", "pick up"),
    ] {
        let mut b = backend(&[kind]);
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[PRACTICE, Msg::Enter]);
        let t = draw(&app, 120, 40);
        let footer = row(t.backend().buffer(), 39);
        assert!(footer.contains(has), "{kind}: {footer}");
        assert!(!footer.contains(lacks), "{kind}: {footer}");
        if kind == ORDER {
            // Enter on the list as shown answers it (no "pick an answer first").
            app.update(Msg::Enter);
            assert!(
                app.status.as_ref().is_none_or(|s| !s.text.contains("Pick")),
                "{:?}",
                app.status.as_ref().map(|s| s.text.clone())
            );
        }
    }
}

#[test]
fn stats_with_one_exam_say_so_in_the_singular_and_show_the_score_not_a_dot() {
    let mut b = backend(&[]);
    b.stats.exams.truncate(1);
    let scaled = b.stats.exams[0].scaled;
    let mut app = App::new(&mut b, Theme::colored());
    app.update(STATS);
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(
        text.contains("1 exam ") && !text.contains("1 exams"),
        "{text}"
    );
    assert!(
        text.contains("One exam so far") && text.contains(&scaled.to_string()),
        "{text}"
    );
}

#[test]
fn after_an_exam_every_question_reopens_filtered_wrong_marked_unanswered_all() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    let right = right_choice_positions(&app);
    // 1 right and marked, 2 skipped, 3 skipped.
    run(&mut app, &[Msg::Pick(right[0]), Msg::Flag, Msg::Enter]);
    run(&mut app, &[Msg::Review, Msg::Submit, Msg::Yes]);
    let r = app.screens.results.as_ref().unwrap();
    assert_eq!(
        r.filter,
        az900::tui::app::ResultsFilter::Unanswered,
        "nothing wrong"
    );
    assert_eq!(r.entries(), vec![1, 2]);
    app.update(Msg::Right);
    assert_eq!(
        app.screens.results.as_ref().unwrap().entries(),
        vec![0, 1, 2],
        "all"
    );
    app.update(Msg::Left);
    app.update(Msg::Left);
    assert_eq!(
        app.screens.results.as_ref().unwrap().entries(),
        vec![0],
        "marked"
    );
    // The right answer reopens with its explanation.
    app.update(Msg::Enter);
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(text.contains("marked 1 of 1 · question 1"), "{text}");
    assert!(text.contains("Correct"), "{text}");
}

#[test]
fn the_exam_intro_says_questions_time_marking_and_keys_before_the_clock_starts() {
    let mut b = backend(&[]);
    let mut app = App::new(&mut b, Theme::colored());
    app.update(EXAM);
    assert!(app.session.is_none(), "no clock yet");
    snap("exam_intro", &app);
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    for want in [
        "40 questions in 45 minutes",
        "700 passes",
        "mark the question for review",
        "Covering",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    run(&mut app, &[Msg::Down, Msg::Left, Msg::Left]);
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(text.contains("30 questions in 34 minutes"), "{text}");
    // QA: a 10-question exam's page promised a scaled score.
    assert!(!text.contains("700 passes"), "{text}");
    assert!(text.contains("are estimated for"), "{text}");
}

#[test]
fn hot_area_feedback_names_only_the_cells_answered_wrong() {
    let mut b = backend(&[HOT]);
    let q = b.bank.get(&b.ids[0]).unwrap().clone();
    let az900::bank::question::Body::HotArea {
        columns,
        rows,
        answer,
        ..
    } = &q.body
    else {
        panic!("hot area");
    };
    let mut app = App::new(&mut b, Theme::colored());
    // Select cell (0, 0) only.
    run(&mut app, &[PRACTICE, Msg::Enter, Msg::Toggle, Msg::Enter]);
    let text = screen_text(draw(&app, 200, 60).backend().buffer());
    let wrong_rows: Vec<usize> = (0..rows.len())
        .filter(|r| (0..columns.len()).any(|c| ((*r, c) == (0, 0)) != answer.contains(&(*r, c))))
        .collect();
    for (r, row) in rows.iter().enumerate() {
        let named = text.contains(&format!("✗ {}:", row.label));
        assert_eq!(named, wrong_rows.contains(&r), "row {r}: {text}");
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(lines < 40, "short: {lines} lines\n{text}");
}

#[test]
fn learn_links_are_osc8_hyperlinks_where_supported_and_plain_text_elsewhere() {
    use az900::tui::theme::hyperlinks_supported;
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_string())
        }
    };
    assert!(hyperlinks_supported(&env(&[("TERM_PROGRAM", "WezTerm")])));
    assert!(!hyperlinks_supported(&env(&[("TERM", "xterm-256color")])));
    assert!(!hyperlinks_supported(&env(&[
        ("TERM", "xterm-kitty"),
        ("TMUX", "/tmp/x")
    ])));
    assert!(hyperlinks_supported(&env(&[
        ("AZ900_HYPERLINKS", "1"),
        ("TMUX", "/tmp/x")
    ])));
    let mut b = backend(&[SINGLE]);
    let url = b.bank.get(&b.ids[0]).unwrap().refs[0].clone();
    let mut theme = Theme::colored();
    theme.hyperlinks = true;
    let mut app = App::new(&mut b, theme);
    run(&mut app, &[PRACTICE, Msg::Enter, Msg::Pick(0), Msg::Enter]);
    let t = draw(&app, 200, 60);
    let buf = t.backend().buffer();
    let linked: Vec<String> = buf
        .content
        .iter()
        .filter(|c| c.symbol().starts_with("\x1b]8;;"))
        .map(|c| c.symbol().to_string())
        .collect();
    assert!(
        linked
            .iter()
            .any(|s| s == &format!("\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\")),
        "{linked:?}"
    );
    // Without support, no escape reaches the buffer.
    let mut b = backend(&[SINGLE]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter, Msg::Pick(0), Msg::Enter]);
    let t = draw(&app, 200, 60);
    assert!(
        t.backend()
            .buffer()
            .content
            .iter()
            .all(|c| !c.symbol().contains('\x1b'))
    );
}

#[test]
fn prose_wraps_at_a_readable_measure_on_a_wide_terminal() {
    let mut b = backend(&[LONG]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let t = draw(&app, 200, 60);
    let buf = t.backend().buffer();
    // Nothing is drawn between the measure (and its scroll column) and the right edge.
    for y in 1..57 {
        let tail: String = (103..200).map(|x| buf[(x, y)].symbol()).collect();
        assert!(tail.trim().is_empty(), "row {y}: {}", row(buf, y));
    }
    let text = screen_text(buf);
    assert!(text.lines().filter(|l| !l.trim().is_empty()).count() > 3);
}

/// The first (x, y) where `needle` starts on screen.
fn locate(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (0..buf.area.height).find_map(|y| {
        let r = row(buf, y);
        r.find(needle).map(|b| (r[..b].chars().count() as u16, y))
    })
}

#[test]
fn the_mouse_clicks_menu_entries_choices_and_footer_buttons_and_the_wheel_scrolls() {
    let mut b = backend(&[SINGLE, LONG]);
    let mut app = App::new(&mut b, Theme::colored());
    let t = draw(&app, 120, 40);
    let (x, y) = locate(t.backend().buffer(), "Practice").unwrap();
    app.update(Msg::Click(x, y));
    assert!(
        app.screens.setup.is_some(),
        "a click on the menu entry opens it"
    );
    let t = draw(&app, 120, 40);
    let footer = row(t.backend().buffer(), 39);
    let x = footer[..footer.find("Enter start").unwrap()]
        .chars()
        .count() as u16;
    app.update(Msg::Click(x + 2, 39));
    assert!(app.session.is_some(), "the footer's Enter button starts");
    // Click the right choice's text, then the footer's submit button.
    let right = right_choice_positions(&app)[0];
    let q = app.current_question().unwrap().clone();
    let s = app.session.as_ref().unwrap();
    let text = q.body.choices().unwrap()[s.draft.order[right as usize]]
        .text
        .clone();
    let t = draw(&app, 120, 40);
    let (x, y) = locate(t.backend().buffer(), &text).unwrap();
    app.update(Msg::Click(x, y));
    assert_eq!(app.session.as_ref().unwrap().draft.response(), q.body.key());
    let t = draw(&app, 120, 40);
    let (x, y) = locate(t.backend().buffer(), "Enter submit").unwrap();
    app.update(Msg::Click(x, y));
    assert_eq!(
        app.session.as_ref().unwrap().session.phase(),
        az900::engine::Phase::Feedback
    );
    // A click on nothing does nothing.
    app.update(Msg::Click(119, 20));
    // The wheel scrolls the feedback page.
    draw(&app, 80, 24);
    app.update(Msg::WheelDown);
    assert_eq!(app.session.as_ref().unwrap().scroll, Some(3));
    app.update(Msg::WheelUp);
    assert_eq!(app.session.as_ref().unwrap().scroll, Some(0));
}

#[test]
fn a_click_on_a_review_grid_cell_opens_that_question_and_on_a_hot_area_cell_toggles_it() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO, HOT]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter, Msg::Review]);
    let t = draw(&app, 120, 40);
    let (x, y) = locate(t.backend().buffer(), "  3 ○").unwrap();
    app.update(Msg::Click(x + 2, y));
    let s = app.session.as_ref().unwrap();
    assert!(!s.review_open);
    assert_eq!(s.session.current_index(), 2);
    // Question 4 is the hot area: click its first cell.
    run(&mut app, &[Msg::Next]);
    let t = draw(&app, 120, 40);
    let buf = t.backend().buffer();
    assert!(row(buf, 0).contains("Hot area"), "{}", row(buf, 0));
    let (x, y) = locate(buf, "[ ]").expect("an unselected cell");
    app.update(Msg::Click(x, y));
    let draft = &app.session.as_ref().unwrap().draft;
    assert!(draft.is_answered(), "the cell is selected");
    app.update(Msg::Click(x, y));
    assert!(
        !app.session.as_ref().unwrap().draft.is_answered(),
        "and unselected"
    );
}

#[test]
fn a_click_on_a_matrix_cell_selects_it_at_every_size() {
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 60)] {
        let mut b = backend(&[]);
        let mut app = App::new(&mut b, Theme::colored());
        app.update(MATRIX);
        let t = draw(&app, w, h);
        let buf = t.backend().buffer();
        // Network controls under PaaS is the only "Shared" on its row.
        let (_, y) = locate(buf, "Network controls").unwrap();
        let x = row(buf, y)[..row(buf, y).find("Shared").unwrap()]
            .chars()
            .count() as u16;
        app.update(Msg::Click(x + 1, y));
        assert_eq!(app.screens.matrix.cursor, (5, 2), "{w}x{h}");
        let text = screen_text(draw(&app, w, h).backend().buffer());
        assert!(
            text.contains("Network controls under PaaS"),
            "{w}x{h}\n{text}"
        );
        // A click between two cells, or on a layer's name, leaves the selection.
        let (x, y) = locate(buf, "Physical datacenter").unwrap();
        app.update(Msg::Click(x, y));
        assert_eq!(app.screens.matrix.cursor, (5, 2), "{w}x{h}");
    }
}

#[test]
fn home_badges_never_run_into_the_descriptions() {
    let mut b = backend(&[]);
    b.dashboard.review_waiting = 135;
    b.dashboard.review_session = 30;
    b.dashboard.due_today = 120;
    b.dashboard.new_available = 20;
    let app = App::new(&mut b, Theme::colored());
    let text = screen_text(draw(&app, 200, 60).backend().buffer());
    assert!(text.contains("120 due · 20 new "), "{text}");
    assert!(text.contains("30 of 135 waiting "), "{text}");
}

/// At 200 columns the Today panel stayed 50 wide and wrapped its figures ("bank of 1830" /
/// "questions, 1249 concepts") beside an empty half of the screen: it is as wide as its
/// longest figure now, while the menu keeps its descriptions beside it.
#[test]
fn home_figures_keep_to_one_line_each_on_a_wide_terminal() {
    let mut b = backend(&[]);
    let app = App::new(&mut b, Theme::colored());
    let t = draw(&app, 200, 60);
    let buf = t.backend().buffer();
    let (_, y) = locate(buf, "Answers ").expect("the answers figure");
    let line = row(buf, y);
    assert!(line.contains("concepts"), "wrapped: {line}");
    assert!(
        screen_text(buf).contains("the questions the scheduler has due today"),
        "the menu keeps its descriptions"
    );
}

#[test]
fn homes_last_exam_is_a_full_exams_and_says_so_when_there_is_none() {
    // Parts of the exam have no scaled score, so "no exam yet" after one would be untrue.
    let mut b = backend(&[]);
    b.dashboard.last_exam_scaled = None;
    let app = App::new(&mut b, Theme::colored());
    let text = screen_text(draw(&app, 120, 40).backend().buffer());
    assert!(
        text.contains("Last exam       — no full exam yet"),
        "{text}"
    );
}

#[test]
fn page_down_moves_by_the_height_of_the_page_drawn() {
    let mut b = backend(&[LONG]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    for (w, h) in [(80u16, 24u16), (120, 40)] {
        draw(&app, w, h);
        let page = app.page();
        // The body less the header, status and footer rows, less one line of context.
        assert_eq!(page, usize::from(h) - 3 - 1, "{w}x{h}");
    }
}

/// A backend whose one SINGLE question tests objective 2.4.7 ("Defense in depth") and has
/// "Defense in depth" as its right choice, as QA saw it in an exam.
fn backend_with_a_title_that_is_an_option() -> (MemoryService, String) {
    let mut b = backend(&[SINGLE]);
    let mut qs = demo::questions();
    let id = b.ids[0].clone();
    let q = qs.iter_mut().find(|q| q.id == id).unwrap();
    q.objective = "2.4.7".into();
    // A generated question keys its topic on the objective's group.
    q.topic = "2.4".into();
    let (_, _, o) = b.bank.rules.outline.objective("2.4.7").unwrap();
    let title = o.title.clone();
    let az900::bank::Body::Single { choices } = &mut q.body else {
        panic!("SINGLE is a single choice")
    };
    choices.iter_mut().find(|c| c.correct).unwrap().text = title.clone();
    b.bank = az900::bank::Bank::from_questions(b.bank.rules.clone(), qs).unwrap();
    (b, title)
}

#[test]
fn the_question_header_names_the_kind_and_the_part_of_the_exam_never_one_of_its_options() {
    for mode in [PRACTICE, EXAM] {
        let (mut b, title) = backend_with_a_title_that_is_an_option();
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[mode, Msg::Enter]);
        let q = app.current_question().unwrap().clone();
        let kind = q.kind().label();
        for (w, h) in [(80, 24), (200, 60)] {
            let t = draw(&app, w, h);
            let header = row(t.backend().buffer(), 0);
            // The objective's group, never a bare outline id.
            assert!(
                header.contains(&format!("{kind} · Identity, access and secur")),
                "{w}×{h}: {header}"
            );
            assert!(!header.contains(" 2.4 "), "{header}");
            for o in q.body.option_texts() {
                assert!(!header.contains(o), "{w}×{h}: {header} names {o:?}");
            }
        }
        // Too narrow for the whole name: the name is cut, the kind stays.
        let t = draw(&app, 60, 24);
        let header = row(t.backend().buffer(), 0);
        assert!(header.contains(kind) && header.contains('…'), "{header}");
        if mode == PRACTICE {
            // Answered, the feedback may name the objective.
            run(&mut app, &[Msg::Pick(0), Msg::Enter]);
            let header = row(draw(&app, 200, 60).backend().buffer(), 0);
            assert!(header.contains(&format!("{kind} · {title}")), "{header}");
        }
    }
}

#[test]
fn stats_show_accuracy_by_skill_area_and_objective_with_no_bar_for_nothing_answered() {
    let mut b = backend(&[]);
    let topics = b.stats.topics.clone();
    let mut app = App::new(&mut b, Theme::colored());
    app.update(STATS);
    for (w, h) in [(80, 60), (120, 60), (200, 60)] {
        let text = screen_text(draw(&app, w, h).backend().buffer());
        assert!(text.contains("Accuracy by skill area"), "{text}");
        for t in &topics {
            // The row of its name, and the next (where the bar goes when both do not fit).
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.contains(&t.name))
                .unwrap_or_else(|| panic!("{w}: no {:?} in\n{text}", t.name));
            let counts = format!("{}/{}", t.points, t.max);
            let has = |l: &str| l.contains("not answered yet") || l.contains(&counts);
            let line = if has(lines[at]) {
                lines[at]
            } else {
                lines[at + 1]
            };
            if t.max == 0 {
                assert!(line.contains("not answered yet"), "{line}");
                assert!(!line.contains(" 0%"), "{line}");
            } else {
                let pct = format!("{:.0}%", 100.0 * t.points as f64 / t.max as f64);
                assert!(line.contains(&pct) && line.contains(&counts), "{line}");
            }
        }
        // Objectives sit indented by two under their area.
        let col = |name: &str| {
            let line = text.lines().find(|l| l.contains(name)).unwrap();
            line[..line.find(name).unwrap()].chars().count()
        };
        let area = topics.iter().find(|t| !t.objective).unwrap();
        let objective = topics.iter().find(|t| t.objective).unwrap();
        assert_eq!(col(&objective.name), col(&area.name) + 2, "{text}");
    }
}

#[test]
fn results_name_skill_areas_whole_and_tell_apart_questions_that_share_a_prompt() {
    let mut b = backend(&[SINGLE, MULTI]);
    let mut qs = demo::questions();
    let ids = b.ids.clone();
    for (id, objective) in ids.iter().zip(["2.3.3", "3.1.4"]) {
        let q = qs.iter_mut().find(|q| &q.id == id).unwrap();
        q.objective = objective.into();
        q.topic = objective[..3].into();
        q.prompt = "Which statement is true?".into();
    }
    b.bank = az900::bank::Bank::from_questions(b.bank.rules.clone(), qs).unwrap();
    let titles: Vec<String> = ["2.3.3", "3.1.4"]
        .iter()
        .map(|o| b.bank.rules.outline.objective(o).unwrap().2.title.clone())
        .collect();
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[PRACTICE, Msg::Enter]);
    let right = right_choice_positions(&app);
    run(&mut app, &[Msg::Pick(right[0]), Msg::Enter, Msg::Enter]);
    run(&mut app, &[Msg::Back, Msg::Yes]);
    let areas: Vec<String> = app
        .screens
        .results
        .as_ref()
        .unwrap()
        .summary
        .topics
        .iter()
        .map(|t| t.name.clone())
        .collect();
    // The answered question's area, the longest name of the outline's three.
    assert!(
        areas.contains(&"Describe Azure architecture and services".to_string()),
        "{areas:?}"
    );
    // The browser's filter to "all" (it opens on the first filter with questions).
    for _ in 0..4 {
        let text = screen_text(draw(&app, 80, 60).backend().buffer());
        if text.contains("all 2") && text.contains(&format!("{}: ", titles[0])) {
            break;
        }
        app.update(Msg::Right);
    }
    let buf = draw(&app, 80, 60).backend().buffer().clone();
    let text = screen_text(&buf);
    for a in &areas {
        assert!(text.contains(a.as_str()), "{a} cut:\n{text}");
    }
    // Each row says which objective its "Which statement is true?" is about, and the points
    // stand in one column.
    let mut cols = Vec::new();
    for (title, state) in titles.iter().zip(["1/1", "unanswered"]) {
        let row = format!("{title}: Which statement is true?");
        let (_, y) = locate(&buf, &row).unwrap_or_else(|| panic!("no {row:?} in\n{text}"));
        let r = self::row(&buf, y);
        let at = r
            .find(state)
            .unwrap_or_else(|| panic!("no {state} on the row of {row:?}\n{text}"));
        cols.push(r[..at].chars().count());
    }
    assert_eq!(cols[0], cols[1], "{text}");
    // A question opened from the list names its kind and objective in the header.
    app.update(Msg::Enter);
    let header = row(draw(&app, 120, 40).backend().buffer(), 0);
    let named = titles.iter().any(|t| header.contains(&format!(" · {t}")));
    assert!(named && header.contains("question "), "{header}");
}

#[test]
fn home_on_a_wide_terminal_shows_every_figure_without_a_scroll_mark() {
    let mut b = backend(&[]);
    b.dashboard.minutes_today = (25, Some(20));
    let app = App::new(&mut b, Theme::colored());
    for (w, h) in [(120, 40), (200, 60)] {
        let text = screen_text(draw(&app, w, h).backend().buffer());
        for label in [
            "Due reviews",
            "New today",
            "Streak",
            "Last exam",
            "Readiness",
            "Exam date",
            "Today",
            "Answers",
        ] {
            assert!(text.contains(label), "{w}×{h}: no {label}\n{text}");
        }
        assert!(text.contains("Study due again to go on"), "{text}");
        assert!(!text.contains("more lines"), "{w}×{h}:\n{text}");
    }
}

#[test]
fn an_order_question_left_unanswered_shows_the_right_order_unmarked() {
    let mut b = backend(&[ORDER]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    let q = app.current_question().unwrap().clone();
    run(&mut app, &[Msg::Review, Msg::Submit, Msg::Yes, Msg::Enter]);
    let text = screen_text(draw(&app, 80, 40).backend().buffer());
    assert!(text.contains("Not answered"), "{text}");
    assert!(text.contains("The right order:"), "{text}");
    assert!(!text.contains("belongs at"), "{text}");
    let az900::bank::question::Body::Order { items } = &q.body else {
        panic!("not an order question");
    };
    // Listed 1, 2, 3… in the key's order, with no ✓ or ✗ beside them.
    let mut last = 0;
    for (k, item) in items.iter().enumerate() {
        let needle = format!(".   {}", item.text);
        let (_, y) = locate(draw(&app, 80, 40).backend().buffer(), &needle)
            .unwrap_or_else(|| panic!("no {:?}\n{text}", item.text));
        let row = row(draw(&app, 80, 40).backend().buffer(), y);
        assert!(row.contains(&format!("{}. ", k + 1)), "{row}");
        assert!(!row.contains('✓') && !row.contains('✗'), "{row}");
        assert!(y > last, "in order: {text}");
        last = y;
    }
}

/// QA: on exam questions order questions had no `[ ] move  r review` in the footer, match
/// questions no `r review`, and at 60 columns `[ ]`, `r` and sometimes `f` went. Every kind shows
/// the same navigation keys at every width; the least important hints go first.
#[test]
fn every_exam_question_kind_keeps_submit_move_and_review_in_the_footer_at_every_width() {
    let kinds = [SINGLE, MULTI, YES_NO, DROPDOWN, MATCH, ORDER, HOT];
    let mut b = backend(&kinds);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter]);
    for kind in kinds {
        for (w, h) in [(60, 20), (80, 24), (200, 60)] {
            let t = draw(&app, w, h);
            let footer = row(t.backend().buffer(), h - 1);
            for want in ["Enter submit", "[ ] move", "r review", "? help", "q quit"] {
                assert!(footer.contains(want), "{kind} at {w}: {want:?} in {footer}");
            }
            if w >= 80 {
                assert!(footer.contains("f mark"), "{kind} at {w}: {footer}");
            }
        }
        app.update(Msg::Next);
    }
}

/// QA: a question's explanation opened from Results kept the list's footer (`←→ filter  Enter
/// explain  r review missed`, where ←→ did nothing); its keys were only in the header.
#[test]
fn a_results_explanation_has_its_own_footer() {
    let mut b = backend(&[SINGLE, MULTI, YES_NO]);
    let mut app = App::new(&mut b, Theme::colored());
    run(&mut app, &[EXAM, Msg::Enter, Msg::Submit, Msg::Yes]);
    let list = row(draw(&app, 80, 24).backend().buffer(), 23);
    assert!(list.contains("←→ filter"), "{list}");
    app.update(Msg::Enter);
    assert!(app.screens.results.as_ref().unwrap().detail);
    for (w, h) in [(60, 20), (80, 24), (200, 60)] {
        let footer = row(draw(&app, w, h).backend().buffer(), h - 1);
        for want in ["[ ] previous/next", "Esc back", "? help"] {
            assert!(footer.contains(want), "{w}: {want:?} in {footer}");
        }
        for lacks in ["filter", "explain", "review missed"] {
            assert!(!footer.contains(lacks), "{w}: {lacks:?} in {footer}");
        }
    }
    app.update(Msg::Back);
    assert!(!app.screens.results.as_ref().unwrap().detail);
}

/// QA: Home at 80×24 with an exam date set hid the selected entry's description behind
/// "▼ 2 more lines".
#[test]
fn home_at_80x24_with_an_exam_date_shows_the_selected_entrys_description() {
    let mut b = backend(&[SINGLE]);
    {
        let mut app = App::new(&mut b, Theme::colored());
        run(&mut app, &[Msg::Plan, Msg::Enter]);
    }
    assert!(b.plan.is_some());
    // With a plan Home also shows the minutes studied today.
    b.dashboard.minutes_today = (0, Some(20));
    let mut app = App::new(&mut b, Theme::colored());
    for entry in 0..9 {
        let text = screen_text(draw(&app, 80, 24).backend().buffer());
        assert!(text.contains("Exam date"), "{text}");
        assert!(!text.contains("more lines"), "{entry}: {text}");
        if entry == 3 {
            assert!(text.contains("what you got wrong last time"), "{text}");
        }
        app.update(Msg::Down);
    }
}
