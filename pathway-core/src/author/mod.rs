//! Tools for pathway authors, built on the walker: case studies and coverage, the exploration
//! of every walk (`explore`), the outcome tables (`analysis`), proofs of declared properties
//! (`verify`) and the mutation check (`mutants`).

pub(crate) mod analysis;
pub(crate) mod answers;
pub(crate) mod case_study;
pub(crate) mod coverage;
pub(crate) mod explore;
pub(crate) mod mutants;
pub(crate) mod verify;
