// The author studio: a pathway file in a code editor, checked as it is typed, with its problems
// (and their fixes), its diagram, a preview of the practitioner's walk, its case studies and
// coverage, its proofs, the mutation check, what changed from another version, and publishing.
// Every answer comes from the core through pathway-studio, in two Web Workers; this page only
// draws what they say. It stores nothing and sends nothing: files are opened from the author's
// computer, saved by download, and it fetches only this site's own files.
import { EditorView, basicSetup } from "codemirror";
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { DiagramView } from "./diagram-view.js";
import { $, element } from "./page.js";

/** How long typing must pause before the file is checked again. */
const PAUSE_MS = 250;

/** One engine in a Web Worker, asked one question at a time. */
class Engine {
  constructor() {
    this.worker = new Worker("studio-worker.js", { type: "module" });
    this.waiting = new Map();
    this.seq = 0;
    this.worker.onmessage = ({ data }) => {
      const done = this.waiting.get(data.seq);
      this.waiting.delete(data.seq);
      if (data.error !== undefined) done?.reject(new Error(data.error));
      else done?.resolve(data.bytes ?? data.result);
    };
  }

  ask(op, ...args) {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ seq, op, args });
    });
  }
}

const quick = new Engine();
const slow = new Engine();

/** The studio's state: the file being written, its base if it is a variant, the case studies
 *  opened with it, and another version to compare it with. The editor holds the text. */
const state = {
  name: "pathway.yaml",
  base: null, // { name, text, id }
  cases: [], // [[name, text]]
  older: null, // { name, text }
  checked: null,
  edits: 0,
};

// ---- The editor ----

// The editor lives in a shadow root, where CodeMirror's styles are constructed style sheets
// rather than <style> elements, which the site's Content-Security-Policy (rightly) refuses.
const editorRoot = $("st-editor").attachShadow({ mode: "open" });

// CodeMirror gives focus back to the editor when a dialog of its own (Ctrl+Alt+G, go to line)
// closes only if `document.activeElement` is in the dialog. In a shadow root it never is (it is
// the shadow host), so focus fell to the page's body, and a keyboard user had to find the
// editor again. The dialog that last had focus is remembered, and focus is given back here.
let focusedDialog = null;
editorRoot.addEventListener("focusin", (event) => {
  focusedDialog = event.target.closest(".cm-dialog") ?? focusedDialog;
});
function dialogClosed() {
  focusedDialog = null;
  // Only if focus went nowhere: an author who had moved on to another control keeps it there.
  // After this update, since focusing the editor makes it dispatch a transaction of its own.
  queueMicrotask(() => {
    if (document.activeElement === document.body) editor.focus();
  });
}

const editor = new EditorView({
  root: editorRoot,
  parent: editorRoot,
  extensions: [
    basicSetup,
    yaml(),
    lintGutter(),
    // Hints and reasons are long lines of prose: wrapped, they read as text, and the start of
    // every line (its indentation, which YAML depends on) stays in view.
    EditorView.lineWrapping,
    EditorView.theme({
      "&": { height: "75vh", border: "2px solid #0b0c0c", fontSize: "0.95rem", background: "#ffffff" },
      "&.cm-focused": { outline: "3px solid #ffdd00" },
    }),
    // A tab stop of its own, so the scrolling editor is reachable by keyboard (axe counts it).
    EditorView.contentAttributes.of({ "aria-label": "The pathway file (YAML)", tabindex: "0" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) changed();
      if (focusedDialog && !focusedDialog.isConnected) dialogClosed();
    }),
  ],
});

const text = () => editor.state.doc.toString();

/** The editor's position for a line and column of the core (both from 1), clamped to the file. */
function position(line, column = 1) {
  const doc = editor.state.doc;
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  return Math.min(l.from + Math.max(0, column - 1), l.to);
}

function goTo(line, column) {
  const at = position(line, column);
  editor.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
  editor.focus();
}

function applyFix(fix) {
  const from = position(fix.line, fix.column);
  editor.dispatch({ changes: { from, to: Math.min(from + fix.length, editor.state.doc.length), insert: fix.insert } });
  editor.focus();
}

function setText(value) {
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
}

// ---- Checking as the author types ----

let pause = null;
function changed() {
  state.edits += 1;
  clearTimeout(pause);
  pause = setTimeout(refresh, PAUSE_MS);
}

async function refresh() {
  const edit = state.edits;
  let checked;
  try {
    checked = await quick.ask("check", text(), state.base?.text ?? "");
  } catch (error) {
    return say(`The studio could not check the file: ${error.message}`);
  }
  if (edit !== state.edits) return; // typed since: a newer check is coming
  state.checked = checked;
  drawProblems(checked);
  if (checked.loaded) {
    $("st-pathway-title").textContent = `${checked.meta.title} (version ${checked.meta.version})`;
    drawDiagram(checked);
    updatePreview(edit);
  }
  $("st-download").disabled = false;
  $("st-publish").disabled = !checked.loaded;
  $("st-mutants").disabled = !checked.loaded || !!state.base;
  slowChecks();
}

/** Case studies, proofs and the comparison: slower, so at most one round at a time, always of
 *  the newest text. */
let slowRunning = false;
let slowWanted = false;
async function slowChecks() {
  slowWanted = true;
  if (slowRunning) return;
  slowRunning = true;
  try {
    while (slowWanted) {
      slowWanted = false;
      const edit = state.edits;
      if (!state.checked?.loaded) {
        drawNotLoaded();
        continue;
      }
      const args = [text(), state.base?.text ?? ""];
      const cases = state.cases.length ? await slow.ask("cases", ...args, JSON.stringify(state.cases)) : null;
      if (edit !== state.edits) continue;
      drawCases(cases);
      drawProperties(await slow.ask("verify", ...args));
      if (edit !== state.edits) continue;
      if (state.older) {
        try {
          drawDiff(await slow.ask("diff", state.older.text, ...args));
        } catch (error) {
          $("st-diff").replaceChildren(element("p", { class: "govuk-body", role: "alert", "data-testid": "diff-error", text: error.message }));
        }
      }
      summarise();
    }
  } catch (error) {
    say(`The studio could not finish its checks: ${error.message}`);
  } finally {
    slowRunning = false;
  }
}

// ---- What the checks found ----

const results = { problems: null, cases: null, properties: null };

function say(message) {
  $("st-status").textContent = message;
}

/** One status line: problems, case studies and properties, as each is known. */
function summarise() {
  const parts = [];
  if (results.problems) parts.push(results.problems);
  if (results.cases) parts.push(results.cases);
  if (results.properties) parts.push(results.properties);
  say(parts.join(" · "));
}

const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function drawProblems(checked) {
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  const warnings = checked.diagnostics.filter((d) => d.severity === "warning");
  const marks = checked.diagnostics
    .filter((d) => d.location && (d.location.document ?? "main") === "main")
    .map((d) => {
      const from = position(d.location.line, d.location.column);
      const line = editor.state.doc.lineAt(from);
      const to = Math.min(line.to, from + Math.max(1, d.location.length));
      return {
        from,
        to: Math.max(to, from),
        severity: d.severity,
        source: d.code,
        message: `${d.message}. ${d.help}`,
        actions: d.fix ? [{ name: fixLabel(d.fix), apply: () => applyFix(d.fix) }] : [],
      };
    });
  editor.dispatch(setDiagnostics(editor.state, marks));
  results.problems = checked.loaded
    ? `loads with ${count(errors.length, "error")} and ${count(warnings.length, "warning")}`
    : `does not load: ${count(errors.length, "error")}`;
  $("st-problem-count").textContent = `(${checked.diagnostics.length})`;
  $("st-problems-summary").textContent = checked.diagnostics.length
    ? `The file ${results.problems}. Each is listed below where it is written; select its place to go there.`
    : "No problems: the file loads, with no warnings.";
  $("st-problems").replaceChildren(...checked.diagnostics.map(problemItem));
  summarise();
}

const fixLabel = (fix) => fix.label.replace(/^change/, "Change");

function problemItem(d) {
  const inBase = (d.location?.document ?? "main") === "base";
  const where = d.location ? `line ${d.location.line}, column ${d.location.column}` : "the whole file";
  const place = inBase
    ? element("span", { class: "pw-studio__place" }, `${state.base?.name ?? "base"}, ${where}`)
    : element("button", { type: "button", class: "pw-studio__place pw-studio__link", "data-testid": "problem-place" }, `Line ${where.replace(/^line /, "")}`);
  if (!inBase && d.location) place.addEventListener("click", () => goTo(d.location.line, d.location.column));
  const fix = d.fix && !inBase
    ? element("button", { type: "button", class: "govuk-button govuk-button--secondary pw-studio__fix", "data-testid": "fix" }, fixLabel(d.fix))
    : null;
  fix?.addEventListener("click", () => applyFix(d.fix));
  return element("li", { class: `pw-studio__problem pw-studio__problem--${d.severity}`, "data-testid": "problem", "data-code": d.code },
    element("strong", { class: `govuk-tag ${d.severity === "error" ? "govuk-tag--red" : "govuk-tag--yellow"}` }, d.severity),
    " ", place,
    element("p", { class: "govuk-body pw-studio__message", text: `${d.message} (${d.code})` }),
    element("p", { class: "govuk-body-s", text: d.help }),
    fix);
}

function drawNotLoaded() {
  $("st-cases-summary").textContent = "The case studies run once the file loads: fix the errors first.";
  $("st-properties-summary").textContent = "The properties are proven once the file loads: fix the errors first.";
  results.cases = null;
  results.properties = null;
  summarise();
}

// ---- The diagram ----

const diagram = new DiagramView($("st-diagram"));
$("st-zoom-in").addEventListener("click", () => diagram.zoom(1 / 1.25));
$("st-zoom-out").addEventListener("click", () => diagram.zoom(1.25));
$("st-zoom-fit").addEventListener("click", () => diagram.fit());

function drawDiagram(checked) {
  diagram.draw(checked.svg, true);
  // A group of buttons here, not a picture: each node (named by its <title>) goes to its YAML.
  diagram.svg()?.setAttribute("role", "group");
  for (const node of checked.nodes) {
    const g = diagram.node(node.element);
    if (!g) continue;
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    const go = () => goTo(node.line, node.column);
    g.addEventListener("click", go);
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        e.stopPropagation();
        go();
      }
    });
  }
}

// ---- The preview: the practitioner's page, given the pathway being written ----

let previewed = -1;
async function updatePreview(edit) {
  try {
    const bytes = await quick.ask("preview", text(), state.base?.text ?? "");
    if (edit !== state.edits || edit === previewed) return;
    previewed = edit;
    const frame = $("st-preview");
    // preview.js, in the framed page, answers its request for the pathway with these bytes.
    frame.pwPreview = bytes;
    frame.src = `preview.html?v=${edit}`;
  } catch {
    // A pathway that loads always compiles; if not, the preview keeps the last good one.
  }
}

$("st-preview-restart").addEventListener("click", () => {
  const frame = $("st-preview");
  delete frame.pwPreviewWalk;
  frame.contentWindow?.location.reload();
});

// ---- Case studies ----

function drawCases(run) {
  if (!run) {
    $("st-cases-summary").textContent = "No case studies are open. Open them with the pathway (select several files at once) to run them on every change.";
    $("st-cases").replaceChildren();
    $("st-coverage").replaceChildren();
    results.cases = null;
    return;
  }
  const passed = run.cases.filter((c) => c.passed).length;
  const gaps = run.coverage.filter((l) => l.missing.length);
  results.cases = `${passed} of ${count(run.cases.length, "case study", "case studies")} pass`;
  $("st-cases-summary").textContent = `${results.cases}${gaps.length ? "; coverage is incomplete" : ", covering everything"}.`;
  $("st-coverage").replaceChildren(coverageTable(run.coverage));
  $("st-cases").replaceChildren(...run.cases.map((c) => element("li", { class: "pw-studio__case", "data-testid": "case", "data-passed": String(c.passed) },
    element("strong", { class: `govuk-tag ${c.passed ? "govuk-tag--green" : "govuk-tag--red"}` }, c.passed ? "passes" : "fails"),
    ` ${c.name}${c.title ? `: ${c.title}` : ""}`,
    c.passed ? null : element("pre", { class: "pw-studio__pre", text: c.error ?? c.failures.join("\n") }))));
}

function coverageTable(lines) {
  const row = (l) => element("tr", { class: "govuk-table__row" },
    element("th", { class: "govuk-table__header", scope: "row", text: l.what }),
    element("td", { class: "govuk-table__cell", text: `${l.covered} of ${l.total}` }),
    element("td", { class: "govuk-table__cell", text: l.missing.length ? `not reached: ${l.missing.slice(0, 12).join(", ")}${l.missing.length > 12 ? "…" : ""}` : "all" }));
  return element("table", { class: "govuk-table pw-studio__coverage" },
    element("caption", { class: "govuk-table__caption govuk-table__caption--s", text: "What the case studies reach" }),
    element("thead", { class: "govuk-table__head" }, element("tr", { class: "govuk-table__row" },
      ...["", "Reached", "Not reached"].map((h) => element("th", { class: "govuk-table__header", scope: "col", text: h })))),
    element("tbody", { class: "govuk-table__body" }, ...lines.map(row)));
}

// ---- Properties ----

function drawProperties(verified) {
  const proven = verified.checks.filter((c) => c.verdict === "proven");
  results.properties = `${proven.length} of ${count(verified.checks.length, "property", "properties")} proven`;
  $("st-properties-summary").textContent = `${results.properties} over every walk.`;
  const open = verified.checks.filter((c) => c.verdict !== "proven");
  $("st-properties").replaceChildren(...open.map(propertyItem),
    element("li", {}, element("details", { class: "govuk-details" },
      element("summary", { class: "govuk-details__summary" }, element("span", { class: "govuk-details__summary-text", text: `The ${count(proven.length, "property", "properties")} proven` })),
      element("ul", { class: "govuk-details__text govuk-list govuk-list--bullet" }, ...proven.map((c) => element("li", { text: `${c.id}: ${c.title}` }))))));
  summarise();
}

const VERDICTS = { refuted: "broken", never_applies: "never applies", undecided: "not proven" };

function propertyItem(c) {
  const item = element("li", { class: "pw-studio__property", "data-testid": "property", "data-verdict": c.verdict },
    element("strong", { class: "govuk-tag govuk-tag--red" }, VERDICTS[c.verdict] ?? c.verdict),
    " ", element("span", { text: `${c.id}: ${c.title}` }));
  if (c.location && (c.location.document ?? "main") === "main") {
    const go = element("button", { type: "button", class: "pw-studio__link" }, `line ${c.location.line}`);
    go.addEventListener("click", () => goTo(c.location.line, c.location.column));
    item.append(" (", go, ")");
  }
  if (c.broken.length) item.append(element("ul", { class: "govuk-list govuk-list--bullet" }, ...c.broken.map((b) => element("li", { text: b }))));
  if (c.case_study) {
    const name = `breaks-${c.id.replace(/[^a-z0-9_-]+/gi, "-")}.yaml`;
    const add = element("button", { type: "button", class: "govuk-button govuk-button--secondary", "data-testid": "add-case" }, "Add to the case studies");
    const save = element("button", { type: "button", class: "govuk-button govuk-button--secondary", "data-testid": "download-case" }, "Download as a case study file");
    add.addEventListener("click", () => {
      state.cases = state.cases.filter(([n]) => n !== name).concat([[name, c.case_study]]);
      say(`${name} added to the case studies. Correct the pathway, then its expect; download it to keep it.`);
      slowChecks();
    });
    save.addEventListener("click", () => download(name, new Blob([c.case_study], { type: "text/yaml" })));
    item.append(
      element("p", { class: "govuk-body-s", text: "The shortest walk that breaks it, as a case study. Its expect is what the pathway does now: once the pathway is corrected, change it to what must happen." }),
      element("pre", { class: "pw-studio__pre", "data-testid": "counterexample", text: c.case_study }),
      element("div", { class: "govuk-button-group" }, add, save));
  }
  return item;
}

// ---- The mutation check ----

$("st-mutants").addEventListener("click", async () => {
  const out = $("st-mutants-result");
  out.replaceChildren(element("p", { class: "govuk-body", role: "status", text: "Making and trying each mistake…" }));
  try {
    const r = await slow.ask("mutants", text(), JSON.stringify(state.cases));
    out.replaceChildren(
      element("p", { class: "govuk-body", "data-testid": "mutants-summary", text: `${r.total} small mistakes: ${r.killed} caught, ${r.equivalent} change no outcome, ${r.survived.length} not noticed (score ${(100 * r.score).toFixed(1)}%).` }),
      element("ul", { class: "govuk-list" }, ...r.survived.map((m) => {
        const li = element("li", {}, element("strong", { text: `${m.kind}: ` }), m.description, element("p", { class: "govuk-body-s", text: m.suggestion }));
        if (m.location) {
          const go = element("button", { type: "button", class: "pw-studio__link" }, `Go to line ${m.location.line}`);
          go.addEventListener("click", () => goTo(m.location.line, m.location.column));
          li.append(go);
        }
        return li;
      })));
  } catch (error) {
    out.replaceChildren(element("p", { class: "govuk-body", text: error.message }));
  }
});

// ---- What changed from another version ----

function drawDiff(diff) {
  const out = $("st-diff");
  const walks = diff.behaviour ?? [];
  const versions = `version ${diff.before.version} → the file being written (${diff.after.version})`;
  const header = element("p", { class: "govuk-body", "data-testid": "diff-summary", text: (walks.length
    ? `Walks now end differently in ${count(walks.length, "way")}: ${versions}.`
    : `No walk ends differently: ${versions}.`) + (diff.exact ? " Every class of walk was compared." : " Not every class of walk could be compared.") });
  const items = walks.map((w) => element("li", { class: "pw-studio__change", "data-testid": "behaviour-change" },
    element("p", { class: "govuk-body pw-studio__message", text: w.change }),
    element("p", { class: "govuk-body-s", text: `${count(w.classes, "class of walk", "classes of walk")}. For example, these answers given to both versions (answers only one version asks are marked), and what each ends with:` }),
    element("pre", { class: "pw-studio__pre", text: w.example_text })));
  const wording = (diff.wording ?? []).map((c) => element("li", { text: c }));
  out.replaceChildren(header, element("ol", { class: "govuk-list govuk-list--number" }, ...items),
    wording.length ? element("h3", { class: "govuk-heading-s", text: "Wording, questions and contacts" }) : null,
    wording.length ? element("ul", { class: "govuk-list govuk-list--bullet", "data-testid": "wording-changes" }, ...wording) : null);
}

$("st-older").addEventListener("change", async (e) => {
  const file = e.target.files?.[0];
  if (!file) return;
  state.older = { name: file.name, text: await file.text() };
  $("st-diff").replaceChildren(element("p", { class: "govuk-body", role: "status", text: "Comparing every walk of both versions…" }));
  slowChecks();
});

// ---- Opening and saving files ----

async function open(files) {
  const kinds = await Promise.all(files.map(async (f) => ({ ...f, ...(await quick.ask("kind_of", f.text)) })));
  const main = kinds.find((f) => f.kind === "variant") ?? kinds.find((f) => f.kind === "pathway");
  const cases = kinds.filter((f) => f.kind === "case_study").map((f) => [f.name, f.text]);
  if (!main) {
    if (!cases.length) return say("None of those files is a pathway or a case study.");
    state.cases = state.cases.concat(cases);
    say(`${count(cases.length, "case study", "case studies")} added.`);
    return slowChecks();
  }
  const base = main.kind === "variant" ? kinds.find((f) => f.kind === "pathway" && f.id === main.base_id) : null;
  if (main.kind === "variant" && !base) {
    return say(`${main.name} is a variant of “${main.base_id}”: open it together with that pathway's file.`);
  }
  state.name = main.name;
  // Another pathway: its preview starts at its start page, not along the last one's walk.
  delete $("st-preview").pwPreviewWalk;
  state.base = base ? { name: base.name, text: base.text, id: base.id } : null;
  state.cases = cases;
  $("st-file-name").textContent = main.name;
  $("st-base").hidden = !base;
  $("st-base").textContent = base ? `A variant of ${base.id}, whose file (${base.name}) is open beside it but not edited here.` : "";
  setText(main.text);
  $("st-heading").focus();
}

/** The YAML files among those chosen (a folder brings everything in it), named by their path
 *  within the folder where there is one. */
async function readFiles(list) {
  const yaml = [...list].filter((file) => /\.ya?ml$/i.test(file.name));
  return Promise.all(yaml.map(async (file) => ({ name: file.webkitRelativePath || file.name, text: await file.text() })));
}

$("st-files").addEventListener("change", async (e) => open(await readFiles(e.target.files ?? [])));
$("st-folder").addEventListener("change", async (e) => open(await readFiles(e.target.files ?? [])));
const drop = $("st-drop");
drop.addEventListener("dragover", (e) => {
  e.preventDefault();
  drop.classList.add("pw-studio__toolbar--drop");
});
drop.addEventListener("dragleave", () => drop.classList.remove("pw-studio__toolbar--drop"));
drop.addEventListener("drop", async (e) => {
  e.preventDefault();
  drop.classList.remove("pw-studio__toolbar--drop");
  open(await readFiles(e.dataTransfer?.files ?? []));
});

/** A shipped pathway and its case studies, from this site (and its base's, for a variant, as
 *  `pathway test` runs them). */
async function fetchShipped(name) {
  const get = (path) => fetch(path).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${path}: HTTP ${r.status}`))));
  const files = [{ name: `${name}/pathway.yaml`, text: await get(`pathways/${name}/pathway.yaml`) }];
  const cases = async (of) => {
    const list = await fetch(`pathways/${of}/cases.json`).then((r) => (r.ok ? r.json() : []));
    return Promise.all(list.map(async (f) => ({ name: `${of}/cases/${f}`, text: await get(`pathways/${of}/cases/${encodeURIComponent(f)}`) })));
  };
  const kind = await quick.ask("kind_of", files[0].text);
  if (kind.kind === "variant") {
    files.push({ name: `${kind.base_id}/pathway.yaml`, text: await get(`pathways/${kind.base_id}/pathway.yaml`) });
    files.push(...(await cases(kind.base_id)));
  }
  files.push(...(await cases(name)));
  return files;
}

$("st-open-shipped").addEventListener("click", async () => {
  const name = $("st-shipped").value;
  say(`Opening ${name}…`);
  try {
    await open(await fetchShipped(name));
  } catch (error) {
    say(`Could not open ${name}: ${error.message}`);
  }
});

function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = element("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

$("st-download").addEventListener("click", () => download(state.name.split("/").pop(), new Blob([text()], { type: "text/yaml" })));
$("st-publish").addEventListener("click", async () => {
  say("Checking everything before publishing…");
  try {
    const bytes = await slow.ask("build", text(), state.base?.text ?? "");
    download(`${state.checked?.meta?.id ?? "pathway"}.pathway`, new Blob([bytes], { type: "application/octet-stream" }));
    say(`Published: ${state.checked?.meta?.id}.pathway downloaded. Put it in your site's pathways folder (see docs/hosting.md).`);
  } catch (error) {
    say(error.message);
  }
});

// ---- Tabs (WAI-ARIA tabs: arrow keys move between them) ----

const tabs = [...document.querySelectorAll('#st-tabs [role="tab"]')];
function select(tab) {
  for (const t of tabs) {
    const on = t === tab;
    t.setAttribute("aria-selected", String(on));
    t.tabIndex = on ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !on;
  }
  if (tab.id === "tab-diagram" && diagram.full && !diagram.view) diagram.fit();
}
for (const tab of tabs) {
  tab.addEventListener("click", () => select(tab));
  tab.addEventListener("keydown", (e) => {
    const i = tabs.indexOf(tab);
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
}

// ---- Start ----

fetch("pathways/list.json")
  .then((r) => (r.ok ? r.json() : []))
  .then((list) => $("st-shipped").replaceChildren(...list.map((p) => element("option", { value: p.name, selected: p.default, text: p.title }))))
  .catch(() => {});

if ("serviceWorker" in navigator) {
  // Keeps the studio's files once used, so it opens offline next time.
  navigator.serviceWorker.register("sw.js").catch(() => {});
}
