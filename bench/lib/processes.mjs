// Every process the benchmark starts goes through here: each runs in its own process group (detached), is
// recorded, and is stopped — group and all — on success, on error and on Ctrl-C/SIGTERM (see stopAll).
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @type {Set<{ name: string, child: import('node:child_process').ChildProcess }>} */
const running = new Set();

/**
 * Starts a command in its own process group; output goes to `logFile`.
 * @returns {{ name: string, child: import('node:child_process').ChildProcess, exited: Promise<number> }}
 */
export function start(name, command, args, { cwd, env, logFile, ipc = false }) {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])] });
  // Two sources into one file: neither may end it (the other could still write), it is closed when the child exits.
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  child.on('close', () => log.end());
  const entry = { name, child };
  running.add(entry);
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(entry);
      resolve(code ?? (signal ? 128 : 1));
    });
    child.on('error', () => {
      running.delete(entry);
      resolve(127);
    });
  });
  return { ...entry, exited };
}

/** Runs a command to completion (a build), with the same group handling; resolves with its exit code. */
export async function runToEnd(name, command, args, options) {
  const p = start(name, command, args, options);
  return p.exited;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Freezes (SIGSTOP) or resumes (SIGCONT) a whole process group: the API phase measures one server at a time while
 * the others are frozen, so their timers, flushes and GCs do not steal one of the two cores from the one measured.
 */
export function pause(p) {
  killGroup(p.child, 'SIGSTOP');
}
export function resume(p) {
  killGroup(p.child, 'SIGCONT');
}

/** Stops one process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(p, graceMs = 5000) {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const gone = new Promise((resolve) => p.child.once('exit', resolve));
  killGroup(p.child, 'SIGTERM');
  killGroup(p.child, 'SIGCONT'); // a frozen group only handles SIGTERM once resumed
  const timer = setTimeout(() => killGroup(p.child, 'SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
  // Children of the group that outlived their leader.
  killGroup(p.child, 'SIGKILL');
}

/** Stops everything still running (in parallel). Safe to call more than once. */
export async function stopAll() {
  await Promise.all([...running].map((p) => stop(p, 3000)));
}

/** Synchronous last resort for process exit: SIGKILL every group we started. */
export function killAllNow() {
  for (const p of running) killGroup(p.child, 'SIGKILL');
}

/**
 * Every process of the group led by `pgid`, from /proc (Linux): its pid and the `stat` fields after the
 * parenthesised command name (`state ppid pgrp session … utime stime …`, i.e. field N of proc(5) is fields[N - 3]).
 */
function* groupMembers(pgid) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(path.join('/proc', entry, 'stat'), 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) yield { pid: entry, fields };
    } catch {
      /* the process ended while we looked */
    }
  }
}

/** Resident memory (bytes) of every process in the group led by `pid`, read from /proc (Linux). */
export function groupRss(pid) {
  let total = 0;
  for (const member of groupMembers(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(path.join('/proc', member.pid, 'status'), 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      /* the process ended while we looked */
    }
  }
  return total;
}

/** CPU time (utime + stime, milliseconds) used so far by every process of the group led by `pgid`. */
export function groupCpuMs(pgid) {
  const TICK_MS = 10; // USER_HZ = 100 on Linux
  let ticks = 0;
  for (const { fields } of groupMembers(pgid)) ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  return ticks * TICK_MS;
}
