/**
 * Splits a Markdown file into YAML front matter and body, keeping enough
 * position information to point an editor at the exact line of a problem.
 */
import { parseYaml, type YamlSource } from './yaml-source.ts';

export interface ParsedFile extends YamlSource {
  body: string;
  /** Line (1-based) where the body starts. */
  bodyLine: number;
}

const FENCE = /^---[ \t]*$/;

export function parseFrontMatter(source: string): ParsedFile {
  const text = source.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? '')) {
    return failed('the file must start with a line "---", then the fields, then another "---"');
  }
  const end = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (end === -1) return failed('the front matter has no closing "---" line');
  const yaml = parseYaml(lines.slice(1, end).join('\n'), 1);
  return { ...yaml, data: yaml.data ?? {}, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };

  function failed(message: string): ParsedFile {
    return { data: {}, body: text, bodyLine: 1, syntaxErrors: [{ line: 1, message }], lineOf: () => 1 };
  }
}
