// A pathway's diagram, as the core draws it (`pathway graph --format svg`), shown in a holder
// that mouse, pen, touch and keyboard can move and zoom: trainer mode's and the studio's.

export class DiagramView {
  /** `holder` is the focusable element the SVG goes in. */
  constructor(holder) {
    this.holder = holder;
    this.view = null;
    this.full = null;
    this.listen();
  }

  /** Draws the core's SVG text; keeps the current view if `keepView` and there is one. */
  draw(svgText, keepView = false) {
    if (!svgText) return;
    const svg = new DOMParser().parseFromString(svgText, "image/svg+xml").documentElement;
    if (svg.nodeName !== "svg") return;
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    this.holder.replaceChildren(document.importNode(svg, true));
    const [x, y, w, h] = this.svg().getAttribute("viewBox").split(/\s+/).map(Number);
    this.full = { x, y, w, h };
    if (keepView && this.view) this.set(this.view);
    else this.fit();
  }

  svg() {
    return this.holder.querySelector("svg");
  }

  /** The element of a step, route or destination (`step-role`, `route-…`, `dest-…`). */
  node(id) {
    return this.svg()?.querySelector(`[id="${CSS.escape(id)}"]`) ?? null;
  }

  set(v) {
    this.view = v;
    this.svg()?.setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
  }

  fit() {
    if (this.full) this.set({ ...this.full });
  }

  zoom(factor, cx, cy) {
    const v = this.view;
    if (!v) return;
    cx ??= v.x + v.w / 2;
    cy ??= v.y + v.h / 2;
    const w = Math.min(this.full.w * 1.5, Math.max(200, v.w * factor));
    const h = (w / v.w) * v.h;
    this.set({ x: cx - ((cx - v.x) * w) / v.w, y: cy - ((cy - v.y) * h) / v.h, w, h });
  }

  pan(dx, dy) {
    const v = this.view;
    if (v) this.set({ ...v, x: v.x + dx * v.w, y: v.y + dy * v.h });
  }

  /** Brings a node into the middle of the view, at a readable size. */
  follow(id) {
    const node = this.node(id);
    const v = this.view;
    if (!node || !v) return;
    const box = node.getBBox();
    const w = Math.min(v.w, 1400);
    const h = (w / v.w) * v.h;
    this.set({ x: box.x + box.width / 2 - w / 2, y: box.y + box.height / 2 - h / 2, w, h });
  }

  // Mouse, pen and one finger move the diagram; two fingers pinch to zoom; arrow keys move,
  // + and − zoom, 0 shows it whole.
  listen() {
    const holder = this.holder;
    const pointers = new Map();
    let pinch = null;
    let moved = 0;
    const spread = () => {
      const [a, b] = [...pointers.values()];
      return Math.hypot(a.x - b.x, a.y - b.y);
    };
    holder.addEventListener("pointerdown", (e) => {
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      moved = 0;
      pinch = pointers.size === 2 ? spread() : null;
    });
    holder.addEventListener("pointermove", (e) => {
      const last = pointers.get(e.pointerId);
      if (!last || !this.view) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const before = moved;
      moved += Math.abs(e.clientX - last.x) + Math.abs(e.clientY - last.y);
      // Captured only once it is a drag, so a click still reaches the node it is on.
      if (before <= 5 && moved > 5) {
        try {
          holder.setPointerCapture(e.pointerId);
        } catch {
          // A pointer the browser no longer tracks: moving still works while it is over the diagram.
        }
      }
      if (pointers.size === 2 && pinch) {
        const now = spread();
        if (now > 0) this.zoom(pinch / now);
        pinch = now;
      } else if (pointers.size === 1) {
        const rect = holder.getBoundingClientRect();
        this.pan(-(e.clientX - last.x) / rect.width, -(e.clientY - last.y) / rect.height);
      }
    });
    const lift = (e) => {
      pointers.delete(e.pointerId);
      pinch = null;
    };
    holder.addEventListener("pointerup", lift);
    holder.addEventListener("pointercancel", lift);
    // A drag that moved the diagram is not a click on what it ended over.
    holder.addEventListener("click", (e) => {
      if (moved > 5) e.stopPropagation();
    }, true);
    holder.addEventListener("wheel", (e) => {
      e.preventDefault();
      this.zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2);
    }, { passive: false });
    holder.addEventListener("keydown", (e) => {
      const moves = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
      if (moves[e.key]) this.pan(...moves[e.key]);
      else if (e.key === "+" || e.key === "=") this.zoom(1 / 1.25);
      else if (e.key === "-") this.zoom(1.25);
      else if (e.key === "0") this.fit();
      else return;
      e.preventDefault();
      e.stopPropagation();
    });
  }
}
