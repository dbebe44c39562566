//! Compiles every fact table in `questions/facts/` and every question pack in `questions/` (except `rules.json` and `outline.json`, which
//! their modules include themselves) into the binary.
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=questions");
    let mut names: Vec<String> = fs::read_dir("questions")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json") && n != "rules.json" && n != "outline.json")
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out =
        String::from("/// Question packs compiled in from `questions/`: (file name, contents).\n");
    out.push_str("pub const PACKS: &[(&str, &str)] = &[\n");
    for n in &names {
        println!("cargo:rerun-if-changed=questions/{n}");
        out.push_str(&format!(
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/questions/{n}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let out_dir = env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    let dest = Path::new(&out_dir).join("packs.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("writing {}: {e}", dest.display());
    }
    facts(&out_dir);
}

/// Every fact table in `questions/facts/` (`FACTS`: file name, contents).
fn facts(out_dir: &str) {
    println!("cargo:rerun-if-changed=questions/facts");
    let mut names: Vec<String> = fs::read_dir("questions/facts")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".json"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from(
        "/// Fact tables compiled in from `questions/facts/`: (file name, contents).\n",
    );
    out.push_str("pub const FACTS: &[(&str, &str)] = &[\n");
    for n in &names {
        println!("cargo:rerun-if-changed=questions/facts/{n}");
        out.push_str(&format!(
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/questions/facts/{n}\"))),\n"
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(out_dir).join("facts.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("writing {}: {e}", dest.display());
    }
}
