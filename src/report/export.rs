//! `az900 bank export`: every question as CSV, an Anki notes file or JSON.

use std::fmt::Write as _;

use crate::bank::Bank;
use crate::bank::question::Question;

/// The right answer of a question, as text (for exports).
pub fn answer_text(q: &Question) -> String {
    q.body.answer_text()
}

/// The options shown with a question, as text (for exports).
pub fn options_text(q: &Question) -> String {
    q.body.options_text()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Every question as CSV (one row per question), for reading the whole bank in a spreadsheet.
pub fn export_csv(bank: &Bank) -> String {
    let mut out = String::from("id,concept,topic,kind,prompt,options,answer,explanation,refs\n");
    for q in bank.questions() {
        let fields = [
            q.id.clone(),
            q.concept.clone(),
            q.topic.clone(),
            q.kind().id().to_string(),
            q.prompt.clone(),
            options_text(q),
            answer_text(q),
            q.explanation.clone(),
            q.refs.join(" "),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn anki_field(s: &str) -> String {
    let escaped = s
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    escaped.replace(['\t', '\n'], "<br>")
}

/// Every question as an Anki-importable tab-separated notes file (front, back, tags).
pub fn export_anki(bank: &Bank) -> String {
    let mut out = String::from("#separator:tab\n#html:true\n#tags column:3\n");
    for q in bank.questions() {
        let front = format!(
            "{}<br><br>{}",
            anki_field(&q.prompt),
            anki_field(&options_text(q))
        );
        let back = format!(
            "{}<br><br>{}",
            anki_field(&answer_text(q)),
            anki_field(&q.explanation)
        );
        let tags = format!("az900 {} {}", q.topic, q.concept);
        let _ = writeln!(out, "{front}\t{back}\t{tags}");
    }
    out
}

/// Every question as pretty JSON.
pub fn export_json(bank: &Bank) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(bank.questions())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_fields_with_commas_quotes_and_newlines() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn anki_fields_never_contain_raw_tabs_or_html() {
        assert_eq!(anki_field("a\tb\nc <b>"), "a<br>b<br>c &lt;b&gt;");
    }
}
