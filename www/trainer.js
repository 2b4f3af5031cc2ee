// Trainer mode: a pathway's case studies played in front of a room, beside the pathway drawn,
// and "what if" one answer had been different. Every decision (the walk, the outcome, what a
// changed answer changes, where a case study file is wrong) comes from the core through
// pathway-trainer; this page only draws what it says. It stores nothing and sends nothing:
// it fetches only the site's own files, and a trainer's own file is read in the browser.
import init, { Trainer } from "./trainer/pathway_trainer.js";
import { DiagramView } from "./diagram-view.js";
import { $, ask, element } from "./page.js";

const params = new URLSearchParams(location.search);
const name = /^[a-z][a-z0-9_-]{0,63}$/.test(params.get("pathway") ?? "") ? params.get("pathway") : "durham";
const AUTO_MS = 2500;

let trainer;
const cases = [];
/** The case being played: its answers, and how many steps of its walk are shown. */
let playing = null;
let autoTimer = null;

async function start() {
  await init();
  const [compiled, list, svg] = await Promise.all([
    fetch(`pathways/${name}.pathway`).then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`no pathway ${name}`)))),
    fetch(`pathways/${name}/cases.json`).then((r) => (r.ok ? r.json() : [])),
    fetch(`pathways/${name}.svg`).then((r) => (r.ok ? r.text() : "")),
  ]);
  trainer = new Trainer(new Uint8Array(compiled));
  const meta = ask(trainer.meta());
  $("tr-pathway-title").textContent = `${meta.title} (version ${meta.version})`;
  document.title = `Trainer mode — ${meta.title}`;
  diagram.draw(svg);
  for (const file of list) {
    const text = await fetch(`pathways/${name}/cases/${encodeURIComponent(file)}`).then((r) => r.text());
    const read = JSON.parse(trainer.case_study(file, text));
    if (!read.error) cases.push({ file, ...read });
  }
  showCases();
  $("tr-loading").hidden = true;
}

// ---- Case list, and a trainer's own file ----

function showCases() {
  stopAuto();
  playing = null;
  light([], []);
  $("tr-play").hidden = true;
  $("tr-cases").hidden = false;
  $("tr-heading").textContent = "Case studies";
  const list = $("tr-case-list");
  list.replaceChildren(...cases.map((c, i) => element("li", {},
    element("button", { type: "button", class: "pw-trainer__case govuk-link", "data-testid": "case", "data-file": c.file, text: c.title }))));
  list.querySelectorAll("button").forEach((b, i) => b.addEventListener("click", () => play(cases[i])));
}

$("tr-file").addEventListener("change", async (event) => {
  const file = event.target.files?.[0];
  if (!file) return;
  const text = await file.text();
  const read = JSON.parse(trainer.case_study(file.name, text));
  event.target.value = "";
  if (read.error) {
    $("tr-file-error-text").textContent = read.error;
    $("tr-file-error").hidden = false;
    $("tr-file-group").classList.add("govuk-form-group--error");
    $("tr-file-error").focus();
    return;
  }
  $("tr-file-error").hidden = true;
  $("tr-file-group").classList.remove("govuk-form-group--error");
  const own = { file: file.name, ...read };
  cases.push(own);
  play(own);
});

// ---- Playing a case, one answer at a time ----

function play(c) {
  const whole = ask(trainer.play(JSON.stringify(c.answers)));
  // The walk's order (which the file's need not be): each step asked, and the answer given.
  const order = whole.answers.map((a) => a.step);
  playing = { case: c, order, shown: 0, whatIf: null };
  $("tr-cases").hidden = true;
  $("tr-play").hidden = false;
  $("tr-heading").textContent = c.title;
  $("tr-story").textContent = c.story;
  show();
  $("tr-heading").focus();
}

/** The case's answers to the first `k` steps of its walk. */
function answersTo(k) {
  const steps = new Set(playing.order.slice(0, k));
  return playing.case.answers.filter(([step]) => steps.has(step));
}

function show() {
  const { order, shown } = playing;
  const played = ask(trainer.play(JSON.stringify(answersTo(shown))));
  const done = shown >= order.length;
  $("tr-prev").disabled = shown === 0;
  $("tr-next").disabled = done;
  $("tr-position").textContent = done
    ? `The outcome, after ${order.length} steps.`
    : `Step ${shown + 1} of ${order.length}: ${played.asking?.title ?? ""}`;
  drawAnswers(played, done);
  $("tr-what-if").hidden = true;
  playing.whatIf = null;
  if (done) {
    drawOutcomes(played, null, null);
    light(played.lit, []);
    stopAuto();
  } else {
    $("tr-outcomes").replaceChildren();
    light(played.lit, [], played.asking?.id);
  }
}

function next() {
  if (!playing || playing.shown >= playing.order.length) return;
  playing.shown += 1;
  show();
}

function previous() {
  if (!playing || playing.shown === 0) return;
  playing.shown -= 1;
  show();
}

function drawAnswers(played, done) {
  $("tr-answers").replaceChildren(...played.answers.map((a) => element("li", { "data-step": a.step },
    element("span", { class: "pw-trainer__question", text: a.question }), " ",
    element("strong", { text: a.answer }), " ",
    done && a.changeable
      ? element("button", { type: "button", class: "govuk-button govuk-button--secondary pw-trainer__what-if", "data-testid": "what-if", "data-step": a.step, text: "What if…" })
      : null)));
  $("tr-answers").querySelectorAll("button[data-step]").forEach((b) => b.addEventListener("click", () => whatIfForm(b.dataset.step)));
}

function startAuto() {
  $("tr-auto").setAttribute("aria-pressed", "true");
  autoTimer = setInterval(() => (playing && playing.shown < playing.order.length ? next() : stopAuto()), AUTO_MS);
}

function stopAuto() {
  clearInterval(autoTimer);
  autoTimer = null;
  $("tr-auto").setAttribute("aria-pressed", "false");
}

$("tr-next").addEventListener("click", next);
$("tr-prev").addEventListener("click", previous);
$("tr-auto").addEventListener("click", () => (autoTimer ? stopAuto() : startAuto()));
$("tr-back-to-cases").addEventListener("click", () => {
  showCases();
  $("tr-heading").focus();
});

// ---- What if: one answer changed ----

/** A form for one question, with `current` chosen; calls `done(answer)` on submit. */
function questionForm(step, current, heading, done) {
  const q = ask(trainer.question(step));
  const form = element("form", { class: "pw-trainer__form", "data-step": step, novalidate: true });
  const legend = element("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--m" }, element("h2", { class: "govuk-fieldset__heading", text: `${heading}: ${q.title}` }));
  const fieldset = element("fieldset", { class: "govuk-fieldset" }, legend);
  const id = (suffix) => `tr-q-${step}-${suffix}`;
  if (q.choices.length) {
    const chosen = JSON.stringify(current);
    fieldset.append(element("div", { class: "govuk-radios govuk-radios--small" }, ...q.choices.map((c, i) => element("div", { class: "govuk-radios__item" },
      element("input", { class: "govuk-radios__input", type: "radio", name: "answer", id: id(i), value: i, checked: JSON.stringify(c.answer) === chosen }),
      element("label", { class: "govuk-label govuk-radios__label", for: id(i), text: c.label })))));
  } else if (q.kind === "multiple_choice") {
    const chosen = new Set(current?.choices ?? []);
    fieldset.append(element("div", { class: "govuk-checkboxes govuk-checkboxes--small" }, ...q.options.map((o, i) => element("div", { class: "govuk-checkboxes__item" },
      element("input", { class: "govuk-checkboxes__input", type: "checkbox", name: "option", id: id(i), value: o.id, checked: chosen.has(o.id) }),
      element("label", { class: "govuk-label govuk-checkboxes__label", for: id(i), text: o.label })))));
  } else if (q.kind === "checklist") {
    const given = current?.checklist ?? {};
    fieldset.append(element("div", { class: "pw-trainer__checklist" }, ...q.options.map((item, i) => element("div", { class: "govuk-form-group" },
      element("label", { class: "govuk-label", for: id(i), text: item.label }),
      element("select", { class: "govuk-select", id: id(i), name: item.id },
        ...q.replies.map((r) => element("option", { value: r.id, selected: (given[item.id] ?? "no") === r.id, text: r.label })))))));
  } else if (q.kind === "number") {
    fieldset.append(element("input", { class: "govuk-input govuk-input--width-4", type: "text", inputmode: "numeric", name: "number", "aria-label": q.title, value: current?.number ?? q.min ?? 0 }));
  } else {
    fieldset.append(element("textarea", { class: "govuk-textarea", name: "text", rows: 2, "aria-label": q.title, text: current?.text ?? "" }));
  }
  form.append(fieldset, element("button", { type: "submit", class: "govuk-button", "data-testid": "what-if-submit", text: "Show both outcomes" }));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    let answer;
    if (q.choices.length) answer = q.choices[Number(data.get("answer"))]?.answer;
    else if (q.kind === "multiple_choice") answer = { choices: data.getAll("option") };
    else if (q.kind === "checklist") answer = { checklist: Object.fromEntries(q.options.map((o) => [o.id, data.get(o.id)])) };
    else if (q.kind === "number") answer = { number: Number.parseInt(String(data.get("number")), 10) };
    else answer = { text: String(data.get("text") ?? "") };
    if (answer) done(answer);
  });
  return form;
}

function whatIfForm(step) {
  stopAuto();
  const current = playing.case.answers.find(([s]) => s === step)?.[1];
  const box = $("tr-what-if");
  box.replaceChildren(questionForm(step, current, "What if", (answer) => {
    const answers = playing.case.answers.filter(([s]) => s !== step).concat([[step, answer]]);
    playing.whatIf = { step, answers };
    compareWhatIf();
  }));
  box.hidden = false;
  box.querySelector("input, select, textarea")?.focus();
}

/** Both outcomes side by side; a question the changed walk newly asks is asked first. */
function compareWhatIf() {
  const compared = ask(trainer.compare(JSON.stringify(playing.case.answers), JSON.stringify(playing.whatIf.answers)));
  const box = $("tr-what-if");
  if (compared.after.asking) {
    const q = compared.after.asking;
    box.replaceChildren(element("p", { class: "govuk-body", text: "The changed answer leads to a question this case does not answer. Answer it to go on." }),
      questionForm(q.id, undefined, "Then", (answer) => {
        playing.whatIf.answers.push([q.id, answer]);
        compareWhatIf();
      }));
    box.querySelector("input, select, textarea")?.focus();
    light(compared.before.lit, compared.after.lit, q.id);
    return;
  }
  box.hidden = true;
  drawOutcomes(compared.before, compared.after, compared.change);
  light(compared.before.lit, compared.after.lit);
  $("tr-outcomes").querySelector("h2")?.focus();
}

// ---- Outcomes ----

function outcomeColumn(title, played, testid) {
  const o = played.outcome;
  return element("section", { class: "pw-trainer__outcome", "data-testid": testid },
    element("h3", { class: "govuk-heading-m", text: title }),
    // The risk line and the criteria heading are the core's and the pathway's words.
    element("p", { class: "govuk-body", "data-testid": "risk", "data-level": o.risk?.level ?? "" }, o.risk ? `${o.risk.label}. ${o.risk.summary}` : "No risk level applies."),
    o.risk?.criteria?.length ? element("p", { class: "govuk-body", text: `${o.risk.criteria_heading}: ${o.risk.criteria.map((c) => c.label).join("; ")}` }) : null,
    element("ol", { class: "govuk-list govuk-list--number" }, ...o.referrals.map((r) => element("li", { "data-testid": "referral", "data-destination": r.destination },
      element("strong", { text: r.name }), element("br"),
      element("span", { class: "govuk-body-s", text: r.reasons.map((x) => x.text).join(" ") })))),
    o.warnings.length ? element("div", { class: "govuk-inset-text" }, ...o.warnings.map((w) => element("p", { class: "govuk-body", "data-testid": "warning", "data-route": w.route, text: w.text }))) : null);
}

function changeList(change, before, after) {
  // Each id in the words the outcome that has it uses.
  const outcomes = [after.outcome, before.outcome];
  const destination = (id) => outcomes.flatMap((o) => o.referrals).find((r) => r.destination === id)?.name ?? id;
  const criterion = (id) => outcomes.flatMap((o) => o.risk?.criteria ?? []).find((c) => c.id === id)?.label ?? id;
  const warning = (id) => outcomes.flatMap((o) => o.warnings).find((w) => w.route === id)?.text ?? id;
  const level = (id) => outcomes.map((o) => o.risk).find((r) => r?.level === id)?.label ?? "none";
  const items = [];
  const say = (ids, words, name) => ids.length && items.push(`${words}: ${ids.map(name).join("; ")}`);
  say(change.referrals_added, "Now referred", destination);
  say(change.referrals_removed, "No longer referred", destination);
  say(change.referrals_moved, "In another order", destination);
  if (change.risk) items.push(`Risk level: ${level(change.risk[0])} → ${level(change.risk[1])}`);
  say(change.criteria_added, "Criteria now met", criterion);
  say(change.criteria_removed, "Criteria no longer met", criterion);
  say(change.warnings_added, "New warnings", warning);
  say(change.warnings_removed, "Warnings gone", warning);
  say(change.interrupts_added, "Act at once", destination);
  say(change.interrupts_removed, "No longer at once", destination);
  if (!items.length) items.push("Nothing: the referrals, risk and warnings are the same.");
  return element("ul", { class: "govuk-list govuk-list--bullet", "data-testid": "change" }, ...items.map((text) => element("li", { text })));
}

function drawOutcomes(before, after, change) {
  const box = $("tr-outcomes");
  if (!after) {
    box.replaceChildren(element("h2", { class: "govuk-heading-l", tabindex: "-1", text: "Where to refer" }),
      element("div", { class: "pw-trainer__outcomes" }, outcomeColumn("This case", before, "outcome-before")),
      element("p", { class: "govuk-body", text: "Press “What if…” beside an answer to change it and see both outcomes." }));
    return;
  }
  const step = playing.whatIf.step;
  const changed = after.answers.find((a) => a.step === step);
  box.replaceChildren(element("h2", { class: "govuk-heading-l", tabindex: "-1", text: "What changes" }),
    element("p", { class: "govuk-body" }, `What if “${changed?.question ?? step}” had been answered `, element("strong", { text: changed?.answer ?? "" }), "?"),
    changeList(change, before, after),
    element("div", { class: "pw-trainer__outcomes" }, outcomeColumn("As the case was", before, "outcome-before"), outcomeColumn("What if", after, "outcome-after")));
}

// ---- The diagram: drawn by the core (`pathway graph --format svg`), lit, zoomed and moved ----

const diagram = new DiagramView($("tr-diagram"));

/** Lights the walk (`a`), the changed walk (`b`) where there is one, and the current step. */
function light(a, b, current) {
  const svg = diagram.svg();
  if (!svg) return;
  svg.querySelectorAll(".lit, .lit-alt, .current").forEach((n) => n.classList.remove("lit", "lit-alt", "current"));
  const mark = (lit, cls) => {
    if (!lit?.steps) return;
    const path = lit.steps.map((s) => `step-${s}`);
    if (lit.end) path.push("end");
    const ids = [...path, ...lit.routes.map((r) => `route-${r}`), ...lit.destinations.map((d) => `dest-${d}`)];
    for (const id of ids) svg.querySelector(`[id="${CSS.escape(id)}"]`)?.classList.add(cls);
    const on = new Set(ids);
    svg.querySelectorAll(".edge").forEach((edge) => {
      const from = edge.dataset.from;
      const to = edge.dataset.to;
      const along = path.indexOf(from) >= 0 && path.indexOf(to) === path.indexOf(from) + 1;
      const referral = from?.startsWith("route-") && on.has(from) && on.has(to);
      if (along || referral) edge.classList.add(cls);
    });
  };
  mark(a, "lit");
  mark(b, "lit-alt");
  if (current) {
    svg.querySelector(`[id="${CSS.escape(`step-${current}`)}"]`)?.classList.add("current");
    diagram.follow(`step-${current}`);
  }
  svg.dataset.lit = (a?.steps ?? []).join(" ");
}

$("tr-zoom-in").addEventListener("click", () => diagram.zoom(1 / 1.25));
$("tr-zoom-out").addEventListener("click", () => diagram.zoom(1.25));
$("tr-zoom-fit").addEventListener("click", () => diagram.fit());
$("tr-presenter").addEventListener("click", (e) => {
  const on = document.body.classList.toggle("pw-trainer--presenter");
  e.currentTarget.setAttribute("aria-pressed", String(on));
});

// Presenter keys, except while typing in a form or moving the diagram.
document.addEventListener("keydown", (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest?.("input, select, textarea, form, #tr-diagram")) return;
  if (e.key === "ArrowRight" || (e.key === " " && !e.target.closest?.("button, a"))) next();
  else if (e.key === "ArrowLeft") previous();
  else if (e.key === "d" || e.key === "D") $("tr-diagram-panel").hidden = !$("tr-diagram-panel").hidden;
  else if ((e.key === "a" || e.key === "A") && playing) autoTimer ? stopAuto() : startAuto();
  else return;
  e.preventDefault();
});

start().catch((error) => {
  $("tr-loading").textContent = `Trainer mode could not start: ${error.message}`;
});

if ("serviceWorker" in navigator) {
  // Keeps the files trainer mode has used, for a room with no network next time.
  navigator.serviceWorker.register("sw.js").catch(() => {});
}
