// The studio's preview (preview.html, which is the practitioner's page with this script and a
// `pathway-url` of studio-preview.pathway): the request for that file is answered with the
// compiled pathway the studio framing this page has just made from the file being written.
// Only a page of the same site can hand it over (`frameElement` is null for any other), and
// nothing is fetched, stored or sent. The practitioner's own page never loads this script.
//
// The studio loads the preview again after every edit. So that the author stays where they
// were, the walk is kept, as the presses and keys that made it, on the studio's frame element
// (which outlives each page it loads), and played again through the app on the new page, as
// far as the edited pathway still asks the same questions with the same answers. The app
// decides everything, as for a practitioner; this only presses what the author pressed.
(() => {
  const frame = window.frameElement;
  const given = frame?.pwPreview;
  if (!given || !ArrayBuffer.isView(given)) return;
  const bytes = new Uint8Array(given);
  const fetchFromSite = window.fetch.bind(window);
  window.fetch = (input, init) =>
    new URL(String(input), location.href).pathname.endsWith("/studio-preview.pathway")
      ? Promise.resolve(new Response(bytes.slice(), { headers: { "content-type": "application/octet-stream" } }))
      : fetchFromSite(input, init);

  // The walk: what was pressed and typed, each entry [what, the step whose form it was in ("" if
  // none), details...]. `done` is what this page has done; `rest`, what an edit stopped from
  // being played again: kept, so that the walk goes on once the edit is finished or undone (an
  // id is renamed a letter at a time), until the author presses something themselves.
  const kept = frame.pwPreviewWalk;
  const walked = kept ? [...kept.done, ...kept.rest] : [];
  const walk = { done: [], rest: [] };
  frame.pwPreviewWalk = walk;
  let replaying = false;
  function record(entry) {
    walk.done.push(entry);
    if (!replaying) walk.rest = [];
  }

  const app = () => document.getElementById("pw-app");
  const stepOf = (element) => element.closest("form[data-step]")?.dataset.step ?? "";
  const inApp = (element) => element instanceof Element && app()?.contains(element);

  document.addEventListener("click", (event) => {
    if (!(event.target instanceof Element)) return;
    if (event.target.closest("#pw-start-button")) return record(["start", ""]);
    const control = inApp(event.target) && event.target.closest("[data-action]");
    if (!control) return;
    const { action, step = "" } = control.dataset;
    // Starting again ends the walk; printing and copying do not move it.
    if (action === "restart") {
      walk.done = [];
      walk.rest = [];
    } else if (action !== "print" && action !== "copy") {
      record(["click", step, action]);
    }
  }, true);
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (inApp(input) && (input.type === "radio" || input.type === "checkbox")) {
      record(["choose", stepOf(input), input.name, input.value, input.checked]);
    }
  }, true);
  document.addEventListener("input", (event) => {
    const field = event.target;
    if (!inApp(field) || !(field.type === "text" || field.tagName === "TEXTAREA")) return;
    // A field's last text is all that matters, not every key.
    const last = walk.done.at(-1);
    if (last?.[0] === "type" && last[1] === stepOf(field) && last[2] === field.name) last[3] = field.value;
    else record(["type", stepOf(field), field.name, field.value]);
  }, true);
  document.addEventListener("submit", (event) => {
    if (inApp(event.target) && event.target.dataset.step) record(["submit", event.target.dataset.step]);
  }, true);

  /** Does one entry again on this page; false if the page no longer has what it pressed. */
  function play([what, step, ...details]) {
    const root = app();
    const form = root.querySelector("form[data-step]");
    const exactly = (attribute, value) => `[${attribute}="${CSS.escape(value)}"]`;
    if (what === "start") {
      const start = document.getElementById("pw-start-button");
      if (!start || document.getElementById("pw-start")?.hidden) return false;
      start.click();
      return true;
    }
    if (what === "click") {
      const control = root.querySelector(`${exactly("data-action", details[0])}${step ? exactly("data-step", step) : ""}`);
      control?.click();
      return !!control;
    }
    // The rest happened in a question's form: the same question must be on screen.
    if (form?.dataset.step !== step) return false;
    if (what === "submit") {
      form.requestSubmit();
      // What was entered no longer fits the edited question: stop there, with its message.
      return !root.querySelector("[data-testid=error-summary]");
    }
    const [name, value, ticked] = details;
    if (what === "choose") {
      const input = form.querySelector(`input${exactly("name", name)}${exactly("value", value)}`);
      if (!input) return false;
      input.checked = ticked;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      return true;
    }
    if (what === "type") {
      const field = form.querySelector(`input${exactly("name", name)}, textarea${exactly("name", name)}`);
      if (!field) return false;
      field.value = value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      return true;
    }
    return false;
  }

  /** Plays the walk again once the app is ready, without moving focus or scrolling: the author
   *  is typing in the studio, and keeps the keyboard there. */
  function replay() {
    const { focus } = HTMLElement.prototype;
    const { scrollTo } = window;
    HTMLElement.prototype.focus = () => {};
    window.scrollTo = () => {};
    replaying = true;
    try {
      for (const [i, entry] of walked.entries()) {
        const before = walk.done.length;
        if (play(entry)) continue;
        // A refused answer was still submitted (and recorded): the rest starts after it.
        walk.rest = walked.slice(walk.done.length > before ? i + 1 : i);
        break;
      }
    } finally {
      replaying = false;
      HTMLElement.prototype.focus = focus;
      window.scrollTo = scrollTo;
    }
  }

  if (!walked.length) return;
  // The app marks the page `data-pw-ready` once it has loaded the pathway (`dom::take_start_request`).
  const ready = new MutationObserver(() => {
    if (!document.body?.dataset.pwReady) return;
    ready.disconnect();
    replay();
  });
  ready.observe(document.documentElement, { attributes: true, attributeFilter: ["data-pw-ready"], subtree: true });
})();
