//! The exam outline (`questions/outline.json`): the three skill areas with Microsoft's weight
//! ranges, their groups and the objectives every question and fact row names.
//!
//! Loaded and checked at start-up like the packs: every problem is a [`PackError`] located by
//! file, line, column and field path.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::bank::pack::{self, PackError};
use crate::bank::span::SpanIndex;

/// The outline compiled into the binary.
pub const OUTLINE_JSON: &str = include_str!("../questions/outline.json");
/// The file name errors in the embedded outline name.
pub const OUTLINE_FILE: &str = "outline.json";

/// One measured skill, e.g. `2.3.3` "Storage redundancy options".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub title: String,
    /// The Microsoft Learn module that teaches it.
    pub module: String,
}

/// A group of objectives, e.g. `2.3` "Storage".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub objectives: Vec<Objective>,
}

/// A skill area, e.g. `2` "Describe Azure architecture and services", 35–40 % of the exam.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    pub id: String,
    pub name: String,
    /// Microsoft's published range, in percent of the exam: `[min, max]`.
    pub weight: [u32; 2],
    pub groups: Vec<Group>,
}

/// The validated outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outline {
    pub format: u64,
    pub exam: String,
    pub title: String,
    pub areas: Vec<Area>,
}

/// What an outline id names: a skill area, a group or an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'a> {
    Area(&'a Area),
    Group(&'a Area, &'a Group),
    Objective(&'a Area, &'a Group, &'a Objective),
}

impl Scope<'_> {
    /// The id and the name a learner reads ("2.3 Storage").
    pub fn label(&self) -> String {
        match self {
            Scope::Area(a) => format!("{} {}", a.id, a.name),
            Scope::Group(_, g) => format!("{} {}", g.id, g.name),
            Scope::Objective(_, _, o) => format!("{} {}", o.id, o.title),
        }
    }
}

/// Errors of an outline file, each located.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} error(s) in the exam outline:\n{}", .0.len(), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct OutlineError(pub Vec<PackError>);

impl Outline {
    /// The outline compiled into the binary.
    pub fn embedded() -> Result<Outline, OutlineError> {
        Outline::parse(OUTLINE_FILE, OUTLINE_JSON)
    }

    /// Parses and checks an outline: ids nested as `N`, `N.M`, `N.M.K` under their parents and
    /// unique, texts non-empty, modules Learn URLs, weight ranges that can sum to 100.
    pub fn parse(file: &str, text: &str) -> Result<Outline, OutlineError> {
        let outline: Outline = serde_json::from_str(text)
            .map_err(|e| OutlineError(vec![pack::syntax_error(file, text, &e)]))?;
        let issues = outline.issues();
        if issues.is_empty() {
            return Ok(outline);
        }
        let index = SpanIndex::for_paths(text, issues.iter().map(|(p, _)| p.as_str()));
        let errors = issues
            .into_iter()
            .map(|(path, message)| {
                let at = index.locate(&path, false);
                PackError {
                    file: file.to_string(),
                    line: at.map_or(0, |a| a.line),
                    column: at.map_or(0, |a| a.column),
                    path,
                    message,
                }
            })
            .collect();
        Err(OutlineError(errors))
    }

    /// Every problem as (field path, message).
    fn issues(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if self.format != 1 {
            out.push((
                "format".into(),
                format!("format must be 1, found {}", self.format),
            ));
        }
        if self.areas.is_empty() {
            out.push((
                "areas".into(),
                "the outline needs at least one skill area".into(),
            ));
        }
        let mut seen = HashSet::new();
        for (ai, a) in self.areas.iter().enumerate() {
            let at = format!("areas[{ai}]");
            check_id(&mut out, &mut seen, &at, &a.id, None);
            check_text(&mut out, &format!("{at}.name"), &a.name);
            let [min, max] = a.weight;
            if min > max || max > 100 {
                out.push((
                    format!("{at}.weight"),
                    format!("the range {min}–{max} % is not a range within 0–100"),
                ));
            }
            if a.groups.is_empty() {
                out.push((
                    format!("{at}.groups"),
                    "a skill area needs at least one group".into(),
                ));
            }
            for (gi, g) in a.groups.iter().enumerate() {
                let gat = format!("{at}.groups[{gi}]");
                check_id(&mut out, &mut seen, &gat, &g.id, Some(&a.id));
                check_text(&mut out, &format!("{gat}.name"), &g.name);
                if g.objectives.is_empty() {
                    out.push((
                        format!("{gat}.objectives"),
                        "a group needs at least one objective".into(),
                    ));
                }
                for (oi, o) in g.objectives.iter().enumerate() {
                    let oat = format!("{gat}.objectives[{oi}]");
                    check_id(&mut out, &mut seen, &oat, &o.id, Some(&g.id));
                    check_text(&mut out, &format!("{oat}.title"), &o.title);
                    if !pack::ref_ok(&o.module) {
                        out.push((
                            format!("{oat}.module"),
                            format!("must be a {}… URL", pack::REF_PREFIX),
                        ));
                    }
                }
            }
        }
        let (min, max) = self
            .areas
            .iter()
            .fold((0, 0), |(lo, hi), a| (lo + a.weight[0], hi + a.weight[1]));
        if !self.areas.is_empty() && !(min..=max).contains(&100) {
            out.push((
                "areas".into(),
                format!("the weight ranges cannot sum to 100 % (they allow {min}–{max} %)"),
            ));
        }
        out
    }

    /// Every objective with its area and group, in outline order.
    pub fn objectives(&self) -> impl Iterator<Item = (&Area, &Group, &Objective)> {
        self.areas.iter().flat_map(|a| {
            a.groups
                .iter()
                .flat_map(move |g| g.objectives.iter().map(move |o| (a, g, o)))
        })
    }

    /// The objective `id` with its area and group.
    pub fn objective(&self, id: &str) -> Option<(&Area, &Group, &Objective)> {
        self.objectives().find(|(_, _, o)| o.id == id)
    }

    /// What `id` names: an area, a group or an objective.
    pub fn scope(&self, id: &str) -> Option<Scope<'_>> {
        for a in &self.areas {
            if a.id == id {
                return Some(Scope::Area(a));
            }
            for g in &a.groups {
                if g.id == id {
                    return Some(Scope::Group(a, g));
                }
                if let Some(o) = g.objectives.iter().find(|o| o.id == id) {
                    return Some(Scope::Objective(a, g, o));
                }
            }
        }
        None
    }

    /// Whether objective `objective` lies inside `scope` (an area, group or objective id).
    pub fn within(&self, objective: &str, scope: &str) -> bool {
        match self.objective(objective) {
            Some((a, g, o)) => a.id == scope || g.id == scope || o.id == scope,
            None => false,
        }
    }

    /// The id of the group objective `id` belongs to.
    pub fn group_of(&self, id: &str) -> Option<&str> {
        self.objective(id).map(|(_, g, _)| g.id.as_str())
    }
}

/// An id must be its parent's id, a dot and a number (`2`, `2.3`, `2.3.3`), and unique.
fn check_id(
    out: &mut Vec<(String, String)>,
    seen: &mut HashSet<String>,
    at: &str,
    id: &str,
    parent: Option<&str>,
) {
    let tail = match parent {
        None => Some(id),
        Some(p) => id.strip_prefix(p).and_then(|t| t.strip_prefix('.')),
    };
    let numeric = tail.is_some_and(|t| {
        !t.is_empty()
            && t.len() <= 3
            && t.bytes().all(|b| b.is_ascii_digit())
            && !t.starts_with('0')
    });
    if !numeric {
        let want = parent.map_or("a number such as \"2\"".to_string(), |p| {
            format!("\"{p}.\" followed by a number")
        });
        out.push((
            format!("{at}.id"),
            format!("{:?} is not a valid id: expected {want}", id),
        ));
    } else if !seen.insert(id.to_string()) {
        out.push((format!("{at}.id"), format!("duplicate id {id:?}")));
    }
}

fn check_text(out: &mut Vec<(String, String)>, at: &str, s: &str) {
    if s.trim().is_empty() || s.chars().count() > 200 || s.chars().any(char::is_control) {
        out.push((
            at.to_string(),
            "must be a non-empty line of at most 200 characters".into(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_outline_has_the_three_areas_and_58_objectives() {
        let o = Outline::embedded().unwrap();
        let weights: Vec<[u32; 2]> = o.areas.iter().map(|a| a.weight).collect();
        assert_eq!(weights, vec![[25, 30], [35, 40], [30, 35]]);
        assert_eq!(o.objectives().count(), 58);
        let groups: usize = o.areas.iter().map(|a| a.groups.len()).sum();
        assert_eq!(groups, 11);
        assert_eq!(o.group_of("2.3.3"), Some("2.3"));
        assert!(o.within("2.3.3", "2"));
        assert!(o.within("2.3.3", "2.3"));
        assert!(!o.within("2.3.3", "1"));
        assert!(matches!(o.scope("3.4"), Some(Scope::Group(_, g)) if g.name == "Monitoring"));
    }

    fn broken(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<PackError> {
        let mut v: serde_json::Value = serde_json::from_str(OUTLINE_JSON).unwrap();
        edit(&mut v);
        let text = serde_json::to_string_pretty(&v).unwrap();
        Outline::parse("o.json", &text).unwrap_err().0
    }

    #[test]
    fn a_duplicate_objective_is_located() {
        let errs = broken(|v| v["areas"][0]["groups"][0]["objectives"][1]["id"] = "1.1.1".into());
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].path, "areas[0].groups[0].objectives[1].id");
        assert!(errs[0].message.contains("duplicate id \"1.1.1\""));
        assert!(errs[0].line > 10, "{:?}", errs[0]);
    }

    #[test]
    fn an_objective_outside_its_group_is_an_error() {
        let errs = broken(|v| v["areas"][1]["groups"][2]["objectives"][0]["id"] = "2.4.9".into());
        assert_eq!(errs[0].path, "areas[1].groups[2].objectives[0].id");
        assert!(
            errs[0].message.contains("\"2.3.\" followed by a number"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn weights_that_cannot_sum_to_100_are_an_error() {
        let errs = broken(|v| v["areas"][2]["weight"] = serde_json::json!([10, 15]));
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].path, "areas");
        assert!(errs[0].message.contains("70–85"), "{}", errs[0]);
        let errs = broken(|v| v["areas"][0]["weight"] = serde_json::json!([30, 25]));
        assert!(errs.iter().any(|e| e.path == "areas[0].weight"), "{errs:?}");
    }

    #[test]
    fn unknown_fields_and_bad_json_are_located() {
        let errs = broken(|v| v["areas"][0]["colour"] = "red".into());
        assert!(errs[0].message.contains("unknown field"), "{}", errs[0]);
        assert!(errs[0].line > 0);
        let errs = Outline::parse("o.json", "{\n  \"format\": 1,\n  ]")
            .unwrap_err()
            .0;
        assert_eq!(errs[0].line, 3);
    }
}
