//! A compiled pathway reads back as written, and anything else is refused with its reason.

use super::*;
use crate::cond::Cond;
use crate::index::{DestIx, FlagIx, StepIx, Target};
use crate::model::Next;

fn durham() -> Pathway {
    Pathway::from_yaml(include_str!("../../../pathways/durham/pathway.yaml"))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn compiled(pathway: &Pathway) -> Vec<u8> {
    pathway.to_compiled().unwrap_or_else(|e| panic!("{e}"))
}

/// The payload of `pathway` as written, altered by `change`, sealed with a good checksum: what
/// a careless tool or a crafted file could give the reader.
fn altered(change: impl FnOnce(&mut Pathway)) -> Result<Pathway, CompiledError> {
    let mut pathway = durham();
    change(&mut pathway);
    Pathway::from_compiled(&compiled(&pathway))
}

fn malformed(result: Result<Pathway, CompiledError>) -> String {
    match result {
        Err(CompiledError::Malformed(why)) => why,
        Err(other) => panic!("refused for the wrong reason: {other}"),
        Ok(_) => panic!("read a pathway that should have been refused"),
    }
}

#[test]
fn a_pathway_reads_back_as_it_was_written() {
    let pathway = durham();
    let bytes = compiled(&pathway);
    let read = Pathway::from_compiled(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(compiled(&read), bytes);
    assert_eq!(read.fingerprint, pathway.fingerprint);
    assert_eq!(read.step("risk_checklist").map(|s| s.id.as_str()), Some("risk_checklist"));
    // What only the author's tools read is left out.
    assert!(read.properties().is_empty() && read.warnings().is_empty());
}

#[test]
fn yaml_and_other_files_are_not_compiled_pathways() {
    for bytes in [&b""[..], b"DAP", b"id: durham\n", b"<!doctype html><title>404</title>"] {
        assert_eq!(Pathway::from_compiled(bytes).err(), Some(CompiledError::NotCompiled));
    }
}

#[test]
fn another_format_version_is_refused_with_both_versions() {
    let mut bytes = compiled(&durham());
    bytes[4..6].copy_from_slice(&(COMPILED_FORMAT + 1).to_le_bytes());
    let error = Pathway::from_compiled(&bytes).err();
    assert_eq!(error, Some(CompiledError::Format { found: COMPILED_FORMAT + 1, expected: COMPILED_FORMAT }));
    assert!(error.map(|e| e.to_string()).unwrap_or_default().contains("Build the pathway again"));
}

#[test]
fn any_truncation_or_changed_byte_is_refused() {
    let bytes = compiled(&durham());
    for len in [5, HEADER_LEN - 1, HEADER_LEN, bytes.len() / 2, bytes.len() - 1] {
        assert_eq!(Pathway::from_compiled(&bytes[..len]).err(), Some(CompiledError::Damaged), "{len} bytes");
    }
    // Every byte of the payload, changed, is caught by the checksum.
    for i in (HEADER_LEN..bytes.len()).step_by(97) {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0x20;
        assert_eq!(Pathway::from_compiled(&damaged).err(), Some(CompiledError::Damaged), "byte {i}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(Pathway::from_compiled(&longer).err(), Some(CompiledError::Damaged));
}

#[test]
fn bytes_after_the_pathway_are_refused_even_with_a_good_checksum() {
    let mut payload = postcard::to_allocvec(&durham()).unwrap_or_default();
    payload.push(0);
    assert!(malformed(Pathway::from_compiled(&seal(&payload))).contains("left over"));
}

#[test]
fn a_payload_that_is_not_a_pathway_is_refused() {
    for payload in [&b""[..], b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", &[0; 64]] {
        malformed(Pathway::from_compiled(&seal(payload)));
    }
}

#[test]
fn references_out_of_range_are_refused() {
    assert!(malformed(altered(|p| p.start = StepIx(999))).contains("step number 999"));
    assert!(malformed(altered(|p| p.routes[0].refer.push(DestIx(999)))).contains("destination number 999"));
    assert!(malformed(altered(|p| p.routes[0].when = Cond::Flag(FlagIx(999)))).contains("flag number 999"));
    let bad_item = |p: &mut Pathway| {
        let checklist = p.risk.as_ref().map(|r| r.checklist).unwrap_or(StepIx(0));
        p.routes[0].when = Cond::Item {
            step: checklist,
            item: crate::index::ItemIx(999),
            replies: crate::index::ReplySet(1),
        };
    };
    assert!(malformed(altered(bad_item)).contains("not there"));
    assert!(
        malformed(altered(|p| p.routes[0].when = Cond::Criterion(crate::index::CriterionIx(999))))
            .contains("not there")
    );
}

#[test]
fn a_condition_reading_a_step_of_another_kind_is_refused() {
    // The start is a single choice (the practitioner's role), not a number.
    let wrong = |p: &mut Pathway| {
        p.routes[0].when =
            Cond::Number { step: p.start, range: crate::cond::Range { at_least: Some(1), at_most: None } }
    };
    assert!(malformed(altered(wrong)).contains("not there"));
    let not_a_checklist = |p: &mut Pathway| {
        if let Some(risk) = p.risk.as_mut() {
            risk.checklist = StepIx(0);
        }
    };
    assert!(malformed(altered(not_a_checklist)).contains("not a checklist"));
}

#[test]
fn a_way_round_in_a_circle_is_refused() {
    let circle = |p: &mut Pathway| {
        let last = StepIx(p.steps.len() - 1);
        p.steps[last.0].next = Some(Next::To(Target::Step(p.start)));
    };
    assert!(malformed(altered(circle)).contains("circle"));
}

#[test]
fn branches_must_end_with_one_that_always_applies() {
    let conditional_last = |p: &mut Pathway| {
        p.steps[0].next = Some(Next::Branches(vec![(Some(Cond::Flag(FlagIx(0))), Target::End)]));
    };
    assert!(malformed(altered(conditional_last)).contains("last branch"));
    assert!(
        malformed(altered(|p| p.steps[0].next = Some(Next::Branches(Vec::new())))).contains("no branches")
    );
}

#[test]
fn conditions_nested_deeper_than_yaml_allows_are_refused_without_exhausting_the_stack() {
    // Built as bytes: a tree this deep cannot even be written or dropped by recursion.
    let nested_payload = |depth: usize| {
        let marker = Cond::Not(Box::new(Cond::Flag(FlagIx(123_456))));
        let mut pathway = durham();
        pathway.routes[0].when = marker.clone();
        let payload = postcard::to_allocvec(&pathway).unwrap_or_default();
        let needle = postcard::to_allocvec(&marker).unwrap_or_default();
        let at = payload.windows(needle.len()).position(|w| w == needle).unwrap_or_else(|| panic!("marker"));
        let not_tag = needle[0];
        let leaf = postcard::to_allocvec(&Cond::Flag(FlagIx(0))).unwrap_or_default();
        let mut out = payload[..at].to_vec();
        out.extend(std::iter::repeat_n(not_tag, depth));
        out.extend(leaf);
        out.extend(&payload[at + needle.len()..]);
        seal(&out)
    };
    assert!(Pathway::from_compiled(&nested_payload(crate::cond::nesting::MAX_NESTING - 1)).is_ok());
    malformed(Pathway::from_compiled(&nested_payload(1_000_000)));
}

#[test]
fn the_same_step_id_twice_is_refused() {
    let twice = |p: &mut Pathway| {
        let first = p.steps[0].id.clone();
        p.steps[1].id = first;
    };
    assert!(malformed(altered(twice)).contains("appears twice"));
}
