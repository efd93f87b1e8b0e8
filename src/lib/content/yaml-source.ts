/**
 * YAML with positions: the parsed value plus the line of any field path, so every
 * problem in a content file can point at its line.
 */
import { isAlias, isMap, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import { parsePlainYaml } from './plain-yaml.ts';

export interface YamlSource {
  data: unknown;
  /** Line (1-based, in the whole file) of a field path, or the nearest parent that exists. */
  lineOf(path: readonly (string | number)[]): number;
  /** YAML syntax problems, with file lines. */
  syntaxErrors: SyntaxProblem[];
}

/**
 * `lineOffset` is how many file lines come before the YAML text (e.g. a front matter fence).
 * Plain text is read by the fast reader (plain-yaml.ts) and parsed as a document, for its
 * lines, only if a line is asked for: only when there is a problem to point at.
 */
export function parseYaml(text: string, lineOffset = 0): YamlSource {
  const plain = parsePlainYaml(text);
  if (!plain) return parseDocumentWithLines(text, lineOffset);
  let full: YamlSource | undefined;
  return {
    data: plain.value,
    syntaxErrors: [],
    lineOf: (path) => (full ??= parseDocumentWithLines(text, lineOffset)).lineOf(path),
  };
}

function parseDocumentWithLines(text: string, lineOffset: number): YamlSource {
  const lineCounter = new LineCounter();
  // The core schema keeps dates as strings, so "2026-13-01" cannot silently become a January date.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lines = text.split(/\r?\n/);
  // One slip often trips two parser rules on the same line; the editor needs one message for it.
  const syntaxErrors = doc.errors
    .map((error) => plainSyntaxError(error, lineCounter.linePos(error.pos[0]).line, lines, lineOffset))
    .filter((problem, index, all) => all.findIndex((other) => other.line === problem.line) === index);
  let data: unknown;
  if (!syntaxErrors.length) {
    try {
      data = doc.toJS();
    } catch (error) {
      // "*Free* parking" starts with YAML's alias mark; the parser only finds that out here, without a place.
      syntaxErrors.push(aliasProblem(error as Error, doc, lineCounter, lines, lineOffset));
    }
  }
  return {
    data,
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

export interface SyntaxProblem {
  line: number;
  /** The field on that line, when the line names one. */
  field?: string;
  message: string;
}

/** `  - title: Check: your bin` → indent "  - ", key "title", value "Check: your bin" */
const FIELD_LINE = /^(\s*(?:-\s+)?)([A-Za-z][\w-]*):[ \t]+(.*?)\s*$/;

/**
 * The parser's finding in an editor's words. The parser speaks of "compact mappings" and
 * "node ends"; an editor needs the one change that makes the line readable, shown on their own text.
 */
export function plainSyntaxError(error: YAMLError, line: number, lines: readonly string[], lineOffset = 0): SyntaxProblem {
  const source = lines[line - 1] ?? '';
  const field = FIELD_LINE.exec(source);
  const at = (found: number, message: string, name = field?.[2]): SyntaxProblem => ({ line: found + lineOffset, ...(name ? { field: name } : {}), message });
  switch (error.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      if (field && field[3]!.includes(':')) {
        return at(line, `put the text in quotes because it contains a colon, like this: ${field[1]}${field[2]}: ${quoted(field[3]!)}`);
      }
      const indent = (text: string) => /^\s*/.exec(text)![0].length;
      if (line < lines.length && indent(lines[line] ?? '') > indent(source)) {
        const next = lines[line] ?? '';
        return at(line + 1, 'this line is indented more than the field above it: line it up with that field, or, if it carries on the text above, put all the text in quotes', FIELD_LINE.exec(next)?.[2]);
      }
      break;
    case 'BAD_SCALAR_START': {
      const first = field?.[3]?.charAt(0) ?? '';
      if (field) return at(line, `text cannot start with "${first}" unless it is in quotes: write ${field[1]}${field[2]}: ${quoted(field[3]!)}`);
      break;
    }
    case 'TAB_AS_INDENT':
      return at(line, 'this line is indented with a tab: use spaces instead (2 for each level)');
    case 'DUPLICATE_KEY':
      return at(line, field ? `"${field[2]}" is given twice: keep one and delete the other` : 'this field is given twice: keep one and delete the other');
    case 'MISSING_CHAR':
      if (/closing "?quote/i.test(error.message) || /quote/i.test(error.message)) {
        const opened = openingLine(lines, line, (text) => /^\s*(?:-\s+)?(?:[A-Za-z][\w-]*:[ \t]+)?["']/.test(text));
        const openField = FIELD_LINE.exec(lines[opened - 1] ?? '');
        return at(opened, 'the text opens a quote mark but never closes it: add the same quote mark at the end of the text', openField?.[2]);
      }
      if (/without - indicator/.test(error.message) || /need to be followed by map values/.test(error.message)) {
        return at(line, 'this line is not lined up with the field above it: indent it with the same number of spaces, and put "- " before each new item in a list');
      }
      break;
    case 'BAD_INDENT':
      if (/^Flow (sequence|map)/.test(error.message)) {
        const [open, close] = error.message.startsWith('Flow map') ? ['{', '}'] : ['[', ']'];
        const opened = openingLine(lines, line, (text) => new RegExp(`:[ \\t]+\\${open}`).test(text));
        const openField = FIELD_LINE.exec(lines[opened - 1] ?? '');
        return at(opened, `the "${open}" here opens a list that is never closed: add "${close}" at its end, or, if the "${open}" is part of the text, put all the text in quotes`, openField?.[2]);
      }
      return at(line, 'this line is not lined up with the field above it: indent it with the same number of spaces, and put "- " before each new item in a list');
    case 'UNEXPECTED_TOKEN':
      if (field && /^[*&!%@`|>]/.test(field[3]!)) {
        return at(line, `text cannot start with "${field[3]!.charAt(0)}" unless it is in quotes: write ${field[1]}${field[2]}: ${quoted(field[3]!)}`);
      }
      if (field && /^'.*'.+/.test(field[3]!)) {
        return at(line, `the text starts with ' and has another ' inside it: use double quotes instead, like this: ${field[1]}${field[2]}: ${quoted(field[3]!.slice(1).replace(/'$/, '').replace(/''/g, "'"))}`);
      }
      break;
  }
  return at(line, `the fields cannot be read from this line (the YAML reader says: ${error.message.split('\n')[0]}): check it for a missing quote mark, a colon in the text, or uneven spaces`);
}

/** The text in double quotes, or single quotes when it holds double quotes, escaped so it reads back the same. */
function quoted(value: string): string {
  if (!value.includes('"')) return `"${value.replace(/\\/g, '\\\\')}"`;
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The parser notices a quote or a list left open where the next field or the end begins;
 * the editor needs the line where it was opened: the nearest line above that opens one.
 */
function openingLine(lines: readonly string[], from: number, opens: (text: string) => boolean): number {
  for (let line = Math.min(from, lines.length); line >= 1; line--) {
    if (opens(lines[line - 1] ?? '')) return line;
  }
  return from;
}

/** A value starting with "*" (or "&") is an alias (or anchor) to YAML: what an editor meant is text in quotes. */
function aliasProblem(error: Error, doc: Document, lineCounter: LineCounter, lines: readonly string[], lineOffset: number): SyntaxProblem {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (offset === undefined && isAlias(node)) offset = node.range?.[0];
    },
  });
  const line = offset === undefined ? 1 : lineCounter.linePos(offset).line;
  const field = FIELD_LINE.exec(lines[line - 1] ?? '');
  if (field) {
    return { line: line + lineOffset, field: field[2], message: `text cannot start with "${field[3]!.charAt(0)}" unless it is in quotes: write ${field[1]}${field[2]}: ${quoted(field[3]!)}` };
  }
  return { line: line + lineOffset, message: `the fields cannot be read (the YAML reader says: ${error.message}): put text that starts with "*" or "&" in quotes` };
}
