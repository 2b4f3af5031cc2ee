//! The keys a trainer presses in front of a room: → or Space for the next answer, ← to go
//! back, D to show or hide the diagram, A to play by itself. Not while typing in a form or
//! moving the diagram (whose arrow keys move it), nor with Ctrl, Alt or ⌘ held.

/// What a key does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Next,
    Previous,
    ToggleDiagram,
    ToggleAuto,
}

/// Where the key was pressed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pressed {
    /// In a form, a field, or the diagram.
    pub in_form_or_diagram: bool,
    /// On a button or link, where Space presses it instead.
    pub on_control: bool,
    pub modifier: bool,
}

pub fn shortcut(key: &str, pressed: Pressed) -> Option<Shortcut> {
    if pressed.modifier || pressed.in_form_or_diagram {
        return None;
    }
    match key {
        "ArrowRight" => Some(Shortcut::Next),
        " " if !pressed.on_control => Some(Shortcut::Next),
        "ArrowLeft" => Some(Shortcut::Previous),
        "d" | "D" => Some(Shortcut::ToggleDiagram),
        "a" | "A" => Some(Shortcut::ToggleAuto),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Pressed, Shortcut, shortcut};

    #[test]
    fn presenter_keys_move_through_the_case_except_in_a_form_or_the_diagram() {
        let anywhere = Pressed::default();
        assert_eq!(shortcut("ArrowRight", anywhere), Some(Shortcut::Next));
        assert_eq!(shortcut(" ", anywhere), Some(Shortcut::Next));
        assert_eq!(shortcut("ArrowLeft", anywhere), Some(Shortcut::Previous));
        assert_eq!(shortcut("D", anywhere), Some(Shortcut::ToggleDiagram));
        assert_eq!(shortcut("a", anywhere), Some(Shortcut::ToggleAuto));
        assert_eq!(shortcut("x", anywhere), None);
        assert_eq!(shortcut(" ", Pressed { on_control: true, ..anywhere }), None, "Space presses the button");
        assert_eq!(shortcut("ArrowRight", Pressed { on_control: true, ..anywhere }), Some(Shortcut::Next));
        assert_eq!(shortcut("ArrowRight", Pressed { in_form_or_diagram: true, ..anywhere }), None);
        assert_eq!(shortcut("d", Pressed { modifier: true, ..anywhere }), None, "Ctrl+D is the browser's");
    }
}
