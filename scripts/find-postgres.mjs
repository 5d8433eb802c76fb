#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the tests: initdb into a fresh temp directory, listening on 127.0.0.1 only
// (unix socket inside that directory), on a free port in 55400-55499, with a role `orbit` and a database `orbit`.
// Stopped and deleted by stop(), and at process exit whatever the cause (failure, SIGINT, SIGTERM). No Docker: the
// server binaries of Debian's `postgresql` package (.ci/run installs it), or any on PATH.
//
// initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user (runuser). Without
// binaries, or as an ordinary user who cannot use them, findPostgres() says why and the caller skips.
//
// Used by scripts/test.mjs (ORBIT_TEST_DATABASE_URL for the `postgres` Playwright project and the migrator test).
// CLI: node scripts/find-postgres.mjs           prints the binaries found (exit 0) or why none (exit 1)
//      node scripts/find-postgres.mjs --start   starts a cluster, prints its DATABASE_URL, stops on Ctrl-C
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PORT_RANGE = [55400, 55499];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function isExecutable(file) {
  return spawnSync(file, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** The directory holding initdb, pg_ctl and psql: ORBIT_POSTGRES_BIN, PATH, then Debian's /usr/lib/postgresql/<v>/bin. */
export function findPostgres() {
  const candidates = [];
  if (process.env.ORBIT_POSTGRES_BIN) candidates.push(process.env.ORBIT_POSTGRES_BIN);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) candidates.push(dir);
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    // Not Debian's layout.
  }
  const binDir = candidates.find((dir) => ['initdb', 'pg_ctl', 'psql'].every((b) => existsSync(path.join(dir, b))));
  if (!binDir) {
    return {
      found: false,
      reason:
        'No PostgreSQL server binaries (initdb, pg_ctl, psql) on PATH or in /usr/lib/postgresql/*/bin. ' +
        'Install them (Debian: `apt-get install postgresql`) or set ORBIT_POSTGRES_BIN.',
    };
  }
  if (!isExecutable(path.join(binDir, 'initdb'))) return { found: false, reason: `${binDir}/initdb does not run.` };
  if (isRoot && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return { found: false, reason: 'Running as root, and initdb refuses root: a `postgres` system user is needed to own the cluster.' };
  }
  const version = spawnSync(path.join(binDir, 'initdb'), ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^initdb \(PostgreSQL\)/, 'PostgreSQL');
  return { found: true, binDir, version };
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Runs a PostgreSQL binary as the cluster's owner (the `postgres` user when we are root). */
function runAs(binDir, tool, args, options = {}) {
  const file = path.join(binDir, tool);
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    throw new Error(`${tool} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
  return result.stdout;
}

/**
 * Starts a fresh cluster and resolves with its URLs. `url` is for the app role (owner of database `orbit`, may
 * create scratch databases), `socketDir` + `port` reach it as superuser over the unix socket.
 */
export async function startPostgres({ log = console.log } = {}) {
  const found = findPostgres();
  if (!found.found) throw new Error(found.reason);
  const { binDir } = found;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'orbit-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  let started = false;
  let port = 0;

  const stopSync = () => {
    if (started) {
      started = false;
      try {
        runAs(binDir, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30'], { stdio: 'pipe' });
      } catch {
        try {
          runAs(binDir, 'pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '10'], { stdio: 'pipe' });
        } catch {
          // Already gone.
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // process.exit() from a signal handler or a crash still runs 'exit' listeners; they must be synchronous.
  process.once('exit', stopSync);

  try {
    if (isRoot) {
      const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
      const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    // Trust only on the unix socket, inside a 0700 directory; TCP (127.0.0.1) needs the role's password.
    runAs(binDir, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      stdio: 'pipe',
    });

    for (let candidate = Number(process.env.ORBIT_POSTGRES_PORT || 55432), tries = 0; tries <= PORT_RANGE[1] - PORT_RANGE[0]; tries++) {
      if (candidate > PORT_RANGE[1] || candidate < PORT_RANGE[0]) candidate = PORT_RANGE[0];
      if (await portIsFree(candidate)) {
        const options = [
          '-c listen_addresses=127.0.0.1',
          `-p ${candidate}`,
          `-k ${dir}`,
          // A throwaway cluster: durability buys nothing, and the machine is shared.
          '-c fsync=off',
          '-c synchronous_commit=off',
          '-c full_page_writes=off',
        ].join(' ');
        try {
          runAs(binDir, 'pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options], { stdio: 'pipe' });
          port = candidate;
          started = true;
          break;
        } catch {
          // Taken between the check and the start: try the next one.
        }
      }
      candidate++;
    }
    if (!started) throw new Error(`No free port in ${PORT_RANGE.join('-')} for PostgreSQL.`);

    const password = randomBytes(18).toString('base64url');
    const sql = `create role orbit login createdb password '${password}'; create database orbit owner orbit;`;
    const sqlFile = path.join(dir, 'setup.sql');
    writeFileSync(sqlFile, sql, { mode: 0o644 });
    runAs(binDir, 'psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-q', '-f', sqlFile], { stdio: 'pipe' });
    rmSync(sqlFile);

    const url = `postgres://orbit:${password}@127.0.0.1:${port}/orbit`;
    log(`PostgreSQL: ${found.version} on 127.0.0.1:${port} (throwaway cluster in ${dir})`);
    return {
      url,
      port,
      dir,
      version: found.version,
      stop: () => {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--start')) {
    const pg = await startPostgres();
    console.log(`DATABASE_URL=${pg.url}`);
    const stop = () => {
      pg.stop();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    setInterval(() => {}, 1 << 30);
  } else {
    const found = findPostgres();
    console.log(found.found ? `${found.version} (${found.binDir})` : found.reason);
    process.exit(found.found ? 0 : 1);
  }
}
