//! The packs in `questions/`, compiled into the binary by `build.rs` so the app runs from any
//! directory.

include!(concat!(env!("OUT_DIR"), "/packs.rs"));
