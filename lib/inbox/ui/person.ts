// How a person is named in the inbox: the name or handle Orbit set, else its distinct id.
import type { Json } from '@/lib/inbox/rows';
import { str } from '@/lib/inbox/json';

export function personLabel(properties: Json, fallback: string): string {
  return str(properties.name) ?? str(properties.username) ?? str(properties.$name) ?? fallback;
}
