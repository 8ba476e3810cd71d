/**
 * What the last draw built, so that the next one skips the parts whose inputs
 * did not change: an update after a keystroke in a 20,000-card portfolio
 * changes one product, and the other ninety closed products, the unit picker
 * and the filter lists are neither built again nor compared (patch.ts leaves an
 * element whose `data-sig` is unchanged as it is).
 *
 * A part is a slot (a key such as `section:<unit>`) with a signature of its
 * inputs. When the page drawn holds the slot with that signature, the builder
 * gets a stub (the same tag, key and `data-sig`, nothing inside) that the patch
 * matches with the drawn element and leaves alone. Objects of the model go into
 * a signature by identity (a delta keeps the parts it did not change, delta.ts).
 * One per controller; forgotten (`reset`) whenever the page drawn may differ
 * from the last build (the first draw, a card moved by hand).
 */
/** What a key met twice in one build is kept as: equal to no signature. */
const REPEATED = '\u0000';

export class RenderMemo {
  private readonly ids = new WeakMap<object, number>();
  private objects = 0;
  private drawn = new Map<string, string>();
  private next = new Map<string, string>();
  private readonly slots = new Map<string, number>();
  /** Whether stubs may be handed out (false: the build replaces the page). */
  private reuse = false;

  /** Starts a build; `patching`: it will be patched onto the page the last build drew. */
  begin(patching: boolean): void {
    this.reuse = patching;
    this.next = new Map();
  }

  /** The build was drawn (the page now holds what it built). */
  commit(): void {
    this.drawn = this.next;
  }

  /** The page drawn may not be what the last build made: build everything next time. */
  reset(): void {
    this.drawn.clear();
  }

  /** A number for an object, the same as long as the object lives. */
  id(o: object): number {
    let n = this.ids.get(o);
    if (n === undefined) { n = ++this.objects; this.ids.set(o, n); }
    return n;
  }

  /** A number per slot, the same for the memo's life (for DOM ids that stay unique while parts are kept). */
  slot(key: string): number {
    let n = this.slots.get(key);
    if (n === undefined) { n = this.slots.size + 1; this.slots.set(key, n); }
    return n;
  }

  /**
   * The part `key` with signature `sig`: a stub if the page drawn holds it
   * unchanged, else `build()` marked with the signature.
   */
  part<E extends HTMLElement>(key: string, sig: string, stub: () => E, build: () => E): E {
    // A key met again in one build (the same card twice in a cell): the patch matches a key with the
    // first element only, so the second is built, and neither is kept for the next build.
    const again = this.next.has(key);
    this.next.set(key, again ? REPEATED : sig);
    const el = this.reuse && !again && this.drawn.get(key) === sig ? stub() : build();
    el.dataset.sig = sig;
    return el;
  }
}

/** An element of `tag` standing for a drawn part (`attrs`: what its key is made of, patch.ts nodeKey). */
export function stubOf<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.setAttribute('data-stub', '');
  return el;
}
