//! What the trainer's tests share: the County Durham pathway, compiled as the site ships it,
//! and the case study they play.

use pathway_core::Pathway;
use pathway_trainer::Trainer;

pub const CASE: &str =
    include_str!("../../../pathways/durham/cases/02-score-13-strangulation-judgement.yaml");

pub const DURHAM: &str = include_str!("../../../pathways/durham/pathway.yaml");

pub fn durham() -> Trainer {
    let pathway = Pathway::from_yaml(DURHAM).unwrap_or_else(|e| panic!("{e}"));
    let bytes = pathway.to_compiled().unwrap_or_else(|e| panic!("{e}"));
    Trainer::new(&bytes).unwrap_or_else(|e| panic!("the compiled pathway loads: {e}"))
}
