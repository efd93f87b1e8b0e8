/**
 * Splits a Markdown file into YAML front matter and body, keeping enough
 * position information to point an editor at the exact line of a problem.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';

export interface ParsedFile {
  data: unknown;
  body: string;
  /** Line (1-based) in the file for a field path, or the front matter's first line. */
  lineOf(path: readonly (string | number)[]): number;
  /** YAML syntax problems, already with file lines. */
  syntaxErrors: { line: number; message: string }[];
}

const FENCE = /^---[ \t]*$/;

export function parseFrontMatter(source: string): ParsedFile {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return emptyWithError('the file must start with a line "---", then the fields, then another "---"');
  }
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end === -1) {
    return emptyWithError('the front matter has no closing "---" line');
  }
  const yamlText = lines.slice(1, end).join('\n');
  const body = lines.slice(end + 1).join('\n');
  const lineCounter = new LineCounter();
  // Dates stay strings with the core schema, so "2026-13-01" cannot silently become a January date.
  const doc: Document = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const offset = 1; // the opening fence
  const syntaxErrors = doc.errors.map((error) => ({
    line: lineCounter.linePos(error.pos[0]).line + offset,
    message: `YAML: ${error.message.split('\n')[0]}`,
  }));
  const data = syntaxErrors.length ? {} : (doc.toJS() ?? {});

  return {
    data,
    body,
    syntaxErrors,
    lineOf(path) {
      for (let depth = path.length; depth > 0; depth--) {
        const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
        const pair = depth === path.length ? findKeyNode(doc, path.slice(0, depth)) : undefined;
        const position = pair ?? node?.range?.[0];
        if (typeof position === 'number') return lineCounter.linePos(position).line + offset;
      }
      return 1 + offset;
    },
  };

  function emptyWithError(message: string): ParsedFile {
    return { data: {}, body: text, syntaxErrors: [{ line: 1, message }], lineOf: () => 1 };
  }
}

/** The position of a key (so a missing-value error points at "field:"), when the parent is a map. */
function findKeyNode(doc: Document, path: readonly (string | number)[]): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const key = path[path.length - 1];
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  const keyNode = pair?.key as { range?: [number, number, number] } | undefined;
  return keyNode?.range?.[0];
}
