/** The check report as text (grouped by file), GitHub annotations or JSON. */
import type { CheckReport } from './run-checks.ts';

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  const byFile = Map.groupBy(report.problems, (problem) => problem.file);
  for (const [file, problems] of byFile) {
    const errors = problems.filter((problem) => problem.severity === 'error').length;
    lines.push(`${file} (${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'})`);
    for (const problem of problems) {
      lines.push(`  ${problem.severity === 'error' ? 'error  ' : 'warning'} ${file}:${problem.line} ${problem.field ? `${problem.field}: ` : ''}${problem.message}  [${problem.check}]`);
    }
    lines.push('');
  }
  for (const skipped of report.skipped) lines.push(`Not run: ${skipped.reason}.`);
  lines.push(`${report.filesChecked} file${report.filesChecked === 1 ? '' : 's'} checked (${report.checks.join(', ')}): ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'}.`);
  return lines.join('\n');
}

/** GitHub Actions workflow commands: each problem becomes an annotation on its line. */
export function formatGithub(report: CheckReport): string {
  const escape = (value: string) => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (value: string) => escape(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return report.problems
    .map((problem) => `::${problem.severity} file=${property(problem.file)},line=${problem.line},title=${property(`${problem.check}${problem.field ? `: ${problem.field}` : ''}`)}::${escape(problem.message)}`)
    .join('\n');
}
