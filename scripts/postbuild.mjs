// Makes the CLI entry executable after tsc (npm's bin links need the shebang + mode).
import { chmodSync } from "node:fs";
chmodSync(new URL("../dist/cli/main.js", import.meta.url), 0o755);
