/** Writes the reports: index.html for people, report.json for tools, junit.xml for CI, earl.jsonld (W3C EARL). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditReport } from '../../schemas/a11y.ts';
import { reportHtml } from './report-html.ts';
import { earlReport } from './report-earl.ts';
import { junitXml } from './report-junit.ts';

/** `base`: the address pages are relative to, so EARL can name each page in full. */
export function writeReports(outDir: string, report: AuditReport, base: string): { html: string; json: string; junit: string; earl: string } {
  mkdirSync(outDir, { recursive: true });
  const files = { html: join(outDir, 'index.html'), json: join(outDir, 'report.json'), junit: join(outDir, 'junit.xml'), earl: join(outDir, 'earl.jsonld') };
  writeFileSync(files.earl, `${JSON.stringify(earlReport(report, base), null, 2)}\n`);
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.junit, junitXml(report));
  writeFileSync(files.html, reportHtml(report));
  return files;
}
