import { PGlite } from '@electric-sql/pglite';
import { cpSync, rmSync, mkdtempSync } from 'node:fs';
const [src, sql] = [process.argv[2], process.argv[3]];
const tmp = mkdtempSync('/tmp/pgq-'); cpSync(src, tmp, { recursive: true }); rmSync(`${tmp}/postmaster.pid`, { force: true });
const db = new PGlite(tmp);
const r = await db.query(sql);
console.log(JSON.stringify(r.rows, null, 0).slice(0, 6000));
await db.close(); rmSync(tmp, { recursive: true, force: true });
