/**
 * The engine's worker: one request at a time, answered with plain data (protocol.ts), with the
 * phase it has reached posted on the way.
 */
import {
  chainView,
  deriveView,
  errorLine,
  exportFile,
  tableView,
  typeset,
  verifyView,
  type Progress,
} from "./engine.js";
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

// Requests are handled in order: a derive sent after a verify waits for it.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (ev) => {
  const req = ev.data;
  queue = queue.then(async () => {
    const progress = (phase: string) => scope.postMessage({ id: req.id, progress: phase });
    try {
      scope.postMessage({ id: req.id, ok: true, result: await handleLoading(req, progress) });
    } catch (e) {
      scope.postMessage({ id: req.id, ok: false, ...errorLine(e) });
    }
  });
};
