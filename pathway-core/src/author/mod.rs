//! Tools for pathway authors and trainers, built on the walker: case studies and coverage, two
//! outcomes compared (`compare`), two versions of a pathway compared (`diff`), the exploration
//! of every walk (`explore`), the outcome tables (`analysis`), proofs of declared properties
//! (`verify`), the mutation check (`mutants`), whether a pathway may be published
//! (`publication`), and what a pathway says on past cases (`audit`).

pub(crate) mod analysis;
pub(crate) mod answers;
pub mod audit;
pub(crate) mod case_study;
pub(crate) mod compare;
pub(crate) mod coverage;
pub(crate) mod diff;
pub(crate) mod explore;
pub(crate) mod mutants;
pub(crate) mod publication;
pub(crate) mod verify;
