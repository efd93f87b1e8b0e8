/**
 * npm run incident — tell people about a problem with a service, from the terminal.
 *
 *   npm run incident -- open --affects pay-your-council-tax --impact down --title "…" --workaround "…"
 *   npm run incident -- update <id> "What we know now" [--status identified] [--next 2h]
 *   npm run incident -- resolve <id> "What was wrong and what people should do now"
 *   npm run incident -- list
 *
 * Each writes content/incidents/<id>.md (the running server shows it within a minute, no
 * rebuild), keeps updates newest first, then runs the incident content check.
 * In a terminal with no arguments, it asks what to do, one question at a time.
 * Exit codes: 0 written and the check passes; 1 written but the check found errors in the
 * incident files; 2 nothing written (wrong options, unknown id, a value the schema refuses).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EXIT, fail, parseCli } from '../lib/cli/cli.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { contentDir } from '../lib/content/paths.ts';
import { formatProblem } from '../lib/content/problem.ts';
import { checkIncidents } from '../lib/content-checks/incidents-check.ts';
import {
  IncidentInputError,
  isStatus,
  newIncidentId,
  openIncident,
  parseWhen,
  readIncidentFile,
  renderIncidentFile,
  resolveIncident,
  updateIncident,
} from '../lib/incidents/edit-incident.ts';
import { loadIncidents } from '../lib/incidents/load-incidents.ts';
import { incidentsDir } from '../lib/incidents/live.ts';
import { phaseOf } from '../lib/incidents/state.ts';
import { ALL_SERVICES, IMPACTS, INCIDENT_STATUSES, type IncidentInput, type Impact } from '../schemas/incident.ts';

const ACTIONS = ['open', 'update', 'resolve', 'list'] as const;

const { values, positionals } = parseCli({
  usage: 'npm run incident -- <open|update|resolve|list> [id] [text] [options]',
  summary: `Tells people about a problem with an online service. Writes content/incidents/<id>.md,
which the running portal shows on the task pages, the home page and /status within a minute
(no rebuild), then checks the incident files. In a terminal with nothing else given, it asks.`,
  positionals: '<open|update|resolve|list> [id] [text]',
  options: {
    affects: { type: 'string', multiple: true, valueName: 'task', description: 'open: a task slug it affects (repeat, or separate with commas); "all" for every service' },
    impact: { type: 'string', choices: IMPACTS, description: 'open: down (does not work), degraded (works with problems) or planned (planned work)' },
    title: { type: 'string', valueName: 'text', description: 'open: what is wrong, in a resident\'s words: "Paying council tax online is not working"' },
    workaround: { type: 'string', valueName: 'text', description: 'open: what to do instead; a phone number in it becomes a link to call' },
    update: { type: 'string', valueName: 'text', description: 'open: the first update (default: we know and are working on it)' },
    from: { type: 'string', valueName: 'time', description: 'open, planned work: when it starts, e.g. 2026-12-05T08:00:00Z' },
    to: { type: 'string', valueName: 'time', description: 'open, planned work: when it ends' },
    status: { type: 'string', choices: INCIDENT_STATUSES.filter((status) => status !== 'resolved'), description: 'open or update: investigating, identified or monitoring' },
    next: { type: 'string', valueName: 'when', description: 'open or update: when the next update is due: a time (2026-11-26T18:00:00Z) or a span (2h, 30m)' },
  },
  json: 'print {action, id, file, incident, check} as JSON',
  notes: `Examples:
  npm run incident -- open --affects pay-your-council-tax --impact down \\
    --title "Paying council tax online is not working" --workaround "Pay by phone on 01632 960 200"
  npm run incident -- update 2026-11-26-paying-council-tax-online-is-not "Our card provider is fixing a fault" --status identified --next 2h
  npm run incident -- resolve 2026-11-26-paying-council-tax-online-is-not "Payments work again"
Times are written in UTC. The folder is TASKFRONT_INCIDENTS_DIR, else content/incidents.`,
  done: 'written, and the incident files pass the check',
  problems: 'written, but the check found errors in the incident files',
  cannotRun: 'nothing written: a wrong option, an unknown id, or a value that is not allowed',
});

const dir = incidentsDir();
const now = new Date();
const shown = (path: string) => relative(process.cwd(), path) || path;
const out = values.json ? process.stderr : process.stdout;
const interactive = positionals.length === 0 && Boolean(process.stdin.isTTY && process.stdout.isTTY);

async function ask(): Promise<{ action: string; args: string[]; options: typeof values }> {
  const rl = createInterface({ input: process.stdin, output: out });
  rl.on('SIGINT', () => {
    rl.close();
    fail('Stopped; nothing was written.', EXIT.problems);
  });
  const question = async (text: string, check: (answer: string) => string | undefined = () => undefined): Promise<string> => {
    for (;;) {
      const answer = (await rl.question(`${text} `)).trim();
      const problem = check(answer);
      if (!problem) return answer;
      out.write(`  ${problem}\n`);
    }
  };
  const required = (answer: string) => (answer ? undefined : 'Please type an answer.');
  const action = await question(`What do you want to do? (${ACTIONS.join(', ')})`, (answer) => ((ACTIONS as readonly string[]).includes(answer) ? undefined : `Type one of: ${ACTIONS.join(', ')}`));
  const options = { ...values };
  const args: string[] = [];
  if (action === 'open') {
    options.affects = [await question('Which tasks does it affect? (task slugs separated by commas, or "all")', required)];
    options.impact = await question(`What is the impact? (${IMPACTS.join(', ')})`, (answer) => ((IMPACTS as readonly string[]).includes(answer) ? undefined : `Type one of: ${IMPACTS.join(', ')}`));
    options.title = await question('Title, in a resident\'s words (e.g. "Paying council tax online is not working"):', required);
    if (options.impact === 'planned') {
      options.from = await question('When does the work start? (e.g. 2026-12-05T08:00:00Z)', required);
      options.to = await question('When does it end?', required);
    }
    options.workaround = await question('What can people do instead? (phone numbers become links)', required);
    options.update = (await question('First update (Enter for "We know about this problem and are working to fix it."):')) || undefined;
    options.next = (await question('When is the next update due? (e.g. 2h, or Enter for none)')) || undefined;
  } else if (action === 'update' || action === 'resolve') {
    listIncidents(true);
    args.push(await question('Which incident? (its id)', required));
    args.push(await question(action === 'update' ? 'What is the update?' : 'What was wrong, and is there anything people need to do now?', required));
    if (action === 'update') options.next = (await question('When is the next update due? (e.g. 2h, or Enter to keep)')) || undefined;
  }
  rl.close();
  return { action, args, options };
}

function listIncidents(openOnly = false): void {
  const { incidents, problems } = loadIncidents(dir);
  const rows = incidents.filter((incident) => !openOnly || phaseOf(incident, now) !== 'finished');
  if (values.json && !openOnly) {
    console.log(JSON.stringify({ action: 'list', incidents: rows.map((incident) => ({ ...incident, phase: phaseOf(incident, now) })), problems }, null, 2));
    return;
  }
  if (!rows.length) out.write(openOnly ? 'There are no open incidents.\n' : `There are no incidents in ${shown(dir)}.\n`);
  for (const incident of rows) out.write(`  ${incident.id}  ${incident.impact}, ${phaseOf(incident, now) === 'finished' ? 'resolved' : incident.status}: ${incident.title}\n`);
  for (const problem of problems) out.write(`  ! ${formatProblem(problem)}\n`);
}

function toList(raw: string[] | undefined): string[] {
  return (raw ?? []).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
}

function when(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const parsed = parseWhen(raw, now);
  if (!parsed) fail(`--${name} "${raw}" is not a time: give a date and time with a zone, like 2026-11-26T18:00:00Z, or a span from now, like 2h or 30m`);
  return parsed;
}

function write(id: string, data: IncidentInput, body: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${id}.md`);
  // Written whole, then renamed into place: the server's watcher never reads half a file.
  const temporary = join(dir, `.${id}.md.tmp`);
  writeFileSync(temporary, renderIncidentFile(data, body));
  renameSync(temporary, path);
  return path;
}

function finish(action: string, id: string, path: string): never {
  const content = loadContent({ root: contentDir() });
  const problems = checkIncidents(dir, content, process.cwd(), now);
  const errors = problems.filter((problem) => problem.severity === 'error');
  const written = readFileSync(path, 'utf8');
  if (values.json) {
    console.log(JSON.stringify({ action, id, file: shown(path), incident: loadIncidents(dir).incidents.find((incident) => incident.id === id) ?? null, check: { errors: errors.length, warnings: problems.length - errors.length, problems } }, null, 2));
  } else {
    const verb = action === 'open' ? 'Opened' : action === 'update' ? 'Updated' : 'Resolved';
    out.write(`${verb} ${id}: wrote ${shown(path)} (${written.length} bytes).\n`);
    out.write(action === 'resolve' ? 'It moves to the history on /status; task pages stop showing it within a minute.\n' : 'The running portal shows it on the task pages, the home page (if a service is down) and /status within a minute.\n');
    for (const problem of problems) out.write(`${problem.severity === 'error' ? 'Error' : 'Warning'}: ${formatProblem(problem)}\n`);
    out.write(`Check: ${errors.length} error${errors.length === 1 ? '' : 's'}, ${problems.length - errors.length} warning${problems.length - errors.length === 1 ? '' : 's'} in the incident files.\n`);
  }
  process.exit(errors.length ? EXIT.problems : EXIT.ok);
}

const request = interactive ? await ask() : { action: positionals[0] ?? '', args: positionals.slice(1), options: values };
const { action, args, options } = request;
if (!(ACTIONS as readonly string[]).includes(action)) {
  fail(action ? `"${action}" is not something this tool does: use open, update, resolve or list. Run npm run incident -- --help to see how.` : 'Say what to do: open, update, resolve or list. Run npm run incident -- --help to see how.');
}

try {
  if (action === 'list') {
    listIncidents();
    process.exit(EXIT.ok);
  }
  if (action === 'open') {
    if (args.length) fail(`open takes options only (got "${args.join(' ')}"): give the title with --title "…"`);
    const missing = (['affects', 'impact', 'title', 'workaround'] as const).filter((name) => !options[name] || (Array.isArray(options[name]) && !options[name].length)).map((name) => `--${name}`);
    if (options.impact === 'planned') missing.push(...(['from', 'to'] as const).filter((name) => !options[name]).map((name) => `--${name}`));
    if (missing.length) fail(`Missing ${missing.join(', ')}. For example:\n  npm run incident -- open --affects pay-your-council-tax --impact down --title "Paying council tax online is not working" --workaround "Pay by phone on 01632 960 200"`);
    const affects = toList(options.affects);
    const content = loadContent({ root: contentDir() });
    const slugs = new Set(content.tasks.filter((task) => task.kind !== 'signpost').map((task) => task.slug));
    const unknown = affects.filter((slug) => slug !== ALL_SERVICES && !slugs.has(slug));
    if (unknown.length) fail(`--affects: ${unknown.map((slug) => `"${slug}"`).join(', ')} ${unknown.length === 1 ? 'is not a council service' : 'are not council services'}: use a file name from content/tasks/ without .md (not a signpost), or "all"`);
    const from = when('from', options.from);
    const to = when('to', options.to);
    const data = openIncident({
      title: options.title!, affects, impact: options.impact as Impact, workaround: options.workaround!,
      update: options.update, status: options.status && isStatus(options.status) ? options.status : undefined,
      nextUpdate: when('next', options.next), ...(from && to ? { scheduled: { from, to } } : {}),
    }, now);
    const id = newIncidentId(options.title!, options.impact === 'planned' && from ? new Date(from) : now, dir);
    finish('open', id, write(id, data, ''));
  }
  const [id, text, ...extra] = args;
  if (!id || !text) fail(`${action} needs the incident's id and the text, in quotes: npm run incident -- ${action} <id> "${action === 'update' ? 'What we know now' : 'What was wrong and what to do now'}"`);
  if (extra.length) fail(`Put the text in quotes: it was read as ${args.length - 1} separate words ("${extra[0]}" …)`);
  const { data, body } = readIncidentFile(join(dir, `${id}.md`), id);
  const next = action === 'update' ? updateIncident(data, { text, status: options.status && isStatus(options.status) ? options.status : undefined, nextUpdate: when('next', options.next) }, now) : resolveIncident(data, text, now);
  finish(action, id, write(id, next, body));
} catch (error) {
  if (error instanceof IncidentInputError) fail(`Nothing was written:\n${error.problems.map((problem) => `  - ${problem}`).join('\n')}`);
  throw error;
}
