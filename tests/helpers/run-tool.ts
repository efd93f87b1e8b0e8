/** Runs one of the project's command-line tools as a person would, and keeps what it printed and its exit code. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `tool` is a path from the project folder, e.g. `src/cli/feedback.ts`. */
export function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, tool), ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
