//! The compiled form of a pathway: what `pathway build` writes and the practitioner's browser
//! reads, with no YAML parser, validator or diagnostic text needed to read it.
//!
//! A compiled pathway is a header and a payload:
//!
//! | bytes | what |
//! |---|---|
//! | 4 | `DAPW`, so a YAML file or an HTML error page is told apart at once |
//! | 2 | the format version, little-endian ([`COMPILED_FORMAT`]) |
//! | 8 | FNV-1a-64 of the payload, little-endian |
//! | rest | the validated [`Pathway`], in postcard |
//!
//! Reading checks the three, then the payload's structure (`structure`): every index in
//! range, every condition reading a step of its kind, every list of branches ending in one
//! that always applies, and no way round in a circle. A damaged, truncated or
//! version-mismatched file is refused with a message a site owner can act on; one that reads
//! is one the walker can walk to the end without panicking. Declared properties, destination
//! preconditions, sources and load warnings are for the author's tools and are not written.

mod structure;

use crate::model::Pathway;
use std::collections::HashMap;

/// The version of the compiled format this build reads and writes. Change it whenever the
/// model's serialised shape changes (a field added, removed or reordered).
pub const COMPILED_FORMAT: u16 = 3;

const MAGIC: [u8; 4] = *b"DAPW";
const HEADER_LEN: usize = MAGIC.len() + 2 + 8;

/// Why a compiled pathway was refused. Each message says what a site owner can do about it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CompiledError {
    #[error(
        "this file is not a compiled pathway. Build one from the pathway's YAML with \
         `pathway build`, or with the site build"
    )]
    NotCompiled,
    #[error(
        "this pathway was compiled in format {found}, but this site reads format {expected}. \
         Build the pathway again with the `pathway` command of the same version as the site"
    )]
    Format { found: u16, expected: u16 },
    #[error(
        "this compiled pathway is damaged or incomplete (its checksum does not match). Copy it \
         to the site again in full, or build it again with `pathway build`"
    )]
    Damaged,
    #[error("this compiled pathway cannot be read ({0}). Build it again with `pathway build`")]
    Malformed(String),
}

/// FNV-1a-64: small, fast and stable across platforms. It finds damage; it is not a signature.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Wraps a payload in the header: the one place the layout above is written.
#[doc(hidden)]
pub fn seal(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&COMPILED_FORMAT.to_le_bytes());
    out.extend_from_slice(&fnv1a(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

/// The payload of a compiled pathway, once its header checks out.
fn open(bytes: &[u8]) -> Result<&[u8], CompiledError> {
    let (magic, rest) = bytes.split_first_chunk::<4>().ok_or(CompiledError::NotCompiled)?;
    if *magic != MAGIC {
        return Err(CompiledError::NotCompiled);
    }
    let (format, rest) = rest.split_first_chunk::<2>().ok_or(CompiledError::Damaged)?;
    let found = u16::from_le_bytes(*format);
    if found != COMPILED_FORMAT {
        return Err(CompiledError::Format { found, expected: COMPILED_FORMAT });
    }
    let (hash, payload) = rest.split_first_chunk::<8>().ok_or(CompiledError::Damaged)?;
    if u64::from_le_bytes(*hash) != fnv1a(payload) {
        return Err(CompiledError::Damaged);
    }
    Ok(payload)
}

impl Pathway {
    /// Reads a pathway compiled by [`Pathway::to_compiled`], refusing any file that is not
    /// exactly one: see the module documentation for what is checked.
    pub fn from_compiled(bytes: &[u8]) -> Result<Pathway, CompiledError> {
        let payload = open(bytes)?;
        let (mut pathway, rest): (Pathway, _) = postcard::take_from_bytes(payload)
            .map_err(|e| CompiledError::Malformed(format!("its contents are not a pathway: {e}")))?;
        if !rest.is_empty() {
            return Err(CompiledError::Malformed("bytes left over after the pathway".into()));
        }
        structure::check(&pathway).map_err(CompiledError::Malformed)?;
        pathway.step_index = index_steps(&pathway)?;
        Ok(pathway)
    }

    /// The compiled form of this validated pathway, for [`Pathway::from_compiled`].
    #[cfg(feature = "authoring")]
    pub fn to_compiled(&self) -> Result<Vec<u8>, CompiledError> {
        // A practitioner sees only the current version's change note; the history stays in the
        // YAML, and is not worth a phone's data.
        let mut lean = self.clone();
        let version = lean.meta.version.clone();
        lean.meta.changes.retain(|c| c.version == version);
        let payload = postcard::to_allocvec(&lean).map_err(|e| CompiledError::Malformed(e.to_string()))?;
        Ok(seal(&payload))
    }
}

fn index_steps(
    pathway: &Pathway,
) -> Result<HashMap<crate::ids::StepId, crate::index::StepIx>, CompiledError> {
    let mut index = HashMap::with_capacity(pathway.steps.len());
    for (i, step) in pathway.steps.iter().enumerate() {
        if index.insert(step.id.clone(), crate::index::StepIx(i)).is_some() {
            return Err(CompiledError::Malformed(format!("step `{}` appears twice", step.id)));
        }
    }
    Ok(index)
}

#[cfg(all(test, feature = "authoring"))]
mod tests;
