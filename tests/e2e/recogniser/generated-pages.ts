import type { Case } from './table.js';
export function generatedCases(): Case[] {
  return [];
}
