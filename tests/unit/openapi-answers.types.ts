// Compiled by `npm run check` (tsconfig.server.json), never run: each answer schema of the OpenAPI
// document (server/openapi/answers.ts) describes exactly the TypeScript type the handler answers
// with. A field added to a type and not to its schema (or the other way) fails tsc here. Answers
// whose type is declared only on the server are the schema's own type (z.output), so need no pair.
import type { z } from 'zod';
import type * as A from '../../server/openapi/answers';
import type { ArrivalAnswer, GateDayList } from '../../src/lib/shared/gate/answers';
import type { Report } from '../../src/lib/shared/report';
import type { AdminStaffUserView, SetPasswordLinkView } from '../../src/lib/shared/schemas-admin';
import type { DataExport, ForgetResult } from '../../src/lib/shared/schemas-privacy';
import type { AccountView, SignInOptions, SignInStart } from '../../src/lib/shared/schemas-accounts';
import type {
	Calendar,
	Closure,
	HitVisit,
	Prison,
	StaffSessionView,
	StaffUser,
	StaffVisitRequest,
	TimetableSlot,
	VisitRequest
} from '../../src/lib/shared/answers';
import type { Ban } from '../../src/lib/shared/rules/flags';

/** True when A and B accept the same values (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;

export const answersMatchTypes: [
	Same<Out<typeof A.PrisonAnswer>, Prison>,
	Same<Out<typeof A.CalendarAnswer>, Calendar>,
	Same<Out<typeof A.VisitRequestAnswer>, VisitRequest>,
	Same<Out<typeof A.StaffVisitRequestAnswer>, StaffVisitRequest>,
	Same<Out<typeof A.GateDayListAnswer>, GateDayList>,
	Same<Out<typeof A.ArrivalAnswer>, ArrivalAnswer>,
	Same<Out<typeof A.BanAnswer>, Ban>,
	Same<Out<typeof A.ReportAnswer>, Report>,
	Same<Out<typeof A.StaffUserAnswer>, StaffUser>,
	Same<Out<typeof A.StaffSessionAnswer>, StaffSessionView>,
	Same<Out<typeof A.AdminStaffUserAnswer>, AdminStaffUserView>,
	Same<Out<typeof A.SetPasswordLinkAnswer>, SetPasswordLinkView>,
	Same<Out<typeof A.DataExportAnswer>, DataExport>,
	Same<Out<typeof A.ForgetAnswer>, ForgetResult>,
	Same<Out<typeof A.TimetableAnswer>, { prisonId: string; slots: TimetableSlot[] }>,
	Same<Out<typeof A.ClosuresAnswer>, { prisonId: string; closures: Closure[] }>,
	Same<Out<typeof A.AddedClosureAnswer>, Closure & { cancelled: HitVisit[] }>,
	Same<Out<typeof A.SignInOptionsAnswer>, SignInOptions>,
	Same<Out<typeof A.AccountAnswer>, AccountView>,
	Same<Out<typeof A.SignInStartAnswer>, SignInStart>
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
