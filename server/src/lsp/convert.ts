/**
 * Offsets ↔ LSP positions, and core data → LSP types. Positions are UTF-16
 * code units, as JavaScript string offsets are, so a line-start table is all
 * the conversion needs.
 */
import { DiagnosticSeverity, type Diagnostic, type Position, type Range, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Problem, Severity, Span } from '../core/model';
import { lineStarts, offsetAt, positionAt } from '../core/text';
import type { TextEdit } from '../core/text-edit';
import { DIAGNOSTIC_SOURCE } from '../protocol';

/** A text with its line starts (a parsed UnitFile is one). */
export interface Text {
  text: string;
  lineStarts: number[];
}

export function textOf(text: string): Text {
  return { text, lineStarts: lineStarts(text) };
}

export function toPosition(t: Text, offset: number): Position {
  return positionAt(t.lineStarts, Math.max(0, Math.min(offset, t.text.length)));
}

export function toRange(t: Text, span: Span): Range {
  return { start: toPosition(t, span[0]), end: toPosition(t, span[1]) };
}

export function toOffset(t: Text, pos: Position): number {
  return offsetAt(t.lineStarts, t.text.length, pos);
}

export function toSpan(t: Text, range: Range): Span {
  return [toOffset(t, range.start), toOffset(t, range.end)];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(t: Text, p: Problem): Diagnostic {
  const d: Diagnostic = { range: toRange(t, p.span), severity: SEVERITY[p.severity], code: p.code, source: DIAGNOSTIC_SOURCE, message: p.message };
  if (p.data) d.data = p.data;
  return d;
}

export function toTextEdit(t: Text, e: TextEdit): LspTextEdit {
  return { range: toRange(t, e.span), newText: e.newText };
}
