/**
 * A map kept to at most `max` entries: `key` is set (as the newest) and, when the map is full, the oldest entry
 * goes — the caches of the worker (layers derived ahead, entries' MathML) and of the page (views derived ahead).
 */
export function setBounded<K, V>(m: Map<K, V>, key: K, value: V, max: number): void {
  m.delete(key);
  if (m.size >= max) m.delete(m.keys().next().value as K);
  m.set(key, value);
}
