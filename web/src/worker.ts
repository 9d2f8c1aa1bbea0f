/** The engine's worker: one request at a time, answered with plain data (protocol.ts). */
import { chainView, deriveView, errorLine, exportFile, tableView, verifyView } from "./engine.js";
import type { Request, Response, Result } from "./protocol.js";

interface WorkerScope {
  onmessage: ((ev: MessageEvent<Request>) => void) | null;
  postMessage(message: Response): void;
}
const scope = self as unknown as WorkerScope;

async function handle(req: Request): Promise<Result> {
  switch (req.kind) {
    case "derive":
      return deriveView(req.form);
    case "chain":
      return chainView(req.form, req.key, req.flat);
    case "table":
      return tableView(req.form, req.key, req.flat);
    case "verify":
      return verifyView(req.form, req.text, req.verify);
    case "export":
      return exportFile(req.form, req.format, req.text, req.verify);
  }
}

// Requests are handled in order: a derive sent after a verify waits for it.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (ev) => {
  const req = ev.data;
  queue = queue.then(async () => {
    try {
      scope.postMessage({ id: req.id, ok: true, result: await handle(req) });
    } catch (e) {
      scope.postMessage({ id: req.id, ok: false, ...errorLine(e) });
    }
  });
};
