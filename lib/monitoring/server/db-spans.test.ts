import { describe, expect, it } from 'vitest';
import { sanitizeSql } from './db-spans';

describe('sanitizeSql', () => {
  it('keeps placeholders and identifiers, drops literals', () => {
    expect(sanitizeSql('select "id" from "projects" where "workspace_id" = $1 limit $2')).toBe('select "id" from "projects" where "workspace_id" = $1 limit $2');
    expect(sanitizeSql("update users set email = 'a@b.io', age = 42 where id = 'u1'")).toBe('update users set email = ?, age = ? where id = ?');
    expect(sanitizeSql("select 'it''s'  ,\n  3.5 from t2")).toBe('select ? , ? from t2');
  });
});
