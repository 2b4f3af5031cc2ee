// Builds a page from `pages::nodes::encode`'s output in one call from WebAssembly: elements,
// attributes and text nodes only. No string is ever given to the HTML parser, so a pathway's
// words can only be text or attribute values. Kept in step with `encode` by the browser tests,
// which draw every page this way.
const ELEMENT = 0;
const CLOSE = 1;

export function draw(root, strings, ops) {
  const text = strings.split("\0");
  const fragment = document.createDocumentFragment();
  const open = [fragment];
  let next = 0;
  for (let i = 0; i < ops.length; i++) {
    const parent = open[open.length - 1];
    if (ops[i] === ELEMENT) {
      const element = document.createElement(text[next++]);
      for (let n = ops[++i]; n > 0; n--) element.setAttribute(text[next++], text[next++]);
      parent.append(element);
      open.push(element);
    } else if (ops[i] === CLOSE) {
      open.pop();
    } else {
      // A string given to append() becomes a text node.
      parent.append(text[next++]);
    }
  }
  root.replaceChildren(fragment);
}
