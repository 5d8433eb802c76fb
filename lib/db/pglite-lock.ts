// The lock that keeps a second process off an embedded (PGlite) data directory: PGlite is an in-process database
// and two processes on one data directory corrupt it. `<dir>.lock` holds the owner's pid. It is created
// atomically (a hard link of a file that already holds the pid fails with EEXIST when the lock exists), so two
// processes starting at the same instant cannot both take it, and a reader never sees a half-written lock. A lock
// whose process is gone (kill -9, a crash, a container restart) is taken over, under a second lock so that two
// processes finding the same stale lock cannot both take it.
import 'server-only';
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';

/** Past this age a takeover lock whose owner is alive is still treated as abandoned (a takeover takes µs). */
const TAKEOVER_STALE_MS = 10_000;

class DataDirInUseError extends Error {
  constructor(dataDir: string, owner: number | null) {
    super(
      `The embedded database ${dataDir} is in use by ${owner ? `process ${owner}` : 'another process'} (is \`npm run dev\` or \`npm start\` running?). ` +
        'Stop it first, point PGLITE_DATA_DIR elsewhere, or use DATABASE_URL.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Takes the lock or throws DataDirInUseError; returns the release function (also run at process exit). */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  // The pid is written before the lock exists: the link makes it appear complete, in one step.
  const candidate = `${lockFile}.${process.pid}`;
  writeFileSync(candidate, String(process.pid));
  try {
    acquire(dataDir, lockFile, candidate);
  } finally {
    rmSync(candidate, { force: true });
  }
  const release = () => {
    try {
      if (readOwner(lockFile) === process.pid) rmSync(lockFile);
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return release;
}

function acquire(dataDir: string, lockFile: string, candidate: string): void {
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryLink(candidate, lockFile)) return;
    const owner = readOwner(lockFile);
    if (owner === process.pid) return;
    if (owner !== null && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
    // Gone (or unreadable): take it over, unless another process is doing exactly that right now; then look again.
    if (takeOverStale(lockFile, candidate, owner)) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  throw new DataDirInUseError(dataDir, readOwner(lockFile));
}

/**
 * Replaces a stale lock (owner `stale`, or no readable owner) with ours. Holding `<lock>.takeover` makes the
 * check-and-replace one step between processes: whoever holds it re-reads the lock, and only if it still names
 * the dead owner replaces it. True when the lock is ours.
 */
function takeOverStale(lockFile: string, candidate: string, stale: number | null): boolean {
  const takeover = `${lockFile}.takeover`;
  if (!tryLink(candidate, takeover)) {
    const holder = readOwner(takeover);
    if (holder !== null && isAlive(holder) && !olderThan(takeover, TAKEOVER_STALE_MS)) return false;
    // The previous taker died mid-takeover; clear its marker and try once more.
    rmSync(takeover, { force: true });
    if (!tryLink(candidate, takeover)) return false;
  }
  try {
    const owner = readOwner(lockFile);
    if (owner !== stale && owner !== null) return owner === process.pid;
    rmSync(lockFile, { force: true });
    return tryLink(candidate, lockFile);
  } finally {
    rmSync(takeover, { force: true });
  }
}

function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function readOwner(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function olderThan(file: string, ms: number): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs > ms;
  } catch {
    return true;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
