import type { StaffEvent } from '../../src/lib/shared/staff-events';
import type { AppEvent } from '../app-events';

/** What staff pages hear about an application event. */
export function staffEventOf(event: AppEvent): StaffEvent {
	switch (event.type) {
		case 'visit-request.created':
			return { name: 'request.created', prisonId: event.prisonId, requestId: event.requestId };
		case 'visit-request.status-changed':
		case 'visit-request.arrived':
		case 'visit-request.change-requested':
			return { name: 'request.changed', prisonId: event.prisonId, requestId: event.requestId };
		case 'prison.timetable-changed':
		case 'prison.closures-changed':
			return { name: 'calendar.changed', prisonId: event.prisonId };
	}
}
