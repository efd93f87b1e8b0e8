import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { splitFrontMatter } from './front-matter.ts';
import { parsePlainYaml } from './plain-yaml.ts';

/** What the full reader gives, as the loader asks for it; undefined when it finds a problem. */
function full(text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return undefined;
  try {
    return doc.toJS();
  } catch {
    return undefined;
  }
}

function yamlOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.md')) return text;
  const parts = splitFrontMatter(text);
  if ('error' in parts) throw new Error(`${path}: ${parts.error}`);
  return parts.yaml;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(?:md|ya?ml)$/.test(name) ? [path] : [];
  });
}

describe('parsePlainYaml', () => {
  it('reads every demo content file it accepts as the full reader does, and accepts nearly all of them', () => {
    const files = [...filesUnder('content/tasks'), ...filesUnder('content/topics'), ...filesUnder('content/journeys'), 'content/contact.yml', ...filesUnder('content/search')];
    let accepted = 0;
    for (const file of files) {
      const text = yamlOf(file);
      const plain = parsePlainYaml(text);
      if (!plain) continue;
      accepted += 1;
      expect(plain.value, file).toEqual(full(text));
    }
    // The point is speed: a reader that gave up on most files would be a slower full reader.
    expect(accepted / files.length).toBeGreaterThan(0.9);
  });

  it.each([
    ['a comment', 'title: Pay # not the title\n'],
    ['a decimal number', 'order: 1.5\n'],
    ['a hexadecimal number', 'order: 0x1F\n'],
    ['a null written out', 'owner: ~\n'],
    ['text over two lines', 'summary: Pay your\n  council tax\n'],
    ['a block of text', 'summary: |\n  Pay\n'],
    ['a flow list', 'keywords: [a, b]\n'],
    ['a colon in bare text', 'title: Check: your bin\n'],
    ['an alias', 'title: *Free* parking\n'],
    ['a key given twice', 'title: a\ntitle: b\n'],
    ['an escape in double quotes other than \\" and \\\\', 'title: "a\\tb"\n'],
    ['a quote left open', "title: 'Pay\n"],
    ['a tab', 'title:\ta\n'],
    ['a line indented too far', 'title: a\n  summary: b\n'],
  ])('leaves %s to the full reader', (_name, text) => {
    expect(parsePlainYaml(text)).toBeUndefined();
  });

  it('reads lists at their key\'s indent, lists of maps and nested lists', () => {
    const text = "keywords:\n- pay\n- 'it''s'\n- \"say \\\"hi\\\"\"\norder: 40\npopular: true\nsteps:\n  - title: One\n    tasks:\n      - task: a\n      -\n  - \"Two: three\"\nreviewBy: 2027-04-02\nempty:\nrelated: []\n";
    expect(parsePlainYaml(text)?.value).toEqual(full(text));
    expect(parsePlainYaml(text)?.value).toEqual({ keywords: ['pay', "it's", 'say "hi"'], order: 40, popular: true, steps: [{ title: 'One', tasks: [{ task: 'a' }, null] }, 'Two: three'], reviewBy: '2027-04-02', empty: null, related: [] });
  });

  // Text made of the pieces content files use, and the ones that trip readers up: when the
  // fast reader accepts it, its value is the full reader's.
  it('never disagrees with the full reader on generated text', () => {
    const scalar = fc.oneof(
      fc.constantFrom('Pay', 'a b', '"a\\"b"', '"a\\\\b"', '"a\\b"', '"a\\"', '007', '+5', '-3', '1234567890123456789', 'TRUE', 'tRue', 'x:y', '2026-10-02', '10', '1.5', '1e3', '0x1F', '.5', 'null', 'Null', '~', 'true', 'False', 'yes', 'no', '£10', 'a - b', '-a', "'q'", "'it''s'", '"dq"', '"a\'b"', "'", '"', 'a #b', 'a#b', '*x', '&x', '!x', '%x', '@x', '`x', '|', '>', '[a]', '{a}', '[]', '{}', '[ ]', 'a,b', '?x', ':x', 'a:', 'a: b', ''),
      fc.string({ maxLength: 6 }),
    );
    const key = fc.constantFrom('title', 'keywords', 'a', 'b', 'true', 'null', 'x-y', 'c_d', 'on');
    const line = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('key', 'key-value', 'item', 'item-value', 'item-key-value'), key, scalar).map(([indent, shape, name, value]) => {
      const pad = ' '.repeat(indent);
      switch (shape) {
        case 'key':
          return `${pad}${name}:`;
        case 'key-value':
          return `${pad}${name}: ${value}`;
        case 'item':
          return `${pad}-`;
        case 'item-value':
          return `${pad}- ${value}`;
        default:
          return `${pad}- ${name}: ${value}`;
      }
    });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        const plain = parsePlainYaml(text);
        if (plain) expect(plain.value).toEqual(full(text));
      }),
      { numRuns: 3000 },
    );
  });
});
