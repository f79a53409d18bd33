// The API's shapes as the device uses them, under the names the device code reads best with.
// Answers are described in ../shared/types, bodies in ../shared/schemas; nothing is redeclared here.
export type { RequestStatus } from '../shared/domain';
export type { SlotRef, VisitRequestInput } from '../shared/schemas';
export type { PushPayload } from '../shared/schemas-push';
export type {
	ApiErrorBody,
	Calendar as CalendarResponse,
	CalendarDay,
	CalendarSlot,
	DayVisitList,
	HitVisit,
	Prison as ServerPrison,
	StaffVisitRequest,
	VisitRequest as ServerVisitRequest,
	VisitorDetails
} from '../shared/types';
