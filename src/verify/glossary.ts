/**
 * Roles named in the words, one name to a role (Drusany's "Symbols: $$O$$ = output … $$I$$ = input … $$F$$ =
 * filter"; "$W$: kernel"; "where $t$ is the bias term"). Only a one-letter name (bold or not), only a role word that
 * ends the clause — "$m$ is the output channel", "$X$ is the output of the previous layer", "$o^l$ is the output
 * vector at layer l" say something else and are not read — and only a name and a role nothing else has taken.
 */
import { ROLE_WORDS, type Notation, type Role } from "./roles.js";

const ROLE_OF: Record<string, Role> = {
  input: "X",
  output: "Y",
  filter: "W",
  kernel: "W",
  weights: "W",
  weight: "W",
  bias: "b",
};

const NAME = String.raw`(?:\\(?:mathbf|boldsymbol|bm|mathrm)\s*\{\s*([A-Za-z])\s*\}|([A-Za-z]))`;
/**
 * "input X, kernel K", "a kernel `K`", "the filter $F$": the role's word before the name, the clause ending after it
 * ("the size of the kernel $F$", Stanchi's "el tamaño del kernel $F$", names a size, not the kernel).
 */
const NAMED_AFTER = new RegExp(
  String.raw`(?<!\b(?:size|sizes|tamaño|taille|dimensions?|shape|width|height|number|count)\s+(?:of\s+(?:the\s+|a\s+)?|del\s+|de\s+(?:la\s+|los\s+)?|du\s+|des\s+)?)\b(input|output|filter|kernel|weights?|bias)\s+(?:\$\$?\s*${NAME}\s*\$\$?|\x60([A-Za-z])\x60|([A-Z]))(?=\s*(?:$|[.,;:)]|\s(?:and|if|we)\b))`,
  "gm",
);
const GLOSSARY = new RegExp(
  String.raw`(?:^|[\s(,;])\$\$?\s*${NAME}\s*\$\$?\s*(?:=|:|-|–|—|is|denotes|represents|stands for)\s*(?:the\s+|our\s+|an?\s+)?(?:convolutional\s+|conv\s+)?(input|output|filter|kernel|weights?|bias)(?:\s+(?:matrix|image|tensor|term|map|feature map|array))?\s*(?=$|[.,;)]|\s+and\b)`,
  "gim",
);

/** The notation with the roles the words name: each `what` says where. */
export function glossaryRoles(text: string, n: Notation, indices: ReadonlySet<string>): Notation {
  const found = new Map<string, { role: Role; line: number; said: string }>();
  const roles = new Map<Role, string>();
  const matches = [
    ...[...text.matchAll(GLOSSARY)].map((m) => ({ m, name: m[1] ?? m[2]!, word: m[3]! })),
    ...[...text.matchAll(NAMED_AFTER)].map((m) => ({ m, name: m[2] ?? m[3] ?? m[4] ?? m[5]!, word: m[1]! })),
  ].sort((a, b) => a.m.index - b.m.index);
  for (const { m, name, word } of matches) {
    const role = ROLE_OF[word.toLowerCase()]!;
    const line = text.slice(0, m.index).split("\n").length;
    // one name to a role and one role to a name: anything else is not a glossary convgrad can read
    if ((found.has(name) && found.get(name)!.role !== role) || (roles.has(role) && roles.get(role) !== name)) return n;
    found.set(name, { role, line, said: m[0].trim() });
    roles.set(role, name);
  }
  let out = n;
  for (const [name, f] of found) {
    const known = [...out.names].some(([k, r]) => r === f.role && k !== name);
    if (out.role(name) !== undefined || known) continue;
    const what = `${name} is the ${ROLE_WORDS[f.role]} (line ${f.line}: “${f.said}”)`;
    // (its other case too — K for k_{11} — unless the document indexes with that letter: Drusany's I and i)
    const other = name === name.toLowerCase() ? name.toUpperCase() : name.toLowerCase();
    out = out.withName(name, f.role, { what, line: f.line }, !indices.has(other));
  }
  return out;
}
