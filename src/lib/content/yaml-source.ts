/**
 * YAML with positions: the parsed value plus the line of any field path, so every
 * problem in a content file can point at its line.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export interface YamlSource {
  data: unknown;
  /** Line (1-based, in the whole file) of a field path, or the nearest parent that exists. */
  lineOf(path: readonly (string | number)[]): number;
  /** YAML syntax problems, with file lines. */
  syntaxErrors: { line: number; message: string }[];
}

/** `lineOffset` is how many file lines come before the YAML text (e.g. a front matter fence). */
export function parseYaml(text: string, lineOffset = 0): YamlSource {
  const lineCounter = new LineCounter();
  // The core schema keeps dates as strings, so "2026-13-01" cannot silently become a January date.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxErrors = doc.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line + lineOffset,
    message: `YAML: ${error.message.split('\n')[0]}`,
  }));
  return {
    data: syntaxErrors.length ? undefined : doc.toJS(),
    syntaxErrors,
    lineOf(path) {
      for (let depth = path.length; depth > 0; depth--) {
        const keyPosition = depth === path.length ? keyOffset(doc, path) : undefined;
        const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
        const position = keyPosition ?? node?.range?.[0];
        if (typeof position === 'number') return lineCounter.linePos(position).line + lineOffset;
      }
      return 1 + lineOffset;
    },
  };
}

/** Where a key is written (so a bad or missing value points at "field:"), when the parent is a map. */
function keyOffset(doc: Document, path: readonly (string | number)[]): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const key = path[path.length - 1];
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
}
