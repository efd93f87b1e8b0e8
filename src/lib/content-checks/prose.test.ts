import { describe, expect, it } from 'vitest';
import { checkMarkdown, checkText, longSentences, maskDigits, pageReadingAge, type ProseRules } from './prose.ts';

const rules: ProseRules = { readingAge: 9, maxSentenceWords: 25, wordsToAvoid: { utilise: 'use', 'prior to': 'before', submit: 'send' } };
const rulesOf = async (text: string) => (await checkText(text, rules)).map((finding) => `${finding.rule}/${finding.severity}`);

describe('plain-language checks', () => {
  it('passes short, plain sentences', async () => {
    expect(await checkText('Put your bin out by 7am. We empty it the same day.', rules)).toEqual([]);
  });

  it('flags a sentence over 25 words as an error, quoting it', async () => {
    const long = 'You can ask us to collect up to three large items such as a sofa or a bed or a fridge from outside your home on any weekday that suits you best.';
    const [finding] = await checkText(long, rules);
    expect(finding).toMatchObject({ rule: 'sentence-length', severity: 'error', line: 1 });
    expect(finding?.message).toMatch(/^sentence has 3\d words; keep sentences to 25 words or fewer \(split it in two\): "You can ask us/);
  });

  it('counts a phone number at the end of a sentence without merging sentences', () => {
    const text = 'Call us on 01632 960 400. Then wait for a call back from the team that looks after the roads in your area today.';
    expect(longSentences(text, 25)).toEqual([]);
    expect(maskDigits('call 999.')).toBe('call nnn.');
  });

  it('flags words to avoid with the plain alternative, including phrases', async () => {
    const findings = await checkText('Please utilise the form prior to Friday.', rules);
    expect(findings.map((finding) => finding.message)).toEqual([
      '"utilise" is a word to avoid: use "use" instead (content/style/words-to-avoid.yml)',
      '"prior to" is a word to avoid: use "before" instead (content/style/words-to-avoid.yml)',
    ]);
    expect(findings.every((finding) => finding.severity === 'error')).toBe(true);
  });

  it('warns about passive voice', async () => {
    expect(await rulesOf('The form was sent by post.')).toContain('passive/warning');
    expect(await rulesOf('We send the form by post.')).not.toContain('passive/warning');
  });

  it('warns about a hard sentence, and the page average fails above age 9', async () => {
    const hard = 'Notwithstanding extraordinary administrative considerations, applicants demonstrating exceptional circumstances may alternatively request discretionary reconsideration.';
    expect(await rulesOf(hard)).toContain('reading-age/warning');
    expect(pageReadingAge([hard]).age).toBeGreaterThan(9);
    expect(pageReadingAge(['Put your bin out by 7am. We empty it the same day. Tell us if we miss it.']).age).toBeLessThan(9);
  });

  it('rejects vague and bare link text in the body, with its line', async () => {
    const findings = await checkMarkdown('Read this first.\n\nTo see your bin day [click here](/find-your-bin-collection-day).\nOr go to [https://example.org/bins](https://example.org/bins).', rules);
    expect(findings.filter((finding) => finding.rule === 'link-text').map((finding) => [finding.line, finding.severity])).toEqual([[3, 'error'], [4, 'error']]);
    expect((await checkMarkdown('Check [your bin collection day](/find-your-bin-collection-day).', rules)).filter((finding) => finding.rule === 'link-text')).toEqual([]);
  });
});
