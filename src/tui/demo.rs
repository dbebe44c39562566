//! Fixed demonstration data: a small bank with one question of every kind, and dashboard, stats
//! and accuracy figures. The snapshot tests and the README screenshots render these through the
//! real screens, so neither depends on the embedded packs or on a learner's history.

use crate::bank::question::{
    Body, CellRef, Choice, HotRow, MatchItem, OrderItem, Question, Source, Statement,
};
use crate::bank::{Bank, BankError};
use crate::rules::{Model, Owner, Rules};

use super::view::*;
use super::widgets::matrix_grid::CellAccuracy;

const LEARN: &str =
    "https://learn.microsoft.com/en-us/azure/security/fundamentals/shared-responsibility";

fn q(id: &str, topic: &str, prompt: &str, body: Body, explanation: &str) -> Question {
    Question {
        id: id.into(),
        concept: id.into(),
        objective: "1.1.2".into(),
        topic: topic.into(),
        prompt: prompt.into(),
        body,
        explanation: explanation.into(),
        refs: vec![LEARN.into()],
        cells: Vec::new(),
        source: Source::Generated,
        confusable: None,
    }
}

fn choice(text: &str, correct: bool, why: &str) -> Choice {
    Choice {
        text: text.into(),
        correct,
        why: why.into(),
    }
}

/// One question of each kind, then a long one (for scrolling), in this order: single, multi,
/// yes/no, dropdown, match, order, hot area, long.
#[allow(clippy::too_many_lines)] // one literal bank of demonstration questions: data, not logic
pub fn questions() -> Vec<Question> {
    let mut single = q(
        "demo-iaas-os",
        "shared-responsibility",
        "A company moves its SQL Server to Azure virtual machines. Who installs the guest operating system's security updates?",
        Body::Single {
            choices: vec![
                choice(
                    "The company",
                    true,
                    "In IaaS the guest OS is the customer's: Microsoft runs the hosts under it.",
                ),
                choice(
                    "Microsoft",
                    false,
                    "Microsoft patches the physical hosts and hypervisor, not the OS inside a VM.",
                ),
                choice(
                    "Both, shared equally",
                    false,
                    "The OS row is never shared: customer in IaaS, Microsoft in PaaS and SaaS.",
                ),
                choice(
                    "Nobody: Azure VMs need no updates",
                    false,
                    "Every operating system needs updates; the question is who applies them.",
                ),
            ],
        },
        "On a virtual machine the customer owns the operating system and everything above it.",
    );
    single.cells = vec![CellRef {
        layer: "operating-system".into(),
        model: Model::Iaas,
        owner: Some(Owner::Customer),
    }];
    let multi = q(
        "demo-always-customer",
        "customer-duties",
        "Which two layers stay the customer's responsibility in every service model?",
        Body::Multi {
            choices: vec![
                choice(
                    "Information and data",
                    true,
                    "Data is always the customer's, whatever the model.",
                ),
                choice(
                    "Physical hosts",
                    false,
                    "Physical hosts move to Microsoft in IaaS, PaaS and SaaS.",
                ),
                choice(
                    "Accounts and identities",
                    true,
                    "Who has an account, and with what rights, is always the customer's call.",
                ),
                choice(
                    "Operating system",
                    false,
                    "The OS moves to Microsoft in PaaS and SaaS.",
                ),
                choice(
                    "Network controls",
                    false,
                    "Network controls are shared in PaaS and Microsoft's in SaaS.",
                ),
            ],
        },
        "Information and data, devices, and accounts and identities never move to the provider.",
    );
    let yes_no = q(
        "demo-yes-no",
        "shared-responsibility",
        "For each statement, select Yes if it is true.",
        Body::YesNo {
            statements: vec![
                Statement {
                    text: "In SaaS, the customer is responsible for its data.".into(),
                    answer: true,
                    why: "Data is always the customer's.".into(),
                },
                Statement {
                    text: "In PaaS, the customer patches the operating system.".into(),
                    answer: false,
                    why: "The OS is Microsoft's in PaaS.".into(),
                },
                Statement {
                    text: "In IaaS, Microsoft is responsible for the physical hosts.".into(),
                    answer: true,
                    why: "Physical layers move to Microsoft in every cloud model.".into(),
                },
            ],
        },
        "Physical layers move to Microsoft in every cloud model; data never does.",
    );
    let dropdown = q(
        "demo-dropdown",
        "service-types",
        "Complete the sentence.",
        Body::Dropdown {
            sentence: "In platform as a service (PaaS), the operating system is managed by ___."
                .into(),
            choices: vec![
                choice(
                    "the customer",
                    false,
                    "The customer manages the OS in IaaS, not PaaS.",
                ),
                choice(
                    "Microsoft",
                    true,
                    "PaaS hands the OS and runtime to the provider.",
                ),
                choice(
                    "both the customer and Microsoft",
                    false,
                    "The OS row is not shared in any model.",
                ),
            ],
        },
        "PaaS: the provider runs the OS and the platform; the customer brings code and data.",
    );
    let matching = q(
        "demo-match",
        "shared-responsibility",
        "Match each responsibility in PaaS to who holds it.",
        Body::Match {
            categories: vec!["Customer".into(), "Microsoft".into(), "Shared".into()],
            items: vec![
                MatchItem {
                    text: "Information and data".into(),
                    category: 0,
                    why: "Always the customer's.".into(),
                },
                MatchItem {
                    text: "Physical datacenter".into(),
                    category: 1,
                    why: "Microsoft's in every cloud model.".into(),
                },
                MatchItem {
                    text: "Identity and directory infrastructure".into(),
                    category: 2,
                    why: "Shared in PaaS: Microsoft runs it, the customer configures it.".into(),
                },
                MatchItem {
                    text: "Operating system".into(),
                    category: 1,
                    why: "Microsoft's in PaaS.".into(),
                },
            ],
        },
        "In PaaS, identity infrastructure, applications and network controls are shared.",
    );
    let order = q(
        "demo-order",
        "service-types",
        "Order the models from the most to the least customer responsibility.",
        Body::Order {
            items: vec![
                OrderItem {
                    text: "On-premises".into(),
                    why: "The customer owns every layer.".into(),
                },
                OrderItem {
                    text: "IaaS".into(),
                    why: "The customer keeps the OS and everything above it.".into(),
                },
                OrderItem {
                    text: "PaaS".into(),
                    why: "The customer keeps code, data and access.".into(),
                },
                OrderItem {
                    text: "SaaS".into(),
                    why: "The customer keeps data, devices and accounts.".into(),
                },
            ],
        },
        "Responsibility moves to the provider from on-premises to IaaS, PaaS and SaaS.",
    );
    let hot = q(
        "demo-hot",
        "shared-responsibility",
        "Select every cell where the customer alone is responsible.",
        Body::HotArea {
            columns: vec![
                "On-prem".into(),
                "IaaS".into(),
                "PaaS".into(),
                "SaaS".into(),
            ],
            rows: vec![
                HotRow {
                    label: "Operating system".into(),
                    why: "Customer's on-premises and in IaaS.".into(),
                },
                HotRow {
                    label: "Physical hosts".into(),
                    why: "Customer's only on-premises.".into(),
                },
                HotRow {
                    label: "Devices".into(),
                    why: "Always the customer's (SaaS disputed).".into(),
                },
            ],
            answer: vec![(0, 0), (0, 1), (1, 0), (2, 0), (2, 1), (2, 2), (2, 3)],
            one_per_row: false,
        },
        "Only on-premises does the customer hold the physical layers.",
    );
    let long_prompt = "Contoso runs a line-of-business web application. ".repeat(14)
        + "Which service model moves the most responsibility to Microsoft while the company keeps its data?";
    let long = q(
        "demo-long",
        "service-types",
        &long_prompt,
        Body::Single {
            choices: vec![
                choice(
                    "Software as a service",
                    true,
                    "SaaS leaves the customer only data, devices and accounts.",
                ),
                choice(
                    "Platform as a service",
                    false,
                    "PaaS leaves code and some shared layers.",
                ),
                choice(
                    "Infrastructure as a service",
                    false,
                    "IaaS leaves the OS and up.",
                ),
            ],
        },
        "SaaS moves the most to the provider.",
    );
    vec![single, multi, yes_no, dropdown, matching, order, hot, long]
}

/// The demo questions over the embedded rules.
pub fn bank() -> Result<Bank, BankError> {
    Bank::from_questions(Rules::embedded()?, questions())
}

/// A learner's accuracy on a few cells.
pub fn accuracy(rules: &Rules) -> Vec<CellAccuracy> {
    let mut v = Vec::new();
    for (i, (li, _)) in rules.matrix_layers().enumerate() {
        for m in Model::ALL {
            let total = ((i * 3 + m.index() * 5) % 7) as u32;
            if total == 0 {
                continue;
            }
            let correct = total - ((i + m.index()) % 3) as u32 % total.max(1);
            v.push(CellAccuracy {
                layer: li,
                model: m,
                correct: correct.min(total),
                total,
            });
        }
    }
    v
}

pub fn dashboard() -> Dashboard {
    Dashboard {
        due_today: 12,
        new_available: 8,
        streak: 5,
        last_exam_scaled: Some(742),
        readiness: Some(Readiness {
            predicted_percent: 78.0,
            low: 70.5,
            high: 85.0,
            scaled_estimate: 760,
            seen: 41,
            concepts: 58,
        }),
        exam_date: Some("2026-06-30".into()),
        days_to_exam: Some(23),
        attempts: 312,
        questions: 190,
        concepts: 58,
        review_waiting: 7,
        review_session: 7,
        unfinished_exam: None,
        minutes_today: (0, None),
        plan_done: false,
    }
}

pub fn stats() -> StatsView {
    let scaled = [540, 610, 655, 702, 688, 742, 801];
    StatsView {
        exams: scaled
            .iter()
            .enumerate()
            .map(|(i, s)| ExamPoint {
                label: format!("05-{:02}", 10 + 3 * i),
                scaled: *s,
                passed: *s >= 700,
            })
            .collect(),
        topics: vec![
            TopicAccuracy {
                name: "1 Describe cloud concepts".into(),
                points: 160,
                max: 200,
                objective: false,
            },
            TopicAccuracy {
                name: "1.1.2 The shared responsibility model".into(),
                points: 90,
                max: 110,
                objective: true,
            },
            TopicAccuracy {
                name: "2 Describe Azure architecture and services".into(),
                points: 70,
                max: 120,
                objective: false,
            },
            TopicAccuracy {
                name: "3 Describe Azure management and governance".into(),
                points: 0,
                max: 0,
                objective: false,
            },
        ],
        per_day: (0..30)
            .map(|d| DayAnswers {
                label: format!("d{d}"),
                answered: [0, 12, 25, 8, 0, 30, 18][d % 7],
                correct: [0, 9, 20, 5, 0, 26, 15][d % 7],
            })
            .collect(),
        due_forecast: vec![12, 4, 6, 0, 9, 3, 2, 7, 1, 0, 5, 4, 2, 8],
        confusion: [[40, 3, 6], [2, 35, 4], [9, 5, 21]],
        leeches: vec![
            Leech {
                title: "Who is responsible for identity and directory infrastructure in PaaS?"
                    .into(),
                lapses: 5,
                explanation: Some(
                    "In PaaS identity and directory infrastructure is shared.".into(),
                ),
            },
            Leech {
                title: "Who is responsible for network controls in SaaS?".into(),
                lapses: 4,
                explanation: None,
            },
        ],
        leeches_more: 0,
    }
}

/// A fixed instant (2026-05-28 08:00 UTC) for demo sessions.
pub const NOW: crate::clock::Millis = 1_779_955_200_000;

/// An in-memory backend over the demo bank with the demo figures; sessions ask the questions
/// at `picks` (indices into [`questions`]), all of them when empty.
pub fn backend(picks: &[usize]) -> Result<super::service::MemoryService, BankError> {
    let bank = bank()?;
    let all: Vec<String> = questions().into_iter().map(|q| q.id).collect();
    let ids = if picks.is_empty() {
        all
    } else {
        picks.iter().filter_map(|i| all.get(*i).cloned()).collect()
    };
    let mut b = super::service::MemoryService::new(bank, ids, NOW);
    b.dashboard = dashboard();
    b.stats = stats();
    b.accuracy = accuracy(&b.bank.rules);
    Ok(b)
}
