/**
 * A compact, exact encoding of plain data (the parsed `UnitFile` models) for
 * the cache: objects, arrays, strings, numbers, booleans, null, undefined,
 * Map and Set, with shared objects kept shared (an objective's `krs` are the
 * same objects as the file's `krs`). Everything goes on one Int32 tape; the
 * strings of every entry share one table (so decoded models share their
 * strings: unit ids, ids, horizons… are held once), the object shapes (their
 * key lists) another, and numbers that are not small non-negative integers a
 * float table.
 *
 * Tape slots: a value below `TAGS` is a tag followed by its operands; a value
 * of `TAGS` or more is the integer `value - TAGS` (offsets, counts).
 *
 * An array of exactly two small non-negative integers (a span: most of the
 * arrays of a model) is written as a pair and read back as a new array, not
 * kept as one that may be referred to again: nothing compares spans by
 * identity, and a model has thousands of them.
 */

const UNDEF = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
const FLOAT = 4; // float table index
const STRING = 5; // string table index
const ARRAY = 6; // length, items
const OBJECT = 7; // shape index, values in shape order
const REF = 8; // id of an object or array already decoded in this entry
const MAP = 9; // size, key, value, …
const SET = 10; // size, values
const PAIR = 11; // two integers: a span [start, end), not shared (see Encoder.value)
const TAGS = 16;
const MAX_INT = 2 ** 31 - 1 - TAGS;

export class DecodeError extends Error {}

const isSmall = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_INT && !Object.is(n, -0);

/** Collects entries; `finish` answers the tables and the tape. */
export class Encoder {
  readonly strings: string[] = [];
  readonly shapes: string[][] = [];
  readonly floats: number[] = [];
  private readonly stringIds = new Map<string, number>();
  /** Shapes by their keys, one key per level: no signature string is built and hashed per object. */
  private readonly shapeTrie: ShapeNode = { next: new Map() };
  private tape = new Int32Array(1 << 16);
  private length = 0;

  /** Encodes one value; answers where its slots are on the tape. */
  add(value: unknown): { offset: number; length: number } {
    const offset = this.length;
    this.value(value, new Map());
    return { offset, length: this.length - offset };
  }

  finish(): Int32Array {
    return this.tape.subarray(0, this.length);
  }

  private push(slot: number): void {
    if (this.length === this.tape.length) {
      const bigger = new Int32Array(this.tape.length * 2);
      bigger.set(this.tape);
      this.tape = bigger;
    }
    this.tape[this.length++] = slot;
  }

  private int(n: number): void {
    this.push(n + TAGS);
  }

  /** The id of the shape with exactly these keys, in this order (added when new). */
  private shape(keys: string[]): number {
    let node = this.shapeTrie;
    for (let i = 0; i < keys.length; i++) {
      let next = node.next.get(keys[i]);
      if (!next) node.next.set(keys[i], (next = { next: new Map() }));
      node = next;
    }
    if (node.id === undefined) {
      node.id = this.shapes.length;
      this.shapes.push(keys);
    }
    return node.id;
  }

  private value(v: unknown, seen: Map<object, number>): void {
    switch (typeof v) {
      case 'undefined': return this.push(UNDEF);
      case 'boolean': return this.push(v ? TRUE : FALSE);
      case 'number':
        if (Number.isInteger(v) && v >= 0 && v <= MAX_INT && !Object.is(v, -0)) return this.int(v);
        this.push(FLOAT);
        this.floats.push(v);
        return this.int(this.floats.length - 1);
      case 'string': {
        let id = this.stringIds.get(v);
        if (id === undefined) {
          id = this.strings.length;
          this.strings.push(v);
          this.stringIds.set(v, id);
        }
        this.push(STRING);
        return this.int(id);
      }
      case 'object': {
        if (v === null) return this.push(NULL);
        if (Array.isArray(v) && v.length === 2 && isSmall(v[0]) && isSmall(v[1])) {
          this.push(PAIR);
          this.int(v[0] as number);
          return this.int(v[1] as number);
        }
        const ref = seen.get(v);
        if (ref !== undefined) {
          this.push(REF);
          return this.int(ref);
        }
        seen.set(v, seen.size);
        if (Array.isArray(v)) {
          this.push(ARRAY);
          this.int(v.length);
          for (let i = 0; i < v.length; i++) this.value(v[i], seen);
          return;
        }
        if (v instanceof Map) {
          this.push(MAP);
          this.int(v.size);
          for (const [k, x] of v) {
            this.value(k, seen);
            this.value(x, seen);
          }
          return;
        }
        if (v instanceof Set) {
          this.push(SET);
          this.int(v.size);
          for (const x of v) this.value(x, seen);
          return;
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) throw new TypeError(`cannot encode a ${proto?.constructor?.name ?? 'class'} instance`);
        const keys = Object.keys(v);
        this.push(OBJECT);
        this.int(this.shape(keys));
        for (let i = 0; i < keys.length; i++) this.value((v as Record<string, unknown>)[keys[i]], seen);
        return;
      }
      default:
        throw new TypeError(`cannot encode a ${typeof v}`);
    }
  }
}

interface ShapeNode {
  next: Map<string, ShapeNode>;
  /** The shape whose keys end here. */
  id?: number;
}

/** Reads entries back from the tables and the tape. Every read is bounds-checked: a damaged tape throws DecodeError. */
export class Decoder {
  private pos = 0;
  private end = 0;
  private objects: unknown[] = [];

  constructor(
    private readonly tape: Int32Array,
    private readonly strings: readonly string[],
    private readonly shapes: readonly (readonly string[])[],
    private readonly floats: readonly number[],
  ) {}

  /** The value encoded at `offset` over `length` slots. */
  read(offset: number, length: number): unknown {
    if (offset < 0 || length < 1 || offset + length > this.tape.length) throw new DecodeError('entry outside the tape');
    this.pos = offset;
    this.end = offset + length;
    this.objects = [];
    const v = this.value();
    if (this.pos !== this.end) throw new DecodeError('entry length mismatch');
    this.objects = [];
    return v;
  }

  private slot(): number {
    if (this.pos >= this.end) throw new DecodeError('read past the entry');
    return this.tape[this.pos++];
  }

  private int(): number {
    const s = this.slot();
    if (s < TAGS) throw new DecodeError('expected an integer');
    return s - TAGS;
  }

  private value(): unknown {
    const tag = this.slot();
    if (tag >= TAGS) return tag - TAGS; // a small non-negative integer
    switch (tag) {
      case UNDEF: return undefined;
      case NULL: return null;
      case FALSE: return false;
      case TRUE: return true;
      case FLOAT: return this.table(this.floats, this.int());
      case STRING: return this.table(this.strings, this.int());
      case REF: {
        const id = this.int();
        if (id >= this.objects.length) throw new DecodeError('dangling reference');
        return this.objects[id];
      }
      case PAIR: {
        const start = this.int();
        return [start, this.int()];
      }
      case ARRAY: {
        const n = this.int();
        if (n > this.end - this.pos) throw new DecodeError('array longer than the entry');
        const a: unknown[] = new Array(n);
        this.objects.push(a);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return a;
      }
      case OBJECT: {
        const keys = this.table(this.shapes, this.int());
        const o: Record<string, unknown> = {};
        this.objects.push(o);
        for (let i = 0; i < keys.length; i++) o[keys[i]] = this.value();
        return o;
      }
      case MAP: {
        const n = this.int();
        const m = new Map<unknown, unknown>();
        this.objects.push(m);
        for (let i = 0; i < n; i++) {
          const k = this.value();
          m.set(k, this.value());
        }
        return m;
      }
      case SET: {
        const n = this.int();
        const s = new Set<unknown>();
        this.objects.push(s);
        for (let i = 0; i < n; i++) s.add(this.value());
        return s;
      }
      default:
        throw new DecodeError(`unknown tag ${tag}`);
    }
  }

  private table<T>(table: readonly T[], i: number): T {
    if (i >= table.length) throw new DecodeError('index outside a table');
    return table[i];
  }
}
