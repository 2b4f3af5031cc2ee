// The author studio's binding to CodeMirror 6, from npm and bundled by the site build: the only
// part of the studio in JavaScript, because CodeMirror is. It puts the editor on the page and
// does what the studio (pathway-studio, in Rust: src/editor.rs) asks of it: the text, going to
// a line, an edit, the problems marked. It decides nothing.
import { EditorView, basicSetup } from "codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";

let editor = null;

/** The editor's position for a line and column of the core (both from 1), clamped to the file. */
function position(line, column = 1) {
  const doc = editor.state.doc;
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

function edit(line, column, length, insert) {
  const from = position(line, column);
  editor.dispatch({ changes: { from, to: Math.min(from + length, editor.state.doc.length), insert } });
  editor.focus();
}

globalThis.pwEditor = {
  /** Puts the editor in `host`; `changed` is called after every change to the text. */
  create(host, changed) {
    // In a shadow root, where CodeMirror's styles are constructed style sheets rather than
    // <style> elements, which the site's Content-Security-Policy (rightly) refuses.
    const root = host.attachShadow({ mode: "open" });
    // CodeMirror gives focus back to the editor when a dialog of its own (Ctrl+Alt+G, go to
    // line) closes only if `document.activeElement` is in the dialog. In a shadow root it never
    // is (it is the shadow host), so focus fell to the page's body, and a keyboard user had to
    // find the editor again. The dialog that last had focus is remembered, and focus given back.
    let dialog = null;
    root.addEventListener("focusin", (event) => {
      dialog = event.target.closest(".cm-dialog") ?? dialog;
    });
    editor = new EditorView({
      root,
      parent: root,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        // Hints and reasons are long lines of prose: wrapped, they read as text, and the start
        // of every line (its indentation, which YAML depends on) stays in view.
        EditorView.lineWrapping,
        EditorView.theme({
          "&": { height: "75vh", border: "2px solid #0b0c0c", fontSize: "0.95rem", background: "#ffffff" },
          "&.cm-focused": { outline: "3px solid #ffdd00" },
        }),
        // A tab stop of its own, so the scrolling editor is reachable by keyboard.
        EditorView.contentAttributes.of({ "aria-label": "The pathway file (YAML)", tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) changed();
          if (dialog && !dialog.isConnected) {
            dialog = null;
            // Only if focus went nowhere, and after this update: focusing the editor makes it
            // dispatch a transaction of its own.
            queueMicrotask(() => {
              if (document.activeElement === document.body) editor.focus();
            });
          }
        }),
      ],
    });
  },
  text: () => editor.state.doc.toString(),
  setText(text) {
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  },
  goTo(line, column) {
    const at = position(line, column);
    editor.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
    editor.focus();
  },
  edit,
  /** Marks the problems (JSON from the studio: each with its place, words and fix). */
  mark(json) {
    const marks = JSON.parse(json).map((m) => {
      const from = position(m.line, m.column);
      const line = editor.state.doc.lineAt(from);
      const fix = m.fix;
      return {
        from,
        to: Math.max(from, Math.min(line.to, from + Math.max(1, m.length))),
        severity: m.severity,
        source: m.source,
        message: m.message,
        actions: fix ? [{ name: fix.label, apply: () => edit(fix.line, fix.column, fix.length, fix.insert) }] : [],
      };
    });
    editor.dispatch(setDiagnostics(editor.state, marks));
  },
};
