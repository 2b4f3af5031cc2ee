//! Whether a loaded pathway may be published: the one rule that `pathway check`, `pathway
//! build` and the studio's Publish all read, so they cannot disagree about what reaches a
//! practitioner.

use crate::author::verify::Verification;
use crate::{Diagnostic, Pathway, VERIFY_LIMIT};

/// Everything that decides publication: the problems found beyond loading (a version with no
/// change note) with the load's warnings, and every declared property verified over every walk.
#[derive(Clone, Debug)]
pub struct Publication {
    pub diagnostics: Vec<Diagnostic>,
    pub verification: Verification,
}

impl Publication {
    /// No errors, and every property proven.
    pub fn allowed(&self) -> bool {
        !self.has_errors() && self.verification.all_proven()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

impl Pathway {
    /// Reviews this pathway, loaded from `source` (its own file), for publication.
    pub fn publication(&self, source: &str) -> Publication {
        let mut diagnostics = self.publication_problems(source);
        diagnostics.extend_from_slice(self.warnings());
        Publication { diagnostics, verification: self.verify(VERIFY_LIMIT) }
    }
}
