/**
 * Page side of IBM's Equal Access engine (accessibility-checker-engine, put on the page as
 * `window.ace` by checks/ibm.ts): runs its WCAG 2.2 A and AA guideline, maps each rule to
 * the criteria that guideline files it under, and names each element the way our other
 * checks do. Elements axe already reported are matched here, where both can be resolved
 * to the same node, so a problem two engines see is one problem with two engine names.
 */
import { ref, selectorOf } from '../page/elements.ts';
import type { IbmItem } from '../page/types.ts';

interface AceResult {
  ruleId: string;
  reasonId: string;
  value: [string, string];
  path: { dom: string };
  message: string;
  snippet: string;
}
interface AceCheckpoint {
  num: string;
  wcagLevel: string;
  rules?: { id: string; reasonCodes?: string[]; level: string }[];
}
interface Ace {
  Checker: new () => {
    getGuidelines(): { id: string; checkpoints: AceCheckpoint[] }[];
    check(node: Document, guidelines: string[]): Promise<{ results: AceResult[] }>;
  };
}

const GUIDELINE = 'WCAG_2_2';

function nodeAt(xpath: string): Element | null {
  try {
    const found = document.evaluate(xpath, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
    return found instanceof Element ? found : null;
  } catch {
    return null;
  }
}

/**
 * `known`: elements other engines reported, by selector, each with its criteria and a key;
 * an IBM result on the same element and a shared criterion names that key in `sameAs`.
 */
export async function ibm(known: { key: string; selector: string; criteria: string[] }[]): Promise<IbmItem[]> {
  const ace = (window as unknown as { ace?: Ace }).ace;
  if (!ace) throw new Error('the IBM engine is not on the page');
  const checker = new ace.Checker();
  const guideline = checker.getGuidelines().find((item) => item.id === GUIDELINE);
  if (!guideline) throw new Error(`the IBM engine has no ${GUIDELINE} guideline`);
  // Rule (and reason, when the guideline narrows it) → the A and AA criteria it decides.
  const criteriaOf = new Map<string, { criteria: Set<string>; reasons: Set<string> | null }>();
  for (const checkpoint of guideline.checkpoints) {
    if (checkpoint.wcagLevel !== 'A' && checkpoint.wcagLevel !== 'AA') continue;
    for (const rule of checkpoint.rules ?? []) {
      if (rule.level !== 'VIOLATION') continue;
      const entry = criteriaOf.get(rule.id) ?? { criteria: new Set<string>(), reasons: rule.reasonCodes ? new Set<string>() : null };
      entry.criteria.add(checkpoint.num);
      if (rule.reasonCodes && entry.reasons) for (const code of rule.reasonCodes) entry.reasons.add(code);
      else entry.reasons = null;
      criteriaOf.set(rule.id, entry);
    }
  }
  const knownElements = known.flatMap((item) => {
    if (item.selector.includes('>>>')) return [];
    try {
      const el = document.querySelector(item.selector);
      return el ? [{ ...item, el }] : [];
    } catch {
      return [];
    }
  });
  const report = await checker.check(document, [GUIDELINE]);
  const items: IbmItem[] = [];
  for (const result of report.results) {
    const [policy, outcome] = result.value;
    if (policy !== 'VIOLATION' || (outcome !== 'FAIL' && outcome !== 'POTENTIAL' && outcome !== 'MANUAL')) continue;
    const mapping = criteriaOf.get(result.ruleId);
    if (!mapping || (mapping.reasons && !mapping.reasons.has(result.reasonId))) continue;
    const criteria = [...mapping.criteria];
    const el = nodeAt(result.path.dom);
    const page = !el || el === document.documentElement || el === document.body;
    const sameAs = el ? knownElements.find((item) => item.el === el && item.criteria.some((number) => criteria.includes(number)))?.key ?? null : null;
    items.push({
      rule: result.ruleId,
      reason: result.reasonId,
      outcome: outcome === 'FAIL' ? 'fail' : outcome === 'POTENTIAL' ? 'potential' : 'manual',
      criteria,
      message: result.message,
      element: el && !page ? ref(el) : el ? { selector: selectorOf(el), html: result.snippet, text: '' } : null,
      sameAs,
    });
  }
  return items;
}
