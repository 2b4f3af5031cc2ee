// Small helpers the author's and trainer's pages share. Nothing here decides anything.

export const $ = (id) => document.getElementById(id);

/** The engine's JSON answer, or the error it gives, thrown. */
export function ask(json) {
  const value = JSON.parse(json);
  if (value.error) throw new Error(value.error);
  return value;
}

/** An element with attributes (`text` sets its text) and children. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}
