import { describe, expect, it } from 'vitest';
import { parseYaml } from './yaml-source.ts';

const errors = (text: string) => parseYaml(text, 1).syntaxErrors;

describe('YAML mistakes in an editor’s words', () => {
  it('asks for quotes around text with a colon in it, showing the line fixed', () => {
    expect(errors('title: Pay\nsummary: Pay your tax: online or by phone.\ntopic: money\n')).toEqual([
      { line: 3, field: 'summary', message: 'put the text in quotes because it contains a colon, like this: summary: "Pay your tax: online or by phone."' },
    ]);
  });

  // Alike in shape to the case above: each pins the exact fix an editor is shown for one YAML mistake.
  it('keeps the indent and the list dash of a step, and uses single quotes when the text has double ones', () => {
    expect(errors('steps:\n  - title: Check: your "bin" day\n    text: ok\n')).toEqual([
      { line: 3, field: 'title', message: 'put the text in quotes because it contains a colon, like this:   - title: \'Check: your "bin" day\'' },
    ]);
  });

  it('points at the line where a quote was opened and never closed', () => {
    expect(errors('title: Pay\nsummary: "Pay your tax\ntopic: money\n')).toEqual([
      { line: 3, field: 'summary', message: 'the text opens a quote mark but never closes it: add the same quote mark at the end of the text' },
    ]);
  });

  it('points at a list opened with "[" and never closed', () => {
    expect(errors('title: Pay\ncost: [unclosed\ntimeToComplete: About 5 minutes\n')).toEqual([
      { line: 3, field: 'cost', message: 'the "[" here opens a list that is never closed: add "]" at its end, or, if the "[" is part of the text, put all the text in quotes' },
    ]);
  });

  it('names a field given twice, a tab, and a line indented too far, once each', () => {
    expect(errors('title: a\ntitle: b\n')).toEqual([{ line: 3, field: 'title', message: '"title" is given twice: keep one and delete the other' }]);
    expect(errors('steps:\n\t- title: a\n')[0]).toMatchObject({ line: 3, message: 'this line is indented with a tab: use spaces instead (2 for each level)' });
    expect(errors('title: a\n  summary: b\n')).toEqual([
      { line: 3, field: 'summary', message: 'this line is indented more than the field above it: line it up with that field, or, if it carries on the text above, put all the text in quotes' },
    ]);
  });

  it('asks for quotes around text that starts with a mark YAML keeps for itself', () => {
    expect(errors('title: Pay\nsummary: *Free* parking on Sundays\n')).toEqual([
      { line: 3, field: 'summary', message: 'text cannot start with "*" unless it is in quotes: write summary: "*Free* parking on Sundays"' },
    ]);
    expect(errors('summary: @home visits\n')).toEqual([
      { line: 2, field: 'summary', message: 'text cannot start with "@" unless it is in quotes: write summary: "@home visits"' },
    ]);
  });

  it('still says something useful about a slip it has no words for', () => {
    const [problem] = errors('summary: ok\nother: [a, b]]\n');
    expect(problem?.message).toMatch(/^the fields cannot be read from this line \(the YAML reader says: .+\): check it for a missing quote mark, a colon in the text, or uneven spaces$/);
  });
});
