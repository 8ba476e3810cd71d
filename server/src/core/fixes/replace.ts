/**
 * Replacing a value by one of the finding's suggestions (the best one
 * preferred), over anchors too: an alias is replaced by the plain value (an
 * alias of a list by the list with that element changed), an anchored value
 * that aliases repeat hands its anchor on (edits/anchors.ts), and a fix that
 * would still change another entity is not offered.
 */
import { isAlias, isCollection, isScalar, isSeq, Scalar, type Document, type Node } from 'yaml';
import { documentOf } from '../document';
import { othersChanged, replaceValue } from '../edits/anchors';
import type { Span, UnitFile } from '../model';
import { rawSpan, yamlScalar, type TextEdit } from '../text-edit';
import { anchorTargets } from '../yaml-tree';
import { described, type Fix, type FixContext } from './types';

/** The scalar or alias that starts at `start`, found with an explicit stack. */
function nodeAt(doc: Document.Parsed, start: number): Node | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (!n || typeof n !== 'object') continue;
    if ((isScalar(n) || isAlias(n)) && n.range?.[0] === start) return n;
    if (isCollection(n)) {
      for (const it of n.items as unknown[]) {
        if (it && typeof it === 'object' && 'key' in it) stack.push((it as { key: unknown }).key, (it as unknown as { value: unknown }).value);
        else stack.push(it);
      }
    }
  }
  return undefined;
}

const plainText = (text: string, n: Node) => (n.range ? text.slice(n.range[0], n.range[1]).trim() : '');

/** The edits that put `s` where `raw` is written at `span`, keeping what aliases elsewhere mean. */
function replacement(file: UnitFile, doc: Document.Parsed, span: Span, raw: string | undefined, s: string): TextEdit[] | undefined {
  const node = nodeAt(doc, span[0]);
  if (node && isAlias(node) && node.range) {
    const target = anchorTargets(doc, 64).get(node);
    if (isSeq(target)) {
      // `supports: *both` naming [KR9, KR2]: this entity gets the list with the one element changed.
      let done = false;
      const items = (target.items as Node[]).map((n) => {
        const v = isScalar(n) ? String(n.value ?? '') : undefined;
        if (!done && v !== undefined && v.trim() === raw) {
          done = true;
          return yamlScalar(s, true);
        }
        return isScalar(n) && n.type === Scalar.PLAIN ? plainText(file.text, n) : isScalar(n) ? yamlScalar(String(n.value ?? ''), true) : undefined;
      });
      return done && items.every((x) => x !== undefined) ? [{ span: [node.range[0], node.range[1]], newText: `[${items.join(', ')}]` }] : undefined;
    }
    return [{ span: [node.range[0], node.range[1]], newText: yamlScalar(s) }];
  }
  if (node && isScalar(node) && node.anchor) {
    const quote = node.type === Scalar.QUOTE_DOUBLE ? '"' : node.type === Scalar.QUOTE_SINGLE ? "'" : '';
    return replaceValue(file.text, doc, node, `${quote}${s}${quote}`);
  }
  return [{ span: raw === undefined ? span : rawSpan(file.text, span, raw), newText: s }];
}

/**
 * One fix per suggestion. `owner` is the entity whose value this is
 * (`item:ID`, `kr:ID`), or undefined for a unit-level value; in a file with
 * anchors, a fix that would change what another entity reads is left out.
 */
export function suggestionFixes(ctx: FixContext, span: Span, raw: string | undefined, titleOf: (s: string) => string, owner?: string): Fix[] {
  const suggestions = ctx.problem.data?.suggestions ?? [];
  if (!suggestions.length) return [];
  const doc = documentOf(ctx.file);
  const anchored = anchorTargets(doc, 64).size > 0;
  const out: Fix[] = [];
  suggestions.forEach((s, i) => {
    const edits = replacement(ctx.file, doc, span, raw, s);
    if (!edits || (anchored && othersChanged(ctx.file, edits, owner))) return;
    out.push({ title: titleOf(s), edits, preferred: i === 0 });
  });
  return out;
}

/** The edits that write `s` over the value at `span` (over anchors too), or undefined when another entity would change. */
export function safeReplace(file: UnitFile, span: Span, s: string, owner: string | undefined): TextEdit[] | undefined {
  const doc = documentOf(file);
  const edits = replacement(file, doc, span, undefined, s);
  if (!edits || (anchorTargets(doc, 64).size > 0 && othersChanged(file, edits, owner))) return undefined;
  return edits;
}

/** `Change to `acme/KR2` (Grow TPV)` when the suggestion names an entity. */
export function changeTo(ctx: FixContext, fromUnit: string | undefined) {
  return (s: string) => {
    const slash = s.indexOf('/');
    const unit = slash < 0 ? fromUnit : s.slice(0, slash);
    const e = unit ? ctx.index.units.get(unit)?.entities.get(s.slice(slash + 1)) : undefined;
    return `Change to ${described(s, e?.title?.value)}`;
  };
}
