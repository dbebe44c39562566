//! The question bank: questions generated from the rules plus the authored packs.

pub mod coverage;
pub mod embedded;
pub mod generate;
pub mod kind;
pub mod pack;
pub mod question;
pub mod span;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub use pack::PackError;
pub use question::{Body, Choice, Grade, Kind, Question, Response};

use crate::rules::{Rules, RulesError};

#[derive(Debug, thiserror::Error)]
pub enum BankError {
    #[error(transparent)]
    Rules(#[from] RulesError),
    #[error("{} error(s) in question packs:\n{}", pack::count_errors(.0), .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Packs(Vec<PackError>),
    #[error("cannot read question packs at {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Every question, indexed by id; built once at start-up.
#[derive(Debug, Clone)]
pub struct Bank {
    pub rules: Rules,
    questions: Vec<Question>,
    by_id: HashMap<String, usize>,
}

impl Bank {
    /// The embedded rules, generated questions and embedded packs.
    pub fn embedded() -> Result<Bank, BankError> {
        Bank::load(&[])
    }

    /// The embedded bank plus the packs found at each of `extra` (a directory of `*.json`
    /// packs, or a single pack file).
    pub fn load(extra: &[PathBuf]) -> Result<Bank, BankError> {
        let rules = Rules::embedded()?;
        let mut sources = Vec::new();
        let mut tables = Vec::new();
        // Files that cannot be read at all are reported with every other file's errors.
        let mut errors = Vec::new();
        for path in extra {
            // A fact table given where packs are expected (`--bank questions/facts`, `bank
            // validate table.json`) is read as a table.
            let (files, unreadable) = pack::read_pack_files_and_errors(path)?;
            errors.extend(unreadable);
            for (file, text) in files {
                if crate::facts::looks_like_table(&text) {
                    tables.push((file, text));
                } else {
                    sources.push((file, text));
                }
            }
            let (files, unreadable) = crate::facts::read_user_tables(path)?;
            errors.extend(unreadable);
            tables.extend(files);
        }
        let mut questions = generate::generate(&rules);
        match crate::facts::embedded(&rules) {
            Ok(t) => questions.extend(generate::from_tables(&t, &rules.outline)),
            Err(errs) => errors.extend(errs),
        }
        for (file, text) in embedded::PACKS {
            match pack::parse_embedded_pack(file, text, &rules) {
                Ok(qs) => questions.extend(qs),
                Err(errs) => errors.extend(errs),
            }
        }
        match crate::facts::parse_tables(&tables, &rules) {
            Ok(t) => questions.extend(generate::from_tables(&t, &rules.outline)),
            Err(errs) => errors.extend(errs),
        }
        Bank::add_sources(rules, questions, errors, &sources)
    }

    /// A bank of the rules' questions, the questions of fact tables `tables` (file name,
    /// contents) and the packs `sources`, collecting every error.
    pub fn from_tables_and_sources(
        rules: Rules,
        tables: &[(String, String)],
        sources: &[(String, String)],
    ) -> Result<Bank, BankError> {
        let mut questions = generate::generate(&rules);
        let mut errors = Vec::new();
        match crate::facts::parse_tables(tables, &rules) {
            Ok(t) => questions.extend(generate::from_tables(&t, &rules.outline)),
            Err(errs) => errors.extend(errs),
        }
        Bank::add_sources(rules, questions, errors, sources)
    }

    /// Builds a bank from the rules and pack texts `(file name, contents)`, collecting every
    /// error of every pack.
    pub fn from_sources(rules: Rules, sources: &[(String, String)]) -> Result<Bank, BankError> {
        let questions = generate::generate(&rules);
        Bank::add_sources(rules, questions, Vec::new(), sources)
    }

    fn add_sources(
        rules: Rules,
        mut questions: Vec<Question>,
        mut errors: Vec<PackError>,
        sources: &[(String, String)],
    ) -> Result<Bank, BankError> {
        for (file, text) in sources {
            match pack::parse_pack(file, text, &rules) {
                Ok(qs) => questions.extend(qs),
                Err(errs) => errors.extend(errs),
            }
        }
        Bank::assemble(rules, questions, errors)
    }

    /// Builds a bank from already-made questions (duplicate ids are errors).
    pub fn from_questions(rules: Rules, questions: Vec<Question>) -> Result<Bank, BankError> {
        Bank::assemble(rules, questions, Vec::new())
    }

    fn assemble(
        rules: Rules,
        questions: Vec<Question>,
        mut errors: Vec<PackError>,
    ) -> Result<Bank, BankError> {
        let mut by_id = HashMap::with_capacity(questions.len());
        for (i, q) in questions.iter().enumerate() {
            if let Some(first) = by_id.insert(q.id.clone(), i) {
                let where_first = source_name(&questions[first]);
                errors.push(PackError::whole_file(
                    source_name(q),
                    format!("questions: duplicate id {:?} (also in {where_first})", q.id),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(BankError::Packs(errors));
        }
        Ok(Bank {
            rules,
            questions,
            by_id,
        })
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// Each concept a generator marked as one of a set a learner mixes up
    /// ([`Question::confusable`]), with its set.
    pub fn confusable_sets(&self) -> HashMap<String, String> {
        self.questions
            .iter()
            .filter_map(|q| Some((q.concept.clone(), q.confusable.clone()?)))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.by_id.get(id).map(|i| &self.questions[*i])
    }

    /// Question indices grouped by concept, in a stable (sorted) order.
    pub fn concepts(&self) -> BTreeMap<&str, Vec<usize>> {
        let mut map: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, q) in self.questions.iter().enumerate() {
            map.entry(q.concept.as_str()).or_default().push(i);
        }
        map
    }

    /// Whether `q` falls under `topic`: its legacy topic, or an outline id (skill area, group
    /// or objective) that contains its objective.
    pub fn in_topic(&self, q: &Question, topic: &str) -> bool {
        q.topic == topic || self.rules.outline.within(&q.objective, topic)
    }

    /// Lets go of the questions (and their index) without freeing them, leaving an empty bank
    /// with its rules: for a process about to exit, which gets the memory back at once, where
    /// freeing the thousands of strings one by one costs about as much as a tenth of a command.
    /// The memory is lost to the process, so call it only on the way out.
    pub fn forget_questions(&mut self) {
        std::mem::forget(std::mem::take(&mut self.questions));
        std::mem::forget(std::mem::take(&mut self.by_id));
    }

    /// Questions of one concept.
    pub fn wordings<'a>(&'a self, concept: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions.iter().filter(move |q| q.concept == concept)
    }
}

fn source_name(q: &Question) -> String {
    match &q.source {
        question::Source::Generated => "generated questions".into(),
        question::Source::Pack { file } | question::Source::Table { file } => file.clone(),
    }
}

/// Resolves a `--bank` path for reporting (absolute, symlinks followed where possible).
pub fn resolve(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
