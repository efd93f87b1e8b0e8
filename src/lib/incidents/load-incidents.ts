/**
 * Reads content/incidents/: every <id>.md file, its front matter checked against the
 * incident schema. Shared by the server (which calls it again whenever the folder
 * changes), the content check and `npm run incident`, so all three agree on what is valid.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { incidentSchema, INCIDENT_ID_PATTERN, type Incident } from '../../schemas/incident.ts';
import { parseFrontMatter } from '../content/front-matter.ts';
import { contentFileKind } from '../content/paths.ts';
import { issueProblems, type ContentProblem, type LineOf } from '../content/problem.ts';

export interface IncidentFile {
  id: string;
  /** As shown in messages, relative to cwd. */
  file: string;
  /** The valid incident, or undefined when the file has an error. */
  incident?: Incident;
  /** The front matter as written, so later checks can still look at a broken file's fields. */
  data: unknown;
  lineOf: LineOf;
}

export interface LoadedIncidents {
  /** The valid incidents, newest start first. */
  incidents: Incident[];
  files: IncidentFile[];
  problems: ContentProblem[];
}

const FIELDS_HELP = 'docs/editing.md, "Tell people about a problem", lists the fields';

/** Parses one incident file's text. */
export function parseIncident(source: string, id: string, file: string): { incident?: Incident; data: unknown; problems: ContentProblem[]; lineOf: LineOf } {
  const parsed = parseFrontMatter(source);
  if (parsed.syntaxErrors.length) {
    return { data: undefined, problems: parsed.syntaxErrors.map(({ line, message }) => ({ file, line, message, severity: 'error' })), lineOf: parsed.lineOf };
  }
  const result = incidentSchema.safeParse(parsed.data);
  if (!result.success) return { data: parsed.data, problems: issueProblems(result.error.issues, parsed.lineOf, file, { fieldsHelp: FIELDS_HELP }), lineOf: parsed.lineOf };
  return { incident: { ...result.data, id }, data: parsed.data, problems: [], lineOf: parsed.lineOf };
}

/** An absent folder is no incidents, not an error: most days nothing is wrong. */
export function loadIncidents(dir: string, cwd: string = process.cwd()): LoadedIncidents {
  const files: IncidentFile[] = [];
  const problems: ContentProblem[] = [];
  if (!existsSync(dir)) return { incidents: [], files, problems };
  for (const name of readdirSync(dir).sort()) {
    const kind = contentFileKind(name);
    if (kind === 'ignored') continue;
    const file = relative(cwd, join(dir, name)) || name;
    if (kind === 'stray') {
      problems.push({ file, line: 1, message: 'is not an incident file: incident files end in .md (rename it, or remove it from the folder)', severity: 'error', check: 'incidents' });
      continue;
    }
    const id = name.slice(0, -3);
    let source: string;
    try {
      source = readFileSync(join(dir, name), 'utf8');
    } catch (error) {
      // Removed between listing and reading (an editor saving), or unreadable: say so, keep the rest.
      problems.push({ file, line: 1, message: `could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, severity: 'error', check: 'incidents' });
      continue;
    }
    const parsed = parseIncident(source, id, file);
    if (!INCIDENT_ID_PATTERN.test(id)) {
      problems.push({ file, line: 1, message: 'the file name must be the start date then a few words, like 2026-11-26-council-tax-payments.md: rename the file', severity: 'error', check: 'incidents' });
    }
    problems.push(...parsed.problems.map((problem) => ({ ...problem, check: 'incidents' })));
    files.push({ id, file, incident: parsed.incident, data: parsed.data, lineOf: parsed.lineOf });
  }
  const incidents = files.flatMap((entry) => (entry.incident ? [entry.incident] : [])).sort((a, b) => Date.parse(b.started) - Date.parse(a.started));
  return { incidents, files, problems };
}
