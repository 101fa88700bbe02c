import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface StackProcess {
  url: string;
  apiKey: string;
  process: ChildProcess;
}

/**
 * `npm start` as a user runs it, in a process of its own on a free port and the given state
 * folder (the real Postgres when DATABASE_URL is set), so a test can kill it as a crash would.
 * Its output goes to stack.log in the state folder.
 */
export async function startStackProcess(stateDir: string, apiKey: string): Promise<StackProcess> {
  const port = await freePort();
  const log = openSync(join(stateDir, 'stack.log'), 'a');
  // As package.json's start script runs it: one process, with tsx as a loader. (tsx's CLI runs the
  // script in a child and relays signals with a 30 ms window; under load it SIGKILLed the child
  // before it could stop wrangler, which was left running.)
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'cli/start.ts')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, PORT: String(port), METERLINE_STATE_DIR: stateDir, METERLINE_DEV_API_KEY: apiKey },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`npm start exited with ${child.exitCode}; see ${stateDir}/stack.log`);
    }
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    ) {
      return { url, apiKey, process: child };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await killProcessTree(child.pid!);
  throw new Error(`npm start did not answer within 120 s; see ${stateDir}/stack.log`);
}

/** SIGKILL to the stack and every process it started (workerd included), as a power cut would. */
export async function killProcessTree(pid: number): Promise<void> {
  const all = [pid, ...descendantsOf(pid)];
  for (const p of all) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await waitUntilGone(all);
}

/** Ctrl-C: SIGINT to `npm start`, which stops what it started; then nothing of it may be left. */
export async function interruptStack(pid: number): Promise<void> {
  const all = [pid, ...descendantsOf(pid)];
  process.kill(pid, 'SIGINT');
  await waitUntilGone(all);
}

async function waitUntilGone(pids: number[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > deadline) {
      throw new Error(`processes still running: ${pids.filter(alive).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function alive(pid: number): boolean {
  try {
    // A zombie still answers signal 0; its state in /proc says it is dead.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Every process below `pid`, read from /proc (wrangler runs in a process group of its own). */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const walk = (p: number) => (children.get(p) ?? []).forEach((c) => (found.push(c), walk(c)));
  walk(pid);
  return found;
}
