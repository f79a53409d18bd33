import type { changeStaffEn } from '../en/change-staff';
import type { WelshCatalogue } from '../index';

// Cymraeg: the same keys and {placeholders} as en/changeStaff.ts.
export const changeStaffCy: WelshCatalogue<typeof changeStaffEn> = {
	'changeStaff.queue.title': 'Ceisiadau i newid',
	'changeStaff.queue.caption': 'Ymweliadau wedi’u trefnu y gofynnodd y teulu am eu newid, yr hynaf yn gyntaf',
	'changeStaff.queue.none': 'Dim ymweliadau wedi’u trefnu yn aros am newid.',
	'changeStaff.queue.current': 'Wedi’i drefnu nawr',
	'changeStaff.queue.asked': 'Gofynnwyd am',
	'changeStaff.queue.party.one': 'Pwy sy’n dod: {count} person',
	'changeStaff.queue.party.other': 'Pwy sy’n dod: {count} o bobl',
	'changeStaff.tag': 'Gofynnwyd am newid',
	'changeStaff.title': 'Gofynnodd y teulu am newid yr ymweliad hwn',
	'changeStaff.current': 'Wedi’i drefnu nawr: {when}',
	'changeStaff.legend': 'Beth ydych chi am ei wneud gyda’r newid?',
	'changeStaff.confirm': 'Symud yr ymweliad i un o’r amseroedd y gofynnwyd amdanynt',
	'changeStaff.reject': 'Gwrthod y newid a chadw’r amser a drefnwyd',
	'changeStaff.confirm.slot': 'Pa amser?',
	'changeStaff.confirm.submit': 'Symud yr ymweliad',
	'changeStaff.reject.submit': 'Gwrthod y newid',
	'changeStaff.reject.reasons': 'Pam na ellir symud yr ymweliad?',
	'changeStaff.decided': 'Newid wedi’i anfon',
	'changeStaff.timeStays': 'Mae’r amser yn aros fel y’i trefnwyd.',
	'changeStaff.party.title': 'Pwy fyddai’n dod',
	'changeStaff.party.added': 'Wedi’u hychwanegu: {names}',
	'changeStaff.party.removed': 'Ddim yn dod mwyach: {names}',
	'changeStaff.party.same': 'Yr un bobl, gyda manylion wedi’u cywiro',
	'changeStaff.confirm.party': 'Gwneud y newid',
	'changeStaff.confirm.party.submit': 'Gwneud y newid'
};
