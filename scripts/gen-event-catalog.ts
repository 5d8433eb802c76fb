// Writes docs/event-catalog.md from lib/analytics/catalog.ts (`npm run analytics:catalog`).
// `--check` writes nothing and exits 1 when the committed doc is stale (for CI).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EVENT_CATALOG_DOC_PATH, renderEventCatalogDoc } from '@/lib/analytics/catalog-doc';

const target = path.resolve(process.cwd(), EVENT_CATALOG_DOC_PATH);
const rendered = renderEventCatalogDoc();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing doc is stale too.
  }
  if (current !== rendered) {
    console.error(`${EVENT_CATALOG_DOC_PATH} is stale: run \`npm run analytics:catalog\`.`);
    process.exit(1);
  }
  console.log(`${EVENT_CATALOG_DOC_PATH} is up to date.`);
} else {
  writeFileSync(target, rendered);
  console.log(`Wrote ${EVENT_CATALOG_DOC_PATH}.`);
}
