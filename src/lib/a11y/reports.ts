/** Writes the three reports: index.html for people, report.json for tools, junit.xml for CI. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditReport } from '../../schemas/a11y.ts';
import { reportHtml } from './report-html.ts';
import { junitXml } from './report-junit.ts';

export function writeReports(outDir: string, report: AuditReport): { html: string; json: string; junit: string } {
  mkdirSync(outDir, { recursive: true });
  const files = { html: join(outDir, 'index.html'), json: join(outDir, 'report.json'), junit: join(outDir, 'junit.xml') };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.junit, junitXml(report));
  writeFileSync(files.html, reportHtml(report));
  return files;
}
