// validateEvent/guardEvent: valid payloads pass, invalid keys are dropped and named (never their values), and the
// throw/drop policy behaves as the SDK wrappers rely on.
import { describe, expect, it, vi } from 'vitest';
import { catalog, EVENT_NAMES, type EventDefinition } from './catalog';
import { guardEvent, InvalidEventError, validateEvent, type InvalidEventReport } from './validate';

const task = catalog['task.created'].example;

describe('validateEvent', () => {
  it.each(EVENT_NAMES)('accepts the catalog example of %s', (name) => {
    const example = (catalog[name] as EventDefinition).example;
    const result = validateEvent(name, example);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.properties).toEqual(example);
  });

  it('rejects an unknown key and returns the payload without it', () => {
    const result = validateEvent('task.created', { ...task, email: 'jane@example.com' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ path: 'email', code: 'unrecognized_keys', message: '"email" is not a property of task.created' }]);
    expect(result.droppedKeys).toEqual(['email']);
    expect(result.properties).toEqual(task);
  });

  it('rejects wrong types and drops exactly the offending keys', () => {
    const result = validateEvent('api.request', {
      endpoint: '/api/projects',
      method: 'FETCH',
      status: '200',
      duration_ms: 3.5,
      sample_rate: 0.1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.code])).toEqual([
      ['method', 'invalid_value'],
      ['status', 'invalid_type'],
    ]);
    expect(result.droppedKeys).toEqual(['method', 'status']);
    expect(result.properties).toEqual({ endpoint: '/api/projects', duration_ms: 3.5, sample_rate: 0.1 });
  });

  it('reports a missing required key without inventing a value', () => {
    const result = validateEvent('checkout.failed', { plan: 'pro', provider: 'local', workspace_id: 'ws_1abc' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['reason']);
    expect(result.droppedKeys).toEqual([]);
    expect(result.properties).toEqual({ plan: 'pro', provider: 'local', workspace_id: 'ws_1abc' });
  });

  it('drops an invalid element inside an array property as a whole key', () => {
    const result = validateEvent('onboarding.completed', { skipped_steps: ['profile', 'welcome'], workspace_id: 'ws_1abc' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['skipped_steps.1']);
    expect(result.properties).toEqual({ workspace_id: 'ws_1abc' });
  });

  it('never puts a value into an issue', () => {
    const secret = '4242424242424242';
    const result = validateEvent('checkout.failed', { plan: 'pro', provider: 'local', workspace_id: 'ws_1abc', reason: secret, card_number: secret });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(JSON.stringify(result.issues)).not.toContain(secret);
    expect(JSON.stringify(result.properties)).not.toContain(secret);
  });

  it('treats a missing payload as empty, for events without properties', () => {
    expect(validateEvent('auth.logged_out', undefined)).toEqual({ ok: true, properties: {} });
    expect(validateEvent('task.created', undefined).ok).toBe(false);
  });

  it('rejects a payload that is not an object', () => {
    for (const props of [null, 'task', 42, [task]]) {
      const result = validateEvent('task.created', props);
      expect(result).toMatchObject({ ok: false, properties: {}, droppedKeys: [] });
    }
  });

  it('rejects a name outside the catalog, including PostHog $ events and prototype keys', () => {
    for (const name of ['task.exploded', '$pageview', 'toString', '__proto__']) {
      const result = validateEvent(name, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues[0]?.code).toBe('unknown_event');
    }
  });
});

describe('guardEvent', () => {
  it('returns the parsed properties of a valid event in both modes', () => {
    expect(guardEvent('task.created', task, { mode: 'throw' })).toEqual(task);
    expect(guardEvent('task.created', task, { mode: 'drop' })).toEqual(task);
  });

  it('throws in throw mode (development), naming the keys', () => {
    expect(() => guardEvent('task.created', { ...task, phone: '+1 555 0100' }, { mode: 'throw' })).toThrow(InvalidEventError);
    expect(() => guardEvent('task.created', { ...task, phone: '+1 555 0100' }, { mode: 'throw' })).toThrow(
      'Invalid analytics event "task.created": phone: "phone" is not a property of task.created',
    );
  });

  it('drops and reports in drop mode (production)', () => {
    const report = vi.fn<(r: InvalidEventReport) => void>();
    const props = guardEvent('task.created', { ...task, workspace_id: 7, extra: true }, { mode: 'drop', report });
    expect(props).toEqual({ task_id: task.task_id, project_id: task.project_id });
    expect(report).toHaveBeenCalledTimes(1);
    expect(report.mock.calls[0]?.[0]).toMatchObject({ event: 'task.created', droppedKeys: ['workspace_id', 'extra'] });
  });

  it('does not send an unknown event in drop mode, and survives a throwing reporter', () => {
    const props = guardEvent('task.exploded', { a: 1 }, {
      mode: 'drop',
      report: () => {
        throw new Error('reporter down');
      },
    });
    expect(props).toBeNull();
  });
});
