/**
 * A keyed DOM patch: turns the drawn page into a freshly built one by changing
 * only what differs, so an update after a keystroke keeps every element that
 * stays (scroll offsets, focus, open hypotheses, a menu being used) instead of
 * rebuilding the board.
 *
 * An element whose `data-sig` (a signature of what it was built from) is
 * unchanged is left as it is, without looking inside.
 *
 * Children are matched by key (`data-key`, else the card / outcome / trace ref,
 * the lane, the column or the section unit) and otherwise by position and tag.
 * Attributes are copied; `style` goes through the CSSOM (the CSP forbids
 * setting it as an attribute). A `<details>` keeps the state the user gave it
 * unless the new one carries `data-open` (state the renderer owns).
 */

/** The key that identifies an element among its siblings across renders; undefined for positional matching. */
export function nodeKey(el: Element): string | undefined {
  if (!(el instanceof HTMLElement)) return undefined;
  const d = el.dataset;
  if (d.key) return `k:${d.key}`;
  if (d.ref) return `r:${d.kind ?? ''}:${d.ref}`;
  if (d.lane) return `l:${d.lane}`;
  if (d.column) return `c:${el.className.split(' ')[0]}:${d.column}`;
  if (d.unit && el.tagName === 'SECTION') return `u:${d.unit}`;
  return undefined;
}

/** Makes `from` look like `to` (same tag), reusing `from`'s subtree wherever it can. `to` is consumed. */
export function patch(from: Element, to: Element): void {
  // Built from the same inputs (a card, an outcome): nothing inside can differ.
  const sig = (to as HTMLElement).dataset?.sig;
  if (sig !== undefined && sig === (from as HTMLElement).dataset?.sig) return;
  syncAttributes(from, to);
  // Read before the children move over: a select's choice follows its options.
  const selected = to instanceof HTMLSelectElement ? to.selectedIndex : -1;
  patchChildren(from, to);
  if (from instanceof HTMLSelectElement && from.selectedIndex !== selected) from.selectedIndex = selected;
}

function patchChildren(from: Element, to: Element): void {
  const keyed = new Map<string, Element>();
  for (let c = from.firstElementChild; c; c = c.nextElementSibling) {
    const k = nodeKey(c);
    if (k !== undefined && !keyed.has(k)) keyed.set(k, c);
  }
  let cursor: ChildNode | null = from.firstChild;
  for (const next of [...to.childNodes]) {
    let match: ChildNode | undefined;
    const k = next instanceof Element ? nodeKey(next) : undefined;
    if (k !== undefined) {
      const m = keyed.get(k);
      if (m && m.tagName === (next as Element).tagName) {
        match = m;
        keyed.delete(k);
      }
    } else if (cursor && sameKind(cursor, next)) {
      match = cursor;
    }
    if (!match) {
      from.insertBefore(next, cursor);
      continue;
    }
    if (match === cursor) cursor = cursor.nextSibling;
    else from.insertBefore(match, cursor);
    if (match.nodeType === Node.ELEMENT_NODE) patch(match as Element, next as Element);
    else if (match.nodeValue !== next.nodeValue) match.nodeValue = next.nodeValue;
  }
  while (cursor) {
    const after: ChildNode | null = cursor.nextSibling;
    from.removeChild(cursor);
    cursor = after;
  }
}

/** Positional match: same node type and tag, and `old` is not a keyed element waiting for its own match. */
function sameKind(old: ChildNode, next: ChildNode): boolean {
  if (old.nodeType !== next.nodeType) return false;
  if (old.nodeType !== Node.ELEMENT_NODE) return true;
  return (old as Element).tagName === (next as Element).tagName && nodeKey(old as Element) === undefined;
}

function syncAttributes(from: Element, to: Element): void {
  const keepOpen = from.tagName === 'DETAILS' && !to.hasAttribute('data-open');
  for (const { name, value } of [...to.attributes]) {
    if (keepOpen && name === 'open') continue;
    if (name === 'style') {
      const s = (to as HTMLElement).style.cssText;
      if ((from as HTMLElement).style.cssText !== s) (from as HTMLElement).style.cssText = s;
    } else if (from.getAttribute(name) !== value) {
      from.setAttribute(name, value);
    }
  }
  for (const { name } of [...from.attributes]) {
    if (to.hasAttribute(name) || (keepOpen && name === 'open')) continue;
    if (name === 'style') (from as HTMLElement).style.cssText = '';
    else from.removeAttribute(name);
  }
}
