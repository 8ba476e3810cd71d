/**
 * The `themes` view (for executives): the lanes and their outcomes. It carries
 * the same cards and columns as the quarters view; the renderers show them
 * counted rather than one by one.
 */
import { quartersView } from './quarters';
import type { ViewContext, ViewResult } from './cards';

export function themesView(v: ViewContext): ViewResult {
  return quartersView(v);
}
