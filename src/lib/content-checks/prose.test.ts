import { describe, expect, it } from 'vitest';
import { checkMarkdown, checkText, hardWords, maskDigits, maskPlaceholders, pageReadingAge, wordCount, type ProseRules } from './prose.ts';

const rules: ProseRules = { readingAge: 9, maxSentenceWords: 25, wordsToAvoid: { utilise: 'use', 'prior to': 'before', submit: 'send' } };

describe('plain-language checks', () => {
  it('passes short, plain sentences', async () => {
    expect(await checkText('Put your bin out by 7am. We empty it the same day.', rules)).toEqual([]);
  });

  it('says nothing about a short sentence in everyday words that a formula once called hard', async () => {
    // 160 of the demo content's 161 warnings were sentences like this one.
    expect(await checkText('Give the names of doctors or nurses who know about your condition.', rules)).toEqual([]);
  });

  it('flags a sentence over 25 words as an error, quoting it', async () => {
    const long = 'You can ask us to collect up to three large items such as a sofa or a bed or a fridge from outside your home on any weekday that suits you best.';
    expect(await checkText(long, rules)).toEqual([
      {
        line: 1,
        column: 1,
        rules: ['sentence-length'],
        severity: 'error',
        message: 'sentence has 32 words; keep sentences to 25 words or fewer (split it in two): "You can ask us to collect up to three large items such as a sofa or a bed or a…"',
        sentence: long,
      },
    ]);
  });

  it('gives one finding for one sentence, naming every problem in it and the hard words', async () => {
    const text =
      'Short one first. Applicants must utilise the online registration application prior to the deadline, giving additional documentation about their accommodation and their eligibility for the scheme, or the council cannot decide.';
    const findings = await checkText(text, rules);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 1, column: 18, severity: 'error', rules: ['words-to-avoid', 'sentence-length'] });
    expect(findings[0]!.message).toBe(
      'sentence has 28 words; keep sentences to 25 words or fewer (split it in two); words to avoid: "utilise" (use "use") and "prior to" (use "before") (content/style/words-to-avoid.yml); hard words: "eligibility", "documentation", "accommodation", "registration" and "application": "Applicants must utilise the online registration application prior to the…"',
    );
  });

  it('counts a phone number at the end of a sentence without merging sentences', async () => {
    const text = 'Call us on 01632 960 400. Then wait for a call back from the team that looks after the roads in your area today.';
    expect(await checkText(text, rules)).toEqual([]);
    expect(maskDigits('call 999.')).toBe('call nnn.');
    expect(wordCount("Don't drop-off 3 bags.")).toBe(4);
  });

  it('names words to avoid with the plain word to use, as an error', async () => {
    const [finding, ...rest] = await checkText('Please utilise the form prior to Friday.', rules);
    expect(rest).toEqual([]);
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toBe('words to avoid: "utilise" (use "use") and "prior to" (use "before") (content/style/words-to-avoid.yml): "Please utilise the form prior to Friday."');
  });

  it('warns about the passive voice, quoting the verb, unless the sentence says who does it', async () => {
    expect((await checkText('Vehicle tax is paid to the DVLA.', rules)).map((finding) => [finding.severity, finding.message])).toEqual([
      ['warning', '"is paid" is passive: say who does it ("we will send" rather than "it will be sent"): "Vehicle tax is paid to the DVLA."'],
    ]);
    expect(await checkText('Probate is dealt with by the courts.', rules)).toEqual([]);
    expect(await checkText('We send the form by post.', rules)).toEqual([]);
  });

  it('gives the page reading age, and names its hard words', () => {
    const hard = 'Notwithstanding extraordinary administrative considerations, applicants demonstrating exceptional circumstances may alternatively request discretionary reconsideration.';
    const page = pageReadingAge([hard]);
    expect(page.age).toBeGreaterThan(9);
    expect(page.hardWords).toEqual(expect.arrayContaining(['reconsideration', 'extraordinary', 'administrative', 'circumstances']));
    expect(page.hardWords).not.toContain('request');
    expect(pageReadingAge(['Put your bin out by 7am. We empty it the same day. Tell us if we miss it.']).age).toBeLessThan(9);
  });

  it('takes long everyday words and names out of the hard words', () => {
    expect(hardWords('Riverton Council will check your eligibility and your family details.')).toEqual(['eligibility']);
  });

  it('rejects vague and bare link text in the body, with its line', async () => {
    const findings = await checkMarkdown('Read this first.\n\nTo see your bin day [click here](/find-your-bin-collection-day).\nOr go to [https://example.org/bins](https://example.org/bins).', rules);
    expect(findings.map((finding) => [finding.line, finding.severity, finding.message])).toEqual([
      [3, 'error', 'link text "click here" does not say where the link goes: describe the page, e.g. "check your bin day"'],
      [4, 'error', 'link text is a bare address (https://example.org/bins): use words that describe the page'],
    ]);
    expect(await checkMarkdown('Check [your bin collection day](/find-your-bin-collection-day).', rules)).toEqual([]);
  });

  it('does not count a link address as words of its sentence', async () => {
    const markdown = `Check [your bin day](https://example.org/${'a/'.repeat(30)}) today.`;
    expect(await checkMarkdown(markdown, rules)).toEqual([]);
  });

  it('leaves template placeholders to the placeholder check', async () => {
    expect(maskPlaceholders('[[Who can use this]] today')).toBe('                     today');
    expect(await checkText('[[Say who can use this service, e.g. "Anyone who lives in Riverton and utilises the service."]]', rules)).toEqual([]);
  });
});
