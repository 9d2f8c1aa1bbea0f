/**
 * The browser's stand-in for node:events: the EventEmitter commander's Command extends (the CLI's verify runs in the
 * worker).
 */
type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  private _events = new Map<string | symbol, Listener[]>();
  on(name: string | symbol, f: Listener): this {
    this._events.set(name, [...(this._events.get(name) ?? []), f]);
    return this;
  }
  prependListener(name: string | symbol, f: Listener): this {
    this._events.set(name, [f, ...(this._events.get(name) ?? [])]);
    return this;
  }
  addListener(name: string | symbol, f: Listener): this {
    return this.on(name, f);
  }
  once(name: string | symbol, f: Listener): this {
    const g: Listener = (...args) => {
      this.off(name, g);
      f(...args);
    };
    return this.on(name, g);
  }
  off(name: string | symbol, f: Listener): this {
    this._events.set(
      name,
      (this._events.get(name) ?? []).filter((l) => l !== f),
    );
    return this;
  }
  removeListener(name: string | symbol, f: Listener): this {
    return this.off(name, f);
  }
  removeAllListeners(name?: string | symbol): this {
    if (name === undefined) this._events.clear();
    else this._events.delete(name);
    return this;
  }
  emit(name: string | symbol, ...args: unknown[]): boolean {
    const ls = this._events.get(name) ?? [];
    for (const l of [...ls]) l.apply(this, args);
    return ls.length > 0;
  }
  listeners(name: string | symbol): Listener[] {
    return [...(this._events.get(name) ?? [])];
  }
  listenerCount(name: string | symbol): number {
    return this._events.get(name)?.length ?? 0;
  }
  setMaxListeners(): this {
    return this;
  }
}

export default EventEmitter;
