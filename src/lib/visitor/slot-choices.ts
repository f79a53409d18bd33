import { LIMITS } from '../shared/domain';
import type { SlotRef } from '../shared/schemas';

/*
 * The visitor's chosen times, in order of preference. Pure list edits so the page stays thin and
 * the order rules are tested on their own.
 */

export const sameSlot = (a: SlotRef, b: SlotRef): boolean => a.date === b.date && a.start === b.start;

/** Ticks a time (added last, as the least preferred) or unticks it; never more than three. */
export function toggleChoice(choices: readonly SlotRef[], slot: SlotRef, chosen: boolean): SlotRef[] {
	const without = choices.filter((c) => !sameSlot(c, slot));
	if (!chosen) return without;
	if (without.length >= LIMITS.maxSlotsPerRequest) return [...choices];
	return [...without, { date: slot.date, start: slot.start }];
}

/** Moves a choice one place up (-1) or down (+1); out of range leaves the list as it was. */
export function moveChoice(choices: readonly SlotRef[], index: number, by: -1 | 1): SlotRef[] {
	const target = index + by;
	if (index < 0 || index >= choices.length || target < 0 || target >= choices.length) return [...choices];
	const next = [...choices];
	[next[index], next[target]] = [next[target] as SlotRef, next[index] as SlotRef];
	return next;
}
