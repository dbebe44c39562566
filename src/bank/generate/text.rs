//! Small pieces of English shared by the generated questions.

use crate::rules::{Layer, Model, Owner};

/// Rows whose names read as a singular thing take an article; plural and mass nouns do not.
const WITH_ARTICLE: [&str; 6] = [
    "operating-system",
    "physical-network",
    "physical-datacenter",
    "identity-and-directory-infrastructure",
    "virtualisation",
    "middleware-runtime",
];

/// The layer's name as it reads mid-sentence ("the operating system", "network controls").
pub fn layer_ref(layer: &Layer) -> String {
    let mut out = String::with_capacity(layer.name.len() + 6);
    push_layer_ref(&mut out, layer);
    out
}

/// [`layer_ref`], appended to `out`.
fn push_layer_ref(out: &mut String, layer: &Layer) {
    if WITH_ARTICLE.contains(&layer.id.as_str()) {
        out.push_str("the ");
    }
    push_lower_first(out, &layer.name);
}

/// Lower-cases the first letter unless the first word is an acronym or a name with inner
/// capitals ("OS", "IaaS" and "PaaS" stay as they are).
pub fn lower_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_lower_first(&mut out, s);
    out
}

/// [`lower_first`], appended to `out`.
fn push_lower_first(out: &mut String, s: &str) {
    let first_word = s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let inner_capital = first_word.chars().skip(1).any(char::is_uppercase);
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(_)) if a.is_uppercase() && !inner_capital => {
            out.extend(a.to_lowercase());
            out.push_str(&s[a.len_utf8()..]);
        }
        _ => out.push_str(s),
    }
}

/// Upper-cases the first letter.
pub fn upper_first(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    if let Some(a) = s.chars().next() {
        out.extend(a.to_uppercase());
        out.push_str(&s[a.len_utf8()..]);
    }
    out
}

/// The pieces joined into one String allocated at its final size (see `cat!`).
pub fn concat(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.push_str(p);
    }
    out
}

/// "in IaaS", or "on-premises" (which reads as an adverb).
pub fn model_in(model: Model) -> &'static str {
    match model {
        Model::OnPremises => "on-premises",
        Model::Iaas => "in IaaS",
        Model::Paas => "in PaaS",
        Model::Saas => "in SaaS",
    }
}

/// The start of a sentence claiming `owner` holds a layer: "Microsoft alone is responsible for".
pub fn party_holds(owner: Owner) -> &'static str {
    match owner {
        Owner::Customer => "The customer alone is responsible for",
        Owner::Microsoft => "Microsoft alone is responsible for",
        Owner::Shared => "The customer and Microsoft share responsibility for",
    }
}

/// A whole claim: "Microsoft alone is responsible for the operating system in PaaS".
pub fn fact(layer: &Layer, model: Model, owner: Owner) -> String {
    let (party, place) = (party_holds(owner), model_in(model));
    let mut out = String::with_capacity(party.len() + layer.name.len() + place.len() + 8);
    out.push_str(party);
    out.push(' ');
    push_layer_ref(&mut out, layer);
    out.push(' ');
    out.push_str(place);
    out
}

/// The possessive used in "…are the customer's alone".
pub fn party_possessive(owner: Owner) -> &'static str {
    match owner {
        Owner::Customer => "the customer's alone",
        Owner::Microsoft => "Microsoft's alone",
        Owner::Shared => "shared between the customer and Microsoft",
    }
}

/// The filler of "responsibility … lies with ___".
pub fn owner_with(owner: Owner) -> &'static str {
    match owner {
        Owner::Customer => "the customer alone",
        Owner::Microsoft => "Microsoft alone",
        Owner::Shared => "both parties jointly",
    }
}

/// "two", "three"… for prompts such as "Which two…".
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// "a", "a and b", "a, b and c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A lowercase id fragment: letters and digits, runs of anything else become one `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// An alias as it reads after "responsible for": some take an article ("the guest OS").
pub fn alias_ref(alias: &str) -> String {
    const WITH_ARTICLE: [&str; 15] = [
        "directory",
        "directory service",
        "identity infrastructure",
        "identity platform",
        "application",
        "guest os",
        "guest operating system",
        "os",
        "datacenter",
        "building",
        "facility",
        "runtime",
        "language runtime",
        "platform",
        "hypervisor",
    ];
    if WITH_ARTICLE.contains(&alias.to_lowercase().as_str()) {
        format!("the {alias}")
    } else {
        alias.to_string()
    }
}

/// A stable 64-bit FNV-1a hash of some strings, used to pick phrasings and samples
/// deterministically without depending on list positions.
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Picks one item of `items` by a stable hash of `key` (`None` when empty).
pub fn pick<'a, T>(items: &'a [T], key: &[&str]) -> Option<&'a T> {
    if items.is_empty() {
        return None;
    }
    let n = u64::try_from(items.len()).unwrap_or(1);
    let i = usize::try_from(stable_hash(key) % n).unwrap_or(0);
    items.get(i)
}
