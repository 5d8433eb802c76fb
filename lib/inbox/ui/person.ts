// How a person is named in the inbox: the name or handle Orbit set, else its distinct id.
import { str, type Json } from './types';

export function personLabel(properties: Json, fallback: string): string {
  return str(properties.name) ?? str(properties.username) ?? str(properties.$name) ?? fallback;
}
