/**
 * The ACT harness's Markdown summary (reports/act/summary.md): targets, totals, one row per
 * claimed rule, and every miss, false flag and example not run, with the reason. The rule
 * table is the one pasted into the README.
 */
import { percent, ruleResult, TARGETS, verdict, meetsTargets, type ExampleResult, type RuleTally, type Tally } from './score.ts';

export function ruleTable(rules: readonly RuleTally[]): string {
  return [
    '| ACT rule | Criteria | Failed examples caught | Passed or inapplicable flagged | Asked a person | Not run |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rules.map(
      (rule) =>
        `| [${rule.ruleId}](https://www.w3.org/WAI/standards-guidelines/act/rules/${rule.ruleId}/) ${rule.ruleName.replaceAll('|', '\\|')} | ${rule.criteria.join(', ')} | ${rule.failed ? `${rule.caught}/${rule.failed}` : '–'} | ${rule.passedOrInapplicable ? `${rule.flagged}/${rule.passedOrInapplicable}` : '–'} | ${rule.questions} | ${rule.notRun || ''} |`,
    ),
  ].join('\n');
}

export function actSummary(input: { rules: RuleTally[]; total: Tally; results: ExampleResult[]; commit: string; date: string; seconds: number | null; workers: number; sampled: boolean; engines: string[]; axeOnly: Tally | null }): string {
  const { total, results } = input;
  const list = (kind: string, items: ExampleResult[], why: (item: ExampleResult) => string) =>
    items.length ? [`## ${kind} (${items.length})`, '', ...items.map((item) => `- ${item.ruleId} [${item.title}](${item.url}): ${why(item)}`), ''] : [];
  return [
    '# ACT Rules conformance of the accessibility audit',
    '',
    `Run ${input.date}${input.seconds === null ? ' (scored again from a saved results.json)' : ` in ${input.seconds} s with ${input.workers} workers`}, on the W3C ACT Rules test cases from [w3c/wcag-act-rules](https://github.com/w3c/wcag-act-rules) at \`${input.commit.slice(0, 12)}\`${input.sampled ? ' (a sample, not the full set)' : ''}.`,
    'An example counts as caught when the audit reports a failure, or a question for a person, on one of the rule’s WCAG criteria (for ARIA rules that decide no criterion, from the rule’s own checks). A passed or inapplicable example counts as flagged when one of the checks that implement the rule fails it; failures of the same criterion from other checks are listed apart, since a small example page often fails a criterion in another, real way.',
    '',
    `- Failed examples caught: **${total.caught} of ${total.failed} (${percent(total.caught, total.failed)})**, target at least ${TARGETS.caught * 100}%; ${total.caughtByQuestion} of them only as a question for a person.`,
    `- Passed or inapplicable examples flagged as failures: **${total.flagged} of ${total.passedOrInapplicable} (${percent(total.flagged, total.passedOrInapplicable)})**, target at most ${TARGETS.flagged * 100}%; ${total.otherFailures} more with a failure of the same criterion from another check.`,
    `- Examples with a question for a person: ${total.questions}.`,
    `- Examples not run (they need media or other sites): ${total.notRun}.`,
    `- ${meetsTargets(total) ? 'Both targets are met.' : '**A target is missed.**'}`,
    `- Engines: ${input.engines.join(', ')}.`,
    ...(input.axeOnly
      ? [`- Without IBM Equal Access: ${input.axeOnly.caught} of ${input.axeOnly.failed} failed examples caught (${percent(input.axeOnly.caught, input.axeOnly.failed)}), ${input.axeOnly.flagged} of ${input.axeOnly.passedOrInapplicable} others flagged (${percent(input.axeOnly.flagged, input.axeOnly.passedOrInapplicable)}), ${input.axeOnly.questions} examples with a question.`]
      : []),
    '',
    ruleTable(input.rules),
    '',
    ...list('Failed examples missed', results.filter((item) => verdict(item) === 'missed'), (item) => (item.errors ? `not audited (${item.errors.join('; ')})` : 'nothing reported on its criteria')),
    ...list('Passed or inapplicable examples flagged', results.filter((item) => verdict(item) === 'flagged'), (item) => item.failures.filter((failure) => item.own.includes(failure.rule)).map((failure) => `${failure.rule} (${failure.engines.join(', ')}) on ${failure.selector ?? 'the page'}`).join('; ')),
    ...list('Passed or inapplicable examples with a failure of the same criterion from another check', results.filter((item) => item.expected !== 'failed' && verdict(item) === 'clean' && item.failures.length), (item) => item.failures.map((failure) => `${failure.rule} (${failure.engines.join(', ')}) on ${failure.selector ?? 'the page'}`).join('; ')),
    ...list('Not run', results.filter((item) => item.notRun), (item) => item.notRun ?? ''),
    ...list('Checks that crashed', results.filter((item) => item.errors && verdict(item) !== 'missed'), (item) => item.errors!.join('; ')),
    ...list('Audited a second time after an error (the second result counts)', results.filter((item) => item.retriedAfter), (item) => item.retriedAfter!.join('; ')),
    `Each claimed rule’s result in one line: ${input.rules.map((rule) => `${rule.ruleId} ${ruleResult(rule)}`).join('; ')}.`,
    '',
  ].join('\n');
}
