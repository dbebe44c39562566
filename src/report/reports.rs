//! `az900 reports`: the questions the learner reported, as text or JSON.

use crate::bank::Bank;

/// A stored report as JSON, with the question's prompt and where it comes from (when the bank
/// still has it).
pub fn report_json(bank: &Bank, r: &crate::store::Report, when: &str) -> serde_json::Value {
    let q = bank.get(&r.question_id);
    serde_json::json!({
        "question_id": r.question_id,
        "reason": r.reason,
        "reported_at": when,
        "reported_at_ms": r.reported_at,
        "prompt": q.map(|q| q.prompt.as_str()),
        "source": q.map(|q| source_name(&q.source)),
    })
}

/// A stored report as text: local time, id and reason, then the prompt and the source.
pub fn report_text(bank: &Bank, r: &crate::store::Report, when: &str) -> String {
    let mut out = format!(
        "{when}  {}  {}\n",
        crate::text::sanitize(&r.question_id),
        r.reason.label()
    );
    match bank.get(&r.question_id) {
        Some(q) => {
            let prompt = crate::text::sanitize(&q.prompt);
            let prompt: String = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&format!(
                "    {prompt}\n    from {}\n",
                source_name(&q.source)
            ));
        }
        None => out.push_str("    (no longer in the question bank)\n"),
    }
    out
}

fn source_name(source: &crate::bank::question::Source) -> String {
    match source {
        crate::bank::question::Source::Generated => "generated from questions/rules.json".into(),
        crate::bank::question::Source::Pack { file } => crate::text::sanitize(file),
        crate::bank::question::Source::Table { file } => {
            format!("generated from {}", crate::text::sanitize(file))
        }
    }
}
