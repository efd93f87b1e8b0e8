/**
 * A fast reader for the plain YAML our content files are written in: maps and lists by
 * indentation, one-line text (bare or in quotes), whole numbers, true and false, and an
 * empty [] or {}. Anything else (comments, tabs, text over several lines, other flow lists,
 * anchors, other numbers, words the YAML reader turns into something other than text) makes
 * it give up, and the caller uses the full YAML reader, which also finds the line and the
 * words for any problem.
 *
 * Why: the full reader builds a document with the position of every node, for messages that
 * are needed only when something is wrong. It was half the time of reading the content,
 * and its documents, kept for those lines, much of the build's memory (decision 0038).
 * Where this reader returns a value it is the one the full reader gives (plain-yaml.test.ts
 * checks that on every content file and on generated text).
 */

/** Given up: the text needs the full reader. */
const GIVE_UP = Symbol('give up');

interface Line {
  indent: number;
  text: string;
}

/** Returns `{ value }`, or undefined when the text is not in the plain subset. */
export function parsePlainYaml(source: string): { value: unknown } | undefined {
  // Tabs, carriage returns, control characters, a byte order mark, comments, directives and document markers.
  if (/[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\uFEFF]|(?:^|\s)#|^(?:---|\.\.\.|%)/m.test(source)) return undefined;
  const lines: Line[] = [];
  for (const raw of source.split('\n')) {
    const text = raw.trimStart();
    if (text === '') continue;
    lines.push({ indent: raw.length - text.length, text: text.trimEnd() });
  }
  if (lines.length === 0 || lines[0]!.indent !== 0) return undefined;
  try {
    const [value, next] = block(lines, 0, 0);
    return next === lines.length ? { value } : undefined;
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

const isItem = (line: Line) => line.text === '-' || line.text.startsWith('- ');
const KEY = /^([A-Za-z][\w-]*):(?: +(.*))?$/;

/** The map or list starting at `lines[at]`, at `indent`; returns it and the next line's index. */
function block(lines: Line[], at: number, indent: number): [unknown, number] {
  return isItem(lines[at]!) ? list(lines, at, indent) : map(lines, at, indent);
}

function map(lines: Line[], at: number, indent: number): [Record<string, unknown>, number] {
  const result: Record<string, unknown> = {};
  let i = at;
  while (i < lines.length && lines[i]!.indent >= indent) {
    const line = lines[i]!;
    if (line.indent > indent || isItem(line)) giveUp();
    const match = KEY.exec(line.text) ?? giveUp();
    const key = match[1]!;
    // The full reader refuses a key given twice, and reads "true:" or "null:" as a key that is not text.
    if (Object.hasOwn(result, key) || NOT_TEXT.test(key)) giveUp();
    i += 1;
    if (match[2] !== undefined) {
      result[key] = scalar(match[2]);
    } else if (i < lines.length && lines[i]!.indent > indent) {
      [result[key], i] = block(lines, i, lines[i]!.indent);
    } else if (i < lines.length && lines[i]!.indent === indent && isItem(lines[i]!)) {
      // A list may sit at its key's own indent.
      [result[key], i] = list(lines, i, indent);
    } else {
      result[key] = null;
    }
  }
  return [result, i];
}

function list(lines: Line[], at: number, indent: number): [unknown[], number] {
  const result: unknown[] = [];
  let i = at;
  while (i < lines.length && lines[i]!.indent === indent && isItem(lines[i]!)) {
    const line = lines[i]!;
    const after = line.text.slice(1).trimStart();
    if (after === '') {
      i += 1;
      if (i < lines.length && lines[i]!.indent > indent) [result[result.length], i] = block(lines, i, lines[i]!.indent);
      else result.push(null);
    } else if (KEY.test(after)) {
      // "- key: value" starts a map whose keys line up with this first one.
      const column = indent + (line.text.length - after.length);
      lines[i] = { indent: column, text: after };
      let item: unknown;
      [item, i] = map(lines, i, column);
      result.push(item);
    } else if (isItem({ indent: 0, text: after })) {
      giveUp();
    } else {
      result.push(scalar(after));
      i += 1;
    }
  }
  if (i < lines.length && lines[i]!.indent > indent) giveUp();
  return [result, i];
}

/** Text the core schema would read as null, a boolean or a number (yaml's schema/core tests). */
const NOT_TEXT = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+)$/;

/** A whole number the core schema reads, short enough to be exact. */
const WHOLE_NUMBER = /^[-+]?[0-9]{1,15}$/;

const BOOLEAN: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

function scalar(text: string): string | number | boolean | [] | Record<string, never> {
  // An empty list or map ("related: []") is the one flow collection content uses.
  if (text === '[]') return [];
  if (text === '{}') return {};
  const first = text[0];
  if (first === "'") {
    const inner = text.slice(1, -1);
    if (text.length < 2 || !text.endsWith("'") || inner.replace(/''/g, '').includes("'")) giveUp();
    return inner.replace(/''/g, "'");
  }
  if (first === '"') {
    // Only the escapes content uses, \" and \\; the others are the full reader's.
    const inner = text.length >= 2 && text.endsWith('"') ? /^(?:[^"\\]|\\["\\])*$/.exec(text.slice(1, -1)) : null;
    if (!inner) giveUp();
    return inner[0].replace(/\\(["\\])/g, '$1');
  }
  if (WHOLE_NUMBER.test(text)) return Number(text);
  if (Object.hasOwn(BOOLEAN, text)) return BOOLEAN[text]!;
  // Marks that start something other than bare text, a colon that would make a map, and flow brackets.
  if (/^[-?:,[\]{}#&*!|>%@`]/.test(text) || /:(?: |$)|[[\]{}]/.test(text) || NOT_TEXT.test(text)) giveUp();
  return text;
}
