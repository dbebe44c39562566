//! `az900 optimize`: what fitting FSRS parameters to the learner's reviews did.

use crate::schedule::OptimizeReport;

/// The lines `az900 optimize` prints for `report` ([`crate::study::Study::optimize`]).
pub fn optimize_lines(report: &OptimizeReport) -> Vec<String> {
    let mut lines = vec![format!(
        "Log-loss on your last 20 % of reviews: default parameters {:.4}, fitted {:.4}",
        report.default_log_loss, report.fitted_log_loss
    )];
    if report.kept {
        lines.push("The fitted parameters predict better: kept.".into());
    } else {
        lines.push("The defaults predict as well or better: nothing changed.".into());
    }
    lines
}
