/**
 * The engine's worker: one request at a time, answered with plain data (protocol.ts), with the
 * phase it has reached posted on the way.
 */
import {
  aheadView,
  chainView,
  deriveAhead,
  deriveView,
  errorLine,
  exportFile,
  keptAhead,
  tableView,
  typeset,
  verifyView,
  type Progress,
} from "./engine.js";
import type { LayerForm } from "./form.js";
import type { Request, Response, Result } from "./protocol.js";
import { loadMathjs, MathjsNotLoaded } from "./shims/node-module.js";

interface WorkerScope {
  onmessage: ((ev: MessageEvent<Request>) => void) | null;
  postMessage(message: Response): void;
}
const scope = self as unknown as WorkerScope;

async function handle(req: Request, progress: Progress): Promise<Result> {
  switch (req.kind) {
    case "derive":
      return deriveView(req.form, progress, req.typeset);
    case "chain":
      return chainView(req.form, req.key, req.flat);
    case "table":
      return tableView(req.form, req.key, req.flat);
    case "verify":
      return verifyView(req.form, req.text, req.verify, progress);
    case "export":
      return exportFile(req.form, req.format, req.text, req.verify);
    case "typeset":
      return typeset(req.texs);
    case "shown":
      // (a layer sent ahead: the worker takes it as the one shown, for its chain rules, tables and neighbours)
      return { ms: deriveView(req.form, progress, req.typeset).ms };
  }
}

/** mathjs (exact fractions) loads when first needed: then the request runs again (shims/node-module.ts). */
async function handleLoading(req: Request, progress: Progress): Promise<Result> {
  try {
    return await handle(req, progress);
  } catch (e) {
    if (!(e instanceof MathjsNotLoaded)) throw e;
    progress("loading exact arithmetic (mathjs)");
    await loadMathjs();
    return handle(req, progress);
  }
}

/**
 * After a small layer's derivation (engine.ts, AHEAD_TERMS), the layers one choice away — its op, its index base, its
 * bias changed: a select, the bias box — are derived ahead, one a task, when the worker has no request:
 * they are sent to the page, which shows a change to one of them at once (main.ts); one the page cannot show
 * so (the entries in view differ: it was scrolled) is answered from here at once.
 * They start a little after the answer, which leaves the page's frame showing it the machine's cores.
 */
const AHEAD_AFTER = 100;
let aheadForms: LayerForm[] = [];
let aheadTypeset: readonly string[] = [];
let aheadTimer: ReturnType<typeof setTimeout> | undefined;
let requests = 0;
/** The layer the page shows, when it was quick to derive: the one whose neighbours are derived ahead. */
let shownLayer: LayerForm | null = null;

function aheadLater(delay: number): void {
  clearTimeout(aheadTimer);
  aheadTimer = setTimeout(() => {
    if (requests > 0) return;
    const f = aheadForms.shift();
    if (f === undefined) return;
    const view = deriveAhead(f, aheadTypeset) ? aheadView(f, aheadTypeset) : null;
    // the page keeps it: a change to this layer is shown at once, without asking
    if (view !== null) scope.postMessage({ id: 0, ahead: f, view });
    aheadLater(0);
  }, delay);
}

function neighbours(form: LayerForm): LayerForm[] {
  const out: LayerForm[] = [];
  const op = { conv: "xcorr", xcorr: "conv" }[form.op.trim()];
  if (op !== undefined) out.push({ ...form, op });
  const base = { "0": "1", "1": "0" }[form.indexBase.trim()];
  if (base !== undefined) out.push({ ...form, indexBase: base });
  out.push({ ...form, bias: !form.bias });
  return out;
}

// Requests are handled in order: a derive sent after a verify waits for it.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (ev) => {
  const req = ev.data;
  requests++;
  // a new layer asked for: its own neighbours will be derived ahead, not the last one's
  if (req.kind === "derive" || req.kind === "shown") aheadForms = [];
  queue = queue.then(async () => {
    const progress = (phase: string) => scope.postMessage({ id: req.id, progress: phase });
    try {
      scope.postMessage({ id: req.id, ok: true, result: await handleLoading(req, progress) });
      if (req.kind === "derive" || req.kind === "shown") {
        shownLayer = keptAhead(req.form) ? req.form : null;
        aheadForms = shownLayer ? neighbours(shownLayer) : [];
        aheadTypeset = req.typeset;
      } else if (req.kind === "typeset" && req.inView && shownLayer && req.inView.join() !== aheadTypeset.join()) {
        // other entries in view (the page loaded, or scrolled): the layers ahead are sent again, typeset for them
        aheadForms = neighbours(shownLayer);
        aheadTypeset = req.inView;
      }
    } catch (e) {
      scope.postMessage({ id: req.id, ok: false, ...errorLine(e) });
    }
    requests--;
    if (requests === 0 && aheadForms.length > 0) aheadLater(AHEAD_AFTER);
  });
};
