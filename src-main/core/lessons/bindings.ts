// `{{name}}` placeholders in lesson text, filled from LabBackend.bindings().
// Values go into commands as they are and into regular expressions escaped,
// so `{{c1.ip}}` matches 172.17.0.2 and not 172a17b0c2.
// A binding is `{{object.property}}` (a letter first, at least one dot), so
// Docker's Go templates (`{{.State.Pid}}`, `{{end}}`, `{{json .Config}}`) pass through.

const BINDING = /\{\{\s*([A-Za-z][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+)\s*\}\}/g;

export interface BindingUse {
  name: string;
  /** Offset of the `{{` in the text. */
  index: number;
}

export function findBindings(text: string): BindingUse[] {
  return [...text.matchAll(BINDING)].map((m) => ({ name: m[1], index: m.index }));
}

/** The text with each binding replaced by a plain word, to check a pattern's syntax before the lab is up. */
export function withPlaceholders(text: string): string {
  return text.replace(BINDING, 'x');
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export class UnknownBindingError extends Error {
  constructor(readonly binding: string) {
    super(`unknown binding {{${binding}}}`);
  }
}

/** Fills bindings; throws UnknownBindingError for a name the lab does not provide. */
export function fill(text: string, values: Record<string, string>, asRegex = false): string {
  return text.replace(BINDING, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new UnknownBindingError(name);
    return asRegex ? escapeRegex(value) : value;
  });
}

/** Compiles a lesson regular expression with its bindings filled in. */
export function compileRegex(pattern: string, values: Record<string, string>): RegExp {
  return new RegExp(fill(pattern, values, true), 'm');
}

/** Lab values that change from one lab to another: addresses, MACs, container ids, veth names, namespace inodes. */
const LAB_SPECIFIC = /^(\d{1,3}\.){3}\d{1,3}$|^([0-9a-f]{2}:){5}[0-9a-f]{2}$|^[0-9a-f]{12,64}$|^veth[0-9a-f]+$|^\d{10}$/;

export interface HardCodedValue {
  /** The binding to write instead. */
  name: string;
  value: string;
  index: number;
}

/** Places where lesson text spells out a lab-specific value instead of its binding. */
export function findHardCodedValues(text: string, values: Record<string, string>): HardCodedValue[] {
  // Where two bindings share a value (host.ip and web.hostIp), suggest the shorter name.
  const byValue = new Map<string, string>();
  for (const [name, value] of Object.entries(values).sort(([a], [b]) => a.length - b.length || a.localeCompare(b))) {
    if (LAB_SPECIFIC.test(value) && !byValue.has(value)) byValue.set(value, name);
  }
  const found: HardCodedValue[] = [];
  for (const [value, name] of byValue) {
    const pattern = new RegExp(`(?<![\\w.])${escapeRegex(value)}(?![\\w]|\\.\\d)`, 'g');
    for (const m of text.matchAll(pattern)) found.push({ name, value, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** 1-based line and column of an offset in a text. */
export function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - before.lastIndexOf('\n') };
}
