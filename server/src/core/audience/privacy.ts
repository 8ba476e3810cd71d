/**
 * Who and what is private (DESIGN.md, "Audiences"). `private: true` flows down
 * containment — a unit's objectives, KRs and items, an objective's KRs — and to
 * every unit whose `parent` is private, at any depth; never along `supports`
 * or `depends_on`. `private_fields:` names fields of that one entity (or unit)
 * and is not inherited.
 */
import type { CascadeIndex } from '../link';
import type { Entity, KeyResult, Located, UnitFile } from '../model';

export class Privacy {
  private readonly units = new Map<string, boolean>();

  constructor(private readonly index: CascadeIndex) {}

  /** True when the unit says `private: true` (in any file that declares it) or any unit above it does. */
  unit(id: string): boolean {
    const known = this.units.get(id);
    if (known !== undefined) return known;
    const chain: string[] = [];
    let result = false;
    for (let u = this.index.units.get(id); u; u = this.index.parentOf(u.id)) {
      const memo = this.units.get(u.id);
      if (memo !== undefined) {
        result = memo;
        break;
      }
      if (chain.includes(u.id)) break; // a parent loop: what is on it is decided by the flags met so far
      chain.push(u.id);
      if (u.files.some((f) => f.private?.value === true)) {
        result = true;
        break;
      }
    }
    for (const u of chain) this.units.set(u, result);
    return result;
  }

  /** True when the entity is private: itself, its objective (for a KR) or its unit. */
  entity(e: Entity): boolean {
    if (e.private?.value === true || this.unit(e.unit)) return true;
    if (e.kind === 'kr') {
      const o = this.index.units.get(e.unit)?.entities.get(e.objective);
      return o?.kind === 'objective' && o.private?.value === true;
    }
    return false;
  }

  /** True when `private_fields` of the entity names `field` (as written in YAML: `title`, `depends_on`, …). */
  field(e: Entity, field: string): boolean {
    return !!e.privateFields?.some((f) => f.value === field);
  }

  /** True when `private_fields` of the unit's primary file names `field` (`name`, `owner`, …). */
  unitField(id: string, field: string): boolean {
    return !!this.index.units.get(id)?.primary.privateFields?.some((f) => f.value === field);
  }
}

/** A piece of private text: what the leak check looks for in every export of an audience that hides private entries. */
export interface PrivateText {
  /** The text's words, lowercased (see scan.ts `words`). */
  words: string[];
  /** Where it is written: the file, the entity key (`unit/ID`) or unit id, and the field. */
  file: string;
  owner: string;
  field: string;
  /** How the finding names it: `the title of private item \`payments/falcon\``. */
  label: string;
}

/** A text of fewer words or characters than this is not looked for (so "API" or "Dana Li" do not match everything). */
export const PRIVATE_TEXT_MIN_WORDS = 2;
export const PRIVATE_TEXT_MIN_CHARS = 10;

/** The descriptive fields whose text counts as private text of a private entity. */
const ENTITY_TEXT_FIELDS = ['title', 'hypothesis', 'evidence'] as const;
/** Text fields that `private_fields` can name. */
const FIELD_TEXT = new Set(['title', 'hypothesis', 'owner', 'evidence', 'type', 'name']);

const KIND_WORD = { objective: 'objective', kr: 'key result', item: 'item' } as const;

/**
 * Every private text of the cascade, once each: the title, hypothesis and
 * evidence of each private entity, the name of each private unit, and each
 * text field named in `private_fields` — when it has at least
 * {@link PRIVATE_TEXT_MIN_WORDS} words and {@link PRIVATE_TEXT_MIN_CHARS} characters.
 */
export function privateTexts(index: CascadeIndex, privacy: Privacy, words: (s: string) => string[]): PrivateText[] {
  const out: PrivateText[] = [];
  const seen = new Set<string>();
  const add = (file: string, owner: string, field: string, value: Located<string> | undefined, label: string) => {
    if (!value) return;
    const w = words(value.value);
    const key = w.join(' ');
    if (w.length < PRIVATE_TEXT_MIN_WORDS || key.length < PRIVATE_TEXT_MIN_CHARS || seen.has(key)) return;
    seen.add(key);
    out.push({ words: w, file, owner, field, label });
  };
  for (const unit of index.units.values()) {
    const f = unit.primary;
    if (privacy.unit(unit.id)) add(f.file, unit.id, 'name', f.name, `the name of private unit \`${unit.id}\``);
    for (const pf of f.privateFields ?? []) {
      if (FIELD_TEXT.has(pf.value)) add(f.file, unit.id, pf.value, unitText(f, pf.value), `the private ${pf.value} of unit \`${unit.id}\``);
    }
    for (const e of unit.entities.values()) {
      const key = `${e.unit}/${e.id}`;
      if (privacy.entity(e)) {
        for (const field of ENTITY_TEXT_FIELDS) add(e.file, key, field, entityText(e, field), `the ${field} of private ${KIND_WORD[e.kind]} \`${key}\``);
      } else {
        for (const pf of e.privateFields ?? []) {
          if (FIELD_TEXT.has(pf.value)) add(e.file, key, pf.value, entityText(e, pf.value), `the private ${pf.value} of ${KIND_WORD[e.kind]} \`${key}\``);
        }
      }
    }
  }
  return out;
}

/** A text field of an entity, by its YAML name. */
export function entityText(e: Entity, field: string): Located<string> | undefined {
  switch (field) {
    case 'title': return e.title;
    case 'owner': return e.owner;
    case 'hypothesis': return e.kind === 'item' ? e.hypothesis : undefined;
    case 'evidence': return e.kind === 'item' ? e.evidence : undefined;
    case 'type': return e.kind === 'item' ? e.type : undefined;
    case 'status': return e.kind === 'item' ? e.status : undefined;
    case 'confidence': return e.kind === 'item' ? e.confidence : undefined;
    case 'horizon': return e.kind === 'item' ? e.horizon : undefined;
    case 'due': return e.kind === 'item' ? e.due : undefined;
    case 'unit': return e.kind === 'kr' ? (e as KeyResult).metricUnit : undefined;
    default: return undefined;
  }
}

/** A text field of a unit file, by its YAML name (`unit` is the id as written). */
export function unitText(f: UnitFile, field: string): Located<string> | undefined {
  switch (field) {
    case 'name': return f.name;
    case 'owner': return f.owner;
    case 'level': return f.level;
    case 'unit': return f.unitId;
    default: return undefined;
  }
}
