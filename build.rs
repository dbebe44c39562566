//! Compiles every question pack in `questions/` (except `rules.json` and `outline.json`, which
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
    let dest = Path::new(&env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("packs.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("writing {}: {e}", dest.display());
    }
}
