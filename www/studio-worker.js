// The studio's engine in a Web Worker, so that typing never waits for it. The page starts two:
// one answers the quick questions (check, preview) and one the slow ones (case studies,
// proofs, the mutation check, comparing versions), so a proof in progress never delays the
// problems shown for what was just typed. Each message is `{seq, op, args}`; the answer is
// `{seq, result}` or `{seq, error}`. It keeps nothing between messages.
import init, * as studio from "./studio/pathway_studio.js";

const ready = init();
const OPS = new Set(["check", "kind_of", "preview", "cases", "verify", "mutants", "build", "diff"]);

self.onmessage = async ({ data: { seq, op, args } }) => {
  await ready;
  try {
    if (!OPS.has(op)) throw new Error(`no such question: ${op}`);
    const result = studio[op](...args);
    if (result instanceof Uint8Array) {
      self.postMessage({ seq, bytes: result }, [result.buffer]);
      return;
    }
    // The engine answers `{"error": …}` when it cannot do what was asked.
    const value = JSON.parse(result);
    if (typeof value?.error === "string") self.postMessage({ seq, error: value.error });
    else self.postMessage({ seq, result: value });
  } catch (error) {
    self.postMessage({ seq, error: String(error?.message ?? error) });
  }
};
