/**
 * Tiny DOM helpers. Every string that can come from a model goes through
 * `textContent` or `setAttribute`; nothing here ever parses HTML.
 */

export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/**
 * Creates an element. `attrs`: `class`, `aria-*`, `data-*`, … set with
 * `setAttribute` (a `false`/`null`/`undefined` value is skipped, `true` sets
 * an empty attribute). Strings among `children` become text nodes.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

/** Appends children; strings become text nodes, falsy entries are skipped. */
export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Removes every child of `el`. */
export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A horizontal progress bar; `value` 0..1, width set through the CSSOM (CSP-safe). */
export function progressBar(value: number | undefined, label: string): HTMLElement {
  const known = typeof value === 'number' && Number.isFinite(value);
  const v = known ? Math.max(0, Math.min(1, value)) : 0;
  const bar = h('div', {
    class: known ? 'progress' : 'progress progress--unknown',
    role: 'progressbar',
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    'aria-valuenow': known ? Math.round(v * 100) : null,
    'aria-valuetext': known ? `${Math.round(v * 100)}%` : 'unknown',
  });
  const fill = h('div', { class: 'progress__fill' });
  fill.style.setProperty('width', `${(v * 100).toFixed(1)}%`);
  bar.appendChild(fill);
  return bar;
}

/** A small pill. `kind` becomes a modifier class (`badge--<kind>`), sanitised. */
export function badge(text: string, kind: string, title?: string): HTMLElement {
  return h('span', { class: `badge badge--${cssToken(kind)}`, title }, text);
}

/** Reduces free text to a safe class-name token (`Tech Debt` → `tech-debt`). */
export function cssToken(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** `12.5` → `12.5`, `3` → `3`, undefined → `?`. */
export function num(n: number | undefined): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '?';
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** `2` → `2 bets`, `1` → `1 bet`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The id part of a ref: `payments/KR1` → `KR1`. */
export function refId(ref: string): string {
  const i = ref.lastIndexOf('/');
  return i >= 0 ? ref.slice(i + 1) : ref;
}
