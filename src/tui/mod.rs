//! The terminal front end (ratatui). Input is normalized in [`event`], state changes in
//! [`app::App::update`], and screens render from `&App` only.

pub mod answer;
pub mod app;
pub mod backend;
pub mod event;
pub mod keymap;
pub mod screens;
pub mod text;
pub mod theme;
pub mod view;
pub mod widgets;
