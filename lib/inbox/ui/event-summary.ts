// One line that says what an event was about, so a stream can be read without opening every event.
import { eventPath } from './funnel';
import type { Json } from '@/lib/inbox/rows';
import { str } from '@/lib/inbox/json';

function autocaptureTarget(p: Json): string {
  const chain = str(p.$elements_chain);
  const tag = chain ? (chain.match(/^([a-zA-Z0-9-]+)/)?.[1] ?? null) : null;
  const text = str(p.$el_text) ?? (chain ? (chain.match(/text="([^"]*)"/)?.[1] ?? null) : null);
  return [tag ? `<${tag}>` : null, text ? `“${text.slice(0, 60)}”` : null].filter(Boolean).join(' ') || 'element';
}

const isCustom = (k: string) => !k.startsWith('$') && k !== 'token' && k !== 'distinct_id';

function customProps(p: Json, max = 3): string {
  return Object.entries(p)
    .filter(([k]) => isCustom(k))
    .slice(0, max)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
}

export function eventSummary(event: string, p: Json): string {
  switch (event) {
    case '$pageview':
    case '$pageleave':
      return eventPath(p) ?? str(p.$current_url) ?? '';
    case '$autocapture':
      return `${str(p.$event_type) ?? 'click'} on ${autocaptureTarget(p)}`;
    case '$rageclick':
    case '$dead_click':
      return autocaptureTarget(p);
    case '$identify':
      return `identified${str(p.$anon_distinct_id) ? ` (was ${p.$anon_distinct_id as string})` : ''}`;
    case '$create_alias':
      return `alias ${str(p.alias) ?? ''}`;
    case '$groupidentify':
      return `${str(p.$group_type) ?? 'group'} ${str(p.$group_key) ?? ''}`;
    case '$exception': {
      const list = p.$exception_list;
      const first = Array.isArray(list) ? (list[0] as Json | undefined) : undefined;
      return [str(first?.type), str(first?.value)].filter(Boolean).join(': ') || (str(p.$exception_message) ?? '');
    }
    case '$feature_flag_called':
      return `${str(p.$feature_flag) ?? ''} → ${JSON.stringify(p.$feature_flag_response)}`;
    case '$web_vitals':
      return Object.entries(p)
        .filter(([k]) => /^\$web_vitals_[A-Z]+_value$/.test(k))
        .map(([k, v]) => `${k.replace(/^\$web_vitals_|_value$/g, '')} ${Math.round(Number(v))}`)
        .join(' · ');
    default:
      return customProps(p) || (eventPath(p) ?? '');
  }
}

/** Properties split the way a developer reads them: the ones Orbit sent, then the ones the SDK added. */
export function splitProperties(p: Json): { custom: Json; sdk: Json } {
  const custom: Json = {};
  const sdk: Json = {};
  for (const [k, v] of Object.entries(p)) (isCustom(k) ? custom : sdk)[k] = v;
  return { custom, sdk };
}
