/** Navigation over the cascade, in offsets and plain data: the language server's engine side. */
export { siteAt, targetOf, entityAt, refName, refTextSpan, refParts, type Place, type Site, type Target } from './locate';
export { definition, references, declarations, usages } from './references';
export { hover, entityHover, type HoverInfo } from './hover';
export { documentSymbols, workspaceSymbols, type OutlineSymbol, type SymbolKind, type WorkspaceSymbolInfo } from './symbols';
export { completions, type CompletionCandidate, type Completions } from './completion';
