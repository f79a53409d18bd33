import { formatDate, formatTimeRange } from '../shared/format';
import { slotLine } from './slot-line';
import type { ShownRequest } from './visit-status';
import type { CalendarDay } from '../shared/answers';

/** When a visit is (booked) or which times were asked for, one line each. */
export function visitWhen(request: Pick<ShownRequest, 'bookedSlot' | 'slots' | 'input'>, days: readonly CalendarDay[] = []): string[] {
	if (request.bookedSlot)
		return [`${formatDate(request.bookedSlot.date)}, ${formatTimeRange(request.bookedSlot.start, request.bookedSlot.end)}`];
	return (request.slots ?? request.input.slots).map((slot, index) => `${index + 1}. ${slotLine(slot, days)}`);
}
