/**
 * Splits a Markdown file into YAML front matter and body, keeping enough
 * position information to point an editor at the exact line of a problem.
 * The one front matter reader: the loader parses with it, and the tools that
 * edit a file in place (search:gaps --write) cut the file with it.
 */
import { parseYaml, type YamlSource } from './yaml-source.ts';

export interface ParsedFile extends YamlSource {
  body: string;
  /** Line (1-based) where the body starts. */
  bodyLine: number;
}

/** A file cut into its parts, byte for byte: open + yaml + close + body === the file. */
export interface FrontMatterParts {
  /** The opening fence with its line break, and a byte order mark if the file has one. */
  open: string;
  yaml: string;
  /** The closing fence with its line break (none when the file ends there). */
  close: string;
  body: string;
}

/** Why a file has no front matter, in words an editor can act on. */
export type FrontMatterFailure = { error: string };

const OPEN = /^\uFEFF?---[ \t]*(?:\r?\n|$)/;
const CLOSE = /^---[ \t]*(?:\r?\n|$)/m;

export function splitFrontMatter(source: string): FrontMatterParts | FrontMatterFailure {
  const open = OPEN.exec(source);
  if (!open) return { error: 'the file must start with a line "---", then the fields, then another "---"' };
  const rest = source.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) return { error: 'the front matter has no closing "---" line' };
  return { open: open[0], yaml: rest.slice(0, close.index), close: close[0], body: rest.slice(close.index + close[0].length) };
}

export function parseFrontMatter(source: string): ParsedFile {
  const parts = splitFrontMatter(source);
  if ('error' in parts) {
    return { data: {}, body: source.replace(/^\uFEFF/, ''), bodyLine: 1, syntaxErrors: [{ line: 1, message: parts.error }], lineOf: () => 1 };
  }
  const yamlLines = parts.yaml.split(/\r?\n/).length - (parts.yaml === '' || /\n$/.test(parts.yaml) ? 1 : 0);
  const yaml = parseYaml(parts.yaml, 1);
  return { ...yaml, data: yaml.data ?? {}, body: parts.body, bodyLine: yamlLines + 3 };
}
