//! Mistakes in what a destination tells the practitioner: how soon to refer, and who to call.
//! A walk can reach the right destination and still fail the victim if the practitioner is
//! told to refer "when the person is ready" instead of today, or is given a wrong number.

use super::Mutation;
use crate::model::*;

impl Pathway {
    /// Every mistake in a destination's urgency, timescale or contacts.
    pub(super) fn told_mutations(&self) -> Vec<(Mutation, Pathway)> {
        let mut out = Vec::new();
        for (i, d) in self.destinations.iter().enumerate() {
            for (kind, urgency) in other_urgencies(d.urgency) {
                let mut m = self.clone();
                m.destinations[i].urgency = urgency;
                let description = format!("`{}` says \"{urgency}\" instead of \"{}\"", d.id, d.urgency);
                out.push((Mutation { kind, description, path: format!("destinations[{i}].urgency") }, m));
            }
            for (j, contact) in d.contacts.iter().enumerate() {
                let path = format!("destinations[{i}].contacts[{j}].value");
                let mut m = self.clone();
                m.destinations[i].contacts.remove(j);
                let description = format!("`{}` no longer gives {}", d.id, contact.value);
                out.push((Mutation { kind: "drop-contact", description, path: path.clone() }, m));
                if let Some(slip) = slipped(&contact.value) {
                    let mut m = self.clone();
                    m.destinations[i].contacts[j].value = slip.clone();
                    let description = format!("`{}` gives {slip} instead of {}", d.id, contact.value);
                    out.push((Mutation { kind: "mistyped-contact", description, path: path.clone() }, m));
                }
                if let Some(other) = self.pasted_contact(i, contact) {
                    let mut m = self.clone();
                    m.destinations[i].contacts[j].value = other.to_owned();
                    let description = format!(
                        "`{}` gives {other} (another destination's) instead of {}",
                        d.id, contact.value
                    );
                    out.push((Mutation { kind: "pasted-contact", description, path }, m));
                }
            }
        }
        out
    }

    /// The contact an author copying from a neighbouring entry would most likely leave behind:
    /// the nearest of the same kind, in the order destinations are written, with another value.
    fn pasted_contact(&self, at: usize, contact: &Contact) -> Option<&str> {
        let n = self.destinations.len();
        (1..n)
            .flat_map(|k| [at.checked_sub(k), Some(at + k).filter(|i| *i < n)])
            .flatten()
            .flat_map(|i| &self.destinations[i].contacts)
            .find(|c| c.kind == contact.kind && c.value != contact.value)
            .map(|c| c.value.as_str())
    }
}

/// Each other urgency an author might have written: every other kind, and for a timescale in
/// working days, a day more or less.
fn other_urgencies(urgency: Urgency) -> Vec<(&'static str, Urgency)> {
    let typical_days = match urgency {
        Urgency::WithinWorkingDays(n) => n,
        _ => 2,
    };
    let mut out: Vec<(&'static str, Urgency)> = [
        Urgency::Immediate,
        Urgency::SameWorkingDay,
        Urgency::WithinWorkingDays(typical_days),
        Urgency::Routine,
    ]
    .into_iter()
    .filter(|u| std::mem::discriminant(u) != std::mem::discriminant(&urgency))
    .map(|u| ("wrong-urgency", u))
    .collect();
    if let Urgency::WithinWorkingDays(n) = urgency {
        out.extend(
            n.checked_sub(1).filter(|d| *d > 0).map(|d| ("wrong-timescale", Urgency::WithinWorkingDays(d))),
        );
        out.extend(n.checked_add(1).map(|d| ("wrong-timescale", Urgency::WithinWorkingDays(d))));
    }
    out
}

/// The value with a typing slip: the last two adjacent digits that differ swapped (03000 202
/// 525 becomes 03000 202 552), or a lone repeated digit changed (999 becomes 998); in an email
/// or web address, one letter left out. `None` if nothing plausible can be made.
fn slipped(value: &str) -> Option<String> {
    let mut chars: Vec<char> = value.chars().collect();
    let digits: Vec<usize> = (0..chars.len()).filter(|i| chars[*i].is_ascii_digit()).collect();
    if digits.len() * 2 >= chars.len() {
        if let Some(w) = digits.windows(2).rev().find(|w| chars[w[0]] != chars[w[1]]) {
            chars.swap(w[0], w[1]);
        } else {
            let last = *digits.last()?;
            let d = chars[last].to_digit(10)?;
            chars[last] = char::from_digit((d + 9) % 10, 10)?;
        }
        return Some(chars.into_iter().collect());
    }
    // Leave out the middle letter of the longest run of letters: a slip, not a new name.
    let (start, len) = runs_of_letters(&chars).into_iter().max_by_key(|(_, len)| *len)?;
    (len >= 3).then(|| {
        chars.remove(start + len / 2);
        chars.into_iter().collect()
    })
}

/// The runs of ASCII letters in a value, as (start, length).
fn runs_of_letters(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        match (c.is_ascii_alphabetic(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - s));
                start = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_is_a_plausible_typing_mistake() {
        assert_eq!(slipped("03000 202 525").as_deref(), Some("03000 202 552"));
        assert_eq!(slipped("999").as_deref(), Some("998"));
        assert_eq!(slipped("101").as_deref(), Some("110"));
        assert_eq!(slipped("firstcontact@durham.gov.uk").as_deref(), Some("firstcntact@durham.gov.uk"));
        assert_eq!(
            slipped("https://www.rsacc-thecentre.org.uk/").as_deref(),
            Some("https://www.rsacc-thecntre.org.uk/")
        );
    }

    #[test]
    fn every_other_urgency_is_tried_and_a_timescale_moves_by_a_day() {
        let kinds = |u| other_urgencies(u).into_iter().map(|(k, u)| format!("{k}: {u}")).collect::<Vec<_>>();
        assert_eq!(
            kinds(Urgency::WithinWorkingDays(2)),
            [
                "wrong-urgency: Now",
                "wrong-urgency: The same working day",
                "wrong-urgency: When the person is ready",
                "wrong-timescale: Within 1 working day",
                "wrong-timescale: Within 3 working days"
            ]
        );
        assert_eq!(kinds(Urgency::Immediate).len(), 3);
    }
}
